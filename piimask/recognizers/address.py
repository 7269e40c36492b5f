"""ZIP_CODE: postal codes after a postal-code label, after a US state or Canadian province, and UK postcodes by
their strict format. The countries' own postcode types (UK_POSTCODE, CA_POSTAL_CODE, DE_PLZ) live with their
countries; the UK postcode shape is defined here and shared."""

from __future__ import annotations

import re
from collections.abc import Iterable

from piimask import validators as v
from piimask.recognizers.base import NUM_L, WORD_L, WORD_R, Recognizer, TextFacts, resolve_overlaps
from piimask.spans import Span


def recognizers() -> list[Recognizer]:
    # The state/province and UK forms are on: the engine keeps a model's address span that contains a ZIP_CODE.
    return [ZipCodeRecognizer(state_score=0.65, uk_score=0.6)]


_US_STATES = (
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC "
    "ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR VI GU AS MP"
).split()
_US_STATE_NAMES = (
    "Alabama",
    "Alaska",
    "Arizona",
    "Arkansas",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "Florida",
    "Georgia",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Indiana",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "New York",
    "North Carolina",
    "North Dakota",
    "Ohio",
    "Oklahoma",
    "Oregon",
    "Pennsylvania",
    "Rhode Island",
    "South Carolina",
    "South Dakota",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Virginia",
    "Washington",
    "West Virginia",
    "Wisconsin",
    "Wyoming",
    "District of Columbia",
    "Puerto Rico",
)
_CA_PROVINCES = "AB BC MB NB NL NS NT NU ON PE QC SK YT".split()
_ZIP_R = r"(?![\w\-]|[.,]\d)"
_CA_POSTAL = r"[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d"
_state_names = "|".join(sorted({*_US_STATE_NAMES, *(n.upper() for n in _US_STATE_NAMES)}, key=len, reverse=True))
# Two-letter codes count in upper case after a comma or after a word in lower case ("Springfield IL"); all-caps
# prose has "IN 12345" and "OR 12345". Military mail: "APO AE 09012".
_after_code = r"(?:(?<=,)|(?<=,[ \t])|(?<=[a-zà-ÿ][ \t])|(?<=\b[AFD]PO[ \t]))"
# What must end right before a US ZIP ("…, CA ", "Texas ", "NEW YORK, ") and before a Canadian postal code.
_US_STATE_BEFORE = re.compile(
    r"(?:"
    + _after_code
    + r"(?:"
    + "|".join(_US_STATES + ["AA", "AE", "AP"])
    + r")|(?<![\w\-])(?:"
    + _state_names
    + r"),?)[ \t]{1,2}\Z"
)
_CA_PROVINCE_BEFORE = re.compile(_after_code + r"(?:" + "|".join(_CA_PROVINCES) + r")[ \t]{1,2}\Z")
_US_ZIP = re.compile(NUM_L + r"\d{5}(?:-\d{4})?" + _ZIP_R)
_CA_POSTAL_RE = re.compile(WORD_L + _CA_POSTAL + WORD_R)
# Any country's code after an explicit label: "ZIP: 4032", "zip code is 97400", "Postal code 6250-120", "PLZ 10115",
# "postcode: 1012 AB", "CEP 01310-100". The label and the code must be on the same line.
_ZIP_LABELLED = re.compile(
    r"(?i)(?<![^\W\d_])(?<!\.)(?:zip|zipcode|postal|postcode|post[ \-]code|postleitzahl|plz|code[ \-]postal|"
    r"c[oó]digo[ \-]postal|cep|eircode)(?:[^\S\n]*(?:codes?|number|no\.?|is|was|:|#|=|-)){0,3}[^\S\n]*"
    r"(?P<v>\d{5}-\d{3,4}|\d{4}-\d{3}|\d{3}-\d{4}|\d{2}-\d{3}|\d{3} \d{2}|\d{4} ?[A-Z]{2}|"
    + _CA_POSTAL
    + r"|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[\dW] ?[A-Z\d]{4}|\d{4,6})"
    + _ZIP_R
)
_ZIP_LABEL_KEYS = ("zip", "post", "plz", "cep", "eircode", "código", "codigo", "code postal", "code-postal")


