"""Entity-level scores on character spans: the matching rules and precision/recall/F1 that training's held-out
evaluation and the detection bench share, so both count the same way.

Matching is per type: a prediction is compared only with gold spans of its own type.

* Exact: a prediction is right when a gold span has its type, start and end; a gold span is found when a
  prediction equals it.
* Overlap: a prediction is right when it shares at least one character with a gold span of its type; a gold span
  is found when at least one prediction of its type shares a character with it. Not one-to-one: an address
  labelled as three adjacent gold spans and predicted as one span counts three found gold spans and one right
  prediction.

Precision = right predictions / predictions, recall = found gold spans / gold spans.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

LabeledSpan = tuple[str, int, int]  # (entity type, start, end), Python string indices


def overlaps(a: LabeledSpan, b: LabeledSpan) -> bool:
    """Whether two spans share at least one character (their types are not compared)."""
    return a[1] < b[2] and b[1] < a[2]


def prf(right_predictions: int, predictions: int, found_gold: int, gold: int) -> dict[str, float]:
    """Precision, recall and F1, rounded to four places; 0.0 where a denominator is zero."""
    p = right_predictions / predictions if predictions else 0.0
    r = found_gold / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


@dataclass(slots=True)
class MatchCounts:
    """The counts behind one type's (or a sum of types') exact and overlap figures."""

    predicted: int = 0
    gold: int = 0
    exact_predicted: int = 0  # predictions equal to a gold span
    exact_gold: int = 0  # gold spans equal to a prediction
    overlap_predicted: int = 0  # predictions sharing a character with a gold span of their type
    overlap_gold: int = 0  # gold spans sharing a character with a prediction of their type

    def __add__(self, other: MatchCounts) -> MatchCounts:
        return MatchCounts(
            self.predicted + other.predicted,
            self.gold + other.gold,
            self.exact_predicted + other.exact_predicted,
            self.exact_gold + other.exact_gold,
            self.overlap_predicted + other.overlap_predicted,
            self.overlap_gold + other.overlap_gold,
        )

    def exact(self) -> dict[str, float]:
        return prf(self.exact_predicted, self.predicted, self.exact_gold, self.gold)

    def overlap(self) -> dict[str, float]:
        return prf(self.overlap_predicted, self.predicted, self.overlap_gold, self.gold)


def scored_predictions(
    gold: Sequence[LabeledSpan], predicted: Sequence[LabeledSpan], unscored: Sequence[tuple[int, int]]
) -> list[LabeledSpan]:
    """The predictions that count. A prediction touching what the corpus leaves unannotated by its own guidelines
    (`unscored`: GUM's nationality adjectives, labels we do not map) counts neither way, unless it overlaps a gold
    span of its type."""
    if not unscored:
        return list(predicted)
    return [
        p
        for p in predicted
        if any(g[0] == p[0] and overlaps(g, p) for g in gold) or not any(p[1] < e and s < p[2] for s, e in unscored)
    ]


def count_matches(gold: Sequence[LabeledSpan], predicted: Sequence[LabeledSpan]) -> dict[str, MatchCounts]:
    """One text's counts, per type that its gold or its predictions hold."""
    counts: dict[str, MatchCounts] = {}
    gold_set, predicted_set = set(gold), set(predicted)
    for p in predicted:
        c = counts.setdefault(p[0], MatchCounts())
        c.predicted += 1
        c.exact_predicted += p in gold_set
        c.overlap_predicted += any(g[0] == p[0] and overlaps(g, p) for g in gold)
    for g in gold:
        c = counts.setdefault(g[0], MatchCounts())
        c.gold += 1
        c.exact_gold += g in predicted_set
        c.overlap_gold += any(p[0] == g[0] and overlaps(p, g) for p in predicted)
    return counts


def add_counts(total: dict[str, MatchCounts], text_counts: dict[str, MatchCounts]) -> None:
    """Add one text's counts into running totals per type."""
    for t, c in text_counts.items():
        total[t] = total.get(t, MatchCounts()) + c


def summed(counts: dict[str, MatchCounts], types: Iterable[str]) -> MatchCounts:
    """The micro counts over `types` (a type without counts adds nothing)."""
    total = MatchCounts()
    for t in types:
        total = total + counts.get(t, MatchCounts())
    return total


def entity_metrics(
    gold: Sequence[Sequence[LabeledSpan]], predicted: Sequence[Sequence[LabeledSpan]], types: Sequence[str]
) -> dict[str, dict[str, dict[str, float]]]:
    """Training's held-out figures: per mode ("overlap", "exact"), a row for each of `types` and one for "micro"
    (over every type predicted or in the gold), with precision, recall, F1, support (gold spans) and predicted."""
    counts: dict[str, MatchCounts] = {}
    for g, p in zip(gold, predicted):
        add_counts(counts, count_matches(g, p))
    rows = {t: counts.get(t, MatchCounts()) for t in types}
    rows["micro"] = summed(counts, counts)
    return {
        mode: {
            t: {**(c.overlap() if mode == "overlap" else c.exact()), "support": c.gold, "predicted": c.predicted}
            for t, c in rows.items()
        }
        for mode in ("overlap", "exact")
    }
