"""The masking engine: detection (recognizers + token classifier + deny list), merging, and operators.

One instance per process. The service holds one as its `text_masking_worker`; each RQ worker holds its own as
the table-masking worker. The engine keeps no per-request state, so threads may share it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from piimask.model import TokenClassifier
from piimask.operators import KeyedCrypto
from piimask.policy import Policy
from piimask.recognizers import Recognizer, RecognizerSet, default_recognizers
from piimask.spans import Span

PART_TYPES = frozenset(
    {"TITLE", "ZIP_CODE", "UK_POSTCODE", "CA_POSTAL_CODE", "DE_PLZ"}
)  # often a piece of a larger one
WORD_TYPES = frozenset({"NRP"})  # dictionary words that are also parts of longer names
_RANK = {"deny_list": 2, "ad_hoc": 2, "pattern": 1, "model": 0}  # ad_hoc: a recognizer sent with the request


@dataclass(frozen=True, slots=True)
class MaskedEntity:
    type: str
    start: int
    end: int
    score: float
    operator: str
    replacement: str
    key_id: str | None = None  # for reversible operators: the key that unmasks the replacement
    source: str = "model"  # what found it: model, pattern, deny_list, ad_hoc


@dataclass(frozen=True, slots=True)
class MaskResult:
    masked_text: str
    entities: list[MaskedEntity]


def resolve_overlaps(spans: Sequence[Span]) -> list[Span]:
    """Non-overlapping spans: same-type overlaps are joined; otherwise the more specific, then higher-scoring wins.

    Specificity: a deny-list hit beats a validated pattern, which beats the model; on a tie a longer span wins.
    """
    models = [s for s in spans if s.source == "model"]
    # A title or postcode found inside a model span is part of it ("Dr." of "Dr. Savage", the ZIP of an address):
    # letting it win would unmask the rest of the name or address.
    # Likewise a group word inside a longer name ("Republicans" of "Senate Republicans", an organisation); where
    # the model gave the word alone another type ("Indonesians" as a place), the dictionary's NRP wins.
    spans = [
        s
        for s in spans
        if not (
            s.source == "pattern"
            and (
                (
                    s.type in PART_TYPES
                    and any(m.type != s.type and m.start <= s.start and s.end <= m.end for m in models)
                )
                or (s.type in WORD_TYPES and any(m.type != s.type and _strictly_inside(s, m) for m in models))
            )
        )
    ]
    by_type: dict[str, list[Span]] = {}
    for span in spans:
        by_type.setdefault(span.type, []).append(span)
    joined: list[Span] = []
    for group in by_type.values():
        group.sort(key=lambda s: (s.start, -s.end))
        current = group[0]
        for span in group[1:]:
            if span.start < current.end:
                keep = current if (_RANK[current.source], current.score) >= (_RANK[span.source], span.score) else span
                current = Span(current.type, current.start, max(current.end, span.end), keep.score, keep.source)
            else:
                joined.append(current)
                current = span
        joined.append(current)
    joined.sort(key=lambda s: (_RANK[s.source], s.score, s.length), reverse=True)
    kept: list[Span] = []
    for span in joined:
        if not any(span.overlaps(k) for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def _strictly_inside(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and outer.length > inner.length


def _deny_list_spans(text: str, policy: Policy) -> list[Span]:
    spans = []
    for entity, words in policy.deny_list.items():
        for word in words:
            # Whole-word, case-insensitive: "E-1001" must not match inside "E-10011".
            for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text, flags=re.IGNORECASE):
                spans.append(Span(entity, m.start(), m.end(), 1.0, "deny_list"))
    return spans


def _done(compute: Callable[[], Any]) -> Future:
    """A finished future of `compute()`, or of its exception."""
    future: Future = Future()
    try:
        future.set_result(compute())
    except Exception as exc:
        future.set_exception(exc)
    return future


class MaskingEngine:
    def __init__(
        self,
        classifier: TokenClassifier | None,
        crypto: KeyedCrypto,
        recognizers: RecognizerSet | None = None,
        predict: Callable[[Sequence[str]], list[list[Span]]] | None = None,
    ):
        self.classifier = classifier
        self.crypto = crypto
        self.recognizers = recognizers or RecognizerSet(default_recognizers())
        # The service passes a MicroBatcher, so concurrent requests share forward passes.
        self._predict = predict or (classifier.predict if classifier else None)

    @property
    def entity_types(self) -> frozenset[str]:
        model_types = self.classifier.entity_types if self.classifier else frozenset()
        return self.recognizers.supported_entities | model_types

    def describe(self) -> dict:
        return {
            "model": self.classifier.describe() if self.classifier else None,
            "recognized_entity_types": sorted(self.entity_types),
        }

    def analyze(self, texts: Sequence[str], policy: Policy, extra: Sequence[Recognizer] = ()) -> list[list[Span]]:
        """Entities per text, after thresholds, allow/deny lists and overlap resolution.

        `extra`: recognizers a request brought along (the Presidio-compatible API's ad-hoc ones). They run whatever
        `policy.entities` says (the caller chose them), under the same thresholds and allow list, and their spans
        are merged with the built-in ones in the same single overlap resolution.
        """
        worded = self._model_texts(texts, policy)
        found = self._predict([texts[i] for i in worded]) if worded else []
        return self._merge(texts, policy, worded, found, RecognizerSet(extra) if extra else None)

    def analyze_later(self, texts: Sequence[str], policy: Policy, deadline: float | None = None) -> Future:
        """A future of `analyze`. With a MicroBatcher the model work is scheduled among other requests' and the rest
        runs on its post-processing threads; past `deadline` (a `time.monotonic()` instant) the future fails with
        `DeadlineExceeded`."""
        return self._later(texts, policy, lambda spans: spans, deadline)

    def mask_later(self, texts: Sequence[str], policy: Policy, deadline: float | None = None) -> Future:
        """A future of `mask`, computed like `analyze_later`'s."""
        return self._later(texts, policy, lambda spans: self._apply_all(texts, spans, policy), deadline)

    def _later(
        self, texts: Sequence[str], policy: Policy, finish: Callable[[list[list[Span]]], Any], deadline: float | None
    ) -> Future:
        submit = getattr(self._predict, "submit", None)
        if submit is None:
            return _done(lambda: finish(self.analyze(texts, policy)))
        worded = self._model_texts(texts, policy)
        return submit(
            [texts[i] for i in worded],
            then=lambda found: finish(self._merge(texts, policy, worded, found)),
            deadline=deadline,
        )

    def _model_texts(self, texts: Sequence[str], policy: Policy) -> list[int]:
        """Which texts the model reads: a text without a letter holds no name, place or organisation, and its
        numbers are the validated recognizers' business, so id, amount and code columns skip the model."""
        wanted = None if policy.entities is None else set(policy.entities)
        if self._predict is None or self.classifier is None:
            return []
        if wanted is not None and not wanted & self.classifier.entity_types:
            return []
        return [i for i, text in enumerate(texts) if any(ch.isalpha() for ch in text)]

    def _merge(
        self,
        texts: Sequence[str],
        policy: Policy,
        worded: list[int],
        found: list[list[Span]],
        extra: RecognizerSet | None = None,
    ) -> list[list[Span]]:
        wanted = None if policy.entities is None else set(policy.entities)
        model_spans: list[list[Span]] = [[] for _ in texts]
        for i, spans in zip(worded, found):
            model_spans[i] = spans
        floor = min([policy.score_threshold, *policy.thresholds.values()])  # nothing scored below it is kept
        results = []
        for text, from_model in zip(texts, model_spans):
            candidates = [*from_model, *self.recognizers.analyze(text, wanted, floor), *_deny_list_spans(text, policy)]
            kept = [
                s
                for s in candidates
                if policy.wants(s.type)
                and (s.score >= policy.threshold(s.type) or s.source == "deny_list")
                and not policy.allows(text[s.start : s.end])
            ]
            if extra is not None:
                kept += [
                    s
                    for s in extra.analyze(text)
                    if s.score >= policy.threshold(s.type) and not policy.allows(text[s.start : s.end])
                ]
            results.append(resolve_overlaps(kept))
        return results

    def _apply_all(self, texts: Sequence[str], spans: list[list[Span]], policy: Policy) -> list[MaskResult]:
        return [self.apply(text, found, policy) for text, found in zip(texts, spans)]

    def mask(self, texts: Sequence[str], policy: Policy) -> list[MaskResult]:
        return self._apply_all(texts, self.analyze(texts, policy), policy)

    def apply(self, text: str, spans: Sequence[Span], policy: Policy) -> MaskResult:
        """Replace each span (non-overlapping, sorted) with its operator's output."""
        out: list[str] = []
        entities: list[MaskedEntity] = []
        cursor = 0
        for span in spans:
            operator = policy.operator_for(span.type)
            replacement = operator.apply(text[span.start : span.end], span.type, self.crypto)
            out.append(text[cursor : span.start])
            out.append(replacement)
            cursor = span.end
            key_id = self.crypto.active_key_id if operator.operator.reversible else None
            entities.append(
                MaskedEntity(
                    span.type,
                    span.start,
                    span.end,
                    round(span.score, 4),
                    operator.name,
                    replacement,
                    key_id,
                    span.source,
                )
            )
        out.append(text[cursor:])
        return MaskResult("".join(out), entities)

    def mask_value(self, value: str, entity_type: str, policy: Policy, column: str | None = None) -> str:
        """A whole table cell known to hold `entity_type` (the column plan decided so)."""
        if not value or policy.allows(value):
            return value
        operator = policy.column_operator(column, entity_type) if column else policy.operator_for(entity_type)
        return operator.apply(value, entity_type, self.crypto)
