"""The types that are the same in every country: EMAIL_ADDRESS, URL, IP_ADDRESS, MAC_ADDRESS, CREDIT_CARD,
IBAN_CODE, CRYPTO, DATE_TIME and UUID. Each section holds a type's patterns, its validators and its builder."""

from __future__ import annotations

import re

from piimask import validators as v
from piimask.recognizers.base import NUM_L, NUM_R, WORD_L, WORD_R, PatternRecognizer, Recognizer, pattern


def recognizers() -> list[Recognizer]:
    return [
        _email(),
        _url(),
        *_ip(),
        _mac(),
        _credit_card(),
        _credit_card_short(),
        _iban(),
        _crypto(),
        *_date_time(),
        _uuid(),
    ]


# --- EMAIL_ADDRESS --------------------------------------------------------------------------------------------

_EMAIL = pattern(
    r"(?<![\w.%+\-])[\w%+\-](?:[\w.%+\-]{0,63})@(?:[^\W_](?:[\w\-]{0,61}[^\W_])?\.)+"
    r"(?:[^\W\d_]{2,63}|xn--[A-Za-z0-9\-]{1,59})(?![\w\-])",  # a TLD, or an internationalised one in punycode
    0.8,
)


def _email_ok(value: str) -> bool | None:
    local, _, domain = value.rpartition("@")
    if len(value) > 254 or len(local) > 64 or ".." in local or local.endswith("."):
        return False
    return True


def _email() -> PatternRecognizer:
    return PatternRecognizer(
        "EMAIL_ADDRESS",
        [_EMAIL],
        validator=_email_ok,
        confirmed_score=0.95,
        context=("email", "e-mail", "mail", "contact"),
        context_boost=0.05,
        prefilter=lambda t: "@" in t,
    )


# --- URL --------------------------------------------------------------------------------------------------------

# TLDs that are accepted for a bare "name.tld" only when followed by a path: they double as English words or
# as attribute names in code ("user.id", "self.name", "look.at", "do.it").
_AMBIGUOUS_TLDS = (
    "id",
    "in",
    "is",
    "it",
    "at",
    "no",
    "me",
    "my",
    "us",
    "so",
    "to",
    "be",
    "am",
    "name",
    "info",
    "app",
    "email",
    "pro",
    "page",
    "run",
    "new",
    "live",
    "one",
    "co",
)
# TLDs that are safe alone. Deliberately excludes file extensions that are also TLDs (zip, mov, py, sh, md, rs).
_STRONG_TLDS = (
    "com",
    "org",
    "net",
    "edu",
    "gov",
    "mil",
    "int",
    "io",
    "ai",
    "dev",
    "biz",
    "xyz",
    "online",
    "site",
    "tech",
    "store",
    "shop",
    "blog",
    "cloud",
    "tv",
    "uk",
    "de",
    "fr",
    "es",
    "nl",
    "ch",
    "se",
    "dk",
    "fi",
    "pl",
    "pt",
    "ie",
    "ru",
    "ua",
    "cn",
    "jp",
    "kr",
    "au",
    "nz",
    "ca",
    "br",
    "mx",
    "ar",
    "cl",
    "za",
    "ng",
    "ke",
    "eg",
    "tr",
    "gr",
    "cz",
    "sk",
    "hu",
    "ro",
    "bg",
    "hr",
    "si",
    "rs",
    "lt",
    "lv",
    "ee",
    "lu",
    "li",
    "sg",
    "hk",
    "tw",
    "th",
    "vn",
    "ph",
    "pk",
    "ae",
    "sa",
    "il",
    "ir",
    "eu",
    "asia",
    "mobi",
    "gg",
    "ly",
    "fm",
    "ac",
    "uk",
    "nu",
    "ws",
    "cc",
)
_TLD_STRONG_RE = "|".join(sorted(set(_STRONG_TLDS), key=len, reverse=True))
_TLD_AMBIG_RE = "|".join(sorted(set(_AMBIGUOUS_TLDS), key=len, reverse=True))
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
_URL_TAIL = r"""(?:[/?#][^\s<>"'`]*)"""
# A host must not end where an email's local part or domain continues ("…@mail.example.com", "info.de@x.com").
_HOST_END = r"(?![\w\-@]|\.[A-Za-z0-9\-])"

