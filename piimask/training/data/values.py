"""Synthetic training sentences with character-offset entity annotations, for the PII token classifier.

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

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from faker import Faker

ENTITY_TYPES: tuple[str, ...] = ("PERSON", "LOCATION", "ORGANIZATION", "DATE_TIME", "NRP", "AGE", "TITLE")

# Every HELD_OUT_EVERY-th template (by position in TEMPLATES) is never used for training.
HELD_OUT_EVERY = 7
HELD_OUT_OFFSET = 3

NO_ENTITY_RATIO = 0.15
LOWER_CASE_RATIO = 0.15
UPPER_CASE_RATIO = 0.03
VALUE_LOWER_RATIO = 0.06  # one value lower-cased inside otherwise normal text ("call maria gonzalez")
TYPO_RATIO = 0.04


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    spans: list[tuple[int, int, str]]  # (start, end, label), Python string indices
    template_id: str


# --------------------------------------------------------------------------------------------------------------
# Hand lists. Latin-script spellings, many cultures: Faker covers Europe and the Americas well, the rest is here.
# --------------------------------------------------------------------------------------------------------------

_FIRST_NAMES: dict[str, list[str]] = {
    "nigerian": ["Chinedu", "Ngozi", "Oluwaseun", "Adebayo", "Folake", "Emeka", "Chiamaka", "Tunde", "Yetunde",
                 "Ifeoma", "Obinna", "Kemi", "Babajide", "Nneka", "Uchenna", "Funmilayo"],
    "west_east_african": ["Kwame", "Ama", "Kofi", "Abena", "Wanjiru", "Otieno", "Amara", "Thabo", "Zanele",
                          "Tendai", "Achieng", "Kwabena", "Nia", "Sipho", "Lerato", "Abebe"],
    "indian": ["Priya", "Rahul", "Ananya", "Vikram", "Lakshmi", "Arjun", "Deepika", "Sanjay", "Meera", "Rohan",
               "Kavya", "Aditya", "Suresh", "Pooja", "Harpreet", "Venkatesh", "Divya", "Karthik"],
    "chinese": ["Wei", "Fang", "Jing", "Hao", "Xiaoming", "Yan", "Zhiwei", "Mei", "Jun", "Xin", "Yuxuan",
                "Lihua", "Qiang", "Ying", "Bo", "Xiuying"],
    "arabic": ["Mohammed", "Fatima", "Ahmed", "Aisha", "Omar", "Layla", "Youssef", "Mariam", "Khalid", "Noor",
               "Hassan", "Zainab", "Tariq", "Salma", "Karim", "Huda"],
    "vietnamese": ["Minh", "Lan", "Huong", "Tuan", "Linh", "Duc", "Thao", "Quang", "Hanh", "Phuong", "Bao", "Trang"],
    "korean": ["Min-jun", "Seo-yeon", "Ji-hoon", "Ha-eun", "Dong-hyun", "Soo-ah", "Jae-won", "Yuna", "Hyun-woo",
               "Ji-woo", "Sung-min", "Eun-ji"],
    "slavic": ["Dmitri", "Olga", "Sergei", "Natalia", "Ivan", "Svetlana", "Oleksandr", "Yulia", "Bogdan",
               "Katarzyna", "Milan", "Jelena"],
    "persian_turkish": ["Reza", "Shirin", "Dariush", "Parisa", "Mehmet", "Elif", "Emre", "Zeynep", "Arash", "Leyla"],
    "other": ["Aroha", "Tane", "Keanu", "Malia", "Sione", "Ingrid", "Sven", "Astrid", "Siobhan", "Niamh",
              "Padraig", "Dolores", "Ximena", "Joaquín", "Chloé", "Björn"],
}

_LAST_NAMES: dict[str, list[str]] = {
    "nigerian": ["Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Nwosu", "Ogunleye", "Abubakar", "Bello",
                 "Okoro", "Adebayo", "Chukwu", "Olawale", "Nnamdi"],
    "west_east_african": ["Mensah", "Boateng", "Asante", "Kamau", "Odhiambo", "Mwangi", "Nkosi", "Dlamini", "Moyo",
                          "Tesfaye", "Haile", "Owusu", "Kariuki", "Banda"],
    "indian": ["Sharma", "Patel", "Iyer", "Reddy", "Gupta", "Nair", "Banerjee", "Singh", "Chatterjee", "Menon",
               "Desai", "Kulkarni", "Rao", "Joshi", "Mukherjee", "Pillai"],
    "chinese": ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma",
                "Zhu", "Hu", "Guo"],
    "arabic": ["Al-Sayed", "Haddad", "Khalil", "Mansour", "Nasser", "El-Amin", "Farouk", "Hamdan", "Abdullah",
               "Rahman", "Saleh", "Aziz", "Al-Farsi", "Qureshi"],
    "vietnamese": ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do", "Ngo", "Duong", "Ly"],
    "korean": ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Shin"],
    "slavic": ["Ivanov", "Petrova", "Smirnov", "Kuznetsova", "Shevchenko", "Kovalenko", "Popov", "Volkova",
               "Nowak", "Kowalski", "Horvat", "Novak"],
    "persian_turkish": ["Hosseini", "Tehrani", "Karimi", "Ahmadi", "Yilmaz", "Demir", "Kaya", "Sahin", "Ozturk"],
    "other": ["O'Brien", "MacLeod", "Ní Bhriain", "van der Berg", "de la Cruz", "Fitzgerald", "Lindqvist",
              "Tuilagi", "Ngata", "Kealoha", "D'Angelo", "St. John"],
}

# First names that are also common words: the model has to use context, not the word.
_WORDLIKE_FIRST = ["Will", "Rose", "May", "Mark", "Bill", "Grace", "Hope", "June", "April", "Faith", "Joy",
                   "Dawn", "Summer", "Hunter", "Chase", "Jade", "Ruby", "Angel", "Sunny", "Iris", "Frank", "Art"]

_TITLES = ["Dr.", "Mr.", "Mrs.", "Ms.", "Miss", "Prof.", "Dr", "Mr", "Mrs", "Ms", "Sir", "Dame", "Rev.",
           "Herr", "Frau", "Mme", "Sr.", "Sra.", "Mx", "Mx.", "Capt.", "Lord", "Lady", "Fr.", "Sgt.", "Prof",
           "Mlle", "Dra.", "Rev", "Insp.", "Hon."]

_REAL_CITIES = [
    "London", "Manchester", "Leeds", "Glasgow", "Cardiff", "Belfast", "Dublin", "Cork", "Paris", "Lyon",
    "Marseille", "Toulouse", "Berlin", "Munich", "Hamburg", "Cologne", "Frankfurt", "Vienna", "Zurich", "Geneva",
    "Madrid", "Barcelona", "Valencia", "Seville", "Lisbon", "Porto", "Rome", "Milan", "Naples", "Turin",
    "Amsterdam", "Rotterdam", "Utrecht", "Brussels", "Antwerp", "Copenhagen", "Stockholm", "Oslo", "Helsinki",
    "Warsaw", "Krakow", "Gdansk", "Prague", "Budapest", "Bucharest", "Sofia", "Athens", "Istanbul", "Ankara",
    "Kyiv", "Lviv", "Moscow", "Tbilisi", "Cairo", "Alexandria", "Casablanca", "Tunis", "Lagos", "Abuja", "Ibadan",
    "Accra", "Kumasi", "Nairobi", "Mombasa", "Kampala", "Kigali", "Addis Ababa", "Dar es Salaam", "Johannesburg",
    "Cape Town", "Durban", "Harare", "Lusaka", "Dakar", "Dubai", "Abu Dhabi", "Riyadh", "Jeddah", "Doha", "Amman",
    "Beirut", "Tehran", "Karachi", "Lahore", "Islamabad", "Mumbai", "Delhi", "New Delhi", "Bengaluru", "Chennai",
    "Hyderabad", "Kolkata", "Pune", "Dhaka", "Colombo", "Kathmandu", "Bangkok", "Chiang Mai", "Hanoi",
    "Ho Chi Minh City", "Da Nang", "Kuala Lumpur", "Singapore", "Jakarta", "Manila", "Cebu", "Beijing", "Shanghai",
    "Shenzhen", "Guangzhou", "Chengdu", "Hong Kong", "Taipei", "Seoul", "Busan", "Tokyo", "Osaka", "Kyoto",
    "Sapporo", "Sydney", "Melbourne", "Brisbane", "Perth", "Auckland", "Wellington", "New York", "Los Angeles",
    "Chicago", "Houston", "Phoenix", "Philadelphia", "San Antonio", "San Diego", "Dallas", "Austin", "Seattle",
    "Denver", "Boston", "Atlanta", "Miami", "Detroit", "Portland", "Nashville", "New Orleans", "Toronto",
    "Montreal", "Vancouver", "Calgary", "Ottawa", "Mexico City", "Guadalajara", "Monterrey", "Bogotá", "Medellín",
    "Lima", "Quito", "Santiago", "Buenos Aires", "Córdoba", "Montevideo", "São Paulo", "Rio de Janeiro",
    "Belo Horizonte", "Recife", "Caracas", "Havana", "San Juan", "Springfield", "Reykjavik", "Tallinn", "Riga",
]

_COUNTRIES = [
    "United States", "USA", "the United States", "Canada", "Mexico", "Brazil", "Argentina", "Chile", "Colombia",
    "Peru", "United Kingdom", "the UK", "UK", "England", "Scotland", "Wales", "Ireland", "France", "Germany",
    "Spain", "Portugal", "Italy", "the Netherlands", "Belgium", "Switzerland", "Austria", "Poland", "Czechia",
    "Hungary", "Romania", "Greece", "Turkey", "Ukraine", "Russia", "Sweden", "Norway", "Denmark", "Finland",
    "Iceland", "Egypt", "Morocco", "Nigeria", "Ghana", "Kenya", "Uganda", "Ethiopia", "South Africa", "Zimbabwe",
    "Senegal", "Saudi Arabia", "the UAE", "Qatar", "Jordan", "Lebanon", "Israel", "Iran", "Pakistan", "India",
    "Bangladesh", "Sri Lanka", "Nepal", "China", "Japan", "South Korea", "Korea", "Vietnam", "Thailand",
    "Malaysia", "Singapore", "Indonesia", "the Philippines", "Australia", "New Zealand", "Cuba", "Jamaica",
    "the Czech Republic", "Czech Republic", "the Dominican Republic", "the Central African Republic",
    "North Macedonia", "the Republic of Ireland", "the Slovak Republic", "Papua New Guinea", "Equatorial Guinea",
]

_REGIONS = [
    "Bavaria", "Catalonia", "Lombardy", "Tuscany", "Andalusia", "Brittany", "Normandy", "Ontario", "Quebec",
    "British Columbia", "Alberta", "Queensland", "Victoria", "New South Wales", "Maharashtra", "Karnataka",
    "Tamil Nadu", "Kerala", "Punjab", "Lagos State", "Rift Valley", "Gauteng", "Yorkshire", "Cornwall", "Kent",
    "Flanders", "Silesia", "Scania", "Hokkaido", "Guangdong", "Sichuan", "Jalisco", "Minas Gerais", "Patagonia",
]

_NATIONALITIES = [
    "American", "Canadian", "Mexican", "Brazilian", "Argentinian", "Chilean", "Colombian", "Peruvian", "British",
    "English", "Scottish", "Welsh", "Irish", "French", "German", "Spanish", "Portuguese", "Italian", "Dutch",
    "Belgian", "Swiss", "Austrian", "Polish", "Czech", "Hungarian", "Romanian", "Greek", "Turkish", "Ukrainian",
    "Russian", "Swedish", "Norwegian", "Danish", "Finnish", "Egyptian", "Moroccan", "Nigerian", "Ghanaian",
    "Kenyan", "Ethiopian", "South African", "Somali", "Saudi", "Emirati", "Jordanian", "Lebanese", "Israeli",
    "Palestinian", "Iranian", "Afghan", "Pakistani", "Indian", "Bangladeshi", "Sri Lankan", "Nepali", "Chinese",
    "Japanese", "Korean", "Vietnamese", "Thai", "Malaysian", "Indonesian", "Filipino", "Australian",
    "New Zealander", "Cuban", "Jamaican", "Haitian", "Syrian", "Iraqi", "Kurdish", "Armenian",
]
# More demonyms (adjective form), then ethnic, regional and historical groups. (Group words that the detection
# bench reported as misses are deliberately NOT listed, so the bench measures whether the lesson generalises.)
_NATIONALITIES_MORE = [
    "Albanian", "Algerian", "Andorran", "Angolan", "Azerbaijani", "Bahamian", "Bahraini", "Barbadian", "Belarusian",
    "Belizean", "Beninese", "Bhutanese", "Bolivian", "Bosnian", "Botswanan", "Bruneian", "Bulgarian", "Burkinabe",
    "Burmese", "Burundian", "Cambodian", "Cameroonian", "Cape Verdean", "Chadian", "Congolese", "Costa Rican",
    "Croatian", "Cypriot", "Djiboutian", "Dominican", "Ecuadorian", "Salvadoran", "Eritrean", "Estonian",
    "Fijian", "Gabonese", "Gambian", "Georgian", "Grenadian", "Guatemalan", "Guinean", "Guyanese", "Honduran",
    "Icelandic", "Ivorian", "Kazakh", "Kuwaiti", "Kyrgyz", "Lao", "Latvian", "Liberian", "Libyan", "Lithuanian",
    "Luxembourgish", "Macedonian", "Malagasy", "Malawian", "Maldivian", "Malian", "Maltese", "Mauritanian",
    "Mauritian", "Moldovan", "Monegasque", "Mongolian", "Montenegrin", "Mozambican", "Namibian", "Nicaraguan",
    "Nigerien", "North Korean", "Omani", "Panamanian", "Papua New Guinean", "Paraguayan", "Qatari", "Rwandan",
    "Samoan", "Senegalese", "Serbian", "Sierra Leonean", "Singaporean", "Slovak", "Slovenian", "Sudanese",
    "Surinamese", "Taiwanese", "Tajik", "Tanzanian", "Togolese", "Tongan", "Trinidadian", "Tunisian", "Turkmen",
    "Ugandan", "Uruguayan", "Uzbek", "Venezuelan", "Yemeni", "Zambian", "Zimbabwean", "Faroese", "Puerto Rican",
    "Hong Konger", "Macanese", "Tibetan", "Bermudian", "Manx", "Corsican", "Sardinian", "Sicilian", "Flemish",
    "Walloon", "Catalan", "Basque", "Galician", "Breton", "Cornish", "Bavarian", "Quebecois", "Texan",
    "Hawaiian", "Alaskan", "Scandinavian", "Nordic", "Baltic", "Balkan", "European", "African", "Asian",
    "Latin American", "South American", "Central Asian", "Middle Eastern", "Caribbean", "Pacific Islander",
]
_ETHNIC_GROUPS = [
    "Arab", "Persian", "Pashtun", "Baloch", "Hazara", "Tamil", "Sinhalese", "Punjabi", "Gujarati", "Bengali",
    "Marathi", "Telugu", "Malayali", "Kashmiri", "Nepalese", "Uyghur", "Hmong", "Khmer", "Rohingya",
    "Maori", "Aboriginal", "Torres Strait Islander", "Inuit", "Sami", "Métis", "Cherokee", "Navajo", "Lakota",
    "Native American", "First Nations", "African American", "Asian American", "Latino", "Latina", "Hispanic",
    "Afro-Caribbean", "Afro-Brazilian", "Romani", "Berber", "Amazigh", "Tuareg", "Bedouin", "Yoruba",
    "Igbo", "Hausa", "Fulani", "Zulu", "Xhosa", "Maasai", "Kikuyu", "Somali Bantu", "Amhara", "Oromo", "Tigrayan",
    "Ashanti", "Tatar", "Circassian", "Ossetian", "Dagestani", "Cossack", "Yakut", "Assyrian", "Chaldean",
    "Turkmen", "Azeri", "Slavic", "Anglo-Saxon", "Celtic", "Gaelic", "Ulster Scots", "Afrikaner", "Creole",
    "Soviet", "Yugoslav", "Czechoslovak", "Prussian", "Ottoman", "Rhodesian", "Byzantine", "Habsburg",
]
# Person nouns where they differ from the adjective ("a Swede", "a Pole"); others reuse the adjective ("a Kenyan").
_NAT_PERSON_NOUNS = {
    "British": ["Briton", "Brit"], "English": ["Englishman", "Englishwoman"], "Scottish": ["Scot", "Scotsman"],
    "Welsh": ["Welshman", "Welshwoman"], "Irish": ["Irishman", "Irishwoman"], "French": ["Frenchman", "Frenchwoman"],
    "Spanish": ["Spaniard"], "Dutch": ["Dutchman", "Dutchwoman"], "Polish": ["Pole"], "Swedish": ["Swede"],
    "Danish": ["Dane"], "Finnish": ["Finn"], "Turkish": ["Turk"], "Icelandic": ["Icelander"],
    "New Zealander": ["New Zealander", "Kiwi"], "Australian": ["Aussie"], "Luxembourgish": ["Luxembourger"],
    "Flemish": ["Fleming"], "Cornish": ["Cornishman"], "Manx": ["Manxman"], "Thai": ["Thai"], "Swiss": ["Swiss"],
    "Kurdish": ["Kurd"], "Uzbek": ["Uzbek"], "Quebecois": ["Quebecer"], "Filipino": ["Filipino", "Filipina"],
}


def _the_plural(adj: str) -> bool:
    """Collectives with "the" and no plural s ("the Dutch", "the Swiss", "the Chinese", "the Lao")."""
    return adj.endswith(("ese", "sh", "ch", "ss", "x")) or adj in {"Swiss", "Lao", "Malagasy", "Burkinabe", "Thai"}

# Citizenship words that are not demonyms: "a US citizen", "EU nationals", "UK passport holders".
_CITIZENSHIP_WORDS = ["US", "U.S.", "UK", "U.K.", "EU", "American", "British", "EEA", "Canadian", "Australian",
                      "Irish", "German", "French", "Indian", "Nigerian", "Mexican", "Brazilian", "Chinese"]

_RELIGIONS = [
    "Catholic", "Roman Catholic", "Protestant", "Christian", "Evangelical", "Orthodox", "Greek Orthodox",
    "Anglican", "Baptist", "Methodist", "Lutheran", "Mormon", "Jehovah's Witness", "Muslim", "Sunni", "Shia",
    "Jewish", "Hindu", "Buddhist", "Sikh", "Jain", "Baha'i", "Zoroastrian", "Quaker", "atheist", "agnostic",
]

_POLITICAL = [
    "Democrat", "Republican", "Democratic", "Labour", "Conservative", "Tory", "Liberal Democrat", "Green",
    "Socialist", "Communist", "Libertarian", "Social Democrat", "Christian Democrat", "progressive",
    "conservative", "Marxist", "nationalist", "Independent",
]

_ORGS_HAND = [
    # banks and insurers
    "Barclays", "HSBC", "Lloyds Bank", "NatWest", "Deutsche Bank", "Commerzbank", "BNP Paribas", "Société Générale",
    "Santander", "BBVA", "Wells Fargo", "JPMorgan Chase", "Chase", "Bank of America", "Citibank", "ICICI Bank",
    "HDFC Bank", "State Bank of India", "Standard Chartered", "ING", "Rabobank", "UBS", "Credit Suisse",
    "Banco do Brasil", "Itaú Unibanco", "Nordea", "Ecobank", "Access Bank", "Zenith Bank", "Equity Bank",
    "Commonwealth Bank", "Monzo", "Revolut", "Allianz", "AXA", "Aviva", "Zurich Insurance", "Generali",
    "Prudential", "MetLife", "State Farm", "Geico",
    # hospitals and health
    "Mayo Clinic", "Cleveland Clinic", "Johns Hopkins Hospital", "Mount Sinai", "Massachusetts General Hospital",
    "St Thomas' Hospital", "Great Ormond Street Hospital", "Charité", "Apollo Hospitals", "Aga Khan University Hospital",
    "Groote Schuur Hospital", "Kaiser Permanente", "Hôpital Necker", "Karolinska University Hospital",
    # universities
    "MIT", "Stanford University", "Harvard", "University of Oxford", "Oxford University", "Cambridge University",
    "Imperial College London", "ETH Zurich", "Sorbonne University", "University of Lagos", "IIT Bombay",
    "Tsinghua University", "Peking University", "National University of Singapore", "University of Toronto",
    "McGill University", "Universidad de Buenos Aires", "University of Nairobi", "Seoul National University",
    "University of Tokyo", "KU Leuven", "TU Delft", "University of Cape Town", "UCLA", "NYU",
    # agencies and public bodies
    "IRS", "HMRC", "NHS", "the NHS", "FBI", "Europol", "the European Commission", "World Health Organization",
    "WHO", "UNICEF", "UNHCR", "Red Cross", "Médecins Sans Frontières", "Social Security Administration", "DMV",
    "DVLA", "Bundesagentur für Arbeit", "Home Office", "Department of Labor", "Transport for London",
    "Kenya Revenue Authority", "Federal Reserve",
    # companies
    "Google", "Microsoft", "Amazon", "Apple", "Meta", "Netflix", "IBM", "Oracle", "SAP", "Siemens", "Bosch",
    "Nestlé", "Unilever", "Samsung", "Toyota", "Honda", "Petrobras", "Airbus", "Boeing", "Shopify", "Stripe",
    "Accenture", "Deloitte", "KPMG", "PwC", "Ernst & Young", "McKinsey", "Vodafone", "Airtel", "MTN Group",
    "Safaricom", "Jumia", "Flutterwave", "Infosys", "Wipro", "Tata Consultancy Services", "Reliance Industries",
    "Alibaba", "Tencent", "Huawei", "Xiaomi", "Sony", "Spotify", "IKEA", "Volvo", "Ericsson", "Nokia", "Philips",
    "Heineken", "Zara", "Inditex", "Carrefour", "Tesco", "Sainsbury's", "Walmart", "Costco", "FedEx", "DHL",
    "UPS", "Maersk", "Lufthansa", "Emirates", "Qatar Airways", "Ryanair", "easyJet", "Air France", "KLM",
    "Uber", "Airbnb", "Booking.com", "Expedia", "Salesforce", "Atlassian", "Canva", "Grab", "Gojek",
]

_ORG_SUFFIXES = ["Ltd", "Ltd.", "LLC", "Inc.", "Inc", "GmbH", "AG", "S.A.", "SAS", "B.V.", "plc", "Pty Ltd",
                 "Co.", "Group", "Holdings", "Partners", "& Co", "Corporation", "Limited", "S.p.A."]
_ORG_NOUNS = ["Logistics", "Consulting", "Analytics", "Dental Care", "Pharma", "Textiles", "Engineering",
              "Solutions", "Foods", "Capital", "Realty", "Motors", "Labs", "Security", "Health", "Energy",
              "Media", "Insurance", "Freight", "Systems", "Architects", "Bakery", "Legal", "Robotics"]

_PRODUCTS = ["iPhone 15", "Galaxy S23", "ThinkPad X1 Carbon", "Kindle Paperwhite", "AirPods Pro", "Excel",
             "PowerPoint", "Photoshop", "Pixel 8", "MacBook Air", "Xbox Series X", "PlayStation 5", "Outlook",
             "Windows 11", "the premium plan", "the Basic tier", "Gold membership", "the Pro subscription",
             "router model AX3000", "the X200 vacuum", "Smart TV 55\"", "the standing desk", "the blue hoodie",
             "running shoes size 42", "the espresso machine", "the travel adapter"]
_JOB_TITLES = ["Senior Software Engineer", "Nurse Practitioner", "Account Manager", "Chief Financial Officer",
               "HR Business Partner", "Data Analyst", "Customer Success Manager", "Head of Marketing",
               "Warehouse Supervisor", "Claims Adjuster", "Site Reliability Engineer", "Product Owner",
               "Registered Nurse", "Paralegal", "Sales Director", "Junior Accountant", "Team Lead",
               "Operations Manager", "Office Manager", "General Practitioner", "Teaching Assistant"]
_DEPARTMENTS = ["Finance", "Human Resources", "HR", "Legal", "Procurement", "IT", "Customer Support", "Billing",
                "Payroll", "Marketing", "Sales", "Compliance", "Radiology", "Cardiology", "Oncology", "Admissions",
                "Accounts Payable", "Facilities", "Security", "Engineering"]

# ---- job titles (TITLE) ----------------------------------------------------------------------------------------
# Common occupations, written for this project (Faker's en_US job list is the other source; Faker has no other
# English job list: en_GB, en_IN, en_PH... fall back to en_US's).
_OCCUPATIONS = [
    "accountant", "actuary", "air traffic controller", "ambulance driver", "anaesthetist", "archivist",
    "art director", "auditor", "bailiff", "baker", "bank teller", "barber", "barista", "barrister", "bartender",
    "beautician", "bookkeeper", "bricklayer", "bus driver", "butcher", "cabin crew member", "call centre agent",
    "care worker", "caregiver", "caretaker", "carpenter", "cashier", "chauffeur", "chemist", "childminder",
    "chiropractor", "cleaner", "coach", "copywriter", "courier", "crane operator", "croupier", "customs officer",
    "data entry clerk", "debt collector", "deckhand", "delivery driver", "dental hygienist", "dental nurse",
    "dentist", "dietitian", "dishwasher", "dispatcher", "dock worker", "doorman", "dressmaker", "electrician",
    "estate agent", "farmer", "farmhand", "firefighter", "fisherman", "fitness instructor", "flight attendant",
    "florist", "forklift driver", "funeral director", "gardener", "glazier", "groundskeeper", "hairdresser",
    "handyman", "headteacher", "home help", "hotel porter", "housekeeper", "HVAC technician", "insurance broker",
    "interpreter", "janitor", "jeweller", "joiner", "journalist", "kitchen porter", "lab technician",
    "lecturer", "lifeguard", "line cook", "locksmith", "lorry driver", "machinist", "mail carrier",
    "make-up artist", "midwife", "miner", "mortgage broker", "nanny", "night watchman", "nursery nurse",
    "occupational therapist", "optician", "optometrist", "painter and decorator", "paramedic", "parking attendant",
    "pharmacist", "pharmacy technician", "phlebotomist", "physiotherapist", "plasterer", "plumber",
    "police officer", "postal worker", "postman", "probation officer", "property manager", "psychiatrist",
    "psychologist", "quantity surveyor", "radiographer", "real estate agent", "receptionist", "refuse collector",
    "removal man", "research scientist", "roofer", "sales assistant", "school nurse", "scrum master", "seamstress",
    "security guard", "shelf stacker", "shop assistant", "social worker", "solicitor", "sonographer", "sous chef",
    "speech therapist", "stock clerk", "store detective", "supply teacher", "surgeon", "tailor", "tax adviser",
    "taxi driver", "teaching assistant", "tiler", "tour guide", "train driver", "translator", "tree surgeon",
    "truck driver", "tutor", "underwriter", "upholsterer", "usher", "valet", "veterinarian", "vet nurse",
    "waiter", "waitress", "warehouse operative", "welder", "window cleaner", "youth worker", "zookeeper",
    "bus mechanic", "court clerk", "loan officer", "claims handler", "store manager", "shift supervisor",
    "night auditor", "payroll clerk", "personal trainer", "personal assistant", "executive assistant",
    "office administrator", "school principal", "nursery teacher", "dance teacher", "music teacher",
    "driving instructor", "ski instructor", "yoga instructor", "flight instructor", "ship's captain", "harbour pilot",
    "air hostess", "ground handler", "baggage handler", "airport security officer", "prison officer",
    "traffic warden", "park ranger", "game warden", "building inspector", "health inspector", "fire inspector",
]
_EXECUTIVE_TITLES = [
    "CEO", "CFO", "CTO", "COO", "CIO", "CMO", "CISO", "CHRO", "Chief Executive Officer", "Chief Operating Officer",
    "Chief Technology Officer", "Chief Information Security Officer", "Chief Marketing Officer",
    "Chief People Officer", "Chief Risk Officer", "Chief Medical Officer", "Managing Director", "Founder",
    "Co-founder", "Founder and CEO", "President", "Vice President", "Executive Vice President",
    "Senior Vice President", "VP of Sales", "VP Engineering", "Chairman", "Chairwoman", "Chair of the Board",
    "Non-Executive Director", "Board Member", "Company Secretary", "Managing Partner", "General Manager",
    "Country Manager", "Owner", "Proprietor", "General Counsel", "Treasurer", "Controller", "Comptroller",
]
# Compositional titles: a field and a head noun of the same family ("network engineer", "claims clerk").
_JOB_GRID: list[tuple[list[str], list[str]]] = [
    (["software", "web", "network", "database", "systems", "security", "cloud", "data", "IT", "DevOps",
      "machine learning", "front-end", "back-end", "mobile", "QA", "test", "infrastructure", "platform",
      "applications", "embedded", "firmware", "UX", "UI", "BI", "ERP", "CRM", "integration", "solutions"],
     ["engineer", "developer", "architect", "analyst", "administrator", "specialist", "technician", "consultant",
      "manager", "tester", "designer", "lead", "programmer", "support engineer"]),
    (["marketing", "sales", "account", "product", "project", "programme", "operations", "logistics",
      "supply chain", "procurement", "purchasing", "finance", "tax", "payroll", "benefits", "HR",
      "human resources", "recruitment", "talent acquisition", "training", "compliance", "risk", "audit",
      "credit", "billing", "collections", "business development", "brand", "communications", "public relations",
      "social media", "content", "events", "customer service", "customer success", "client services", "office",
      "facilities", "fleet", "inventory", "quality", "pricing", "category", "merchandising", "export", "import",
      "treasury", "investor relations", "partnerships", "fundraising", "grants", "policy", "research"],
     ["manager", "coordinator", "specialist", "analyst", "assistant", "officer", "director", "associate",
      "consultant", "adviser", "advisor", "executive", "administrator", "representative", "clerk", "planner",
      "lead", "supervisor", "controller", "partner"]),
    (["machine", "equipment", "forklift", "crane", "production", "assembly line", "packaging", "warehouse",
      "maintenance", "electrical", "HVAC", "plumbing", "diesel", "automotive", "aircraft", "marine", "railway",
      "telecoms", "solar panel", "wind turbine", "chemical plant", "water treatment", "printing press", "textile",
      "CNC", "boiler", "lift", "heavy vehicle", "pipeline", "cable", "signal", "meter", "appliance", "tyre"],
     ["operator", "technician", "mechanic", "repairer", "installer", "worker", "inspector", "supervisor",
      "helper", "fitter", "engineer", "assembler"]),
    (["mental health", "medical", "dental", "pharmacy", "laboratory", "clinical", "veterinary", "nursing",
      "rehabilitation", "home health", "psychiatric", "radiology", "surgical", "respiratory", "palliative care",
      "occupational health", "community health", "child care", "youth", "family support", "social care",
      "elder care", "addiction", "maternity", "paediatric", "emergency room", "intensive care", "hospice"],
     ["assistant", "technician", "aide", "worker", "nurse", "therapist", "counsellor", "counselor",
      "coordinator", "manager", "specialist", "officer", "practitioner", "support worker"]),
    (["urban", "regional", "transport", "traffic", "environmental", "health and safety", "town", "immigration",
      "court", "records", "library", "museum", "admissions", "travel", "hospitality", "catering", "kitchen",
      "restaurant", "retail", "store", "loss prevention", "fraud", "insurance", "loan", "mortgage", "investment",
      "field", "forestry", "fisheries", "farm", "mining", "housing", "benefits", "welfare", "licensing",
      "planning", "parks", "waste", "energy", "procurement", "estates", "events", "visitor", "membership"],
     ["officer", "planner", "manager", "worker", "assistant", "coordinator", "clerk", "guide", "buyer", "agent",
      "investigator", "supervisor", "analyst", "adviser", "inspector", "attendant", "porter", "steward"]),
]
_SENIORITY = ["Senior", "Senior", "Sr.", "Junior", "Jr.", "Lead", "Principal", "Staff", "Chief", "Assistant",
              "Deputy", "Associate", "Trainee", "Apprentice", "Graduate", "Intern", "Acting", "Interim", "Regional",
              "Head", "Executive", "Freelance", "Contract", "Certified", "Qualified", "Licensed", "Master"]
_HEAD_OF = ["Head of", "Head of", "Director of", "Director,", "VP of", "Vice President,", "Manager,", "Lead,"]
# Job titles that the detection bench reported as misses: never drawn, so the bench measures generalisation.
_BENCH_SEEN_TITLES = frozenset(t.lower() for t in (
    "Community supervision officer", "Applications engineer", "Aircraft pilot", "Community planner",
    "Mental health assistant", "Tour escort", "Machine offbearer", "Convention manager", "Food preparation worker",
    "Packager", "Wholesale buyer", "Web designer", "Electrical power line repairer", "Instructional specialist",
    "Semiconductor processing technician", "Geodetic surveyor", "Information architect",
    "Ordnance handling expert", "machine operator"))

# ---- listed companies, funds and securities (ORGANIZATION) -------------------------------------------------------
_BRAND_HEADS = ["Nova", "Vera", "Zen", "Omni", "Quant", "Terra", "Aqua", "Sol", "Lumi", "Cyto", "Gen", "Neo",
                "Astra", "Vita", "Medi", "Info", "Tele", "Fin", "Pay", "Data", "Sky", "Blue", "Green", "Iron",
                "Stone", "Bright", "Clear", "True", "Prime", "Pure", "Smart", "Rapid", "Alpha", "Beta", "Sigma",
                "Hyper", "Ultra", "Micro", "Mega", "Poly", "Tri", "Uni", "Ever", "Oak", "Pine", "North", "Sun"]
_BRAND_TAILS = ["tech", "ly", "ify", "ion", "ex", "ora", "gen", "core", "wise", "works", "point", "path", "grid",
                "stack", "line", "wave", "bridge", "field", "port", "gate", "rock", "mark", "hub", "scape", "logic",
                "sphere", "nexus", "dyne", "tronics", "labs", "ware", "soft", "metrics", "vance", "vista", "cell"]
_BRAND_WORDS = ["Blue", "Silver", "Golden", "Northern", "Southern", "Pacific", "Atlantic", "Summit", "Pioneer",
                "Liberty", "Heritage", "Evergreen", "Crystal", "Eagle", "Falcon", "Granite", "Cedar", "Maple",
                "Harbor", "Harbour", "Riverside", "Lakeside", "Sunrise", "Red Rock", "Black Diamond", "Coastal",
                "Frontier", "Keystone", "Landmark", "Meridian", "Orion", "Atlas", "Vertex", "Zenith", "Horizon",
                "Sterling", "Crescent", "Trinity", "Unity", "Phoenix", "Polaris", "Titan", "Mercury", "Apollo"]
_LISTED_SECTORS = [
    "Therapeutics", "Biotech", "Biosciences", "Pharmaceuticals", "Semiconductor", "Bancorp", "Bancshares",
    "Financial", "Realty", "Resources", "Mining", "Minerals", "Petroleum", "Oil & Gas", "Shipping", "Airlines",
    "Telecom", "Networks", "Software", "Industries", "Electric", "Chemicals", "Steel", "Paper", "Retail",
    "Brands", "Entertainment", "Interactive", "Healthcare", "Medical", "Acquisition", "Infrastructure",
    "Utilities", "Water", "Reinsurance", "Leisure", "Hotels", "Beverages", "Apparel", "Gaming", "Aerospace",
    "Defense", "Automotive", "Logistics", "Energy", "Power", "Renewables", "Materials", "Foods", "Technologies",
    "Systems", "Holdings", "Capital", "Investment", "Properties", "Land", "Construction", "Cement", "Textiles",
]
_LEGAL_SUFFIXES = [
    "Inc.", "Inc", "Corp.", "Corp", "Corporation", "Co.", "Company", "Ltd.", "Ltd", "Limited", "PLC", "plc", "Plc",
    "NV", "N.V.", "SA", "S.A.", "ASA", "AS", "A/S", "AB", "AB (publ)", "Oyj", "Oy", "SE", "AG", "KGaA", "S.p.A.",
    "SpA", "Bhd", "Berhad", "Tbk", "K.K.", "Co., Ltd.", "Co.,Ltd.", "Co. Ltd", "Pte. Ltd.", "Pty Ltd", "LP", "L.P.",
    "LLC", "Holdings Inc.", "Group Inc.", "Group Holdings", "Trust", "REIT", "PJSC", "JSC", "S.A.B. de C.V.",
    "Ltda.", "S/A", "GmbH & Co. KG", "SARL", "BV", "B.V.", "Sdn Bhd", "Public Company Limited", "Incorporated",
]
_SHARE_CLASSES = ["Class A", "Class B", "Class C Common Stock", "Series A Preferred", "Series B Preferred Shares",
                  "Depositary Shares", "Preference Shares", "Units", "Unit", "Warrants", "ADR", "Sponsored ADR",
                  "GDR", "Ordinary Shares", "Common Stock", "II", "III", "IV"]
_FUND_ISSUERS = ["iShares", "Vanguard", "SPDR", "Xtrackers", "Lyxor", "Amundi", "Invesco", "WisdomTree", "VanEck",
                 "Global X", "HSBC", "UBS", "Franklin", "Fidelity", "JPMorgan", "BlackRock", "Schwab", "ProShares",
                 "Direxion", "First Trust", "Legal & General", "L&G", "Deka", "Ossiam", "PIMCO", "Templeton",
                 "abrdn", "Cohen & Steers", "Calamos", "Eaton Vance", "Nomura", "Daiwa", "Mirae", "KraneShares",
                 "Ark", "Janus Henderson", "Columbia", "Hartford", "DWS", "BNP Paribas Easy", "Ossiam", "Tabula"]
_FUND_INDICES = ["MSCI World", "MSCI ACWI", "MSCI Emerging Markets", "MSCI EM", "MSCI Europe", "MSCI USA",
                 "MSCI China", "MSCI India", "MSCI Pacific ex Japan", "FTSE 100", "FTSE 250", "FTSE All-World",
                 "FTSE Developed Europe", "FTSE EPRA Nareit", "S&P 500", "S&P MidCap 400", "S&P SmallCap 600",
                 "Nasdaq-100", "Nasdaq Biotech", "Euro Stoxx 50", "STOXX Europe 600", "DAX", "Nikkei 225", "TOPIX",
                 "CAC 40", "Russell 2000", "Russell 1000", "Dow Jones Industrial", "Hang Seng", "CSI 300",
                 "Bloomberg Global Aggregate", "iBoxx EUR Corporates", "JPM EM Bond", "Solactive Battery",
                 "IBEX 35", "AEX", "OMX Stockholm 30", "KOSPI 200", "ASX 200", "TSX 60", "Bovespa", "SMI"]
_FUND_STYLES = ["", "", "", "Core", "Value", "Growth", "Quality", "Momentum", "Min Vol", "Minimum Volatility",
                "ESG", "ESG Screened", "SRI", "Small Cap", "Mid Cap", "High Dividend", "Equal Weight",
                "Dividend", "Select", "Climate", "Paris-Aligned", "Enhanced", "Leveraged 2x", "Daily Short",
                "3x Daily Long", "Ultra Short", "Currency Hedged", "0-5 Year", "1-3 Year", "7-10 Year"]
_FUND_FORMS = ["UCITS ETF", "UCITS ETF", "ETF", "ETF", "Index Fund", "ETC", "ETN", "Trust", "Index Trust",
               "Tracker Fund", "Exchange Traded Fund", "SICAV", "Fund"]
_FUND_SHARES = ["", "", "USD", "EUR", "GBP", "CHF", "JPY", "(Acc)", "(Dist)", "USD (Acc)", "EUR Hedged",
                "GBP Hedged (Dist)", "Class A", "Class I", "1C", "2D", "Inc", "Acc", "Dis", "Accumulating",
                "Distributing", "Admiral Shares", "Investor Shares"]
_CLOSED_END_KINDS = ["Municipal Income Fund", "Total Return Fund", "Income Trust", "Opportunities Fund",
                     "High Income Fund", "Dividend Fund", "Infrastructure Fund", "Global Equity Income Fund",
                     "Preferred Income Fund", "Senior Floating Rate Fund", "Strategic Income Fund", "Target Term Fund",
                     "Credit Opportunities Fund", "Real Estate Income Fund", "Royalty Trust", "Energy Infrastructure Fund"]
_SECURITY_TAILS = ["ADR", "SPON ADR", "GDR", "GDR REG S", "ORD", "ORD SHS", "PRF", "PERP PRF", "PFD SER A",
                   "PFD SER B", "DEP SHS", "PREF", "UNIT", "WTS", "CL A", "CL B", "REIT", "SHS", "NPV", "A SHS",
                   "H SHS", "REG", "BR", "NAMEN-AKT", "INH", "VZ", "RIGHTS"]

# ---- O vocabulary that looks like "group" words but is not NRP ------------------------------------------------
# Styles, diets, instruments, hobbies, movements, topics, animals, product categories and descriptive words: the
# model must learn that an unusual adjective or noun is not a nationality, religion or political group. (Words the
# project's detection bench reported as NRP false positives are deliberately NOT listed, so the bench measures
# whether the lesson generalises.)
_MUSIC_GENRES = [
    "jazz", "smooth jazz", "bebop", "blues", "delta blues", "rock", "indie rock", "soft rock", "punk", "pop punk",
    "post-punk", "heavy metal", "death metal", "doom metal", "grunge", "shoegaze", "dream pop", "synth-pop",
    "synthwave", "chillwave", "techno", "house", "deep house", "trance", "drum and bass", "dubstep", "ambient",
    "lo-fi", "hip hop", "trap", "drill", "grime", "R&B", "soul", "neo-soul", "funk", "disco", "gospel", "folk",
    "indie folk", "bluegrass", "country", "americana", "reggae", "dancehall", "ska", "emo", "opera", "chamber music",
    "choral music", "minimalist music", "a cappella", "big band", "swing", "easy listening", "new wave", "krautrock",
    "math rock", "post-rock", "prog rock", "psychedelic rock", "bubblegum pop", "power pop", "art pop", "hyperpop",
    "bedroom pop", "soundtrack music", "show tunes", "barbershop", "sea shanties", "nu metal", "glam rock",
]
_DIETS = [
    "vegetarian", "pescatarian", "plant-based", "gluten-free", "dairy-free", "lactose-free", "keto", "paleo",
    "low-carb", "low-sodium", "sugar-free", "nut-free", "raw food", "flexitarian", "carnivore", "whole30",
    "intermittent fasting", "Mediterranean-style", "high-protein", "low-FODMAP", "macrobiotic", "fruitarian",
    "teetotal", "sober", "straight edge", "zero-waste", "minimalist", "off-grid", "nomadic", "early-riser",
]
_INSTRUMENTS = [
    "ukulele", "banjo", "cello", "double bass", "violin", "viola", "harp", "oboe", "bassoon", "clarinet",
    "flute", "piccolo", "trumpet", "trombone", "tuba", "horn", "saxophone", "accordion", "harmonica",
    "bagpipes", "sitar", "tabla", "djembe", "koto", "theremin", "synthesizer", "drum kit", "bass guitar",
    "electric guitar", "twelve-string guitar", "lute", "harpsichord", "pipe organ", "glockenspiel", "xylophone",
    "marimba", "steel drum", "kalimba", "hurdy-gurdy", "zither", "bouzouki", "cajón", "didgeridoo", "keytar",
]
_HOBBIES = [
    "birdwatching", "rock climbing", "bouldering", "knitting", "crochet", "chess", "woodworking", "pottery",
    "sourdough baking", "trail running", "beekeeping", "cosplay", "stamp collecting", "coin collecting",
    "scuba diving", "gardening", "origami", "calligraphy", "geocaching", "karaoke", "yoga", "pilates", "tai chi",
    "quilting", "fly fishing", "kayaking", "paragliding", "astrophotography", "model railways", "home brewing",
    "tabletop gaming", "speedrunning", "ballroom dancing", "tap dancing", "line dancing", "embroidery",
    "urban sketching", "foraging", "bonsai", "parkour", "skateboarding", "surfing", "fencing", "archery",
    "powerlifting", "marathon running", "puzzle hunts", "crossword solving", "amateur radio", "candle making",
]
_ART_STYLES = [
    "impressionism", "post-impressionism", "cubism", "surrealism", "dadaism", "art deco", "art nouveau",
    "minimalism", "brutalism", "street art", "pop art", "romanticism", "modernism", "postmodernism",
    "gothic revival", "abstract expressionism", "futurism", "pointillism", "mannerism", "rococo", "neoclassicism",
    "photorealism", "land art", "op art", "conceptual art", "magical realism", "film noir", "cyberpunk",
    "steampunk", "solarpunk", "cottagecore", "dark academia", "kitsch", "avant-garde", "folk art", "ukiyo-e",
]
_TOPICS = [
    "politics", "religion", "nationality", "ethnicity", "immigration policy", "immigration", "human rights",
    "voting rights", "women's rights", "workers' rights", "free speech", "religious freedom", "climate change",
    "tax reform", "gun control", "national security", "healthcare reform", "the minimum wage", "housing costs",
    "gender equality", "foreign policy", "public transport", "censorship", "data privacy", "labour law",
    "animal welfare", "secularism", "identity politics", "party politics", "political correctness",
    "racial justice", "racism", "discrimination", "equal pay", "affirmative action", "citizenship",
    "border control", "refugee policy", "electoral reform", "campaign finance", "the death penalty",
    "drug policy", "police reform", "school prayer", "church and state", "faith", "spirituality",
    "patriotism", "diversity and inclusion", "national identity", "cultural heritage", "social justice",
    "the culture war", "the economy", "inflation", "unemployment", "the budget deficit", "trade policy",
]
_ANIMALS = [
    "otter", "hedgehog", "golden retriever", "beagle", "tabby cat", "parrot", "cockatoo", "axolotl", "alpaca",
    "llama", "corgi", "ferret", "gecko", "koala", "red panda", "capybara", "sloth", "badger", "fox", "squirrel",
    "magpie", "crow", "owl", "tortoise", "goldfish", "rabbit", "guinea pig", "hamster", "chinchilla", "pug",
    "border collie", "husky", "dachshund", "poodle", "ostrich", "flamingo", "octopus", "jellyfish", "lobster",
    "moose", "wolf", "bear", "bison", "pelican", "bat", "possum", "skunk", "weasel", "iguana", "cobra",
]
_PRODUCT_CATEGORIES = [
    "kitchenware", "garden furniture", "kids' shoes", "power tools", "board games", "skincare", "pet food",
    "phone cases", "camping gear", "vinyl records", "craft beer", "office chairs", "bedding", "cookware",
    "sportswear", "baby clothes", "home decor", "art supplies", "stationery", "bike parts", "hiking boots",
    "smart home devices", "e-readers", "headphones", "winter coats", "houseplants", "scented candles",
    "protein powder", "yoga mats", "fountain pens", "mechanical keyboards", "cat litter", "dog toys",
    "sunglasses", "swimwear", "costume jewellery", "second-hand books", "organic tea", "spices", "LEGO sets",
]
_DESCRIPTIVE = [
    "surprisingly", "relentless", "whimsical", "melancholic", "brutal", "earnest", "sublime", "mediocre",
    "chaotic", "heartfelt", "overrated", "underrated", "raw", "polished", "cheesy", "haunting", "upbeat",
    "sinister", "gritty", "bittersweet", "hypnotic", "pretentious", "unapologetic", "tender", "furious",
    "wistful", "gloriously", "painfully", "oddly", "strangely", "deeply", "wildly", "quietly", "defiantly",
    "ambitious", "lush", "sparse", "jaunty", "moody", "epic", "campy", "visceral", "dreamy", "scrappy",
    "uneven", "flawless", "forgettable", "iconic", "timeless", "dated", "experimental", "conventional",
    "radical", "traditional", "secular", "spiritual",
    "ethnic", "tribal", "cultural", "exotic", "foreign", "international", "global", "local", "regional",
    "national", "federal", "civic", "public", "private", "sacred", "divine", "holy", "heavenly", "unholy",
]
# Role nouns that sit between a nationality and a name: "Swedish designer Valter Holm". O in running prose.
_ROLES = [
    "designer", "architect", "novelist", "poet", "painter", "sculptor", "photographer", "filmmaker", "director",
    "actor", "actress", "singer", "songwriter", "composer", "cellist", "pianist", "violinist", "drummer", "rapper",
    "DJ", "chef", "baker", "sommelier", "striker", "goalkeeper", "midfielder", "sprinter", "swimmer", "cyclist",
    "tennis player", "boxer", "chess player", "mountaineer", "economist", "physicist", "chemist", "historian",
    "philosopher", "entrepreneur", "investor", "activist", "journalist", "blogger", "influencer", "streamer",
    "comedian", "choreographer", "astronaut", "diplomat", "lawmaker", "senator", "mayor", "priest", "imam",
    "rabbi", "monk", "nun", "pastor", "surgeon", "nurse", "teacher", "engineer", "programmer",
]
_ROLE_WORDS = frozenset(r.lower() for r in _ROLES)
# Occupations in the plural, as groups ("nurses went on strike"): O, like role nouns in prose.
_OCCUPATION_PLURALS = [
    "nurses", "teachers", "doctors", "junior doctors", "bus drivers", "train drivers", "truck drivers", "farmers",
    "engineers", "care workers", "pilots", "cleaners", "dock workers", "lawyers", "accountants", "shop workers",
    "miners", "police officers", "firefighters", "postal workers", "midwives", "software developers",
    "delivery riders", "taxi drivers", "paramedics", "pharmacists", "dentists", "social workers", "bankers",
    "builders", "electricians", "plumbers", "waiters", "chefs", "cashiers", "security guards", "librarians",
    "civil servants", "teaching assistants", "warehouse staff", "cabin crew", "air traffic controllers",
]
# Fields of study and professions as subjects ("a degree in law"): O.
_SUBJECTS = [
    "law", "medicine", "nursing", "accounting", "architecture", "engineering", "computer science", "economics",
    "history", "philosophy", "chemistry", "biology", "mathematics", "psychology", "sociology", "business studies",
    "graphic design", "marketing", "education", "pharmacy", "dentistry", "veterinary science", "physics",
    "media studies", "social work", "hospitality management", "fine art", "music", "film studies", "geography",
    "political science", "civil engineering", "data science", "public health", "nutrition", "theology",
    "English literature", "linguistics", "anthropology", "statistics", "finance", "agriculture", "midwifery",
]
# Language names used as languages are O ("studying Spanish", "subtitles in Korean"); the same word describing
# people, food or places is NRP ("a Spanish chef").
_LANGUAGES = [
    "English", "French", "German", "Spanish", "Portuguese", "Italian", "Dutch", "Polish", "Russian", "Ukrainian",
    "Greek", "Turkish", "Arabic", "Hebrew", "Persian", "Hindi", "Urdu", "Bengali", "Tamil", "Mandarin",
    "Cantonese", "Japanese", "Korean", "Vietnamese", "Thai", "Swahili", "Yoruba", "Igbo", "Zulu", "Swedish",
    "Norwegian", "Danish", "Finnish", "Czech", "Hungarian", "Romanian", "Latin", "Esperanto", "Tagalog",
]
# Relative time phrases identify nobody: O by convention (unlike "last Tuesday", "March 2021", "Q3 2024").
_RELATIVE_TIMES = [
    "next week", "this week", "last week", "this month", "next month", "last month", "next quarter",
    "this quarter", "last year", "this year", "next year", "this morning", "this afternoon", "tonight",
    "last night", "one morning", "one evening", "the other day", "earlier today", "later today", "later this week",
    "at the weekend", "a few days ago", "in two weeks", "the day after tomorrow", "soon", "recently", "tomorrow",
    "yesterday", "today", "in the spring", "over the summer", "some time ago", "every morning", "all week",
]
# Names (first or last) that are spelled like NRP words or places: PERSON in name position.
_NRP_LIKE_FIRST = ["Christian", "Roman", "Jordan", "Norman", "Dane", "Francis", "Germán", "Florence", "Georgia",
                   "India", "Israel", "Kenya", "Christiana", "Cristiano", "Tyrone", "Brittany", "Adriatic",
                   "Celeste", "Catalina", "Troy", "Paris", "Sidney", "Orlando", "Latina", "Indiana"]
_NRP_LIKE_LAST = ["English", "French", "Welsh", "Scott", "Walsh", "Fleming", "Holland", "Ireland", "England",
                  "Norman", "German", "Dutch", "Brittain", "Moore", "Christian", "Bishop", "Pope", "Parsons",
                  "Deacon", "Abbott", "Monk", "Friar", "Cardinal", "Baptiste", "Love", "Green", "Liberal"]

_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WEEKDAY_ABBR = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

_PERSON_LOCALES = ["en_US", "en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "es_MX", "it_IT", "pt_BR", "nl_NL",
                   "pl_PL", "en_IN", "sv_SE", "tr_TR", "cs_CZ", "da_DK", "no_NO", "fi_FI", "hr_HR", "ro_RO"]
_ADDRESS_LOCALES = ["en_US", "en_US", "en_US", "en_GB", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "pt_BR",
                    "nl_NL", "pl_PL", "en_IN", "sv_SE", "cs_CZ", "es_MX", "en_PH"]
_COMPANY_LOCALES = ["en_US", "en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pl_PL", "en_IN",
                    "sv_SE", "cs_CZ", "es_MX", "en_PH"]
# it_IT's city() depends on PYTHONHASHSEED (Faker draws it from a set), which would break reproducibility.
_CITY_LOCALES = [loc for loc in _ADDRESS_LOCALES if loc != "it_IT"]
_ALL_LOCALES = sorted(set(_PERSON_LOCALES + _ADDRESS_LOCALES + _COMPANY_LOCALES + ["ja_JP", "zh_CN"]))


@lru_cache(maxsize=1)
def _fakers() -> dict[str, Faker]:
    return {loc: Faker(loc) for loc in _ALL_LOCALES}


class _Values:
    """Draws entity and filler values. Every Faker call is re-seeded from `rng`, so output depends on rng only."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.fk = _fakers()

    def _faker(self, locale: str) -> Faker:
        f = self.fk[locale]
        f.seed_instance(self.rng.getrandbits(32))
        return f

    def pick(self, seq: Sequence[str]) -> str:
        return seq[self.rng.randrange(len(seq))]

    # ---- people ----------------------------------------------------------------------------------------------
    def first(self) -> str:
        r = self.rng.random()
        if r < 0.45:
            loc = self.pick(_PERSON_LOCALES)
            return self._faker(loc).first_name()
        if r < 0.52:
            return self._faker(self.pick(["ja_JP", "zh_CN"])).first_romanized_name()
        if r < 0.57:
            return self.pick(_WORDLIKE_FIRST)
        group = self.pick(list(_FIRST_NAMES))
        return self.pick(_FIRST_NAMES[group])

    def last(self) -> str:
        r = self.rng.random()
        if r < 0.45:
            return self._faker(self.pick(_PERSON_LOCALES)).last_name()
        if r < 0.52:
            return self._faker(self.pick(["ja_JP", "zh_CN"])).last_romanized_name()
        group = self.pick(list(_LAST_NAMES))
        return self.pick(_LAST_NAMES[group])

    def person(self) -> str:
        r = self.rng.random()
        if r < 0.30:
            name = self._faker(self.pick(_PERSON_LOCALES)).name()
            # Faker sometimes puts a title or suffix in name(); titles are outside PERSON spans by convention.
            parts = [p for p in name.split() if p.rstrip(".") not in {t.rstrip(".") for t in _TITLES}]
            return " ".join(parts) or name
        if r < 0.62:
            return f"{self.first()} {self.last()}"
        if r < 0.68:  # middle name or second surname
            return f"{self.first()} {self.first()} {self.last()}"
        if r < 0.74:  # initial + last
            return f"{self.first()[0]}. {self.last()}"
        if r < 0.77:
            return f"{self.first()[0]}.{self.first()[0]}. {self.last()}"
        if r < 0.80:  # first + middle initial + last
            return f"{self.first()} {self.last()[0]}. {self.last()}"
        if r < 0.85:  # hyphenated surname
            return f"{self.first()} {self.last()}-{self.last()}"
        if r < 0.90:  # family name first (East Asian, Vietnamese order)
            group = self.pick(["chinese", "vietnamese", "korean"])
            last = self.pick(_LAST_NAMES[group])
            if group == "vietnamese":
                return f"{last} {self.pick(['Van', 'Thi', 'Duc', 'Minh', 'Ngoc'])} {self.pick(_FIRST_NAMES[group])}"
            return f"{last} {self.pick(_FIRST_NAMES[group])}"
        if r < 0.94:  # "Surname, First" as in lists and exports
            return f"{self.last()}, {self.first()}"
        group = self.pick(list(_FIRST_NAMES))
        return f"{self.pick(_FIRST_NAMES[group])} {self.pick(_LAST_NAMES[group])}"

    def title(self) -> str:
        return self.pick(_TITLES)

    # ---- places ----------------------------------------------------------------------------------------------
    def city(self) -> str:
        if self.rng.random() < 0.55:
            return self.pick(_REAL_CITIES)
        return self._faker(self.pick(_CITY_LOCALES)).city()

    def country(self) -> str:
        if self.rng.random() < 0.7:
            return self.pick(_COUNTRIES)
        return self._faker("en_US").country()

    def state(self) -> str:
        r = self.rng.random()
        if r < 0.5:
            return self._faker(self.pick(["en_US", "de_DE", "es_ES", "it_IT", "pt_BR", "en_IN", "cs_CZ"])).state()
        if r < 0.65:
            return self._faker("en_US").state_abbr()
        return self.pick(_REGIONS)

    def street(self) -> str:
        loc = self.pick(_ADDRESS_LOCALES)
        return _one_line(self._faker(loc).street_address())

    def address(self) -> str:
        if self.rng.random() < 0.04:  # US military post: "PSC 1234, Box 5678, APO AE 09012", "USNS Ship, FPO AP ..."
            return _one_line(self._military())
        loc = self.pick(_ADDRESS_LOCALES)
        f = self._faker(loc)
        if self.rng.random() < 0.2:  # street + real city keeps real place names in the mix
            return f"{_one_line(f.street_address())}, {self.pick(_REAL_CITIES)}"
        return _one_line(f.address())

    def _military(self) -> str:
        f = self._faker("en_US")
        kind = self.rng.randrange(3)
        first = (f.military_apo, f.military_dpo, lambda: f"{f.military_ship()} {f.last_name()}")[kind]()
        return f"{first}\n{('APO', 'DPO', 'FPO')[kind]} {f.military_state()} {f.postcode()}"

    def address_multiline(self) -> str:
        if self.rng.random() < 0.05:
            return self._military()
        f = self._faker(self.pick(_ADDRESS_LOCALES))
        return "\n".join(p.strip() for p in f.address().split("\n"))

    def location(self) -> str:
        r = self.rng.random()
        if r < 0.5:
            return self.city()
        if r < 0.75:
            return self.country()
        if r < 0.85:
            return self.state()
        return f"{self.city()}, {self.country()}" if self.rng.random() < 0.5 else self.address()

    # ---- organisations ---------------------------------------------------------------------------------------
    def org(self) -> str:
        r = self.rng.random()
        if r < 0.12:
            return self.corp()
        if r < 0.16:
            return self.fund()
        r = self.rng.random()
        if r < 0.40:
            return self.pick(_ORGS_HAND)
        if r < 0.70:
            return self._faker(self.pick(_COMPANY_LOCALES)).company()
        if r < 0.80:
            return f"{self.last()} {self.pick(_ORG_NOUNS)} {self.pick(_ORG_SUFFIXES)}"
        if r < 0.86:
            return f"{self.last()} & {self.last()}" + self.pick(["", " LLP", " Solicitors", " Associates"])
        pattern = self.pick([
            "{c} General Hospital", "University of {c}", "{c} City Council", "{c} Community Bank",
            "{c} Medical Center", "{c} Institute of Technology", "{c} Police Department", "Bank of {k}",
            "{c} Savings and Loan", "{c} Public Library", "{c} Chamber of Commerce", "St. {f}'s Hospital",
            "{c} Primary School", "{k} Telecom", "{c} Water Authority",
        ])
        return pattern.format(c=self.pick(_REAL_CITIES), k=self.pick(_COUNTRIES).removeprefix("the "),
                              f=self.pick(["Mary", "Luke", "Joseph", "Anne", "George", "James", "Vincent"]))

    # ---- dates and times -------------------------------------------------------------------------------------
    def _day(self) -> date:
        return date(1950, 1, 1) + timedelta(days=self.rng.randrange(0, 365 * 80))

    def date(self) -> str:
        d = self._day()
        if self.rng.random() < 0.6:
            d = date(2015, 1, 1) + timedelta(days=self.rng.randrange(0, 365 * 12))
        fmt = self.rng.randrange(16)
        m, ma = _MONTHS[d.month - 1], _MONTH_ABBR[d.month - 1]
        if fmt == 0:
            return d.isoformat()
        if fmt == 1:
            return f"{d.day:02d}/{d.month:02d}/{d.year}"
        if fmt == 2:
            return f"{d.month}/{d.day}/{d.year}"
        if fmt == 3:
            return f"{d.day:02d}.{d.month:02d}.{d.year}"
        if fmt == 4:
            return f"{m} {d.day}, {d.year}"
        if fmt == 5:
            return f"{d.day} {m} {d.year}"
        if fmt == 6:
            return f"{ma} {d.day}"
        if fmt == 7:
            return f"{d.day} {ma}"
        if fmt == 8:
            return f"{_WEEKDAYS[d.weekday()]}, {m} {d.day}"
        if fmt == 9:
            return f"{_ordinal(d.day)} of {m}"
        if fmt == 10:
            return f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}"
        if fmt == 11:
            return f"{d.day:02d}-{ma}-{d.year}"
        if fmt == 12:
            return f"{m} {_ordinal(d.day)}"
        if fmt == 13:
            return f"{_WEEKDAY_ABBR[d.weekday()]} {d.day} {ma} {d.year}"
        if fmt == 14:
            return f"{d.year}/{d.month:02d}/{d.day:02d}"
        return f"{ma}. {d.day}, {d.year}"

    def dob(self) -> str:
        d = self._day()
        fmt = self.rng.randrange(5)
        if fmt == 0:
            return d.isoformat()
        if fmt == 1:
            return f"{d.day:02d}/{d.month:02d}/{d.year}"
        if fmt == 2:
            return f"{d.month}/{d.day}/{d.year}"
        if fmt == 3:
            return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
        return f"{_MONTHS[d.month - 1]} {d.day}, {d.year}"

    def time(self) -> str:
        h, mi = self.rng.randrange(24), self.rng.choice([0, 0, 15, 30, 45, self.rng.randrange(60)])
        h12 = h % 12 or 12
        ampm = "am" if h < 12 else "pm"
        fmt = self.rng.randrange(8)
        if fmt == 0:
            return f"{h12}{ampm}"
        if fmt == 1:
            return f"{h12}:{mi:02d} {ampm}"
        if fmt == 2:
            return f"{h:02d}:{mi:02d}"
        if fmt == 3:
            return f"{h12}:{mi:02d} {ampm.upper()}"
        if fmt == 4:
            return f"{h12} {ampm[0].upper()}.M."
        if fmt == 5:
            return f"{h}h{mi:02d}"
        if fmt == 6:
            return f"{h:02d}:{mi:02d} {self.pick(['UTC', 'GMT', 'CET', 'EST', 'PST', 'IST'])}"
        return f"{h12}.{mi:02d}{ampm}"

    def weekday(self) -> str:
        r = self.rng.random()
        day = self.pick(_WEEKDAYS)
        if r < 0.45:
            return day
        if r < 0.75:
            return f"{self.pick(['last', 'next', 'this', 'this coming', 'every'])} {day}"
        if r < 0.9:
            return f"{day} {self.pick(['morning', 'afternoon', 'evening', 'night'])}"
        return f"{self.pick(_WEEKDAY_ABBR)} {self.rng.randrange(1, 29)}"

    def month_year(self) -> str:
        y = self.rng.randrange(1990, 2027)
        r = self.rng.random()
        if r < 0.5:
            return f"{self.pick(_MONTHS)} {y}"
        if r < 0.7:
            return f"{self.pick(_MONTH_ABBR)} {y}"
        if r < 0.85:
            return str(y)
        return f"{self.pick(['Q1', 'Q2', 'Q3', 'Q4'])} {y}"

    def timestamp(self) -> str:
        d = date(2019, 1, 1) + timedelta(days=self.rng.randrange(0, 365 * 7))
        t = datetime(d.year, d.month, d.day, self.rng.randrange(24), self.rng.randrange(60), self.rng.randrange(60))
        fmt = self.rng.randrange(4)
        if fmt == 0:
            return t.strftime("%Y-%m-%dT%H:%M:%SZ")
        if fmt == 1:
            return t.strftime("%Y-%m-%d %H:%M:%S")
        if fmt == 2:
            return t.strftime("%d/%b/%Y:%H:%M:%S +0000")
        return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{self.rng.randrange(1000):03d}+00:00"

    def any_date(self) -> str:
        r = self.rng.random()
        if r < 0.55:
            return self.date()
        if r < 0.7:
            return self.weekday()
        if r < 0.85:
            return self.month_year()
        return self.time()

    # ---- NRP, age ----------------------------------------------------------------------------------------------
    def nationality(self) -> str:
        r = self.rng.random()
        if r < 0.6:
            return self.pick(_NATIONALITIES)
        if r < 0.85:
            return self.pick(_NATIONALITIES_MORE)
        return self.pick(_ETHNIC_GROUPS)

    def _demonym(self) -> str:
        return self.pick(_NATIONALITIES) if self.rng.random() < 0.6 else self.pick(_NATIONALITIES_MORE)

    def nationality_person(self) -> str:
        """The noun for one person: "Swede", "Pole", "Kenyan", "Pakistani"."""
        for _ in range(10):
            adj = self._demonym()
            if adj in _NAT_PERSON_NOUNS:
                return self.pick(_NAT_PERSON_NOUNS[adj])
            if not _the_plural(adj):  # "a Dutch", "a Chinese" are not English
                return adj
        return "Kenyan"

    def nationality_group(self) -> str:
        """A people as a group: "the Dutch" (template writes "the"), "Kenyans", "Englishmen", "Swedes"."""
        adj = self._demonym()
        if adj in _NAT_PERSON_NOUNS and self.rng.random() < 0.5:
            noun = self.pick(_NAT_PERSON_NOUNS[adj])
        elif _the_plural(adj):
            return adj
        else:
            noun = adj
        if noun.endswith("man"):
            return noun[:-3] + "men"
        if noun.endswith("s"):
            return noun
        return noun + "s"

    def citizenship(self) -> str:
        """The word before "citizen(s)", "national(s)", "passport": "US", "EU", "British", "Kenyan"."""
        return self.pick(_CITIZENSHIP_WORDS) if self.rng.random() < 0.5 else self.nationality()

    def religion(self) -> str:
        return self.pick(_RELIGIONS)

    def political(self) -> str:
        return self.pick(_POLITICAL)

    def nrp(self) -> str:
        r = self.rng.random()
        return self.nationality() if r < 0.5 else self.religion() if r < 0.8 else self.political()

    def age(self) -> str:
        r = self.rng.random()
        if r < 0.1:
            return str(self.rng.randrange(1, 18))
        if r < 0.9:
            return str(self.rng.randrange(18, 90))
        return str(self.rng.randrange(90, 105))

    # ---- O fillers (pattern-recognizer PII and look-alikes) -----------------------------------------------------
    def email(self, name: str | None = None) -> str:
        if name and self.rng.random() < 0.6:
            parts = [re.sub(r"[^a-z]", "", p.lower()) for p in name.replace(",", " ").split()]
            parts = [p for p in parts if p] or ["user"]
            local = self.pick([".", "_", ""]).join(parts[:2]) if self.rng.random() < 0.7 else parts[0][0] + parts[-1]
            domain = self.pick(["gmail.com", "outlook.com", "yahoo.co.uk", "example.org", "company.io", "web.de",
                                "corp.example.com", "mail.ng", "hotmail.fr"])
            return f"{local}@{domain}"
        return self._faker(self.pick(["en_US", "en_GB", "de_DE", "fr_FR", "nl_NL"])).email()

    def phone(self) -> str:
        return self._faker(self.pick(["en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pt_BR",
                                      "pl_PL", "en_IN", "sv_SE"])).phone_number()

    def card(self) -> str:
        num = self._faker("en_US").credit_card_number()
        if len(num) == 16 and self.rng.random() < 0.5:
            sep = self.pick([" ", "-"])
            return sep.join(num[i:i + 4] for i in range(0, 16, 4))
        return num

    def iban(self) -> str:
        return self._faker(self.pick(["en_GB", "de_DE", "fr_FR", "nl_NL", "es_ES", "it_IT"])).iban()

    def ssn(self) -> str:
        return self._faker("en_US").ssn()

    def ip(self) -> str:
        f = self._faker("en_US")
        return f.ipv6() if self.rng.random() < 0.15 else f.ipv4()

    def url(self) -> str:
        f = self._faker("en_US")
        url = f.url()
        if self.rng.random() < 0.5:
            url = url.rstrip("/") + "/" + self.pick(["login", "account/settings", "orders/" + str(self.rng.randrange(10**6)),
                                                     "help?id=" + str(self.rng.randrange(9999)), "docs/api"])
        return url

    def amount(self) -> str:
        v = self.rng.randrange(1, 500000) / 100
        cur = self.pick(["$", "£", "€", "USD ", "EUR ", "GBP ", "KES ", "NGN ", "INR ", ""])
        return f"{cur}{v:,.2f}"

    def number(self) -> str:
        return str(self.rng.randrange(1, 10000))

    def ticket(self) -> str:
        prefix = self.pick(["INC", "REQ", "TCK", "CASE", "ORD", "PO", "JIRA-", "SR", "CLM", "BKG"])
        return f"{prefix}{self.pick(['', '-', '#'])}{self.rng.randrange(10000, 9999999)}"

    def account(self) -> str:
        return "".join(str(self.rng.randrange(10)) for _ in range(self.rng.choice([6, 8, 10])))

    def username(self, name: str | None = None) -> str:
        if name and self.rng.random() < 0.5:
            parts = [re.sub(r"[^a-z]", "", p.lower()) for p in name.replace(",", " ").split()]
            parts = [p for p in parts if p] or ["user"]
            return parts[0][0] + parts[-1] + (str(self.rng.randrange(100)) if self.rng.random() < 0.4 else "")
        return self._faker("en_US").user_name()

    def product(self) -> str:
        return self.pick(_PRODUCTS)

    def job(self) -> str:
        """A job title (TITLE): Faker's en_US list, common occupations, compositional titles, executives; with
        seniority words and mixed casing ("Senior Data Analyst", "Registered nurse", "forklift operator")."""
        for _ in range(20):
            value = self._job_once()
            low = value.lower()
            if low not in _BENCH_SEEN_TITLES and low not in _ROLE_WORDS:  # a bare prose role noun is O
                return value
        return self.pick(_JOB_TITLES)

    def _job_once(self) -> str:
        r = self.rng.random()
        if r < 0.28:
            base = self._faker(self.pick(["en_US", "en_GB", "en_IN", "en_PH"])).job()
        elif r < 0.52:
            base = self.pick(_OCCUPATIONS)
        elif r < 0.80:
            fields, heads = _JOB_GRID[self.rng.randrange(len(_JOB_GRID))]
            base = f"{self.pick(fields)} {self.pick(heads)}"
        elif r < 0.90:
            return self.pick(_EXECUTIVE_TITLES)
        else:
            return self.pick(_JOB_TITLES)
        q = self.rng.random()
        if q < 0.14 and "," not in base:
            base = f"{self.pick(_SENIORITY)} {base}"
        elif q < 0.20:  # "Head of Finance", "Director of Customer Success"
            fields = _JOB_GRID[self.rng.randrange(2)][0]
            area = self.pick(_DEPARTMENTS) if self.rng.random() < 0.5 else self.pick(fields)
            base = f"{self.pick(_HEAD_OF)} {area}"
        c = self.rng.random()
        if c < 0.40:  # Title Case, acronyms kept
            return " ".join(w if w.isupper() else w[:1].upper() + w[1:] for w in base.split(" "))
        if c < 0.75:  # sentence case
            return base[:1].upper() + base[1:]
        return base if c < 0.97 else base.upper()

    def corp(self) -> str:
        """A listed-company name: stem + sector + legal suffix ("Meridian Shipping ASA", "Okada Industries Co.,
        Ltd.", "Novagrid Therapeutics Inc. Class A"), sometimes all capitals or glued the way exchange lists write it."""
        r = self.rng.random()
        if r < 0.18:
            stem = self.last()
        elif r < 0.45:
            stem = self.pick(_BRAND_HEADS) + self.pick(_BRAND_TAILS)
        elif r < 0.68:
            stem = self.pick(_BRAND_WORDS)
        elif r < 0.82:
            stem = self._faker(self.pick(["ja_JP", "zh_CN"])).last_romanized_name()
        else:
            stem = "".join(self.rng.choice("ABCDEFGHIKLMNPRSTUVWXZ") for _ in range(self.rng.choice([2, 3, 3, 4])))
        parts = [stem]
        sector = self.rng.random() < 0.8
        if sector:
            parts.append(self.pick(_LISTED_SECTORS))
            if self.rng.random() < 0.15:
                parts.append(self.pick(_LISTED_SECTORS))
        if not sector or self.rng.random() < 0.8:  # a bare surname is a person, not a company
            parts.append(self.pick(_LEGAL_SUFFIXES))
        name = " ".join(parts)
        if self.rng.random() < 0.08:
            name = f"The {stem} {self.pick(['Company', 'Group', 'Corporation', 'Trust'])}"
        if self.rng.random() < 0.1:
            name = f"{name} {self.pick(_SHARE_CLASSES)}"
        c = self.rng.random()
        if c < 0.2:
            name = name.upper()
        elif c < 0.25:
            name = name.lower()
        return name

    def fund(self) -> str:
        """An ETF, index fund or closed-end fund name, long ("iShares Core MSCI World UCITS ETF USD (Acc)") or as
        exchange and broker lists abbreviate it ("ISHR CORE/MSCI WLD USD ACC", "VANG.FTSE AW-USD DIS")."""
        r = self.rng.random()
        if r < 0.4:
            words = [self.pick(_FUND_ISSUERS), self.pick(_FUND_STYLES), self.pick(_FUND_INDICES),
                     self.pick(_FUND_STYLES), self.pick(_FUND_FORMS), self.pick(_FUND_SHARES)]
            return " ".join(w for w in words if w)
        if r < 0.65:
            stem = self.pick([self.last(), self.pick(_BRAND_WORDS), self.pick(_FUND_ISSUERS)])
            kind = self.pick(_CLOSED_END_KINDS)
            tail = self.pick(["", "", "Inc.", "Inc", "II", "2030", "Class A", "Ltd"])
            return " ".join(w for w in (stem, kind, tail) if w)
        # Abbreviated, capitals: issuer/index/share words cut to 2-5 letters, joined by spaces, slashes or dots.
        issuer = self._abbrev(self.pick(_FUND_ISSUERS))
        body = [self._abbrev(w) for w in f"{self.pick(_FUND_INDICES)} {self.pick(_FUND_STYLES)}".split()]
        tail = [self.pick(["ETF", "UCITS", "ETC", "ETN", "TR", "FD", "IDX"]),
                self.pick(["USD", "EUR", "GBP", "CHF", "JPY", ""]),
                self.pick(["ACC", "DIS", "DIST", "A", "1C", "INC", "H", "PERP", "DLY", "SHT", "LG", ""])]
        tokens = [issuer, *body, *tail]
        tokens = [t for t in tokens if t]
        out = tokens[0]
        for t in tokens[1:]:
            out += self.pick([" ", " ", " ", "/", ".", "-"]) + t
        return out if self.rng.random() < 0.85 else out.lower()

    def security(self) -> str:
        """A listed security as a broker statement writes it: company short name + share line ("MERIDIAN SHPG
        SPON ADR", "NOVAGRID THERAP PFD SER A")."""
        words = self.corp().split()
        short = " ".join(self._abbrev(w) if len(w) > 6 and self.rng.random() < 0.6 else w.upper() for w in words[:3])
        return f"{short}{self.pick([' ', '/', ' '])}{self.pick(_SECURITY_TAILS)}"

    def _abbrev(self, word: str) -> str:
        w = re.sub(r"[^A-Za-z0-9&+\-]", "", word)
        if len(w) <= 4 or w.isdigit() or self.rng.random() < 0.3:
            return w.upper()
        if self.rng.random() < 0.5:  # consonant skeleton: "Vanguard" -> "VNGRD", cut
            skeleton = w[0] + re.sub(r"[aeiouAEIOU]", "", w[1:])
            return skeleton[: self.rng.choice([3, 4, 5])].upper()
        return w[: self.rng.choice([3, 4, 5])].upper()

    def dept(self) -> str:
        return self.pick(_DEPARTMENTS)

    def genre(self) -> str:
        return self.pick(_MUSIC_GENRES)

    def diet(self) -> str:
        return self.pick(_DIETS)

    def instrument(self) -> str:
        return self.pick(_INSTRUMENTS)

    def hobby(self) -> str:
        return self.pick(_HOBBIES)

    def art_style(self) -> str:
        return self.pick(_ART_STYLES)

    def topic(self) -> str:
        return self.pick(_TOPICS)

    def animal(self) -> str:
        return self.pick(_ANIMALS)

    def product_category(self) -> str:
        return self.pick(_PRODUCT_CATEGORIES)

    def descriptive(self) -> str:
        return self.pick(_DESCRIPTIVE)

    def role(self) -> str:
        return self.pick(_ROLES)

    def relative_time(self) -> str:
        return self.pick(_RELATIVE_TIMES)

    def language(self) -> str:
        return self.pick(_LANGUAGES)

    def style_word(self) -> str:
        """Any of the O "group-looking" words: genre, diet, instrument, hobby, art style, topic or animal."""
        pools = (_MUSIC_GENRES, _DIETS, _INSTRUMENTS, _HOBBIES, _ART_STYLES, _TOPICS, _ANIMALS, _PRODUCT_CATEGORIES)
        return self.pick(pools[self.rng.randrange(len(pools))])

    def nrp_like_person(self) -> str:
        """A name with a part spelled like an NRP word ("Christian English", "Roman Walsh", "Dane Moore")."""
        r = self.rng.random()
        if r < 0.35:
            return f"{self.pick(_NRP_LIKE_FIRST)} {self.last()}"
        if r < 0.7:
            return f"{self.first()} {self.pick(_NRP_LIKE_LAST)}"
        if r < 0.85:
            return f"{self.pick(_NRP_LIKE_FIRST)} {self.pick(_NRP_LIKE_LAST)}"
        return self.pick(_NRP_LIKE_FIRST)

    def host(self) -> str:
        return f"{self.pick(['web', 'api', 'db', 'worker', 'auth', 'cache'])}-{self.rng.randrange(1, 40):02d}" \
               f".{self.pick(['prod', 'staging', 'eu-west-1', 'internal'])}"

    def code(self) -> str:
        return self.pick(["E1042", "ERR_TIMEOUT", "HTTP 503", "0x80070005", "404", "SIGKILL", "ECONNRESET"])


