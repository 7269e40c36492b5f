"""Fan-out by the model's work: a table whose free text is above PIIMASK_FANOUT_TEXT_CHARS is split into parts
that real workers mask, and the merged output is the one a single job writes; the rule that sizes parts and torch
threads, by hand."""

from __future__ import annotations

import io
import json
import socket
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from rq import Queue
from rq.job import Job

from piimask.local.processes import start_workers
from piimask.policy import Policy
from piimask.tables.blobstore import BlobStore
from piimask.tables.fanout import FanOut, TableWork, estimate_work, fan_out_for
from piimask.tables.jobs import TableJobSpec, enqueue_table_job, job_state, workers_on_host
from piimask.tables.mask import mask_table
from piimask.tables.threads import threads_for
from tests.helpers import make_csv, wait_for

QUEUE = "test-fanout-text"
TEXT_CHARS = 20_000  # this worker splits a table above 20,000 characters of free text, into parts of about that
BATCH_ROWS = 200  # as the session's env


@pytest.fixture(scope="module")
def text_worker(env, workdir, redis_server):
    """A worker of its own queue whose text threshold is small; the session's worker keeps the defaults."""
    own = {**env, "PIIMASK_QUEUE": QUEUE, "PIIMASK_FANOUT_TEXT_CHARS": str(TEXT_CHARS)}
    own["PIIMASK_PART_TEXT_CHARS"] = str(TEXT_CHARS)
    [proc] = start_workers(own, redis_server.url, [workdir / "worker-fanout.log"], timeout=180)
    yield proc
    proc.stop()


def to_jsonl(records: list[dict]) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode()


def run_job(redis_conn, blobs: Path, name: str, data: bytes, fmt: str) -> tuple[dict, bytes, dict]:
    """Submit `data` as a table job to the text worker's queue; the finished state, the output and the job meta."""
    (blobs / "in").mkdir(parents=True, exist_ok=True)
    (blobs / "in" / f"{name}.{fmt}").write_bytes(data)
    spec = TableJobSpec(source=f"in/{name}.{fmt}", destination=f"out/{name}.{fmt}", format=fmt)
    job = enqueue_table_job(Queue(QUEUE, connection=redis_conn), name, spec, timeout=600, retries=0, ttl=600)

    def done():
        state = job_state(job)
        return state if state["status"] in ("finished", "failed", "canceled") else None

    state = wait_for(done, 300, f"job {name}", interval=0.25)
    assert state["status"] == "finished", state
    meta = Job.fetch(name, connection=redis_conn).get_meta(refresh=True)
    return state, (blobs / spec.destination).read_bytes(), meta


def one_job(engine, tmp_path: Path, data: bytes, fmt: str) -> tuple[dict, bytes]:
    """The same table as one job, in-process (no fan-out), with the session's keyring and batch size."""
    (tmp_path / f"in.{fmt}").write_bytes(data)
    store = BlobStore(str(tmp_path))
    report = mask_table(
        engine, Policy(), store, str(tmp_path / f"in.{fmt}"), str(tmp_path / f"out.{fmt}"), fmt, batch_rows=BATCH_ROWS
    )
    return report, (tmp_path / f"out.{fmt}").read_bytes()


