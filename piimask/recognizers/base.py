"""Pattern recognizers: regexes + validators + context words, tuned for precision.

Design points (why it looks the way it does):

* Every regex is compiled once, at import. A recognizer first runs a cheap prefilter (a required character, or
  "is any of my context words anywhere in the text" for formats that are only reported with context), so most
  recognizers cost a substring test on texts that cannot contain their entity.
* Validators (``piimask.validators``) run only on regex candidates. A validator answers True (checksum
  confirmed: the score rises to the recognizer's ``confirmed_score``), False (the candidate is dropped) or None
  (structure fine but nothing to confirm: the pattern's base score stays).
* Formats that are just "N digits" (bank accounts, passports, driver licences, weak mod-10/11 checksums) are
  reported only with a context word nearby. Presidio reports them everywhere at a low score, which is its largest
  source of false positives.
* Overlaps *between* entity types are left to the merge step (score and specificity); a recognizer set only
  removes exact duplicates. Within one recognizer, overlapping candidates are resolved (longest, then best).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

from piimask import validators as v
from piimask.prefilters import digit_count, min_digits
from piimask.spans import Span

# phonenumbers compiles its metadata's regexes on every call and leans on `re`'s 512-entry cache, which the matcher's
# patterns for our regions overflow: its own cache (documented in phonenumbers.re_util) made the set 1.35x faster.
phonenumbers.re_util.enable_pattern_cache()

Validator = Callable[[str], "bool | None"]
Refiner = Callable[[str], "str | None"]

# Boundaries for digit-based identifiers: not glued to a word, a dash, or a decimal ("3.123456789", "1,234").
# Commas alone are allowed before a value so that CSV-like log lines ("John,536-22-1234,…") still match.
NUM_L = r"(?<![\w\-])(?<!\d[.,])"
NUM_R = r"(?![\w\-])(?![.,]\d)"
# Boundaries for alphanumeric identifiers.
WORD_L = r"(?<![\w\-])"
WORD_R = r"(?![\w\-])"


def structure_only(check: Callable[[str], bool]) -> Validator:
    """Adapt a structural check (no checksum) to the validator protocol: pass → None (no boost), fail → False."""

    def _validator(value: str) -> bool | None:
        return None if check(value) else False

    _validator.__name__ = f"structure_only({getattr(check, '__name__', 'check')})"
    return _validator


def _has_digit(text: str) -> bool:
    return digit_count(text) > 0


@dataclass(frozen=True, slots=True)
class Pattern:
    """One regex of a recognizer. `score` is the score of a candidate that its validator neither confirms nor
    rejects; `requires_context` overrides the recognizer's setting for this pattern (None: inherit)."""

    regex: re.Pattern[str]
    score: float
    requires_context: bool | None = None
    group: int | str = 0


def pattern(regex: str, score: float, *, requires_context: bool | None = None, flags: int = 0,
            group: int | str = 0) -> Pattern:
    return Pattern(re.compile(regex, flags), score, requires_context, group)


def _context_regex(words: Iterable[str]) -> re.Pattern[str] | None:
    words = sorted({w.lower() for w in words}, key=len, reverse=True)
    if not words:
        return None
    alternation = "|".join(re.escape(w).replace(r"\ ", r"[\s\-_]*") for w in words)
    # Letter boundaries only, so that "SSN:", "dl#", "passport-no" and "ID123" all count; a trailing plural is ok.
    return re.compile(rf"(?<![^\W\d_])(?:{alternation})(?:s|es)?(?![^\W\d_])", re.IGNORECASE)


_lower_cache: tuple[str, str] = ("", "")


def _lowered(text: str) -> str:
    """text.lower(), computed once per text even though every recognizer asks (single-entry cache)."""
    global _lower_cache
    cached = _lower_cache
    if cached[0] is text:
        return cached[1]
    low = text.lower()
    _lower_cache = (text, low)
    return low


def _context_keys(words: Iterable[str]) -> tuple[str, ...]:
    """Substrings that every occurrence of a context word contains (its first alphanumeric run, lower-cased),
    for the plain `in` test that decides whether context-only patterns are worth running at all."""
    keys = set()
    for w in words:
        m = re.match(r"[^\W_]+", w.lower())
        keys.add(m.group() if m else w.lower())
    return tuple(sorted(keys))


# A context word counts only inside the candidate's own clause: "Driver's licence: D1234567. Passport 123456789"
# must not make 123456789 a driver licence. Clause ends: sentence punctuation followed by a space, a newline, ';'.
# The dot of a number label ("Passport No. X", "Ausweis-Nr. X", "IdNr. X", "Ref. X", "Reg. X") does not end one.
_CLAUSE_END = re.compile(r"(?<!\b[Nn][Oo])(?<![Nn][Rr])(?<!\b[Rr]e[fg])[.!?](?=\s)|[\n;|]")


def _context_near(regex: re.Pattern[str], text: str, start: int, end: int, before: int, after: int) -> bool:
    lo = max(0, start - before)
    last_end = None
    for last_end in _CLAUSE_END.finditer(text, lo, start):
        pass
    if last_end is not None:
        lo = last_end.end()
    if regex.search(text, lo, start) is not None:
        return True
    if after <= 0:
        return False
    hi = min(len(text), end + after)
    stop = _CLAUSE_END.search(text, end, hi)
    if stop is not None:
        hi = stop.start()
    return regex.search(text, end, hi) is not None


class PatternRecognizer:
    """Regex candidates → optional refine (trim) → optional validator → context scoring → spans."""

    def __init__(
        self,
        entity: str,
        patterns: Sequence[Pattern],
        *,
        validator: Validator | None = None,
        confirmed_score: float = 0.95,
        context: Sequence[str] = (),
        context_boost: float = 0.3,
        requires_context: bool = False,
        checksum_overrides_context: bool = False,
        negative_context: Sequence[str] = (),
        prefilter: Callable[[str], bool] | None = None,
        refine: Refiner | None = None,
        context_before: int = 50,
        context_after: int = 25,
        name: str | None = None,
    ) -> None:
        self.entity = entity
        self.entities = frozenset({entity})
        self.name = name or f"{entity.lower()}_recognizer"
        self.patterns = tuple(patterns)
        self.validator = validator
        self.confirmed_score = confirmed_score
        self.context_boost = context_boost
        self.requires_context = requires_context
        self.checksum_overrides_context = checksum_overrides_context
        self.prefilter = prefilter
        self.refine = refine
        self.context_before = context_before
        self.context_after = context_after
        self._context = _context_regex(context)
        self._context_keys = _context_keys(context)
        self._negative = _context_regex(negative_context)
        if requires_context and self._context is None:
            raise ValueError(f"{self.name}: requires_context without context words")
        # the digits each regex must consume: a text with fewer skips it (see piimask.prefilters)
        self._pattern_digits = tuple(min_digits(p.regex) for p in self.patterns)
        self.min_digits = min(self._pattern_digits, default=0)

    def _needs_context(self, p: Pattern) -> bool:
        return self.requires_context if p.requires_context is None else p.requires_context

    def _near(self, regex: re.Pattern[str], text: str, start: int, end: int, after: bool = True) -> bool:
        return _context_near(regex, text, start, end, self.context_before, self.context_after if after else 0)

    def analyze(self, text: str) -> list[Span]:
        digits = digit_count(text)
        if digits < self.min_digits or (self.prefilter is not None and not self.prefilter(text)):
            return []
        # If no context word occurs anywhere, the context-only patterns cannot produce anything: skip them.
        context_anywhere: bool | None = None
        best: dict[tuple[int, int], float] = {}
        for p, needs_digits in zip(self.patterns, self._pattern_digits):
            if digits < needs_digits:
                continue
            needs_context = self._needs_context(p)
            if needs_context and not (self.checksum_overrides_context and self.validator is not None):
                if context_anywhere is None:
                    low = _lowered(text)
                    context_anywhere = any(k in low for k in self._context_keys)
                if not context_anywhere:
                    continue
            for m in p.regex.finditer(text):
                start, end = m.span(p.group)
                value = text[start:end]
                if self.refine is not None:
                    refined = self.refine(value)
                    if not refined:
                        continue
                    value = refined
                    end = start + len(refined)
                verdict = self.validator(value) if self.validator is not None else None
                if verdict is False:
                    continue
                score = max(p.score, self.confirmed_score) if verdict else p.score
                if self._negative is not None and self._near(self._negative, text, start, end, after=False):
                    continue
                has_context = self._context is not None and self._near(self._context, text, start, end)
                if needs_context and not has_context and not (verdict and self.checksum_overrides_context):
                    continue
                if has_context:
                    score = min(1.0, score + self.context_boost)
                key = (start, end)
                if score > best.get(key, -1.0):
                    best[key] = score
        return _resolve_overlaps(self.entity, best)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"


def _resolve_overlaps(entity: str, best: dict[tuple[int, int], float], source: str = "pattern") -> list[Span]:
    """Within one entity type keep, among overlapping candidates, the longest (then the highest scored).

    Candidates are swept in start order into clusters of mutually chained overlaps; the greedy choice runs per
    cluster, so the cost stays linear in the (usually large, rarely overlapping) number of candidates."""
    if not best:
        return []
    items = sorted(best.items())
    kept: list[Span] = []
    cluster: list[tuple[tuple[int, int], float]] = []
    cluster_end = -1

    def flush() -> None:
        chosen: list[tuple[int, int]] = []
        for (start, end), score in sorted(cluster, key=lambda kv: (kv[0][0] - kv[0][1], -kv[1], kv[0][0])):
            if all(end <= s or e <= start for s, e in chosen):
                chosen.append((start, end))
                kept.append(Span(entity, start, end, round(score, 4), source))

    for (start, end), score in items:
        if cluster and start >= cluster_end:
            flush()
            cluster = []
        cluster.append(((start, end), score))
        cluster_end = max(cluster_end, end) if len(cluster) > 1 else end
    flush()
    kept.sort(key=lambda s: s.start)
    return kept


# ==============================================================================================================
# Special recognizers
# ==============================================================================================================

DEFAULT_PHONE_REGIONS: tuple[str, ...] = ("US", "GB", "DE", "FR", "ES", "IT", "IN", "AU", "CA", "BR", "NL")

# Stretches that could hold a phone number: a '+', '(' or digit, then digits and the separators phones use.
_PHONE_RUN = re.compile(r"[+(\d][\d()\-./ \t\u00a0]{5,}\d")
_PHONE_CONTEXT = ("phone", "telephone", "tel", "mobile", "cell", "cellphone", "call", "fax", "whatsapp", "contact",
                  "landline", "ph", "mob", "telefon", "téléphone", "teléfono", "telefono", "numero", "número")
# Words that make a bare digit run a phone number when they come just before it, in the same clause or as the
# label line above it ("Phone:\n439 4166"). Multi-word entries are phrases: "text" or "reach" alone are too common.
_PHONE_CONTEXT_BEFORE = (
    "phone", "telephone", "tel", "mobile", "cell", "cellphone", "call", "called", "calling", "fax", "whatsapp",
    "contact", "landline", "ph", "mob", "desk", "hotline", "helpline", "voicemail", "sms", "answering", "dial",
    "text me", "text us", "message me", "messages to", "reach me", "reach us", "reach you", "ring me", "ring us",
    "telefon", "téléphone", "teléfono", "telefono", "phone number", "direct line", "switchboard", "extension")