_URL_SCHEME = pattern(r"""(?i)\b(?:https?|ftps?|sftp|wss?)://[^\s<>"'`{}|\\^]+""", 0.9)
# "www." and at least a name and a TLD: "www.microsoft" alone is a word with a prefix, not a host.
_URL_WWW = pattern(
    rf"""(?i)(?<![\w.@/\-])www\d{{0,3}}\.(?:{_LABEL}\.)+{_LABEL}{_HOST_END}(?::\d{{1,5}})?{_URL_TAIL}?""", 0.85
)
_URL_BARE = pattern(rf"(?<![\w@.\-/:])(?:{_LABEL}\.)+(?:{_TLD_STRONG_RE}){_HOST_END}(?::\d{{1,5}})?{_URL_TAIL}?", 0.6)
_URL_BARE_AMBIGUOUS = pattern(
    rf"(?<![\w@.\-/:])(?:{_LABEL}\.)+(?:{_TLD_AMBIG_RE}){_HOST_END}(?::\d{{1,5}})?/[^\s<>\"'`]*", 0.55
)

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


def _url() -> PatternRecognizer:
    return PatternRecognizer(
        "URL",
        [_URL_SCHEME, _URL_WWW, _URL_BARE, _URL_BARE_AMBIGUOUS],
        validator=_url_ok,
        refine=_trim_url,
        context=("url", "website", "site", "link", "web", "homepage", "visit", "page"),
        context_boost=0.2,
        prefilter=_URL_HINT.search,
    )


# --- IP_ADDRESS / MAC_ADDRESS -------------------------------------------------------------------------------------

# A CIDR block is one address: "192.168.1.0/24" is masked whole. A prefix length the address family cannot have
# ("10.0.0.0/123") is not part of it.
_V4_PREFIX = r"(?:/(?:3[0-2]|[12]?\d)(?!\d))?"
_V6_PREFIX = r"(?:/(?:12[0-8]|1[01]\d|[1-9]?\d)(?!\d))?"
_IPV4 = pattern(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}" + _V4_PREFIX + r"(?!\w|\.\d)", 0.8)
# The first four parts of "192.168.1.1.1" (one more dotted number): an address followed by a typo, or a version
# or an OID's piece, so a low score.
_IPV4_FIVE_PARTS = pattern(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?=\.\d{1,3}(?![\w.]|\.\d))", 0.1)
_IPV6 = pattern(
    r"(?<![\w:.])(?=[:0-9A-Fa-f]*[0-9A-Fa-f])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{1,4})?"
    r"(?:%[\w.]+)?" + _V6_PREFIX + r"(?![\w:]|\.\d)",
    0.85,
)
# "::" alone, the unspecified address (as "::/0", the default route): also C++'s and Rust's path separator, so
# a low score, and never glued to a name.
_IPV6_UNSPECIFIED = pattern(r"(?<![\w:.])::" + _V6_PREFIX + r"(?![\w:.])", 0.1)


def _ip_ok(value: str) -> bool | None:
    """IPv4 or IPv6 (a zone id and a CIDR prefix length allowed; the regexes bounded the prefix already)."""
    addr = value.split("/", 1)[0]
    if ":" not in addr:
        return None if v.ip_address(addr) else False
    if addr == "::":
        return None
    addr = addr.split("%", 1)[0]
    if len(addr) < 3 or addr.count(":") < 2:
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


def _ip() -> list[PatternRecognizer]:
    """One recognizer for both families, so that the IPv4 tail of "::ffff:192.0.2.128" gives way to the whole
    address (overlaps within a recognizer keep the longest)."""
    context = (
        "ip",
        "ip address",
        "ipv4",
        "ipv6",
        "address",
        "host",
        "server",
        "client",
        "gateway",
        "dns",
        "subnet",
        "route",
        "cidr",
    )
    # Dotted quads after "version"/"v" are version numbers ("v1.2.3.4").
    negative = ("version", "ver", "v", "release", "build")
    return [
        PatternRecognizer(
            "IP_ADDRESS",
            [_IPV4, _IPV4_FIVE_PARTS, _IPV6, _IPV6_UNSPECIFIED],
            validator=_ip_ok,
            context=context,
            context_boost=0.15,
            negative_context=negative,
            context_before=12,
            prefilter=lambda t: "." in t or ":" in t,
            name="ip_recognizer",
        ),
    ]


