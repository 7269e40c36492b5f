"""Table jobs on RQ: the job spec, enqueueing, status, and cooperative cancellation.

The service enqueues by the task's dotted name, so it never imports the worker-side modules. Job metadata holds
progress, a PII-free error message and the report: never a cell value.
"""

from __future__ import annotations

import json
import time
from typing import Any

from pydantic import BaseModel
from redis import Redis
from rq import Queue, Retry, Worker
from rq.exceptions import NoSuchJobError
from rq.job import Dependency, Job, JobStatus

from piimask.audit import Caller

TASK = "task_processor.process_table_masking_task"
MERGE_TASK = "task_processor.merge_table_parts"
REGISTRATION_FIELD = "piimask"  # field added to RQ's own worker hash: which models the process holds, and where


class TableJobSpec(BaseModel):
    source: str  # blob store key of the input
    destination: str  # blob store key of the output
    format: str
    policy: dict[str, Any] | None = None
    # Set on the part jobs of a fanned-out job:
    parent: str | None = None
    part: int | None = None
    plans: list[dict[str, Any]] | None = None  # the parent's column plan, so every part masks alike
    dialect: dict[str, str] | None = None
    caller: Caller | None = None  # a job that unmasks: who asked, for the audit record its last job writes


class MergeSpec(BaseModel):
    parent: str
    outputs: list[str]  # blob keys of the parts' outputs, in order
    destination: str
    format: str
    workdir: str  # blob key of the folder of parts, removed once merged
    caller: Caller | None = None


ROWS_MASKED_KEY = "piimask:rows_masked"  # workers add each finished job's rows; /metrics reports it
TABLE_UNMASKS_KEY = "piimask:table_unmasks"  # workers count each table job that unmasked; /metrics reports it


def queue_figures(queue: Queue) -> dict[str, int]:
    """Jobs per state and the queue depth, as RQ's registries hold them."""
    return {
        "queued": queue.count,
        "started": queue.started_job_registry.count,
        "deferred": queue.deferred_job_registry.count,
        "finished": queue.finished_job_registry.count,
        "failed": queue.failed_job_registry.count,
        "canceled": queue.canceled_job_registry.count,
    }


RECENT_JOBS_KEPT = 200  # per API key, for GET /v1/jobs; older entries go when a new job comes in


def _jobs_of(key_id: str | None) -> str:
    # with auth off every caller is the same one
    return f"piimask:jobs_of:{key_id or 'auth-off'}"


def remember_job(connection: Redis, key_id: str | None, job_id: str, ttl: int) -> None:
    """Index a job under the key that submitted it: its key id (a prefix of the key's hash), never the key. The
    index expires `ttl` seconds after the key's last job; entries whose job has expired are dropped when read."""
    index = _jobs_of(key_id)
    with connection.pipeline() as pipe:
        pipe.zadd(index, {job_id: time.time()})
        pipe.zremrangebyrank(index, 0, -RECENT_JOBS_KEPT - 1)
        pipe.expire(index, ttl)
        pipe.execute()


def recent_jobs(connection: Redis, key_id: str | None, limit: int) -> list[tuple[Job, float]]:
    """The key's newest jobs that still exist, with the time each was submitted (Unix seconds)."""
    index = _jobs_of(key_id)
    entries = [(member.decode(), at) for member, at in connection.zrevrange(index, 0, limit - 1, withscores=True)]
    jobs = Job.fetch_many([job_id for job_id, _ in entries], connection=connection) if entries else []
    gone = [job_id for (job_id, _), job in zip(entries, jobs) if job is None]
    if gone:
        connection.zrem(index, *gone)
    return [(job, at) for (_, at), job in zip(entries, jobs) if job is not None]


def cancel_key(job_id: str) -> str:
    return f"piimask:cancel:{job_id}"


def enqueue_table_job(
    queue: Queue, job_id: str, spec: TableJobSpec, *, timeout: int, retries: int, ttl: int, pipeline=None
) -> Job:
    return queue.enqueue(
        TASK,
        spec.model_dump(),
        pipeline=pipeline,
        job_id=job_id,
        job_timeout=timeout,
        result_ttl=ttl,
        failure_ttl=ttl,
        retry=Retry(max=retries) if retries else None,
        meta={"progress": {"rows_done": 0, "rows_total": None}},
        description="table masking",  # RQ's default description repeats the arguments
    )


