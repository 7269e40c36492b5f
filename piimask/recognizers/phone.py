"""Phone numbers: PHONE_NUMBER for the regions the service serves; the country types that refine it, the
Philippines' PH_MOBILE_NUMBER and Turkey's TR_PHONE_NUMBER; and South Africa's ZA_MOBILE_NUMBER and
ZA_TELEPHONE_NUMBER. All use libphonenumber's matcher, on short windows around digit runs only."""

from __future__ import annotations

import re
from collections.abc import Sequence

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

from piimask import validators as v
from piimask.recognizers.base import Recognizer, TextFacts, context_keys, context_near, context_regex, resolve_overlaps
from piimask.spans import Span


def recognizers() -> list[Recognizer]:
    return [PhoneRecognizer(), *_country_phones(), ZaPhoneRecognizer()]


def _enable_pattern_cache() -> None:
    """phonenumbers compiles its metadata's regexes on every call and leans on `re`'s 512-entry cache, which the
    matcher's patterns for our regions overflow: its own cache (documented in phonenumbers.re_util) made the set
    1.35x faster. Turning it on is idempotent; it is done where a phone recognizer is built, not at import."""
    phonenumbers.re_util.enable_pattern_cache()


_MOBILE_TYPES = frozenset({phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE})
DEFAULT_PHONE_REGIONS: tuple[str, ...] = ("US", "GB", "DE", "FR", "ES", "IT", "IN", "AU", "CA", "BR", "NL", "IL")

# Stretches that could hold a phone number: a '+', '(' or digit, then digits and the separators phones use.
_PHONE_RUN = re.compile(r"[+(\d][\d()\-./ \t\u00a0]{5,}\d")
_PHONE_CONTEXT = (
    "phone",
    "telephone",
    "tel",
    "mobile",
    "cell",
    "cellphone",
    "call",
    "fax",
    "whatsapp",
    "contact",
    "landline",
    "ph",
    "mob",
    "telefon",
    "téléphone",
    "teléfono",
    "telefono",
    "numero",
    "número",
)
# Words that make a bare digit run a phone number when they come just before it, in the same clause or as the
# label line above it ("Phone:\n439 4166"). Multi-word entries are phrases: "text" or "reach" alone are too common.
_PHONE_CONTEXT_BEFORE = (
    "phone",
    "telephone",
    "tel",
    "mobile",
    "cell",
    "cellphone",
    "call",
    "called",
    "calling",
    "fax",
    "whatsapp",
    "contact",
    "landline",
    "ph",
    "mob",
    "desk",
    "hotline",
    "helpline",
    "voicemail",
    "sms",
    "answering",
    "dial",
    "text me",
    "text us",
    "message me",
    "messages to",
    "reach me",
    "reach us",
    "reach you",
    "ring me",
    "ring us",
    "telefon",
    "téléphone",
    "teléfono",
    "telefono",
    "phone number",
    "direct line",
    "switchboard",
    "extension",
)
# Labels written right after a number in contact blocks: "0380 7558505 office", "+41 53 147 37 99 fax".
_PHONE_LABEL_AFTER = re.compile(
    r"[ \t]*[\-–(/,]?[ \t]*(?:office|home|work|mobile|cell|fax|tel|phone|desk|landline|direct|main|mob)\b",
    re.IGNORECASE,
)
# A phone-shaped run: digit groups (one may be in parentheses) joined by single spaces, dots, dashes or slashes.
_PHONE_GROUP = r"(?:\(\d{1,5}\)|\d{1,12})"
_PHONE_SHAPE = re.compile(
    r"(?:(?<=[^\W\d_]:)|(?<![\w+\-./,:$€£¥₹#]))(?:\+ ?)?"
    + _PHONE_GROUP
    + r"(?:(?:[ .\-/]|(?<=\))|(?=\())"
    + _PHONE_GROUP
    + r"){0,7}"
    + r"(?:[ \t]?(?:x|ext\.?|extension)[ \t]?\d{1,6})?"  # an extension: "915-081-1530x7274", "… ext. 12"
    + r"(?![\w]|[.,\-/:]\d|%)",
    re.IGNORECASE,
)
_SSN_SHAPE = re.compile(r"\d{3}-\d{2}-\d{4}")
_YEAR = re.compile(r"(?:19|20)\d\d")
_CURRENCY_BEFORE = re.compile(r"(?:[$€£¥₹]|\b(?:usd|eur|gbp|rs|inr|chf|jpy|aud|cad))\s*$", re.IGNORECASE)
_UNIT_AFTER = re.compile(
    r"\s*(?:%|(?:usd|eur|gbp|dollars?|euros?|pounds|rupees|yen|km|kg|mb|gb|users|people|times|units|items|"
    r"votes|views|years|days|hours|minutes|seconds|miles|meters|metres)\b)",
    re.IGNORECASE,
)
_PHONE_CONTEXT_WINDOW = 32  # characters before a number searched for a phone word
# Between the phone word and the number: no sentence break, and no word saying the number is something else.
_PHONE_CLAUSE_BREAK = re.compile(r"[.!?](?=\s)|[;|]")
_PHONE_NOT_BETWEEN = re.compile(
    r"\b(?:id|ref|reference|order|ticket|case|invoice|account|acct|pin|code|serial|model|version|room|no\.? of)\b",
    re.IGNORECASE,
)
_PHONE_LABEL_LINE = re.compile(r"[ \t]*[:#\-]?[ \t]*\n[ \t]*")  # "Phone:\n439 4166"
_DIGIT_GROUPS = re.compile(r"\d+")
_PHONE_EXTENSION = re.compile(r"[ \t]?(?:x|ext\.?|extension)[ \t]?\d{1,6}$", re.IGNORECASE)
# A house number: the number is followed by a street name ("3348 84 Cassinia Street", "12 Main St").
_STREET_AFTER = re.compile(
    r"[ \t]+(?:[^\W\d_][\w'’\-]*[ \t]+){0,3}(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|way|"
    r"place|pl|court|ct|square|sq|terrace|parkway|pkwy|highway|hwy|strasse|straße|str|gasse|weg|platz|allee|rue|"
    r"calle|via|avenida|utca|ridge|hill|crescent|close|gardens|row|alley|trail|circle|cir|loop|path|walk)\b",
    re.IGNORECASE,
)
# Digit runs that are certainly not phone numbers: calendar dates, decimal amounts, dotted quads.
_NOT_PHONE = re.compile(r"\d{1,4}([/.\-])\d{1,2}\1\d{1,4}|\d[\d ]*[.,]\d{1,2}|\d{1,3}(?:\.\d{1,3}){3}")