# UK postcodes by their strict format (a known postcode area, BS 7666 letters; see validators.uk_postcode), in
# capitals with or without the space, in lower case only with it ("sw1a 1aa"; "ab12cd"-like tokens are identifiers).
UK_POSTCODE_RE = re.compile(WORD_L + r"(?:[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[a-z]{1,2}\d[a-z\d]? \d[a-z]{2})" + WORD_R)


def _find_all(low: str, key: str, text: str) -> Iterable[re.Match[str]]:
    """_ZIP_LABELLED matches starting where `key` occurs in `low` (text.lower(), same length as text)."""
    i = low.find(key)
    while i >= 0:
        m = _ZIP_LABELLED.match(text, i)
        if m is not None:
            yield m
        i = low.find(key, i + 1)


class ZipCodeRecognizer:
    """ZIP_CODE, three ways, each precise on its own:

    * labelled (on by default): any country's format right after a postal-code label ("ZIP: 4032", "my zip code
      is 97400", "PLZ 10115", "postcode: 1012 AB", "CEP 01310-100");
    * after a state or province (``state_score``): a US ZIP after a state abbreviation or name ("Austin, TX
      78701", "Texas 77001", "APO AE 09012"), a Canadian code after a province ("Toronto, ON M5V 3L9");
    * UK postcodes by their strict format (``uk_score``): "SW1A 1AA", "sw1a 1aa", "PH36 9QH".

    The last two are off by default. Those codes end a postal address, which the model reports whole as one
    LOCATION span, and MaskingEngine's overlap resolution lets a pattern span evict any model span it overlaps:
    the ZIP would be masked and the rest of the address ("1600 Amphitheatre Parkway, Mountain View, CA") left in
    clear. Turn them on (``ZipCodeRecognizer(state_score=0.65, uk_score=0.6)``) where there is no model, or once
    the engine keeps a model span that contains a pattern span of a part-of type (ZIP_CODE, TITLE).

    Digits first: the state/province test only runs where a five-digit number (or a Canadian code) is, so the
    long alternation of state names never scans the whole text."""

    entity = "ZIP_CODE"
    entities = frozenset({entity})
    name = "zip_code_recognizer"
    min_digits = 1

    def __init__(
        self, labelled_score: float = 0.8, state_score: float | None = None, uk_score: float | None = None
    ) -> None:
        self.labelled_score = labelled_score
        self.state_score = state_score
        self.uk_score = uk_score

    def analyze(self, text: str, facts: TextFacts | None = None) -> list[Span]:
        facts = facts or TextFacts.of(text)
        if facts.digits == 0:
            return []
        best: dict[tuple[int, int], float] = {}
        low = facts.lower
        if len(low) == len(text):  # str.find, then the full label regex only where a label can start
            starts = (m for key in _ZIP_LABEL_KEYS for m in _find_all(low, key, text))
        else:  # lower() changed the length ("İ"): offsets in `low` are not offsets in `text`
            starts = _ZIP_LABELLED.finditer(text)
        for m in starts:
            best[m.span("v")] = self.labelled_score
        if self.state_score is not None:
            for regex, before in ((_US_ZIP, _US_STATE_BEFORE), (_CA_POSTAL_RE, _CA_PROVINCE_BEFORE)):
                for m in regex.finditer(text):
                    start = m.start()
                    if m.span() not in best and before.search(text, max(0, start - 40), start):
                        best[m.span()] = self.state_score
        if self.uk_score is not None:
            for m in UK_POSTCODE_RE.finditer(text):
                if m.span() not in best and v.uk_postcode(m.group()):
                    best[m.span()] = self.uk_score
        return resolve_overlaps(self.entity, best)
