"""The v1 API's request and response models (the Presidio-compatible ones are in `piimask.http.presidio.schemas`)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from piimask.policy import Policy


class Strict(BaseModel):
    """A request body: an unknown field is refused by name (422), never ignored — a typo such as "polcy" must not
    mean "the default policy"."""

    model_config = ConfigDict(extra="forbid")


Offsets = Literal["codepoints", "utf16"]
OFFSETS_DOC = "how start/end count: Python code points (default) or UTF-16 code units, as JavaScript strings do"


class TextRequest(Strict):
    text: str
    policy: Policy | None = None
    offsets: Offsets = Field(default="codepoints", description=OFFSETS_DOC)


class BatchRequest(Strict):
    texts: list[str]
    policy: Policy | None = None
    offsets: Offsets = Field(default="codepoints", description=OFFSETS_DOC)


class EntityOut(BaseModel):
    type: str
    start: int
    end: int
    score: float
    source: Literal["model", "pattern", "deny_list", "ad_hoc"] = Field(
        description="what found it: the model, a pattern recognizer, the policy's deny list or an ad-hoc recognizer"
    )


class AnalyzeResponse(BaseModel):
    entities: list[EntityOut]


class MaskedEntityOut(EntityOut):
    operator: str
    replacement: str
    key_id: str | None = Field(default=None, description="encrypt/fpe: the key id that unmasks the replacement")


class MaskResponse(BaseModel):
    masked_text: str
    entities: list[MaskedEntityOut]


class BatchResponse(BaseModel):
    results: list[MaskResponse]


class FpeValue(Strict):
    value: str = Field(description="an fpe replacement, as the mask call returned it")
    type: str
    key_id: str | None = Field(default=None, description="the mask call's key_id; default: the active key")
    luhn: bool = False


class UnmaskRequest(Strict):
    text: str
    fpe: list[FpeValue] = Field(
        default_factory=list,
        description="fpe values to restore wherever they occur in the text (encrypt tokens are found by themselves)",
    )


class UnmaskResponse(BaseModel):
    text: str
    restored: int


class TableJsonRequest(Strict):
    source_uri: str = Field(description="a key inside the blob store, or a URI under its root")
    format: str | None = Field(default=None, description="csv, parquet or jsonl; taken from the file name when absent")
    policy: Policy | None = None
    output_uri: str | None = None


class JobAccepted(BaseModel):
    job_id: str
    status_url: str


class Progress(BaseModel):
    rows_done: int
    rows_total: int | None


class JobOut(BaseModel):
    job_id: str
    status: str
    progress: Progress
    error: str | None
    report: dict[str, Any] | None


class ListedJob(JobOut):
    submitted_at: float = Field(description="when the job was submitted, in Unix seconds")


class JobList(BaseModel):
    jobs: list[ListedJob] = Field(description="the caller's key's jobs, newest first, while they are kept")