# Labels written right after a number in contact blocks: "0380 7558505 office", "+41 53 147 37 99 fax".
_PHONE_LABEL_AFTER = re.compile(
    r"[ \t]*[\-–(/,]?[ \t]*(?:office|home|work|mobile|cell|fax|tel|phone|desk|landline|direct|main|mob)\b",
    re.IGNORECASE)
# A phone-shaped run: digit groups (one may be in parentheses) joined by single spaces, dots, dashes or slashes.
_PHONE_GROUP = r"(?:\(\d{1,5}\)|\d{1,12})"
_PHONE_SHAPE = re.compile(
    r"(?:(?<=[^\W\d_]:)|(?<![\w+\-./,:$€£¥₹#]))(?:\+ ?)?" + _PHONE_GROUP
    + r"(?:(?:[ .\-/]|(?<=\))|(?=\())" + _PHONE_GROUP + r"){0,7}"
    + r"(?:[ \t]?(?:x|ext\.?|extension)[ \t]?\d{1,6})?"  # an extension: "915-081-1530x7274", "… ext. 12"
    + r"(?![\w]|[.,\-/:]\d|%)", re.IGNORECASE)
_SSN_SHAPE = re.compile(r"\d{3}-\d{2}-\d{4}")
_YEAR = re.compile(r"(?:19|20)\d\d")
_CURRENCY_BEFORE = re.compile(r"(?:[$€£¥₹]|\b(?:usd|eur|gbp|rs|inr|chf|jpy|aud|cad))\s*$", re.IGNORECASE)
_UNIT_AFTER = re.compile(
    r"\s*(?:%|(?:usd|eur|gbp|dollars?|euros?|pounds|rupees|yen|km|kg|mb|gb|users|people|times|units|items|"
    r"votes|views|years|days|hours|minutes|seconds|miles|meters|metres)\b)", re.IGNORECASE)
_PHONE_CONTEXT_WINDOW = 32  # characters before a number searched for a phone word
# Between the phone word and the number: no sentence break, and no word saying the number is something else.
_PHONE_CLAUSE_BREAK = re.compile(r"[.!?](?=\s)|[;|]")
_PHONE_NOT_BETWEEN = re.compile(
    r"\b(?:id|ref|reference|order|ticket|case|invoice|account|acct|pin|code|serial|model|version|room|no\.? of)\b",
    re.IGNORECASE)
_PHONE_LABEL_LINE = re.compile(r"[ \t]*[:#\-]?[ \t]*\n[ \t]*")  # "Phone:\n439 4166"
_DIGIT_GROUPS = re.compile(r"\d+")
_PHONE_EXTENSION = re.compile(r"[ \t]?(?:x|ext\.?|extension)[ \t]?\d{1,6}$", re.IGNORECASE)
# A house number: the number is followed by a street name ("3348 84 Cassinia Street", "12 Main St").
_STREET_AFTER = re.compile(
    r"[ \t]+(?:[^\W\d_][\w'’\-]*[ \t]+){0,3}(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|way|"
    r"place|pl|court|ct|square|sq|terrace|parkway|pkwy|highway|hwy|strasse|straße|str|gasse|weg|platz|allee|rue|"
    r"calle|via|avenida|utca|ridge|hill|crescent|close|gardens|row|alley|trail|circle|cir|loop|path|walk)\b",
    re.IGNORECASE)
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

    def __init__(self, regions: Sequence[str] = DEFAULT_PHONE_REGIONS, international_score: float = 0.85,
                 national_score: float = 0.7, unformatted_score: float = 0.4, context_boost: float = 0.2,
                 context_score: float = 0.65, possible_score: float = 0.55) -> None:
        self.regions = tuple(regions)
        self.international_score = international_score
        self.national_score = national_score
        self.unformatted_score = unformatted_score
        self.context_boost = context_boost
        self.context_score = context_score
        self.possible_score = possible_score
        self._context = _context_regex(_PHONE_CONTEXT)
        self._context_before = _context_regex(_PHONE_CONTEXT_BEFORE)
        self._context_before_keys = _context_keys(_PHONE_CONTEXT_BEFORE)

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
        for last in self._context_before.finditer(text, lo, start):
            pass
        if last is None:
            return False
        between = text[last.end():start]
        if between.startswith("."):  # "Tel. 555 1234", "Ph. …"
            between = between[1:]
        if "\n" in between:
            return _PHONE_LABEL_LINE.fullmatch(between) is not None
        return _PHONE_CLAUSE_BREAK.search(between) is None and _PHONE_NOT_BETWEEN.search(between) is None

    def _contextual(self, text: str, covered: bytearray, best: dict[tuple[int, int], float]) -> None:
        """Ways 2 and 3 (see the class docstring); `covered` marks the characters way 1 already reported."""
        for m in _PHONE_SHAPE.finditer(text):
            start, end = m.span()
            raw = m.group()
            international = raw.startswith("+")
            if any(covered[start:end]) and not international:
                continue  # way 1 found a valid number here: its boundaries are the better ones
            ext = _PHONE_EXTENSION.search(raw)
            digits = v.digits_of(raw[:ext.start()] if ext else raw)
            n = len(digits)
            if not 6 <= n <= 15 or raw.count("(") != raw.count(")"):
                continue
            if not international:
                groups = _DIGIT_GROUPS.findall(raw[:ext.start()] if ext else raw)
                if (_NOT_PHONE.fullmatch(raw.strip("() ")) or _SSN_SHAPE.fullmatch(raw)
                        or all(_YEAR.fullmatch(g) for g in groups)  # "2019-2020", "1990 2000"
                        or (n >= 13 and v.luhn(digits))):  # a payment card
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

    def analyze(self, text: str) -> list[Span]:
        if not _has_digit(text):
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
                    has_context = (_context_near(self._context, text, start, end, 50, 20)
                                   or self._phone_word_before(text, start)
                                   or _PHONE_LABEL_AFTER.match(text, end) is not None)
                    if not (international or has_context) and (len(v.digits_of(raw)) < 7
                                                               or _STREET_AFTER.match(text, end)):
                        continue  # "0422 69 Almond Place", "96047 3240 Meadow Drive": house numbers
                    if has_context:
                        score = min(1.0, score + self.context_boost)
                    if score > best.get((start, end), -1.0):
                        best[(start, end)] = score
        covered = bytearray(len(text))
        for start, end in best:
            covered[start:end] = b"\x01" * (end - start)
        self._contextual(text, covered, best)
        return _resolve_overlaps(self.entity, best)


def _possible_international(raw: str) -> bool:
    """"+CC …" with the right number of digits for country CC (libphonenumber's IS_POSSIBLE, not only
    IS_POSSIBLE_LOCAL_ONLY) and at least seven national digits."""
    try:
        number = phonenumbers.parse(raw, None)
    except phonenumbers.NumberParseException:
        return False
    if len(str(number.national_number)) < 7:
        return False
    return phonenumbers.is_possible_number_with_reason(number) == phonenumbers.ValidationResult.IS_POSSIBLE


# Honorifics. Cased ones ("Mr", "MR", "Dr.") are reported before a capitalised word; the lower-case forms
# only where they cannot be ordinary words: "mr"/"mrs"/"messrs" always, the others only with their dot ("dr.",
# "ms.": "ms word", "dr" for drive, "miss the bus" and "sir" in prose are not titles).
_TITLES_CASED = ("Mr", "Mrs", "Ms", "Mx", "Miss", "Messrs", "Mmes", "Dr", "Prof", "Sir", "Dame", "Lord", "Lady",
                 "Rev", "Revd", "Capt", "Cpt", "Lt", "Sgt", "Cpl", "Maj", "Col", "Cmdr", "Adm", "Fr", "Mme", "Mlle",
                 "Herr", "Frau")
_TITLES_DOT_ONLY = ("Hon", "Gen", "Gov", "Sen", "Rep", "Pres", "Insp", "Supt", "Det")  # "Hon Hai", "Gen Z", "Rep 3"
_TITLES_LOWER_BARE = ("mr", "mrs", "messrs")
_TITLES_LOWER_DOT = ("mr", "mrs", "ms", "mx", "dr", "prof", "messrs", "rev", "capt", "sgt", "lt")
# Case variants spelled out (Dr, DR, dr) rather than IGNORECASE: about a third faster to scan for.
_TITLE_CANDIDATE = re.compile(
    r"(?<![\w.\-'’])(" + "|".join(sorted({w for t in (*_TITLES_CASED, *_TITLES_DOT_ONLY)
                                           for w in (t, t.upper(), t.lower())}, key=len, reverse=True))
    + r")(\.?)(?=[ \t]+\S)")
_TITLE_NEXT = re.compile(r"[ \t]+(?:(?:and|&)[ \t]+)?([^\W\d_][\w'’\-]*)(\.?)")
_TITLE_KEYS = {t.lower(): t for t in (*_TITLES_CASED, *_TITLES_DOT_ONLY)}
# Lower-case words that follow a lower-case title in prose but are not names.
_TITLE_STOP = frozenset("a an the and or of to in on at for is was are be with by from as it this that".split())
_NOT_AFTER_TITLE = frozenset("apt apartment suite ste unit bldg building floor fl room rm".split())
# "12 Oak Dr. Springfield": a street type after a house number and a street name, not a title.
_STREET_BEFORE = re.compile(r"\d+[A-Za-z]?[ \t]+(?:[^\W\d_][\w'’\-]*[ \t]+){1,3}$")


def _caps_line_before(text: str, start: int) -> bool:
    """Is the text before `start` on its line (up to 40 characters) free of lower-case letters?"""
    line_start = text.rfind("\n", max(0, start - 40), start) + 1
    return not any(ch.islower() for ch in text[max(line_start, start - 40):start])


class TitleRecognizer:
    """TITLE: an honorific directly followed by something that looks like a name ("Dr. Savage", "Mrs Olson",
    "dr. emma tyndall", "Mr and Mrs Smith"). Only the honorific is reported; the name is PERSON's."""

    entity = "TITLE"
    entities = frozenset({entity})
    name = "title_recognizer"
    min_digits = 0

    def __init__(self, score: float = 0.65, lower_score: float = 0.6) -> None:
        self.score = score
        self.lower_score = lower_score

    def analyze(self, text: str) -> list[Span]:
        best: dict[tuple[int, int], float] = {}
        for m in _TITLE_CANDIDATE.finditer(text):
            word, dot = m.group(1), m.group(2)
            canonical = _TITLE_KEYS[word.lower()]
            nxt = _TITLE_NEXT.match(text, m.end())
            if nxt is None:
                continue
            following = nxt.group(1)
            if word == canonical or (word.isupper() and len(word) > 1):
                if canonical in _TITLES_DOT_ONLY and not dot:
                    continue
                if not following[0].isupper() or (len(following) == 1 and not nxt.group(2)):
                    continue  # "Dr. who?", "Gen Z": a name starts with a capital and is a word or an initial
                if word != canonical and not dot and not (following.isupper() and _caps_line_before(text, m.start())):
                    continue  # "MS Word", "Div DR ETF": capitals without a dot only in all-caps text ("MR JOHN SMITH")
                if following.lower() in _NOT_AFTER_TITLE:
                    continue  # "Sunset Dr Apt 5"
                score = self.score
            elif word.islower():
                low = word.lower()
                if not (low in _TITLES_LOWER_BARE or (dot and low in _TITLES_LOWER_DOT)):
                    continue
                if following.lower() in _TITLE_STOP or (len(following) == 1 and not nxt.group(2)):
                    continue
                score = self.lower_score
            else:
                continue  # "dR", "mR": not how anyone writes a title
            if canonical in ("Dr", "Fr") and _STREET_BEFORE.search(text, max(0, m.start() - 60), m.start()):
                continue  # "12 Oak Dr. Springfield", "Rue 5 Fr ..."
            start, end = m.start(), m.end()
            if score > best.get((start, end), -1.0):
                best[(start, end)] = score
        return _resolve_overlaps(self.entity, best)


