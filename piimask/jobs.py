"""Table jobs on RQ: the job spec, enqueueing, status, and cooperative cancellation.

The service enqueues by the task's dotted name, so it never imports the worker-side modules. Job metadata holds
progress, a PII-free error message and the report: never a cell value.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel
from redis import Redis
from rq import Queue, Retry, Worker
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus

TASK = "task_processor.process_table_masking_task"
REGISTRATION_FIELD = "piimask"  # field added to RQ's own worker hash: which models the process holds, and where


class TableJobSpec(BaseModel):
    source: str  # blob store key of the input
    destination: str  # blob store key of the output
    format: str
    policy: dict[str, Any] | None = None


def cancel_key(job_id: str) -> str:
    return f"piimask:cancel:{job_id}"


def enqueue_table_job(queue: Queue, job_id: str, spec: TableJobSpec, *, timeout: int, retries: int, ttl: int) -> Job:
    return queue.enqueue(
        TASK,
        spec.model_dump(),
        job_id=job_id,
        job_timeout=timeout,
        result_ttl=ttl,
        failure_ttl=ttl,
        retry=Retry(max=retries) if retries else None,
        meta={"progress": {"rows_done": 0, "rows_total": None}},
        description="table masking",  # RQ's default description repeats the arguments
    )


def fetch_job(connection: Redis, job_id: str) -> Job | None:
    try:
        return Job.fetch(job_id, connection=connection)
    except NoSuchJobError:
        return None


def request_cancel(connection: Redis, job: Job, ttl: int) -> str:
    """Queued jobs are cancelled at once; a running one stops at its next batch (RQ cannot stop a SimpleWorker's job)."""
    connection.set(cancel_key(job.id), "1", ex=ttl)
    status = job.get_status(refresh=True)
    if status in (JobStatus.QUEUED, JobStatus.DEFERRED, JobStatus.SCHEDULED):
        job.cancel()
    return "canceled"


def job_state(job: Job) -> dict[str, Any]:
    status = job.get_status(refresh=True)
    meta = job.get_meta(refresh=True)
    # A running job asked to stop stays "started" until it has stopped and removed its partial output; one that
    # completed before it saw the request is honestly "finished".
    if status in (JobStatus.CANCELED, JobStatus.STOPPED) or meta.get("canceled"):
        status_text = "canceled"
    elif status in (JobStatus.DEFERRED, JobStatus.SCHEDULED):
        status_text = "queued"
    else:
        status_text = str(status.value if hasattr(status, "value") else status)
    error = None
    if status_text == "failed":
        error = meta.get("error") or "the job failed on the worker (no details recorded)"
    return {
        "job_id": job.id,
        "status": status_text,
        "progress": meta.get("progress") or {"rows_done": 0, "rows_total": None},
        "error": error,
        "report": meta.get("report") if status_text == "finished" else None,
    }


def worker_registrations(connection: Redis) -> list[dict[str, Any]]:
    """What every live worker reports about the models it holds (the service's /readyz shows it; tests read it)."""
    out = []
    for worker in Worker.all(connection=connection):
        raw = connection.hget(worker.key, REGISTRATION_FIELD)
        out.append({"name": worker.name, "pid": worker.pid, "hostname": worker.hostname, **(json.loads(raw) if raw else {})})
    return out