def _national_shape_ok(region: str, d: str) -> bool:
    """Could the digits `d` (as written, national format) be a number of `region`? A deliberately loose length
    and leading-digit test whose only job is to skip libphonenumber calls that cannot succeed."""
    n, first = len(d), d[0]
    if region in ("US", "CA"):
        return (n == 10 and first in "23456789") or (n == 11 and first == "1")
    if region == "GB":
        return first == "0" and 10 <= n <= 11
    if region == "DE":
        return first == "0" and 6 <= n <= 14
    if region in ("FR", "AU", "NL"):
        return first == "0" and n == 10
    if region == "ES":
        return n == 9 and first in "6789"
    if region == "IT":
        return (first == "0" and 6 <= n <= 11) or (first == "3" and 9 <= n <= 10)
    if region == "IN":
        return (n == 10 and first in "6789") or (first == "0" and 10 <= n <= 12)
    if region == "BR":
        return (10 <= n <= 11 and first != "0") or (first == "0" and 11 <= n <= 12)
    if region == "IL":
        return first == "0" and 9 <= n <= 10
    return True  # a region without a rule here: always ask libphonenumber


class PhoneRecognizer:
    """PHONE_NUMBER, three ways:

    1. libphonenumber's matcher: the number must be valid (in an assigned range) and, when written in national
       format, grouped the way that region groups it. The matcher is pure Python and slow (~50 µs a call), so it
       never sees the whole text: only a short window around each run of digits and separators, and only for the
       regions where the run's digit count and leading digit make a national number possible.
    2. Context: a phone-shaped digit run (6–15 digits in groups) right after a phone word in the same clause
       ("call me on 070-524-373", "Fax: (594)636-8872", a "Phone:" label on the line above) or right before a
       contact-block label ("0380 7558505 office"). Numbers of regions not in the list, and numbers written in
       ways libphonenumber's strict grouping rejects, are found this way; without such a word a bare digit run is
       as likely an order, account or ticket number, so it is not reported.
    3. "+CC …" numbers that libphonenumber calls possible (right length for the country) but not valid: the "+"
       is evidence of a phone number, the range check is not, so they get a lower score (raised by context).
    """

    entity = "PHONE_NUMBER"
    entities = frozenset({entity})
    name = "phone_recognizer"
    min_digits = 1

    def __init__(
        self,
        regions: Sequence[str] = DEFAULT_PHONE_REGIONS,
        international_score: float = 0.85,
        national_score: float = 0.7,
        unformatted_score: float = 0.4,
        context_boost: float = 0.2,
        context_score: float = 0.65,
        possible_score: float = 0.55,
    ) -> None:
        _enable_pattern_cache()
        self.regions = tuple(regions)
        self.international_score = international_score
        self.national_score = national_score
        self.unformatted_score = unformatted_score
        self.context_boost = context_boost
        self.context_score = context_score
        self.possible_score = possible_score
        self._context = context_regex(_PHONE_CONTEXT)
        self._context_before = context_regex(_PHONE_CONTEXT_BEFORE)
        self._context_before_keys = context_keys(_PHONE_CONTEXT_BEFORE)

    def _regions_for(self, text: str, run: re.Match[str]) -> tuple[Sequence[str], bool]:
        """(regions worth asking, whether the run is written in international format)."""
        raw = run.group()
        digits = v.digits_of(raw)
        if raw.startswith("+"):
            return ((self.regions[0],) if 8 <= len(digits) <= 15 else ()), True
        if raw.startswith("00") and 10 <= len(digits) <= 17:
            return ("GB",), True  # "00" is the international prefix in GB and most of Europe
        if run.start() > 0 and text[run.start() - 1].isalpha():
            return (), False  # "ACC1234567", "ID12345678": an identifier, and the matcher would reject it anyway
        if _NOT_PHONE.fullmatch(raw.strip("() ")):
            return (), False
        # A run may hold a stray number beside the phone ("version 3 (212) 555-0134") or several numbers
        # ("020 7946 0958 / 020 7946 0959"); the matcher finds them inside the window by itself, so route on
        # every contiguous group of space-separated tokens.
        tokens = [v.digits_of(t) for t in raw.split()]
        if len(tokens) > 10:
            return self.regions, False
        shapes = {"".join(tokens[i:j]) for i in range(len(tokens)) for j in range(i + 1, len(tokens) + 1)}
        shapes = {d for d in shapes if 6 <= len(d) <= 15}
        return tuple(r for r in self.regions if any(_national_shape_ok(r, d) for d in shapes)), False

    def _phone_word_before(self, text: str, start: int) -> bool:
        """A phone word shortly before `start`, in the same clause, or as the label line just above."""
        lo = max(0, start - _PHONE_CONTEXT_WINDOW)
        window = text[lo:start].lower()
        if not any(k in window for k in self._context_before_keys):
            return False  # the common case, ten times cheaper than the regex
        last = None
        for match in self._context_before.finditer(text, lo, start):
            last = match
        if last is None:
            return False
        between = text[last.end() : start]
        if between.startswith("."):  # "Tel. 555 1234", "Ph. …"
            between = between[1:]
        if "\n" in between:
            return _PHONE_LABEL_LINE.fullmatch(between) is not None
        return _PHONE_CLAUSE_BREAK.search(between) is None and _PHONE_NOT_BETWEEN.search(between) is None

    def _has_context(self, text: str, start: int, end: int) -> bool:
        """A phone word around a number that libphonenumber found, or a contact-block label after it."""
        return (
            context_near(self._context, text, start, end, 50, 20)
            or self._phone_word_before(text, start)
            or _PHONE_LABEL_AFTER.match(text, end) is not None
        )

    def _contextual(self, text: str, covered: bytearray, best: dict[tuple[int, int], float]) -> None:
        """Ways 2 and 3 (see the class docstring); `covered` marks the characters way 1 already reported."""
        for m in _PHONE_SHAPE.finditer(text):
            start, end = m.span()
            raw = m.group()
            international = raw.startswith("+")
            if any(covered[start:end]) and not international:
                continue  # way 1 found a valid number here: its boundaries are the better ones
            ext = _PHONE_EXTENSION.search(raw)
            digits = v.digits_of(raw[: ext.start()] if ext else raw)
            n = len(digits)
            if not 6 <= n <= 15 or raw.count("(") != raw.count(")"):
                continue
            if not international:
                groups = _DIGIT_GROUPS.findall(raw[: ext.start()] if ext else raw)
                if (
                    _NOT_PHONE.fullmatch(raw.strip("() "))
                    or _SSN_SHAPE.fullmatch(raw)
                    or all(_YEAR.fullmatch(g) for g in groups)  # "2019-2020", "1990 2000"
                    or (n >= 13 and v.luhn(digits))
                ):  # a payment card
                    continue
            if _CURRENCY_BEFORE.search(text, max(0, start - 5), start) or _UNIT_AFTER.match(text, end):
                continue  # "$ 1 250 000", "1 000 000 users"
            before = self._phone_word_before(text, start)
            has_context = before or _PHONE_LABEL_AFTER.match(text, end) is not None
            if not international and not ext and _STREET_AFTER.match(text, end):
                continue
            if international:
                if not _possible_international(raw):
                    continue
                score = self.possible_score + (self.context_boost if has_context else 0.0)
            elif not has_context or (n < 7 and len(groups) < 2):
                continue  # six digits only when grouped: "call 61 60 34", "35 88 32 office"
            else:
                score = self.context_score
            if score > best.get((start, end), -1.0):
                best[(start, end)] = score

    def analyze(self, text: str, facts: TextFacts | None = None) -> list[Span]:
        if (facts or TextFacts.of(text)).digits == 0:
            return []
        best: dict[tuple[int, int], float] = {}
        for run in _PHONE_RUN.finditer(text):
            regions, international_run = self._regions_for(text, run)
            if not regions:
                continue
            # Slack around the run: the matcher looks at the characters next to a number ("+", a letter that
            # makes it part of a word, "ext. 12"), so the window has to include them.
            w_start, w_end = max(0, run.start() - 2), min(len(text), run.end() + 12)
            chunk = text[w_start:w_end]
            # National numbers must also be grouped the way the region writes them: VALID alone accepts
            # "v3 536-22-1234" as a US number. A leading "+" is evidence enough, so international ones need VALID.
            leniency = Leniency.VALID if international_run else Leniency.STRICT_GROUPING
            for region in regions:
                for match in PhoneNumberMatcher(chunk, region, leniency=leniency):
                    start, end = w_start + match.start, w_start + match.end
                    raw = match.raw_string
                    international = raw.startswith("+") or raw.startswith("00")
                    score = self.international_score if international else self.national_score
                    if not international and raw.isdigit():
                        score = self.unformatted_score  # "12345678901": as likely an account or order number
                    has_context = self._has_context(text, start, end)
                    if not (international or has_context) and (
                        len(v.digits_of(raw)) < 7 or _STREET_AFTER.match(text, end)
                    ):
                        continue  # "0422 69 Almond Place", "96047 3240 Meadow Drive": house numbers
                    if has_context:
                        score = min(1.0, score + self.context_boost)
                    if score > best.get((start, end), -1.0):
                        best[(start, end)] = score
        covered = bytearray(len(text))
        for start, end in best:
            covered[start:end] = b"\x01" * (end - start)
        self._contextual(text, covered, best)
        return resolve_overlaps(self.entity, best)