# ==============================================================================================================
# Pattern definitions
# ==============================================================================================================

# --- EMAIL_ADDRESS --------------------------------------------------------------------------------------------

_EMAIL = pattern(
    r"(?<![\w.%+\-])[\w%+\-](?:[\w.%+\-]{0,63})@(?:[^\W_](?:[\w\-]{0,61}[^\W_])?\.)+[^\W\d_]{2,63}(?![\w\-])",
    0.8,
)


def _email_ok(value: str) -> bool | None:
    local, _, domain = value.rpartition("@")
    if len(value) > 254 or len(local) > 64 or ".." in local or local.endswith("."):
        return False
    return True


# --- URL --------------------------------------------------------------------------------------------------------

# TLDs that are accepted for a bare "name.tld" only when followed by a path: they double as English words or
# as attribute names in code ("user.id", "self.name", "look.at", "do.it").
_AMBIGUOUS_TLDS = ("id", "in", "is", "it", "at", "no", "me", "my", "us", "so", "to", "be", "am", "name", "info",
                   "app", "email", "pro", "page", "run", "new", "live", "one", "co")
# TLDs that are safe alone. Deliberately excludes file extensions that are also TLDs (zip, mov, py, sh, md, rs).
_STRONG_TLDS = (
    "com", "org", "net", "edu", "gov", "mil", "int", "io", "ai", "dev", "biz", "xyz", "online", "site", "tech",
    "store", "shop", "blog", "cloud", "tv", "uk", "de", "fr", "es", "nl", "ch", "se", "dk", "fi", "pl", "pt", "ie",
    "ru", "ua", "cn", "jp", "kr", "au", "nz", "ca", "br", "mx", "ar", "cl", "za", "ng", "ke", "eg", "tr", "gr",
    "cz", "sk", "hu", "ro", "bg", "hr", "si", "rs", "lt", "lv", "ee", "lu", "li", "sg", "hk", "tw", "th", "vn",
    "ph", "pk", "ae", "sa", "il", "ir", "eu", "asia", "mobi", "gg", "ly", "fm", "ac", "uk", "nu", "ws", "cc",
)
_TLD_STRONG_RE = "|".join(sorted(set(_STRONG_TLDS), key=len, reverse=True))
_TLD_AMBIG_RE = "|".join(sorted(set(_AMBIGUOUS_TLDS), key=len, reverse=True))
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
_URL_TAIL = r"""(?:[/?#][^\s<>"'`]*)"""
# A host must not end where an email's local part or domain continues ("…@mail.example.com", "info.de@x.com").
_HOST_END = r"(?![\w\-@]|\.[A-Za-z0-9\-])"

_URL_SCHEME = pattern(r"""(?i)\b(?:https?|ftps?|sftp|wss?)://[^\s<>"'`{}|\\^]+""", 0.9)
_URL_WWW = pattern(rf"""(?i)(?<![\w.@/\-])www\d{{0,3}}\.(?:{_LABEL}\.)*{_LABEL}{_HOST_END}(?::\d{{1,5}})?{_URL_TAIL}?""",
                   0.85)
_URL_BARE = pattern(
    rf"(?<![\w@.\-/:])(?:{_LABEL}\.)+(?:{_TLD_STRONG_RE}){_HOST_END}(?::\d{{1,5}})?{_URL_TAIL}?", 0.6)
_URL_BARE_AMBIGUOUS = pattern(rf"(?<![\w@.\-/:])(?:{_LABEL}\.)+(?:{_TLD_AMBIG_RE}){_HOST_END}(?::\d{{1,5}})?/[^\s<>\"'`]*",
                              0.55)

# Every URL pattern holds "://" or a dot followed by a host label or TLD: a sentence's full stop alone is not enough.
_URL_HINT = re.compile(r"://|\.[A-Za-z0-9]")

_TRAILING_PUNCT = ".,;:!?'\"*"


def _trim_url(value: str) -> str | None:
    """Drop sentence punctuation and unbalanced closing brackets from the end of a URL candidate."""
    while value:
        last = value[-1]
        if last in _TRAILING_PUNCT:
            value = value[:-1]
        elif last in ")]}" and value.count(last) > value.count({")": "(", "]": "[", "}": "{"}[last]):
            value = value[:-1]
        else:
            break
    return value if len(value) > 4 else None


def _url_ok(value: str) -> bool | None:
    host = value.split("://", 1)[-1].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    host = host.rsplit("@", 1)[-1].split(":", 1)[0]
    if not host or host.startswith(".") or ".." in host:
        return False
    if v.ip_address(host) or host == "localhost":
        return None
    tld = host.rsplit(".", 1)[-1]
    if "." not in host or not tld.isalpha() or len(tld) < 2:
        return False
    return None


# --- IP_ADDRESS / MAC_ADDRESS -------------------------------------------------------------------------------------

# Not after "hex:" so that the IPv4 tail of "::ffff:192.0.2.128" is not reported on its own.
_IPV4 = pattern(r"(?<![\w.])(?<![0-9A-Fa-f]:)(?:\d{1,3}\.){3}\d{1,3}(?!\w|\.\d)", 0.8)
_IPV6 = pattern(
    r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{1,4})?(?:%[\w.]+)?"
    r"(?![\w:]|\.\d)",
    0.85,
)


def _ipv4_ok(value: str) -> bool | None:
    return None if v.ip_address(value) else False


def _ipv6_ok(value: str) -> bool | None:
    addr = value.split("%", 1)[0]
    if len(addr) < 3 or ":" not in addr or addr.count(":") < 2:
        return False
    if not any(ch.isdigit() for ch in addr):  # "dead::beef" is valid but reads like code ("a::b")
        return False
    return None if v.ip_address(addr) else False


_MAC = pattern(r"(?<![\w:\-.])[0-9A-Fa-f]{2}([:\-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}(?![\w:\-]|\.\w)", 0.8)
_MAC_CISCO = pattern(r"(?<![\w.])[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}(?![\w.])", 0.6)


def _mac_ok(value: str) -> bool | None:
    hexes = re.sub(r"[^0-9A-Fa-f]", "", value)
    if len(hexes) != 12 or len(set(hexes.lower())) == 1:  # 00:00:… and ff:ff:… are placeholders, not devices
        return False
    return None


# --- CREDIT_CARD --------------------------------------------------------------------------------------------------

_CC_PATTERNS = (
    pattern(NUM_L + r"\d{13,19}" + NUM_R, 0.5),
    # 4-4-4-4(-3) with one consistent separator; 19-digit cards print a trailing group of 3.
    pattern(NUM_L + r"\d{4}([ \-])\d{4}\1\d{4}\1\d{4}(?:\1\d{3})?" + r"(?!\d)", 0.5),
    # Amex 4-6-5 and Diners 4-6-4.
    pattern(NUM_L + r"\d{4}([ \-])\d{6}\1\d{4,5}(?!\d)", 0.5),
)
# 12-digit Maestro cards ("587662702899", "5018 0307 5628"). One random 12-digit number in ten passes Luhn and
# twelve digits is also the length of order, invoice and Aadhaar numbers, so these are only reported with a card
# word nearby (and then with the full card score): see _credit_card_short().
_CC_SHORT_PATTERNS = (
    pattern(NUM_L + r"\d{12}" + NUM_R, 0.4),
    pattern(NUM_L + r"(?<!\d[ \-])\d{4}([ \-])\d{4}\1\d{4}" + r"(?!\d|[ \-]\d)", 0.4),
)


def _card_issuer_ok(d: str) -> bool:
    """Is the length right for the issuer that the leading digits (IIN) name? Public IIN ranges; private-label
    and regional schemes inside the 35/5x/6x blocks are accepted at their usual lengths (Luhn still applies)."""
    n = len(d)
    p2, p3, p4 = int(d[:2]), int(d[:3]), int(d[:4])
    if d[0] == "4":  # Visa
        return n in (13, 16, 19)
    if 51 <= p2 <= 55 or 2221 <= p4 <= 2720:  # Mastercard
        return n == 16
    if p2 in (34, 37):  # Amex
        return n == 15
    if 2200 <= p4 <= 2204:  # Mir
        return 16 <= n <= 19
    if 300 <= p3 <= 305 or p2 in (36, 38, 39) or p4 == 3095:  # Diners Club
        return 14 <= n <= 19
    if p2 == 35:  # JCB (3528–3589) and the other issuers of the 35 block
        return 16 <= n <= 19
    if p4 in (1800, 2131):  # JCB's original 15-digit ranges
        return n in (15, 16)
    if d[:4] == "0604":  # Maestro UK (ex-Switch)
        return 12 <= n <= 19
    if p4 == 9792:  # Troy
        return n == 16
    if p2 == 50 or 56 <= p2 <= 69:  # Maestro (12–19), Discover, UnionPay, RuPay, Verve
        return 12 <= n <= 19
    if p2 in (81, 82):  # UnionPay 81, RuPay 82
        return n == 16
    return False


def _credit_card_ok(value: str) -> bool:
    d = v.digits_of(value)
    if not 12 <= len(d) <= 19 or len(set(d)) == 1:
        return False
    return _card_issuer_ok(d) and v.luhn(d)


# --- IBAN -------------------------------------------------------------------------------------------------------

# Case-insensitive: IBANs typed into forms and chats are often lower-case; mod 97 keeps precision.
_IBAN = pattern(WORD_L + r"[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]){11,30}" + WORD_R, 0.5)


def _trim_iban(value: str) -> str | None:
    """Cut a greedy candidate ("DE89 3704 0044 0532 0130 00 AB12") at the country's IBAN length."""
    expected = v.IBAN_LENGTHS.get(value[:2].upper())
    if expected is None:
        return None
    count = 0
    for i, ch in enumerate(value):
        if ch != " ":
            count += 1
            if count == expected:
                rest = value[i + 1:]
                # Only at a boundary: the next character must be a separator, not more account characters.
                if rest and rest[0] != " ":
                    return None
                return value[: i + 1]
    return None


# --- CRYPTO -----------------------------------------------------------------------------------------------------

_BTC_BASE58 = pattern(r"(?<![\w])[13][1-9A-HJ-NP-Za-km-z]{25,34}(?![\w])", 0.5)
_BTC_BECH32 = pattern(r"(?<![\w])(?:bc1|BC1|tb1|TB1)[02-9ac-hj-np-zAC-HJ-NP-Z]{8,87}(?![\w])", 0.5)
_ETH = pattern(r"(?<![\w])0x[0-9a-fA-F]{40}(?![\w])", 0.7)


def _crypto_ok(value: str) -> bool | None:
    if value.startswith(("0x", "0X")):
        return v.eth_address(value)
    if value[:3].lower() in ("bc1", "tb1"):
        return v.btc_segwit(value)
    return v.btc_base58(value)


