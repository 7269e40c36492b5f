"""The table-masking jobs that RQ workers run. Imports from worker_models, never from the service.

`process_table_masking_task` masks a whole table, or one part of a split one. An input larger than
PIIMASK_FANOUT_BYTES, or whose free text is more model work than PIIMASK_FANOUT_TEXT_CHARS, is cut into parts that
run as separate jobs on any worker, and `merge_table_parts` joins their outputs in order. Every job is idempotent
(fixed output names, atomic writes), so a retry or a duplicate run is harmless. Job metadata and errors carry
counts and fixed messages only, never a cell value.
"""

from __future__ import annotations

import gc
import logging
import time
import traceback
from collections.abc import Callable

from rq import Queue, get_current_job
from rq.job import Job, JobStatus

from piimask.audit import AuditLog, Caller
from piimask.errors import TableError, UnmaskError
from piimask.logs import job_id
from piimask.policy import parse_policy
from piimask.settings import get_settings
from piimask.tables.blobstore import BlobStore
from piimask.tables.fanout import FanOut, TableWork, estimate_work, fan_out_for
from piimask.tables.formats import CsvDialect, concatenate
from piimask.tables.jobs import (
    ROWS_MASKED_KEY,
    TABLE_UNMASKS_KEY,
    MergeSpec,
    TableJobSpec,
    cancel_key,
    enqueue_merge,
    enqueue_table_job,
    workers_of_queue,
)
from piimask.tables.mask import combine_reports, mask_table, release_free_memory, split_table
from piimask.tables.plan import ColumnPlan
from piimask.tables.risk import class_counts_path, load_risk_plan, meets_target, merged_report, save_risk_plan
from piimask.tables.threads import fit_threads_to_host
from worker_models import get_table_masking_worker

log = logging.getLogger("piimask.worker")


class TableJobError(Exception):
    """Raised with a message fit for the job's status: it never carries cell values."""


class _JobContext:
    """Progress, cancellation and failure bookkeeping of the current RQ job."""

    def __init__(self, stop_id: str | None):
        self.job = get_current_job()
        job_id.set(self.job.id if self.job else None)  # every log line of this job carries its id
        self.stop_key = cancel_key(stop_id or (self.job.id if self.job else ""))
        self.total: int | None = None
        self._saved = 0.0

    @property
    def id(self) -> str:
        return self.job.id if self.job else "-"

    def save(self, **fields) -> None:
        if self.job is not None:
            self.job.meta.update(fields)
            self.job.save_meta()

    def on_total(self, rows: int) -> None:
        self.total = rows
        self.save(progress={"rows_done": 0, "rows_total": rows})

    def on_progress(self, rows: int) -> None:
        now = time.monotonic()
        if now - self._saved >= 0.5:  # one Redis write per half second at most
            self._saved = now
            self.save(progress={"rows_done": rows, "rows_total": self.total})

    def should_stop(self) -> bool:
        return bool(self.job and self.job.connection.exists(self.stop_key))

    def fail_for_good(self, message: str) -> TableJobError:
        """Bad input does not get better on a retry: no retry, and the sanitised message only."""
        if self.job is not None:
            self.job.retries_left = 0
        self.save(error=message)
        return TableJobError(message)


def _guarded(ctx: _JobContext, work: Callable[[], dict]) -> dict:
    try:
        return work()
    except (TableError, UnmaskError) as exc:
        raise ctx.fail_for_good(str(exc)) from None
    except ValueError:
        raise ctx.fail_for_good("the job's specification is invalid") from None
    except Exception as exc:
        # Unexpected (I/O, a worker fault): RQ retries. The message names the exception type, never its text,
        # because library messages can quote the data they choked on.
        message = f"internal error while masking the table ({type(exc).__name__})"
        ctx.save(error=message)
        where = "".join(traceback.format_tb(exc.__traceback__)[-3:])  # code locations only, no message
        log.error("job %s: %s at\n%s", ctx.id, message, where)
        raise TableJobError(message) from None
    finally:
        job_id.set(None)
        # A worker runs many jobs: what one job's column caches and batches left in the heap goes back to the OS
        # before the next, so peak RSS does not creep up part after part.
        gc.collect()
        release_free_memory()