def _possible_international(raw: str) -> bool:
    """ "+CC …" with the right number of digits for country CC (libphonenumber's IS_POSSIBLE, not only
    IS_POSSIBLE_LOCAL_ONLY) and at least seven national digits."""
    try:
        number = phonenumbers.parse(raw, None)
    except phonenumbers.NumberParseException:
        return False
    if len(str(number.national_number)) < 7:
        return False
    return phonenumbers.is_possible_number_with_reason(number) == phonenumbers.ValidationResult.IS_POSSIBLE


class CountryPhoneRecognizer(PhoneRecognizer):
    """One country's own phone type (PH_MOBILE_NUMBER, TR_PHONE_NUMBER), a refinement of PHONE_NUMBER (`refines`):
    numbers libphonenumber's matcher calls valid for `region` (its own leniency, VALID: a national number need not
    be grouped the way the country groups it) and whose country is `region`; `mobile_only` keeps mobile ranges.

    Scores. Written with the country's own calling code ("+90 532 …", "0090 …") the number is that country's by
    its digits: `international_score` (0.9, 1.0 with a phone word), at least PHONE_NUMBER's score for the same
    span, so the recognizer set keeps the country type there (the most specific type that validates). Written in
    national format ("0532 123 45 67") it fits other countries' plans as well: `national_score` (0.4, 0.6 with a
    phone word or a word naming the country), below PHONE_NUMBER's 0.65-0.9, so the recognizer set keeps
    PHONE_NUMBER where both are reported, and the country type only counts where a caller asks for it by name
    (without a word, at a threshold below the default)."""

    refines = "PHONE_NUMBER"

    def __init__(
        self,
        entity: str,
        region: str,
        country_words: Sequence[str],
        *,
        mobile_only: bool = False,
        international_score: float = 0.9,
        national_score: float = 0.4,
        context_boost: float = 0.2,
    ) -> None:
        super().__init__(regions=(region,), context_boost=context_boost)
        self.entity = entity
        self.entities = frozenset({entity})
        self.name = f"{entity.lower()}_recognizer"
        self.region = region
        self.calling_code = str(phonenumbers.country_code_for_region(region))
        self.mobile_only = mobile_only
        self.international_score = international_score
        self.national_score = national_score
        self._country = context_regex(country_words)

    def _could_be(self, raw: str) -> bool:
        """A run that could hold one of the country's numbers: its calling code after + or 00, or a national
        number's length (libphonenumber decides the rest)."""
        d = v.digits_of(raw)
        if raw.startswith("+") or d.startswith("00"):
            return d.lstrip("0").startswith(self.calling_code)
        return 7 <= len(d) <= 12

    def analyze(self, text: str, facts: TextFacts | None = None) -> list[Span]:
        if (facts or TextFacts.of(text)).digits == 0:
            return []
        best: dict[tuple[int, int], float] = {}
        for run in _PHONE_RUN.finditer(text):
            if not self._could_be(run.group()):
                continue
            w_start, w_end = max(0, run.start() - 2), min(len(text), run.end() + 2)
            for match in PhoneNumberMatcher(text[w_start:w_end], self.region, leniency=Leniency.VALID):
                number = match.number
                if phonenumbers.region_code_for_number(number) != self.region:
                    continue
                if self.mobile_only and phonenumbers.number_type(number) not in _MOBILE_TYPES:
                    continue
                start, end = w_start + match.start, w_start + match.end
                raw = match.raw_string
                international = raw.startswith("+") or raw.startswith("00")
                score = self.international_score if international else self.national_score
                if self._has_context(text, start, end) or (
                    not international and context_near(self._country, text, start, end, 50, 20)
                ):
                    score = min(1.0, score + self.context_boost)
                if score > best.get((start, end), -1.0):
                    best[(start, end)] = score
        return resolve_overlaps(self.entity, best)