def _one_line(s: str) -> str:
    return ", ".join(p.strip() for p in s.split("\n") if p.strip())


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# Placeholder name -> (label or None, how to draw the value). `ctx` is the last PERSON value drawn in this
# example, so e-mail addresses and user names can be derived from it (they stay O).
_Drawer = Callable[[_Values, str | None], str]
_PLACEHOLDERS: dict[str, tuple[str | None, _Drawer]] = {
    "PER": ("PERSON", lambda v, c: v.person()),
    "FIRST": ("PERSON", lambda v, c: v.first()),
    "LAST": ("PERSON", lambda v, c: v.last()),
    "CITY": ("LOCATION", lambda v, c: v.city()),
    "COUNTRY": ("LOCATION", lambda v, c: v.country()),
    "STATE": ("LOCATION", lambda v, c: v.state()),
    "STREET": ("LOCATION", lambda v, c: v.street()),
    "ADDR": ("LOCATION", lambda v, c: v.address()),
    "ADDR_ML": ("LOCATION", lambda v, c: v.address_multiline()),
    "LOC": ("LOCATION", lambda v, c: v.location()),
    "ORG": ("ORGANIZATION", lambda v, c: v.org()),
    "CORP": ("ORGANIZATION", lambda v, c: v.corp()),
    "FUND": ("ORGANIZATION", lambda v, c: v.fund()),
    "SEC": ("ORGANIZATION", lambda v, c: v.security()),
    "DATE": ("DATE_TIME", lambda v, c: v.date()),
    "DOB": ("DATE_TIME", lambda v, c: v.dob()),
    "TIME": ("DATE_TIME", lambda v, c: v.time()),
    "WEEKDAY": ("DATE_TIME", lambda v, c: v.weekday()),
    "MONTHYEAR": ("DATE_TIME", lambda v, c: v.month_year()),
    "TS": ("DATE_TIME", lambda v, c: v.timestamp()),
    "WHEN": ("DATE_TIME", lambda v, c: v.any_date()),
    "NAT": ("NRP", lambda v, c: v.nationality()),
    "REL": ("NRP", lambda v, c: v.religion()),
    "POL": ("NRP", lambda v, c: v.political()),
    "NRP": ("NRP", lambda v, c: v.nrp()),
    "NATN": ("NRP", lambda v, c: v.nationality_person()),
    "NATP": ("NRP", lambda v, c: v.nationality_group()),
    "NATCIT": ("NRP", lambda v, c: v.citizenship()),
    "AGE": ("AGE", lambda v, c: v.age()),
    # Names that are also words, next to the word itself in the same sentence ("Will X will ...")
    "WILL": ("PERSON", lambda v, c: f"Will {v.last()}"),
    "MAY": ("PERSON", lambda v, c: f"May {v.last()}"),
    "ROSE": ("PERSON", lambda v, c: f"Rose {v.last()}"),
    "HOPE": ("PERSON", lambda v, c: f"Hope {v.last()}"),
    "NRPNAME": ("PERSON", lambda v, c: v.nrp_like_person()),
    # Job titles (TITLE); honorifics and bare role nouns in prose are O
    "JOB": ("TITLE", lambda v, c: v.job()),
    "EXEC": ("TITLE", lambda v, c: v.pick(_EXECUTIVE_TITLES)),
    "TITLE": (None, lambda v, c: v.title()),
    "ROLE": (None, lambda v, c: v.role()),
    "OCCPL": (None, lambda v, c: v.pick(_OCCUPATION_PLURALS)),
    "SUBJECT": (None, lambda v, c: v.pick(_SUBJECTS)),
    "NURSE": (None, lambda v, c: v.pick(["nurse", "Nurse", "staff nurse", "charge nurse", "HCA", "phlebotomist",
                                             "healthcare assistant", "student nurse", "midwife", "Sister"])),
    "SPOKES": (None, lambda v, c: v.pick(["spokesperson", "spokeswoman", "spokesman", "press officer",
                                              "communications director", "company spokesperson"])),
    "ACAD": (None, lambda v, c: v.pick(["Prof.", "Professor", "Dr.", "Dr", "Prof", "Assoc. Prof.",
                                            "Associate Professor", "Emeritus Professor"])),
    "CHEF": (None, lambda v, c: v.pick(["chef", "head chef", "pastry chef", "chef-owner", "executive chef"])),
    "CURATOR": (None, lambda v, c: v.pick(["director", "curator", "chief curator", "museum director",
                                               "gallery manager"])),
    # O values
    "EMAIL": (None, lambda v, c: v.email(c)),
    "PHONE": (None, lambda v, c: v.phone()),
    "CARD": (None, lambda v, c: v.card()),
    "IBAN": (None, lambda v, c: v.iban()),
    "SSN": (None, lambda v, c: v.ssn()),
    "IP": (None, lambda v, c: v.ip()),
    "URL": (None, lambda v, c: v.url()),
    "AMOUNT": (None, lambda v, c: v.amount()),
    "NUM": (None, lambda v, c: v.number()),
    "TICKET": (None, lambda v, c: v.ticket()),
    "ACCOUNT": (None, lambda v, c: v.account()),
    "USER": (None, lambda v, c: v.username(c)),
    "PRODUCT": (None, lambda v, c: v.product()),
    "DEPT": (None, lambda v, c: v.dept()),
    "HOST": (None, lambda v, c: v.host()),
    "CODE": (None, lambda v, c: v.code()),
    # O words that look like group words (styles, diets, topics...) and the words around NRP values
    "GENRE": (None, lambda v, c: v.genre()),
    "DIET": (None, lambda v, c: v.diet()),
    "INSTR": (None, lambda v, c: v.instrument()),
    "HOBBY": (None, lambda v, c: v.hobby()),
    "ART": (None, lambda v, c: v.art_style()),
    "TOPIC": (None, lambda v, c: v.topic()),
    "ANIMAL": (None, lambda v, c: v.animal()),
    "PRODCAT": (None, lambda v, c: v.product_category()),
    "ADJ": (None, lambda v, c: v.descriptive()),
    "STYLE": (None, lambda v, c: v.style_word()),
    "LANG": (None, lambda v, c: v.language()),
    "RELTIME": (None, lambda v, c: v.relative_time()),
}

