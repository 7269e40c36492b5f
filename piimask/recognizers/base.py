"""The shared machinery of the pattern recognizers: the Recognizer protocol, Pattern, context words and clauses,
PatternRecognizer, and the within-type overlap resolution every recognizer ends with.

Design points (why it looks the way it does):

* Every regex is compiled once, at import. A recognizer first runs a cheap prefilter (a required character, or
  "is any of my context words anywhere in the text" for formats that are only reported with context), so most
  recognizers cost a substring test on texts that cannot contain their entity.
* Validators (``piimask.validators``) run only on regex candidates. A validator answers True (checksum
  confirmed: the score rises to the recognizer's ``confirmed_score``), False (the candidate is dropped) or None
  (structure fine but nothing to confirm: the pattern's base score stays).
* Formats that are just "N digits" (bank accounts, passports, driver licences, weak mod-10/11 checksums) are
  reported above the default threshold (0.5) only with a context word nearby (`requires_context`). Without one
  they are still candidates, at a low score (`no_context_score`, `no_context_confirmed_score` when a checksum
  confirms the value): the default policy never sees them, a caller who lowers the threshold does, as with
  Presidio's pattern recognizers, which report such values everywhere at a low score and let the caller's
  threshold decide.
* Overlaps *between* entity types are left to the merge step (score and specificity); a recognizer set only
  removes exact duplicates. Within one recognizer, overlapping candidates are resolved (longest, then best).
* What every recognizer asks about a text (its lower-cased form, its digit count) is computed once per text
  (``TextFacts``) by the recognizer set and passed down, rather than cached in module state.

Score policy of the country identifiers: a value confirmed by a check digit that random numbers rarely pass (a
birth date *and* a check digit, or two check digits) is reported on its own; a single mod-10/mod-11 digit passes
one number in ten, so a bare digit run that ordinary text is full of (9-13 digits: phones, orders, barcodes) is
reported above the threshold only with a context word in its clause (requires_context); without one it scores
NO_CONTEXT_CONFIRMED_SCORE (0.3) when its checksum holds and NO_CONTEXT_SCORE (0.1) when it has none to check.
Letter-and-digit formats without a check digit (plates, passports, licences) keep a base score below 0.5: a
context word lifts them over the threshold.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from piimask.prefilters import digit_count, min_digits
from piimask.spans import Span


@dataclass(frozen=True)
class TextFacts:
    """What every recognizer asks about one text, computed once per text by the recognizer set and passed down."""

    text: str
    lower: str  # text.lower()
    digits: int  # piimask.prefilters.digit_count(text)
    # the lowest score the caller keeps: a recognizer may skip what could only score below it (0: keep everything)
    floor: float = 0.0

    @classmethod
    def of(cls, text: str, floor: float = 0.0) -> TextFacts:
        return cls(text, text.lower(), digit_count(text), floor)


@runtime_checkable
class Recognizer(Protocol):
    """What the recognizer set needs of a recognizer: built-in or supplied per request."""

    name: str
    entities: frozenset[str]
    min_digits: int  # a text with fewer \d characters cannot hold a match (0: no bound)

    def analyze(self, text: str, facts: TextFacts | None = None) -> list[Span]:
        """Spans found in `text`; `facts` are `TextFacts.of(text)` when the caller has them (None: computed here)."""
        ...


Validator = Callable[[str], "bool | None"]
Refiner = Callable[[str], "str | None"]

# Boundaries for digit-based identifiers: not glued to a word, a dash, or a decimal ("3.123456789", "1,234").
# Commas alone are allowed before a value so that CSV-like log lines ("John,536-22-1234,…") still match.
NUM_L = r"(?<![\w\-])(?<!\d[.,])"
NUM_R = r"(?![\w\-])(?![.,]\d)"
# A left boundary for identifiers whose check is strong enough to be looked for glued to a word ("is030594W903B"):
# not inside a number; such a pattern is reported above the threshold only with a context word.
GLUED_L = r"(?<![\d\-])(?<!\d[.,])"
# Boundaries for alphanumeric identifiers.
WORD_L = r"(?<![\w\-])"
WORD_R = r"(?![\w\-])"
# The score of a requires_context candidate without its context word: below the default threshold (0.5), so that
# only a caller who asks for low-score candidates (score_threshold below it) sees them. A confirmed checksum
# makes a random digit run one in ten or eleven: more likely, but still not enough on its own.
NO_CONTEXT_SCORE = 0.1
NO_CONTEXT_CONFIRMED_SCORE = 0.3
# Words around a vehicle plate, shared by the plate recognizers of every region (each adds its own).
PLATE_CONTEXT = (
    "license plate",
    "licence plate",
    "number plate",
    "registration plate",
    "plate number",
    "plate",
    "vehicle registration",
    "vehicle",
    "registration",
    "reg no",
    "car",
)


def structure_only(check: Callable[[str], bool]) -> Validator:
    """Adapt a structural check (no checksum) to the validator protocol: pass → None (no boost), fail → False."""

    def _validator(value: str) -> bool | None:
        return None if check(value) else False

    _validator.__name__ = f"structure_only({getattr(check, '__name__', 'check')})"
    return _validator


def checked(structure: Callable[[str], bool], check: Callable[[str], bool]) -> Validator:
    """A code whose structure is distinctive (letters and digits in fixed places) and that carries a check
    character: True (confirmed) when `check` holds, None when only `structure` does (a typo or a made-up example:
    the pattern's own, low, score), False otherwise. As Presidio's recognizers do for such codes, a wrong check
    character lowers the score instead of dropping the candidate."""

    def _validator(value: str) -> bool | None:
        if check(value):
            return True
        return None if structure(value) else False

    _validator.__name__ = f"checked({getattr(check, '__name__', 'check')})"
    return _validator


@dataclass(frozen=True, slots=True)
class Pattern:
    """One regex of a recognizer. `score` is the score of a candidate that its validator neither confirms nor
    rejects; `requires_context` overrides the recognizer's setting for this pattern (None: inherit)."""

    regex: re.Pattern[str]
    score: float
    requires_context: bool | None = None
    group: int | str = 0


def pattern(
    regex: str, score: float, *, requires_context: bool | None = None, flags: int = 0, group: int | str = 0
) -> Pattern:
    return Pattern(re.compile(regex, flags), score, requires_context, group)


def context_regex(words: Iterable[str]) -> re.Pattern[str] | None:
    words = sorted({w.lower() for w in words}, key=len, reverse=True)
    if not words:
        return None
    alternation = "|".join(re.escape(w).replace(r"\ ", r"[\s\-_]*") for w in words)
    # Letter boundaries only, so that "SSN:", "dl#", "passport-no" and "ID123" all count; a trailing plural is ok.
    return re.compile(rf"(?<![^\W\d_])(?:{alternation})(?:s|es)?(?![^\W\d_])", re.IGNORECASE)


def context_keys(words: Iterable[str]) -> tuple[str, ...]:
    """Substrings that every occurrence of a context word contains (its first alphanumeric run, lower-cased),
    for the plain `in` test that decides whether context-only patterns are worth running at all."""
    keys = set()
    for w in words:
        m = re.match(r"[^\W_]+", w.lower())
        keys.add(m.group() if m else w.lower())
    return tuple(sorted(keys))


# A context word counts only inside the candidate's own clause: "Driver's licence: D1234567. Passport 123456789"
# must not make 123456789 a driver licence. Clause ends: sentence punctuation followed by a space, a newline, ';'.
# The dot of a number label ("Passport No. X", "applications nos. X and Y", "Ausweis-Nr. X", "IdNr. X", "Ref. X",
# "Reg. X") does not end one.
_CLAUSE_END = re.compile(r"(?<!\b[Nn][Oo])(?<!\b[Nn][Oo][Ss])(?<![Nn][Rr])(?<!\b[Rr]e[fg])[.!?](?=\s)|[\n;|]")


def context_near(regex: re.Pattern[str], text: str, start: int, end: int, before: int, after: int) -> bool:
    lo = max(0, start - before)
    last_end = None
    for match in _CLAUSE_END.finditer(text, lo, start):
        last_end = match
    if last_end is not None:
        lo = last_end.end()
    if regex.search(text, lo, start) is not None:
        return True
    if after <= 0:
        return False
    hi = min(len(text), end + after)
    stop = _CLAUSE_END.search(text, end, hi)
    if stop is not None:
        hi = stop.start()
    return regex.search(text, end, hi) is not None


class PatternRecognizer:
    """Regex candidates → optional refine (trim) → optional validator → context scoring → spans.

    Scores: a candidate starts at its pattern's score, rises to `confirmed_score` when the validator confirms it,
    and by `context_boost` with a context word in its clause. Without that word, a `requires_context` candidate
    keeps at most `no_context_score` (`no_context_confirmed_score` when confirmed, the full confirmed score when
    `checksum_overrides_context`). With `lower_case_score`, the patterns also match in lower or mixed case and
    such a candidate scores at most that (formats printed in capitals whose lower-case look-alikes are words).

    Two cheap gates run before any regex: `keywords` (one of them must occur in the text; a keyword written in
    lower case is looked for in the lower-cased text, one with capitals as written: ``("claim", "CLM")``) and
    `prefilter` (any test on the text itself). Both are necessary conditions of a match, never scoring rules."""

    def __init__(
        self,
        entity: str,
        patterns: Sequence[Pattern],
        *,
        validator: Validator | None = None,
        confirmed_score: float = 0.95,
        context: Sequence[str] = (),
        context_boost: float = 0.3,
        requires_context: bool = False,
        checksum_overrides_context: bool = False,
        no_context_score: float = NO_CONTEXT_SCORE,
        no_context_confirmed_score: float = NO_CONTEXT_CONFIRMED_SCORE,
        lower_case_score: float | None = None,
        negative_context: Sequence[str] = (),
        prefilter: Callable[[str], bool] | None = None,
        keywords: Sequence[str] = (),
        refine: Refiner | None = None,
        context_before: int = 50,
        context_after: int = 25,
        name: str | None = None,
    ) -> None:
        self.entity = entity
        self.entities = frozenset({entity})
        self.name = name or f"{entity.lower()}_recognizer"
        if lower_case_score is not None:  # the patterns also match in lower case, where they score at most this
            patterns = [
                Pattern(
                    re.compile(p.regex.pattern, p.regex.flags | re.IGNORECASE), p.score, p.requires_context, p.group
                )
                for p in patterns
            ]
        self.lower_case_score = lower_case_score
        self.patterns = tuple(patterns)
        self.validator = validator
        self.confirmed_score = confirmed_score
        self.context_boost = context_boost
        self.requires_context = requires_context
        self.checksum_overrides_context = checksum_overrides_context
        self.no_context_score = no_context_score
        self.no_context_confirmed_score = no_context_confirmed_score
        self.prefilter = prefilter
        self.keywords = tuple(keywords)
        self.refine = refine
        self.context_before = context_before
        self.context_after = context_after
        self._context = context_regex(context)
        self._context_keys = context_keys(context)
        self._negative = context_regex(negative_context)
        if requires_context and self._context is None:
            raise ValueError(f"{self.name}: requires_context without context words")
        # the digits each regex must consume: a text with fewer skips it (see piimask.prefilters)
        self._pattern_digits = tuple(min_digits(p.regex) for p in self.patterns)
        self.min_digits = min(self._pattern_digits, default=0)

    def _needs_context(self, p: Pattern) -> bool:
        return self.requires_context if p.requires_context is None else p.requires_context

    def _near(self, regex: re.Pattern[str], text: str, start: int, end: int, after: bool = True) -> bool:
        return context_near(regex, text, start, end, self.context_before, self.context_after if after else 0)

    def _keyword_in(self, facts: TextFacts) -> bool:
        return any(k in (facts.lower if k == k.lower() else facts.text) for k in self.keywords)

    def analyze(self, text: str, facts: TextFacts | None = None) -> list[Span]:
        facts = facts or TextFacts.of(text)
        digits = facts.digits
        if digits < self.min_digits:
            return []
        if self.keywords and not self._keyword_in(facts):
            return []
        if self.prefilter is not None and not self.prefilter(text):
            return []
        # If no context word occurs anywhere, no candidate of this recognizer can be boosted by one.
        context_anywhere = self._context is not None and any(k in facts.lower for k in self._context_keys)
        best: dict[tuple[int, int], float] = {}
        for p, needs_digits in zip(self.patterns, self._pattern_digits):
            if digits < needs_digits:
                continue
            needs_context = self._needs_context(p)
            if needs_context and not context_anywhere and self._best_without_context(p) < facts.floor:
                continue  # every candidate would be a low-score one, and nobody asked for those
            for m in p.regex.finditer(text):
                start, end = m.span(p.group)
                value = text[start:end]
                if self.refine is not None:
                    refined = self.refine(value)
                    if not refined:
                        continue
                    value = refined
                    end = start + len(refined)
                verdict = self.validator(value) if self.validator is not None else None
                if verdict is False:
                    continue
                score = max(p.score, self.confirmed_score) if verdict else p.score
                if self._negative is not None and self._near(self._negative, text, start, end, after=False):
                    continue
                has_context = context_anywhere and self._near(self._context, text, start, end)
                if has_context:
                    score = min(1.0, score + self.context_boost)
                elif needs_context and not (verdict and self.checksum_overrides_context):
                    score = min(score, self.no_context_confirmed_score if verdict else self.no_context_score)
                if self.lower_case_score is not None and value != value.upper():
                    score = min(score, self.lower_case_score)
                key = (start, end)
                if score > best.get(key, -1.0):
                    best[key] = score
        return resolve_overlaps(self.entity, best)

    def _best_without_context(self, p: Pattern) -> float:
        """The highest score a candidate of `p` can reach when no context word is near it."""
        if self.checksum_overrides_context and self.validator is not None:
            return 1.0
        return self.no_context_confirmed_score if self.validator is not None else min(p.score, self.no_context_score)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"


def resolve_overlaps(entity: str, best: dict[tuple[int, int], float], source: str = "pattern") -> list[Span]:
    """Within one entity type keep, among overlapping candidates, the longest (then the highest scored).

    Candidates are swept in start order into clusters of mutually chained overlaps; the greedy choice runs per
    cluster, so the cost stays linear in the (usually large, rarely overlapping) number of candidates."""
    if not best:
        return []
    items = sorted(best.items())
    kept: list[Span] = []
    cluster: list[tuple[tuple[int, int], float]] = []
    cluster_end = -1

    def flush() -> None:
        chosen: list[tuple[int, int]] = []
        for (start, end), score in sorted(cluster, key=lambda kv: (kv[0][0] - kv[0][1], -kv[1], kv[0][0])):
            if all(end <= s or e <= start for s, e in chosen):
                chosen.append((start, end))
                kept.append(Span(entity, start, end, round(score, 4), source))

    for (start, end), score in items:
        if cluster and start >= cluster_end:
            flush()
            cluster = []
        cluster.append(((start, end), score))
        cluster_end = max(cluster_end, end) if len(cluster) > 1 else end
    flush()
    kept.sort(key=lambda s: s.start)
    return kept