# --- DATE_TIME --------------------------------------------------------------------------------------------------

_ISO_DATETIME = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d{1,9})?)?(?:Z|[+\-]\d{2}(?::?\d{2})?)?)?"
)
_DATE_PATTERNS = (
    pattern(NUM_L + _ISO_DATETIME.pattern + r"(?![\w\-:])(?![.,]\d)", 0.6),
    # dd/mm/yyyy, mm/dd/yyyy, dd.mm.yyyy, dd-mm-yyyy (one consistent separator).
    pattern(NUM_L + r"\d{1,2}([/.\-])\d{1,2}\1\d{4}" + NUM_R, 0.5),
    # yyyy/mm/dd and yyyy.mm.dd
    pattern(NUM_L + r"\d{4}([/.])\d{1,2}\1\d{1,2}" + NUM_R, 0.5),
    # mm/dd/yy with slashes only: dots and dashes with 2-digit years read like versions and ranges.
    pattern(r"(?<![\w/.\-])\d{1,2}/\d{1,2}/\d{2}(?![\w/]|[.,]\d)", 0.45),
    # Times: 2-digit hour, or any hour with am/pm ("9:30 am"); a bare "3:16" is more often a verse or a score.
    pattern(r"(?<![\w:.])(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,6})?)?(?:\s?[AaPp]\.?[Mm]\b\.?)?(?![\w:])",
            0.55),
    pattern(r"(?<![\w:.])\d:[0-5]\d(?::[0-5]\d)?\s?[AaPp]\.?[Mm]\b\.?", 0.6),
)
# Each of those holds a digit, a separator and a digit in a row ("05/", "-01", "9:3").
_DATE_HINT = re.compile(r"\d[/.:\-]\d")
_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})$")
_YMD = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")


def _date_ok(value: str) -> bool | None:
    """True for a real calendar date (confirmed), None for a well-formed time of day, False otherwise."""
    m = _ISO_DATETIME.fullmatch(value)
    if m:
        year = int(m["y"])
        if not (1800 <= year <= 2199 and v.is_real_date(year, int(m["m"]), int(m["d"]))):
            return False
        if m["H"] is not None:
            return v.time_of_day(int(m["H"]), int(m["M"]), int(m["S"] or 0))
        return True
    m = _YMD.match(value)
    if m:
        y, mo, d = (int(x) for x in m.groups())
        return 1800 <= y <= 2199 and v.is_real_date(y, mo, d)
    m = _DMY.match(value)
    if m:
        a, b, y = (int(x) for x in m.groups())
        if len(m[3]) == 2:
            y += 2000 if y < 50 else 1900
        elif not 1800 <= y <= 2199:
            return False
        return v.is_real_date(y, b, a) or v.is_real_date(y, a, b)  # day-first or month-first
    # Times: the regex already bounded hours/minutes/seconds; nothing more to confirm.
    return None if ":" in value else False


# --- ZIP_CODE ---------------------------------------------------------------------------------------------------

_US_STATES = ("AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC "
              "ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR VI GU AS MP").split()
_US_STATE_NAMES = (
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida",
    "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine",
    "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada",
    "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma",
    "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah",
    "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming", "District of Columbia",
    "Puerto Rico")
_CA_PROVINCES = "AB BC MB NB NL NS NT NU ON PE QC SK YT".split()
_ZIP_R = r"(?![\w\-]|[.,]\d)"
_CA_POSTAL = r"[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d"
_state_names = "|".join(sorted({*_US_STATE_NAMES, *(n.upper() for n in _US_STATE_NAMES)}, key=len, reverse=True))
# Two-letter codes count in upper case after a comma or after a word in lower case ("Springfield IL"); all-caps
# prose has "IN 12345" and "OR 12345". Military mail: "APO AE 09012".
_after_code = r"(?:(?<=,)|(?<=,[ \t])|(?<=[a-zà-ÿ][ \t])|(?<=\b[AFD]PO[ \t]))"
# What must end right before a US ZIP ("…, CA ", "Texas ", "NEW YORK, ") and before a Canadian postal code.
_US_STATE_BEFORE = re.compile(
    r"(?:" + _after_code + r"(?:" + "|".join(_US_STATES + ["AA", "AE", "AP"]) + r")|(?<![\w\-])(?:" + _state_names
    + r"),?)[ \t]{1,2}\Z")
_CA_PROVINCE_BEFORE = re.compile(_after_code + r"(?:" + "|".join(_CA_PROVINCES) + r")[ \t]{1,2}\Z")
_US_ZIP = re.compile(NUM_L + r"\d{5}(?:-\d{4})?" + _ZIP_R)
_CA_POSTAL_RE = re.compile(WORD_L + _CA_POSTAL + WORD_R)
# Any country's code after an explicit label: "ZIP: 4032", "zip code is 97400", "Postal code 6250-120", "PLZ 10115",
# "postcode: 1012 AB", "CEP 01310-100". The label and the code must be on the same line.
_ZIP_LABELLED = re.compile(
    r"(?i)(?<![^\W\d_])(?<!\.)(?:zip|zipcode|postal|postcode|post[ \-]code|postleitzahl|plz|code[ \-]postal|"
    r"c[oó]digo[ \-]postal|cep|eircode)(?:[^\S\n]*(?:codes?|number|no\.?|is|was|:|#|=|-)){0,3}[^\S\n]*"
    r"(?P<v>\d{5}-\d{3,4}|\d{4}-\d{3}|\d{3}-\d{4}|\d{2}-\d{3}|\d{3} \d{2}|\d{4} ?[A-Z]{2}|" + _CA_POSTAL
    + r"|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[\dW] ?[A-Z\d]{4}|\d{4,6})" + _ZIP_R)
_ZIP_LABEL_KEYS = ("zip", "post", "plz", "cep", "eircode", "código", "codigo", "code postal", "code-postal")


# UK postcodes by their strict format (a known postcode area, BS 7666 letters; see validators.uk_postcode), in
# capitals with or without the space, in lower case only with it ("sw1a 1aa"; "ab12cd"-like tokens are identifiers).
_UK_POSTCODE_RE = re.compile(WORD_L + r"(?:[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[a-z]{1,2}\d[a-z\d]? \d[a-z]{2})" + WORD_R)


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

    def __init__(self, labelled_score: float = 0.8, state_score: float | None = None,
                 uk_score: float | None = None) -> None:
        self.labelled_score = labelled_score
        self.state_score = state_score
        self.uk_score = uk_score

    def analyze(self, text: str) -> list[Span]:
        if not _has_digit(text):
            return []
        best: dict[tuple[int, int], float] = {}
        low = _lowered(text)
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
            for m in _UK_POSTCODE_RE.finditer(text):
                if m.span() not in best and v.uk_postcode(m.group()):
                    best[m.span()] = self.uk_score
        return _resolve_overlaps(self.entity, best)


# ==============================================================================================================
# Factory
# ==============================================================================================================


def _email() -> PatternRecognizer:
    return PatternRecognizer("EMAIL_ADDRESS", [_EMAIL], validator=_email_ok, confirmed_score=0.95,
                             context=("email", "e-mail", "mail", "contact"), context_boost=0.05,
                             prefilter=lambda t: "@" in t)


def _url() -> PatternRecognizer:
    return PatternRecognizer("URL", [_URL_SCHEME, _URL_WWW, _URL_BARE, _URL_BARE_AMBIGUOUS], validator=_url_ok,
                             refine=_trim_url, context=("url", "website", "site", "link", "web", "homepage",
                                                        "visit", "page"),
                             context_boost=0.2, prefilter=_URL_HINT.search)


def _ip() -> list[PatternRecognizer]:
    context = ("ip", "ip address", "ipv4", "ipv6", "address", "host", "server", "client", "gateway", "dns")
    # Dotted quads after "version"/"v" are version numbers ("v1.2.3.4").
    negative = ("version", "ver", "v", "release", "build")
    return [
        PatternRecognizer("IP_ADDRESS", [_IPV4], validator=_ipv4_ok, context=context, context_boost=0.15,
                          negative_context=negative, context_before=12, prefilter=lambda t: "." in t,
                          name="ipv4_recognizer"),
        PatternRecognizer("IP_ADDRESS", [_IPV6], validator=_ipv6_ok, context=context, context_boost=0.1,
                          prefilter=lambda t: ":" in t, name="ipv6_recognizer"),
    ]


def _mac() -> PatternRecognizer:
    return PatternRecognizer("MAC_ADDRESS", [_MAC, _MAC_CISCO], validator=_mac_ok,
                             context=("mac", "mac address", "hardware address", "ethernet", "wifi", "bssid", "nic"),
                             context_boost=0.15)


_CARD_CONTEXT = ("card", "credit", "debit", "visa", "mastercard", "amex", "cc", "payment", "pan", "cvv", "expiry",
                 "maestro", "jcb", "discover", "unionpay", "diners")


def _credit_card() -> PatternRecognizer:
    return PatternRecognizer("CREDIT_CARD", _CC_PATTERNS, validator=_credit_card_ok, confirmed_score=0.95,
                             context=_CARD_CONTEXT, context_boost=0.05)


def _credit_card_short() -> PatternRecognizer:
    """12-digit cards: checksum and issuer as above, but only with a card word in the clause (requires_context)."""
    return PatternRecognizer("CREDIT_CARD", _CC_SHORT_PATTERNS, validator=_credit_card_ok, confirmed_score=0.9,
                             context=_CARD_CONTEXT, context_boost=0.05, requires_context=True,
                             name="credit_card_12_recognizer")


def _iban() -> PatternRecognizer:
    return PatternRecognizer("IBAN_CODE", [_IBAN], validator=v.iban, refine=_trim_iban, confirmed_score=0.95,
                             context=("iban", "bank", "account", "transfer", "swift", "bic"), context_boost=0.05)


def _crypto() -> PatternRecognizer:
    return PatternRecognizer("CRYPTO", [_BTC_BASE58, _BTC_BECH32, _ETH], validator=_crypto_ok, confirmed_score=0.95,
                             context=("wallet", "bitcoin", "btc", "ethereum", "eth", "crypto", "address", "send"),
                             context_boost=0.1)


def _date_time() -> PatternRecognizer:
    return PatternRecognizer("DATE_TIME", _DATE_PATTERNS, validator=_date_ok, confirmed_score=0.8,
                             context=("date", "time", "born", "dob", "birth", "on", "at", "since", "until",
                                      "appointment", "created", "updated", "timestamp"),
                             context_boost=0.2, context_before=20, context_after=0, prefilter=_DATE_HINT.search)


