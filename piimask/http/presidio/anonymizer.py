"""presidio-anonymizer's routes: POST /anonymize, /deanonymize, GET /anonymizers, /deanonymizers.

The operators are the engine's (`piimask.operators`) behind Presidio's names and parameters: one `OperatorRegistry`
for the anonymizers and one for the deanonymizers. Where Presidio's operator means what ours means (replace,
redact, keep, mask) the Presidio one only reads Presidio's parameters and hands ours over; the extensions (fpe,
pseudonymize, generalize) are ours as they are; Presidio's own algorithms (salted SHA-2 `hash`, the client-key
AES-CBC `encrypt` and `decrypt`) are operators of their own here. Conflicts between the given results are resolved
with Presidio's algorithm, ported below.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Callable, Mapping
from typing import Any

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import ConfigDict, ValidationError, field_validator

from piimask.errors import OperatorError
from piimask.http.deps import EngineDep, SettingsDep, require
from piimask.http.errors import ApiError, client_name
from piimask.http.limits import check_texts
from piimask.http.presidio.schemas import MAX_RESULTS, AnonymizeRequest, AnonymizeResponse, DeanonymizeRequest
from piimask.operators import (
    BoundOperator,
    Fpe,
    Generalize,
    Keep,
    KeyedCrypto,
    Mask,
    MaskParams,
    Operator,
    OperatorParams,
    OperatorRegistry,
    Pseudonymize,
    Redact,
    Replace,
    ReplaceParams,
)

router = APIRouter(tags=["presidio"], dependencies=[require("mask")])


# ---------------------------------------------------------------- /anonymize: Presidio's conflict resolution


class _Result:
    __slots__ = ("entity_type", "start", "end", "score")

    def __init__(self, entity_type: str, start: int, end: int, score: float | None):
        self.entity_type, self.start, self.end, self.score = entity_type, start, end, score

    def intersects(self, other: _Result) -> int:
        if self.end < other.start or other.end < self.start:
            return 0
        return min(self.end, other.end) - max(self.start, other.start)


def _merge_same_type_intersections(results: list[_Result]) -> list[_Result]:
    """AnonymizerEngine._merge_same_entity_type_intersections (presidio-anonymizer 2.2.366): one sorted sweep per
    entity type; a merged result keeps the union, the highest score and the position of the last one absorbed."""
    by_type: dict[str, list[tuple[int, _Result]]] = {}
    for position, result in enumerate(results):
        by_type.setdefault(result.entity_type, []).append((position, result))
    kept: list[tuple[int, _Result]] = []
    for positioned in by_type.values():
        positioned.sort(key=lambda item: (item[1].start, item[1].end))
        position, current = positioned[0]
        for next_position, result in positioned[1:]:
            if current.intersects(result) == 0:
                kept.append((position, current))
                position, current = next_position, result
                continue
            current.start = min(current.start, result.start)
            current.end = max(current.end, result.end)
            current.score = max(current.score, result.score)
            position = max(position, next_position)
        kept.append((position, current))
    kept.sort(key=lambda item: item[0])
    return [result for _, result in kept]


def _remove_contained(results: list[_Result]) -> list[_Result]:
    """AnonymizerEngine._remove_contained_results (2.2.366): a result contained in another is dropped; of equal
    spans the highest score survives, the last one on a tie."""
    order = sorted(range(len(results)), key=lambda i: (results[i].start, -results[i].end))
    dropped: set[int] = set()
    largest_end: int | None = None
    group_start = 0
    while group_start < len(order):
        first = results[order[group_start]]
        group_end = group_start
        while group_end < len(order) and (results[order[group_end]].start, results[order[group_end]].end) == (
            first.start,
            first.end,
        ):
            group_end += 1
        group = order[group_start:group_end]
        if largest_end is not None and largest_end >= first.end:
            dropped.update(group)
        else:
            survivor = max(group, key=lambda i: (results[i].score, i))
            dropped.update(i for i in group if i != survivor)
        if largest_end is None or first.end > largest_end:
            largest_end = first.end
        group_start = group_end
    return [result for i, result in enumerate(results) if i not in dropped]


def _resolve_conflicts(results: list[_Result]) -> list[_Result]:
    """AnonymizerEngine._remove_conflicts_and_get_text_manipulation_data, MERGE_SIMILAR_OR_CONTAINED."""
    return _remove_contained(_merge_same_type_intersections(results)) if results else []


def _merge_with_spaces(text: str, results: list[_Result]) -> list[_Result]:
    """AnonymizerEngine._merge_entities_with_spaces_between."""
    merged: list[_Result] = []
    previous = None
    for result in results:
        if previous is not None and previous.entity_type == result.entity_type:
            if re.search(r"^( )+$", text[previous.end : result.start]):
                merged.pop()  # Presidio's merged.remove(previous): previous is the last one appended
                result.start = previous.start
        merged.append(result)
        previous = result
    return merged


def _operate(text: str, entities: list[_Result], apply: Callable[[_Result, str], tuple[str, str]]) -> dict:
    """EngineBase._operate + TextReplaceBuilder: replace from the end; items' offsets are in the output text."""
    output, last = text, len(text)
    raw: list[tuple[int, str, str, str, float | None]] = []
    for entity in sorted(entities, key=lambda e: (e.start, e.end), reverse=True):
        if len(text) < entity.start or entity.end > len(text):
            raise ApiError(
                422,
                "invalid_result",
                f"a result spans {entity.start}-{entity.end}, while the text is only {len(text)} characters long",
            )
        new, operator_name = apply(entity, text[entity.start : entity.end])
        end_of_text = min(entity.end, last)
        last = entity.start
        after = output[end_of_text:]
        output = output[: entity.start] + new + after
        raw.append((len(after) + len(new), entity.entity_type, new, operator_name, entity.score))
    items = []
    for index_from_end, entity_type, new, operator_name, score in raw:  # EngineResult.normalize_item_indexes
        start = len(output) - index_from_end
        items.append(
            {
                "start": start,
                "end": start + len(new),
                "entity_type": entity_type,
                "text": new,
                "operator": operator_name,
                "score": score,
            }
        )
    return {"text": output, "items": items}