# --------------------------------------------------------------------------------------------------------------
# Templates: (genre, text). {NAME} or {NAME2} etc. are placeholders (a trailing digit only makes a second,
# independent value). Order matters: held-out templates are chosen by position.
# --------------------------------------------------------------------------------------------------------------

_TEMPLATES_RAW: list[tuple[str, str]] = [
    # --- support emails ---
    ("email", "Hi {FIRST},\n\nThanks for reaching out about order {TICKET}. A replacement {PRODUCT} will ship on {DATE}.\n\nBest,\n{PER}\n{ORG} Support"),
    ("email", "Dear {TITLE} {LAST},\nWe received your complaint dated {DATE} regarding the delivery to {ADDR}. Our team will reply within 48 hours."),
    ("email", "Hello, my name is {PER} and I cannot log in to my account. My registered email is {EMAIL} and my phone is {PHONE}."),
    ("email", "Hi team, please update the billing address for {PER} to {ADDR}. Thanks, {FIRST2}"),
    ("email", "Subject: Refund request\n\nHello,\nI was charged {AMOUNT} twice on {DATE} for my {PRODUCT}. Please refund the card ending {NUM}.\nRegards,\n{PER}"),
    ("email", "Good morning {FIRST}, your ticket {TICKET} has been escalated to our {DEPT} team in {CITY}. We will call you at {PHONE}."),
    ("email", "{FIRST}, could you forward the contract from {ORG} to {EMAIL} before {WEEKDAY}?"),
    ("email", "Dear customer, your subscription renews on {DATE}. Manage it at {URL}."),
    ("email", "Hello {TITLE} {PER}, we noticed a sign-in to your account from {CITY}, {COUNTRY} at {TIME}. If this wasn't you, reset your password at {URL}."),
    ("email", "Hi there! I'm {FIRST} from {ORG}. I'd love to set up a call {WEEKDAY} to talk about your {PRODUCT} order."),
    ("email", "Please send all correspondence to {PER}, {ADDR}."),
    ("email", "Kind regards,\n{PER}\n{JOB}, {ORG}\n{PHONE} | {EMAIL}"),
    ("email", "Thanks {FIRST}! I forwarded your CV to {PER} in our {CITY} office; expect a reply by {DATE}."),
    # --- chat messages ---
    ("chat", "hey {FIRST} r u coming to {CITY} on {WEEKDAY}?"),
    ("chat", "lol {FIRST} just told me she's moving to {COUNTRY} in {MONTHYEAR}"),
    ("chat", "can u send me {FIRST}'s number? need to ask about the party at {TIME}"),
    ("chat", "omg I ran into {PER} at the airport in {CITY}"),
    ("chat", "my grandma turns {AGE} next week, we're flying to {CITY} for it"),
    ("chat", "{FIRST}: meeting moved to {TIME}\n{FIRST2}: ok thx"),
    ("chat", "did {FIRST} ever pay you back the {AMOUNT}?"),
    ("chat", "I think {PER} works at {ORG} now, not sure"),
    ("chat", "brb, dinner with {FIRST} and {FIRST2} at 7"),
    ("chat", "yo {FIRST}, the {NAT} guy from the gym says hi"),
    ("chat", "pls ping {USER} on slack, he owns the deploy"),
    ("chat", "{FIRST} said the flight lands {WEEKDAY} at {TIME}"),
    # --- clinical notes ---
    ("clinical", "Patient {PER}, {AGE} years old, presented on {DATE} with chest pain radiating to the left arm."),
    ("clinical", "{AGE}-year-old {NAT} female referred by {TITLE} {LAST} for evaluation of recurrent migraines."),
    ("clinical", "Pt: {PER}\nDOB: {DOB}\nAge: {AGE}\nAttending: {TITLE} {PER2}\nAdmitted to {ORG} on {DATE}."),
    ("clinical", "Discharge summary: {PER} was discharged home to {CITY} on {DATE}. Follow-up with {TITLE} {LAST} in 2 weeks."),
    ("clinical", "The patient is a {AGE} yo male, {REL}, declines blood products. Next of kin: {PER}, {PHONE}."),
    ("clinical", "Seen in clinic {WEEKDAY}. {FIRST} reports improved sleep since starting melatonin."),
    ("clinical", "Referral letter: {TITLE} {PER} at {ORG} kindly asked to review this {AGE}-year-old with suspected appendicitis."),
    ("clinical", "Vitals at {TIME}: BP 128/82, HR 76, SpO2 98%. Patient {LAST} comfortable, no acute distress."),
    ("clinical", "{TITLE} {LAST}, aged {AGE}, lives alone at {ADDR}; daughter {FIRST} visits daily."),
    ("clinical", "Blood sample collected {DATE} at {TIME} by {NURSE} {FIRST}. Results sent to {ORG}."),
    ("clinical", "Allergies: penicillin. Insurance: {ORG}, member ID {ACCOUNT}."),
    # --- HR notes ---
    ("hr", "{PER} joined the {DEPT} team as {JOB} on {DATE}."),
    ("hr", "Exit interview with {PER} held {WEEKDAY}; reason for leaving: relocation to {COUNTRY}."),
    ("hr", "Employee {PER} ({AGE}) requested parental leave from {DATE} to {DATE2}."),
    ("hr", "Performance review: {FIRST} exceeded targets in {MONTHYEAR}. Manager: {PER}."),
    ("hr", "Visa sponsorship approved for {PER}, a {NAT} national starting in our {CITY} office."),
    ("hr", "Reminder: {FIRST} is out of office until {DATE}; contact {PER} for urgent {DEPT} matters."),
    ("hr", "New hire paperwork for {PER}: home address {ADDR}, SSN {SSN}, start date {DATE}."),
    ("hr", "{PER} asked for a prayer room near the {DEPT} floor; she is {REL}."),
    ("hr", "Offer letter sent to {PER} for the {JOB} role, salary {AMOUNT}."),
    ("hr", "Complaint filed by {FIRST} against {PER} on {DATE}; case {TICKET} assigned to {PER2}."),
    # --- CRM notes ---
    ("crm", "Called {PER} at {ORG} about the renewal; follow up {WEEKDAY}."),
    ("crm", "Lead: {PER}, {JOB} at {ORG}, based in {CITY}. Interested in {PRODUCT}."),
    ("crm", "Meeting with {FIRST} from {ORG} went well, proposal due {DATE}."),
    ("crm", "Account owner changed from {PER} to {PER2} effective {DATE}."),
    ("crm", "{ORG} signed a 3-year deal worth {AMOUNT}; champion is {PER}."),
    ("crm", "Left voicemail for {TITLE} {LAST} ({PHONE}). Will try again at {TIME}."),
    ("crm", "Customer {PER} prefers contact by email ({EMAIL}) only."),
    ("crm", "Demo for {ORG} scheduled {WEEKDAY} {TIME} with {FIRST} and {FIRST2}."),
    # --- server / app logs ---
    ("log", "{TS} INFO auth: login succeeded user={EMAIL} ip={IP}"),
    ("log", "{TS} ERROR payment failed for customer \"{PER}\" card={CARD} reason=insufficient_funds"),
    ("log", "[{TS}] WARN {HOST} request from {IP} took 5321ms path=/api/v1/users/{NUM}"),
    ("log", "{IP} - - [{TS}] \"GET /profile?name={FIRST} HTTP/1.1\" 200 512"),
    ("log", "{TS} DEBUG shipping label created for {PER}, {ADDR}"),
    ("log", "{TS} INFO job {TICKET} finished on {HOST} in 12.4s"),
    ("log", "level=error ts={TS} msg=\"timeout contacting {URL}\" code={CODE}"),
    ("log", "{TS} AUDIT user {USER} exported report for {ORG}"),
    ("log", "user_created id={NUM} name=\"{PER}\" country={COUNTRY} created_at={TS}"),
    ("log", "{TS} WARN retrying webhook to {URL} (attempt 3/5)"),
    # --- forms ---
    ("form", "Name: {PER}\nAddress: {ADDR}\nDate of birth: {DOB}\nPhone: {PHONE}"),
    ("form", "Full name: {PER} | Age: {AGE} | Nationality: {NAT} | Email: {EMAIL}"),
    ("form", "Applicant: {PER}\nEmployer: {ORG}\nPosition: {JOB}\nStart date: {DATE}"),
    ("form", "NAME: {PER}\nDOB: {DOB}\nCITY: {CITY}\nSTATE: {STATE}"),
    ("form", "First name: {FIRST}\nLast name: {LAST}\nCountry: {COUNTRY}\nReligion: {REL}"),
    ("form", "Emergency contact: {PER} (relationship: sister), tel. {PHONE}"),
    ("form", "Ship to:\n{PER}\n{ADDR_ML}"),
    ("form", "Policyholder: {PER}; Policy no. {ACCOUNT}; Insurer: {ORG}; Valid until {DATE}"),
    ("form", "Guest: {PER}, Room 412, Check-in {DATE}, Check-out {DATE2}"),
    ("form", "Student: {PER}\nSchool: {ORG}\nAge: {AGE}\nGuardian: {PER2}"),
    ("form", "Voter registration: {PER}, {ADDR}, party affiliation: {POL}"),
    # --- letters ---
    ("letter", "{ADDR_ML}\n\n{DATE}\n\nDear {TITLE} {LAST},\n\nI am writing to confirm your appointment at {ORG}."),
    ("letter", "To whom it may concern,\n\nI have known {PER} for six years as a colleague at {ORG}. I recommend {FIRST} without reservation.\n\nSincerely,\n{PER2}"),
    ("letter", "Dear {FIRST},\nCongratulations on your {AGE}th birthday! With love from everyone in {CITY}."),
    ("letter", "Dear Sir or Madam,\nPlease cancel my membership effective {DATE}.\nYours faithfully,\n{PER}\n{ADDR}"),
    ("letter", "Dear {TITLE} {LAST},\nFurther to our meeting on {WEEKDAY}, I enclose the signed lease for {ADDR}."),
    ("letter", "{CITY}, {DATE}\n\nDear {PER},\nWe regret to inform you that your application to {ORG} was unsuccessful."),
    # --- meeting notes ---
    ("meeting", "Attendees: {PER}, {PER2}, {FIRST}. Action: {FIRST} to send the budget to {ORG} by {DATE}."),
    ("meeting", "Notes {DATE}: {PER} presented Q3 results; next sync {WEEKDAY} at {TIME}."),
    ("meeting", "Decision: we open the {CITY} office in {MONTHYEAR}; {PER} leads hiring."),
    ("meeting", "Apologies from {FIRST}. {PER} chaired. Minutes taken by {FIRST2}."),
    ("meeting", "Standup: {FIRST} blocked on the {PRODUCT} release, {FIRST2} reviewing PR {NUM}."),
    ("meeting", "Board meeting of {ORG} held at {ADDR} on {DATE}."),
    # --- bank / insurance ---
    ("bank", "Your transfer of {AMOUNT} to {PER} (IBAN {IBAN}) was completed on {DATE}."),
    ("bank", "{ORG}: A payment of {AMOUNT} with card {CARD} was declined at {TIME}. Not you? Call {PHONE}."),
    ("bank", "Dear {PER}, your mortgage application with {ORG} for the property at {ADDR} has been approved."),
    ("bank", "Claim {TICKET}: water damage reported by {PER} at {ADDR} on {DATE}."),
    ("bank", "Direct debit to {ORG} set up from account {ACCOUNT} starting {DATE}."),
    ("bank", "We have frozen the account of {PER} pending review by our {DEPT} department."),
    ("bank", "Beneficiary added: {PER}, {COUNTRY}, via {ORG}."),
    ("bank", "The insured, {PER}, aged {AGE}, was driving in {CITY} when the accident occurred at {TIME}."),
    ("bank", "Statement for {MONTHYEAR}: 14 transactions, closing balance {AMOUNT}."),
    # --- travel ---
    ("travel", "Booking confirmed: {PER}, flight from {CITY} to {CITY2} on {DATE} at {TIME}."),
    ("travel", "Passenger {LAST}/{FIRST} {TITLE} seat 14C, departing {WEEKDAY}."),
    ("travel", "Hotel reservation at {ORG} in {CITY} for {PER} from {DATE} to {DATE2}."),
    ("travel", "Your train to {CITY} leaves at {TIME} from platform 4. Booking ref {TICKET}."),
    ("travel", "Visa appointment for {PER} ({NAT}) at the embassy in {CITY} on {DATE}."),
    ("travel", "Pick-up for {FIRST} at {ADDR} at {TIME}, driver: {PER}."),
    ("travel", "We spent {MONTHYEAR} backpacking across {COUNTRY} and {COUNTRY2}."),
    ("travel", "Itinerary for {PER}: {CITY} ({DATE}), {CITY2} ({DATE2})."),
    # --- short commands ---
    ("command", "call {FIRST}"),
    ("command", "remind me to email {PER} {WEEKDAY}"),
    ("command", "set a meeting with {PER} at {TIME}"),
    ("command", "navigate to {ADDR}"),
    ("command", "what's the weather in {CITY}"),
    ("command", "text {FIRST} that I'm running late"),
    ("command", "book a table for 4 at {TIME} {WEEKDAY}"),
    ("command", "find flights to {COUNTRY} in {MONTHYEAR}"),
    ("command", "add {PER} to the {ORG} thread"),
    # --- news / narrative / social ---
    ("narrative", "{PER}, {AGE}, of {CITY}, was named {EXEC} of {ORG} on {DATE}."),
    ("narrative", "The {POL} candidate {PER} won the {STATE} primary by a narrow margin."),
    ("narrative", "Born in {CITY} in {MONTHYEAR}, {PER} studied at {ORG} before moving to {COUNTRY}."),
    ("narrative", "{ORG} announced layoffs at its {CITY} plant, according to {SPOKES} {PER}."),
    ("narrative", "The {REL} community of {CITY} gathered on {WEEKDAY} for the festival."),
    ("narrative", "A {AGE}-year-old {NAT} man was arrested in {CITY} on {DATE}."),
    ("narrative", "{PER} and her husband {FIRST} moved from {STATE} to {CITY} when she was {AGE}."),
    ("narrative", "As a {NAT} {REL}, {FIRST} celebrates two new years."),
    ("narrative", "Thanks to everyone who came to {FIRST}'s farewell on {DATE}!"),
    ("narrative", "{PER} from {CITY} writes: the new bus timetable from {DATE} is a mess."),
    ("narrative", "The {NAT} delegation, led by {PER}, met {ORG} officials in {CITY}."),
    ("narrative", "Her grandfather, a {POL} councillor in {CITY}, died in {MONTHYEAR} aged {AGE}."),
    # --- legal / government ---
    ("legal", "This agreement is made on {DATE} between {ORG} and {PER}, residing at {ADDR}."),
    ("legal", "The tenant, {PER}, shall vacate the premises at {ADDR} no later than {DATE}."),
    ("legal", "Witness statement of {PER}, {AGE}, taken at {CITY} police station on {DATE} at {TIME}."),
    ("legal", "Case {TICKET}: {ORG} v. {PER}, hearing set for {DATE}."),
    ("legal", "Applicant {PER} states that she fled {COUNTRY} because she is {REL}."),
    ("legal", "Power of attorney granted by {PER} to {PER2} on {DATE}."),
    # --- e-commerce ---
    ("shop", "Order {TICKET} for {PER} will be delivered to {ADDR} between {TIME} and {TIME2}."),
    ("shop", "Review by {FIRST} from {CITY}: the {PRODUCT} broke after two weeks."),
    ("shop", "Gift message: Happy {AGE}th, {FIRST}! Love, {FIRST2}"),
    ("shop", "Return label for {PER}: drop off at any {ORG} location before {DATE}."),
    # --- education ---
    ("edu", "{PER} (student ID {ACCOUNT}) is enrolled at {ORG} for the {MONTHYEAR} intake."),
    ("edu", "Parent-teacher meeting with {TITLE} {LAST} on {WEEKDAY} at {TIME} about {FIRST}'s grades."),
    ("edu", "{FIRST} is {AGE} and in year 6 at {ORG}."),
    ("edu", "Thesis supervised by {ACAD} {PER}, {ORG}, submitted {DATE}."),
    # --- lists and tables flattened to text ---
    ("list", "{PER}; {PER2}; {PER3}"),
    ("list", "{LAST}, {FIRST} - {CITY} - {DATE}"),
    ("list", "{PER}\t{AGE}\t{CITY}\t{EMAIL}"),
    ("list", "Winners: 1. {PER} ({COUNTRY}) 2. {PER2} ({COUNTRY2}) 3. {PER3} ({COUNTRY3})"),
    ("list", "{ORG}, {ORG2} and {ORG3} sponsored the event."),
    # --- demographics, surveys, community (NRP-heavy) ---
    ("demographic", "Respondent {NUM}: {AGE}, {NAT}, {REL}, votes {POL}, lives in {CITY}."),
    ("demographic", "{PER} is a {NAT}-born {REL} who moved to {COUNTRY} at {AGE}."),
    ("demographic", "The {POL} party's new leader, {PER}, is the first {REL} to hold the post."),
    ("demographic", "Most of the volunteers at {ORG} are {NAT} or {NAT2} students."),
    ("demographic", "Dietary note for {FIRST}: {REL}, no pork; guest of {PER}."),
    ("demographic", "We interviewed {AGE} people; one, a {NAT} {POL} voter, asked to stay anonymous."),
    ("demographic", "{FIRST} grew up {REL} in {CITY} but became a {POL} activist in {MONTHYEAR}."),
    ("demographic", "Ethnicity: {NAT}\nReligion: {REL}\nPolitical affiliation: {POL}"),
    ("demographic", "The {NAT} embassy in {CITY} issued a statement on {DATE}."),
    ("demographic", "As {POL}s, {FIRST} and {FIRST2} disagree with the {NAT} government."),
    ("demographic", "Chaplaincy request: {REL} chaplain for {PER}, ward 7, {WEEKDAY}."),
    ("demographic", "{PER}, a {AGE}-year-old {REL} {ROLE} from {STATE}, spoke first."),
    # --- more forms, payments and records (varied field names; names after "to") ---
    ("form", "Beneficiary: {PER}\nBank: {ORG}\nIBAN: {IBAN}\nReference: {TICKET}"),
    ("form", "Next of kin: {PER}\nRelationship: spouse\nPlace of birth: {CITY}\nNationality: {NAT}"),
    ("form", "Payee: {PER} | Sort code 20-00-00 | Account {ACCOUNT} | Date {DATE}"),
    ("form", "Sender: {PER}, {ORG}\nRecipient: {PER2}, {ADDR}"),
    ("form", "Pupil: {PER}; Year 9; School: {ORG}; Parent: {PER2}; Contact: {PHONE}"),
    ("form", "Candidate: {PER}\nCurrent employer: {ORG}\nNotice period: 3 months\nAvailable from: {DATE}"),
    ("form", "Customer ID {ACCOUNT}\nName {PER}\nCity {CITY}\nSegment: retail"),
    ("form", "Tenant: {PER}\nLandlord: {PER2}\nProperty: {ADDR}\nRent due: {WEEKDAY}"),
    ("form", "Owner: {PER} ({EMAIL})\nOrganisation: {ORG}\nCountry: {COUNTRY}"),
    ("bank", "Paid {AMOUNT} to {PER} on {DATE}, reference {TICKET}."),
    ("bank", "Standing order: {AMOUNT} monthly to {PER}, IBAN {IBAN}, from {DATE}."),
    ("bank", "Please wire the deposit to {PER} at {ORG}, IBAN {IBAN}."),
    ("bank", "Refund of {AMOUNT} issued to {PER} via card {CARD}."),
    ("email", "Could you forward this to {PER} and copy {FIRST}? Thanks."),
    ("email", "I handed the keys to {FIRST} on {WEEKDAY}; the flat at {ADDR} is empty now."),
    ("email", "Letter addressed to {PER}, c/o {ORG}, {ADDR}."),
    ("list", "Partners: {ORG}; {ORG2}; {ORG3}."),
    ("list", "{ORG} and {ORG2} announced a merger on {DATE}."),
    ("list", "Suppliers shortlisted: {ORG}, {ORG2}, {ORG3}"),
    ("log", "{TS} INFO request {TICKET} handled by {HOST} in {NUM}ms"),
    ("log", "{TS} WARN job {TICKET} retried after 3.5s, took 12.8s in total"),
    ("log", "{TS} ERROR {HOST}: disk 91% full, cleanup in 30 minutes"),
    ("chat", "back in 10 min, {FIRST} is covering the desk"),
    ("chat", "next week works for me, maybe {WEEKDAY}? {FIRST} is away next month"),
    ("lookalike", "We hope {PER} will accept; I will call {FIRST} to mark the date."),
    ("lookalike", "I hope you can bill {ORG} by {DATE}; {FIRST} from sales agrees, to be frank."),
    ("lookalike", "{WILL} and {FIRST} may join later, said {PER}; grace period or not."),
    # --- look-alikes that DO contain entities ---
    ("lookalike", "{WILL} will review the draft on {WEEKDAY}."),
    ("lookalike", "{FIRST} may call you back; her colleague {MAY} is off until {DATE}."),
    ("lookalike", "Please bill {ORG} for the hours; {PER} approved the invoice."),
    ("lookalike", "{ROSE} planted the rose garden in {CITY} in {MONTHYEAR}."),
    ("lookalike", "Mark the ticket resolved and tell {PER} the {PRODUCT} issue is fixed."),
    ("lookalike", "The city council of {CITY} met {WEEKDAY}; {PER} spoke against the plan."),
    ("lookalike", "Our {JOB} {PER} will join the call from {COUNTRY}."),
    ("lookalike", "The {JOB} at the bank said {FIRST} needs to bring ID."),
    ("lookalike", "I hope {FIRST} gets the {PRODUCT} in time; {HOPE} already has one."),
    ("lookalike", "Grace period ends {DATE}; contact {PER} at {EMAIL} if you need more time."),
    ("lookalike", "Send the invoice to {EMAIL}, not to {PER}'s personal address."),
    ("lookalike", "Server {HOST} ({IP}) is owned by {FIRST}; see {URL}."),
    ("lookalike", "Card {CARD} belongs to {PER}, expiry {MONTHYEAR}."),
    # --- no entity at all (precision) ---
    ("none", "Thanks for your message, we will get back to you as soon as possible."),
    ("none", "The meeting has been moved to the large conference room."),
    ("none", "Please restart the router and try again."),
    ("none", "I will mark the bill as paid once the transfer clears."),
    ("none", "The rose bushes along the fence need pruning before the frost."),
    ("none", "May I get a refund for the {PRODUCT}?"),
    ("none", "The city council approved the new parking rules."),
    ("none", "Our bank charges a fee for international transfers."),
    ("none", "The hospital cafeteria is closed for renovation."),
    ("none", "Ask the university admissions office for the form."),
    ("none", "The {JOB} will sign off on the {PRODUCT} rollout."),
    ("none", "Grant access to the shared drive for the finance team."),
    ("none", "We hope to grow the team in the spring."),
    ("none", "Your password must contain at least 12 characters."),
    ("none", "Click the link in the email to verify your account."),
    ("none", "The quarterly report is attached, see page four for the summary."),
    ("none", "Error: connection refused, retrying in 30 seconds."),
    ("none", "Patient tolerated the procedure well, no complications."),
    ("none", "The {JOB} position has been filled, thank you for applying."),
    ("none", "Please contact support at {EMAIL} or {PHONE}."),
    ("none", "Visit {URL} for the full terms and conditions."),
    ("none", "Payment received from card {CARD}, thank you."),
    ("none", "GET {URL} returned {CODE} from {IP}"),
    ("none", "Your order total is {AMOUNT} including tax."),
    ("none", "Ticket {TICKET} was closed automatically after 7 days of inactivity."),
    ("none", "The {DEPT} team will update the policy document today."),
    ("none", "Will the new {PRODUCT} be compatible with my charger?"),
    ("none", "Apple pie and rose tea were served after the meeting."),
    ("none", "The national holiday falls on a weekend this year."),
    ("none", "Please sign the attached form and return it by tomorrow."),
    ("none", "The patient's mother was present during the consultation."),
    ("none", "Our manager said the budget will be approved next quarter."),
    ("none", "IBAN {IBAN} has been verified for outgoing payments."),
    ("none", "Deploy finished on {HOST}, all health checks green."),
    ("none", "the customer wants a callback asap about the invoice"),
    ("none", "Reset link sent. If you did not request it, ignore this email."),
    ("none", "Bring your own laptop and a charger to the workshop."),
    ("none", "Summer hours: the office closes an hour early."),
    ("none", "The rota for the night shift has been reviewed and approved."),
    ("none", "SSN {SSN} failed validation, please re-enter."),
    ("none", "The job took 12.4s and used 300 MB of memory."),
    ("none", "Retry in 5 minutes; the batch finished in 2 hours 14 minutes."),
    ("none", "Next week we hope to mark the milestone; will you bill the client next month?"),
    ("none", "Please transfer the funds to the escrow account, IBAN {IBAN}."),
    ("none", "Send the documents to the landlord and the bank by post."),
    ("none", "The student's guardian must sign the school form."),
    # ==========================================================================================================
    # Added for NRP precision. Styles, diets, instruments, hobbies, art movements, topics, animals and product
    # categories are O; nationality/religion/political words stay NRP, and names next to them stay PERSON.
    # ==========================================================================================================
    # --- reviews ---
    ("review", "{ADJ} {GENRE} record from {PER}; the {INSTR} solo on track four is the highlight."),
    ("review", "Five stars. {FIRST} runs the best {DIET} café in {CITY}, and the {GENRE} playlist is a bonus."),
    ("review", "The new {LAST} album swaps {GENRE} for {GENRE2}, and the result is {ADJ} {ADJ2}."),
    ("review", "Bought {PRODCAT} from {ORG} for my niece; delivery to {CITY} took a week."),
    ("review", "A {ADJ} exhibition of {ART} at {ORG}, curated by {PER}; closes {DATE}."),
    ("review", "Honestly the {ADJ} {INSTR} ruins it for me. {PER} deserved a better producer."),
    ("review", "{PER}'s memoir is about {TOPIC}, {HOBBY} and growing up in {CITY}. Not a dull page."),
    ("review", "Not {GENRE}, not {GENRE2}, just {ADJ} noise. Sorry {FIRST}."),
    ("review", "As a lifelong {PER} fan I wanted to love this, but the {GENRE} detour is {ADJ}."),
    ("review", "The {NAT} {CHEF} {PER} serves a {DIET} tasting menu at {ORG}."),
    ("review", "Great {NAT} food, friendly staff, and a {DIET} menu. Ask for {FIRST}."),
    ("review", "Tried the new {NAT} bakery on {STREET}; the {DIET} options are {ADJ}."),
    # --- bios and profiles ---
    ("bio", "{PER} is a {NAT} {ROLE} known for {ADJ} {GENRE} and a love of the {INSTR}."),
    ("bio", "{NAT} {ROLE} {PER} was born in {CITY} in {MONTHYEAR}."),
    ("bio", "About me: {DIET}, into {HOBBY} and {HOBBY2}, {GENRE} on repeat. {FIRST}, {AGE}, {CITY}."),
    ("bio", "{PER} ({NAT}, b. {MONTHYEAR}) is a {ROLE} whose work draws on {ART}."),
    ("bio", "Award-winning {ROLE} {PER} grew up {REL} in {COUNTRY} and now writes about {TOPIC}."),
    ("bio", "{PER} plays {INSTR} in a {GENRE} band and teaches {HOBBY} on weekends."),
    ("bio", "Meet our volunteer of the month: {FIRST}, a retired {ROLE} who keeps a pet {ANIMAL}."),
    ("bio", "{NRPNAME} is a {ROLE} from {CITY} who writes about {TOPIC}."),
    ("bio", "Speakers: {NAT} {ROLE} {PER}, {NAT2} {ROLE2} {PER2}."),
    ("bio", "{PER}, a {POL} {ROLE}, has campaigned on {TOPIC} since {MONTHYEAR}."),
    # --- forums and social posts ---
    ("forum", "Anyone else here into {GENRE}? Looking for {INSTR} lessons near {CITY}."),
    ("forum", "Re: {DIET} recipes - {FIRST} posted a great one for lentil stew last {WEEKDAY}."),
    ("forum", "Mod note: please keep {TOPIC} and {TOPIC2} out of the {HOBBY} threads. Thanks, {USER}"),
    ("forum", "Thread locked by {FIRST}: this is a forum about {ANIMAL} care, not {TOPIC}."),
    ("forum", "@{USER} totally agree, {ART} is {ADJ}. {FIRST} disagrees though lol"),
    ("forum", "my {ANIMAL} learned to open the fridge. {FIRST} thinks it's hilarious"),
    ("social", "Just finished my first {HOBBY} class in {CITY} with {FIRST}!! next up: {HOBBY2}"),
    ("social", "{FIRST} and I went {DIET} for a month. Verdict: {ADJ}."),
    ("social", "huge fan of {PER} ngl, that {GENRE} set at the festival was {ADJ}"),
    ("social", "Happy birthday to my favourite {NAT} {ROLE}, {FIRST}! {AGE} looks good on you"),
    ("social", "{AGE}, {DIET}, loves {GENRE} and her {ANIMAL}. Based in {CITY}."),
    ("social", "Episode 12: {PER} on {TOPIC}, {HOBBY} and why {GENRE} still matters."),
    # --- news-like lines ---
    ("news", "{PER}, the {REL} leader of the {POL} bloc, spoke on {TOPIC} in {CITY} on {WEEKDAY}."),
    ("news", "Lawmakers in {COUNTRY} debated {TOPIC} on {DATE}; {PER} called the bill {ADJ}."),
    ("news", "A {ADJ} new study from {ORG} links {HOBBY} to better sleep, says lead author {PER}."),
    ("news", "The exhibition on {ART} at {ORG} drew record crowds, {CURATOR} {PER} said."),
    ("news", "{NAT} voters rank {TOPIC} above {TOPIC2}, a poll by {ORG} found."),
    ("news", "{ORG} will stop selling {PRODCAT} in {COUNTRY} from {MONTHYEAR}."),
    ("news", "Firefighters in {CITY} rescued a stray {ANIMAL} from a storm drain on {WEEKDAY}."),
    ("news", "Obituary: {PER}, {ROLE} and {INSTR} virtuoso, died in {CITY} aged {AGE}."),
    ("news", "{PER}, a {NAT}-born {ROLE}, won the prize for a novel about {TOPIC}."),
    ("news", "{PER} was born in {COUNTRY} but is {NAT} by citizenship."),
    # --- names used as modifiers: still PERSON ---
    ("narrative", "Everyone knows {FIRST} is a die-hard {PER} fan; the posters say it all."),
    ("narrative", "The {LAST} biography is long, but it barely mentions {TOPIC}."),
    ("narrative", "We queued for hours for the {PER} concert at {ORG}."),
    ("narrative", "Her {PER} impression is {ADJ}, {FIRST} said."),
    ("narrative", "That {LAST} painting is pure {ART}."),
    ("narrative", "The {PER} retrospective opens in {CITY} on {DATE}."),
    ("narrative", "a {PER} cover band played {GENRE} all night"),
    ("narrative", "The {ORG} office in {CITY} is closed for renovation until {DATE}."),
    ("narrative", "The {ORG} choir, founded in {MONTHYEAR}, sings mostly {GENRE}."),
    # --- language names as languages: O ---
    ("edu", "{FIRST} is studying {LANG} and {LANG2} at {ORG}."),
    ("edu", "{PER} translated the novel from {LANG} into {LANG2}."),
    ("chat", "does the {PRODUCT} have {LANG} subtitles? asking for {FIRST}"),
    ("hr", "{PER} speaks fluent {LANG}, some {LANG2}, and is a {NAT} citizen."),
    ("form", "Languages: {LANG}, {LANG2}\nNationality: {NAT}\nHobbies: {HOBBY}"),
    # --- names spelled like NRP words: PERSON ---
    ("email", "Hi {NRPNAME}, your {PRODCAT} order ships {WEEKDAY}."),
    ("crm", "Spoke to {NRPNAME} at {ORG}; follow up {DATE}."),
    ("chat", "{NRPNAME} says the {GENRE} night is cancelled"),
    ("narrative", "{NRPNAME}, a {REL} {ROLE} from {CITY}, was {AGE} when she started."),
    ("meeting", "Attendees: {NRPNAME}, {PER}, {NRPNAME2}."),
    # --- topic words next to real NRP values ---
    ("demographic", "{PER} is {REL}, but says religion should stay out of politics."),
    ("demographic", "Asked about {TOPIC}, the {NAT} {ROLE} {PER} declined to comment."),
    ("demographic", "Survey topics: {TOPIC}, {TOPIC2}, {TOPIC3}. Respondent: {AGE}, {NAT}, {POL}."),
    ("demographic", "The panel on {TOPIC} featured a {REL} {ROLE}, a {POL} {ROLE2} and {PER}."),
    ("form", "Dietary requirements: {DIET}\nReligion: {REL}\nEmergency contact: {PER}"),
    ("form", "Interests: {HOBBY}, {GENRE}, {ART}\nName: {PER}\nAge: {AGE}"),
    ("chat", "want to get {NAT} food tonight? {FIRST} is {DIET} btw"),
    ("narrative", "The {REL} festival in {CITY} mixes {GENRE} with street food."),
    # --- classifieds, shops, events ---
    ("shop", "Selling my old {INSTR}, barely used. Pick-up in {CITY}, ask for {FIRST}."),
    ("shop", "{ORG} sale: 30% off {PRODCAT} and {PRODCAT2} until {DATE}."),
    ("shop", "Customer {PER} asked if the {PRODCAT} are suitable for a {DIET} household."),
    ("shop", "Lost {ANIMAL} near {STREET}. Owner: {PER}, {PHONE}."),
    ("event", "{GENRE} night at {ORG} this {WEEKDAY}, hosted by {PER}."),
    ("event", "Workshop: intro to {HOBBY} with {PER}, {DATE} at {TIME}, {CITY} library."),
    ("event", "The {NAT} film festival opens in {CITY} on {DATE}."),
    ("event", "Lineup: {PER} ({GENRE}), {PER2} ({GENRE2}), {PER3} ({GENRE3})."),
    ("event", "Join {FIRST} for a talk on {ART} and {TOPIC}, {WEEKDAY} at {TIME}."),
    ("chat", "WHY DOES NOBODY HERE LIKE {GENRE}?? {FIRST} BACK ME UP"),
    # --- no entity: group-looking words that are O ---
    ("none", "This playlist is mostly {GENRE} with a bit of {GENRE2}."),
    ("none", "Is the soup {DIET}? My friend can't eat dairy."),
    ("none", "The {INSTR} part in the bridge is {ADJ}."),
    ("none", "Please keep discussions of {TOPIC} and {TOPIC2} civil."),
    ("none", "We don't talk about politics or religion at dinner."),
    ("none", "My {ANIMAL} knocked the plant off the shelf again."),
    ("none", "Top sellers this month: {PRODCAT}, {PRODCAT2} and {PRODCAT3}."),
    ("none", "The museum's new wing is devoted to {ART}."),
    ("none", "I took up {HOBBY} to get away from screens."),
    ("none", "The essay compares {ART} and {ART2} in {ADJ} detail."),
    ("none", "Her lecture covered {TOPIC}, {TOPIC2} and the history of the press."),
    ("none", "Nationality, ethnicity and religion are optional fields on this form."),
    ("none", "A {ADJ} mix of {GENRE}, {GENRE2} and spoken word."),
    ("none", "the {INSTR} method book says practice 20 minutes a day"),
    ("none", "I NEED A HUMAN AGENT, NOT A BOT. MY {PRODCAT} ORDER IS LATE"),
    ("none", "Is this a {DIET} recipe or not?"),
    ("none", "The debate on {TOPIC} went on for three hours."),
    ("none", "Our {HOBBY} club meets in the back room of the library."),
    ("none", "Not my kind of music: too much {GENRE}, not enough melody."),
    ("none", "The article argues that {TOPIC} is a {ADJ} issue for voters."),
    ("none", "Which {LANG} dictionary do you recommend for beginners?"),
    ("none", "The film is a {ADJ} take on {ART}, with a {GENRE} score."),
    ("none", "Free shipping on {PRODCAT} over fifty dollars."),
    ("none", "The {ANIMAL} enclosure at the zoo reopens after the holidays."),
    ("none", "Your feedback on {TOPIC} has been forwarded to the editorial team."),
    ("none", "He gave up {HOBBY} for {HOBBY2} and never looked back."),
    ("none", "She describes her style as {ADJ}, somewhere between {ART} and {ART2}."),
    ("none", "Political ads about {TOPIC} must carry a disclaimer."),
    ("none", "Cultural and religious holidays are listed in the staff calendar."),
    ("none", "The band added a {INSTR} and a {INSTR2} for the tour."),
    ("none", "Ask about our {STYLE} discount for members."),
    ("none", "Subtitles are available in {LANG}, {LANG2} and {LANG3}."),
    # --- relative time phrases are O, next to entities and explicit dates ---
    ("chat", "{FIRST} is back {RELTIME}, ask her about the {CITY} trip"),
    ("email", "Hi {FIRST}, we will send the signed contract to {ORG} {RELTIME}."),
    ("crm", "{PER} wants a demo {RELTIME}; the renewal date is {DATE}."),
    ("meeting", "Plan for {RELTIME}: {PER} presents, {FIRST} takes notes, review on {WEEKDAY}."),
    ("hr", "{PER} starts in the {CITY} office {RELTIME}."),
    ("narrative", "{RELTIME} {PER} found a stray {ANIMAL} outside {ORG}."),
    ("social", "saw {PER} live {RELTIME}, still buzzing"),
    ("bank", "Your statement is ready; the payment to {PER} cleared on {DATE}, not {RELTIME}."),
    ("none", "We'll review the numbers {RELTIME}."),
    ("none", "{RELTIME} the team shipped the new dashboard."),
    # ==========================================================================================================
    # v3: job titles and honorifics (TITLE), more NRP roles and forms, organisations next to people, listed
    # companies, funds and securities.
    # ==========================================================================================================
    # --- job titles: signatures, HR, forms, CRM, bios, chat, news ---
    ("email", "Best regards,\n{PER}\n{JOB}\n{ORG}\n{PHONE}"),
    ("email", "Thanks,\n{FIRST}\n--\n{PER} | {JOB} | {ORG}"),
    ("email", "Hi {FIRST}, I'm the new {JOB} for the {CITY} region and will be your main contact from {DATE}."),
    ("email", "Dear {TITLE} {LAST}, we are pleased to offer you the position of {JOB}, starting {DATE}."),
    ("email", "Please welcome {PER}, who joins us as {JOB} on {WEEKDAY}."),
    ("email", "Cheers,\n{PER}\n{JOB}, {DEPT}\nSent from my phone"),
    ("email", "{TITLE} {PER}\n{JOB}\n{ORG}, {ADDR}\nTel. {PHONE}"),
    ("hr", "{PER} was promoted from {JOB} to {JOB2} in {MONTHYEAR}."),
    ("hr", "Job posting: {JOB} ({CITY}), closing date {DATE}."),
    ("hr", "Interview panel for the {JOB} vacancy: {PER}, {PER2} and {TITLE} {LAST}."),
    ("hr", "{PER} (employee no. {ACCOUNT}) - job title changed to {JOB} effective {DATE}."),
    ("hr", "reference check: {FIRST} reported to me as a {JOB} at {ORG} for three years"),
    ("hr", "Sick leave: {PER}, {JOB}, {DATE} to {DATE2}."),
    ("hr", "We are hiring a {JOB} and a {JOB2} for our {CITY} site. Contact {PER}."),
    ("hr", "Org chart update: {PER} ({JOB}) now reports to {PER2}, {JOB2}."),
    ("hr", "Payroll query from {PER}, {JOB} in {DEPT}, about overtime in {MONTHYEAR}."),
    ("form", "Name: {PER}\nJob title: {JOB}\nEmployer: {ORG}\nWork phone: {PHONE}"),
    ("form", "Occupation: {JOB}\nMarital status: married\nNationality: {NAT}"),
    ("form", "Applicant name: {PER} | Current role: {JOB} | Years in role: {NUM}"),
    ("form", "Title: {TITLE}\nFirst name: {FIRST}\nSurname: {LAST}\nPosition: {JOB}"),
    ("form", "EMPLOYMENT HISTORY\n{JOB}, {ORG}, {CITY} ({MONTHYEAR} - {MONTHYEAR2})\n{JOB2}, {ORG2} ({MONTHYEAR3} - {MONTHYEAR4})"),
    ("form", "Policyholder occupation: {JOB}; smoker: no; age {AGE}"),
    ("form", "designation: {JOB}\ndept: {DEPT}\nline manager: {PER}"),
    ("crm", "Spoke with {PER} ({JOB}) at {ORG}; the decision maker is their {JOB2}."),
    ("crm", "Contact: {PER}, {JOB}. Prefers calls before {TIME}."),
    ("crm", "Inbound lead from {CITY}: {JOB} at a {NAT} logistics firm, wants pricing."),
    ("crm", "{ORG} - new {EXEC} is {PER}; old contact {PER2} has left."),
    ("meeting", "Present: {PER} ({JOB}), {PER2} ({JOB2}), {FIRST} (minutes)."),
    ("meeting", "{FIRST} introduced the new {JOB}, {PER}, who starts {WEEKDAY}."),
    ("bio", "{PER} works as a {JOB} at {ORG} in {CITY}."),
    ("bio", "Before becoming a {JOB}, {FIRST} spent ten years as a {JOB2} in {COUNTRY}."),
    ("bio", "About the author: {PER} is a former {JOB} who now lives in {STATE}."),
    ("bio", "{JOB} by day, {GENRE} DJ by night. {FIRST}, {CITY}."),
    ("bio", "{PER} - {JOB} at {ORG} - {CITY}, {COUNTRY}"),
    ("chat", "my sister is a {JOB} now lol"),
    ("chat", "{FIRST} got the {JOB} job!! starts {WEEKDAY}"),
    ("chat", "the {JOB} cancelled again, rescheduled to {TIME}"),
    ("chat", "what does a {JOB} even do all day"),
    ("chat", "i'm a {JOB} and honestly the pay is bad"),
    ("chat", "lol {FIRST} wants to be a {JOB} when she grows up"),
    ("news", "{PER}, a {AGE}-year-old {JOB} from {CITY}, was named in the report."),
    ("news", "The {JOB} who found the bag, {PER}, handed it to police on {WEEKDAY}."),
    ("news", "{ORG} appointed {PER} as its new {JOB} on {DATE}."),
    ("news", "{JOB} {PER} said the plant in {CITY} would reopen in {MONTHYEAR}."),
    ("news", "{EXEC} {PER} will step down at the end of {MONTHYEAR}, {ORG} said."),
    ("clinical", "Occupation: {JOB}. Non-smoker. Lives with partner in {CITY}."),
    ("clinical", "{AGE} y/o {JOB} presenting with lower back pain after a long shift."),
    ("clinical", "Seen by {TITLE} {LAST}, {JOB}, on {DATE}; referred to {ACAD} {PER}."),
    ("legal", "The claimant, {PER}, employed as a {JOB} by {ORG}, alleges unfair dismissal."),
    ("legal", "Signed for and on behalf of {ORG} by {PER}, {EXEC}, on {DATE}."),
    ("email", "{PER}\n{JOB} - {DEPT}\n{ORG} | {ADDR}"),
    ("email", "{TITLE} {PER}, {JOB}\nDirect: {PHONE}"),
    ("social", "Excited to share that I'm starting a new position as {JOB} at {ORG}!"),
    ("social", "{NUM} years as a {JOB} today. Thank you {FIRST} for taking a chance on me."),
    ("list", "{PER} - {JOB}\n{PER2} - {JOB2}\n{PER3} - {JOB3}"),
    ("list", "Staff directory: {LAST}, {FIRST}; {JOB}; ext. {NUM}"),
    ("shop", "Discount for every {JOB} this {WEEKDAY} - show your staff ID at {ORG}."),
    ("narrative", "My father was a {JOB} and my mother a {JOB2}; we grew up in {CITY}."),
    ("narrative", "She retired in {MONTHYEAR} after 30 years as a {JOB}."),
    ("command", "find {JOB} jobs near {CITY}"),
    ("command", "email the {JOB} about the {PRODUCT}"),
    ("travel", "Visa type: work; sponsor: {ORG}; occupation: {JOB}."),
    ("edu", "{PER} graduated in {MONTHYEAR} and now works as a {JOB}."),
    ("lookalike", "The {JOB} role was advertised on {DATE}; {PER} applied the same day."),
    ("lookalike", "{TITLE} {PER} and {TITLE2} {PER2} will attend; the {JOB} sends apologies."),
    ("letter", "Dear {TITLE} {LAST},\nThank you for your application for the post of {JOB} at {ORG}."),
    ("letter", "Yours sincerely,\n\n{TITLE} {PER}\n{JOB}"),
    # --- NRP in varied roles: adjective on things and institutions, person nouns, groups, citizenship ---
    ("review", "We watched a {NAT} thriller last night; the subtitles were great."),
    ("review", "Best {NAT} food in {CITY}, hands down. The owner, {FIRST}, is lovely."),
    ("review", "The new {NAT} place on {STREET} is overpriced but the bread is {ADJ} good."),
    ("review", "A slow {NAT} drama about two sisters; {PER} is superb in the lead."),
    ("news", "The {NAT} coast guard rescued twelve people off {CITY} on {WEEKDAY}."),
    ("news", "{NAT} police arrested a man wanted in {COUNTRY}."),
    ("news", "A {NAT} court sentenced {PER} to four years on {DATE}."),
    ("news", "{ORG}, the {NAT} retailer, reported higher sales for {MONTHYEAR}."),
    ("news", "The {NAT} national team beat {COUNTRY} 2-1 on {WEEKDAY}."),
    ("news", "{NATP} went to the polls on {DATE}."),
    ("news", "A {NATN} won the marathon in {CITY}; {PER} finished second."),
    ("news", "{NAT} customs officers seized the cargo at {CITY} port."),
    ("news", "The {NAT} army and the {NAT2} navy held joint drills in {MONTHYEAR}."),
    ("bio", "{PER} is {NAT} but grew up in {COUNTRY}."),
    ("bio", "{PER} is a {NATN} by birth and a {JOB} by trade."),
    ("chat", "wait is {FIRST} {NAT}? thought she was {NAT2}"),
    ("chat", "born {NAT}, living in {CITY} since {MONTHYEAR}"),
    ("chat", "ok who wants {NAT} tonight, {FIRST} is paying"),
    ("form", "Citizenship: {NATCIT}\nPassport issued: {DATE}\nPlace of birth: {CITY}"),
    ("form", "Are you a {NATCIT} citizen? Yes\nName: {PER}"),
    ("hr", "Right-to-work check: {PER} is a {NATCIT} citizen; no visa required."),
    ("travel", "{NATCIT} citizens need a visa for {COUNTRY}; {FIRST} has dual {NAT}-{NAT2} nationality."),
    ("travel", "Only {NATCIT} passport holders may use the e-gates at {CITY} airport."),
    ("narrative", "As a {NATN}, {FIRST} never got used to the winters in {CITY}."),
    ("narrative", "The {NATP} are famous for their bread, {FIRST} joked."),
    ("narrative", "He married a {NATN} and moved to {CITY} in {MONTHYEAR}."),
    ("narrative", "a {NAT} startup built the app; {PER} is the founder"),
    ("event", "{NAT} film week: three {NAT2} documentaries and one {NAT3} comedy."),
    ("social", "{NAT} breakfast beats everything. fight me {FIRST}"),
    ("demographic", "{NATP} make up about a tenth of the town's population, {PER} said."),
    ("demographic", "The {REL} school in {CITY} admits children of all faiths."),
    ("demographic", "{POL} lawmakers walked out; {PER} called it a stunt."),
    ("demographic", "Ethnic origin: {NAT}\nReligion: {REL}\nFirst language: {LANG}"),
    ("shop", "Imported {NAT} cheese, {AMOUNT} per kg."),
    ("shop", "Classic {NAT} design, shipped from {CITY}."),
    ("news", "{NAT}-born {JOB} {PER} wins the {CITY} prize."),
    ("legal", "The defendant, a {NATCIT} national, was remanded in custody until {DATE}."),
    # --- organisations next to people, listed companies, funds and securities ---
    ("news", "{ORG}'s {PER} said the deal would close in {MONTHYEAR}."),
    ("news", "{CORP}'s {EXEC}, {PER}, resigned on {DATE}."),
    ("crm", "Spoke to {PER} of {ORG} about pricing; send the quote by {WEEKDAY}."),
    ("news", "{PER} of {CORP} told analysts the outlook had weakened."),
    ("crm", "{CORP}'s {JOB} {PER} wants a call {WEEKDAY}."),
    ("email", "Introducing {PER} from {CORP}, who will handle the audit."),
    ("finance", "Holdings as of {DATE}: {FUND} ({NUM} units), {FUND2}, {CORP}."),
    ("finance", "BUY {NUM} {FUND} @ {AMOUNT}"),
    ("finance", "Sold {NUM} shares of {CORP} on {DATE} for {AMOUNT}."),
    ("finance", "{CORP} and {CORP2} agreed to merge; {PER} will chair the new board."),
    ("finance", "Dividend from {SEC} credited to account {ACCOUNT} on {DATE}."),
    ("finance", "Watchlist: {FUND}; {SEC}; {CORP}"),
    ("finance", "{FUND} fell 2% after {CORP} cut its guidance."),
    ("finance", "Portfolio rebalanced: out of {FUND}, into {FUND2}."),
    ("finance", "{PER} manages {FUND} from {CITY}."),
    ("finance", "Position\tQty\tValue\n{SEC}\t{NUM}\t{AMOUNT}\n{FUND}\t{NUM2}\t{AMOUNT2}"),
    ("bank", "Trade confirmation {TICKET}: {PER} bought {NUM} units of {FUND}."),
    ("news", "{CORP} shares rose after {PER}, its {EXEC}, announced a buyback."),
    ("list", "{CORP}, {CORP2}, {CORP3}"),
    ("list", "Clients: {CORP} and {ORG}."),
    ("legal", "{CORP} (the \"Company\") and {PER} (the \"Executive\") agree as follows."),
    ("form", "Company: {CORP}\nContact: {PER}\nRole: {JOB}"),
    ("chat", "{FIRST} from {CORP} is here for the meeting"),
    ("hr", "{PER} left {ORG} to join {CORP} as {JOB}."),
    ("narrative", "Thanks to {ORG}'s {FIRST} for the tour of the plant in {CITY}."),
    ("news", "{PER} of {ORG} and {PER2} of {ORG2} signed the agreement in {CITY}."),
    ("news", "{CORP} said on {DATE} it had hired {PER} from {ORG}."),
    ("email", "Per {PER} at {CORP}, the invoice was paid on {DATE}."),
    ("log", "{TS} INFO vendor=\"{CORP}\" contact=\"{PER}\" status=approved"),
    ("finance", "{SEC} closed at {AMOUNT}; {CORP} was flat."),
    # --- role nouns in prose, plural occupations and fields of study stay O; names before "'s" stay PERSON ---
    ("none", "{OCCPL} and {OCCPL2} will get a pay rise next year."),
    ("none", "The union says {OCCPL} are leaving the profession faster than ever."),
    ("none", "A degree in {SUBJECT} or {SUBJECT2} is required for this course."),
    ("none", "Ask the {ROLE} at the front desk for a visitor badge."),
    ("none", "Our {ROLE} is off today, so the shop closes early."),
    ("none", "Shortage of {OCCPL} hits rural areas hardest, the report warns."),
    ("edu", "{FIRST} is studying {SUBJECT} and {SUBJECT2} at {ORG}."),
    ("chat", "{FIRST} switched from {SUBJECT} to {SUBJECT2} lol"),
    ("news", "{OCCPL} in {CITY} walked out on {WEEKDAY} over pay."),
    ("review", "The {ROLE} was friendly but the room at {ORG} was cold. {FIRST}, {CITY}"),
    ("narrative", "{PER}'s new book is out on {DATE}; her editor, {PER2}, calls it her best."),
    ("narrative", "We met in {PER}'s office in {CITY} and signed the papers."),
    ("chat", "{FIRST}'s brother is a {ROLE}, ask him"),
    ("form", "{PER}\n{ORG}\n{ADDR_ML}"),
    ("letter", "{PER}\n{CORP}\n{ADDR_ML}\n\nRe: invoice {TICKET}"),
    ("list", "Authors: {LAST}, {LAST2} and {LAST3} ({MONTHYEAR})."),
    ("narrative", "Present were {LAST}, {LAST2}, {LAST3} and the {ROLE} from {CITY}."),
    ("news", "{NAT} {ROLE} {PER} and {ROLE2} {PER2} won the award in {CITY}."),
]


