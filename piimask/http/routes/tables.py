"""POST /v1/tables: a table job from an upload (multipart) or from an object already in the blob store (JSON).

The route reads the body itself rather than through a declared model, because it takes either content type; the
OpenAPI document describes both (`TABLE_REQUEST_DOC`).
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from fastapi import APIRouter, Request
from pydantic import ValidationError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.concurrency import run_in_threadpool

from piimask.audit import Caller
from piimask.http.access import check_scope
from piimask.http.deps import IdentityDep, QueueDep, SettingsDep, StoreDep, require
from piimask.http.errors import ApiError, client_name, describe_validation_errors
from piimask.http.metrics import JOBS
from piimask.http.schemas import JobAccepted, TableJsonRequest
from piimask.policy import Policy
from piimask.settings import Settings
from piimask.tables.blobstore import BlobStore
from piimask.tables.formats import FORMATS, detect_format
from piimask.tables.jobs import TableJobSpec, enqueue_table_job, remember_job

router = APIRouter(tags=["tables"])

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

FORM_FIELDS = ("file", "policy", "format")  # the multipart parts an upload may have; any other is refused by name

# what a job's input came as: its blob key, format, raw policy and output key (None: the default place)
Received = tuple[str, str, dict | None, str | None]


@router.post(
    "/v1/tables",
    status_code=202,
    response_model=JobAccepted,
    dependencies=[require("tables")],
    openapi_extra=TABLE_REQUEST_DOC,
)
async def submit_table(
    request: Request, settings: SettingsDep, store: StoreDep, queue: QueueDep, identity: IdentityDep
) -> JobAccepted:
    job_id = uuid.uuid4().hex
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        source_key, fmt, policy_raw, output_key = await _receive_upload(request, store, settings, job_id)
    elif content_type.startswith("application/json"):
        source_key, fmt, policy_raw, output_key = await _receive_reference(request, store)
    else:
        raise ApiError(415, "unsupported_media_type", "send multipart/form-data (file upload) or application/json")
    destination = output_key or f"results/{job_id}/output.{fmt}"
    store.resolve(destination)
    caller = None
    if policy_raw and Policy.model_validate(policy_raw).unmasks:
        check_scope(identity.scopes, "unmask")
        caller = Caller(key_id=identity.key_id, scope=identity.granting("unmask"))  # the worker audits the unmask
    spec = TableJobSpec(source=source_key, destination=destination, format=fmt, policy=policy_raw, caller=caller)
    enqueue_table_job(
        queue, job_id, spec, timeout=settings.job_timeout_s, retries=settings.job_retries, ttl=settings.result_ttl_s
    )
    # a job may run for its timeout and its result is then kept for the result TTL: the index outlasts both
    remember_job(queue.connection, identity.key_id, job_id, ttl=settings.result_ttl_s + settings.job_timeout_s)
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


async def _receive_upload(request: Request, store: BlobStore, settings: Settings, job_id: str) -> Received:
    upload = _StreamedUpload(request.headers.get("content-type", ""), store, settings.max_upload_bytes, job_id)
    try:
        async for chunk in request.stream():
            await upload.feed(chunk)
        await upload.finish()
        unknown = sorted(set(upload.fields) - set(FORM_FIELDS))
        if unknown:
            raise ApiError(
                422, "invalid_request", "; ".join(f"{client_name(n, quoted=False)}: unknown field" for n in unknown)
            )
        if upload.key is None:
            raise ApiError(422, "invalid_request", "file: a file part named 'file' is required")
        fmt = detect_format(upload.filename, upload.fields.get("format") or None)
        policy_raw = None
        policy_text = upload.fields.get("policy", "")
        if policy_text.strip():
            try:
                policy_raw = json.loads(policy_text)
            except json.JSONDecodeError:
                raise ApiError(400, "malformed_json", "policy: not valid JSON") from None
        return upload.key, fmt, _policy_from_json(policy_raw), None
    except BaseException:
        await upload.discard()  # a refused or broken upload leaves nothing in the store
        raise


class _StreamedUpload:
    """A multipart body read as it arrives: the `file` part goes straight into the blob store (on S3, a multipart
    upload completed at the end; never a local spool file first), the small fields are kept in memory.

    Starlette's form parser spools a file part to a temporary file on the service's disk before the route sees it;
    that is a second copy of every table on a host that should hold none, hence python-multipart's parser here."""

    FIELD_LIMIT = 1024**2  # policy and format are small; a larger field is a mistake, not a policy
    MAX_PARTS = 10

    def __init__(self, content_type: str, store: BlobStore, max_bytes: int, job_id: str) -> None:
        kind, options = parse_options_header(content_type)
        boundary = options.get(b"boundary")
        if kind != b"multipart/form-data" or not boundary:
            raise ApiError(400, "malformed_multipart", "the multipart body has no boundary")
        self.store, self.max_bytes, self.job_id = store, max_bytes, job_id
        self.fields: dict[str, str] = {}
        self.filename: str | None = None
        self.key: str | None = None  # set once the file part has been written completely
        self._events: list[tuple[str, bytes]] = []
        self._header_field = self._header_value = b""
        self._headers: dict[bytes, bytes] = {}
        self._parts = 0
        self._part_name: str | None = None
        self._part_is_file = False
        self._value = bytearray()
        self._writer: Any = None  # the blob store's atomic writer context, while the file part streams
        self._sink: Any = None
        self._size = 0
        self._pending_key: str | None = None
        self._parser = MultipartParser(
            boundary,
            {
                "on_part_begin": lambda: self._events.append(("begin", b"")),
                "on_part_data": lambda data, start, end: self._events.append(("data", bytes(data[start:end]))),
                "on_part_end": lambda: self._events.append(("end", b"")),
                "on_header_field": self._on_header_field,
                "on_header_value": self._on_header_value,
                "on_header_end": self._on_header_end,
                "on_headers_finished": lambda: self._events.append(("headers", b"")),
            },
        )
        self._ended = False

    def _on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_field += data[start:end]

    def _on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def _on_header_end(self) -> None:
        # as an event, like the rest: the events of one chunk are handled after the parser has read all of it
        self._events.append(("header", self._header_field.lower() + b"\0" + self._header_value))
        self._header_field = self._header_value = b""

    async def feed(self, chunk: bytes) -> None:
        try:
            self._parser.write(chunk)
        except Exception:
            raise ApiError(400, "malformed_multipart", "the multipart body could not be parsed") from None
        events, self._events = self._events, []
        for event, data in events:
            await self._handle(event, data)

    async def _handle(self, event: str, data: bytes) -> None:
        if event == "begin":
            self._parts += 1
            if self._parts > self.MAX_PARTS:
                raise ApiError(400, "malformed_multipart", f"more than {self.MAX_PARTS} parts")
            self._headers = {}
        elif event == "header":
            field, _, value = data.partition(b"\0")
            self._headers[field] = value
        elif event == "headers":
            await self._start_part()
        elif event == "data":
            if self._part_is_file:
                self._size += len(data)
                if self._size > self.max_bytes:
                    raise ApiError(413, "upload_too_large", f"file: the limit is {self.max_bytes} bytes")
                await run_in_threadpool(self._sink.write, data)
            else:
                self._value += data
                if len(self._value) > self.FIELD_LIMIT:
                    raise ApiError(413, "field_too_large", f"{self._part_name}: the limit is {self.FIELD_LIMIT} bytes")
        elif event == "end":
            await self._end_part()

    async def _start_part(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        name = options.get(b"name", b"").decode("utf-8", "replace")
        filename = options.get(b"filename")
        self._part_name, self._value = name, bytearray()
        self._part_is_file = name == "file" and filename is not None
        if name in self.fields or (name == "file" and (self._pending_key or self.key)):
            raise ApiError(422, "invalid_request", f"{client_name(name, quoted=False)}: sent twice")
        if self._part_is_file:
            self.filename = filename.decode("utf-8", "replace")
            suffix = self.filename.rsplit(".", 1)[-1].lower() if "." in self.filename else "upload"
            # the suffix only names the object; the job's format is decided once every field has arrived
            self._pending_key = f"uploads/{self.job_id}/input.{suffix if suffix.isalnum() else 'upload'}"
            self._writer = self.store.atomic_writer(self.store.resolve(self._pending_key))
            self._sink = await run_in_threadpool(self._writer.__enter__)

    async def _end_part(self) -> None:
        if self._part_is_file:
            writer, self._writer = self._writer, None
            await run_in_threadpool(writer.__exit__, None, None, None)  # completes the object
            self.key = self._pending_key
        elif self._part_name is not None:
            try:
                self.fields[self._part_name] = self._value.decode("utf-8")
            except UnicodeDecodeError:
                raise ApiError(400, "malformed_multipart", f"{self._part_name}: not UTF-8") from None
        self._part_name, self._part_is_file = None, False

    async def finish(self) -> None:
        try:
            self._parser.finalize()
        except Exception:
            raise ApiError(400, "malformed_multipart", "the multipart body could not be parsed") from None
        if self._writer is not None or self._part_name is not None:
            raise ApiError(400, "malformed_multipart", "the multipart body ended inside a part")

    async def discard(self) -> None:
        if self._writer is not None:  # mid-part: the atomic writer aborts, no object appears
            writer, self._writer = self._writer, None
            error = ApiError(400, "malformed_multipart", "upload interrupted")
            await run_in_threadpool(writer.__exit__, type(error), error, None)
        if self.key is not None:
            await run_in_threadpool(self.store.remove, self.store.resolve(self.key))
            self.key = None


async def _receive_reference(request: Request, store: BlobStore) -> Received:
    try:
        raw = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ApiError(400, "malformed_json", "the request body is not valid JSON") from None
    try:
        body = TableJsonRequest.model_validate(raw)
    except ValidationError as exc:
        raise ApiError(422, "invalid_request", describe_validation_errors(exc.errors())) from None
    path = store.resolve(body.source_uri)
    output = store.key_of(store.resolve(body.output_uri)) if body.output_uri else None
    if not store.exists(path):
        raise ApiError(404, "source_not_found", "source_uri: no such object in the blob store")
    fmt = detect_format(body.source_uri, body.format)
    policy_raw = _policy_from_json(raw.get("policy"))
    return store.key_of(path), fmt, policy_raw, output
