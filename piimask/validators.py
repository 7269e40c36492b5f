"""Checksum and structure validators for the pattern recognizers.

Every function here is pure and cheap: it takes the candidate text exactly as a regex matched it (separators
included), normalises it itself, and answers ``True`` (the value is well formed and its check digit is right)
or ``False``. They only run on regex candidates, never over a whole text, so clarity wins over micro-speed.

The algorithms follow the public specifications of each identifier (ISO 7064, ISO 13616, BIP-173/350, national
registries); the sources are named beside each function.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import ipaddress
import re

_NON_ALNUM = re.compile(r"[^0-9A-Za-z]")


def compact(value: str) -> str:
    """The value without separators (spaces, dashes, dots, slashes), upper-cased."""
    return _NON_ALNUM.sub("", value).upper()


def digits_of(value: str) -> str:
    return "".join(ch for ch in value if "0" <= ch <= "9")


def _weighted(digits: str, weights: tuple[int, ...] | list[int]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights))


def is_real_date(year: int, month: int, day: int) -> bool:
    try:
        _dt.date(year, month, day)
    except ValueError:
        return False
    return True


# --------------------------------------------------------------------------------------------------------------
# Generic checksums
# --------------------------------------------------------------------------------------------------------------


def luhn(value: str) -> bool:
    """Luhn (mod 10) over the digits of `value`; payment cards, IT VAT, CA SIN, IMEI."""
    digits = digits_of(value)
    if not digits:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


# Verhoeff dihedral-group tables (used by Aadhaar). Generated rather than typed in: D5 multiplication and the
# standard permutation, so there is no 100-number literal to mistype.
def _verhoeff_tables() -> tuple[list[list[int]], list[list[int]], list[int]]:
    d = [[0] * 10 for _ in range(10)]
    for i in range(10):
        for j in range(10):
            if i < 5 and j < 5:
                d[i][j] = (i + j) % 5
            elif i < 5:
                d[i][j] = 5 + (i + j - 5) % 5
            elif j < 5:
                d[i][j] = 5 + (i - 5 - j) % 5
            else:
                d[i][j] = (i - j) % 5
    p = [[0] * 10 for _ in range(8)]
    p[0] = list(range(10))
    p[1] = [1, 5, 7, 6, 2, 8, 3, 0, 9, 4]
    for i in range(2, 8):
        p[i] = [p[1][p[i - 1][j]] for j in range(10)]
    inv = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9]
    return d, p, inv


_VD, _VP, _VINV = _verhoeff_tables()


def verhoeff(value: str) -> bool:
    digits = digits_of(value)
    if not digits:
        return False
    c = 0
    for i, ch in enumerate(reversed(digits)):
        c = _VD[c][_VP[i % 8][int(ch)]]
    return c == 0


# --------------------------------------------------------------------------------------------------------------
# Banking
# --------------------------------------------------------------------------------------------------------------

# ISO 13616 IBAN lengths per country (SWIFT IBAN registry, plus the widely used experimental ones).
IBAN_LENGTHS: dict[str, int] = {
    "AD": 24,
    "AE": 23,
    "AL": 28,
    "AT": 20,
    "AZ": 28,
    "BA": 20,
    "BE": 16,
    "BG": 22,
    "BH": 22,
    "BI": 27,
    "BR": 29,
    "BY": 28,
    "CH": 21,
    "CR": 22,
    "CY": 28,
    "CZ": 24,
    "DE": 22,
    "DJ": 27,
    "DK": 18,
    "DO": 28,
    "EE": 20,
    "EG": 29,
    "ES": 24,
    "FI": 18,
    "FK": 18,
    "FO": 18,
    "FR": 27,
    "GB": 22,
    "GE": 22,
    "GI": 23,
    "GL": 18,
    "GR": 27,
    "GT": 28,
    "HN": 28,
    "HR": 21,
    "HU": 28,
    "IE": 22,
    "IL": 23,
    "IQ": 23,
    "IS": 26,
    "IT": 27,
    "JO": 30,
    "KW": 30,
    "KZ": 20,
    "LB": 28,
    "LC": 32,
    "LI": 21,
    "LT": 20,
    "LU": 20,
    "LV": 21,
    "LY": 25,
    "MC": 27,
    "MD": 24,
    "ME": 22,
    "MK": 19,
    "MN": 20,
    "MR": 27,
    "MT": 31,
    "MU": 30,
    "NI": 28,
    "NL": 18,
    "NO": 15,
    "OM": 23,
    "PK": 24,
    "PL": 28,
    "PS": 29,
    "PT": 25,
    "QA": 29,
    "RO": 24,
    "RS": 22,
    "RU": 33,
    "SA": 24,
    "SC": 31,
    "SD": 18,
    "SE": 24,
    "SI": 19,
    "SK": 24,
    "SM": 27,
    "SO": 23,
    "ST": 25,
    "SV": 28,
    "TL": 23,
    "TN": 24,
    "TR": 26,
    "UA": 29,
    "VA": 22,
    "VG": 24,
    "XK": 20,
    "YE": 30,
    # Not in the SWIFT registry but issued and seen in the wild (partner-country IBANs).
    "DZ": 26,
    "AO": 25,
    "BJ": 28,
    "BF": 28,
    "CM": 27,
    "CV": 25,
    "CF": 27,
    "TD": 27,
    "KM": 27,
    "CG": 27,
    "GQ": 27,
    "GA": 27,
    "GW": 25,
    "CI": 28,
    "IR": 26,
    "MG": 27,
    "ML": 28,
    "MA": 28,
    "MZ": 25,
    "NE": 28,
    "SN": 28,
    "TG": 28,
    "HT": 27,
}


def iban(value: str) -> bool:
    """ISO 13616: known country, exact length for it, alphanumeric BBAN, ISO 7064 mod 97-10 == 1."""
    s = compact(value)
    country = s[:2]
    expected = IBAN_LENGTHS.get(country)
    if expected is None or len(s) != expected or not s[2:4].isdigit():
        return False
    rearranged = s[4:] + s[:4]
    # int() over the letter-expanded string is exact and fast for ≤ 34 characters.
    numeric = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(numeric) % 97 == 1


def aba_routing(value: str) -> bool:
    """US ABA routing transit number: 9 digits, valid Federal Reserve prefix, 3-7-1 weighted sum mod 10."""
    d = digits_of(value)
    if len(d) != 9:
        return False
    prefix = int(d[:2])
    # 00 (US government), 01–12 (banks), 21–32 (thrifts), 61–72 (electronic), 80 (traveller's cheques).
    if not (prefix <= 12 or 21 <= prefix <= 32 or 61 <= prefix <= 72 or prefix == 80):
        return False
    return _weighted(d, (3, 7, 1, 3, 7, 1, 3, 7, 1)) % 10 == 0


# --------------------------------------------------------------------------------------------------------------
# Cryptocurrency addresses
# --------------------------------------------------------------------------------------------------------------

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {ch: i for i, ch in enumerate(_B58)}


def base58check_decode(value: str) -> bytes | None:
    """Payload (version byte + data) of a Base58Check string, or None when the 4-byte checksum is wrong."""
    n = 0
    for ch in value:
        idx = _B58_INDEX.get(ch)
        if idx is None:
            return None
        n = n * 58 + idx
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    pad = len(value) - len(value.lstrip("1"))  # each leading '1' is a leading zero byte
    raw = b"\x00" * pad + raw
    if len(raw) < 5:
        return None
    payload, checksum = raw[:-4], raw[-4:]
    if hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4] != checksum:
        return None
    return payload


def btc_base58(value: str) -> bool:
    """Bitcoin mainnet P2PKH (version 0x00, starts with '1') or P2SH (0x05, '3'): 21-byte payload."""
    payload = base58check_decode(value)
    return payload is not None and len(payload) == 21 and payload[0] in (0x00, 0x05)


# Bech32 / Bech32m (BIP-173, BIP-350). Hand-written because it is ~25 lines of published reference algorithm and
# there is no small, maintained PyPI package for it; pulling a whole Bitcoin library for one checksum is worse.
_BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_CONST = 1
_BECH32M_CONST = 0x2BC830A3


def _bech32_polymod(values: list[int]) -> int:
    generator = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            if (top >> i) & 1:
                chk ^= generator[i]
    return chk


def bech32_decode(value: str) -> tuple[str, list[int], str] | None:
    """(hrp, data without checksum, 'bech32'|'bech32m') or None. Mixed case is invalid by the spec."""
    if value.lower() != value and value.upper() != value:
        return None
    s = value.lower()
    pos = s.rfind("1")
    if pos < 1 or pos + 7 > len(s) or len(s) > 90:
        return None
    hrp = s[:pos]
    if any(ord(c) < 33 or ord(c) > 126 for c in hrp):
        return None
    try:
        data = [_BECH32_CHARSET.index(c) for c in s[pos + 1 :]]
    except ValueError:
        return None
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    const = _bech32_polymod(expanded + data)
    if const == _BECH32_CONST:
        return hrp, data[:-6], "bech32"
    if const == _BECH32M_CONST:
        return hrp, data[:-6], "bech32m"
    return None


def _convert_bits(data: list[int], from_bits: int, to_bits: int) -> list[int] | None:
    acc = bits = 0
    out: list[int] = []
    maxv = (1 << to_bits) - 1
    for v in data:
        acc = (acc << from_bits) | v
        bits += from_bits
        while bits >= to_bits:
            bits -= to_bits
            out.append((acc >> bits) & maxv)
    if bits >= from_bits or (acc << (to_bits - bits)) & maxv:
        return None  # BIP-173: padding must be < 5 bits and all zero
    return out


def btc_segwit(value: str) -> bool:
    """Bitcoin segwit address (bc1…/tb1…): witness v0 uses bech32 with a 20/32-byte program, v1+ bech32m."""
    decoded = bech32_decode(value)
    if decoded is None:
        return False
    hrp, data, variant = decoded
    if hrp not in ("bc", "tb") or not data:
        return False
    version = data[0]
    program = _convert_bits(data[1:], 5, 8)
    if version > 16 or program is None or not 2 <= len(program) <= 40:
        return False
    if version == 0:
        return variant == "bech32" and len(program) in (20, 32)
    return variant == "bech32m"


# Keccak-256 (the pre-standard SHA-3 that Ethereum uses; hashlib.sha3_256 pads differently and gives other
# digests). Needed only for the EIP-55 mixed-case checksum on 20-byte addresses, so a compact reference
# implementation is enough.
def _keccak_round_constants() -> list[int]:
    out: list[int] = []
    r = 1
    for _ in range(24):
        rc = 0
        for j in range(7):
            r = ((r << 1) ^ ((r >> 7) * 0x71)) % 256
            if r & 2:
                rc |= 1 << ((1 << j) - 1)
        out.append(rc)
    return out


_KECCAK_RC = _keccak_round_constants()
_MASK64 = (1 << 64) - 1


def _rotl(v: int, n: int) -> int:
    n %= 64
    return ((v << n) | (v >> (64 - n))) & _MASK64 if n else v


def _keccak_f(a: list[int]) -> None:
    for rc in _KECCAK_RC:
        c = [a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20] for x in range(5)]
        d = [c[(x - 1) % 5] ^ _rotl(c[(x + 1) % 5], 1) for x in range(5)]
        for i in range(25):
            a[i] ^= d[i % 5]
        # rho + pi: walk the 24 non-origin lanes along (x, y) -> (y, 2x + 3y) with triangular rotations.
        x, y = 1, 0
        current = a[1]
        for t in range(24):
            x, y = y, (2 * x + 3 * y) % 5
            idx = x + 5 * y
            current, a[idx] = a[idx], _rotl(current, (t + 1) * (t + 2) // 2)
        for yy in range(0, 25, 5):
            row = a[yy : yy + 5]
            for xx in range(5):
                a[yy + xx] = row[xx] ^ (~row[(xx + 1) % 5] & row[(xx + 2) % 5])
        a[0] ^= rc


def keccak256(data: bytes) -> bytes:
    rate = 136
    msg = bytearray(data) + b"\x01"
    msg += b"\x00" * (-len(msg) % rate)
    msg[-1] |= 0x80
    state = [0] * 25
    for off in range(0, len(msg), rate):
        block = msg[off : off + rate]
        for i in range(rate // 8):
            state[i] ^= int.from_bytes(block[8 * i : 8 * i + 8], "little")
        _keccak_f(state)
    return b"".join(state[i].to_bytes(8, "little") for i in range(4))


def eth_address(value: str) -> bool | None:
    """EIP-55. True: mixed-case checksum verified. None: all one case (carries no checksum). False: bad checksum."""
    body = value[2:] if value[:2] in ("0x", "0X") else value
    if len(body) != 40 or any(c not in "0123456789abcdefABCDEF" for c in body):
        return False
    if body == body.lower() or body == body.upper():
        return None
    digest = keccak256(body.lower().encode("ascii")).hex()
    for ch, h in zip(body, digest):
        if ch.isalpha() and ch.isupper() != (int(h, 16) >= 8):
            return False
    return True


# --------------------------------------------------------------------------------------------------------------
# Network
# --------------------------------------------------------------------------------------------------------------


def ip_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


# --------------------------------------------------------------------------------------------------------------
# United States
# --------------------------------------------------------------------------------------------------------------

# Numbers the SSA itself calls invalid or that were published (Woolworth wallet card, advertising samples).
_SSN_BLOCKLIST = frozenset({"078051120", "219099999", "457555462", "123456789", "987654320", "987654321"})


def us_ssn(value: str) -> bool:
    d = digits_of(value)
    if len(d) != 9:
        return False
    area, group, serial = d[:3], d[3:5], d[5:]
    if area in ("000", "666") or area[0] == "9" or group == "00" or serial == "0000":
        return False
    if d in _SSN_BLOCKLIST or len(set(d)) == 1:
        return False
    return True


def us_itin(value: str) -> bool:
    """IRS ITIN: 9XX-GG-XXXX with group 50–65, 70–88, 90–92 or 94–99."""
    d = digits_of(value)
    if len(d) != 9 or d[0] != "9":
        return False
    g = int(d[3:5])
    return 50 <= g <= 65 or 70 <= g <= 88 or 90 <= g <= 92 or 94 <= g <= 99


_DEA_REGISTRANT = frozenset("ABCDEFGHJKLMPRSTUX")


def dea_number(value: str) -> bool:
    """US DEA registration: registrant letter, surname initial (or 9), 7 digits, last = (odd + 2·even) mod 10."""
    s = value.upper()
    if len(s) != 9 or s[0] not in _DEA_REGISTRANT or not (s[1].isalpha() or s[1] == "9") or not s[2:].isdigit():
        return False
    d = [int(c) for c in s[2:]]
    return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 == d[6]


# --------------------------------------------------------------------------------------------------------------
# United Kingdom
# --------------------------------------------------------------------------------------------------------------


def uk_nhs(value: str) -> bool:
    """NHS number: 10 digits, mod 11 with weights 10..2; a remainder giving check 10 is never issued."""
    d = digits_of(value)
    if len(d) != 10 or len(set(d)) == 1:
        return False
    check = 11 - _weighted(d, range(10, 1, -1)) % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(d[9])


_NINO_BAD_FIRST = frozenset("DFIQUV")
_NINO_BAD_SECOND = frozenset("DFIOQUV")
_NINO_BAD_PREFIX = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})


def uk_nino(value: str) -> bool:
    """HMRC rules: prefix letters from the allowed sets (and not an unused/admin pair), 6 digits, suffix A–D."""
    s = compact(value)
    if len(s) != 9 or not s[:2].isalpha() or not s[2:8].isdigit() or s[8] not in "ABCD":
        return False
    return s[0] not in _NINO_BAD_FIRST and s[1] not in _NINO_BAD_SECOND and s[:2] not in _NINO_BAD_PREFIX


# Royal Mail postcode areas (the letters before the first digit), plus the non-geographic BF (BFPO) and BX.
UK_POSTCODE_AREAS = frozenset(
    "AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN "
    "EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE "
    "NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR "
    "TS TW UB W WA WC WD WF WN WR WS WV YO ZE".split()
)
_UK_POSTCODE = re.compile(r"([A-Z]{1,2})(\d[A-Z\d]?) ?(\d[ABD-HJLNP-UW-Z]{2})")


def uk_postcode(value: str) -> bool:
    """UK postcode (BS 7666): a known area, a district (one or two digits, or digit + letter as in "SW1A"), then
    the inward code: a digit and two letters that never include C, I, K, M, O or V. "GIR 0AA" is the one
    exception. Case-insensitive; at most one space, between the two halves."""
    s = value.upper().strip()
    if s.replace(" ", "") == "GIR0AA":
        return True
    m = _UK_POSTCODE.fullmatch(s)
    return m is not None and m.group(1) in UK_POSTCODE_AREAS


# --------------------------------------------------------------------------------------------------------------
# Spain
# --------------------------------------------------------------------------------------------------------------

_ES_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def es_nif(value: str) -> bool:
    """DNI/NIF: 8 digits (7 in an old DNI written without its leading zero) + control letter = table[number mod 23]."""
    s = compact(value)
    if len(s) == 8:
        s = "0" + s
    return len(s) == 9 and s[:8].isdigit() and _ES_LETTERS[int(s[:8]) % 23] == s[8]


def es_nie(value: str) -> bool:
    """NIE: X/Y/Z (read as 0/1/2) + 7 digits + the same control letter as the NIF."""
    s = compact(value)
    if len(s) != 9 or s[0] not in "XYZ" or not s[1:8].isdigit():
        return False
    number = int(str("XYZ".index(s[0])) + s[1:8])
    return _ES_LETTERS[number % 23] == s[8]


# --------------------------------------------------------------------------------------------------------------
# Italy
# --------------------------------------------------------------------------------------------------------------

# Codice fiscale check character (DM 23/12/1976). Odd positions (1st, 3rd, …) use this irregular table;
# digits map like A..J.
_IT_ODD = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        (1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23),
    )
)
_IT_OMOCODE = "LMNPQRSTUV"  # digit substitutes used when two people would get the same code
_IT_MONTHS = "ABCDEHLMPRST"


def it_fiscal_code_structure(value: str) -> bool:
    """Codice fiscale without its check letter: 6 letters, birth year, month letter, birth day (+40 for women),
    place code, then any letter; the "digits" may be omocode letters."""
    s = value.upper()
    if len(s) != 16:
        return False
    # Structure: 6 letters, 2 "digits", month letter, 2 "digits", 1 letter, 3 "digits", check letter, where a
    # "digit" may be an omocode letter.
    digit_positions = (6, 7, 9, 10, 12, 13, 14)
    for i, ch in enumerate(s):
        if i in digit_positions:
            if not (ch.isdigit() or ch in _IT_OMOCODE):
                return False
        elif not ("A" <= ch <= "Z"):
            return False
    if s[8] not in _IT_MONTHS:
        return False
    day = "".join(str(_IT_OMOCODE.index(c)) if c in _IT_OMOCODE else c for c in s[9:11])
    return 1 <= int(day) <= 31 or 41 <= int(day) <= 71  # +40 encodes women


def it_fiscal_code(value: str) -> bool:
    """Codice fiscale with its check letter (DM 23/12/1976): odd positions by the table above, even positions by
    their value, the sum mod 26 as a letter."""
    if not it_fiscal_code_structure(value):
        return False
    s = value.upper()
    total = 0
    for i, ch in enumerate(s[:15]):
        if i % 2 == 0:  # 1-based odd
            total += _IT_ODD[chr(ord("A") + int(ch))] if ch.isdigit() else _IT_ODD[ch]
        else:
            total += int(ch) if ch.isdigit() else ord(ch) - ord("A")
    return chr(ord("A") + total % 26) == s[15]


def it_vat(value: str) -> bool:
    """Partita IVA: 11 digits (optionally after 'IT'), Luhn check digit, province office code 001–100/120/121."""
    d = digits_of(value)
    if len(d) != 11 or int(d) == 0:
        return False
    office = int(d[7:10])
    if not (1 <= office <= 100 or office in (120, 121, 888, 999)):
        return False
    return luhn(d)


# --------------------------------------------------------------------------------------------------------------
# Poland, Finland, Korea, Thailand
# --------------------------------------------------------------------------------------------------------------


def pl_pesel(value: str) -> bool:
    """PESEL: YYMMDD (century folded into the month: +80 1800s, +0 1900s, +20 2000s, …), serial, check digit."""
    d = digits_of(value)
    if len(d) != 11:
        return False
    yy, mm, dd = int(d[:2]), int(d[2:4]), int(d[4:6])
    century = {0: 1900, 1: 1900, 2: 2000, 3: 2000, 4: 2100, 5: 2100, 6: 2200, 7: 2200, 8: 1800, 9: 1800}[mm // 10]
    month = mm % 20
    if not is_real_date(century + yy, month, dd):
        return False
    check = (10 - _weighted(d, (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)) % 10) % 10
    return check == int(d[10])


_FI_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_FI_CENTURY = {"+": 1800, "-": 1900, "A": 2000}
for _c in "YXWVU":
    _FI_CENTURY[_c] = 1900  # 2023 reform: extra separators for the 1900s
for _c in "BCDEF":
    _FI_CENTURY[_c] = 2000


def fi_hetu(value: str) -> bool:
    """Finnish henkilötunnus DDMMYYCZZZQ: real birth date, individual number 002–899, Q = table[DDMMYYZZZ mod 31]."""
    s = value.upper()
    if len(s) != 11 or not s[:6].isdigit() or not s[7:10].isdigit() or s[6] not in _FI_CENTURY:
        return False
    day, month, yy = int(s[:2]), int(s[2:4]), int(s[4:6])
    if not is_real_date(_FI_CENTURY[s[6]] + yy, month, day) or int(s[7:10]) < 2:
        return False
    return _FI_CHECK[int(s[:6] + s[7:10]) % 31] == s[10]


_KR_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)


def _kr_birth_date_ok(d: str) -> bool:
    g = int(d[6])
    century = {1: 1900, 2: 1900, 3: 2000, 4: 2000, 5: 1900, 6: 1900, 7: 2000, 8: 2000, 9: 1800, 0: 1800}[g]
    return is_real_date(century + int(d[:2]), int(d[2:4]), int(d[4:6]))


def kr_rrn(value: str) -> bool | None:
    """Korean RRN. None (unverifiable, not wrong) when the date is fine but the pre-2020 check digit is not:
    numbers issued since October 2020 have random trailing digits."""
    d = digits_of(value)
    if len(d) != 13 or d[6] not in "1234" or not _kr_birth_date_ok(d):
        return False
    if (11 - _weighted(d, _KR_WEIGHTS) % 11) % 10 == int(d[12]):
        return True
    return None


def kr_frn(value: str) -> bool | None:
    """Korean foreigner registration number: like the RRN with gender digit 5–8 and check (13 - sum mod 11) mod 10."""
    d = digits_of(value)
    if len(d) != 13 or d[6] not in "5678" or not _kr_birth_date_ok(d):
        return False
    if (13 - _weighted(d, _KR_WEIGHTS) % 11) % 10 == int(d[12]):
        return True
    return None


def kr_brn(value: str) -> bool:
    """Korean business registration number: weights 1,3,7,1,3,7,1,3,5 plus the carry of the ninth product."""
    d = digits_of(value)
    if len(d) != 10:
        return False
    total = _weighted(d[:8], (1, 3, 7, 1, 3, 7, 1, 3))
    ninth = int(d[8]) * 5
    total += ninth + ninth // 10
    return (10 - total % 10) % 10 == int(d[9])


_KR_DL_REGIONS = frozenset(str(n) for n in (*range(11, 27), 28))


def kr_driver_license(value: str) -> bool:
    d = digits_of(value)
    return len(d) == 12 and d[:2] in _KR_DL_REGIONS


# The first two digits of Thailand's province codes (10-27 central, 30-49 north-east, 50-58 north, 60-67 north and
# central, 70-77 west, 80-86 south, 90-96 deep south), the second and third digits of a TNIN.
_TH_PROVINCE_PREFIXES = frozenset(
    f"{n:02d}" for n in (*range(10, 28), *range(30, 59), *range(60, 68), *range(70, 78), *range(80, 87), *range(90, 97))
)


def th_tnin(value: str) -> bool:
    """Thai national ID: 13 digits, a person-type digit 1-8, a province code, check = (11 - Σ(13..2 · d) mod 11)
    mod 10."""
    d = digits_of(value)
    if len(d) != 13 or d[0] in "09" or d[1:3] not in _TH_PROVINCE_PREFIXES:
        return False
    return (11 - _weighted(d, range(13, 1, -1)) % 11) % 10 == int(d[12])


# --------------------------------------------------------------------------------------------------------------
# Singapore
# --------------------------------------------------------------------------------------------------------------

_NRIC_WEIGHTS = (2, 7, 6, 5, 4, 3, 2)


def sg_nric_fin(value: str) -> bool:
    """NRIC (S/T) and FIN (F/G/M): weights 2765432, an offset by series, and a series-specific letter table."""
    s = value.upper()
    if len(s) != 9 or s[0] not in "STFGM" or not s[1:8].isdigit() or not s[8].isalpha():
        return False
    total = _weighted(s[1:8], _NRIC_WEIGHTS)
    prefix = s[0]
    if prefix == "M":
        return "KLJNPQRTUWX"[10 - (total + 3) % 11] == s[8]
    r = (total + (4 if prefix in "TG" else 0)) % 11
    table = "JZIHGFEDCBA" if prefix in "ST" else "XWUTRQPNMLK"
    return table[r] == s[8]


_UEN_C_ENTITY_TYPES = frozenset(
    "LP LL FC PF RF MQ MM NB CC CS MB FM GS DP CP NR CM CD MD HS VH CH MH CL XL CX HC RP TU TC FB FN PA PB SS MC SM "
    "GA GB".split()
)
_UEN_C_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWX0123456789"


def sg_uen(value: str) -> bool:
    """Singapore UEN, three formats (ACRA): businesses nnnnnnnnX, local companies yyyynnnnnX, others TyyPQnnnnX."""
    s = value.upper()
    if len(s) == 9 and s[:8].isdigit():
        return "XMKECAWLJDB"[_weighted(s, (10, 4, 9, 3, 8, 2, 7, 1)) % 11] == s[8]
    if len(s) == 10 and s[:9].isdigit():
        if not 1800 <= int(s[:4]) <= _dt.date.today().year:
            return False
        return "ZKCMDNERGWH"[_weighted(s, (10, 8, 6, 4, 9, 7, 5, 3, 1)) % 11] == s[9]
    if len(s) == 10 and s[0] in "TSR" and s[1:3].isdigit() and s[3:5] in _UEN_C_ENTITY_TYPES and s[5:9].isdigit():
        total = sum(_UEN_C_ALPHABET.index(c) * w for c, w in zip(s[:9], (4, 3, 5, 3, 10, 2, 2, 5, 7)))
        return _UEN_C_ALPHABET[(total - 5) % 11] == s[9]
    return False


# --------------------------------------------------------------------------------------------------------------
# Australia
# --------------------------------------------------------------------------------------------------------------


def au_abn(value: str) -> bool:
    """ABN: subtract 1 from the first digit, weights 10,1,3,…,19, sum divisible by 89."""
    d = digits_of(value)
    if len(d) != 11 or d[0] == "0":
        return False
    nums = [int(c) for c in d]
    nums[0] -= 1
    return sum(n * w for n, w in zip(nums, (10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19))) % 89 == 0


def au_acn(value: str) -> bool:
    """ACN: 9 digits, weights 8..1 on the first eight, check = (10 - sum mod 10) mod 10."""
    d = digits_of(value)
    if len(d) != 9:
        return False
    return (10 - _weighted(d, (8, 7, 6, 5, 4, 3, 2, 1)) % 10) % 10 == int(d[8])


def au_tfn(value: str) -> bool:
    """TFN: 9 digits (8 for old ones), weighted sum divisible by 11."""
    d = digits_of(value)
    if len(d) == 9:
        return _weighted(d, (1, 4, 3, 7, 5, 8, 6, 9, 10)) % 11 == 0
    if len(d) == 8:
        return _weighted(d, (10, 7, 8, 4, 6, 3, 5, 1)) % 11 == 0
    return False


def au_medicare(value: str) -> bool:
    """Medicare card: 10 digits (11 with the individual reference), first 2–6, check = Σ(1,3,7,9,…) mod 10."""
    d = digits_of(value)
    if len(d) not in (10, 11) or d[0] not in "23456" or d[9] == "0":  # issue number 0 is never used
        return False
    return _weighted(d, (1, 3, 7, 9, 1, 3, 7, 9)) % 10 == int(d[8])


# --------------------------------------------------------------------------------------------------------------
# India
# --------------------------------------------------------------------------------------------------------------


def in_aadhaar(value: str) -> bool:
    """Aadhaar: 12 digits, first 2–9, not a palindrome (UIDAI never issues them), Verhoeff check digit."""
    d = digits_of(value)
    return len(d) == 12 and d[0] not in "01" and d != d[::-1] and verhoeff(d)


# 4th character of a PAN: holder type (Person, Company, HUF, Firm, AOP, Trust, BOI, Local authority,
# artificial Juridical person, Government, Krish (agriculture)).
_PAN_HOLDER = frozenset("PCHFATBLJGK")


def in_pan_shape(value: str) -> bool:
    """Five letters, four digits, a letter: a PAN without the holder-type test."""
    s = value.upper()
    return len(s) == 10 and s[:5].isalpha() and s[5:9].isdigit() and s[9].isalpha()


def in_pan(value: str) -> bool:
    return in_pan_shape(value) and value[3].upper() in _PAN_HOLDER


_GSTIN_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def in_gstin_structure(value: str) -> bool:
    """GSTIN without its check character: state code 01–38 or 97/99, a PAN's shape, an entity number, 'Z'."""
    s = value.upper()
    if len(s) != 15 or not s[:2].isdigit() or not in_pan_shape(s[2:12]) or s[13] != "Z" or not s[12].isalnum():
        return False
    state = int(s[:2])
    return 1 <= state <= 38 or state in (97, 99)


