"""NRP: peoples, faiths and parties named as groups of people ("Americans", "Puerto Ricans", "Muslims", "Senate
Republicans" → "Republicans").

The model finds these words in short texts but, in long documents, misses a plural group noun often enough to
matter (on real dev documents it found under a third of them), and a plural demonym is NRP wherever it is written.
So the plural nouns, which are never ordinary words when capitalised, are found here as well, and the faith words
that are NRP in any form ("a Sunni cleric"); the nationality adjectives ("an American company") and the bare
collectives ("the French") stay the model's, since they are also languages, cuisines and surnames. The word lists are the ones the training generator draws its NRP values from.
"""

from __future__ import annotations

import re
from functools import lru_cache

from piimask.recognizers.base import Recognizer, TextFacts
from piimask.spans import Span

# fmt: off
NATIONALITIES = [
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
NATIONALITIES_MORE = [
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
ETHNIC_GROUPS = [
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
NAT_PERSON_NOUNS = {
    "British": ["Briton", "Brit"], "English": ["Englishman", "Englishwoman"], "Scottish": ["Scot", "Scotsman"],
    "Welsh": ["Welshman", "Welshwoman"], "Irish": ["Irishman", "Irishwoman"], "French": ["Frenchman", "Frenchwoman"],
    "Spanish": ["Spaniard"], "Dutch": ["Dutchman", "Dutchwoman"], "Polish": ["Pole"], "Swedish": ["Swede"],
    "Danish": ["Dane"], "Finnish": ["Finn"], "Turkish": ["Turk"], "Icelandic": ["Icelander"],
    "New Zealander": ["New Zealander", "Kiwi"], "Australian": ["Aussie"], "Luxembourgish": ["Luxembourger"],
    "Flemish": ["Fleming"], "Cornish": ["Cornishman"], "Manx": ["Manxman"], "Thai": ["Thai"], "Swiss": ["Swiss"],
    "Kurdish": ["Kurd"], "Uzbek": ["Uzbek"], "Quebecois": ["Quebecer"], "Filipino": ["Filipino", "Filipina"],
}


def the_plural(adj: str) -> bool:
    """Collectives with "the" and no plural s ("the Dutch", "the Swiss", "the Chinese", "the Lao")."""
    return adj.endswith(("ese", "sh", "ch", "ss", "x")) or adj in {"Swiss", "Lao", "Malagasy", "Burkinabe", "Thai"}

RELIGIONS = [
    "Catholic", "Roman Catholic", "Protestant", "Christian", "Evangelical", "Orthodox", "Greek Orthodox",
    "Anglican", "Baptist", "Methodist", "Lutheran", "Mormon", "Jehovah's Witness", "Muslim", "Sunni", "Shia",
    "Jewish", "Hindu", "Buddhist", "Sikh", "Jain", "Baha'i", "Zoroastrian", "Quaker", "atheist", "agnostic",
]

POLITICAL = [
    "Democrat", "Republican", "Democratic", "Labour", "Conservative", "Tory", "Liberal Democrat", "Green",
    "Socialist", "Communist", "Libertarian", "Social Democrat", "Christian Democrat", "progressive",
    "conservative", "Marxist", "nationalist", "Independent",
]

# fmt: on

# Plurals that name a region, a team or a thing rather than a people ("the Balkans", "the Celtics", "Kiwis"), or
# that nobody writes.
_NOT_GROUP_NOUNS = frozenset(
    "Balkans Baltics Nordics Celtics Slavics Gaelics Caribbeans Greens Independents Creoles Kiwis Kyrgyzs".split()
    + ["Middle Easterns"]
)
# Faith and party words whose plural is irregular or written otherwise.
_PLURALS = {
    "Jewish": ["Jews"],
    "Jehovah's Witness": ["Jehovah's Witnesses"],
    "Tory": ["Tories"],
    "Shia": ["Shias", "Shiites"],
    "Sunni": ["Sunnis"],
    "Democratic": [],
    "Labour": [],
    "Orthodox": [],
    "Greek Orthodox": [],
}
# Faith words that are NRP in the singular too ("a Sunni cleric", "Islamic law"), unlike demonyms (languages, dishes)
# and "Christian", "Baptist" or "Mormon" (names, and "John the Baptist").
FAITH_WORDS = (
    "Muslim",
    "Islamic",
    "Sunni",
    "Shia",
    "Shiite",
    "Jewish",
    "Hindu",
    "Buddhist",
    "Sikh",
    "Catholic",
    "Protestant",
    "Anglican",
    "Lutheran",
    "Methodist",
    "Zoroastrian",
)
SCORE = 0.85  # a dictionary word, not a checksum: below validated patterns, above the default threshold


def _plural(noun: str, person_noun: bool = False) -> str:
    if person_noun and noun.endswith("man"):  # Englishman → Englishmen (but German → Germans)
        return noun[:-3] + "men"
    if noun.endswith(("s", "x")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def group_nouns() -> frozenset[str]:
    """Every capitalised plural noun for a people, faith or party in the lists above."""
    nouns: set[str] = set()
    for adj in (*NATIONALITIES, *NATIONALITIES_MORE, *ETHNIC_GROUPS):
        if adj in NAT_PERSON_NOUNS:  # the person noun's plural: Swedes, Frenchmen, Thais (not "Swisses")
            nouns.update(_plural(n, True) for n in NAT_PERSON_NOUNS[adj] if not n.endswith(("ss", "sh", "ch", "ese")))
        elif not the_plural(adj) and not adj.endswith("s"):
            nouns.add(_plural(adj))
    for word in (*RELIGIONS, *POLITICAL):
        if word[:1].isupper():
            nouns.update(_PLURALS.get(word, [_plural(word)]))
    nouns.update(FAITH_WORDS)
    return frozenset(n for n in nouns if n not in _NOT_GROUP_NOUNS)


@lru_cache(maxsize=1)
def _group_regex() -> re.Pattern[str]:
    words = sorted(group_nouns(), key=len, reverse=True)  # "Native Americans" before "Americans"
    # whole words, as written (capitalised): "americans" in a URL or code stays out
    return re.compile(r"(?<![\w\-'’])(" + "|".join(re.escape(w) for w in words) + r")(?![\w\-])")


class GroupRecognizer:
    """NRP: the plural noun of a people, faith or party (see the module's docstring)."""

    name = "nrp_group_recognizer"
    entities = frozenset({"NRP"})
    min_digits = 0

    def analyze(self, text: str, facts: TextFacts | None = None) -> list[Span]:
        if facts is not None and facts.floor > SCORE:
            return []
        return [Span("NRP", m.start(), m.end(), SCORE, "pattern") for m in _group_regex().finditer(text)]


def recognizers() -> list[Recognizer]:
    return [GroupRecognizer()]
