"""Presidio-compatible REST endpoints: a Presidio client switches to piimask by changing its base URL.

Presidio runs two services (presidio-analyzer, presidio-anonymizer); this one router serves both APIs, with the
request and response shapes of Presidio's `app.py` files and `docs/api-docs/api-docs.yml` (checked against
presidio-analyzer / presidio-anonymizer 2.2.366, the PyPI release, and github.com/microsoft/presidio main):

| route | Presidio service | what it does here |
|---|---|---|
| POST /analyze | analyzer | `AnalyzerRequest` → list of `RecognizerResult` (a list of lists for a batch of texts) |
| POST /anonymize | anonymizer | `{text, anonymizers, analyzer_results}` → `{text, items}` |
| POST /deanonymize | anonymizer | `{text, deanonymizers, anonymizer_results}` → `{text, items}` (decrypt, keep) |
| GET /supportedentities, /recognizers | analyzer | entity types / recognizer names (`?language=en`) |
| GET /anonymizers, /deanonymizers | anonymizer | operator names |
| GET /health | both | plain-text liveness, no key needed |

Same as Presidio:
- Field names and shapes, including `analysis_explanation` (null unless `return_decision_process`) and no
  `recognition_metadata` in /analyze results (Presidio's app strips it); /anonymize `items` are
  `{start, end, entity_type, text, operator, score}` with start/end **in the anonymized text**, listed from the end
  of the text to its start, exactly as presidio-anonymizer returns them. A blank text in /analyze gives `[]`.
- /anonymize resolves conflicts between `analyzer_results` with Presidio's own algorithm (same-type overlaps merged,
  results contained in another dropped, same-type neighbours separated only by spaces joined; partial overlaps of
  different types replaced the way Presidio's TextReplaceBuilder does), ported from presidio-anonymizer 2.2.366's
  anonymizer_engine.py (its linear sweeps; tests compare outputs with presidio-anonymizer itself). Any
  entity type name is accepted there (e.g. NAME, FIRST_NAME in Presidio's docs), not only the ones we detect.
- Operators with Presidio's parameters and semantics: `replace` (`new_value`, default `<ENTITY_TYPE>`), `redact`,
  `keep`, `mask` (`masking_char`, `chars_to_mask` counted from the start, or from the end with `from_end`, every
  character including separators), `hash` (`hash_type` sha256|sha512, `salt`: SHA-2 of value+salt; without a salt
  a random 32-byte salt per entity, as in Presidio >= 2.2.36x, so the output is unlinkable and never a bare hash),
  `encrypt` (`key` of 16/24/32 UTF-8 bytes: AES-CBC, random IV, PKCS7, urlsafe base64 of IV+ciphertext; what
  Presidio's `decrypt` — and our /deanonymize — reverse with the same key). `custom` is refused with 400, as
  Presidio's REST API does (it takes a Python lambda).
- Ad-hoc recognizers (`patterns`, `deny_list`, `context`, `supported_entity`, `supported_language`,
  `deny_list_score`, `global_regex_flags`), run with the `regex` module and a time limit as Presidio does;
  context words raise a score by 0.35 to at least 0.4 when one of the 5 words before the match is a context word
  (Presidio's LemmaContextAwareEnhancer defaults, by exact lower-cased word instead of lemma).
- `allow_list` with `allow_list_match` "exact" (case-sensitive) or "regex" (search with `regex_flags`).

Deliberate differences (safety or our engine's nature):
- Errors use this service's shape `{"error": {"code", "message"}}` (Presidio: `{"error": "message"}`), always 4xx
  for a caller's mistake where Presidio sometimes answers 500 (no text, unknown language, missing DEFAULT
  deanonymizer, undecryptable value). Messages never quote the text, regexes, keys or salts.
- Every route except /health needs an API key with the `mask` scope (`Authorization: Bearer <key>`).
- `language`: only "en" (our model and context words are English); other languages get 422, where a default
  Presidio answers 500.
- `entities`: names we cannot detect (not in GET /supportedentities and not an ad-hoc recognizer's entity) get
  422 instead of being silently ignored: a typo must not mean "nothing masked".
- `score_threshold` absent: our policy default (0.5) rather than Presidio's 0, since our model's scores below that
  are noise. Detection results never overlap (our engine resolves overlaps; Presidio may return overlapping
  results of different types). Request-level `context` words only affect ad-hoc recognizers (our built-in
  recognizers have their own context words).
- `encrypt` uses the client's key exactly as Presidio (the client holds the key; unauthenticated AES-CBC, as in
  Presidio). For keyring-managed, authenticated reversible tokens use POST /v1/text/mask with `encrypt`.
- `mask`: `from_end` defaults to false when absent (Presidio's docs say so; its code demands the field).
- Extension: the anonymizer `type`s `fpe`, `pseudonymize` and `generalize` run our operators (parameters as in
  our policy; keyed by this service's keyring).
- Limits: a text is at most `max_text_chars`, a batch at most `max_batch_texts` texts, /anonymize at most
  MAX_RESULTS analyzer results, at most MAX_AD_HOC ad-hoc recognizers with MAX_PATTERNS patterns each; ad-hoc
  regexes and a regex allow list share REGEX_TIMEOUT_S per text, past which the answer is 422 (Presidio silently
  skips the pattern after 60 s). User regexes run on the `regex` package (a dependency of transformers, as of
  Presidio), never on `re`, because only `regex` can stop a catastrophic backtrack.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import time
from typing import Any, Literal

import regex
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import BaseModel, Field

from piimask.engine import resolve_overlaps
from piimask.http.access import check_scope
from piimask.http.errors import ApiError
from piimask.entities import KNOWN_ENTITY_TYPES
from piimask.errors import OperatorError
from piimask.operators import BoundOperator
from piimask.policy import DEFAULT_POLICY, Policy
from piimask.spans import Span

MAX_RESULTS = 20_000
MAX_AD_HOC = 50
MAX_PATTERNS = 50
MAX_REGEX_CHARS = 2000
MAX_DENY_WORDS = 10_000
MAX_JOINED_REGEX_CHARS = 200_000  # a deny list or a regex allow list becomes one alternation
REGEX_TIMEOUT_S = 2.0
SUPPORTED_LANGUAGES = ("en",)
# regex-module flags a client may set: IGNORECASE, MULTILINE, DOTALL, UNICODE, VERBOSE, ASCII (not DEBUG, LOCALE...).
ALLOWED_REGEX_FLAGS = int(regex.I | regex.M | regex.S | regex.U | regex.X | regex.A)
DEFAULT_REGEX_FLAGS = int(regex.DOTALL | regex.MULTILINE | regex.IGNORECASE)  # Presidio's default
CONTEXT_FACTOR, CONTEXT_MIN_SCORE, CONTEXT_PREFIX_WORDS = 0.35, 0.4, 5  # LemmaContextAwareEnhancer defaults
PRESIDIO_ANONYMIZERS = ("replace", "redact", "mask", "hash", "encrypt", "keep")
EXTENSION_ANONYMIZERS = ("fpe", "pseudonymize", "generalize")
DEANONYMIZERS = ("decrypt", "deanonymize_keep")
MODEL_RECOGNIZER = "PiimaskTransformersRecognizer"
PATTERN_RECOGNIZER = "PiimaskPatternRecognizer"


def _name(value: str) -> str:
    """A client-given name (entity type, operator) for an error message: quoted only when it looks like a name."""
    return repr(value) if re.fullmatch(r"[A-Za-z][A-Za-z0-9_.-]{0,63}", value) else "(a name)"


def _error(status: int, code: str, message: str) -> Exception:
    return ApiError(status, code, message)


def _require_mask(request: Request) -> None:
    check_scope(request, "mask")


router = APIRouter(tags=["presidio"])
AUTH = [Depends(_require_mask)]


# ---------------------------------------------------------------- request / response models


class AdHocPattern(BaseModel):
    name: str | None = None
    regex: str = Field(max_length=MAX_REGEX_CHARS)
    score: float = Field(ge=0.0, le=1.0)


class AdHocRecognizer(BaseModel):
    """Presidio's `PatternRecognizer.from_dict`: regex patterns and/or a deny list for one entity type."""

    name: str | None = None
    supported_language: str = "en"
    supported_entity: str | None = None
    supported_entities: list[str] | None = Field(default=None, description="Presidio accepts this plural form too")
    patterns: list[AdHocPattern] | None = Field(default=None, max_length=MAX_PATTERNS)
    deny_list: list[str] | None = Field(default=None, max_length=MAX_DENY_WORDS)
    context: list[str] | None = None
    deny_list_score: float = Field(default=1.0, ge=0.0, le=1.0)
    global_regex_flags: int | None = DEFAULT_REGEX_FLAGS