def _us() -> list[PatternRecognizer]:
    ssn_ctx = ("ssn", "social security", "social security number", "ss#", "ssn#", "soc sec")
    dl_ctx = ("driver", "driver's", "drivers", "driving", "licence", "license", "dl", "dl#", "lic", "lic#", "dmv",
              "permit")
    return [
        PatternRecognizer(
            "US_SSN",
            [pattern(NUM_L + r"\d{3}-\d{2}-\d{4}" + NUM_R, 0.65),
             pattern(NUM_L + r"\d{3} \d{2} \d{4}" + NUM_R, 0.45),
             pattern(NUM_L + r"\d{3}\.\d{2}\.\d{4}" + NUM_R, 0.4, requires_context=True),
             pattern(NUM_L + r"\d{9}" + NUM_R, 0.5, requires_context=True)],
            validator=structure_only(v.us_ssn), context=ssn_ctx, context_boost=0.3),
        PatternRecognizer(
            "US_ITIN",
            [pattern(NUM_L + r"9\d{2}([- ]?)\d{2}\1\d{4}" + NUM_R, 0.5)],
            validator=structure_only(v.us_itin), requires_context=True, context_boost=0.35,
            context=("itin", "individual taxpayer", "taxpayer identification", "tax id", "taxid", "tin")),
        PatternRecognizer(
            "US_PASSPORT",
            [pattern(NUM_L + r"\d{9}" + NUM_R, 0.45), pattern(WORD_L + r"[A-Z]\d{8}" + WORD_R, 0.5)],
            requires_context=True, context_boost=0.35, context=("passport", "passport#", "passport no",
                                                                "travel document")),
        PatternRecognizer(
            "US_DRIVER_LICENSE",
            [pattern(WORD_L + r"[A-Z]{1,2}\d{4,14}" + WORD_R, 0.45),
             pattern(WORD_L + r"[A-Z]\d{3}-\d{3}-\d{2}-\d{3}-\d" + WORD_R, 0.5),  # FL
             pattern(WORD_L + r"[A-Z]\d{3}-\d{4}-\d{4}" + WORD_R, 0.5),  # IL, WI
             pattern(NUM_L + r"\d{3} \d{3} \d{3}" + NUM_R, 0.4),  # NY printed
             pattern(NUM_L + r"\d{7,12}" + NUM_R, 0.4)],
            requires_context=True, context_boost=0.35, context_before=40, context=dl_ctx),
        # Forms and chats often lower-case the value ("my driver's license number is yo0047868"). Lower case is
        # also how file names, paths and hashes look ("src/mt19937/LICENSE"), so here the licence word must come
        # before the value, and the value must not touch a slash or a dot.
        PatternRecognizer(
            "US_DRIVER_LICENSE",
            [pattern(r"(?<![\w\-/.])(?:[a-z][A-Za-z]?|[A-Z][a-z])\d{4,14}(?![\w\-/]|\.\w)", 0.45)],
            requires_context=True, context_boost=0.35, context_before=40, context_after=0, context=dl_ctx,
            name="us_driver_license_lower_recognizer"),
        PatternRecognizer(
            "US_BANK_NUMBER",
            [pattern(NUM_L + r"\d{8,17}" + NUM_R, 0.4)],
            requires_context=True, context_boost=0.35, context_before=40,
            context=("account", "acct", "a/c", "bank", "checking", "savings", "account#", "acct#", "deposit")),
        PatternRecognizer(
            "ABA_ROUTING_NUMBER",
            [pattern(NUM_L + r"\d{9}" + NUM_R, 0.4), pattern(NUM_L + r"\d{4}-\d{4}-\d" + NUM_R, 0.4)],
            validator=v.aba_routing, confirmed_score=0.6, requires_context=True, context_boost=0.35,
            context=("routing", "aba", "rtn", "transit", "routing#", "aba#", "bank")),
        PatternRecognizer(
            "MEDICAL_LICENSE",
            [pattern(WORD_L + r"[ABCDEFGHJKLMPRSTUX][A-Z9]\d{7}" + WORD_R, 0.3)],
            validator=v.dea_number, confirmed_score=0.5, requires_context=True, checksum_overrides_context=True,
            context_boost=0.45, context=("dea", "medical", "license", "licence", "prescriber", "physician",
                                         "doctor", "dr", "registration", "md")),
    ]


def _uk() -> list[PatternRecognizer]:
    return [
        PatternRecognizer(
            "UK_NHS", [pattern(NUM_L + r"\d{3}([ \-]?)\d{3}\1\d{4}" + NUM_R, 0.4)],
            validator=v.uk_nhs, confirmed_score=0.55, requires_context=True, context_boost=0.4,
            context=("nhs", "national health", "health service", "nhs number", "nhs no", "patient")),
        PatternRecognizer(
            "UK_NINO",
            [pattern(WORD_L + r"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]" + WORD_R, 0.6)],
            validator=structure_only(v.uk_nino), context_boost=0.3,
            context=("nino", "national insurance", "ni number", "ni no", "insurance number")),
    ]


def _es() -> list[PatternRecognizer]:
    ctx = ("nif", "dni", "nie", "documento", "identidad", "fiscal", "tax id", "extranjero")
    return [
        PatternRecognizer("ES_NIF", [pattern(NUM_L + r"\d{8}-?[A-Z]" + WORD_R, 0.4)], validator=v.es_nif,
                          confirmed_score=0.75, context=ctx, context_boost=0.2),
        PatternRecognizer("ES_NIE", [pattern(WORD_L + r"[XYZ]-?\d{7}-?[A-Z]" + WORD_R, 0.4)], validator=v.es_nie,
                          confirmed_score=0.85, context=ctx, context_boost=0.15),
    ]


def _it() -> list[PatternRecognizer]:
    dig = "[0-9LMNP-V]"
    return [
        PatternRecognizer(
            "IT_FISCAL_CODE",
            [pattern(WORD_L + rf"[A-Z]{{6}}{dig}{{2}}[ABCDEHLMPRST]{dig}{{2}}[A-Z]{dig}{{3}}[A-Z]" + WORD_R, 0.5)],
            validator=v.it_fiscal_code, confirmed_score=0.95, context=("codice fiscale", "cf", "fiscal code"),
            context_boost=0.05),
        PatternRecognizer(
            "IT_VAT_CODE",
            [pattern(WORD_L + r"IT ?\d{11}" + NUM_R, 0.5),
             pattern(NUM_L + r"\d{11}" + NUM_R, 0.4, requires_context=True)],
            validator=v.it_vat, confirmed_score=0.6, context_boost=0.35,
            context=("partita iva", "p.iva", "p. iva", "piva", "iva", "vat", "vat number")),
        PatternRecognizer(
            "IT_DRIVER_LICENSE",
            [pattern(WORD_L + r"(?:[A-Z]{2}\d{7}[A-Z]|U1[A-Z0-9]{7}[A-Z])" + WORD_R, 0.45)],
            requires_context=True, context_boost=0.4, context=("patente", "patente di guida", "driving licence",
                                                               "driver license", "licenza di guida")),
        PatternRecognizer(
            "IT_PASSPORT", [pattern(WORD_L + r"[A-Z]{2}\d{7}" + WORD_R, 0.45)], requires_context=True,
            context_boost=0.4, context=("passaporto", "passport", "passaporto elettronico")),
        PatternRecognizer(
            "IT_IDENTITY_CARD",
            [pattern(WORD_L + r"[A-Z]{2} ?\d{7}" + WORD_R, 0.45),
             pattern(WORD_L + r"\d{7}[A-Z]{2}" + WORD_R, 0.45),
             pattern(WORD_L + r"[A-Z]{2}\d{5}[A-Z]{2}" + WORD_R, 0.45)],
            requires_context=True, context_boost=0.4,
            context=("carta d'identità", "carta di identità", "carta d'identita", "carta identità", "cie",
                     "identity card", "documento di identità", "documento d'identità")),
    ]


def _asia_pacific() -> list[PatternRecognizer]:
    return [
        PatternRecognizer(
            "SG_NRIC_FIN", [pattern(WORD_L + r"[STFGM]\d{7}[A-Z]" + WORD_R, 0.4)], validator=v.sg_nric_fin,
            confirmed_score=0.9, context=("nric", "fin", "ic", "identity card", "uin"), context_boost=0.1),
        PatternRecognizer(
            "SG_UEN",
            [pattern(NUM_L + r"\d{8}[A-Z]" + WORD_R, 0.3, requires_context=True),
             pattern(NUM_L + r"(?:18|19|20)\d{7}[A-Z]" + WORD_R, 0.6),
             pattern(WORD_L + r"[TSR]\d{2}[A-Z]{2}\d{4}[A-Z]" + WORD_R, 0.85)],
            validator=v.sg_uen, confirmed_score=0.5, context_boost=0.35,
            context=("uen", "unique entity number", "business registration", "acra", "company registration")),
        PatternRecognizer(
            "AU_ABN", [pattern(NUM_L + r"\d{2} ?\d{3} ?\d{3} ?\d{3}" + NUM_R, 0.4)], validator=v.au_abn,
            confirmed_score=0.75, context=("abn", "australian business number", "business number"),
            context_boost=0.2),
        PatternRecognizer(
            "AU_ACN", [pattern(NUM_L + r"\d{3}([ \-]?)\d{3}\1\d{3}" + NUM_R, 0.4)], validator=v.au_acn,
            confirmed_score=0.6, requires_context=True, context_boost=0.35,
            context=("acn", "australian company number", "company number")),
        PatternRecognizer(
            "AU_TFN", [pattern(NUM_L + r"\d{3}([ \-]?)\d{3}\1\d{2,3}" + NUM_R, 0.4)], validator=v.au_tfn,
            confirmed_score=0.6, requires_context=True, context_boost=0.35, context=("tfn", "tax file number")),
        PatternRecognizer(
            "AU_MEDICARE", [pattern(NUM_L + r"[2-6]\d{3} ?\d{5} ?\d(?:[ /-]?[1-9])?" + NUM_R, 0.4)],
            validator=v.au_medicare, confirmed_score=0.6, requires_context=True, context_boost=0.35,
            context=("medicare", "medicare card", "medicare number")),
        PatternRecognizer(
            "IN_PAN", [pattern(WORD_L + r"[A-Z]{3}[PCHFATBLJGK][A-Z]\d{4}[A-Z]" + WORD_R, 0.7)],
            validator=structure_only(v.in_pan), context=("pan", "permanent account number", "income tax"),
            context_boost=0.25),
        PatternRecognizer(
            "IN_AADHAAR",
            [pattern(NUM_L + r"[2-9]\d{3}([ \-])\d{4}\1\d{4}" + NUM_R, 0.4),
             pattern(NUM_L + r"[2-9]\d{11}" + NUM_R, 0.4, requires_context=True)],
            validator=v.in_aadhaar, confirmed_score=0.6, context_boost=0.35,
            context=("aadhaar", "aadhar", "uidai", "uid", "आधार")),
        PatternRecognizer(
            "IN_VEHICLE_REGISTRATION",
            [pattern(WORD_L + r"[A-Z]{2}[ \-]?\d{1,2}[ \-]?[A-Z]{1,3}[ \-]?(?!0000)\d{4}" + WORD_R, 0.55),
             pattern(NUM_L + r"\d{2}[ \-]?BH[ \-]?(?!0000)\d{4}[ \-]?[A-HJ-NP-Z]{1,2}" + WORD_R, 0.6)],
            validator=structure_only(v.in_vehicle_registration), context_boost=0.3,
            context=("vehicle", "registration", "rto", "number plate", "licence plate", "license plate", "car",
                     "bike", "reg no")),
        PatternRecognizer(
            "IN_VOTER", [pattern(WORD_L + r"[A-Z]{3}\d{7}" + WORD_R, 0.45)], requires_context=True,
            context_boost=0.4, context=("voter", "epic", "election", "electoral", "elector")),
        PatternRecognizer(
            "IN_PASSPORT", [pattern(WORD_L + r"[A-Z][1-9]\d ?\d{4}[1-9]" + WORD_R, 0.45)], requires_context=True,
            context_boost=0.4, context=("passport", "passport no", "indian passport")),
        PatternRecognizer(
            "IN_GSTIN", [pattern(NUM_L + r"\d{2}[A-Z]{5}\d{4}[A-Z][0-9A-Z]Z[0-9A-Z]" + WORD_R, 0.5)],
            validator=v.in_gstin, confirmed_score=0.95, context=("gstin", "gst", "gst number"), context_boost=0.05),
        PatternRecognizer(
            "KR_RRN", [pattern(NUM_L + r"\d{6}-?[1-4]\d{6}" + NUM_R, 0.45)], validator=v.kr_rrn,
            confirmed_score=0.85, requires_context=True, checksum_overrides_context=True, context_boost=0.4,
            context=("rrn", "resident registration", "주민등록번호", "주민번호")),
        PatternRecognizer(
            "KR_FRN", [pattern(NUM_L + r"\d{6}-?[5-8]\d{6}" + NUM_R, 0.45)], validator=v.kr_frn,
            confirmed_score=0.85, requires_context=True, checksum_overrides_context=True, context_boost=0.4,
            context=("frn", "foreigner registration", "외국인등록번호", "외국인번호")),
        PatternRecognizer(
            "KR_BRN",
            [pattern(NUM_L + r"\d{3}-\d{2}-\d{5}" + NUM_R, 0.4), pattern(NUM_L + r"\d{10}" + NUM_R, 0.3,
                                                                       requires_context=True)],
            validator=v.kr_brn, confirmed_score=0.6, context_boost=0.35,
            context=("brn", "business registration", "사업자등록번호", "사업자번호", "사업자")),
        PatternRecognizer(
            "KR_DRIVER_LICENSE", [pattern(NUM_L + r"\d{2}-?\d{2}-?\d{6}-?\d{2}" + NUM_R, 0.45)],
            validator=structure_only(v.kr_driver_license), requires_context=True, context_boost=0.4,
            context=("운전면허", "운전면허번호", "면허번호", "driver license", "driver's license", "driving licence")),
        PatternRecognizer(
            "KR_PASSPORT",
            [pattern(WORD_L + r"[MSROD]\d{3}[A-Z]\d{4}" + WORD_R, 0.45),
             pattern(WORD_L + r"[MSROD]\d{8}" + WORD_R, 0.4)],
            requires_context=True, context_boost=0.4, context=("passport", "여권", "여권번호")),
        PatternRecognizer(
            "TH_TNIN",
            [pattern(NUM_L + r"[1-8]-\d{4}-\d{5}-\d{2}-\d" + NUM_R, 0.85),
             pattern(NUM_L + r"[1-8]\d{12}" + NUM_R, 0.4, requires_context=True)],
            validator=v.th_tnin, confirmed_score=0.6, context_boost=0.35,
            context=("thai national id", "thai id", "tnin", "national id", "id card", "เลขประจำตัวประชาชน",
                     "เลขบัตรประชาชน")),
    ]


