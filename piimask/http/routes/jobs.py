"""The table jobs' routes: the caller's recent jobs, state, result (streamed from the blob store) and cancellation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse
from redis import Redis
from rq.job import Job

from piimask.http.deps import IdentityDep, RedisDep, SettingsDep, StoreDep, require
from piimask.http.errors import ApiError
from piimask.http.schemas import JobList, JobOut, ListedJob
from piimask.tables.jobs import TableJobSpec, fetch_job, job_state, recent_jobs, request_cancel

router = APIRouter(tags=["tables"], dependencies=[require("tables")])

JOB_ID = re.compile(r"[A-Za-z0-9_-]{1,128}")
MEDIA_TYPES = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet", "jsonl": "application/x-ndjson"}


def _job_or_404(redis: Redis, job_id: str) -> Job:
    # RQ accepts only these characters in an id (str.isalnum would let "ñ" through to a ValueError)
    job = fetch_job(redis, job_id) if JOB_ID.fullmatch(job_id) else None
    if job is None or job.func_name != "task_processor.process_table_masking_task":
        raise ApiError(404, "job_not_found", f"no job with id {job_id!r}")
    return job


@router.get("/v1/jobs", response_model=JobList)
def list_jobs(redis: RedisDep, identity: IdentityDep, limit: Annotated[int, Query(ge=1, le=100)] = 20) -> JobList:
    """The jobs this API key submitted, newest first (with auth off: every job submitted while it was off)."""
    found = recent_jobs(redis, identity.key_id, limit)
    return JobList(jobs=[ListedJob(**job_state(job), submitted_at=round(at, 3)) for job, at in found])


@router.get("/v1/jobs/{job_id}", response_model=JobOut)
def get_job(job_id: str, redis: RedisDep) -> JobOut:
    return JobOut(**job_state(_job_or_404(redis, job_id)))


@router.get("/v1/jobs/{job_id}/result")
def get_job_result(job_id: str, redis: RedisDep, store: StoreDep) -> StreamingResponse:
    job = _job_or_404(redis, job_id)
    state = job_state(job)
    if state["status"] != "finished":
        raise ApiError(409, "job_not_finished", f"the job is {state['status']}; its result is not available")
    spec = TableJobSpec.model_validate(job.args[0])
    path = store.resolve(spec.destination)
    if not store.exists(path):
        raise ApiError(410, "result_gone", "the job's output is no longer in the blob store")

    def chunks() -> Iterator[bytes]:
        with store.open(path) as f:
            while chunk := f.read(1 << 20):
                yield chunk

    return StreamingResponse(
        chunks(),
        media_type=MEDIA_TYPES.get(spec.format, "application/octet-stream"),
        headers={"content-disposition": f'attachment; filename="masked-{job_id}.{spec.format}"'},
    )


@router.delete("/v1/jobs/{job_id}", status_code=202)
def cancel_job(job_id: str, redis: RedisDep, settings: SettingsDep) -> dict:
    job = _job_or_404(redis, job_id)
    status = job_state(job)["status"]
    if status in ("finished", "failed", "canceled"):
        raise ApiError(409, "job_already_ended", f"the job already ended ({status})")
    request_cancel(redis, job, settings.result_ttl_s)
    return {"job_id": job_id, "status": "canceled"}
