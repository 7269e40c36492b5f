"""Operators: what happens to a detected value. Each is a small class with `validate` and `operate`.

`validate(params)` turns the policy's JSON into typed parameters (a pydantic model, so a bad parameter is reported
by name); `operate(value, entity_type, params, crypto)` returns the replacement. Operators are stateless; keyed ones
take the process's crypto manager, so the service and every worker with one keyring give identical outputs.
"""

from __future__ import annotations

import base64
from typing import Any, ClassVar, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class KeyedCrypto(Protocol):
    """The part of `crypto.CryptoManager` that operators use (the engine does not import the top-level module)."""

    def hmac(self, value: str, *, context: str = "", key_id: str | None = None) -> bytes: ...


class OperatorParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OperatorError(ValueError):
    """A policy names an unknown operator or bad parameters. The message names the operator and parameter."""


class Operator:
    name: ClassVar[str]
    Params: ClassVar[type[OperatorParams]] = OperatorParams

    def validate(self, params: dict[str, Any]) -> OperatorParams:
        try:
            return self.Params.model_validate(params)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc']) or 'parameters'}: {err['msg']}" for err in exc.errors()
            )
            raise OperatorError(f"operator {self.name!r}: {problems}") from None

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
    from_end: bool = Field(default=False, description="mask from the end (keep the first N) instead of the start")
    only_alnum: bool = Field(default=True, description="leave separators such as '-', ' ', '@', '.' visible")


class Mask(Operator):
    """Masks characters, leaving `keep` of them visible: by default '4111-1111-1111-1234' → '****-****-****-1234'."""

    name = "mask"
    Params = MaskParams

    def operate(self, value: str, entity_type: str, params: MaskParams, crypto: KeyedCrypto) -> str:
        maskable = [i for i, ch in enumerate(value) if ch.isalnum() or not params.only_alnum]
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


OPERATORS: dict[str, Operator] = {op.name: op for op in (Keep(), Redact(), Replace(), Mask(), Hash())}


class BoundOperator:
    """An operator with validated parameters, ready to apply."""

    __slots__ = ("operator", "params")

    def __init__(self, operator: Operator, params: OperatorParams):
        self.operator = operator
        self.params = params

    @classmethod
    def from_spec(cls, spec: dict[str, Any]) -> "BoundOperator":
        spec = dict(spec)
        name = spec.pop("type", None)
        if not isinstance(name, str):
            raise OperatorError("an operator needs a 'type', one of: " + ", ".join(sorted(OPERATORS)))
        operator = OPERATORS.get(name)
        if operator is None:
            raise OperatorError(f"unknown operator {name!r}; known: {', '.join(sorted(OPERATORS))}")
        return cls(operator, operator.validate(spec))

    @property
    def name(self) -> str:
        return self.operator.name

    def apply(self, value: str, entity_type: str, crypto: KeyedCrypto) -> str:
        return self.operator.operate(value, entity_type, self.params, crypto)


DEFAULT_OPERATOR = BoundOperator(OPERATORS["replace"], ReplaceParams())