def enqueue_merge(queue: Queue, job_id: str, spec: MergeSpec, parts: list[Job], *, retries: int, ttl: int) -> Job:
    # allow_failure: a failed part must still wake the merge, which then fails the whole job explicitly; with a
    # plain dependency list RQ leaves the merge deferred for ever when a part fails (seen with RQ 2.12).
    return queue.enqueue(
        MERGE_TASK,
        spec.model_dump(),
        job_id=job_id,
        depends_on=Dependency(jobs=parts, allow_failure=True),
        job_timeout=3600,
        result_ttl=ttl,
        failure_ttl=ttl,
        retry=Retry(max=retries) if retries else None,
        description="table merge",
    )


def fetch_job(connection: Redis, job_id: str) -> Job | None:
    try:
        return Job.fetch(job_id, connection=connection)
    except NoSuchJobError:
        return None


def request_cancel(connection: Redis, job: Job, ttl: int) -> None:
    """Queued jobs are cancelled at once; a running one stops at its next batch (RQ cannot stop a SimpleWorker's job).
    A fanned-out job's parts and merge are left to RQ: each part looks at its parent's flag before it reads anything
    and ends at once, and the merge, which RQ starts only once every part has ended (a cancelled one never would),
    sees the flag too and removes the parts' folder."""
    connection.set(cancel_key(job.id), "1", ex=ttl)
    if job.get_meta(refresh=True).get("fanout"):
        return
    if job.get_status(refresh=True) in (JobStatus.QUEUED, JobStatus.DEFERRED, JobStatus.SCHEDULED):
        job.cancel()


def _status_text(status: JobStatus, meta: dict) -> str:
    if status in (JobStatus.CANCELED, JobStatus.STOPPED) or meta.get("canceled"):
        return "canceled"
    if status in (JobStatus.DEFERRED, JobStatus.SCHEDULED):
        return "queued"
    return str(status.value if hasattr(status, "value") else status)


def job_state(job: Job) -> dict[str, Any]:
    """The job as the API shows it. A fanned-out job's state comes from its parts and its merge job."""
    status = job.get_status(refresh=True)
    meta = job.get_meta(refresh=True)
    progress = meta.get("progress") or {"rows_done": 0, "rows_total": None}
    fanout = meta.get("fanout")
    # A running job asked to stop stays "started" until it has stopped and removed its partial output; one that
    # completed before it saw the request is honestly "finished".
    text = _status_text(status, meta)
    if fanout and text == "finished":
        parts = [p for p in Job.fetch_many(fanout["part_ids"], connection=job.connection) if p is not None]
        merge = Job.fetch(fanout["merge_id"], connection=job.connection)
        merge_meta = merge.get_meta(refresh=True)
        progress = {
            "rows_done": sum((p.get_meta(refresh=True).get("progress") or {}).get("rows_done", 0) for p in parts),
            "rows_total": progress.get("rows_total"),
        }
        text = _status_text(merge.get_status(refresh=True), merge_meta)
        if text == "queued":
            text = "canceled" if job.connection.exists(cancel_key(job.id)) else "started"
        meta = merge_meta
    error = None
    if text == "failed":
        error = meta.get("error") or "the job failed on the worker (no details recorded)"
    return {
        "job_id": job.id,
        "status": text,
        "progress": progress,
        "error": error,
        "report": meta.get("report") if text == "finished" else None,
    }


def worker_registrations(connection: Redis) -> list[dict[str, Any]]:
    """What every live worker reports about the models it holds (the service's /readyz shows it; tests read it)."""
    out = []
    for worker in Worker.all(connection=connection):
        raw = connection.hget(worker.key, REGISTRATION_FIELD)
        out.append(
            {"name": worker.name, "pid": worker.pid, "hostname": worker.hostname, **(json.loads(raw) if raw else {})}
        )
    return out


def workers_on_host(connection: Redis, hostname: str) -> int:
    """How many live workers (of any queue) registered from `hostname`: they share its cores."""
    return sum(1 for worker in Worker.all(connection=connection) if worker.hostname == hostname)


def workers_of_queue(queue: Queue) -> int:
    """How many live workers listen on `queue`: a fanned-out job's parts are a multiple of it."""
    return len(Worker.all(queue=queue))