# ---------------------------------------------------------------- Presidio's operators


class PresidioParams(OperatorParams):
    """Presidio's parameter rules: each type checked as it is (no "4" for 4), unknown parameters ignored."""

    model_config = ConfigDict(extra="ignore", frozen=True, strict=True)


_JSON_TYPES = {"string_type": "string", "int_type": "number", "bool_type": "boolean"}


class PresidioOperator(Operator):
    """An operator under Presidio's parameters, reporting a bad one in presidio-anonymizer's words (the first
    problem only, as Presidio stops at it)."""

    Params = PresidioParams

    def validate(self, params: Mapping[str, Any]) -> OperatorParams:
        return self.ours(super().validate(params))

    def ours(self, params: Any) -> OperatorParams:
        """Presidio's parameters as those of the operator this one delegates to (unchanged for its own ones)."""
        return params

    def invalid(self, exc: ValidationError) -> OperatorError:
        err = exc.errors()[0]
        name = ".".join(str(p) for p in err["loc"])
        if err["type"] == "missing" or (err["type"] in _JSON_TYPES and err["input"] is None):
            return OperatorError(f"Expected parameter {name}")
        if err["type"] in _JSON_TYPES:
            return OperatorError(f"Invalid parameter value for {name}. Expecting '{_JSON_TYPES[err['type']]}'.")
        return OperatorError(str(err["msg"]).removeprefix("Value error, "))


class PresidioKeep(PresidioOperator, Keep):
    pass


class PresidioRedact(PresidioOperator, Redact):
    pass


class DeanonymizeKeep(PresidioOperator, Keep):
    name = "deanonymize_keep"


class PresidioReplaceParams(PresidioParams):
    new_value: str | None = None

    @field_validator("new_value", mode="before")
    @classmethod
    def _empty_means_default(cls, value: Any) -> Any:
        return value or None  # Presidio: any false-like new_value means <ENTITY_TYPE>


class PresidioReplace(PresidioOperator, Replace):
    Params = PresidioReplaceParams

    def ours(self, params: PresidioReplaceParams) -> ReplaceParams:
        # constructed, not validated: Presidio sets no length limit on new_value, and its rules already ran
        return ReplaceParams.model_construct(value=params.new_value)


class PresidioMaskParams(PresidioParams):
    masking_char: str
    chars_to_mask: int
    from_end: bool | None = False  # Presidio's docs say it defaults to false; its code demands the field

    @field_validator("masking_char")
    @classmethod
    def _one_character(cls, value: str) -> str:
        if len(value) > 1:
            raise ValueError("Invalid input, masking_char must be a character")
        return value


class PresidioMask(PresidioOperator, Mask):
    """Presidio's mask: `chars_to_mask` characters, separators included, from the start (or the end)."""

    Params = PresidioMaskParams

    def ours(self, params: PresidioMaskParams) -> MaskParams:
        # constructed, not validated: Presidio accepts an empty masking_char (the characters are then removed)
        return MaskParams.model_construct(
            chars=params.masking_char,
            count=max(params.chars_to_mask, 0),
            from_end=bool(params.from_end),
            only_alnum=False,
        )


HASH_TYPES = ("sha256", "sha512")


