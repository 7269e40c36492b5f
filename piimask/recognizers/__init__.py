"""Pattern recognizers: regexes, validators and context words, tuned for precision.

`base` holds the `Recognizer` protocol and the shared pattern machinery. Every other module is one kind of
entity (`generic`: the types that are the same in every country; `phone`, `address`, `titles`, `references`) or one region
(`americas`, `europe`, `asia_pacific`, `africa`: each country's identifiers, in one place), and offers
`recognizers()`. This package builds the default set from them and runs a set over a text.
"""

from __future__ import annotations

from collections.abc import Iterable

from piimask.recognizers import (
    address, africa, americas, asia_pacific, europe, generic, phone, references, titles,
)
from piimask.recognizers.base import Pattern, PatternRecognizer, Recognizer, TextFacts, pattern, structure_only
from piimask.spans import Span


def default_recognizers() -> list[Recognizer]:
    """All built-in recognizers. Cheap to call: the regexes are compiled at import time."""
    return [
        *generic.recognizers(), *phone.recognizers(), *address.recognizers(), *titles.recognizers(),
        *americas.recognizers(), *europe.recognizers(), *asia_pacific.recognizers(), *africa.recognizers(),
        *references.recognizers(),
    ]


class RecognizerSet:
    """Runs a list of recognizers over a text and returns their spans, without exact duplicates."""

    def __init__(self, recognizers: Iterable[Recognizer]) -> None:
        self.recognizers = list(recognizers)
        self.supported_entities: frozenset[str] = frozenset().union(*(r.entities for r in self.recognizers))

    def analyze(self, text: str, entities: set[str] | frozenset[str] | None = None) -> list[Span]:
        if not text:
            return []
        best: dict[tuple[str, int, int], Span] = {}
        facts = TextFacts.of(text)
        for recognizer in self.recognizers:
            if recognizer.min_digits > facts.digits or (entities is not None and not (recognizer.entities & entities)):
                continue
            for span in recognizer.analyze(text, facts):
                if entities is not None and span.type not in entities:
                    continue
                key = (span.type, span.start, span.end)
                if key not in best or span.score > best[key].score:
                    best[key] = span
        return sorted(best.values(), key=lambda s: (s.start, -s.end, s.type))


__all__ = [
    "Pattern", "PatternRecognizer", "Recognizer", "RecognizerSet", "TextFacts",
    "default_recognizers", "pattern", "structure_only",
]