def process_table_masking_task(spec: dict) -> dict:
    settings = get_settings()
    job_spec = TableJobSpec.model_validate(spec)
    ctx = _JobContext(stop_id=job_spec.parent)
    store = BlobStore(settings.blob_root)
    engine = get_table_masking_worker()

    def work() -> dict:
        if ctx.should_stop():  # canceled before it ran: a part that runs through so its merge can clear the parts
            ctx.save(canceled=True)
            return {"canceled": True}
        if ctx.job is not None:
            fit_threads_to_host(ctx.job.connection)  # alone on its host a worker uses every core, else its share
        policy = parse_policy(job_spec.policy)
        source = store.resolve(job_spec.source)
        destination = store.resolve(job_spec.destination)
        plans = [ColumnPlan(**p) for p in job_spec.plans] if job_spec.plans else None
        work = None
        if job_spec.parent is None and ctx.job is not None:
            work = estimate_work(engine, policy, store, source, job_spec.format, batch_rows=settings.table_batch_rows)
            fanout = fan_out_for(
                work,
                store.size(source),
                workers=workers_of_queue(Queue(ctx.job.origin, connection=ctx.job.connection)),
                fanout_bytes=settings.fanout_bytes,
                part_rows=settings.part_rows,
                fanout_text_chars=settings.fanout_text_chars,
                part_text_chars=settings.part_text_chars,
            )
            if fanout.parts > 1:
                return _fan_out(ctx, store, engine, policy, job_spec, source, work, fanout)
            if not policy.generalizes:
                plans = work.plans  # planned once: the masking pass reads the same first batch
        if store.clear_partials(destination):
            log.info("job %s: removed the partial output of an interrupted attempt", ctx.id)
        # a part applies the generalization its parent chose, and leaves its class counts for the merge
        in_part = job_spec.parent is not None
        risk_plan = None
        if in_part and policy.generalizes:
            risk_plan = load_risk_plan(store, store.resolve(f"work/{job_spec.parent}"))
        report = mask_table(
            engine,
            policy,
            store,
            source,
            destination,
            job_spec.format,
            batch_rows=settings.table_batch_rows,
            on_total=ctx.on_total,
            max_rows=settings.max_table_rows,
            on_progress=ctx.on_progress,
            should_stop=ctx.should_stop,
            plans=plans,
            header=not job_spec.part,
            dialect=CsvDialect(**job_spec.dialect) if job_spec.dialect else None,
            risk_plan=risk_plan,
            classes_out=class_counts_path(destination) if in_part and policy.measures_risk else None,
            work=work,  # a whole job: the table that the estimate opened and counted
        )
        if report is None:
            ctx.save(canceled=True)
            log.info("job %s: canceled", ctx.id)
            return {"canceled": True}
        if job_spec.part is None:
            _audit(ctx, job_spec.caller, report)
        ctx.save(progress={"rows_done": report["rows"], "rows_total": report["rows"]}, report=report, error=None)
        if ctx.job is not None:
            ctx.job.connection.incrby(ROWS_MASKED_KEY, report["rows"])
        log.info("job %s: masked %d rows", ctx.id, report["rows"])
        return report

    return _guarded(ctx, work)


