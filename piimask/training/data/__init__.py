"""The sentence generator's data: value pools and drawers (`values`), templates and their train/held-out split
(`templates`). `piimask.training.render` turns them into annotated sentences.

Everything here (templates, hand lists) is written for this project. presidio-evaluator's generator is the
held-out benchmark, so none of its templates or data may be used or looked at.

Annotation conventions (the model learns exactly these; the model card repeats them):
- PERSON: the name only. Honorifics ("Dr.", "Mrs.", "Herr") and possessive "'s" are outside the span; initials
  ("J. Smith", "A.K. Patel") and hyphenated names are inside.
- LOCATION: cities, countries, states/regions, and street addresses. A full address ("12 Elm St, Leeds LS1 4AB",
  also across lines in forms and letters) is ONE span, from the house number to the postcode.
- ORGANIZATION: companies, banks, hospitals, universities, agencies, councils with a proper name. Generic phrases
  ("the bank", "the city council", "our hospital") stay O.
- DATE_TIME: explicit dates, times, timestamps, months, years, weekdays and weekday phrases ("last Tuesday",
  "next Friday", "Mondays"). "today", "tomorrow", "yesterday", "next week", "last month", "this month", "last night",
  seasons and durations ("12.4s", "3 hours") stay O: they identify nobody.
- NRP: nationalities, religions and political groups ("Brazilian", "Catholic", "Democrat"), also on food, places
  and things ("a Korean bakery"). The category words ("religion", "politics", "nationality"), topics ("immigration
  policy"), music genres, diets, instruments, hobbies, art movements, animals, product categories and adjectives
  are O. A nationality inside a country name is LOCATION ("the Czech Republic"); languages used as languages are O
  ("studying Spanish"). "Swedish designer Valter Holm" is NRP + O + PERSON; names used as modifiers ("a lifelong
  Ana Lima fan") and names spelled like NRP words ("Christian English") are PERSON.
  Person nouns and collectives are NRP too ("a Swede", "the Dutch", "Kenyans"), and so are citizenship words
  ("a US citizen": "US"; "EU nationals": "EU").
- AGE: the number only: "42" in "42 years old", "aged 42", "42-year-old", "Age: 42". The words stay O.
- TITLE: job titles, occupations and positions ("Web designer", "Senior Data Analyst", "forklift operator",
  "Chief Financial Officer", "Head of Finance"), seniority words included, wherever a text states one: signatures,
  forms ("Job title: ..."), HR and CRM notes, bios ("works as a ..."), postings, "appointed ... of ...". Bare role
  nouns in running prose stay O, as in v2 ("Swedish designer Valter Holm", "ask the driver", "our manager"), and
  so do plurals of occupations ("nurses went on strike") and fields of study ("a degree in law"). Honorifics
  ("Dr.", "Mrs", "Herr") stay O for the model: piimask's pattern recognizer reports them as TITLE.
  Departments and teams ("the finance team", "HR") stay O.
- ORGANIZATION next to a person: "Novatech's Jo Reyes" is ORGANIZATION + O ("'s") + PERSON; "Ana Lima of
  Acme Corp." is PERSON + O + ORGANIZATION. Legal suffixes ("Inc.", "NV", "ASA", "Co., Ltd.") and share-class
  words of listed securities and funds ("iShares Core MSCI World UCITS ETF USD (Acc)", "VANG FTSE/AW USD DIS")
  are inside the ORGANIZATION span.
- Emails, phone numbers, card numbers, IBANs, SSNs, IPs and URLs appear in the text but are O: the pattern
  recognizers own them, and the model must learn not to call them PERSON or ORGANIZATION.
"""