class AnalyzeRequest(BaseModel):
    """presidio-analyzer's AnalyzerRequest. Unknown fields (e.g. the docs' "trace") are ignored, as by Presidio."""

    text: str | list[str] = Field(description="a text, or a list of texts (the answer is then a list of lists)")
    language: str = Field(description="ISO 639-1 code; this service supports 'en'")
    entities: list[str] | None = None
    correlation_id: str | None = None
    score_threshold: float | None = Field(default=None, ge=0.0, le=1.0)
    return_decision_process: bool | None = False
    ad_hoc_recognizers: list[AdHocRecognizer] | None = Field(default=None, max_length=MAX_AD_HOC)
    context: list[str] | None = None
    allow_list: list[str] | None = None
    allow_list_match: Literal["exact", "regex"] = "exact"
    regex_flags: int | None = DEFAULT_REGEX_FLAGS


class AnalysisExplanation(BaseModel):
    recognizer: str
    pattern_name: str | None = None
    pattern: str | None = None
    original_score: float
    score: float
    textual_explanation: str | None = None
    score_context_improvement: float = 0
    supportive_context_word: str = ""
    validation_result: bool | None = None
    regex_flags: int | None = None


class RecognizerResultOut(BaseModel):
    analysis_explanation: AnalysisExplanation | None
    end: int
    entity_type: str
    score: float
    start: int


