"""Operators: what happens to a detected value. Each is a small class with `validate` and `operate`.

`validate(params)` turns the policy's JSON into typed parameters (a pydantic model, so a bad parameter is reported
by name); `operate(value, entity_type, params, crypto)` returns the replacement. Operators are stateless; keyed ones
take the process's crypto manager, so the service and every worker with one keyring give identical outputs.
An `OperatorRegistry` turns a name and its parameters into a `BoundOperator`; `OPERATORS` is the policy's.
"""

from __future__ import annotations

import base64
import re
import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Any, ClassVar, Literal, Protocol

from faker import Faker
from faker.config import AVAILABLE_LOCALES
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from piimask.errors import OperatorError, UnmaskError


class KeyedCrypto(Protocol):
    """The part of `crypto.CryptoManager` that operators use (the engine does not import the top-level module)."""

    active_key_id: str
    key_ids: list[str]

    def hmac(self, value: str, *, context: str = "", key_id: str | None = None) -> bytes: ...

    def encrypt_deterministic(
        self, plaintext: bytes, *, associated: bytes = b"", key_id: str | None = None
    ) -> bytes: ...

    def decrypt_deterministic(self, ciphertext: bytes, *, key_id: str, associated: bytes = b"") -> bytes: ...

    def fpe_cipher(self, alphabet: str, context: str, key_id: str | None = None) -> Any: ...


class OperatorParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Operator:
    name: ClassVar[str]
    Params: ClassVar[type[OperatorParams]] = OperatorParams

    def validate(self, params: Mapping[str, Any]) -> OperatorParams:
        try:
            return self.Params.model_validate(params)
        except ValidationError as exc:
            raise self.invalid(exc) from None

    def invalid(self, exc: ValidationError) -> OperatorError:
        """The error for parameters that do not validate: each problem named by its parameter."""
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'parameters'}: "
            + ("unknown parameter" if err["type"] == "extra_forbidden" else err["msg"])
            for err in exc.errors()
        )
        return OperatorError(f"operator {self.name!r}: {problems}")

    reversible: ClassVar[bool] = False

    def operate(self, value: str, entity_type: str, params: Any, crypto: KeyedCrypto) -> str:
        raise NotImplementedError


class Keep(Operator):
    name = "keep"

    def operate(self, value: str, entity_type: str, params: OperatorParams, crypto: KeyedCrypto) -> str:
        return value


class Redact(Operator):
    """Removes the value entirely."""

    name = "redact"

    def operate(self, value: str, entity_type: str, params: OperatorParams, crypto: KeyedCrypto) -> str:
        return ""


class ReplaceParams(OperatorParams):
    value: str | None = Field(default=None, max_length=200, description="replacement text; default <ENTITY_TYPE>")


class Replace(Operator):
    name = "replace"
    Params = ReplaceParams

    def operate(self, value: str, entity_type: str, params: ReplaceParams, crypto: KeyedCrypto) -> str:
        return f"<{entity_type}>" if params.value is None else params.value


class MaskParams(OperatorParams):
    chars: str = Field(default="*", min_length=1, max_length=1, description="the masking character")
    keep: int = Field(default=0, ge=0, le=1000, description="characters left visible")
    count: int | None = Field(
        default=None, ge=0, description="mask this many characters instead, the rest left visible (with keep 0)"
    )
    from_end: bool = Field(default=False, description="mask from the end (keep the first N) instead of the start")
    only_alnum: bool = Field(default=True, description="leave separators such as '-', ' ', '@', '.' visible")

    @model_validator(mode="after")
    def _keep_or_count(self) -> MaskParams:
        if self.count is not None and self.keep:
            raise ValueError("give keep (characters left visible) or count (characters masked), not both")
        return self


class Mask(Operator):
    """Masks characters, leaving `keep` of them visible: by default '4111-1111-1111-1234' → '****-****-****-1234'.
    With `count`, masks that many instead (at the start, or at the end with `from_end`) whatever the length."""

    name = "mask"
    Params = MaskParams

    def operate(self, value: str, entity_type: str, params: MaskParams, crypto: KeyedCrypto) -> str:
        maskable = [i for i, ch in enumerate(value) if ch.isalnum() or not params.only_alnum]
        if params.count is not None:
            count = min(params.count, len(maskable))
            masked = set(maskable[len(maskable) - count :] if params.from_end else maskable[:count])
        else:
            visible = set()
            if params.keep:
                visible = set(maskable[: params.keep] if params.from_end else maskable[-params.keep :])
            masked = set(maskable) - visible
        return "".join(params.chars if i in masked else ch for i, ch in enumerate(value))


