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

from phonenumbers import Leniency, PhoneNumberMatcher

from piimask import validators as v
from piimask.spans import Span

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
    return _DIGIT.search(text) is not None


_DIGIT = re.compile(r"\d")


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
_CLAUSE_END = re.compile(r"[.!?](?=\s)|[\n;|]")


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

    def _needs_context(self, p: Pattern) -> bool:
        return self.requires_context if p.requires_context is None else p.requires_context

    def _near(self, regex: re.Pattern[str], text: str, start: int, end: int, after: bool = True) -> bool:
        return _context_near(regex, text, start, end, self.context_before, self.context_after if after else 0)

    def analyze(self, text: str) -> list[Span]:
        if self.prefilter is not None and not self.prefilter(text):
            return []
        # If no context word occurs anywhere, the context-only patterns cannot produce anything: skip them.
        context_anywhere: bool | None = None
        best: dict[tuple[int, int], float] = {}
        for p in self.patterns:
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
    """PHONE_NUMBER via libphonenumber's matcher: the number must be valid (in an assigned range) and, when
    written in national format, grouped the way that region groups it.

    The matcher is pure Python and slow (~50 µs a call), so it never sees the whole text: only a short window
    around each run of digits and separators, and only for the regions where the run's digit count and leading
    digit make a national number possible. International numbers ("+44 …", "0044 …") need one region."""

    entity = "PHONE_NUMBER"
    entities = frozenset({entity})
    name = "phone_recognizer"

    def __init__(self, regions: Sequence[str] = DEFAULT_PHONE_REGIONS, international_score: float = 0.85,
                 national_score: float = 0.7, unformatted_score: float = 0.4, context_boost: float = 0.2) -> None:
        self.regions = tuple(regions)
        self.international_score = international_score
        self.national_score = national_score
        self.unformatted_score = unformatted_score
        self.context_boost = context_boost
        self._context = _context_regex(_PHONE_CONTEXT)

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
                    if _context_near(self._context, text, start, end, 50, 20):
                        score = min(1.0, score + self.context_boost)
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


def _card_issuer_ok(d: str) -> bool:
    n = len(d)
    p2, p4 = int(d[:2]), int(d[:4])
    if d[0] == "4":  # Visa
        return n in (13, 16, 19)
    if 51 <= p2 <= 55 or 2221 <= p4 <= 2720:  # Mastercard
        return n == 16
    if p2 in (34, 37):  # Amex
        return n == 15
    if 2200 <= p4 <= 2204:  # Mir
        return 16 <= n <= 19
    if 300 <= int(d[:3]) <= 305 or p2 in (36, 38, 39) or p4 == 3095:  # Diners Club
        return 14 <= n <= 19
    if 3528 <= p4 <= 3589:  # JCB
        return 16 <= n <= 19
    if d[0] in "56":  # Maestro, Discover, UnionPay, RuPay
        return 12 <= n <= 19
    if p2 in (81, 82):  # UnionPay 81, RuPay 82
        return n == 16
    return False


def _credit_card_ok(value: str) -> bool:
    d = v.digits_of(value)
    if not 13 <= len(d) <= 19 or len(set(d)) == 1:
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
                             context_boost=0.2, prefilter=lambda t: "." in t)


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


def _credit_card() -> PatternRecognizer:
    return PatternRecognizer("CREDIT_CARD", _CC_PATTERNS, validator=_credit_card_ok, confirmed_score=0.95,
                             context=("card", "credit", "debit", "visa", "mastercard", "amex", "cc", "payment",
                                      "pan", "cvv", "expiry"),
                             context_boost=0.05, prefilter=_has_digit)


def _iban() -> PatternRecognizer:
    return PatternRecognizer("IBAN_CODE", [_IBAN], validator=v.iban, refine=_trim_iban, confirmed_score=0.95,
                             context=("iban", "bank", "account", "transfer", "swift", "bic"), context_boost=0.05,
                             prefilter=_has_digit)


def _crypto() -> PatternRecognizer:
    return PatternRecognizer("CRYPTO", [_BTC_BASE58, _BTC_BECH32, _ETH], validator=_crypto_ok, confirmed_score=0.95,
                             context=("wallet", "bitcoin", "btc", "ethereum", "eth", "crypto", "address", "send"),
                             context_boost=0.1)


def _date_time() -> PatternRecognizer:
    return PatternRecognizer("DATE_TIME", _DATE_PATTERNS, validator=_date_ok, confirmed_score=0.8,
                             context=("date", "time", "born", "dob", "birth", "on", "at", "since", "until",
                                      "appointment", "created", "updated", "timestamp"),
                             context_boost=0.2, context_before=20, context_after=0, prefilter=_has_digit)


def _us() -> list[PatternRecognizer]:
    ssn_ctx = ("ssn", "social security", "social security number", "ss#", "ssn#", "soc sec")
    return [
        PatternRecognizer(
            "US_SSN",
            [pattern(NUM_L + r"\d{3}-\d{2}-\d{4}" + NUM_R, 0.65),
             pattern(NUM_L + r"\d{3} \d{2} \d{4}" + NUM_R, 0.45),
             pattern(NUM_L + r"\d{3}\.\d{2}\.\d{4}" + NUM_R, 0.4, requires_context=True),
             pattern(NUM_L + r"\d{9}" + NUM_R, 0.5, requires_context=True)],
            validator=structure_only(v.us_ssn), context=ssn_ctx, context_boost=0.3, prefilter=_has_digit),
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
            requires_context=True, context_boost=0.35, context_before=40,
            context=("driver", "driver's", "drivers", "driving", "licence", "license", "dl", "dl#", "lic",
                     "lic#", "dmv", "permit")),
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


def default_recognizers() -> list[PatternRecognizer | PhoneRecognizer]:
    """All built-in recognizers. Cheap to call: the regexes are compiled at import time."""
    return [
        _email(), _url(), *_ip(), _mac(), _credit_card(), _iban(), _crypto(), PhoneRecognizer(),
        *_us(), *_uk(), *_es(), *_it(), *_asia_pacific(), *_europe_other(), _date_time(),
    ]


class RecognizerSet:
    """Runs a list of recognizers over a text and returns their spans, without exact duplicates."""

    def __init__(self, recognizers: Iterable[PatternRecognizer | PhoneRecognizer]) -> None:
        self.recognizers = list(recognizers)
        self.supported_entities: frozenset[str] = frozenset().union(*(r.entities for r in self.recognizers))

    def analyze(self, text: str, entities: set[str] | frozenset[str] | None = None) -> list[Span]:
        if not text:
            return []
        best: dict[tuple[str, int, int], Span] = {}
        for recognizer in self.recognizers:
            if entities is not None and not (recognizer.entities & entities):
                continue
            for span in recognizer.analyze(text):
                if entities is not None and span.type not in entities:
                    continue
                key = (span.type, span.start, span.end)
                if key not in best or span.score > best[key].score:
                    best[key] = span
        return sorted(best.values(), key=lambda s: (s.start, -s.end, s.type))


__all__ = [
    "DEFAULT_PHONE_REGIONS", "Pattern", "PatternRecognizer", "PhoneRecognizer", "RecognizerSet",
    "default_recognizers", "pattern", "structure_only",
]