# Words that name the country or are how its people say "phone number": they make a national-format number that
# country's (beside the phone words every phone recognizer knows).
_PH_WORDS = (
    "philippines",
    "philippine",
    "filipino",
    "pinoy",
    "manila",
    "telepono",
    "cellphone",
    "celphone",
    "numero ng telepono",
    "tawag",
    "mensahe",
    "viber",
)
_TR_WORDS = (
    "turkey",
    "türkiye",
    "turkish",
    "türk",
    "istanbul",
    "ankara",
    "izmir",
    "telefon",
    "telefon numarası",
    "cep",
    "cep telefonu",
    "cep no",
    "gsm",
    "numara",
    "numaram",
    "telefonum",
    "turkcell",
    "vodafone",
)


def _country_phones() -> list[Recognizer]:
    return [
        CountryPhoneRecognizer("PH_MOBILE_NUMBER", "PH", _PH_WORDS, mobile_only=True),
        CountryPhoneRecognizer("TR_PHONE_NUMBER", "TR", _TR_WORDS),
    ]


_ZA_CONTEXT = (
    "south africa",
    "south african",
    "rsa",
    "za",
    "johannesburg",
    "joburg",
    "cape town",
    "durban",
    "pretoria",
    "soweto",
    "gauteng",
    "kwazulu-natal",
    "vodacom",
    "mtn",
    "cell c",
    "telkom",
)