class AnalyzerResultIn(BaseModel):
    """A RecognizerResult as /analyze returns it (extra fields such as analysis_explanation are ignored)."""

    start: int
    end: int
    score: float
    entity_type: str


class AnonymizeRequest(BaseModel):
    text: str = ""
    anonymizers: dict[str, dict[str, Any]] | None = Field(
        default=None,
        description='entity type or "DEFAULT" → {"type": "replace"|"redact"|"mask"|"hash"|"encrypt"|"keep", ...}; '
        'default {"DEFAULT": {"type": "replace"}}',
    )
    analyzer_results: list[AnalyzerResultIn] | None = Field(default=None, description="required, as by Presidio")


class OperatorResultOut(BaseModel):
    start: int
    end: int
    entity_type: str
    text: str
    operator: str
    score: float | None = Field(description="the result's score (since presidio-anonymizer 2.2.366)")


class AnonymizeResponse(BaseModel):
    text: str
    items: list[OperatorResultOut]


class AnonymizedEntityIn(BaseModel):
    start: int
    end: int
    entity_type: str
    score: float | None = None


class DeanonymizeRequest(BaseModel):
    text: str = ""
    deanonymizers: dict[str, dict[str, Any]] | None = Field(
        default=None, description='entity type or "DEFAULT" → {"type": "decrypt", "key": ...} or deanonymize_keep'
    )
    anonymizer_results: list[AnonymizedEntityIn] | None = None


# ---------------------------------------------------------------- /analyze


def _check_language(language: str | None) -> None:
    if language not in SUPPORTED_LANGUAGES:
        raise _error(422, "unsupported_language", f"language: only {', '.join(SUPPORTED_LANGUAGES)} is supported")


def _check_flags(flags: int | None, where: str) -> int:
    if flags is None:
        return DEFAULT_REGEX_FLAGS
    if flags < 0 or flags & ~ALLOWED_REGEX_FLAGS:
        raise _error(422, "invalid_regex_flags", f"{where}: only IGNORECASE, MULTILINE, DOTALL, UNICODE, VERBOSE and "
                     "ASCII regex flags are accepted")  # fmt: skip
    return flags


def _compile(pattern: str, flags: int, where: str) -> regex.Pattern:
    if len(pattern) > MAX_JOINED_REGEX_CHARS:
        raise _error(413, "regex_too_long", f"{where}: the limit is {MAX_JOINED_REGEX_CHARS} characters")
    try:
        return regex.compile(pattern, flags=flags)
    except (regex.error, ValueError, TypeError, OverflowError, RecursionError):
        raise _error(422, "invalid_regex", f"{where}: not a valid regular expression") from None


