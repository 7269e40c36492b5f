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


REVERSIBLE_COLUMN_OPERATORS = ("fpe", "date_shift")  # the whole cell is one replacement that the key restores


class ColumnSpec(BaseModel):
    """Per-column override for tables: a fixed entity type and/or operator, free text, or keep as is."""

    model_config = ConfigDict(extra="forbid")
    entity: str | None = None
    operator: OperatorSpec | None = None
    mode: Literal["entity", "text", "keep", "unmask"] | None = None
    key_id: str | None = Field(default=None, description="unmask of an fpe column: the key it was masked under")

    @model_validator(mode="after")
    def _consistent(self) -> ColumnSpec:
        if self.mode is None:
            self.mode = "entity" if (self.entity or self.operator) else None
        if self.mode == "entity" and not self.entity and not self.operator:
            raise ValueError("mode 'entity' needs an 'entity' or an 'operator'")
        if (
            self.mode == "unmask"
            and self.operator is not None
            and self.operator.type not in REVERSIBLE_COLUMN_OPERATORS
        ):
            raise ValueError(
                "mode 'unmask' takes no operator, or the 'fpe' or 'date_shift' operator the column was masked with"
            )
        if self.mode == "unmask" and self.operator is not None and self.operator.type == "date_shift":
            if not (self.operator.model_extra or {}).get("subject"):
                raise ValueError("unmask of a 'date_shift' column needs the 'subject' column its dates were shifted by")
        if self.mode is None:
            raise ValueError("a column needs 'entity', 'operator' or 'mode'")
        return self


class HierarchySpec(BaseModel):
    """How one quasi-identifier is generalized, level by level; the last level is always `*`."""

    model_config = ConfigDict(extra="forbid")
    type: Literal["date", "number", "prefix", "categorical"] = Field(
        description="date: month, year, decade; number: bands; prefix: characters masked from the end; "
        "categorical: the mapping's levels"
    )
    bands: list[int] | None = Field(
        default=None, min_length=1, max_length=8, description="number: band widths, each a multiple of the one before"
    )
    mapping: list[dict[str, str]] | None = Field(
        default=None,
        min_length=1,
        max_length=8,
        description="categorical: per level, each value of the level below → its group (a value left out → '*')",
    )

    @model_validator(mode="after")
    def _params_of_type(self) -> HierarchySpec:
        if self.bands is not None:
            if self.type != "number":
                raise ValueError("'bands' belong to a 'number' hierarchy")
            if any(b < 1 for b in self.bands):
                raise ValueError("bands must be at least 1 wide")
            if any(wider % narrower or wider <= narrower for narrower, wider in zip(self.bands, self.bands[1:])):
                raise ValueError("each band width must be a larger multiple of the one before (bands must nest)")
        if self.mapping is not None and self.type != "categorical":
            raise ValueError("'mapping' belongs to a 'categorical' hierarchy")
        return self


class RiskSpec(BaseModel):
    """The re-identification target for tables: k-anonymity on the quasi-identifiers, optionally l-diversity of the
    sensitive columns, reached by generalizing the quasi-identifiers and suppressing at most `suppress_max` rows."""

    model_config = ConfigDict(extra="forbid")
    k: int = Field(ge=1, le=1_000_000, description="every combination of quasi-identifiers is shared by ≥ k rows")
    l: int | None = Field(default=None, ge=1, le=1_000, description="each class holds ≥ l distinct sensitive values")  # noqa: E741
    suppress_max: float = Field(default=0.0, ge=0.0, le=1.0, description="largest share of rows that may be left out")
    generalize: bool = Field(default=True, description="false: measure against the target only, change nothing")
    hierarchies: dict[str, HierarchySpec] = Field(
        default_factory=dict,
        description="quasi-identifier → its hierarchy; otherwise chosen from its header and values",
    )


class Policy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    entities: list[str] | None = Field(default=None, description="only these entity types; all when absent")
    score_threshold: float = Field(default=0.5, ge=0.0, le=1.0)
    thresholds: dict[str, float] = Field(
        default_factory=dict, description="per entity type, overriding score_threshold"
    )
    operators: dict[str, OperatorSpec] = Field(default_factory=dict, description="entity type (or DEFAULT) → operator")
    allow_list: list[str] = Field(default_factory=list, description="values never masked")
    deny_list: dict[str, list[str]] = Field(default_factory=dict, description="entity type → values always masked")
    columns: dict[str, ColumnSpec] = Field(default_factory=dict, description="tables: per-column overrides")
    quasi_identifiers: list[str] = Field(
        default_factory=list, max_length=12, description="tables: columns that single people out in combination"
    )
    sensitive: list[str] = Field(
        default_factory=list, max_length=12, description="tables: columns whose l-diversity is measured"
    )
    risk: RiskSpec | None = Field(default=None, description="tables: the k-anonymity (and l-diversity) target")

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
    def _check_names_and_bind_operators(self) -> Policy:
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
        self._check_risk()
        return self

    def _check_risk(self) -> None:
        for field in ("quasi_identifiers", "sensitive"):
            names = getattr(self, field)
            if len(set(names)) != len(names) or any(not n for n in names):
                raise ValueError(f"'{field}' names a column twice, or an empty name")
        if both := sorted(set(self.quasi_identifiers) & set(self.sensitive)):
            raise ValueError(f"column {both[0]!r} is both a quasi-identifier and sensitive")
        if self.risk is None:
            return
        if not self.quasi_identifiers:
            raise ValueError("'risk' needs 'quasi_identifiers' (the columns it is measured on)")
        if self.risk.l is not None and not self.sensitive:
            raise ValueError("risk.l needs 'sensitive' columns (l-diversity is measured on them)")
        if extra := sorted(set(self.risk.hierarchies) - set(self.quasi_identifiers)):
            raise ValueError(f"risk.hierarchies[{extra[0]!r}] is not a quasi-identifier")
        if self.risk.generalize:
            for name in self.quasi_identifiers:
                spec = self.columns.get(name)
                if spec is not None and spec.mode != "keep":
                    raise ValueError(
                        f"columns[{name!r}]: a quasi-identifier under 'risk' is generalized, not masked; give it "
                        "risk.hierarchies, or mode 'keep' to leave it as it is"
                    )

    @property
    def measures_risk(self) -> bool:
        """Tables: the report measures re-identification risk on the output's quasi-identifiers."""
        return bool(self.quasi_identifiers)

    @property
    def generalizes(self) -> bool:
        """Tables: the quasi-identifiers are generalized (and rows suppressed) to reach `risk`."""
        return self.risk is not None and self.risk.generalize

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