def in_gstin(value: str) -> bool:
    """GSTIN with a PAN of a known holder type and its mod-36 Luhn-like check character."""
    if not in_gstin_structure(value) or not in_pan(value[2:12]):
        return False
    s = value.upper()
    total = 0
    for i, ch in enumerate(s[:14]):
        if ch not in _GSTIN_ALPHABET:
            return False
        product = _GSTIN_ALPHABET.index(ch) * (2 if i % 2 else 1)
        total += product // 36 + product % 36
    return _GSTIN_ALPHABET[(36 - total % 36) % 36] == s[14]


# RTO state / union-territory codes (current and legacy ones still on the road).
IN_VEHICLE_STATES = frozenset(
    "AN AP AR AS BR CG CH DD DL DN GA GJ HP HR JH JK KA KL LA LD MH ML MN MP MZ NL OD OR PB PY RJ SK TN TR TS UK "
    "UA UP WB".split()
)


def in_vehicle_registration(value: str) -> bool:
    s = compact(value)
    if len(s) >= 9 and s[2:4] == "BH" and s[:2].isdigit():  # Bharat series: YYBH####XX
        return True
    return s[:2] in IN_VEHICLE_STATES


# --------------------------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------------------------


def time_of_day(hour: int, minute: int, second: int = 0) -> bool:
    return 0 <= hour <= 23 and 0 <= minute <= 59 and 0 <= second <= 60  # 60: leap second


