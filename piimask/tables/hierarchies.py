"""Generalization hierarchies for quasi-identifiers: each writes a value at levels 0 (as written) up to `height`
(`*`, everything in one group).

Every level is a function of the level below (the hierarchies nest), so raising a level can only merge classes,
never split them: the search over levels relies on it. Blank and missing values are left as they are at every
level (a missing birth date is its own class, and is suppressed if that class is too small).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Protocol

from piimask.operators import parse_date
from piimask.policy import HierarchySpec

STAR = "*"
DEFAULT_BANDS = (5, 10, 20, 100)  # ages: 40-44, 40-49, 40-59, 0-99, then *
PREFIX_MAX_HEIGHT = 10  # characters masked one by one from the end, at most; the level after is `*`
INFER_SHARE = 0.9  # of the sampled values that must read as numbers (or dates) for the column to be one

_NUMBER = re.compile(r"\s*-?\d+(?:\.\d+)?\s*")
_POSTCODE_HEADER = re.compile(r"\bzip|post.?code|postal|\bplz\b", re.IGNORECASE)
_DATE_HEADER = re.compile(r"birth|\bdob\b|date|_at$|_on$", re.IGNORECASE)


class Hierarchy(Protocol):
    kind: str
    height: int

    def levels(self, value: str) -> list[str]:
        """`value` at each level, 0 to `height`."""
        ...

    def level_name(self, level: int) -> str: ...


def _blank(value: str) -> bool:
    return not value.strip()


@dataclass(frozen=True)
class DateHierarchy:
    """Dates (as the generalize operator reads them) → month → year → decade → `*`; a value that is not a date is
    `*` from level 1."""

    kind = "date"
    height = 4
    _names = ("as is", "month", "year", "decade", STAR)

    def levels(self, value: str) -> list[str]:
        if _blank(value):
            return [value] * 5
        date = parse_date(value)
        if date is None:
            return [value, STAR, STAR, STAR, STAR]
        decade = date.year // 10 * 10
        return [value, f"{date.year:04d}-{date.month:02d}", f"{date.year:04d}", f"{decade:04d}-{decade + 9:04d}", STAR]

    def level_name(self, level: int) -> str:
        return self._names[level]


@dataclass(frozen=True)
class NumberHierarchy:
    """Numbers → bands of growing width (42 → 40-44 → 40-49 → 40-59 → 0-99) → `*`; each width is a multiple of
    the one before, so the bands nest. A value that is not a number is `*` from level 1."""

    bands: tuple[int, ...] = DEFAULT_BANDS
    kind = "number"

    @property
    def height(self) -> int:
        return len(self.bands) + 1

    def levels(self, value: str) -> list[str]:
        if _blank(value):
            return [value] * (self.height + 1)
        if not _NUMBER.fullmatch(value):
            return [value] + [STAR] * self.height
        number = float(value)
        out = [value]
        for width in self.bands:
            low = math.floor(number / width) * width
            out.append(f"{low}-{low + width - 1}" if width > 1 else str(low))
        return out + [STAR]

    def level_name(self, level: int) -> str:
        if level == 0:
            return "as is"
        return STAR if level == self.height else f"bands of {self.bands[level - 1]}"


@dataclass(frozen=True)
class PrefixHierarchy:
    """Postcodes and ZIPs → their prefixes: level i masks the last i characters (94110 → 9411* → 941** …), the
    top level is `*`."""

    height: int = 5
    kind = "prefix"

    def levels(self, value: str) -> list[str]:
        if _blank(value):
            return [value] * (self.height + 1)
        out = [value]
        for masked in range(1, self.height):
            keep = max(len(value) - masked, 0)
            out.append(value[:keep] + STAR * (len(value) - keep))
        return out + [STAR]

    def level_name(self, level: int) -> str:
        if level == 0:
            return "as is"
        return STAR if level == self.height else f"last {level} masked"


@dataclass(frozen=True)
class CategoricalHierarchy:
    """Categories → the user's groups, level by level (a value a level does not name becomes `*`) → `*`. Without
    a mapping: the value, then `*`."""

    mapping: tuple[dict[str, str], ...] = ()
    kind = "categorical"

    @property
    def height(self) -> int:
        return len(self.mapping) + 1

    def levels(self, value: str) -> list[str]:
        if _blank(value):
            return [value] * (self.height + 1)
        out, current = [value], value
        for groups in self.mapping:
            current = STAR if current == STAR else groups.get(current, STAR)
            out.append(current)
        return out + [STAR]

    def level_name(self, level: int) -> str:
        if level == 0:
            return "as is"
        return STAR if level == self.height else f"mapping {level}"


@dataclass(frozen=True)
class KeptHierarchy:
    """A quasi-identifier the policy keeps as it is (`columns: {name: {mode: keep}}`): counted, never generalized."""

    kind = "kept"
    height = 0

    def levels(self, value: str) -> list[str]:
        return [value]

    def level_name(self, level: int) -> str:
        return "as is"


def infer_kind(name: str, sample: list[str]) -> str:
    """The hierarchy a quasi-identifier gets when the policy names none: from its header, then its values."""
    if _POSTCODE_HEADER.search(name):
        return "prefix"
    if _DATE_HEADER.search(name):
        return "date"
    values = [v for v in sample if v and v.strip()]
    if not values:
        return "categorical"
    if sum(1 for v in values if _NUMBER.fullmatch(v)) >= INFER_SHARE * len(values):
        return "number"
    if sum(1 for v in values if parse_date(v) is not None) >= INFER_SHARE * len(values):
        return "date"
    return "categorical"


def build_hierarchy(kind: str, spec: HierarchySpec | None, longest: int = 5) -> Hierarchy:
    """The hierarchy of `kind`, with the policy's parameters; a prefix one is as tall as the longest value
    (`longest` characters), at most PREFIX_MAX_HEIGHT."""
    if kind == "date":
        return DateHierarchy()
    if kind == "number":
        return NumberHierarchy(tuple(spec.bands) if spec and spec.bands else DEFAULT_BANDS)
    if kind == "prefix":
        return PrefixHierarchy(max(1, min(longest, PREFIX_MAX_HEIGHT)))
    if kind == "categorical":
        return CategoricalHierarchy(tuple(spec.mapping) if spec and spec.mapping else ())
    if kind == "kept":
        return KeptHierarchy()
    raise ValueError(f"unknown hierarchy kind {kind!r}")
