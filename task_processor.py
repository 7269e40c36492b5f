"""The table-masking job that RQ workers run. Imports from worker_models, never from the service."""

from __future__ import annotations

import logging
import time

from rq import get_current_job

from piimask.blobstore import BlobStore
from piimask.jobs import TableJobSpec, cancel_key
from piimask.policy import parse_policy
from piimask.settings import get_settings
from piimask.operators import UnmaskError
from piimask.formats import TableError
from piimask.tables import mask_table
from worker_models import get_table_masking_worker

log = logging.getLogger("piimask.worker")


class TableJobError(Exception):
    """Raised with a message fit for the job's status: it never carries cell values."""


def process_table_masking_task(spec: dict) -> dict:
    job = get_current_job()
    settings = get_settings()
    job_spec = TableJobSpec.model_validate(spec)
    store = BlobStore(settings.blob_root)
    engine = get_table_masking_worker()
    stop_key = cancel_key(job.id) if job else None

    def save_meta(**fields) -> None:
        if job is not None:
            job.meta.update(fields)
            job.save_meta()

    def should_stop() -> bool:
        return bool(job and job.connection.exists(stop_key))

    last_saved = 0.0
    total: int | None = None

    def on_progress(rows: int) -> None:
        nonlocal last_saved
        now = time.monotonic()
        if now - last_saved >= 0.5:  # one Redis write per half second at most
            last_saved = now
            save_meta(progress={"rows_done": rows, "rows_total": total})

    try:
        policy = parse_policy(job_spec.policy)
        source = store.resolve(job_spec.source)
        destination = store.resolve(job_spec.destination)
        if store.clear_partials(destination):
            log.info("job %s: removed the partial output of an interrupted attempt", job.id if job else "-")

        def on_total(rows: int) -> None:
            nonlocal total
            total = rows
            save_meta(progress={"rows_done": 0, "rows_total": total})

        report = mask_table(
            engine,
            policy,
            store,
            source,
            destination,
            job_spec.format,
            batch_rows=settings.table_batch_rows,
            on_total=on_total,
            on_progress=on_progress,
            should_stop=should_stop,
        )
    except (TableError, UnmaskError, ValueError) as exc:
        # Bad input will not get better on a retry: fail now, with the sanitised message only.
        message = str(exc) if isinstance(exc, (TableError, UnmaskError)) else "the job's specification is invalid"
        _fail_without_retry(job, message)
        raise TableJobError(message) from None
    except Exception as exc:
        # Unexpected (I/O, a worker fault): RQ retries. The message names the exception type, never its text,
        # because library messages can quote the data they choked on.
        message = f"internal error while masking the table ({type(exc).__name__})"
        save_meta(error=message)
        log.error("job %s: %s", job.id if job else "-", message)
        raise TableJobError(message) from None
    if report is None:
        save_meta(canceled=True)
        log.info("job %s: canceled", job.id if job else "-")
        return {"canceled": True}
    save_meta(progress={"rows_done": report["rows"], "rows_total": report["rows"]}, report=report, error=None)
    log.info("job %s: masked %d rows", job.id if job else "-", report["rows"])
    return report


def _fail_without_retry(job, message: str) -> None:
    if job is None:
        return
    job.retries_left = 0
    job.meta["error"] = message
    job.save_meta()