# --------------------------------------------------------------------------------------------------------------
# Shared: ISO 7064 MOD 11,10 and ICAO 9303 check digits
# --------------------------------------------------------------------------------------------------------------


def iso7064_mod11_10_check(digits: str) -> int:
    """ISO 7064 MOD 11,10 check digit of `digits` (German Steuer-IdNr. and USt-IdNr.)."""
    product = 10
    for ch in digits:
        total = (int(ch) + product) % 10 or 10
        product = total * 2 % 11
    return (11 - product) % 10


def icao_check_digit(chars: str) -> int:
    """ICAO Doc 9303 check digit: values 0-9 / A=10..Z=35 ('<' = 0), weights 7, 3, 1 repeating, sum mod 10."""
    total = 0
    for i, ch in enumerate(chars):
        if ch.isdigit():
            value = ord(ch) - 48
        elif "A" <= ch <= "Z":
            value = ord(ch) - 55
        elif ch == "<":
            value = 0
        else:
            return -1
        total += value * (7, 3, 1)[i % 3]
    return total % 10


def _cross_sum(n: int) -> int:
    return n // 10 + n % 10


# --------------------------------------------------------------------------------------------------------------
# Sweden, Turkey, Nigeria, South Africa, Canada
# --------------------------------------------------------------------------------------------------------------


