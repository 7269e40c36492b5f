"""The HTTP API (v1 of shared/DESIGN.md): request/response models, access control, error shapes and routes.

The service process (service.py) builds the app and puts what the routes need on `app.state`: the settings, the
text-masking engine, the Redis connection, the queue and the blob store. The text routes await the engine's
future (the work runs on its inference thread); the other blocking handlers are plain `def`s, which FastAPI runs in
its thread pool. Either way model inference never blocks the event loop.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import asdict
import json
import logging
import time
import uuid
from typing import Any, Literal

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from pydantic import BaseModel, Field, ValidationError
from redis.exceptions import RedisError
from starlette.datastructures import UploadFile

from piimask.http import presidio as presidio_compat
from piimask.errors import BlobPathError, TableError, UnmaskError
from piimask.tables.blobstore import BlobStore
from piimask.engine import MaskingEngine
from piimask.operators import fpe_restore, unmask_tokens
from piimask.tables.jobs import (
    ROWS_MASKED_KEY,
    TableJobSpec,
    enqueue_table_job,
    fetch_job,
    job_state,
    queue_figures,
    request_cancel,
    worker_registrations,
)
from piimask.policy import DEFAULT_POLICY, Policy
from piimask.settings import Settings
from piimask.http.access import check_scope, require
from piimask.http.errors import ApiError, describe_validation_errors, error_response, install_error_handlers
from piimask.logs import request_id
from piimask.tables.formats import FORMATS, detect_format

JOB_ID = re.compile(r"[A-Za-z0-9_-]{1,128}")
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")  # a caller's X-Request-ID is echoed only if it looks like an id
MEDIA_TYPES = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet", "jsonl": "application/x-ndjson"}

REQUESTS = Counter("piimask_http_requests_total", "HTTP requests", ["route", "status"])
LATENCY = Histogram("piimask_http_request_seconds", "HTTP request latency", ["route"])
ENTITIES = Counter("piimask_entities_total", "Entities found in text requests", ["type"])
JOBS = Counter("piimask_table_jobs_total", "Table jobs submitted")
BATCH_TEXTS = Histogram(
    "piimask_inference_batch_texts", "Texts per forward pass", buckets=(1, 2, 4, 8, 16, 32, 64, 128, 256, 512)
)
INFERENCE = Histogram("piimask_inference_seconds", "Model inference time per forward pass")


class _ProcessMetrics:
    """Re-exports the default registry (request, entity and inference metrics of this process)."""

    def collect(self):
        yield from REGISTRY.collect()


def observe_inference(texts: int, seconds: float) -> None:
    BATCH_TEXTS.observe(texts)
    INFERENCE.observe(seconds)


# ---------------------------------------------------------------- models


Offsets = Literal["codepoints", "utf16"]
OFFSETS_DOC = "how start/end count: Python code points (default) or UTF-16 code units, as JavaScript strings do"


class TextRequest(BaseModel):
    text: str
    policy: Policy | None = None
    offsets: Offsets = Field(default="codepoints", description=OFFSETS_DOC)


class BatchRequest(BaseModel):
    texts: list[str]
    policy: Policy | None = None
    offsets: Offsets = Field(default="codepoints", description=OFFSETS_DOC)


def _utf16_index(text: str):
    """Code-point index → UTF-16 index (characters beyond the BMP count twice)."""
    if text.isascii() or all(ord(ch) < 0x10000 for ch in text):
        return lambda i: i
    prefix = [0]
    for ch in text:
        prefix.append(prefix[-1] + (2 if ord(ch) > 0xFFFF else 1))
    return prefix.__getitem__


class EntityOut(BaseModel):
    type: str
    start: int
    end: int
    score: float


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


class FpeValue(BaseModel):
    value: str = Field(description="an fpe replacement, as the mask call returned it")
    type: str
    key_id: str | None = Field(default=None, description="the mask call's key_id; default: the active key")
    luhn: bool = False


class UnmaskRequest(BaseModel):
    text: str
    fpe: list[FpeValue] = Field(
        default_factory=list,
        description="fpe values to restore wherever they occur in the text (encrypt tokens are found by themselves)",
    )


class UnmaskResponse(BaseModel):
    text: str
    restored: int


class TableJsonRequest(BaseModel):
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


# ---------------------------------------------------------------- helpers


def _engine(request: Request) -> MaskingEngine:
    return request.app.state.engine


def _check_texts(settings: Settings, texts: list[str]) -> None:
    if not texts:
        raise ApiError(422, "invalid_request", "texts: at least one text is required")
    if len(texts) > settings.max_batch_texts:
        raise ApiError(
            413, "too_many_texts", f"texts: {len(texts)} texts; the limit is {settings.max_batch_texts} per request"
        )
    for i, text in enumerate(texts):
        where = "text" if len(texts) == 1 else f"texts[{i}]"
        if not text.strip():
            raise ApiError(422, "empty_text", f"{where}: the text is empty")
        if len(text) > settings.max_text_chars:
            raise ApiError(
                413, "text_too_long", f"{where}: {len(text)} characters; the limit is {settings.max_text_chars}"
            )


def _count_entities(results) -> None:
    for spans in results:
        for span in spans:
            ENTITIES.labels(span.type).inc()


def _mask_out(result, text: str, offsets: str) -> MaskResponse:
    at = _utf16_index(text) if offsets == "utf16" else (lambda i: i)
    entities = [MaskedEntityOut(**{**asdict(e), "start": at(e.start), "end": at(e.end)}) for e in result.entities]
    return MaskResponse(masked_text=result.masked_text, entities=entities)


# ---------------------------------------------------------------- routes

router = APIRouter()


@router.get("/healthz", tags=["ops"])
def healthz() -> dict:
    return {"status": "ok"}


@router.get("/readyz", tags=["ops"])
def readyz(request: Request) -> JSONResponse:
    state = request.app.state
    body: dict[str, Any] = {"process": "service", **state.describe()}
    try:
        state.redis.ping()
        body["redis"] = "ok"
        body["workers"] = worker_registrations(state.redis)
    except RedisError:
        body["redis"] = "unreachable"
        body["workers"] = []
    ready = state.engine is not None and body["redis"] == "ok"
    body["status"] = "ready" if ready else "not_ready"
    return JSONResponse(body, status_code=200 if ready else 503)


class QueueCollector:
    """Figures read from Redis at scrape time, so every service replica reports the same truth."""

    def __init__(self, app: FastAPI):
        self.app = app

    def collect(self):
        state = getattr(self.app.state, "queue", None)
        if state is None:
            return
        try:
            figures = queue_figures(state)
            rows = int(self.app.state.redis.get(ROWS_MASKED_KEY) or 0)
            workers = len(worker_registrations(self.app.state.redis))
        except RedisError:
            return
        jobs = GaugeMetricFamily("piimask_table_jobs", "Table jobs by state (RQ registries)", labels=["state"])
        for name, count in figures.items():
            jobs.add_metric([name], count)
        yield jobs
        yield GaugeMetricFamily("piimask_queue_depth", "Table jobs waiting in the queue", value=figures["queued"])
        yield CounterMetricFamily("piimask_rows_masked", "Table rows masked by all workers", value=rows)
        yield GaugeMetricFamily("piimask_workers", "Workers registered in Redis", value=workers)


@router.get("/metrics", tags=["ops"])
def metrics(request: Request) -> Response:
    return Response(generate_latest(request.app.state.registry), media_type=CONTENT_TYPE_LATEST)


# The text routes are async and await the engine's future: the masking work runs on the inference thread, so
# a request costs no worker-thread hop and the event loop stays free for /healthz under full load.


@router.post("/v1/text/analyze", response_model=AnalyzeResponse, tags=["text"], dependencies=[require("mask")])
async def analyze(body: TextRequest, request: Request) -> AnalyzeResponse:
    _check_texts(request.app.state.settings, [body.text])
    later = _engine(request).analyze_later([body.text], body.policy or DEFAULT_POLICY)
    spans = (await asyncio.wrap_future(later))[0]
    _count_entities([spans])
    at = _utf16_index(body.text) if body.offsets == "utf16" else (lambda i: i)
    return AnalyzeResponse(
        entities=[EntityOut(type=s.type, start=at(s.start), end=at(s.end), score=round(s.score, 4)) for s in spans]
    )


@router.post("/v1/text/mask", response_model=MaskResponse, tags=["text"], dependencies=[require("mask")])
async def mask(body: TextRequest, request: Request) -> MaskResponse:
    _check_texts(request.app.state.settings, [body.text])
    later = _engine(request).mask_later([body.text], body.policy or DEFAULT_POLICY)
    result = (await asyncio.wrap_future(later))[0]
    _count_entities([result.entities])
    return _mask_out(result, body.text, body.offsets)


@router.post("/v1/text/mask/batch", response_model=BatchResponse, tags=["text"], dependencies=[require("mask")])
async def mask_batch(body: BatchRequest, request: Request) -> BatchResponse:
    _check_texts(request.app.state.settings, body.texts)
    results = await asyncio.wrap_future(_engine(request).mask_later(body.texts, body.policy or DEFAULT_POLICY))
    _count_entities([r.entities for r in results])
    return BatchResponse(results=[_mask_out(r, t, body.offsets) for r, t in zip(results, body.texts)])


@router.post("/v1/text/unmask", response_model=UnmaskResponse, tags=["text"], dependencies=[require("unmask")])
def unmask(body: UnmaskRequest, request: Request) -> UnmaskResponse:
    _check_texts(request.app.state.settings, [body.text])
    crypto = _engine(request).crypto
    try:
        text, restored = unmask_tokens(body.text, crypto)
        # Longest first, so a value that contains another is restored whole.
        for item in sorted(body.fpe, key=lambda v: len(v.value), reverse=True):
            if item.value in text:
                original = fpe_restore(item.value, item.type, crypto, item.key_id, item.luhn)
                restored += text.count(item.value)
                text = text.replace(item.value, original)
    except UnmaskError as exc:
        raise ApiError(422, "cannot_unmask", str(exc)) from None
    return UnmaskResponse(text=text, restored=restored)


TABLE_REQUEST_DOC = {
    "requestBody": {
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "policy": {"type": "string", "description": "the policy as JSON"},
                        "format": {"type": "string", "enum": list(FORMATS)},
                    },
                }
            },
            "application/json": {"schema": TableJsonRequest.model_json_schema()},
        },
        "required": True,
    }
}


@router.post(
    "/v1/tables",
    status_code=202,
    response_model=JobAccepted,
    tags=["tables"],
    dependencies=[require("tables")],
    openapi_extra=TABLE_REQUEST_DOC,
)
async def submit_table(request: Request) -> JobAccepted:
    state = request.app.state
    settings: Settings = state.settings
    store: BlobStore = state.store
    job_id = uuid.uuid4().hex
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        source_key, fmt, policy_raw, output_key = await _receive_upload(request, store, settings, job_id)
    elif content_type.startswith("application/json"):
        source_key, fmt, policy_raw, output_key = await _receive_reference(request, store)
    else:
        raise ApiError(415, "unsupported_media_type", "send multipart/form-data (file upload) or application/json")
    destination = output_key or f"results/{job_id}/output.{fmt}"
    try:
        store.resolve(destination)
    except BlobPathError as exc:
        raise ApiError(400, "invalid_uri", f"output_uri: {exc}") from None
    if policy_raw and Policy.model_validate(policy_raw).unmasks:
        check_scope(request, "unmask")
    spec = TableJobSpec(source=source_key, destination=destination, format=fmt, policy=policy_raw)
    enqueue_table_job(
        state.queue, job_id, spec, timeout=settings.job_timeout_s, retries=settings.job_retries, ttl=settings.result_ttl_s
    )
    JOBS.inc()
    return JobAccepted(job_id=job_id, status_url=f"/v1/jobs/{job_id}")


def _policy_from_json(raw: Any) -> dict | None:
    if raw is None:
        return None
    try:
        Policy.model_validate(raw)
    except ValidationError as exc:
        raise ApiError(422, "invalid_policy", "policy: " + describe_validation_errors(exc.errors())) from None
    return raw


async def _receive_upload(request: Request, store: BlobStore, settings: Settings, job_id: str):
    try:
        form = await request.form(max_files=1, max_fields=10)
    except Exception:
        raise ApiError(400, "malformed_multipart", "the multipart body could not be parsed") from None
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise ApiError(422, "invalid_request", "file: a file part named 'file' is required")
    try:
        fmt = detect_format(upload.filename, form.get("format") if isinstance(form.get("format"), str) else None)
    except TableError as exc:
        raise ApiError(415, "unsupported_format", str(exc)) from None
    policy_raw = None
    if isinstance(form.get("policy"), str) and form.get("policy").strip():
        try:
            policy_raw = json.loads(form.get("policy"))
        except json.JSONDecodeError:
            raise ApiError(400, "malformed_json", "policy: not valid JSON") from None
    policy_raw = _policy_from_json(policy_raw)
    key = f"uploads/{job_id}/input.{fmt}"
    size = 0
    with store.atomic_writer(store.resolve(key)) as out:
        while chunk := await upload.read(1 << 20):
            size += len(chunk)
            if size > settings.max_upload_bytes:
                raise ApiError(413, "upload_too_large", f"file: the limit is {settings.max_upload_bytes} bytes")
            out.write(chunk)
    await upload.close()
    return key, fmt, policy_raw, None


async def _receive_reference(request: Request, store: BlobStore):
    try:
        raw = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ApiError(400, "malformed_json", "the request body is not valid JSON") from None
    try:
        body = TableJsonRequest.model_validate(raw)
    except ValidationError as exc:
        raise ApiError(422, "invalid_request", describe_validation_errors(exc.errors())) from None
    try:
        path = store.resolve(body.source_uri)
        if body.output_uri:
            store.resolve(body.output_uri)
    except BlobPathError as exc:
        raise ApiError(400, "invalid_uri", f"{exc}") from None
    if not store.exists(path):
        raise ApiError(404, "source_not_found", "source_uri: no such object in the blob store")
    try:
        fmt = detect_format(body.source_uri, body.format)
    except TableError as exc:
        raise ApiError(415, "unsupported_format", str(exc)) from None
    policy_raw = _policy_from_json(raw.get("policy"))
    return store.key_of(path), fmt, policy_raw, body.output_uri and store.key_of(store.resolve(body.output_uri))


def _job_or_404(request: Request, job_id: str):
    # RQ accepts only these characters in an id (str.isalnum would let "ñ" through to a ValueError)
    job = fetch_job(request.app.state.redis, job_id) if JOB_ID.fullmatch(job_id) else None
    if job is None or job.func_name != "task_processor.process_table_masking_task":
        raise ApiError(404, "job_not_found", f"no job with id {job_id!r}")
    return job


@router.get("/v1/jobs/{job_id}", response_model=JobOut, tags=["tables"], dependencies=[require("tables")])
def get_job(job_id: str, request: Request) -> JobOut:
    return JobOut(**job_state(_job_or_404(request, job_id)))


@router.get("/v1/jobs/{job_id}/result", tags=["tables"], dependencies=[require("tables")])
def get_job_result(job_id: str, request: Request) -> StreamingResponse:
    job = _job_or_404(request, job_id)
    state = job_state(job)
    if state["status"] != "finished":
        raise ApiError(409, "job_not_finished", f"the job is {state['status']}; its result is not available")
    store: BlobStore = request.app.state.store
    spec = TableJobSpec.model_validate(job.args[0])
    path = store.resolve(spec.destination)
    if not store.exists(path):
        raise ApiError(410, "result_gone", "the job's output is no longer in the blob store")

    def chunks():
        with store.open(path) as f:
            while chunk := f.read(1 << 20):
                yield chunk

    return StreamingResponse(
        chunks(),
        media_type=MEDIA_TYPES.get(spec.format, "application/octet-stream"),
        headers={"content-disposition": f'attachment; filename="masked-{job_id}.{spec.format}"'},
    )


@router.delete("/v1/jobs/{job_id}", status_code=202, tags=["tables"], dependencies=[require("tables")])
def cancel_job(job_id: str, request: Request) -> dict:
    job = _job_or_404(request, job_id)
    settings: Settings = request.app.state.settings
    status = job_state(job)["status"]
    if status in ("finished", "failed", "canceled"):
        raise ApiError(409, "job_already_ended", f"the job already ended ({status})")
    request_cancel(request.app.state.redis, job, settings.result_ttl_s)
    return {"job_id": job_id, "status": "canceled"}


def instrument(app: FastAPI) -> None:
    app.add_middleware(Observe)


class Observe:
    """Request ids, the access log line and the per-route metrics. Plain ASGI rather than `@app.middleware`: Starlette's
    BaseHTTPMiddleware runs each request through extra tasks and streams, a third of the event loop's time per text
    request under load (py-spy, bench/text.py at concurrency 8)."""

    access = logging.getLogger("piimask.http.access")

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        given = next((v for k, v in scope.get("headers") or [] if k == b"x-request-id"), b"").decode("latin-1")
        rid = given if REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        status = 500  # what the server answers if the app raises before starting a response

        async def send_with_id(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", rid.encode())]
            await send(message)

        token = request_id.set(rid)
        started = time.perf_counter()
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            request_id.reset(token)
            elapsed = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", "unmatched")  # the template, never the raw path
            LATENCY.labels(route).observe(elapsed)
            REQUESTS.labels(route, str(status)).inc()
            self.access.info(
                "request",
                extra={"request_id": rid, "method": scope["method"], "route": route, "status": status,
                       "ms": round(elapsed * 1000, 1)},
            )  # fmt: skip


class BodyLimit:
    """Counts a request's body as it arrives and answers 413 past the limit: neither a declared nor a chunked huge
    body reaches the parsers, so it can fill neither memory nor the upload spool."""

    def __init__(self, app, settings_of):
        self.app, self.settings_of = app, settings_of

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        settings: Settings = self.settings_of()
        headers = dict(scope.get("headers") or [])
        multipart = headers.get(b"content-type", b"").startswith(b"multipart/")
        limit = settings.max_upload_bytes + (1 << 20) if multipart else settings.max_body_bytes
        what = "upload" if multipart else "request body"
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            return await self._too_large(send, what, limit)
        seen = 0
        answered = False

        async def counted():
            nonlocal seen, answered
            if answered:
                return {"type": "http.disconnect"}
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                # Answer now and tell the app the client left; what the app answers to that is dropped.
                await self._too_large(send, what, limit)
                answered = True
                return {"type": "http.disconnect"}
            return message

        async def guarded(message):
            if not answered:
                await send(message)

        await self.app(scope, counted, guarded)

    @staticmethod
    async def _too_large(send, what: str, limit: int) -> None:
        response = error_response(413, "body_too_large", f"the {what} exceeds the limit of {limit} bytes")
        await send({"type": "http.response.start", "status": 413, "headers": response.raw_headers})
        await send({"type": "http.response.body", "body": response.body})



def build_app(lifespan) -> FastAPI:
    app = FastAPI(title="piimask", version="1", lifespan=lifespan, description="PII masking for text and tables")
    # The process-wide metrics plus this app's Redis-backed figures (a registry per app keeps tests independent).
    app.state.registry = CollectorRegistry()
    app.state.registry.register(_ProcessMetrics())
    app.state.registry.register(QueueCollector(app))
    install_error_handlers(app)
    instrument(app)
    app.add_middleware(BodyLimit, settings_of=lambda: app.state.settings)
    app.include_router(router)
    app.include_router(presidio_compat.router)
    return app