@dataclass(frozen=True, slots=True)
class Template:
    template_id: str
    genre: str
    text: str

    @property
    def held_out(self) -> bool:
        return is_held_out(self.template_id)


def _build_templates() -> list[Template]:
    return [Template(f"{genre}-{i:03d}", genre, text) for i, (genre, text) in enumerate(_TEMPLATES_RAW)]


TEMPLATES: list[Template] = _build_templates()
_TEMPLATE_INDEX: dict[str, int] = {t.template_id: i for i, t in enumerate(TEMPLATES)}
_PLACEHOLDER_RE = re.compile(r"\{([A-Z_]+?)(\d*)\}")


def is_held_out(template_id: str) -> bool:
    """Whether a template is kept out of training (chosen by position, so ids stay stable across runs)."""
    return _TEMPLATE_INDEX[template_id] % HELD_OUT_EVERY == HELD_OUT_OFFSET


HELD_OUT_TEMPLATE_IDS: frozenset[str] = frozenset(t.template_id for t in TEMPLATES if is_held_out(t.template_id))
TRAIN_TEMPLATE_IDS: frozenset[str] = frozenset(t.template_id for t in TEMPLATES) - HELD_OUT_TEMPLATE_IDS


def train_templates(template_id: str) -> bool:
    """A `template_filter` for the training split."""
    return template_id in TRAIN_TEMPLATE_IDS


