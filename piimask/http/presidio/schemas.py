"""The Presidio-compatible API's request and response models, with the limits that bound a request's size."""

from __future__ import annotations

from typing import Any, Literal

import regex
from pydantic import BaseModel, ConfigDict, Field

MAX_RESULTS = 20_000  # analyzer or anonymizer results per /anonymize or /deanonymize request
MAX_AD_HOC = 50
MAX_PATTERNS = 50
MAX_REGEX_CHARS = 2000
MAX_DENY_WORDS = 10_000
DEFAULT_REGEX_FLAGS = int(regex.DOTALL | regex.MULTILINE | regex.IGNORECASE)  # Presidio's default


class Strict(BaseModel):
    """A request body of Presidio's: its own fields are accepted (the ones we do not use too, declared as such), any
    other is refused by name with a 422, as the v1 API does — a misspelt field must not be silently dropped."""

    model_config = ConfigDict(extra="forbid")


IGNORED = "accepted as Presidio accepts it, not used by this service"


class AdHocPattern(Strict):
    name: str | None = None
    regex: str = Field(max_length=MAX_REGEX_CHARS)
    score: float = Field(ge=0.0, le=1.0)


class AdHocRecognizer(Strict):
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
    version: str | None = Field(default=None, description=IGNORED)
    country_code: str | None = Field(default=None, description=IGNORED)


class AnalyzeRequest(Strict):
    """presidio-analyzer's AnalyzerRequest."""

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
    log_decision_process: bool | None = Field(default=None, description=IGNORED)
    trace: bool | None = Field(default=None, description=IGNORED)


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


class AnalyzerResultIn(Strict):
    """A RecognizerResult as /analyze returns it: a client passes /analyze's answer on as it is."""

    start: int
    end: int
    score: float
    entity_type: str
    analysis_explanation: dict[str, Any] | None = Field(default=None, description=IGNORED)
    recognition_metadata: dict[str, Any] | None = Field(default=None, description=IGNORED)


class AnonymizeRequest(Strict):
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


class AnonymizedEntityIn(Strict):
    """An item of /anonymize's answer, passed on as it is."""

    start: int
    end: int
    entity_type: str
    score: float | None = None
    text: str | None = Field(default=None, description=IGNORED)
    operator: str | None = Field(default=None, description=IGNORED)


class DeanonymizeRequest(Strict):
    text: str = ""
    deanonymizers: dict[str, dict[str, Any]] | None = Field(
        default=None, description='entity type or "DEFAULT" → {"type": "decrypt", "key": ...} or deanonymize_keep'
    )
    anonymizer_results: list[AnonymizedEntityIn] | None = None