def _europe_other() -> list[PatternRecognizer]:
    return [
        PatternRecognizer(
            "PL_PESEL", [pattern(NUM_L + r"\d{11}" + NUM_R, 0.3)], validator=v.pl_pesel, confirmed_score=0.5,
            context=("pesel", "numer pesel"), context_boost=0.45),
        PatternRecognizer(
            "FI_PERSONAL_IDENTITY_CODE", [pattern(NUM_L + r"\d{6}[-+A-FU-Y]\d{3}[0-9A-FHJ-NPR-Y]" + WORD_R, 0.5)],
            validator=v.fi_hetu, confirmed_score=0.95, context=("henkilötunnus", "hetu", "personal identity code",
                                                                "henkilotunnus"), context_boost=0.05),
    ]


# --- National identifiers, tax and health numbers (Sweden, Turkey, Nigeria, South Africa, Canada, Germany, US,
# Philippines) ---------------------------------------------------------------------------------------------------
#
# Score policy, as for the packs above: a value confirmed by a check digit that random numbers rarely pass (a
# birth date *and* a check digit, or two check digits) is reported on its own; a single mod-10/mod-11 digit passes
# one number in ten, so a bare digit run that ordinary text is full of (9-13 digits: phones, orders, barcodes) is
# reported only with a context word in its clause (requires_context). Letter-and-digit formats without a check
# digit (plates, passports, licences) keep a base score below 0.5: a context word lifts them over the threshold.


def _national_ids() -> list[PatternRecognizer]:
    return [
        PatternRecognizer(
            "SE_PERSONNUMMER",
            [pattern(NUM_L + r"(?:18|19|20)\d{6}[-+]?\d{4}" + NUM_R, 0.4),
             pattern(NUM_L + r"\d{6}[-+]\d{4}" + NUM_R, 0.4),
             pattern(NUM_L + r"\d{10}" + NUM_R, 0.3, requires_context=True)],
            validator=v.se_personnummer, confirmed_score=0.75, context_boost=0.2,
            context=("personnummer", "personnr", "pnr", "svenskt personnummer", "samordningsnummer", "svensk id",
                     "personal identity number", "personal number", "swedish id")),
        PatternRecognizer(
            "SE_ORGANISATIONSNUMMER",
            [pattern(NUM_L + r"(?:16)?\d{6}-\d{4}" + NUM_R, 0.35),
             pattern(NUM_L + r"\d{10}" + NUM_R, 0.3, requires_context=True)],
            validator=v.se_organisationsnummer, confirmed_score=0.45, context_boost=0.45,
            context=("organisationsnummer", "orgnr", "org nr", "org.nr", "org. nr", "orgnummer", "företagsnummer",
                     "organisation number", "organization number", "corporate identity number")),
        PatternRecognizer(
            "TR_NATIONAL_ID", [pattern(NUM_L + r"[1-9]\d{10}" + NUM_R, 0.3)], validator=v.tr_tckn,
            confirmed_score=0.5, context_boost=0.45,  # two check digits: one random number in a hundred passes
            context=("tc kimlik", "t.c. kimlik", "kimlik", "kimlik no", "kimlik numarası", "tckn", "tc no",
                     "nüfus cüzdanı", "türk kimlik", "turkish id", "national id", "identity number")),
        PatternRecognizer(
            "NG_NIN", [pattern(NUM_L + r"\d{11}" + NUM_R, 0.3)], validator=v.ng_nin, confirmed_score=0.6,
            requires_context=True, context_boost=0.35,
            context=("nin", "national identification number", "national identity number", "nimc",
                     "national identity", "nigeria id", "nigerian id", "nigerian identification", "nin slip")),
        PatternRecognizer(
            "ZA_ID_NUMBER",
            [pattern(NUM_L + r"\d{10}[0-2][89]\d" + NUM_R, 0.3),
             pattern(NUM_L + r"\d{6}([ \-])\d{4}\1[0-2][89]\d" + NUM_R, 0.3)],
            validator=v.za_id_number, confirmed_score=0.7, context_boost=0.25,
            context=("id", "id number", "id no", "identity", "identity number", "south african id", "rsa id",
                     "sa id", "smart id", "national id", "identity document")),
        PatternRecognizer(
            "CA_SIN",
            [pattern(NUM_L + r"[1-79]\d{2}([ \-])\d{3}\1\d{3}" + NUM_R, 0.4),
             pattern(NUM_L + r"[1-79]\d{8}" + NUM_R, 0.3, requires_context=True)],
            validator=v.ca_sin, confirmed_score=0.45, context_boost=0.4,
            context=("sin", "sin number", "social insurance", "social insurance number", "nas",
                     "numéro d'assurance sociale", "assurance sociale")),
        PatternRecognizer(
            "DE_TAX_ID",
            [pattern(NUM_L + r"[1-9]\d{10}" + NUM_R, 0.3),
             pattern(NUM_L + r"[1-9]\d ?\d{3} ?\d{3} ?\d{3}" + NUM_R, 0.3)],
            validator=v.de_tax_id, confirmed_score=0.6, requires_context=True, context_boost=0.35,
            context=("steueridentifikationsnummer", "steuer-id", "steuerid", "steuer-idnr", "steuer idnr",
                     "steuerliche identifikationsnummer", "identifikationsnummer", "idnr", "id-nr",
                     "steuernummer", "bzst", "tax id", "tax identification number", "tin")),
        PatternRecognizer(
            "DE_SOCIAL_SECURITY",
            [pattern(WORD_L + r"\d{8}[A-Za-z]\d{3}" + WORD_R, 0.4),
             pattern(WORD_L + r"\d{2} \d{6} [A-Za-z] ?\d{3}" + WORD_R, 0.4)],
            validator=v.de_social_security, confirmed_score=0.85, context_boost=0.15,
            context=("rentenversicherungsnummer", "sozialversicherungsnummer", "versicherungsnummer", "rvnr",
                     "svnr", "sv-nummer", "rv-nummer", "rentenversicherung", "sozialversicherung",
                     "sozialversicherungsausweis", "deutsche rentenversicherung", "social security")),
        PatternRecognizer(
            "DE_VAT_ID",
            [pattern(WORD_L + r"(?:DE|de)\d{9}" + NUM_R, 0.45),
             pattern(WORD_L + r"DE[ .\-]?\d{3}([ .\-])\d{3}\1\d{3}" + NUM_R, 0.45),
             pattern(WORD_L + r"DE \d{9}" + NUM_R, 0.45)],
            validator=v.de_vat_id, confirmed_score=0.85, context_boost=0.3,
            context=("ust-idnr", "ust-id", "ustidnr", "ust-id-nr", "umsatzsteuer-identifikationsnummer",
                     "umsatzsteueridentifikationsnummer", "umsatzsteuer-id", "mehrwertsteuer", "vat", "vat id",
                     "vat number", "vat no", "vat reg")),
        PatternRecognizer(
            "US_NPI",
            [pattern(NUM_L + r"[12]\d{9}" + NUM_R, 0.3),
             pattern(NUM_L + r"[12]\d{3}([ \-])\d{3}\1\d{3}" + NUM_R, 0.3)],
            validator=v.us_npi, confirmed_score=0.6, requires_context=True, context_boost=0.35,
            context=("npi", "national provider", "national provider identifier", "provider", "provider id",
                     "prescriber", "taxonomy", "rendering", "physician", "npi#")),
        PatternRecognizer(
            "US_MBI",
            [pattern(WORD_L + r"\d[A-Za-z][A-Za-z\d]\d-[A-Za-z][A-Za-z\d]\d-[A-Za-z]{2}\d\d" + WORD_R, 0.55),
             pattern(WORD_L + r"\d[A-Za-z][A-Za-z\d]\d[A-Za-z][A-Za-z\d]\d[A-Za-z]{2}\d\d" + WORD_R, 0.4)],
            validator=structure_only(v.us_mbi), context_boost=0.35,
            context=("medicare", "mbi", "medicare beneficiary", "beneficiary", "medicare id", "medicare number",
                     "medicaid", "cms", "hicn")),
        PatternRecognizer(
            "PH_TIN",
            [pattern(NUM_L + r"\d{3}-\d{3}-\d{3}(?:-\d{3})?" + NUM_R, 0.3),
             pattern(NUM_L + r"(?:\d{9}|\d{12})" + NUM_R, 0.3)],
            validator=v.ph_tin, confirmed_score=0.6, requires_context=True, context_boost=0.35,
            context=("tin", "taxpayer identification number", "taxpayer identification", "bir", "taxpayer id",
                     "tax id", "tax identification number", "rdo")),
        PatternRecognizer(
            "UUID",
            [pattern(WORD_L + r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}" + WORD_R,
                     0.3)],
            validator=v.uuid, confirmed_score=0.6, context_boost=0.3,
            context=("uuid", "guid", "unique identifier"), prefilter=lambda t: "-" in t),
    ]