def _mac() -> PatternRecognizer:
    return PatternRecognizer(
        "MAC_ADDRESS",
        [_MAC, _MAC_CISCO],
        validator=_mac_ok,
        context=("mac", "mac address", "hardware address", "ethernet", "wifi", "bssid", "nic"),
        context_boost=0.15,
    )


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
    if d[0] == "1":  # UATP (airline cards)
        return n == 15
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


_CARD_CONTEXT = (
    "card",
    "credit",
    "debit",
    "visa",
    "mastercard",
    "amex",
    "cc",
    "payment",
    "pan",
    "cvv",
    "expiry",
    "maestro",
    "jcb",
    "discover",
    "unionpay",
    "diners",
)


def _credit_card() -> PatternRecognizer:
    return PatternRecognizer(
        "CREDIT_CARD",
        _CC_PATTERNS,
        validator=_credit_card_ok,
        confirmed_score=0.95,
        context=_CARD_CONTEXT,
        context_boost=0.05,
    )


def _credit_card_short() -> PatternRecognizer:
    """12-digit cards: checksum and issuer as above, but only with a card word in the clause (requires_context)."""
    return PatternRecognizer(
        "CREDIT_CARD",
        _CC_SHORT_PATTERNS,
        validator=_credit_card_ok,
        confirmed_score=0.9,
        context=_CARD_CONTEXT,
        context_boost=0.05,
        requires_context=True,
        name="credit_card_12_recognizer",
    )


# --- IBAN -------------------------------------------------------------------------------------------------------

# Case-insensitive: IBANs typed into forms and chats are often lower-case; mod 97 keeps precision. Groups are
# separated by single spaces or dashes ("AL47-2121-1009-…"), one kind per IBAN.
_IBAN = pattern(WORD_L + r"[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]){11,30}" + WORD_R, 0.5)
_IBAN_DASHED = pattern(WORD_L + r"[A-Za-z]{2}\d{2}(?:-?[A-Za-z0-9]){11,30}" + WORD_R, 0.5)


def _trim_iban(value: str) -> str | None:
    """Cut a greedy candidate ("DE89 3704 0044 0532 0130 00 AB12") at the country's IBAN length."""
    expected = v.IBAN_LENGTHS.get(value[:2].upper())
    if expected is None:
        return None
    count = 0
    for i, ch in enumerate(value):
        if ch not in " -":
            count += 1
            if count == expected:
                rest = value[i + 1 :]
                # Only at a boundary: the next character must be a separator, not more account characters.
                if rest and rest[0] not in " -":
                    return None
                return value[: i + 1]
    return None


def _iban() -> PatternRecognizer:
    return PatternRecognizer(
        "IBAN_CODE",
        [_IBAN, _IBAN_DASHED],
        validator=v.iban,
        refine=_trim_iban,
        confirmed_score=0.95,
        context=("iban", "bank", "account", "transfer", "swift", "bic"),
        context_boost=0.05,
    )


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