def _fan_out(
    ctx: _JobContext,
    store: BlobStore,
    engine,
    policy,
    spec: TableJobSpec,
    source: str,
    work: TableWork,
    fanout: FanOut,
) -> dict:
    settings = get_settings()
    job = ctx.job
    workdir = f"work/{job.id}"
    split = split_table(
        engine,
        policy,
        store,
        source,
        spec.format,
        prefix=store.resolve(workdir),
        parts=fanout.parts,
        batch_rows=settings.table_batch_rows,
        work=work,
    )
    if split["risk_plan"] is not None:
        save_risk_plan(store, store.resolve(workdir), split["risk_plan"])
    queue = Queue(job.origin, connection=job.connection)
    parts, outputs = [], []
    with job.connection.pipeline() as pipe:
        for i, part in enumerate(split["parts"]):
            outputs.append(f"{workdir}/out-{i:05d}.{spec.format}")
            part_spec = TableJobSpec(
                source=store.key_of(part),
                destination=outputs[-1],
                format=spec.format,
                policy=spec.policy,
                parent=job.id,
                part=i,
                plans=split["plans"],
                dialect=split["dialect"],
            )
            parts.append(
                enqueue_table_job(
                    queue,
                    f"{job.id}-part{i:05d}",
                    part_spec,
                    timeout=settings.job_timeout_s,
                    retries=settings.job_retries,
                    ttl=settings.result_ttl_s,
                    pipeline=pipe,
                )
            )
        pipe.execute()
    merge_spec = MergeSpec(
        parent=job.id,
        outputs=outputs,
        destination=spec.destination,
        format=spec.format,
        workdir=workdir,
        caller=spec.caller,
    )
    merge = enqueue_merge(
        queue, f"{job.id}-merge", merge_spec, parts, retries=settings.job_retries, ttl=settings.result_ttl_s
    )
    ctx.save(
        fanout={
            "parts": len(parts),
            "part_ids": [p.id for p in parts],
            "merge_id": merge.id,
            "reason": fanout.reason,  # bytes, text (the model's work) or both
            "text_chars": work.text_chars,  # the estimate of the free text the model reads
        },
        progress={"rows_done": 0, "rows_total": split["rows"]},
    )
    log.info(
        "job %s: split %d rows into %d parts (%s; about %d characters of free text)",
        job.id,
        split["rows"],
        len(parts),
        fanout.reason,
        work.text_chars,
    )
    return {"parts": len(parts)}


def _audit(ctx: _JobContext, caller: Caller | None, report: dict, job_id: str | None = None) -> None:
    """A job that unmasked leaves its audit record (who, when, how many values of each type) before it reports
    success; the counts come from the whole table (a fanned-out job's merge writes the one record)."""
    if caller is None or "restored" not in report:
        return
    AuditLog(get_settings().audit_target).unmasked(caller, report["restored"], where="table", job_id=job_id or ctx.id)
    if ctx.job is not None:
        ctx.job.connection.incr(TABLE_UNMASKS_KEY)


def merge_table_parts(spec: dict) -> dict:
    settings = get_settings()
    merge_spec = MergeSpec.model_validate(spec)
    ctx = _JobContext(stop_id=merge_spec.parent)
    store = BlobStore(settings.blob_root)

    def work() -> dict:
        if ctx.should_stop():
            ctx.save(canceled=True)
            store.remove(store.resolve(merge_spec.workdir))
            return {"canceled": True}
        parts: list[Job] = ctx.job.fetch_dependencies() if ctx.job else []
        if len(parts) != len(merge_spec.outputs):  # RQ leaves out dependencies that expired or were deleted
            raise ctx.fail_for_good(f"{len(merge_spec.outputs) - len(parts)} part job(s) are missing")
        reports = []
        for i, part in enumerate(sorted(parts, key=lambda p: p.id)):
            meta = part.get_meta(refresh=True)
            if part.get_status(refresh=True) != JobStatus.FINISHED or meta.get("canceled"):
                reason = meta.get("error") or "it did not finish"
                raise ctx.fail_for_good(f"part {i + 1} of {len(parts)} failed: {reason}")
            reports.append(meta["report"])
        risk = None
        if reports and "risk" in reports[0]:  # the parts' class counts added up, checked before anything is written
            risk = merged_report(store, [store.resolve(o) for o in merge_spec.outputs], reports)
            if "generalization" in risk and not meets_target(risk):
                raise ctx.fail_for_good("risk: the parts' rows as written miss the target (see the parts' reports)")
        destination = store.resolve(merge_spec.destination)
        with store.atomic_writer(destination) as sink:
            concatenate(store, [store.resolve(o) for o in merge_spec.outputs], sink, merge_spec.format)
        store.remove(store.resolve(merge_spec.workdir))
        report = combine_reports(reports)
        if risk is not None:
            report["risk"] = risk
        _audit(ctx, merge_spec.caller, report, job_id=merge_spec.parent)
        ctx.save(report=report, error=None)
        log.info("job %s: merged %d parts, %d rows", merge_spec.parent, len(reports), report["rows"])
        return report

    return _guarded(ctx, work)