class _AdHoc:
    """A validated ad-hoc recognizer, compiled once per request."""

    def __init__(self, spec: AdHocRecognizer, index: int):
        where = f"ad_hoc_recognizers[{index}]"
        if spec.supported_entity and spec.supported_entities:
            raise _error(422, "invalid_recognizer", f"{where}: give supported_entity or supported_entities, not both")
        entity = spec.supported_entity or (spec.supported_entities[0] if spec.supported_entities else None)
        if not entity or not entity.strip():
            raise _error(422, "invalid_recognizer", f"{where}: supported_entity is required")
        if not spec.patterns and not spec.deny_list:
            raise _error(422, "invalid_recognizer", f"{where}: give patterns or a deny_list")
        if sum(len(w) for w in spec.deny_list or []) > MAX_JOINED_REGEX_CHARS // 2:
            raise _error(413, "deny_list_too_long", f"{where}.deny_list: too many characters in all")
        self.entity = entity
        self.name = spec.name or f"{entity}_ad_hoc"
        self.language = spec.supported_language
        self.context = [w.lower() for w in spec.context or [] if w]
        flags = _check_flags(spec.global_regex_flags, f"{where}.global_regex_flags")
        self.flags = flags
        self.patterns: list[tuple[str | None, str, float, regex.Pattern]] = []
        for j, p in enumerate(spec.patterns or []):
            self.patterns.append((p.name, p.regex, p.score, _compile(p.regex, flags, f"{where}.patterns[{j}].regex")))
        words = [w for w in spec.deny_list or [] if w]
        if words:
            # Presidio's PatternRecognizer._deny_list_to_regex
            deny = r"(?:^|(?<=\W))(" + "|".join(regex.escape(w) for w in words) + r")(?:(?=\W)|$)"
            self.patterns.append(("deny_list", deny, spec.deny_list_score, _compile(deny, flags, f"{where}.deny_list")))

    def analyze(self, text: str, request_context: list[str], deadline: float) -> list[tuple[Span, dict]]:
        found: dict[tuple[int, int], tuple[Span, dict]] = {}
        for pattern_name, pattern, score, compiled in self.patterns:
            try:
                matches = [m.span() for m in compiled.finditer(text, timeout=max(0.01, deadline - time.monotonic()))]
            except TimeoutError:
                raise _error(422, "regex_timeout", f"ad-hoc recognizer {_name(self.name)}: a regex ran past the "
                             f"{REGEX_TIMEOUT_S:g} s limit") from None  # fmt: skip
            for start, end in matches:
                if start == end or score <= 0:
                    continue
                final, word = self._with_context(text, start, score, request_context)
                explanation = {
                    "recognizer": self.name, "pattern_name": pattern_name, "pattern": pattern,
                    "original_score": score, "score": final, "textual_explanation": None,
                    "score_context_improvement": final - score, "supportive_context_word": word,
                    "validation_result": None, "regex_flags": self.flags,
                }  # fmt: skip
                # the caller's own recognizer outranks the built-in ones where they overlap, as a deny list does
                source = "deny_list" if pattern_name == "deny_list" else "ad_hoc"
                if (start, end) not in found or final > found[(start, end)][0].score:
                    found[(start, end)] = (Span(self.entity, start, end, final, source), explanation)
        return list(found.values())

    def _with_context(self, text: str, start: int, score: float, request_context: list[str]) -> tuple[float, str]:
        if not self.context:
            return score, ""
        before = [w.lower() for w in re.findall(r"\w+", text[max(0, start - 200) : start])][-CONTEXT_PREFIX_WORDS:]
        surrounding = set(before) | set(request_context)
        word = next((w for w in self.context if w in surrounding), "")
        if not word:
            return score, ""
        return max(min(score + CONTEXT_FACTOR, 1.0), CONTEXT_MIN_SCORE), word


def _allowed(
    text: str, span: Span, allow_list: list[str], match: str, compiled: regex.Pattern | None, deadline: float
) -> bool:
    word = text[span.start : span.end]
    if match == "exact":
        return word in allow_list
    if compiled is None:
        return False
    try:
        return compiled.search(word, timeout=max(0.01, deadline - time.monotonic())) is not None
    except TimeoutError:
        raise _error(422, "regex_timeout", f"allow_list: the regex ran past the {REGEX_TIMEOUT_S:g} s limit") from None


def _explain(span: Span) -> dict:
    recognizer = MODEL_RECOGNIZER if span.source == "model" else PATTERN_RECOGNIZER
    how = {"model": "Identified by piimask's token-classification model",
           "pattern": "Identified by a piimask pattern recognizer (regex + validator)",
           "deny_list": "Identified by a deny list"}.get(span.source)  # fmt: skip
    return {
        "recognizer": recognizer, "pattern_name": None, "pattern": None, "original_score": round(span.score, 4),
        "score": round(span.score, 4), "textual_explanation": how, "score_context_improvement": 0,
        "supportive_context_word": "", "validation_result": None, "regex_flags": None,
    }  # fmt: skip