def se_personnummer(value: str) -> bool:
    """Swedish personnummer / samordningsnummer: (YY)YYMMDD[-+]NNNC. A real birth date (day + 60 for a
    samordningsnummer), and a Luhn check digit over the last ten digits (Skatteverket, SKV 704)."""
    d = digits_of(value)
    if len(d) == 12:
        if d[:2] not in ("18", "19", "20"):
            return False
        year = int(d[:4])
        d = d[2:]
    elif len(d) == 10:
        year = 2000  # century unknown: a leap year, so that 29 February is accepted
    else:
        return False
    month, day = int(d[2:4]), int(d[4:6])
    if day > 60:
        day -= 60
    if not is_real_date(year, month, day) or year > _dt.date.today().year:
        return False
    return luhn(d)


def se_organisationsnummer(value: str) -> bool:
    """Swedish organisationsnummer: ten digits, the "month" digits >= 20 (so it is never a personnummer; the
    third digit is >= 2), group number 1-9, Luhn check digit (Bolagsverket). An optional "16" prefix is dropped."""
    d = digits_of(value)
    if len(d) == 12 and d[:2] == "16":
        d = d[2:]
    if len(d) != 10 or d[0] == "0" or int(d[2]) < 2:
        return False
    return luhn(d)


def tr_tckn(value: str) -> bool:
    """Turkish T.C. Kimlik No: 11 digits, first not 0; d10 = (7·(d1+d3+d5+d7+d9) − (d2+d4+d6+d8)) mod 10 and
    d11 = (d1 + … + d10) mod 10 (NVİ)."""
    d = digits_of(value)
    if len(d) != 11 or d[0] == "0":
        return False
    n = [ord(c) - 48 for c in d]
    odd, even = sum(n[0:9:2]), sum(n[1:8:2])
    return (odd * 7 - even) % 10 == n[9] and sum(n[:10]) % 10 == n[10]


