"""presidio-analyzer's routes: POST /analyze, GET /supportedentities, /recognizers and /health.

/analyze runs the engine. A request's ad-hoc recognizers are `Recognizer`s of their own (`RequestRecognizer`) that
the engine runs beside its built-in ones and merges with them in its one overlap resolution; Presidio's allow list
then applies to what was found.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any, TypeVar

import regex
from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, PlainTextResponse

from piimask.entities import KNOWN_ENTITY_TYPES
from piimask.http.deps import EngineDep, SettingsDep, require
from piimask.http.errors import ApiError, client_name
from piimask.http.limits import check_texts
from piimask.http.presidio.schemas import (
    DEFAULT_REGEX_FLAGS,
    AdHocRecognizer,
    AnalyzeRequest,
    RecognizerResultOut,
)
from piimask.policy import DEFAULT_POLICY, Policy
from piimask.recognizers import TextFacts
from piimask.spans import Span

MAX_JOINED_REGEX_CHARS = 200_000  # a deny list or a regex allow list becomes one alternation
REGEX_TIMEOUT_S = 2.0
SUPPORTED_LANGUAGES = ("en",)
# regex-module flags a client may set: IGNORECASE, MULTILINE, DOTALL, UNICODE, VERBOSE, ASCII (not DEBUG, LOCALE...).
ALLOWED_REGEX_FLAGS = int(regex.I | regex.M | regex.S | regex.U | regex.X | regex.A)
CONTEXT_FACTOR, CONTEXT_MIN_SCORE, CONTEXT_PREFIX_WORDS = 0.35, 0.4, 5  # LemmaContextAwareEnhancer defaults
MODEL_RECOGNIZER = "PiimaskTransformersRecognizer"
PATTERN_RECOGNIZER = "PiimaskPatternRecognizer"

router = APIRouter(tags=["presidio"], dependencies=[require("mask")])
# /health answers without a key, as Presidio's does
open_router = APIRouter(tags=["presidio"])

T = TypeVar("T")


def check_language(language: str | None) -> None:
    if language not in SUPPORTED_LANGUAGES:
        raise ApiError(422, "unsupported_language", f"language: only {', '.join(SUPPORTED_LANGUAGES)} is supported")


def _check_flags(flags: int | None, where: str) -> int:
    if flags is None:
        return DEFAULT_REGEX_FLAGS
    if flags < 0 or flags & ~ALLOWED_REGEX_FLAGS:
        raise ApiError(
            422,
            "invalid_regex_flags",
            f"{where}: only IGNORECASE, MULTILINE, DOTALL, UNICODE, VERBOSE and ASCII regex flags are accepted",
        )
    return flags


def _compile(pattern: str, flags: int, where: str) -> regex.Pattern:
    if len(pattern) > MAX_JOINED_REGEX_CHARS:
        raise ApiError(413, "regex_too_long", f"{where}: the limit is {MAX_JOINED_REGEX_CHARS} characters")
    try:
        return regex.compile(pattern, flags=flags)
    except (regex.error, ValueError, TypeError, OverflowError, RecursionError):
        raise ApiError(422, "invalid_regex", f"{where}: not a valid regular expression") from None


class RegexBudget:
    """REGEX_TIMEOUT_S of regex time per text, shared by a request's ad-hoc recognizers and its regex allow list;
    past it the answer is 422. A client's regex runs on the `regex` package because only it can stop a
    catastrophic backtrack."""

    def __init__(self, seconds: float = REGEX_TIMEOUT_S):
        self.seconds = seconds
        # by the text object: the engine hands the recognizers the request's own strings, alive for the request
        self._spent: dict[int, float] = {}

    def spans(self, compiled: regex.Pattern, text: str, where: str) -> list[tuple[int, int]]:
        return self._timed(text, where, lambda timeout: [m.span() for m in compiled.finditer(text, timeout=timeout)])

    def search(self, compiled: regex.Pattern, text: str, part: str, where: str) -> bool:
        """Whether `compiled` matches inside `part`, a piece of `text` (whose budget it spends)."""
        return self._timed(text, where, lambda timeout: compiled.search(part, timeout=timeout) is not None)

    def _timed(self, text: str, where: str, search: Callable[[float], T]) -> T:
        spent = self._spent.get(id(text), 0.0)
        started = time.monotonic()
        try:
            return search(max(0.01, self.seconds - spent))
        except TimeoutError:
            raise ApiError(422, "regex_timeout", f"{where}: a regex ran past the {self.seconds:g} s limit") from None
        finally:
            self._spent[id(text)] = spent + time.monotonic() - started


class RequestRecognizer:
    """One ad-hoc recognizer of a request (Presidio's `PatternRecognizer.from_dict`): its regexes and deny list,
    scored with Presidio's context enhancement. A `piimask.recognizers.Recognizer`, so the engine runs it."""

    min_digits = 0  # a client's regex may match anything

    def __init__(
        self, spec: AdHocRecognizer, index: int, request_context: list[str], budget: RegexBudget, explain: bool
    ):
        where = f"ad_hoc_recognizers[{index}]"
        if spec.supported_entity and spec.supported_entities:
            raise ApiError(422, "invalid_recognizer", f"{where}: give supported_entity or supported_entities, not both")
        entity = spec.supported_entity or (spec.supported_entities[0] if spec.supported_entities else None)
        if not entity or not entity.strip():
            raise ApiError(422, "invalid_recognizer", f"{where}: supported_entity is required")
        if not spec.patterns and not spec.deny_list:
            raise ApiError(422, "invalid_recognizer", f"{where}: give patterns or a deny_list")
        if sum(len(w) for w in spec.deny_list or []) > MAX_JOINED_REGEX_CHARS // 2:
            raise ApiError(413, "deny_list_too_long", f"{where}.deny_list: too many characters in all")
        self.entity = entity
        self.entities = frozenset({entity})
        self.name = spec.name or f"{entity}_ad_hoc"
        self.language = spec.supported_language
        self.context = [w.lower() for w in spec.context or [] if w]
        self.request_context = request_context
        self.budget = budget
        self.flags = _check_flags(spec.global_regex_flags, f"{where}.global_regex_flags")
        self.patterns: list[tuple[str | None, str, float, regex.Pattern]] = []
        for j, p in enumerate(spec.patterns or []):
            compiled = _compile(p.regex, self.flags, f"{where}.patterns[{j}].regex")
            self.patterns.append((p.name, p.regex, p.score, compiled))
        words = [w for w in spec.deny_list or [] if w]
        if words:
            # Presidio's PatternRecognizer._deny_list_to_regex
            deny = r"(?:^|(?<=\W))(" + "|".join(regex.escape(w) for w in words) + r")(?:(?=\W)|$)"
            self.patterns.append(
                ("deny_list", deny, spec.deny_list_score, _compile(deny, self.flags, f"{where}.deny_list"))
            )
        self.explains = explain  # keep how each span was found, for return_decision_process
        self._explained: dict[tuple[int, int, int], dict[str, Any]] = {}  # (text id, start, end) → explanation

    def analyze(self, text: str, facts: TextFacts | None = None) -> list[Span]:
        found: dict[tuple[int, int], Span] = {}
        where = f"ad-hoc recognizer {client_name(self.name)}"
        for pattern_name, pattern, score, compiled in self.patterns:
            for start, end in self.budget.spans(compiled, text, where):
                if start == end or score <= 0:
                    continue
                final, word = self._with_context(text, start, score)
                if (start, end) in found and final <= found[(start, end)].score:
                    continue
                # "ad_hoc": the caller's own recognizer outranks the built-in ones where they overlap, as a deny
                # list does, and its score meets the request's threshold like any other
                found[(start, end)] = Span(self.entity, start, end, final, "ad_hoc")
                if self.explains:
                    self._explained[(id(text), start, end)] = {
                        "recognizer": self.name,
                        "pattern_name": pattern_name,
                        "pattern": pattern,
                        "original_score": score,
                        "score": final,
                        "textual_explanation": None,
                        "score_context_improvement": final - score,
                        "supportive_context_word": word,
                        "validation_result": None,
                        "regex_flags": self.flags,
                    }
        return list(found.values())

    def explanation(self, text: str, span: Span, threshold: float) -> dict[str, Any] | None:
        """How this recognizer found the place of `span` in `text`, if it found it there with a score that counts."""
        if span.type != self.entity:
            return None
        explained = self._explained.get((id(text), span.start, span.end))
        return explained if explained is not None and explained["score"] >= threshold else None

    def _with_context(self, text: str, start: int, score: float) -> tuple[float, str]:
        if not self.context:
            return score, ""
        before = [w.lower() for w in re.findall(r"\w+", text[max(0, start - 200) : start])][-CONTEXT_PREFIX_WORDS:]
        surrounding = set(before) | set(self.request_context)
        word = next((w for w in self.context if w in surrounding), "")
        if not word:
            return score, ""
        return max(min(score + CONTEXT_FACTOR, 1.0), CONTEXT_MIN_SCORE), word


class AllowList:
    """Presidio's allow list: a found value is dropped when it equals an entry (case-sensitive), or, with
    `allow_list_match: "regex"`, when an entry matches inside it."""

    def __init__(self, body: AnalyzeRequest, budget: RegexBudget):
        self.words = [a for a in body.allow_list or [] if a]
        self.budget = budget
        self.compiled = None
        if self.words and body.allow_list_match == "regex":
            self.compiled = _compile("|".join(self.words), _check_flags(body.regex_flags, "regex_flags"), "allow_list")
        self.exact = body.allow_list_match == "exact"

    def __bool__(self) -> bool:
        return bool(self.words)

    def allows(self, text: str, span: Span) -> bool:
        word = text[span.start : span.end]
        if self.exact:
            return word in self.words
        if self.compiled is None:
            return False
        return self.budget.search(self.compiled, text, word, "allow_list")


def _explain(span: Span) -> dict[str, Any]:
    recognizer = MODEL_RECOGNIZER if span.source == "model" else PATTERN_RECOGNIZER
    how = {
        "model": "Identified by piimask's token-classification model",
        "pattern": "Identified by a piimask pattern recognizer (regex + validator)",
        "deny_list": "Identified by a deny list",
    }.get(span.source)
    return {
        "recognizer": recognizer,
        "pattern_name": None,
        "pattern": None,
        "original_score": round(span.score, 4),
        "score": round(span.score, 4),
        "textual_explanation": how,
        "score_context_improvement": 0,
        "supportive_context_word": "",
        "validation_result": None,
        "regex_flags": None,
    }


@router.post(
    "/analyze",
    response_model=list[RecognizerResultOut] | list[list[RecognizerResultOut]],
    summary="Presidio-compatible: analyze text",
)
def presidio_analyze(body: AnalyzeRequest, settings: SettingsDep, engine: EngineDep) -> JSONResponse:
    check_language(body.language)
    batch = isinstance(body.text, list)
    texts = body.text if isinstance(body.text, list) else [body.text]
    if not texts:
        raise ApiError(422, "empty_text", "text: no text provided")
    check_texts(settings, texts, field="text", listed=batch)

    budget = RegexBudget()
    request_context = [w.lower() for w in body.context or [] if w]
    explain = bool(body.return_decision_process)
    ad_hoc = [
        RequestRecognizer(spec, i, request_context, budget, explain)
        for i, spec in enumerate(body.ad_hoc_recognizers or [])
    ]
    ad_hoc = [r for r in ad_hoc if r.language == body.language]  # Presidio uses only the request language's
    ad_hoc_types = {r.entity for r in ad_hoc}
    wanted: set[str] | None = None
    if body.entities:  # Presidio: an empty list means all entities
        wanted = set(body.entities)
        unknown = sorted(wanted - set(engine.entity_types) - ad_hoc_types)
        if unknown:
            raise ApiError(
                422,
                "unsupported_entity",
                "entities: not detected by this service: "
                + ", ".join(client_name(u) for u in unknown[:20])
                + " (see GET /supportedentities, or add an ad-hoc recognizer)",
            )
        ad_hoc = [r for r in ad_hoc if r.entity in wanted]
    threshold = DEFAULT_POLICY.score_threshold if body.score_threshold is None else body.score_threshold
    engine_entities = None if wanted is None else sorted(wanted & set(engine.entity_types) & KNOWN_ENTITY_TYPES)
    policy = Policy(entities=engine_entities, score_threshold=threshold)
    allow_list = AllowList(body, budget)

    live = [i for i, t in enumerate(texts) if t.strip()]
    detected = engine.analyze([texts[i] for i in live], policy, extra=ad_hoc) if live else []
    per_text: list[list[dict]] = [[] for _ in texts]
    for i, spans in zip(live, detected):
        text = texts[i]
        out = []
        for span in spans:
            if allow_list and allow_list.allows(text, span):
                continue
            explanation = None
            if explain:
                # the last ad-hoc recognizer that found this place explains it, else the engine's own kinds
                found_by = (r.explanation(text, span, threshold) for r in reversed(ad_hoc))
                explanation = next((e for e in found_by if e is not None), None) or _explain(span)
            out.append(
                {
                    "analysis_explanation": explanation,
                    "end": span.end,
                    "entity_type": span.type,
                    "score": round(span.score, 4),
                    "start": span.start,
                }
            )
        per_text[i] = out
    return JSONResponse(per_text if batch else per_text[0])


@router.get("/supportedentities", response_model=list[str], summary="Presidio-compatible")
def presidio_supported_entities(engine: EngineDep, language: str | None = Query(default=None)) -> list[str]:
    if language is not None:
        check_language(language)
    return sorted(engine.entity_types)


@router.get("/recognizers", response_model=list[str], summary="Presidio-compatible")
def presidio_recognizers(engine: EngineDep, language: str | None = Query(default=None)) -> list[str]:
    if language is not None:
        check_language(language)
    names = [r.name for r in engine.recognizers.recognizers]
    return ([MODEL_RECOGNIZER] if engine.classifier is not None else []) + names


@open_router.get("/health", response_class=PlainTextResponse, summary="Presidio-compatible liveness (no key needed)")
def presidio_health() -> str:
    return "piimask service is up (Presidio-compatible API)"
