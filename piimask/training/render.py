"""Annotated sentences from the generator's templates: `render` fills one template, `generate` draws many.

Text and spans are built piece by piece, so every span's offsets are exact by construction; the output depends on
the seed only (every Faker call is re-seeded from the example's random generator), so training data is reproducible.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from piimask.training.data import values  # the module: PLACEHOLDERS is read per call, so a test can swap it
from piimask.training.data.templates import PLACEHOLDER_RE, TEMPLATES, Template

NO_ENTITY_RATIO = 0.15
LOWER_CASE_RATIO = 0.15
UPPER_CASE_RATIO = 0.03
VALUE_LOWER_RATIO = 0.06  # one value lower-cased inside otherwise normal text ("call maria gonzalez")
TYPO_RATIO = 0.04


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    spans: list[tuple[int, int, str]]  # (start, end, label), Python string indices
    template_id: str
    # real text: what its corpus left unlabelled, outside the loss in training and outside the score in evaluation
    ignore: tuple[tuple[int, int], ...] = ()


def _has_entity(t: Template) -> bool:
    return any(values.PLACEHOLDERS[m.group(1)][0] is not None for m in PLACEHOLDER_RE.finditer(t.text))


def _typo(rng: random.Random, s: str) -> str:
    letters = [i for i, ch in enumerate(s) if ch.isalpha()]
    if len(letters) < 5:
        return s
    i = letters[rng.randrange(1, len(letters) - 1)]  # keep the first letter: typos rarely hit it
    op = rng.randrange(3)
    if op == 0 and i + 1 < len(s) and s[i + 1].isalpha():
        return s[:i] + s[i + 1] + s[i] + s[i + 2 :]
    if op == 1:
        return s[:i] + s[i + 1 :]
    return s[:i] + s[i] + s[i:]


def render(template: Template, rng: random.Random) -> Example:
    """Fill one template. Text and spans are built piece by piece, so offsets are exact by construction."""
    drawer = values.Values(rng)
    case = "lower" if rng.random() < LOWER_CASE_RATIO else "upper" if rng.random() < UPPER_CASE_RATIO else "keep"
    pieces: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = 0
    last_person: str | None = None
    cursor = 0

    def emit(s: str, label: str | None) -> None:
        nonlocal pos
        if case == "lower":
            s = s.lower()
        elif case == "upper":
            s = s.upper()
        if label is not None:
            # Values never carry edge whitespace (Faker sometimes does), so spans are tight.
            stripped = s.strip()
            lead = len(s) - len(s.lstrip())
            s = stripped
            if lead:
                pieces.append(" " * lead)
                pos += lead
            spans.append((pos, pos + len(s), label))
        pieces.append(s)
        pos += len(s)

    for m in PLACEHOLDER_RE.finditer(template.text):
        emit(template.text[cursor : m.start()], None)
        label, draw = values.PLACEHOLDERS[m.group(1)]
        value = draw(drawer, last_person)
        if label == "PERSON":
            last_person = value
        if label is not None:
            if rng.random() < TYPO_RATIO:
                value = _typo(rng, value)
            if case == "keep" and rng.random() < VALUE_LOWER_RATIO:
                value = value.lower()
        emit(value, label)
        cursor = m.end()
    emit(template.text[cursor:], None)
    return Example("".join(pieces), spans, template.template_id)


def generate(n: int, seed: int, *, template_filter: Callable[[str], bool] | None = None) -> list[Example]:
    """`n` examples, deterministic for `seed`. About NO_ENTITY_RATIO of them come from entity-free templates."""
    pool = [t for t in TEMPLATES if template_filter is None or template_filter(t.template_id)]
    if not pool:
        raise ValueError("template_filter keeps no template")
    with_entities = [t for t in pool if _has_entity(t)]
    without = [t for t in pool if not _has_entity(t)]
    rng = random.Random(seed)
    out: list[Example] = []
    for _ in range(n):
        use_none = without and (not with_entities or rng.random() < NO_ENTITY_RATIO)
        group = without if use_none else with_entities
        out.append(render(group[rng.randrange(len(group))], rng))
    return out


if __name__ == "__main__":  # a quick look at the data: python -m piimask.training.render [N] [SEED]
    import sys

    n_arg = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    seed_arg = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    for ex in generate(n_arg, seed_arg):
        print(f"--- {ex.template_id}\n{ex.text}")
        for s, e, lab in ex.spans:
            print(f"    {lab:<12} {ex.text[s:e]!r}")