def ng_nin(value: str) -> bool:
    """Nigerian NIN: 11 digits, Verhoeff check digit (NIMC)."""
    d = digits_of(value)
    return len(d) == 11 and len(set(d)) > 1 and verhoeff(d)


def za_id_number(value: str) -> bool:
    """South African ID: YYMMDD (a past date; YY above this year's is the 1900s), 4-digit sequence, citizenship
    0/1/2, the legacy digit 8/9, Luhn check digit (Department of Home Affairs)."""
    d = digits_of(value)
    if len(d) != 13 or d[10] not in "012" or d[11] not in "89":
        return False
    today = _dt.date.today()
    yy = int(d[:2])
    year = (1900 if yy > today.year % 100 else 2000) + yy
    try:
        born = _dt.date(year, int(d[2:4]), int(d[4:6]))
    except ValueError:
        return False
    return born <= today and luhn(d)


def za_traffic_register_number(value: str) -> bool:
    """eNaTIS traffic register number: 13 digits that are not a valid South African ID number."""
    d = digits_of(value)
    return len(d) == 13 and len(set(d)) > 1 and not za_id_number(d)


def za_company_registration(value: str) -> bool:
    """CIPC registration: YYYY/NNNNNN/NN (modern) or a legacy prefix + YYYY/NNNNNN; the year 1800..this year."""
    s = value.upper()
    m = re.fullmatch(r"(?:CK|NR|[KTWBMN])?(\d{4})/\d{6}(?:/\d{2})?", s)
    return m is not None and 1800 <= int(m.group(1)) <= _dt.date.today().year