class SaltedHashParams(PresidioParams):
    hash_type: Any = "sha256"
    salt: str | None = None

    @field_validator("hash_type")
    @classmethod
    def _known(cls, value: Any) -> Any:
        if value not in HASH_TYPES:
            raise ValueError(f"Parameter hash_type is not in range of values {list(HASH_TYPES)}")
        return value

    @field_validator("salt", mode="before")
    @classmethod
    def _given(cls, value: Any) -> Any:
        if value is None:  # runs only when the request names a salt: an explicit null is no salt
            raise ValueError("Expected parameter salt")
        return value

    @field_validator("salt")
    @classmethod
    def _long_enough(cls, value: str) -> str:
        size = len(value.encode())
        if size < 16:
            raise ValueError(f"Salt must be at least 16 bytes (128 bits). Provided salt is {size} bytes.")
        return value


class SaltedHash(PresidioOperator):
    """Presidio's hash: SHA-2 of value + salt. Without a salt, a random 32-byte one per entity (as Presidio >=
    2.2.36x), so the output is unlinkable and never a bare, dictionary-attackable hash. Ours (`/v1`) is keyed."""

    name = "hash"
    Params = SaltedHashParams

    def operate(self, value: str, entity_type: str, params: SaltedHashParams, crypto: KeyedCrypto) -> str:
        salt = params.salt.encode() if params.salt is not None else os.urandom(32)
        return hashlib.new(params.hash_type, value.encode() + salt).hexdigest()


class AesKeyParams(PresidioParams):
    key: str

    @field_validator("key")
    @classmethod
    def _aes_length(cls, value: str) -> str:
        if len(value.encode("utf-8")) * 8 not in (128, 192, 256):
            raise ValueError("Invalid input, key must be of length 128, 192 or 256 bits")
        return value


class ClientEncrypt(PresidioOperator):
    """Presidio's encrypt under the client's key: AES-CBC, random IV, PKCS7, urlsafe base64 of IV + ciphertext
    (unauthenticated, as Presidio's). Keyring-managed, authenticated tokens are /v1's `encrypt`."""

    name = "encrypt"
    Params = AesKeyParams

    def operate(self, value: str, entity_type: str, params: AesKeyParams, crypto: KeyedCrypto) -> str:
        padder = padding.PKCS7(algorithms.AES.block_size).padder()
        padded = padder.update(value.encode("utf-8")) + padder.finalize()
        iv = os.urandom(16)
        encryptor = Cipher(algorithms.AES(params.key.encode("utf-8")), modes.CBC(iv)).encryptor()
        return base64.urlsafe_b64encode(iv + encryptor.update(padded) + encryptor.finalize()).decode()


class ClientDecrypt(PresidioOperator):
    """Presidio's decrypt: reverses `ClientEncrypt` (and Presidio's own encrypt) with the same key."""

    name = "decrypt"
    Params = AesKeyParams

    def operate(self, value: str, entity_type: str, params: AesKeyParams, crypto: KeyedCrypto) -> str:
        try:
            data = base64.urlsafe_b64decode(value)
            if len(data) < 32 or len(data) % 16:
                raise ValueError
            decryptor = Cipher(algorithms.AES(params.key.encode("utf-8")), modes.CBC(data[:16])).decryptor()
            padded = decryptor.update(data[16:]) + decryptor.finalize()
            unpadder = padding.PKCS7(128).unpadder()
            return (unpadder.update(padded) + unpadder.finalize()).decode("utf-8")
        except Exception:  # bad base64, wrong key (padding), not UTF-8: all mean "not encrypted with this key"
            raise ApiError(422, "cannot_decrypt", "a value does not decrypt with the given key") from None


# GET /anonymizers lists them in this order: Presidio's, then the extensions (ours, with our parameters)
ANONYMIZERS = OperatorRegistry(
    (
        PresidioReplace(),
        PresidioRedact(),
        PresidioMask(),
        SaltedHash(),
        ClientEncrypt(),
        PresidioKeep(),
        Fpe(),
        Pseudonymize(),
        Generalize(),
    )
)
DEANONYMIZERS = OperatorRegistry((ClientDecrypt(), DeanonymizeKeep()))