def _crypto() -> PatternRecognizer:
    return PatternRecognizer(
        "CRYPTO",
        [_BTC_BASE58, _BTC_BECH32, _ETH],
        validator=_crypto_ok,
        confirmed_score=0.95,
        context=("wallet", "bitcoin", "btc", "ethereum", "eth", "crypto", "address", "send"),
        context_boost=0.1,
    )


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
    pattern(
        r"(?<![\w:.])(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,6})?)?(?:\s?[AaPp]\.?[Mm]\b\.?)?(?![\w:])", 0.55
    ),
    pattern(r"(?<![\w:.])\d:[0-5]\d(?::[0-5]\d)?\s?[AaPp]\.?[Mm]\b\.?", 0.6),
    # d.m.yy with dots ("21.5.21"): also how versions are written ("2.4.12"), so only with a date word.
    pattern(NUM_L + r"\d{1,2}\.\d{1,2}\.\d{2}" + NUM_R, 0.45, requires_context=True),
    # A month and a year or a day without the rest ("5/2021", "05/21"): fractions, scores and ratios look the same,
    # so these are never confirmed and stay below the threshold even with a date word.
    pattern(r"(?<![\w/.\-])\d{1,2}/\d{4}(?![\w/]|[.,]\d)", 0.2),
    pattern(r"(?<![\w/.\-])\d{1,2}/\d{2}(?![\w/]|[.,]\d)", 0.1),
)
# Each of those holds a digit, a separator and a digit in a row ("05/", "-01", "9:3").
_DATE_HINT = re.compile(r"\d[/.:\-]\d")
_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})$")
_YMD = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_PART = re.compile(r"(\d{1,2})/(\d{2}|\d{4})$")


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
    m = _PART.match(value)
    if m:  # month/year, month/day or day/month: a possible date, never a confirmed one
        a, b = int(m[1]), int(m[2])
        if len(m[2]) == 4:
            return None if 1 <= a <= 12 and 1800 <= b <= 2199 else False
        return None if (1 <= a <= 12 and b >= 1) or (1 <= b <= 12 and 1 <= a <= 31) else False
    # Times: the regex already bounded hours/minutes/seconds; nothing more to confirm.
    return None if ":" in value else False


# Dates written out, as legal and news prose writes them: "21 March 2005", "21st March 2005", "March 21, 2005",
# "the 3rd of May 1999", "in March 2005", "between 1 and 3 June 2004", "on 5 and 6 May", and the short forms of
# forms and tables ("5-May-2021", "May-21", "21-May"). A month word needs a day or a year beside it, and without
# a year it must be capitalised, so that "May" the name or the verb and "march" the verb are not dates.
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_NUMBER = {name[:3]: i for i, name in enumerate(_MONTHS, 1)}
_MONTH_ABBREVIATIONS = sorted({*(m[:3] for m in _MONTHS if m != "may"), "sept"}, key=len, reverse=True)
_MONTH_WORDS = sorted({*_MONTHS, *_MONTH_ABBREVIATIONS}, key=len, reverse=True)


def _month_alternation(any_case: bool) -> str:
    """A month's name, or its abbreviation with an optional dot ("Sept. 5"), never glued to more letters. Case
    variants are spelled out rather than IGNORECASE: a literal alternation scans several times faster."""

    def forms(words: list[str]) -> str:
        return "|".join(
            w for m in words for w in ((m.capitalize(), m.upper(), m) if any_case else (m.capitalize(), m.upper()))
        )

    names = sorted(_MONTHS, key=len, reverse=True)
    return r"(?:(?:" + forms(names) + r")|(?:" + forms(_MONTH_ABBREVIATIONS) + r")\.?)(?![^\W\d_])"