@router.post(
    "/analyze",
    dependencies=AUTH,
    response_model=list[RecognizerResultOut] | list[list[RecognizerResultOut]],
    summary="Presidio-compatible: analyze text",
)
def presidio_analyze(body: AnalyzeRequest, request: Request) -> JSONResponse:
    settings = request.app.state.settings
    engine = request.app.state.engine
    _check_language(body.language)
    batch = isinstance(body.text, list)
    texts = body.text if batch else [body.text]
    if not texts or (not batch and not body.text):
        raise _error(422, "empty_text", "text: no text provided")
    if len(texts) > settings.max_batch_texts:
        raise _error(413, "too_many_texts", f"text: {len(texts)} texts; the limit is {settings.max_batch_texts}")
    for i, t in enumerate(texts):
        if len(t) > settings.max_text_chars:
            where = f"text[{i}]" if batch else "text"
            raise _error(413, "text_too_long", f"{where}: {len(t)} characters; the limit is {settings.max_text_chars}")

    ad_hoc = [_AdHoc(spec, i) for i, spec in enumerate(body.ad_hoc_recognizers or [])]
    ad_hoc = [r for r in ad_hoc if r.language == body.language]  # Presidio uses only the request language's
    ad_hoc_types = {r.entity for r in ad_hoc}
    wanted: set[str] | None = None
    if body.entities:  # Presidio: an empty list means all entities
        wanted = set(body.entities)
        unknown = sorted(wanted - set(engine.entity_types) - ad_hoc_types)
        if unknown:
            raise _error(422, "unsupported_entity", "entities: not detected by this service: "
                         + ", ".join(_name(u) for u in unknown[:20])
                         + " (see GET /supportedentities, or add an ad-hoc recognizer)")  # fmt: skip
        ad_hoc = [r for r in ad_hoc if r.entity in wanted]
    threshold = DEFAULT_POLICY.score_threshold if body.score_threshold is None else body.score_threshold
    engine_entities = None if wanted is None else sorted(wanted & set(engine.entity_types) & KNOWN_ENTITY_TYPES)
    policy = Policy(entities=engine_entities, score_threshold=threshold)

    allow_list = [a for a in body.allow_list or [] if a]
    allow_regex = None
    if allow_list and body.allow_list_match == "regex":
        flags = _check_flags(body.regex_flags, "regex_flags")
        allow_regex = _compile("|".join(allow_list), flags, "allow_list")
    request_context = [w.lower() for w in body.context or [] if w]

    live = [i for i, t in enumerate(texts) if t.strip()]
    detected = engine.analyze([texts[i] for i in live], policy) if live else []
    per_text: list[list[dict]] = [[] for _ in texts]
    for i, spans in zip(live, detected):
        text = texts[i]
        deadline = time.monotonic() + REGEX_TIMEOUT_S
        explanations: dict[tuple[str, int, int], dict] = {}
        extra: list[Span] = []
        for recognizer in ad_hoc:
            for span, explanation in recognizer.analyze(text, request_context, deadline):
                if span.score >= threshold:
                    extra.append(span)
                    explanations[(span.type, span.start, span.end)] = explanation
        merged = resolve_overlaps([*spans, *extra]) if extra else spans
        out = []
        for span in merged:
            if allow_list and _allowed(text, span, allow_list, body.allow_list_match, allow_regex, deadline):
                continue
            explanation = None
            if body.return_decision_process:
                explanation = explanations.get((span.type, span.start, span.end)) or _explain(span)
            out.append({"analysis_explanation": explanation, "end": span.end, "entity_type": span.type,
                        "score": round(span.score, 4), "start": span.start})  # fmt: skip
        per_text[i] = out
    return JSONResponse(per_text if batch else per_text[0])


@router.get("/supportedentities", dependencies=AUTH, response_model=list[str], summary="Presidio-compatible")
def presidio_supported_entities(request: Request, language: str | None = Query(default=None)) -> list[str]:
    if language is not None:
        _check_language(language)
    return sorted(request.app.state.engine.entity_types)


@router.get("/recognizers", dependencies=AUTH, response_model=list[str], summary="Presidio-compatible")
def presidio_recognizers(request: Request, language: str | None = Query(default=None)) -> list[str]:
    if language is not None:
        _check_language(language)
    engine = request.app.state.engine
    names = [r.name for r in engine.recognizers.recognizers]
    return ([MODEL_RECOGNIZER] if engine.classifier is not None else []) + names


@router.get("/health", response_class=PlainTextResponse, summary="Presidio-compatible liveness (no key needed)")
def presidio_health() -> str:
    return "piimask service is up (Presidio-compatible API)"


# ---------------------------------------------------------------- /anonymize: Presidio's conflict resolution


