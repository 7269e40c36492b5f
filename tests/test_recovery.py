"""Nothing lost: a worker killed with SIGKILL in mid-job, and the job finishes on another worker with an output
byte-identical to an undisturbed run. The production task on a queue of its own, with two real worker processes."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from rq import Queue
from rq.job import Job

from conftest import Proc, wait_for
from piimask.jobs import TableJobSpec, enqueue_table_job, job_state, worker_registrations
from test_tables import make_csv

QUEUE = "recovery"


@pytest.fixture()
def two_workers(env, workdir, redis_conn):
    procs = [Proc(["worker", "--queue", QUEUE], env, workdir / f"recovery-worker-{i}.log") for i in range(2)]

    def registered():
        pids = {r["pid"] for r in worker_registrations(redis_conn) if r.get("models")}
        return all(p.pid in pids for p in procs)

    wait_for(registered, 180, "two recovery workers")
    yield procs
    for p in procs:
        p.stop()


def submit(redis_conn, source: str, destination: str, job_id: str) -> Job:
    spec = TableJobSpec(source=source, destination=destination, format="csv", policy=None)
    return enqueue_table_job(Queue(QUEUE, connection=redis_conn), job_id, spec, timeout=600, retries=2, ttl=600)


def finished(job: Job, timeout: float) -> dict:
    return wait_for(lambda: (s := job_state(job))["status"] in ("finished", "failed") and s, timeout, f"job {job.id}")


def test_kill_9_mid_job_is_recovered_by_another_worker(two_workers, redis_conn, env):
    blobs = Path(env["PIIMASK_BLOB_ROOT"])
    data, _ = make_csv(2400, seed=5)
    (blobs / "recovery").mkdir(parents=True, exist_ok=True)
    (blobs / "recovery" / "in.csv").write_bytes(data)

    reference = submit(redis_conn, "recovery/in.csv", "recovery/reference.csv", "recovery-reference")
    assert finished(reference, 300)["status"] == "finished"

    job = submit(redis_conn, "recovery/in.csv", "recovery/out.csv", "recovery-victim")
    wait_for(lambda: job_state(job)["progress"]["rows_done"] > 0, 120, "the job to make progress")
    job.refresh()
    victim = next(r for r in worker_registrations(redis_conn) if r["name"] == job.worker_name)
    os.kill(victim["pid"], signal.SIGKILL)
    assert not (blobs / "recovery" / "out.csv").exists()  # nothing half-written in place

    state = finished(job, 180)  # the bound: done by another worker within 3 minutes
    assert state["status"] == "finished", state
    job.refresh()
    assert job.worker_name != victim["name"] and job.retries_left == 1
    assert (blobs / "recovery" / "out.csv").read_bytes() == (blobs / "recovery" / "reference.csv").read_bytes()
    assert [p.name for p in (blobs / "recovery").iterdir() if ".tmp-" in p.name] == []  # the retry cleared it