class HashParams(OperatorParams):
    encoding: Literal["hex", "base64url"] = "hex"
    length: int = Field(default=64, ge=8, le=64, description="characters of the encoded digest to keep")


class Hash(Operator):
    """HMAC-SHA256 under the keyring's active key: without the key a dictionary attack on the hashes is not possible.

    The entity type is not part of the input, so one value hashes the same whichever type it was detected as
    (joins between a text and a table keep working).
    """

    name = "hash"
    Params = HashParams

    def operate(self, value: str, entity_type: str, params: HashParams, crypto: KeyedCrypto) -> str:
        digest = crypto.hmac(value, context="hash")
        text = digest.hex() if params.encoding == "hex" else base64.urlsafe_b64encode(digest).decode().rstrip("=")
        return text[: params.length]


# ---------------------------------------------------------------- reversible operators

TOKEN_RE = re.compile(r"\[ENC:([A-Z][A-Z0-9_]*):([A-Za-z0-9]+):([A-Za-z0-9_-]+)\]")


class Encrypt(Operator):
    """Deterministic AES-SIV. The token `[ENC:<TYPE>:<key id>:<base64url>]` says which key and type it was made
    under, so unmask finds it inside free text and old tokens still decrypt after a rotation. Equal values give equal
    tokens under one key: joins work, and equality is what leaks."""

    name = "encrypt"
    reversible = True

    def operate(self, value: str, entity_type: str, params: OperatorParams, crypto: KeyedCrypto) -> str:
        sealed = crypto.encrypt_deterministic(value.encode(), associated=entity_type.encode())
        payload = base64.urlsafe_b64encode(sealed).decode().rstrip("=")
        return f"[ENC:{entity_type}:{crypto.active_key_id}:{payload}]"


def decrypt_token(match: re.Match[str], crypto: KeyedCrypto) -> str:
    entity_type, key_id, payload = match.groups()
    _require_key(crypto, key_id)
    try:
        sealed = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        return crypto.decrypt_deterministic(sealed, key_id=key_id, associated=entity_type.encode()).decode()
    except Exception:  # InvalidTag, bad base64 or UTF-8: all mean "not made by this key"
        raise UnmaskError(
            f"a {entity_type} token under key id {key_id!r} does not decrypt (altered or wrong key)"
        ) from None


def _require_key(crypto: KeyedCrypto, key_id: str) -> None:
    if key_id not in crypto.key_ids:
        raise UnmaskError(f"key id {key_id!r} is not in this keyring")