def held_out_templates(template_id: str) -> bool:
    """A `template_filter` for the held-out evaluation split."""
    return template_id in HELD_OUT_TEMPLATE_IDS


def _has_entity(t: Template) -> bool:
    return any(_PLACEHOLDERS[m.group(1)][0] is not None for m in _PLACEHOLDER_RE.finditer(t.text))


def _typo(rng: random.Random, s: str) -> str:
    letters = [i for i, ch in enumerate(s) if ch.isalpha()]
    if len(letters) < 5:
        return s
    i = letters[rng.randrange(1, len(letters) - 1)]  # keep the first letter: typos rarely hit it
    op = rng.randrange(3)
    if op == 0 and i + 1 < len(s) and s[i + 1].isalpha():
        return s[:i] + s[i + 1] + s[i] + s[i + 2:]
    if op == 1:
        return s[:i] + s[i + 1:]
    return s[:i] + s[i] + s[i:]


def render(template: Template, rng: random.Random) -> Example:
    """Fill one template. Text and spans are built piece by piece, so offsets are exact by construction."""
    values = _Values(rng)
    case = "lower" if rng.random() < LOWER_CASE_RATIO else "upper" if rng.random() < UPPER_CASE_RATIO else "keep"
    pieces: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = 0
    last_person: str | None = None
    cursor = 0

    def emit(s: str, label: str | None) -> None:
        nonlocal pos
        if case == "lower":
            s = s.lower()
        elif case == "upper":
            s = s.upper()
        if label is not None:
            # Values never carry edge whitespace (Faker sometimes does), so spans are tight.
            stripped = s.strip()
            lead = len(s) - len(s.lstrip())
            s = stripped
            if lead:
                pieces.append(" " * lead)
                pos += lead
            spans.append((pos, pos + len(s), label))
        pieces.append(s)
        pos += len(s)

    for m in _PLACEHOLDER_RE.finditer(template.text):
        emit(template.text[cursor:m.start()], None)
        label, draw = _PLACEHOLDERS[m.group(1)]
        value = draw(values, last_person)
        if label == "PERSON":
            last_person = value
        if label is not None:
            if rng.random() < TYPO_RATIO:
                value = _typo(rng, value)
            if case == "keep" and rng.random() < VALUE_LOWER_RATIO:
                value = value.lower()
        emit(value, label)
        cursor = m.end()
    emit(template.text[cursor:], None)
    return Example("".join(pieces), spans, template.template_id)


def generate(n: int, seed: int, *, template_filter: Callable[[str], bool] | None = None) -> list[Example]:
    """`n` examples, deterministic for `seed`. About NO_ENTITY_RATIO of them come from entity-free templates."""
    pool = [t for t in TEMPLATES if template_filter is None or template_filter(t.template_id)]
    if not pool:
        raise ValueError("template_filter keeps no template")
    with_entities = [t for t in pool if _has_entity(t)]
    without = [t for t in pool if not _has_entity(t)]
    rng = random.Random(seed)
    out: list[Example] = []
    for _ in range(n):
        use_none = without and (not with_entities or rng.random() < NO_ENTITY_RATIO)
        group = without if use_none else with_entities
        out.append(render(group[rng.randrange(len(group))], rng))
    return out


if __name__ == "__main__":  # a quick look at the data: python -m piimask.training.datagen [N] [SEED]
    import sys

    n_arg = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    seed_arg = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    for ex in generate(n_arg, seed_arg):
        print(f"--- {ex.template_id}\n{ex.text}")
        for s, e, lab in ex.spans:
            print(f"    {lab:<12} {ex.text[s:e]!r}")
