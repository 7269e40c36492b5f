"""The unit every detector produces: a typed, scored span of the original text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A detected entity. `start`/`end` are Python string indices (code points) into the original text."""

    type: str
    start: int
    end: int
    score: float
    source: str = "pattern"  # "pattern" (recognizer), "model" (token classifier), "deny_list" or "ad_hoc"

    @property
    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end