def ca_sin(value: str) -> bool:
    """Canadian SIN: nine digits, first not 0 or 8 (not issued to individuals), not one repeated digit, Luhn."""
    d = digits_of(value)
    return len(d) == 9 and d[0] not in "08" and len(set(d)) > 1 and luhn(d)


# --------------------------------------------------------------------------------------------------------------
# Germany
# --------------------------------------------------------------------------------------------------------------


def de_tax_id(value: str) -> bool:
    """Steuerliche Identifikationsnummer (§ 139b AO): 11 digits, first not 0, no digit more than three times among
    the first ten (BZSt), ISO 7064 MOD 11,10 check digit."""
    d = digits_of(value)
    if len(d) != 11 or d[0] == "0":
        return False
    if max(d[:10].count(c) for c in set(d[:10])) > 3:
        return False
    return iso7064_mod11_10_check(d[:10]) == int(d[10])


def de_vat_id(value: str) -> bool | None:
    """USt-IdNr.: DE + 9 digits. True when the ISO 7064 MOD 11,10 check digit (the de-facto algorithm; BZSt does
    not publish one) holds, None (well formed, unconfirmed) when it does not, False for anything else."""
    s = compact(value)
    if len(s) != 11 or s[:2] != "DE" or not s[2:].isdigit() or s[2] == "0":
        return False
    return True if iso7064_mod11_10_check(s[2:10]) == int(s[10]) else None


