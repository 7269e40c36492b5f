"""The masking policy: one JSON shape shared by text and table requests (types, thresholds, operators, allow and
deny lists, and for tables the per-column overrides)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from piimask.entities import KNOWN_ENTITY_TYPES
from piimask.errors import OperatorError
from piimask.operators import DEFAULT_OPERATOR, BoundOperator


class OperatorSpec(BaseModel):
    """`{"type": "<operator>", ...parameters}`; the parameters are checked by the operator itself."""

    model_config = ConfigDict(extra="allow")
    type: str


class ColumnSpec(BaseModel):
    """Per-column override for tables: a fixed entity type and/or operator, free text, or keep as is."""

    model_config = ConfigDict(extra="forbid")
    entity: str | None = None
    operator: OperatorSpec | None = None
    mode: Literal["entity", "text", "keep", "unmask"] | None = None
    key_id: str | None = Field(default=None, description="unmask of an fpe column: the key it was masked under")

    @model_validator(mode="after")
    def _consistent(self) -> "ColumnSpec":
        if self.mode is None:
            self.mode = "entity" if (self.entity or self.operator) else None
        if self.mode == "entity" and not self.entity and not self.operator:
            raise ValueError("mode 'entity' needs an 'entity' or an 'operator'")
        if self.mode == "unmask" and self.operator is not None and self.operator.type != "fpe":
            raise ValueError("mode 'unmask' takes no operator, or the 'fpe' operator the column was masked with")
        if self.mode is None:
            raise ValueError("a column needs 'entity', 'operator' or 'mode'")
        return self


class Policy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    entities: list[str] | None = Field(default=None, description="only these entity types; all when absent")
    score_threshold: float = Field(default=0.5, ge=0.0, le=1.0)
    thresholds: dict[str, float] = Field(default_factory=dict, description="per entity type, overriding score_threshold")
    operators: dict[str, OperatorSpec] = Field(default_factory=dict, description="entity type (or DEFAULT) → operator")
    allow_list: list[str] = Field(default_factory=list, description="values never masked")
    deny_list: dict[str, list[str]] = Field(default_factory=dict, description="entity type → values always masked")
    columns: dict[str, ColumnSpec] = Field(default_factory=dict, description="tables: per-column overrides")

    _bound: dict[str, BoundOperator] = PrivateAttr(default_factory=dict)
    _column_bound: dict[str, BoundOperator] = PrivateAttr(default_factory=dict)
    _allowed: frozenset[str] = PrivateAttr(default=frozenset())

    @field_validator("deny_list")
    @classmethod
    def _deny_values(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for entity, words in value.items():
            if not entity or not entity.replace("_", "").isalnum() or not entity.isupper():
                raise ValueError(f"deny_list type {entity!r} must be an upper-case name like EMPLOYEE_ID")
            if any(not w for w in words):
                raise ValueError(f"deny_list[{entity}] holds an empty value")
        return value

    @model_validator(mode="after")
    def _check_names_and_bind_operators(self) -> "Policy":
        known = KNOWN_ENTITY_TYPES | set(self.deny_list)
        for entity in self.entities or []:
            if entity not in known:
                raise ValueError(f"unknown entity type {entity!r} in 'entities'")
        for column, spec in self.columns.items():
            if spec.entity and spec.entity not in known:
                raise ValueError(f"unknown entity type {spec.entity!r} in columns[{column!r}]")
        for entity, value in self.thresholds.items():
            if entity not in known:
                raise ValueError(f"unknown entity type {entity!r} in 'thresholds'")
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"thresholds[{entity!r}] must be between 0 and 1")
        for entity, spec in self.operators.items():
            if entity != "DEFAULT" and entity not in known:
                raise ValueError(f"unknown entity type {entity!r} in 'operators'")
            try:
                self._bound[entity] = BoundOperator.from_spec(spec.model_dump())
            except OperatorError as exc:
                raise ValueError(f"operators[{entity!r}]: {exc}") from None
        for column, spec in self.columns.items():
            if spec.operator is not None:
                try:
                    self._column_bound[column] = BoundOperator.from_spec(spec.operator.model_dump())
                except OperatorError as exc:
                    raise ValueError(f"columns[{column!r}].operator: {exc}") from None
        self._allowed = frozenset(a.casefold() for a in self.allow_list)
        return self

    @property
    def unmasks(self) -> bool:
        return any(spec.mode == "unmask" for spec in self.columns.values())

    def threshold(self, entity_type: str) -> float:
        return self.thresholds.get(entity_type, self.score_threshold)

    def wants(self, entity_type: str) -> bool:
        return self.entities is None or entity_type in self.entities or entity_type in self.deny_list

    def operator_for(self, entity_type: str) -> BoundOperator:
        return self._bound.get(entity_type) or self._bound.get("DEFAULT") or DEFAULT_OPERATOR

    def column_operator(self, column: str, entity_type: str) -> BoundOperator:
        return self._column_bound.get(column) or self.operator_for(entity_type)

    def allows(self, value: str) -> bool:
        """True for a value on the allow list (case-insensitive): it is never masked."""
        return value.casefold() in self._allowed


DEFAULT_POLICY = Policy()


def parse_policy(raw: dict[str, Any] | None) -> Policy:
    return DEFAULT_POLICY if raw is None else Policy.model_validate(raw)