_PLATE_CONTEXT = ("license plate", "licence plate", "number plate", "registration plate", "plate number", "plate",
                  "vehicle registration", "vehicle", "registration", "reg no", "car")


def _germany() -> list[PatternRecognizer]:
    icao = r"[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ\d]{7}\d"
    return [
        PatternRecognizer(
            "DE_ID_CARD", [pattern(WORD_L + icao + WORD_R, 0.4, flags=re.IGNORECASE)],
            validator=v.de_document_number, confirmed_score=0.6, requires_context=True, context_boost=0.35,
            context=("personalausweis", "personalausweisnummer", "ausweis", "ausweisnummer", "ausweis-nr",
                     "ausweisdokument", "npa", "bundespersonalausweis", "identity card", "id card", "national id")),
        PatternRecognizer(
            "DE_PASSPORT", [pattern(WORD_L + icao + WORD_R, 0.4, flags=re.IGNORECASE)],
            validator=v.de_document_number, confirmed_score=0.6, requires_context=True, context_boost=0.35,
            context=("reisepass", "reisepassnummer", "pass", "passnummer", "pass-nr", "passport",
                     "passport number", "mrz")),
        PatternRecognizer(
            "DE_HEALTH_INSURANCE", [pattern(WORD_L + r"[A-Za-z]\d{9}" + WORD_R, 0.3)],
            validator=v.de_health_insurance, confirmed_score=0.6, requires_context=True, context_boost=0.35,
            context=("krankenversicherungsnummer", "krankenversichertennummer", "versichertennummer", "kvnr",
                     "krankenkasse", "krankenversicherung", "gesundheitskarte", "egk", "gkv",
                     "versichertenkarte", "versichertenausweis", "aok", "barmer", "dak", "tk", "health insurance")),
        PatternRecognizer(
            "DE_LANR", [pattern(NUM_L + r"\d{9}" + NUM_R, 0.3)], validator=v.de_lanr, confirmed_score=0.6,
            requires_context=True, context_boost=0.35,
            context=("lanr", "arztnummer", "lebenslange arztnummer", "arzt-nr", "arzt nr", "arzt-nummer",
                     "vertragsarzt", "kassenarzt", "kbv", "hausarzt", "facharzt", "rezept")),
        PatternRecognizer(
            "DE_BSNR", [pattern(NUM_L + r"\d{9}" + NUM_R, 0.3)], validator=structure_only(v.de_bsnr),
            requires_context=True, context_boost=0.4,
            context=("bsnr", "betriebsstättennummer", "betriebsstätten-nummer", "betriebsstätte",
                     "nebenbetriebsstätte", "hauptbetriebsstätte", "praxisnummer")),
        PatternRecognizer(
            "DE_TAX_NUMBER",
            [pattern(NUM_L + r"\d{13}" + NUM_R, 0.3),
             pattern(NUM_L + r"\d{2,3}/\d{3,4}/\d{4,5}" + NUM_R, 0.3)],
            validator=structure_only(v.de_tax_number), requires_context=True, context_boost=0.4,
            context=("steuernummer", "steuer-nr", "steuer nr", "st.-nr", "st-nr", "stnr", "finanzamt",
                     "tax number")),
        PatternRecognizer(
            "DE_FUEHRERSCHEIN",
            [pattern(WORD_L + r"(?=[A-Za-z\d]*\d)(?=[A-Za-z\d]*[A-Za-z])[A-Za-z\d]{11}" + WORD_R, 0.4)],
            requires_context=True, context_boost=0.35, context_after=15,
            context=("führerschein", "führerscheinnummer", "führerschein-nr", "fahrerlaubnis",
                     "fahrerlaubnisnummer", "driving licence", "driving license", "driver's license",
                     "driver's licence")),
        PatternRecognizer(
            "DE_HANDELSREGISTER", [pattern(r"(?<![\w\-])HR[AB] ?\d{1,6}(?![\w\-])", 0.55, flags=re.IGNORECASE)],
            context_boost=0.3,
            context=("handelsregister", "handelsregisternummer", "amtsgericht", "registergericht",
                     "registernummer", "eingetragen", "commercial register", "gmbh", "ohg", "firma")),
        PatternRecognizer(
            "DE_KFZ", [pattern(r"(?<![\w\-])[A-ZÄÖÜ]{1,3}[ \-][A-Z]{1,2}[ \-]\d{1,4}[EH]?(?![\w\-])", 0.4)],
            requires_context=True, context_boost=0.35,
            context=("kennzeichen", "kfz-kennzeichen", "kfz", "nummernschild", "fahrzeugkennzeichen",
                     "amtliches kennzeichen", "zulassung", "fahrzeug", "pkw", "lkw", "auto", *_PLATE_CONTEXT)),
        PatternRecognizer(
            "DE_PLZ", [pattern(NUM_L + r"\d{5}" + NUM_R, 0.3)], validator=structure_only(v.de_plz),
            requires_context=True, context_boost=0.4, context_before=25, context_after=0,
            context=("plz", "postleitzahl", "postanschrift", "postfach", "wohnort")),
    ]


def _uk_more() -> list[PatternRecognizer]:
    return [
        PatternRecognizer(
            "UK_DRIVING_LICENCE",
            [pattern(WORD_L + r"[A-Z9]{5}\d(?:[05][1-9]|[16][0-2])(?:0[1-9]|[12]\d|3[01])\d[A-Z9]{2}[A-Z\d][A-Z]{2}"
                     + WORD_R, 0.5, flags=re.IGNORECASE)],
            validator=structure_only(v.uk_driving_licence), context_boost=0.35,
            context=("driving licence", "driving license", "driver's licence", "driver's license", "dvla",
                     "dl number", "licence number", "license number", "licence")),
        PatternRecognizer(
            "UK_PASSPORT", [pattern(WORD_L + r"[A-Z]{2}\d{7}" + WORD_R, 0.4)], requires_context=True,
            context_boost=0.4, context=("passport", "passport number", "passport no", "uk passport",
                                        "british passport", "hm passport office", "hmpo", "travel document")),
        PatternRecognizer(
            "UK_POSTCODE", [Pattern(_UK_POSTCODE_RE, 0.4)], validator=structure_only(v.uk_postcode),
            context_boost=0.35, context_after=0,
            context=("postcode", "post code", "postal code", "zip", "zip code")),
        PatternRecognizer(
            "UK_VEHICLE_REGISTRATION",
            [pattern(WORD_L + r"[A-HJ-PR-Y]{2}\d{2} ?[A-HJ-PR-Z]{3}" + WORD_R, 0.35),
             pattern(WORD_L + r"[A-HJ-NPR-TV-Y]\d{1,3} ?[A-HJ-PR-Y][A-HJ-PR-Z]{2}" + WORD_R, 0.3,
                     requires_context=True),
             pattern(WORD_L + r"[A-HJ-PR-Z]{3} ?\d{1,3} ?[A-HJ-NPR-TV-Y]" + WORD_R, 0.3, requires_context=True)],
            validator=v.uk_vehicle_registration, confirmed_score=0.45, context_boost=0.35,
            context=("vrn", "dvla", "v5c", "logbook", "mot", "reg", *_PLATE_CONTEXT)),
    ]


def _passports_and_plates() -> list[PatternRecognizer]:
    return [
        PatternRecognizer(
            "ES_PASSPORT", [pattern(WORD_L + r"[A-Za-z]{3}\d{6}" + WORD_R, 0.4)], requires_context=True,
            context_boost=0.4, context=("pasaporte", "número de pasaporte", "passport", "passport number",
                                        "spanish passport")),
        PatternRecognizer(
            "PH_PASSPORT", [pattern(WORD_L + r"(?:[A-Z]\d{7}[A-Z]|[A-Z]{2}\d{7})" + WORD_R, 0.4)],
            requires_context=True, context_boost=0.4,
            context=("passport", "passport number", "passport no", "pasaporte", "dfa", "philippine passport",
                     "travel document")),
        PatternRecognizer(
            "ZA_PASSPORT", [pattern(WORD_L + r"[ADMT]\d{8}" + WORD_R, 0.4)], requires_context=True,
            context_boost=0.4, context=("passport", "passport number", "travel document", "dha",
                                        "south african passport", "rsa passport")),
        PatternRecognizer(
            "NG_VEHICLE_REGISTRATION", [pattern(WORD_L + r"[A-Z]{3}[\- ]?\d{3}[A-Z]{2}" + WORD_R, 0.4)],
            requires_context=True, context_boost=0.4, context=("frsc", *_PLATE_CONTEXT)),
        PatternRecognizer(
            "TR_LICENSE_PLATE",
            [pattern(NUM_L + r"(?:0[1-9]|[1-7]\d|8[01])([ \-]?)[A-PR-VYZ]{1,3}\1\d{2,4}" + NUM_R, 0.35)],
            validator=structure_only(v.tr_license_plate), requires_context=True, context_boost=0.4,
            context=("plaka", "plakası", "araç plakası", "plaka numarası", "araç", *_PLATE_CONTEXT)),
        PatternRecognizer(
            "ZA_LICENSE_PLATE",
            [pattern(WORD_L + r"[A-Z]{2,4} ?\d{2,4} ?(?:[A-Z]{1,3} ?)?(?:GP|ZN|WP|EC|NC|FS|LP|MP|NW)" + WORD_R, 0.35),
             pattern(WORD_L + r"\d{2,3} ?[A-Z]{2,3} ?EC" + WORD_R, 0.35),
             pattern(WORD_L + r"C[A-Z]{1,2} \d{3}(?:-\d{3}|\d{1,3})" + NUM_R, 0.35)],  # Western Cape: CA 123-456
            requires_context=True, context_boost=0.4, context=("natis", "enatis", *_PLATE_CONTEXT)),
        PatternRecognizer(
            "ZA_DRIVER_LICENSE",
            [pattern(WORD_L + r"(?=[A-Z\d]{10,14}(?![\w\-]))\d{6,10}(?=[A-Z\d]*[A-Z])[A-Z\d]{2,5}" + WORD_R, 0.4)],
            requires_context=True, context_boost=0.35,
            context=("driving licence", "driving license", "driver's licence", "driver's license",
                     "drivers licence", "drivers license", "licence number", "license number", "enatis",
                     "natis")),
        PatternRecognizer(
            "ZA_TRAFFIC_REGISTER_NUMBER", [pattern(NUM_L + r"\d{13}" + NUM_R, 0.3)],
            validator=structure_only(v.za_traffic_register_number), requires_context=True, context_boost=0.4,
            context=("traffic register", "traffic register number", "trn", "enatis", "natis")),
        PatternRecognizer(
            "ZA_COMPANY_REGISTRATION",
            [pattern(NUM_L + r"(?:18|19|20)\d{2}/\d{6}/\d{2}" + NUM_R, 0.5),
             pattern(WORD_L + r"(?:CK|NR|[KTWBMN])\d{4}/\d{6}" + NUM_R, 0.35, requires_context=True)],
            validator=structure_only(v.za_company_registration), context_boost=0.3,
            context=("cipc", "company registration", "registration number", "reg no", "close corporation",
                     "company reg", "enterprise number", "registered")),
        PatternRecognizer(
            "ZA_INCOME_TAX_NUMBER", [pattern(NUM_L + r"[01239]\d{9}" + NUM_R, 0.3)],
            validator=lambda value: True if v.luhn(value) else None, confirmed_score=0.6,
            requires_context=True, context_boost=0.35,
            context=("sars", "tax reference", "tax reference number", "income tax", "income tax number",
                     "tax number", "itr", "taxpayer", "efiling")),
        PatternRecognizer(
            "ZA_VAT_NUMBER", [pattern(NUM_L + r"4\d{9}" + NUM_R, 0.3)], requires_context=True, context_boost=0.4,
            context=("vat", "vat number", "vat no", "vat registration", "value added tax", "sars")),
        PatternRecognizer(
            "PH_UMID",
            [pattern(NUM_L + r"\d{4}-\d{7}-\d" + NUM_R, 0.45),
             pattern(NUM_L + r"\d{12}" + NUM_R, 0.3, requires_context=True)],
            context_boost=0.35,
            context=("umid", "crn", "common reference number", "sss", "gsis", "unified multi-purpose id",
                     "unified multipurpose id", "umid card")),
        PatternRecognizer(
            "CA_POSTAL_CODE",
            [pattern(WORD_L + r"[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] \d[ABCEGHJ-NPRSTV-Z]\d" + WORD_R, 0.4),
             pattern(WORD_L + r"[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\d[ABCEGHJ-NPRSTV-Z]\d" + WORD_R, 0.3)],
            context_boost=0.35, context_after=0,
            context=("postal code", "postcode", "post code", "code postal", "zip", "zip code")),
    ]