class OperatorsConfig:
    """Presidio's operators config: an entity type's operator, else DEFAULT's. Each is bound (its parameters
    checked) on first use, as Presidio checks them, so a config for a type the results do not hold never fails."""

    def __init__(
        self, config: dict[str, dict[str, Any]] | None, registry: OperatorRegistry, kind: str, crypto: KeyedCrypto
    ):
        self.registry, self.kind, self.crypto = registry, kind, crypto
        self._specs: dict[str, tuple[str, dict[str, Any]]] = {}
        for entity, spec in (config or {}).items():
            name = spec.get("type")
            if not name or not isinstance(name, str):
                raise OperatorError(
                    f"Invalid input, operator config for {client_name(entity)} must contain operator_name (its 'type')"
                )
            self._specs[entity] = (name, {k: v for k, v in spec.items() if k != "type"})
        self._bound: dict[str, BoundOperator] = {}

    @classmethod
    def anonymizers(cls, config: dict[str, dict[str, Any]] | None, crypto: KeyedCrypto) -> OperatorsConfig:
        operators = cls(config, ANONYMIZERS, "anonymizer", crypto)
        if any(name == "custom" for name, _ in operators._specs.values()):
            raise ApiError(400, "unsupported_operator", "Custom type anonymizer is not supported")
        operators._specs.setdefault("DEFAULT", ("replace", {}))
        return operators

    @classmethod
    def deanonymizers(cls, config: dict[str, dict[str, Any]] | None, crypto: KeyedCrypto) -> OperatorsConfig:
        return cls(config, DEANONYMIZERS, "deanonymizer", crypto)

    def apply(self, entity: _Result, value: str) -> tuple[str, str]:
        """The replacement of `value` and the operator's name."""
        key = entity.entity_type if entity.entity_type in self._specs else "DEFAULT"
        bound = self._bound.get(key) or self._bind(key, entity.entity_type)
        return bound.apply(value, entity.entity_type, self.crypto), bound.name

    def _bind(self, key: str, entity_type: str) -> BoundOperator:
        if key not in self._specs:
            raise OperatorError(f"no {self.kind} for entity type {client_name(entity_type)} and no DEFAULT")
        name, params = self._specs[key]
        if name not in self.registry:
            raise OperatorError(
                f"Invalid operator class {client_name(name)}; {self.kind}s: " + ", ".join(self.registry.names)
            )
        bound = self._bound[key] = self.registry.bind(name, params)
        return bound


# ---------------------------------------------------------------- routes


def _check_span(start: int, end: int, entity_type: str, where: str) -> None:
    if not entity_type:
        raise ApiError(422, "invalid_result", f"{where}: Invalid input, result must contain entity_type")
    if start < 0 or end < 0:
        raise ApiError(422, "invalid_result", f"{where}: Invalid input, result start and end must be positive")
    if start > end:
        raise ApiError(
            422,
            "invalid_result",
            f"{where}: Invalid input, start index '{start}' must be smaller than end index '{end}'",
        )


@router.post("/anonymize", response_model=AnonymizeResponse, summary="Presidio-compatible")
def presidio_anonymize(body: AnonymizeRequest, settings: SettingsDep, engine: EngineDep) -> JSONResponse:
    check_texts(settings, [body.text], field="text", listed=False)
    if body.analyzer_results is None:
        raise ApiError(422, "invalid_request", "Invalid input, request must contain analyzer results")
    if len(body.analyzer_results) > MAX_RESULTS:
        raise ApiError(413, "too_many_results", f"analyzer_results: the limit is {MAX_RESULTS} per request")
    operators = OperatorsConfig.anonymizers(body.anonymizers, engine.crypto)
    results = []
    for i, r in enumerate(body.analyzer_results):
        _check_span(r.start, r.end, r.entity_type, f"analyzer_results[{i}]")
        results.append(_Result(r.entity_type, r.start, r.end, r.score))
    results.sort(key=lambda r: (r.start, r.end))
    results = _merge_with_spaces(body.text, _resolve_conflicts(results))
    return JSONResponse(_operate(body.text, results, operators.apply))


@router.post("/deanonymize", response_model=AnonymizeResponse, summary="Presidio-compatible")
def presidio_deanonymize(body: DeanonymizeRequest, settings: SettingsDep, engine: EngineDep) -> JSONResponse:
    check_texts(settings, [body.text], field="text", listed=False)
    entities = body.anonymizer_results or []
    if len(entities) > MAX_RESULTS:
        raise ApiError(413, "too_many_results", f"anonymizer_results: the limit is {MAX_RESULTS} per request")
    operators = OperatorsConfig.deanonymizers(body.deanonymizers, engine.crypto)
    results = []
    for i, r in enumerate(entities):
        _check_span(r.start, r.end, r.entity_type, f"anonymizer_results[{i}]")
        results.append(_Result(r.entity_type, r.start, r.end, r.score))
    ordered = sorted(results, key=lambda r: (r.start, r.end))
    if any(a.end > b.start for a, b in zip(ordered, ordered[1:])):
        raise ApiError(422, "invalid_result", "anonymizer_results: the entities overlap")
    return JSONResponse(_operate(body.text, results, operators.apply))


@router.get("/anonymizers", response_model=list[str], summary="Presidio-compatible")
def presidio_anonymizers() -> list[str]:
    return list(ANONYMIZERS.names)


@router.get("/deanonymizers", response_model=list[str], summary="Presidio-compatible")
def presidio_deanonymizers() -> list[str]:
    return list(DEANONYMIZERS.names)