def _letter_ordinal(ch: str) -> str:
    return f"{ord(ch) - 64:02d}"


def de_social_security(value: str) -> bool:
    """Rentenversicherungsnummer (VKVV § 2-4): area (2 digits), birth day (01-31, +50 allowed), month, year,
    surname initial, serial (2 digits), check digit: weights 2,1,2,5,7,1,2,1,2,1,2,1 over the digits with the
    letter spelled as its two-digit ordinal, cross sums of the products, sum mod 10."""
    s = compact(value)
    if len(s) != 12 or not (s[:8].isdigit() and "A" <= s[8] <= "Z" and s[9:].isdigit()):
        return False
    day, month = int(s[2:4]), int(s[4:6])
    if not (1 <= day <= 31 or 51 <= day <= 81) or not 1 <= month <= 12:
        return False
    effective = s[:8] + _letter_ordinal(s[8]) + s[9:11]
    total = sum(_cross_sum(int(c) * w) for c, w in zip(effective, (2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1)))
    return total % 10 == int(s[11])


def de_health_insurance(value: str) -> bool:
    """Krankenversichertennummer (§ 290 SGB V): a letter + 8 digits + check digit; the letter as two digits
    (A=01), weights 1,2,1,2,… over the ten digits, cross sums of the products, sum mod 10."""
    s = value.upper()
    if len(s) != 10 or not ("A" <= s[0] <= "Z" and s[1:].isdigit()):
        return False
    effective = _letter_ordinal(s[0]) + s[1:9]
    total = sum(_cross_sum(int(c) * (1 if i % 2 == 0 else 2)) for i, c in enumerate(effective))
    return total % 10 == int(s[9])


_ICAO_DE_LETTERS = frozenset("CFGHJKLMNPRTVWXYZ")


def de_document_number(value: str) -> bool | None:
    """Personalausweis (since 2010) and Reisepass serial numbers: nine characters from C F G H J K L M N P R T V W
    X Y Z and digits, the last an ICAO 9303 check digit. A pre-2010 ID card "T" + 8 digits carries no check
    digit: None (well formed, unconfirmed)."""
    s = value.upper()
    if len(s) != 9 or not s[8].isdigit():
        return False
    if any(not (c.isdigit() or c in _ICAO_DE_LETTERS) for c in s[:8]):
        return False
    if icao_check_digit(s[:8]) == int(s[8]):
        return True
    return None if s[0] == "T" and s[1:].isdigit() else False


def de_lanr(value: str) -> bool:
    """Lebenslange Arztnummer (KBV): 6-digit physician number, check digit = (10 − Σ(4,9,4,9,4,9 · d)) mod 10,
    2-digit specialty group."""
    d = digits_of(value)
    if len(d) != 9 or d[:6] == "000000":
        return False
    return (10 - _weighted(d[:6], (4, 9, 4, 9, 4, 9)) % 10) % 10 == int(d[6])


