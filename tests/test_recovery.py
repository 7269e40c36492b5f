"""Nothing lost: a worker killed with SIGKILL in mid-job, and the job finishes on another worker with an output
byte-identical to an undisturbed run. The production task on a queue of its own, with two real worker processes."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from rq import Queue
from rq.job import Job

from piimask.tables.jobs import TableJobSpec, enqueue_table_job, job_state, worker_registrations
from tests.helpers import Child, make_csv, wait_for

QUEUE = "recovery"


@pytest.fixture()
def two_workers(env, workdir, redis_conn):
    procs = [Child(["worker", "--queue", QUEUE], env, workdir / f"recovery-worker-{i}.log") for i in range(2)]

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


def test_redis_killed_and_restarted_mid_job_loses_no_job(env, workdir):
    from redis import Redis

    from piimask.local.redis_server import LocalRedis

    server = LocalRedis(workdir / "redis-crash").start()
    local = {**env, "PIIMASK_REDIS_URL": server.url, "PIIMASK_QUEUE": "crash"}
    connection = Redis.from_url(server.url)
    blobs = Path(env["PIIMASK_BLOB_ROOT"])
    data, _ = make_csv(1500, seed=9)
    (blobs / "crash").mkdir(parents=True, exist_ok=True)
    (blobs / "crash" / "in.csv").write_bytes(data)
    first = Child(["worker", "--queue", "crash"], local, workdir / "crash-worker-1.log")
    second = None
    try:
        wait_for(lambda: worker_registrations(connection), 180, "the worker")
        queue = Queue("crash", connection=connection)
        spec = lambda name: TableJobSpec(source="crash/in.csv", destination=f"crash/{name}.csv", format="csv")  # noqa: E731
        running = enqueue_table_job(queue, "crash-running", spec("running"), timeout=600, retries=2, ttl=600)
        enqueue_table_job(queue, "crash-queued", spec("queued"), timeout=600, retries=2, ttl=600)
        wait_for(lambda: job_state(running)["progress"]["rows_done"] > 0, 120, "the first job to make progress")

        server.process.kill()  # SIGKILL: no shutdown, no final save; only the AOF (fsync every second) remains
        server.process.wait()
        time.sleep(1.5)
        server.start()  # same port, same folder: Redis replays its AOF
        connection = Redis.from_url(server.url)
        assert connection.exists("rq:job:crash-running", "rq:job:crash-queued") == 2  # both jobs came back
        # an RQ worker that lost Redis mid-job exits (RQ 2.x does); a supervisor starts a new one
        second = Child(["worker", "--queue", "crash"], local, workdir / "crash-worker-2.log")
        for job_id in ("crash-queued", "crash-running"):
            job = Job.fetch(job_id, connection=connection)
            state = finished(job, 240)
            assert state["status"] == "finished" and state["report"]["rows"] == 1500, (job_id, state)
        assert (blobs / "crash" / "running.csv").read_bytes() == (blobs / "crash" / "queued.csv").read_bytes()
    finally:
        for proc in (first, second):
            if proc is not None:
                proc.stop()
        server.stop()
