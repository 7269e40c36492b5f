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
from starlette.datastructures import UploadFile

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
    try:
        form = await request.form(max_files=1, max_fields=10)
    except Exception:
        raise ApiError(400, "malformed_multipart", "the multipart body could not be parsed") from None
    unknown = sorted(set(form.keys()) - set(FORM_FIELDS))
    if unknown:
        raise ApiError(422, "invalid_request", "; ".join(f"{client_name(n, quoted=False)}: unknown field" for n in unknown))
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise ApiError(422, "invalid_request", "file: a file part named 'file' is required")
    declared = form.get("format")
    fmt = detect_format(upload.filename, declared if isinstance(declared, str) else None)
    policy_raw = None
    policy_text = form.get("policy")
    if isinstance(policy_text, str) and policy_text.strip():
        try:
            policy_raw = json.loads(policy_text)
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