class ZaPhoneRecognizer:
    """ZA_MOBILE_NUMBER and ZA_TELEPHONE_NUMBER: South African numbers (+27 …, 0027 …, or national 0XX XXX XXXX)
    that libphonenumber calls valid for ZA, split by line type (mobile: 06x/07x/08x cellular ranges; telephone:
    geographic, toll-free, sharecall, VoIP). Like PhoneRecognizer, the matcher only sees short windows around
    digit runs that could be a ZA number. "+27"/"0027" numbers are South African by their country code; a
    national number ("082 777 7526") fits the numbering plans of several countries (the Netherlands' 06, …), so
    it is reported as South African only with a South African word nearby (else it is left to PHONE_NUMBER)."""

    entities = frozenset({"ZA_MOBILE_NUMBER", "ZA_TELEPHONE_NUMBER"})
    name = "za_phone_recognizer"
    min_digits = 1

    def __init__(
        self,
        international_score: float = 0.8,
        national_score: float = 0.35,
        unformatted_score: float = 0.3,
        context_boost: float = 0.1,
        country_boost: float = 0.3,
    ) -> None:
        _enable_pattern_cache()
        self.international_score = international_score
        self.national_score = national_score
        self.unformatted_score = unformatted_score
        self.context_boost = context_boost
        self.country_boost = country_boost
        self._context = context_regex(_PHONE_CONTEXT)
        self._country = context_regex(_ZA_CONTEXT)

    @staticmethod
    def _could_be_za(raw: str) -> bool:
        d = v.digits_of(raw)
        return (
            (raw.startswith("+") and d.startswith("27") and len(d) == 11)
            or (d.startswith("0027") and len(d) == 13)
            or (d.startswith("0") and len(d) == 10)
        )

    def analyze(self, text: str, facts: TextFacts | None = None) -> list[Span]:
        if (facts or TextFacts.of(text)).digits == 0:
            return []
        best: dict[str, dict[tuple[int, int], float]] = {"ZA_MOBILE_NUMBER": {}, "ZA_TELEPHONE_NUMBER": {}}
        for run in _PHONE_RUN.finditer(text):
            raw = run.group()
            if not any(self._could_be_za(part) for part in (raw, *raw.split("/"))):
                continue
            w_start, w_end = max(0, run.start() - 2), min(len(text), run.end() + 2)
            for match in PhoneNumberMatcher(text[w_start:w_end], "ZA", leniency=Leniency.VALID):
                number = match.number
                if phonenumbers.region_code_for_number(number) != "ZA":
                    continue
                kind = phonenumbers.number_type(number)
                entity = "ZA_MOBILE_NUMBER" if kind in _MOBILE_TYPES else "ZA_TELEPHONE_NUMBER"
                start, end = w_start + match.start, w_start + match.end
                found = match.raw_string
                if found.startswith("+") or found.startswith("00"):
                    score = self.international_score
                elif found.isdigit():
                    score = self.unformatted_score
                else:
                    score = self.national_score
                if context_near(self._context, text, start, end, 40, 20):
                    score += self.context_boost
                if (
                    score < self.international_score
                    and self._country.search(text, max(0, start - 80), min(len(text), end + 40)) is not None
                ):
                    score += self.country_boost
                score = min(1.0, score)
                if score > best[entity].get((start, end), -1.0):
                    best[entity][(start, end)] = score
        spans = [
            *resolve_overlaps("ZA_MOBILE_NUMBER", best["ZA_MOBILE_NUMBER"]),
            *resolve_overlaps("ZA_TELEPHONE_NUMBER", best["ZA_TELEPHONE_NUMBER"]),
        ]
        return sorted(spans, key=lambda s: s.start)