class _Result:
    __slots__ = ("entity_type", "start", "end", "score")

    def __init__(self, entity_type: str, start: int, end: int, score: float | None):
        self.entity_type, self.start, self.end, self.score = entity_type, start, end, score

    def intersects(self, other: "_Result") -> int:
        if self.end < other.start or other.end < self.start:
            return 0
        return min(self.end, other.end) - max(self.start, other.start)


def _merge_same_type_intersections(results: list[_Result]) -> list[_Result]:
    """AnonymizerEngine._merge_same_entity_type_intersections (presidio-anonymizer 2.2.366): one sorted sweep per
    entity type; a merged result keeps the union, the highest score and the position of the last one absorbed."""
    by_type: dict[str, list[tuple[int, _Result]]] = {}
    for position, result in enumerate(results):
        by_type.setdefault(result.entity_type, []).append((position, result))
    kept: list[tuple[int, _Result]] = []
    for positioned in by_type.values():
        positioned.sort(key=lambda item: (item[1].start, item[1].end))
        position, current = positioned[0]
        for next_position, result in positioned[1:]:
            if current.intersects(result) == 0:
                kept.append((position, current))
                position, current = next_position, result
                continue
            current.start = min(current.start, result.start)
            current.end = max(current.end, result.end)
            current.score = max(current.score, result.score)
            position = max(position, next_position)
        kept.append((position, current))
    kept.sort(key=lambda item: item[0])
    return [result for _, result in kept]


def _remove_contained(results: list[_Result]) -> list[_Result]:
    """AnonymizerEngine._remove_contained_results (2.2.366): a result contained in another is dropped; of equal
    spans the highest score survives, the last one on a tie."""
    order = sorted(range(len(results)), key=lambda i: (results[i].start, -results[i].end))
    dropped: set[int] = set()
    largest_end: int | None = None
    group_start = 0
    while group_start < len(order):
        first = results[order[group_start]]
        group_end = group_start
        while group_end < len(order) and (results[order[group_end]].start, results[order[group_end]].end) == (
            first.start, first.end,
        ):  # fmt: skip
            group_end += 1
        group = order[group_start:group_end]
        if largest_end is not None and largest_end >= first.end:
            dropped.update(group)
        else:
            survivor = max(group, key=lambda i: (results[i].score, i))
            dropped.update(i for i in group if i != survivor)
        if largest_end is None or first.end > largest_end:
            largest_end = first.end
        group_start = group_end
    return [result for i, result in enumerate(results) if i not in dropped]


def _resolve_conflicts(results: list[_Result]) -> list[_Result]:
    """AnonymizerEngine._remove_conflicts_and_get_text_manipulation_data, MERGE_SIMILAR_OR_CONTAINED."""
    return _remove_contained(_merge_same_type_intersections(results)) if results else []


def _merge_with_spaces(text: str, results: list[_Result]) -> list[_Result]:
    """AnonymizerEngine._merge_entities_with_spaces_between."""
    merged: list[_Result] = []
    previous = None
    for result in results:
        if previous is not None and previous.entity_type == result.entity_type:
            if re.search(r"^( )+$", text[previous.end : result.start]):
                merged.pop()  # Presidio's merged.remove(previous): previous is the last one appended
                result.start = previous.start
        merged.append(result)
        previous = result
    return merged


def _operate(text: str, entities: list[_Result], apply) -> dict:
    """EngineBase._operate + TextReplaceBuilder: replace from the end; items' offsets are in the output text."""
    output, last = text, len(text)
    raw: list[tuple[int, str, str, str, float | None]] = []
    for entity in sorted(entities, key=lambda e: (e.start, e.end), reverse=True):
        if len(text) < entity.start or entity.end > len(text):
            raise _error(422, "invalid_result", f"a result spans {entity.start}-{entity.end}, while the text is "
                         f"only {len(text)} characters long")  # fmt: skip
        new, operator_name = apply(entity, text[entity.start : entity.end])
        end_of_text = min(entity.end, last)
        last = entity.start
        after = output[end_of_text:]
        output = output[: entity.start] + new + after
        raw.append((len(after) + len(new), entity.entity_type, new, operator_name, entity.score))
    items = []
    for index_from_end, entity_type, new, operator_name, score in raw:  # EngineResult.normalize_item_indexes
        start = len(output) - index_from_end
        items.append({"start": start, "end": start + len(new), "entity_type": entity_type, "text": new,
                      "operator": operator_name, "score": score})  # fmt: skip
    return {"text": output, "items": items}


# ---------------------------------------------------------------- Presidio operators