_MONTH_CAP = _month_alternation(any_case=False)  # "March", "MAR", "Sept."
_MONTH_ANY = _month_alternation(any_case=True)  # also "march": only beside a day and a year
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_DAYS = _DAY + r"(?:\s*(?:-|–|—|&|and|to)\s*" + _DAY + r")?"  # "1 and 3", "1-3", "5 & 6"
_YEAR = r"(?:1\d{3}|20\d{2}|21\d{2})"
# Left boundaries after a lookahead for the first character: a pattern that starts with a lookbehind cannot use
# the regex engine's fast scan for its first character, and these run over long documents.
_DL = r"(?=\d)(?<![\w\-])(?<!\d[.,])"  # before a day
_ML = r"(?=[JFMASONDjfmasond])(?<![\w\-])"  # before a month
_WR = r"(?![\w\-])"
_WRITTEN_DATE_PATTERNS = (
    pattern(_DL + _DAYS + r"(?:\s+of)?\s+" + _MONTH_ANY + r",?\s+" + _YEAR + _WR, 0.6),  # 21 March 2005
    pattern(_ML + _MONTH_ANY + r"\s+" + _DAYS + r",?\s+" + _YEAR + _WR, 0.6),  # March 21, 2005
    pattern(_ML + _MONTH_CAP + r",?\s+" + _YEAR + _WR, 0.6),  # March 2005
    pattern(_DL + _DAYS + r"(?:\s+of)?\s+" + _MONTH_CAP + r"(?![\w\-]|,?\s+\d)", 0.6),  # 5 and 6 May
    pattern(_ML + _MONTH_CAP + r"\s+" + _DAYS + r"(?![\w\-]|,?\s+\d|\s*[:.]\d)", 0.6),  # March 21
    # Forms and tables: 5-May-2021, 05-MAY-21, May-2021, May-21, 21-May
    pattern(_DL + _DAY + r"-" + _MONTH_CAP + r"-(?:" + _YEAR + r"|\d{2})" + _WR, 0.6),
    pattern(_ML + _MONTH_CAP + r"-(?:" + _YEAR + r"|\d{2})" + _WR, 0.6),
    pattern(_DL + _DAY + r"-" + _MONTH_CAP + _WR, 0.6),
)
_MONTH_IN = re.compile(r"(?i)(" + "|".join(_MONTH_WORDS) + r")")
# Every written-out date has a month word with a digit right before or after it (across "of", spaces, a comma,
# a dash or a dot): one search decides whether the patterns are worth running.
_MONTH_PREFIX = "|".join(w for m in _MONTHS for w in (m[:3].capitalize(), m[:3].upper(), m[:3]))
_MONTH_HINT = re.compile(
    r"(?:" + _MONTH_PREFIX + r")[A-Za-z]*\.?[\s,\-]{1,3}\d"
    r"|\d(?:st|nd|rd|th)?(?:\s+of)?[\s\-]{1,3}(?:" + _MONTH_PREFIX + r")"
)
_NUMBER_IN = re.compile(r"\d+")


def _written_date_ok(value: str) -> bool:
    """A real date: the days exist in that month (of that year, or of a leap year when none is written) and a
    range runs forwards. A two-digit number after a dashed month ("May-21") may be a day or a year."""
    month = _MONTH_NUMBER[_MONTH_IN.search(value).group(1).lower()[:3]]
    numbers = _NUMBER_IN.findall(value)
    years = [int(n) for n in numbers if len(n) == 4]
    days = [int(n) for n in numbers if len(n) <= 2]
    year = years[0] if years else 2000
    if len(days) == 2 and days[0] >= days[1]:
        return False
    return all(v.is_real_date(year, month, d) for d in days) or (not years and "-" in value and len(days) == 1)


def _date_time() -> list[PatternRecognizer]:
    context = (
        "date",
        "time",
        "born",
        "dob",
        "birth",
        "on",
        "at",
        "since",
        "until",
        "appointment",
        "created",
        "updated",
        "timestamp",
    )
    return [
        PatternRecognizer(
            "DATE_TIME",
            _DATE_PATTERNS,
            validator=_date_ok,
            confirmed_score=0.8,
            context=context,
            context_boost=0.2,
            context_before=20,
            context_after=0,
            prefilter=_DATE_HINT.search,
        ),
        PatternRecognizer(
            "DATE_TIME",
            _WRITTEN_DATE_PATTERNS,
            validator=_written_date_ok,
            confirmed_score=0.8,
            context=context,
            context_boost=0.2,
            context_before=20,
            context_after=0,
            prefilter=_MONTH_HINT.search,
            name="date_written_recognizer",
        ),
    ]


# --- UUID -------------------------------------------------------------------------------------------------------


def _uuid() -> PatternRecognizer:
    return PatternRecognizer(
        "UUID",
        [
            pattern(
                WORD_L + r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}" + WORD_R, 0.3
            )
        ],
        validator=v.uuid,
        confirmed_score=0.6,
        context_boost=0.3,
        context=("uuid", "guid", "unique identifier"),
        prefilter=lambda t: "-" in t,
    )