def de_bsnr(value: str) -> bool:
    """Betriebsstättennummer: nine digits, a regional KV code (01-99) first; there is no public check digit."""
    d = digits_of(value)
    return len(d) == 9 and d[:2] != "00" and len(set(d)) > 1


# Länder prefixes of the 13-digit nationwide Steuernummer (ELSTER): the first one or two digits of the 4-digit
# Finanzamt number, and a 0 in fifth position.
_DE_STNR_PREFIXES = ("28", "9", "11", "30", "24", "22", "26", "40", "23", "5", "27", "10", "32", "31", "21", "41")


def de_tax_number(value: str) -> bool:
    """Steuernummer: the 13-digit ELSTER form (Land prefix, Finanzamt, 0, district, serial, check digit) or a
    Land's own slash form (2/3/5, 3/3/5, 3/4/4 digits). Check digits differ by Land and are not validated."""
    if "/" in value:
        parts = value.split("/")
        return (
            len(parts) == 3
            and all(p.isdigit() for p in parts)
            and (tuple(len(p) for p in parts) in ((2, 3, 5), (3, 3, 5), (3, 4, 4)))
        )
    d = digits_of(value)
    return len(d) == 13 and d[4] == "0" and d.startswith(_DE_STNR_PREFIXES)


def de_plz(value: str) -> bool:
    """Postleitzahl: five digits in 01001-99998 (Deutsche Post)."""
    return len(value) == 5 and value.isdigit() and 1001 <= int(value) <= 99998


# --------------------------------------------------------------------------------------------------------------
# United States (health care), Philippines, United Kingdom
# --------------------------------------------------------------------------------------------------------------


def us_npi(value: str) -> bool:
    """National Provider Identifier (45 CFR 162.406): ten digits starting 1 or 2, Luhn over "80840" + NPI."""
    d = digits_of(value)
    if len(d) != 10 or d[0] not in "12" or len(set(d[:9])) == 1:
        return False
    return luhn("80840" + d)


_MBI_ALPHA = "ACDEFGHJKMNPQRTUVWXY"
_MBI = re.compile(rf"\d[{_MBI_ALPHA}][\d{_MBI_ALPHA}]\d[{_MBI_ALPHA}][\d{_MBI_ALPHA}]\d[{_MBI_ALPHA}]{{2}}\d\d")


def us_mbi(value: str) -> bool:
    """Medicare Beneficiary Identifier (CMS): C A AN N A AN N A A N N, letters without S L O I B Z, first digit
    1-9. No check digit."""
    s = value.upper().replace("-", "")
    return len(s) == 11 and s[0] != "0" and _MBI.fullmatch(s) is not None


# IRS campus prefixes of an EIN (irs.gov "How EINs are assigned and valid EIN prefixes").
_EIN_PREFIXES = frozenset(
    f"{n:02d}"
    for n in (
        *range(1, 7),
        *range(10, 17),
        *range(20, 28),
        *range(30, 49),
        *range(50, 69),
        *range(71, 78),
        *range(80, 89),
        *range(90, 96),
        98,
        99,
    )
)


def us_ein(value: str) -> bool:
    d = digits_of(value)
    return len(d) == 9 and d[:2] in _EIN_PREFIXES and d[2:] != "0000000"


def ph_tin(value: str) -> bool:
    """Philippine TIN (BIR): 9 digits (+ a 3-digit branch code); the ninth is Σ(9..2 · d1..d8) mod 11."""
    d = digits_of(value)
    if len(d) not in (9, 12) or len(set(d[:9])) == 1:
        return False
    return _weighted(d[:8], (9, 8, 7, 6, 5, 4, 3, 2)) % 11 == int(d[8])


def uk_driving_licence(value: str) -> bool:
    """DVLA driving licence number: surname (5, padded with 9s), decade, month (+50 for women), day, year digit,
    two initials (9 = none), an arbitrary digit, two check characters."""
    s = value.upper()
    if len(s) != 16 or re.fullmatch(r"[A-Z]{1,5}9{0,4}", s[:5]) is None:
        return False
    if not (s[5:11].isdigit() and s[13].isalnum() and s[14:].isalpha()):
        return False
    month, day = int(s[6:8]), int(s[8:10])
    if month > 50:
        month -= 50
    return is_real_date(2000, month, day) and re.fullmatch(r"[A-Z9]{2}", s[11:13]) is not None


def uk_vehicle_registration(value: str) -> bool | None:
    """UK registration: the 2001 format (2 letters, age identifier, 3 letters) is confirmed when the age
    identifier is one that is issued (02-29 March, 51-79 September); older prefix/suffix plates are structure
    only (None)."""
    s = compact(value)
    if len(s) == 7 and s[:2].isalpha() and s[2:4].isdigit() and s[4:].isalpha():
        age = int(s[2:4])
        return 2 <= age <= 29 or 51 <= age <= 79
    return None


def uuid(value: str) -> bool:
    """RFC 9562 UUID: 8-4-4-4-12 hex, version 1-8, RFC variant (10xx), not the nil or max UUID."""
    s = value.lower()
    if len(s) != 36 or s.count("-") != 4:
        return False
    hexes = s.replace("-", "")
    if len(set(hexes)) == 1:
        return False
    return s[14] in "12345678" and s[19] in "89ab"


_TR_PLATE = re.compile(r"(\d{2})([A-Z]{1,3})(\d{2,4})")


def tr_license_plate(value: str) -> bool:
    """Turkish plate (plaka): province code 01-81, 1-3 letters of the Turkish alphabet (no Q, W, X), 2-4 digits."""
    m = _TR_PLATE.fullmatch(compact(value))
    return m is not None and 1 <= int(m.group(1)) <= 81 and not any(c in "QWX" for c in m.group(2))