def counts(report: dict) -> list[tuple]:
    keys = ("name", "mode", "entity", "reason", "values_masked", "entities_found", "propagated")
    return [tuple(c[k] for k in keys) for c in report["columns"]]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_a_table_heavy_in_free_text_fans_out_and_masks_as_one_job(fmt, text_worker, env, redis_conn, engine, tmp_path):
    data, records = make_csv(600, seed=23)  # every row its own note: about 45,000 characters of free text
    if fmt == "jsonl":
        data = to_jsonl(records)
    if fmt == "parquet":
        sink = io.BytesIO()
        pq.write_table(pa.Table.from_pylist(records), sink, row_group_size=150)  # a batch ends inside a part
        data = sink.getvalue()
    assert len(data) < int(env["PIIMASK_FANOUT_BYTES"])  # far below the byte rule: the text decides
    name = f"fanout-text-{fmt}-{time.monotonic_ns()}"
    state, out, meta = run_job(redis_conn, Path(env["PIIMASK_BLOB_ROOT"]), name, data, fmt)

    assert meta["fanout"]["reason"] == "text" and meta["fanout"]["parts"] >= 2
    assert meta["fanout"]["text_chars"] > TEXT_CHARS
    assert state["report"]["parts"] == meta["fanout"]["parts"] and state["report"]["rows"] == 600
    assert state["progress"] == {"rows_done": 600, "rows_total": 600}
    part_rows = [Job.fetch(p, connection=redis_conn).get_meta()["report"]["rows"] for p in meta["fanout"]["part_ids"]]
    assert sum(part_rows) == 600 and max(part_rows) - min(part_rows) <= 1  # even to a row

    alone, expected = one_job(engine, tmp_path, data, fmt)
    if fmt == "parquet":  # the merge writes its own row groups: the same rows and values
        assert pq.read_table(io.BytesIO(out)).to_pylist() == pq.read_table(io.BytesIO(expected)).to_pylist()
    else:
        assert out == expected  # the same bytes as one job
    assert counts(state["report"]) == counts(alone)  # the same plan and the same counts
    assert b"@mail.example.net" not in out and b"@example.com" not in out
    assert workers_on_host(redis_conn, socket.gethostname()) >= 1  # the text worker counts itself


def test_repeated_free_text_and_small_tables_stay_one_job(text_worker, env, redis_conn, engine, tmp_path):
    data, records = make_csv(600, seed=29, notes=False)
    notes = ["Ana Silva called about a refund.", "Ring Tom Baker on Monday.", "Wrote to jo@example.org again."]
    repeated = [{**r, "notes": notes[i % 3]} for i, r in enumerate(records)]
    data = to_jsonl(repeated)
    store = BlobStore(str(tmp_path))
    (tmp_path / "in.jsonl").write_bytes(data)
    work = estimate_work(engine, Policy(), store, str(tmp_path / "in.jsonl"), "jsonl", batch_rows=BATCH_ROWS)
    plan = {p.name: p.mode for p in work.plans}
    assert plan["notes"] == "text" and work.rows == 600
    assert work.text_chars < 1000  # three distinct notes per batch, not 600 notes
    state, _, meta = run_job(
        redis_conn, Path(env["PIIMASK_BLOB_ROOT"]), f"fanout-none-{time.monotonic_ns()}", data, "jsonl"
    )
    assert "fanout" not in meta and "parts" not in state["report"]


def test_parts_by_bytes_and_by_text_as_many_as_the_workers():
    rule = {"fanout_bytes": 1000, "part_rows": 100, "fanout_text_chars": 5000, "part_text_chars": 2000}
    small = TableWork(rows=250, text_chars=4000, plans=[])
    assert fan_out_for(small, 999, workers=1, **rule).parts == 1  # neither rule
    assert fan_out_for(small, 999, workers=4, **rule).parts == 1  # workers alone never split a table
    by_bytes = fan_out_for(small, 1001, workers=1, **rule)
    assert by_bytes.parts == 3 and by_bytes.reason == "bytes"  # parts of at most 100 rows
    assert fan_out_for(small, 1001, workers=2, **rule).parts == 4  # a multiple of the workers: they end together
    heavy = TableWork(rows=250, text_chars=9000, plans=[])
    assert fan_out_for(heavy, 10, workers=1, **rule) == FanOut(5, "text")  # about 2,000 characters each
    assert fan_out_for(heavy, 1001, workers=1, **rule) == FanOut(5, "bytes+text")
    assert fan_out_for(heavy, 10, workers=3, **rule).parts == 6
    just = TableWork(rows=250, text_chars=5001, plans=[])
    assert fan_out_for(just, 10, workers=1, **{**rule, "part_text_chars": 10**6}).parts == 2  # above: at least 2
    assert fan_out_for(TableWork(rows=80, text_chars=0, plans=[]), 10**9, workers=1, **rule).parts == 1  # one part


def test_a_worker_alone_takes_every_core_and_several_split_them():
    assert threads_for(16, 1) == 16
    assert threads_for(16, 2) == 8 and threads_for(16, 3) == 5
    assert threads_for(2, 2) == 1 and threads_for(2, 5) == 1  # never none
    assert threads_for(8, 0) == 8  # not registered yet: counted as alone