def unmask_tokens(text: str, crypto: KeyedCrypto, by_type: Counter[str] | None = None) -> tuple[str, int]:
    """Every encrypt token in `text` replaced by its value; returns the text and how many were restored, and adds
    them up per entity type in `by_type` when given (for the audit trail)."""
    count = 0

    def restore(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        if by_type is not None:
            by_type[m.group(1)] += 1
        return decrypt_token(m, crypto)

    return TOKEN_RE.sub(restore, text), count


DIGITS = "0123456789"
LETTERS = "abcdefghijklmnopqrstuvwxyz"


class FpeParams(OperatorParams):
    luhn: bool = Field(default=False, description="keep a valid Luhn check digit (card numbers)")


class Fpe(Operator):
    """Format-preserving encryption, FF3-1 (ff3 package): digits stay digits, letters stay letters (case kept),
    everything else stays where it is. Runs shorter than FF3-1's minimum domain (6 digits, 5 letters) stay in the
    clear; a value with no run long enough is replaced by <TYPE> rather than returned unchanged."""

    name = "fpe"
    Params = FpeParams
    reversible = True

    def operate(self, value: str, entity_type: str, params: FpeParams, crypto: KeyedCrypto) -> str:
        out = _fpe_transform(value, entity_type, params.luhn, crypto, crypto.active_key_id, decrypt=False)
        return out if out is not None else f"<{entity_type}>"


def fpe_restore(value: str, entity_type: str, crypto: KeyedCrypto, key_id: str | None, luhn: bool) -> str:
    out = _fpe_transform(value, entity_type, luhn, crypto, key_id or crypto.active_key_id, decrypt=True)
    if out is None:
        raise UnmaskError(f"a {entity_type} value is too short to have been format-preserving encrypted")
    return out


def _luhn_digit(payload: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def _fpe_transform(value: str, entity_type: str, luhn: bool, crypto: KeyedCrypto, key_id: str, decrypt: bool):
    digit_pos = [i for i, ch in enumerate(value) if ch in DIGITS]
    letter_pos = [i for i, ch in enumerate(value) if ch.isascii() and ch.isalpha()]
    check_pos = digit_pos.pop() if luhn and len(digit_pos) > 6 else None
    chars = list(value)
    changed = False
    for positions, alphabet, minimum, maximum in ((digit_pos, DIGITS, 6, 56), (letter_pos, LETTERS, 5, 40)):
        if not (minimum <= len(positions) <= maximum):
            continue
        _require_key(crypto, key_id)
        cipher = crypto.fpe_cipher(alphabet, entity_type, key_id)
        run = "".join(value[i].lower() for i in positions)
        result = cipher.decrypt(run) if decrypt else cipher.encrypt(run)
        for i, ch in zip(positions, result):
            chars[i] = ch.upper() if value[i].isupper() else ch
        changed = True
    if check_pos is not None and changed:
        chars[check_pos] = _luhn_digit("".join(chars[i] for i in digit_pos))
    return "".join(chars) if changed else None


# ---------------------------------------------------------------- pseudonyms and generalisation

_FAKERS: dict[str, tuple[Faker, threading.Lock]] = {}
_FAKERS_LOCK = threading.Lock()

# What a realistic stand-in looks like, per entity type; anything else gets a neutral code.
_FAKE_BY_TYPE = {
    "PERSON": lambda f: f.name(),
    "EMAIL_ADDRESS": lambda f: f.email(),
    "PHONE_NUMBER": lambda f: f.phone_number(),
    "LOCATION": lambda f: f.city(),
    "ORGANIZATION": lambda f: f.company(),
    "DATE_TIME": lambda f: f.date(),
    "CREDIT_CARD": lambda f: f.credit_card_number(),
    "IBAN_CODE": lambda f: f.iban(),
    "IP_ADDRESS": lambda f: f.ipv4(),
    "URL": lambda f: f.url(),
    "US_SSN": lambda f: f.ssn(),
    "NRP": lambda f: f.country(),
    "ZIP_CODE": lambda f: f.postcode(),
}


def _faker(locale: str) -> tuple[Faker, threading.Lock]:
    with _FAKERS_LOCK:
        if locale not in _FAKERS:
            _FAKERS[locale] = (Faker(locale), threading.Lock())
        return _FAKERS[locale]


class PseudonymizeParams(OperatorParams):
    locale: str = Field(default="en_US", description="Faker locale of the fakes")

    @field_validator("locale")
    @classmethod
    def _known_locale(cls, locale: str) -> str:
        if locale not in AVAILABLE_LOCALES:
            raise ValueError(f"{locale!r} is not a Faker locale")
        return locale


class Pseudonymize(Operator):
    """A realistic fake from Faker, seeded from the value's HMAC: the same value, type and locale give the same fake
    in every process and after restarts (with one keyring and the pinned Faker version). Not reversible."""

    name = "pseudonymize"
    Params = PseudonymizeParams

    def operate(self, value: str, entity_type: str, params: PseudonymizeParams, crypto: KeyedCrypto) -> str:
        seed = int.from_bytes(crypto.hmac(value, context=f"pseudonymize/{entity_type}/{params.locale}")[:8], "big")
        fake, lock = _faker(params.locale)
        make = _FAKE_BY_TYPE.get(entity_type, lambda f: f.bothify("??-########").upper())
        with lock:  # seeding and drawing must not interleave between threads
            fake.seed_instance(seed)
            return str(make(fake))


class GeneralizeParams(OperatorParams):
    granularity: Literal["year", "month"] = Field(default="year", description="dates: keep the year or the month")
    bucket: int = Field(default=10, ge=1, le=10**9, description="numbers: width of the range")


_DATE_FORMATS = (
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%d.%m.%Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%Y/%m/%d",
    "%m-%d-%Y",
    "%B %Y",
    "%b %Y",
)


def _parse_date(value: str) -> datetime | None:
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


parse_date = _parse_date  # the dates the generalize operator reads; tables' date hierarchies read the same


class Generalize(Operator):
    """Dates to their year or month ("1984-03-12" → "1984"), numbers to ranges ("42" → "40-49"); what it cannot
    read as either is replaced by <TYPE>, never returned as is."""

    name = "generalize"
    Params = GeneralizeParams

    def operate(self, value: str, entity_type: str, params: GeneralizeParams, crypto: KeyedCrypto) -> str:
        number = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(?:years?(?: old)?|yrs?|y/o)?\s*", value, flags=re.IGNORECASE)
        if number and entity_type != "DATE_TIME":
            low = int(float(number.group(1)) // params.bucket * params.bucket)
            return f"{low}-{low + params.bucket - 1}" if params.bucket > 1 else str(low)
        date = _parse_date(value)
        if date is not None:
            return f"{date.year:04d}" if params.granularity == "year" else f"{date.year:04d}-{date.month:02d}"
        return f"<{entity_type}>"


# ---------------------------------------------------------------- date shift per subject

# Numeric dates, as written: year first (ISO and 1984/03/12), or day and month first (12.03.1984, 03/12/1984);
# whatever follows the date (a time, a zone) is kept as written, since a shift by whole days never changes it.
_YMD = re.compile(r"(\s*)(\d{4})([-/.])(\d{1,2})\3(\d{1,2})((?:[T ]\d.*)?\s*)", re.DOTALL)
_DMY = re.compile(r"(\s*)(\d{1,2})([-/.])(\d{1,2})\3(\d{4})((?: \d.*)?\s*)", re.DOTALL)
_NAMED_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y")


class DateShiftParams(OperatorParams):
    max_days: int = Field(ge=1, le=36_500, description="the largest shift, in days, either way (never 0)")
    subject: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="tables: the column whose value is the subject (each subject's dates move alike); text: the "
        "subject's value itself; absent: each date is its own subject",
    )
    day_first: bool = Field(default=True, description="03/12/1984 is 3 December (false: 12 March); dots are day first")


def date_offset(subject: str, max_days: int, crypto: KeyedCrypto, key_id: str | None = None) -> int:
    """The subject's shift in days, in [-max_days, -1] or [1, max_days]: from the keyed HMAC of the subject's value,
    so it is the same in every job, process and text request under one key, and unguessable without it."""
    digest = crypto.hmac(subject, context="date_shift", key_id=key_id)
    draw = int.from_bytes(digest[:8], "big") % (2 * max_days)
    return draw - max_days if draw < max_days else draw - max_days + 1


def _shifted(year: int, month: int, day: int, days: int) -> datetime | None:
    try:
        return datetime(year, month, day) + timedelta(days=days)
    except (ValueError, OverflowError):
        return None


def _two_digits(padded: bool, number: int) -> str:
    return f"{number:02d}" if padded else str(number)


def shift_date(value: str, days: int, *, day_first: bool = True) -> str | None:
    """`value` moved by `days`, written as it was (separators, zero padding, month names, time and zone kept);
    None when it is not a date this operator reads."""
    if m := _YMD.fullmatch(value):
        lead, year, sep, month, day, rest = m.groups()
        moved = _shifted(int(year), int(month), int(day), days)
        if moved is None:
            return None
        padded = len(month) == 2 and len(day) == 2  # "1984/3/2" is written unpadded, and stays so
        return (
            f"{lead}{moved.year:04d}{sep}{_two_digits(padded, moved.month)}{sep}{_two_digits(padded, moved.day)}{rest}"
        )
    if m := _DMY.fullmatch(value):
        lead, first, sep, second, year, rest = m.groups()
        day_first_here = day_first or sep == "."
        day, month = (first, second) if day_first_here else (second, first)
        moved = _shifted(int(year), int(month), int(day), days)
        if moved is None:
            return None
        padded = len(first) == 2 and len(second) == 2
        d, mo = _two_digits(padded, moved.day), _two_digits(padded, moved.month)
        return f"{lead}{d if day_first_here else mo}{sep}{mo if day_first_here else d}{sep}{moved.year:04d}{rest}"
    text = value.strip()
    for fmt in _NAMED_FORMATS:
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        moved = _shifted(parsed.year, parsed.month, parsed.day, days)
        if moved is None:
            return None
        padded = re.search(r"\d{1,2}", text).group(0).startswith("0")  # "March 3, 1984" is the usual way
        out = moved.strftime(fmt).replace(moved.strftime("%d"), _two_digits(padded, moved.day), 1)
        return value[: len(value) - len(value.lstrip())] + out + value[len(value.rstrip()) :]
    return None


class DateShift(Operator):
    """Every date of one subject moves by the same number of days (from the keyed HMAC of the subject's value), so
    the intervals between a subject's dates are kept while the dates themselves are not published. Reversible with
    the key: a table column with `mode: unmask` and this operator moves the dates back. A value that is not a
    date is replaced by <TYPE>, never returned as is."""

    name = "date_shift"
    Params = DateShiftParams
    reversible = True

    def operate(self, value: str, entity_type: str, params: DateShiftParams, crypto: KeyedCrypto) -> str:
        subject = value if params.subject is None else params.subject
        return self.shift(value, subject, params, crypto) or f"<{entity_type}>"

    @staticmethod
    def shift(
        value: str,
        subject: str,
        params: DateShiftParams,
        crypto: KeyedCrypto,
        *,
        key_id: str | None = None,
        reverse: bool = False,
    ) -> str | None:
        """`value` moved by `subject`'s offset (back, with `reverse`); None when it is not a date."""
        if key_id is not None:
            _require_key(crypto, key_id)
        days = date_offset(subject, params.max_days, crypto, key_id)
        return shift_date(value, -days if reverse else days, day_first=params.day_first)


class BoundOperator:
    """An operator with validated parameters, ready to apply."""

    __slots__ = ("operator", "params")

    def __init__(self, operator: Operator, params: OperatorParams):
        self.operator = operator
        self.params = params

    @classmethod
    def from_spec(cls, spec: Mapping[str, Any]) -> BoundOperator:
        """A policy's `{"type": <operator>, ...parameters}`, bound with the policy's operators."""
        return OPERATORS.bind_spec(spec)

    @property
    def name(self) -> str:
        return self.operator.name

    def apply(self, value: str, entity_type: str, crypto: KeyedCrypto) -> str:
        return self.operator.operate(value, entity_type, self.params, crypto)


class OperatorRegistry:
    """Operators by name, and the one way a name and its parameters become a `BoundOperator`.

    The policy's operators are one registry (`OPERATORS`); another API can offer its own set under its own names
    and parameters (the Presidio-compatible routes do), sharing the operators whose semantics are the same.
    """

    def __init__(self, operators: Iterable[Operator]):
        self._by_name: Mapping[str, Operator] = MappingProxyType({op.name: op for op in operators})

    @property
    def names(self) -> tuple[str, ...]:
        """The operator names, in the order they were given."""
        return tuple(self._by_name)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def bind(self, name: str, params: Mapping[str, Any]) -> BoundOperator:
        operator = self._by_name.get(name)
        if operator is None:
            raise OperatorError(f"unknown operator {name!r}; known: {', '.join(sorted(self._by_name))}")
        return BoundOperator(operator, operator.validate(params))

    def bind_spec(self, spec: Mapping[str, Any]) -> BoundOperator:
        """`{"type": <name>, ...parameters}`."""
        params = dict(spec)
        name = params.pop("type", None)
        if not isinstance(name, str):
            raise OperatorError("an operator needs a 'type', one of: " + ", ".join(sorted(self._by_name)))
        return self.bind(name, params)


OPERATORS = OperatorRegistry(
    (Keep(), Redact(), Replace(), Mask(), Hash(), Encrypt(), Fpe(), Pseudonymize(), Generalize(), DateShift())
)

DEFAULT_OPERATOR = OPERATORS.bind("replace", {})