# --- US health-care administration numbers --------------------------------------------------------------------
# Payer-assigned numbers with no national syntax: found by their label ("Claim #: 12345678", "Rx 1234567",
# "prior authorization number PA-20240001"). A label with a number marker (#, no., number, id, ':') is enough on
# its own; the bare label followed by digits is a little weaker; a prefixed value alone ("CLM-123456") needs a
# context word in its clause.

_MARKER = r"[ \t]*(?:(?:#|no\.?|nr\.?|number|num\.?|id|ref\.?)[ \t]*[:#]?|[:#])[ \t]*"


def _labelled(label: str, value: str, flags: int = re.IGNORECASE) -> list[Pattern]:
    head = r"(?<![^\W\d_])(?:" + label + r")"
    return [pattern(head + _MARKER + r"(?P<v>" + value + r")" + NUM_R, 0.6, flags=flags, group="v"),
            pattern(head + r"[ \t]+(?P<v>" + value + r")" + NUM_R, 0.5, flags=flags, group="v")]


def _member_id_ok(value: str) -> bool | None:
    return None if sum(c.isdigit() for c in value) >= 4 else False


def _us_health() -> list[PatternRecognizer]:
    return [
        PatternRecognizer(
            "US_CLAIM_NUMBER",
            [*_labelled(r"(?:medical[ \t]+|healthcare[ \t]+|insurance[ \t]+)?claim", r"(?:CLM-?)?\d{6,15}"),
             pattern(WORD_L + r"CLM-?\d{6,15}" + NUM_R, 0.35, requires_context=True)],
            context_boost=0.3, prefilter=lambda t: "claim" in _lowered(t) or "CLM" in t,
            context=("claim", "billing", "insurance", "eob", "explanation of benefits", "payer", "reimbursement")),
        PatternRecognizer(
            "US_PRIOR_AUTHORIZATION_NUMBER",
            [*_labelled(r"prior[ \t]+auth(?:ori[sz]ation)?|pre-?auth(?:ori[sz]ation)?|authori[sz]ation",
                        r"(?:PA-?)?\d{6,12}"),
             pattern(WORD_L + r"PA-?\d{6,12}" + NUM_R, 0.35, requires_context=True)],
            context_boost=0.3, prefilter=lambda t: "auth" in _lowered(t) or "PA" in t,
            context=("authorization", "authorisation", "prior auth", "preauthorization", "pre-auth", "approval",
                     "payer", "insurance")),
        PatternRecognizer(
            "US_REFERRAL_NUMBER",
            [*_labelled(r"(?:infusion[ \t]+)?referral", r"(?:(?:REF|INF)-?)?\d{6,12}"),
             pattern(WORD_L + r"(?:REF|INF)-?\d{6,12}" + NUM_R, 0.35, requires_context=True)],
            context_boost=0.3, prefilter=lambda t: "referral" in _lowered(t) or "REF" in t or "INF" in t,
            context=("referral", "infusion", "specialist", "specialty", "referring")),
        PatternRecognizer(
            "US_PRESCRIPTION_NUMBER",
            [pattern(r"(?<![^\W\d_])rx(?:" + _MARKER + r"|[ \t]+)(?P<v>(?:RX-?)?\d{6,12})" + NUM_R, 0.6,
                     flags=re.IGNORECASE, group="v"),
             *_labelled(r"prescription", r"(?:RX-?)?\d{6,12}"),
             pattern(WORD_L + r"RX-?\d{6,12}" + NUM_R, 0.35, requires_context=True)],
            context_boost=0.3, prefilter=lambda t: "rx" in _lowered(t) or "prescription" in _lowered(t),
            context=("prescription", "pharmacy", "medication", "refill", "pharmacist", "rx")),
        PatternRecognizer(
            "US_PROVIDER_TAX_ID",
            [*_labelled(r"(?:(?:billing|rendering|servicing|referring|healthcare)[ \t]+)?provider(?:[ \t]+"
                        r"organi[sz]ation)?[ \t]+(?:tax[ \t]*(?:id|identification[ \t]+number|number)|tin|ein)",
                        r"\d{2}-\d{7}"),
             pattern(NUM_L + r"\d{2}-\d{7}" + NUM_R, 0.3, requires_context=True)],
            validator=structure_only(v.us_ein), context_boost=0.3, prefilter=lambda t: "-" in t,
            context=("provider", "billing provider", "rendering provider", "npi", "clinic", "practice",
                     "physician", "hospital")),
        PatternRecognizer(
            "US_HEALTH_INSURANCE_MEMBER_ID",
            [pattern(WORD_L + r"(?=[A-Z\d\-]{6,20}(?![\w\-]))[A-Z]{1,5}-?(?=[A-Z\d]*\d)[A-Z\d]{5,14}" + WORD_R, 0.4)],
            validator=_member_id_ok, requires_context=True, context_boost=0.35, context_after=0,
            context=("member id", "member", "member number", "subscriber", "subscriber id", "insurance",
                     "insurance id", "policy", "policy number", "insured", "health plan")),
    ]


_ZA_CONTEXT = ("south africa", "south african", "rsa", "za", "johannesburg", "joburg", "cape town", "durban",
               "pretoria", "soweto", "gauteng", "kwazulu-natal", "vodacom", "mtn", "cell c", "telkom")


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
    _MOBILE = frozenset({phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE})

    def __init__(self, international_score: float = 0.8, national_score: float = 0.35,
                 unformatted_score: float = 0.3, context_boost: float = 0.1, country_boost: float = 0.3) -> None:
        self.international_score = international_score
        self.national_score = national_score
        self.unformatted_score = unformatted_score
        self.context_boost = context_boost
        self.country_boost = country_boost
        self._context = _context_regex(_PHONE_CONTEXT)
        self._country = _context_regex(_ZA_CONTEXT)

    @staticmethod
    def _could_be_za(raw: str) -> bool:
        d = v.digits_of(raw)
        return ((raw.startswith("+") and d.startswith("27") and len(d) == 11)
                or (d.startswith("0027") and len(d) == 13) or (d.startswith("0") and len(d) == 10))

    def analyze(self, text: str) -> list[Span]:
        if not _has_digit(text):
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
                entity = "ZA_MOBILE_NUMBER" if kind in self._MOBILE else "ZA_TELEPHONE_NUMBER"
                start, end = w_start + match.start, w_start + match.end
                found = match.raw_string
                if found.startswith("+") or found.startswith("00"):
                    score = self.international_score
                elif found.isdigit():
                    score = self.unformatted_score
                else:
                    score = self.national_score
                if _context_near(self._context, text, start, end, 40, 20):
                    score += self.context_boost
                if score < self.international_score and self._country.search(
                        text, max(0, start - 80), min(len(text), end + 40)) is not None:
                    score += self.country_boost
                score = min(1.0, score)
                if score > best[entity].get((start, end), -1.0):
                    best[entity][(start, end)] = score
        spans = [*_resolve_overlaps("ZA_MOBILE_NUMBER", best["ZA_MOBILE_NUMBER"]),
                 *_resolve_overlaps("ZA_TELEPHONE_NUMBER", best["ZA_TELEPHONE_NUMBER"])]
        return sorted(spans, key=lambda s: s.start)


def new_country_recognizers() -> list[PatternRecognizer | ZaPhoneRecognizer]:
    """The recognizers for the Presidio 2.2.366 country types (and UUID) added together; see default_recognizers."""
    return [*_national_ids(), *_germany(), *_uk_more(), *_passports_and_plates(), *_us_health(), ZaPhoneRecognizer()]


AnyRecognizer = PatternRecognizer | PhoneRecognizer | TitleRecognizer | ZipCodeRecognizer | ZaPhoneRecognizer


def default_recognizers() -> list[AnyRecognizer]:
    """All built-in recognizers. Cheap to call: the regexes are compiled at import time."""
    return [
        _email(), _url(), *_ip(), _mac(), _credit_card(), _credit_card_short(), _iban(), _crypto(), PhoneRecognizer(),
        *_us(), *_uk(), *_es(), *_it(), *_asia_pacific(), *_europe_other(), *new_country_recognizers(), _date_time(),
        TitleRecognizer(),
        ZipCodeRecognizer(state_score=0.65, uk_score=0.6),  # inside an address, the engine keeps the address
    ]


class RecognizerSet:
    """Runs a list of recognizers over a text and returns their spans, without exact duplicates."""

    def __init__(self, recognizers: Iterable[AnyRecognizer]) -> None:
        self.recognizers = list(recognizers)
        self.supported_entities: frozenset[str] = frozenset().union(*(r.entities for r in self.recognizers))

    def analyze(self, text: str, entities: set[str] | frozenset[str] | None = None) -> list[Span]:
        if not text:
            return []
        best: dict[tuple[str, int, int], Span] = {}
        digits = digit_count(text)
        for recognizer in self.recognizers:
            if recognizer.min_digits > digits or (entities is not None and not (recognizer.entities & entities)):
                continue
            for span in recognizer.analyze(text):
                if entities is not None and span.type not in entities:
                    continue
                key = (span.type, span.start, span.end)
                if key not in best or span.score > best[key].score:
                    best[key] = span
        return sorted(best.values(), key=lambda s: (s.start, -s.end, s.type))


__all__ = [
    "DEFAULT_PHONE_REGIONS", "Pattern", "PatternRecognizer", "PhoneRecognizer", "RecognizerSet", "TitleRecognizer",
    "ZaPhoneRecognizer", "ZipCodeRecognizer",
    "default_recognizers", "new_country_recognizers", "pattern", "structure_only",
]