def _param_type(value: Any, name: str, kind: type, required: bool = False) -> None:
    if value is None:
        if required:
            raise _error(422, "invalid_operator", f"Expected parameter {name}")
        return
    ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
    if not ok:
        label = {str: "string", int: "number", bool: "boolean"}[kind]
        raise _error(422, "invalid_operator", f"Invalid parameter value for {name}. Expecting '{label}'.")


def _aes_key(params: dict, name: str = "key") -> bytes:
    key = params.get(name)
    _param_type(key, name, str, required=True)
    raw = key.encode("utf-8")
    if len(raw) * 8 not in (128, 192, 256):
        raise _error(422, "invalid_operator", f"Invalid input, {name} must be of length 128, 192 or 256 bits")
    return raw


def _encrypt(key: bytes, value: str) -> str:
    padder = padding.PKCS7(algorithms.AES.block_size).padder()
    padded = padder.update(value.encode("utf-8")) + padder.finalize()
    iv = os.urandom(16)
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return base64.urlsafe_b64encode(iv + encryptor.update(padded) + encryptor.finalize()).decode()


def _decrypt(key: bytes, value: str) -> str:
    try:
        data = base64.urlsafe_b64decode(value)
        if len(data) < 32 or len(data) % 16:
            raise ValueError
        decryptor = Cipher(algorithms.AES(key), modes.CBC(data[:16])).decryptor()
        padded = decryptor.update(data[16:]) + decryptor.finalize()
        unpadder = padding.PKCS7(128).unpadder()
        return (unpadder.update(padded) + unpadder.finalize()).decode("utf-8")
    except Exception:  # bad base64, wrong key (padding), not UTF-8: all mean "not encrypted with this key"
        raise _error(422, "cannot_decrypt", "a value does not decrypt with the given key") from None


class _Operators:
    """Presidio's operators config: lookup by entity type, then DEFAULT (replace when absent); validated on use."""

    def __init__(self, config: dict[str, dict[str, Any]] | None, kind: Literal["anonymize", "deanonymize"], crypto):
        self.kind, self.crypto = kind, crypto
        self.config: dict[str, dict[str, Any]] = {}
        for entity, spec in (config or {}).items():
            name = spec.get("type")
            if not name or not isinstance(name, str):
                raise _error(422, "invalid_operator", f"Invalid input, operator config for {_name(entity)} must "
                             "contain operator_name (its 'type')")  # fmt: skip
            self.config[entity] = {k: v for k, v in spec.items() if k != "type"} | {"__name": name}
        if kind == "anonymize":
            if any(spec["__name"] == "custom" for spec in self.config.values()):
                raise _error(400, "unsupported_operator", "Custom type anonymizer is not supported")
            self.config.setdefault("DEFAULT", {"__name": "replace"})
        self._bound: dict[str, Any] = {}

    def apply(self, entity: _Result, value: str) -> tuple[str, str]:
        spec = self.config.get(entity.entity_type) or self.config.get("DEFAULT")
        if spec is None:
            raise _error(422, "invalid_operator", f"no {self.kind}r for entity type {_name(entity.entity_type)} and no "
                         "DEFAULT")  # fmt: skip
        name = spec["__name"]
        return self._run(name, spec, value, entity.entity_type), name

    def _run(self, name: str, params: dict, value: str, entity_type: str) -> str:
        if self.kind == "deanonymize":
            if name == "decrypt":
                return _decrypt(_aes_key(params), value)
            if name == "deanonymize_keep":
                return value
            raise _error(422, "invalid_operator", f"Invalid operator class {_name(name)}; deanonymizers: "
                         + ", ".join(DEANONYMIZERS))  # fmt: skip
        if name == "replace":
            new_value = params.get("new_value")
            if new_value:
                _param_type(new_value, "new_value", str)
                return new_value
            return f"<{entity_type}>"
        if name == "redact":
            return ""
        if name == "keep":
            return value
        if name == "mask":
            char = params.get("masking_char")
            _param_type(char, "masking_char", str, required=True)
            if len(char) > 1:
                raise _error(422, "invalid_operator", "Invalid input, masking_char must be a character")
            count = params.get("chars_to_mask")
            _param_type(count, "chars_to_mask", int, required=True)
            from_end = params.get("from_end", False)
            _param_type(from_end, "from_end", bool)
            count = min(len(value), count) if count > 0 else 0
            if from_end:
                return value[: len(value) - count] + char * count
            return char * count + value[count:]
        if name == "hash":
            hash_type = params.get("hash_type", "sha256")
            if hash_type not in ("sha256", "sha512"):
                raise _error(422, "invalid_operator", "Parameter hash_type is not in range of values "
                             "['sha256', 'sha512']")  # fmt: skip
            if "salt" in params:
                salt = params["salt"]
                _param_type(salt, "salt", str, required=True)
                salt = salt.encode()
                if len(salt) < 16:
                    raise _error(422, "invalid_operator", f"Salt must be at least 16 bytes (128 bits). Provided salt "
                                 f"is {len(salt)} bytes.")  # fmt: skip
            else:
                salt = os.urandom(32)
            return hashlib.new(hash_type, value.encode() + salt).hexdigest()
        if name == "encrypt":
            return _encrypt(_aes_key(params), value)
        if name in EXTENSION_ANONYMIZERS:
            key = f"{entity_type}\x00{name}"
            if key not in self._bound:
                try:
                    spec = {k: v for k, v in params.items() if k != "__name"}
                    self._bound[key] = BoundOperator.from_spec({"type": name, **spec})
                except OperatorError as exc:
                    raise _error(422, "invalid_operator", str(exc)) from None
            return self._bound[key].apply(value, entity_type, self.crypto)
        raise _error(422, "invalid_operator", f"Invalid operator class {_name(name)}; anonymizers: "
                     + ", ".join(PRESIDIO_ANONYMIZERS + EXTENSION_ANONYMIZERS))  # fmt: skip


def _check_text(request: Request, text: str) -> None:
    limit = request.app.state.settings.max_text_chars
    if len(text) > limit:
        raise _error(413, "text_too_long", f"text: {len(text)} characters; the limit is {limit}")


def _check_span(start: int, end: int, entity_type: str, where: str) -> None:
    if not entity_type:
        raise _error(422, "invalid_result", f"{where}: Invalid input, result must contain entity_type")
    if start < 0 or end < 0:
        raise _error(422, "invalid_result", f"{where}: Invalid input, result start and end must be positive")
    if start > end:
        raise _error(422, "invalid_result", f"{where}: Invalid input, start index '{start}' must be smaller than "
                     f"end index '{end}'")  # fmt: skip


@router.post("/anonymize", dependencies=AUTH, response_model=AnonymizeResponse, summary="Presidio-compatible")
def presidio_anonymize(body: AnonymizeRequest, request: Request) -> JSONResponse:
    _check_text(request, body.text)
    if body.analyzer_results is None:
        raise _error(422, "invalid_request", "Invalid input, request must contain analyzer results")
    if len(body.analyzer_results) > MAX_RESULTS:
        raise _error(413, "too_many_results", f"analyzer_results: the limit is {MAX_RESULTS} per request")
    operators = _Operators(body.anonymizers, "anonymize", request.app.state.engine.crypto)
    results = []
    for i, r in enumerate(body.analyzer_results):
        _check_span(r.start, r.end, r.entity_type, f"analyzer_results[{i}]")
        results.append(_Result(r.entity_type, r.start, r.end, r.score))
    results.sort(key=lambda r: (r.start, r.end))
    results = _merge_with_spaces(body.text, _resolve_conflicts(results))
    return JSONResponse(_operate(body.text, results, operators.apply))


@router.post("/deanonymize", dependencies=AUTH, response_model=AnonymizeResponse, summary="Presidio-compatible")
def presidio_deanonymize(body: DeanonymizeRequest, request: Request) -> JSONResponse:
    _check_text(request, body.text)
    entities = body.anonymizer_results or []
    if len(entities) > MAX_RESULTS:
        raise _error(413, "too_many_results", f"anonymizer_results: the limit is {MAX_RESULTS} per request")
    operators = _Operators(body.deanonymizers, "deanonymize", request.app.state.engine.crypto)
    results = []
    for i, r in enumerate(entities):
        _check_span(r.start, r.end, r.entity_type, f"anonymizer_results[{i}]")
        results.append(_Result(r.entity_type, r.start, r.end, r.score))
    ordered = sorted(results, key=lambda r: (r.start, r.end))
    if any(a.end > b.start for a, b in zip(ordered, ordered[1:])):
        raise _error(422, "invalid_result", "anonymizer_results: the entities overlap")
    return JSONResponse(_operate(body.text, results, operators.apply))


@router.get("/anonymizers", dependencies=AUTH, response_model=list[str], summary="Presidio-compatible")
def presidio_anonymizers() -> list[str]:
    return list(PRESIDIO_ANONYMIZERS + EXTENSION_ANONYMIZERS)


@router.get("/deanonymizers", dependencies=AUTH, response_model=list[str], summary="Presidio-compatible")
def presidio_deanonymizers() -> list[str]:
    return list(DEANONYMIZERS)


__all__ = ["router", "MAX_RESULTS"]
