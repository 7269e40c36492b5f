"""The RQ worker process: pre-loads its own table-masking model and crypto manager, then runs table jobs.

It is a SimpleWorker: jobs run in the process that loaded the model. A CUDA model must never be initialised before
a fork, and reloading per job would cost seconds each time (measured with RQ 2.x: 1.6 s a job for a 200 MB model).
A SimpleWorker does not heartbeat while a job runs, so a killed one would hold its job "started" for the whole job
timeout; a heartbeat thread keeps a short lease instead, and a `kill -9` costs about one lease before another
worker retries the job.
"""

from __future__ import annotations

import json
import logging
import threading

from rq import Queue, SimpleWorker

import worker_models
from piimask.logs import configure_logging
from piimask.redisconn import RedisConfigError, connect
from piimask.settings import Settings
from piimask.tables.blobstore import BlobStore, BlobStoreConfigError
from piimask.tables.jobs import REGISTRATION_FIELD

log = logging.getLogger("piimask.worker")


class PiimaskWorker(SimpleWorker):
    lazy_models = False
    lease_seconds = 60  # a running job's entry in the started registry lives this long past the last heartbeat

    def work(self, *args, **kwargs):
        # Here, not in __init__: RQ also builds worker objects to read others' registrations (Worker.all()).
        if not self.lazy_models:
            worker_models.initialize_worker_models()
        return super().work(*args, **kwargs)

    def serialize(self) -> dict:
        return {**super().serialize(), REGISTRATION_FIELD: json.dumps(worker_models.describe())}

    def get_heartbeat_ttl(self, job) -> int:
        return self.lease_seconds

    def execute_job(self, job, queue):
        stop = threading.Event()
        beats = threading.Thread(target=self._keep_lease, args=(job, stop), name="lease", daemon=True)
        beats.start()
        try:
            return super().execute_job(job, queue)
        finally:
            stop.set()
            beats.join()
            # A lazy worker loads on its first job; keep the registration true to what the process holds.
            self.connection.hset(self.key, REGISTRATION_FIELD, json.dumps(worker_models.describe()))

    def _keep_lease(self, job, stop: threading.Event) -> None:
        while not stop.wait(self.lease_seconds / 4):
            try:
                if self.execution is not None:
                    self.maintain_heartbeats(job)
            except Exception as exc:  # Redis briefly away: the next beat tries again
                log.warning("job %s: heartbeat failed (%s)", job.id, type(exc).__name__)


def run_worker(settings: Settings, *, queue: str | None = None, burst: bool = False, lazy: bool = False) -> int:
    configure_logging(settings.log_level)
    try:  # before the model loads: a wrong password or bucket is a one-line error within a second, not a traceback
        connection = connect(settings)
        BlobStore(settings.blob_root).check()
    except (RedisConfigError, BlobStoreConfigError) as exc:
        log.error("cannot start: %s", exc)
        return 2
    PiimaskWorker.lazy_models = lazy or settings.lazy_models
    PiimaskWorker.lease_seconds = settings.worker_ttl_s
    worker = PiimaskWorker(
        [Queue(queue or settings.queue, connection=connection)],
        connection=connection,
        worker_ttl=settings.worker_ttl_s,
        maintenance_interval=settings.maintenance_interval_s,
        log_job_description=False,
    )
    # No scheduler: it runs in a process forked from this one, after the model is loaded (unsafe with CUDA), and
    # our retries have no interval, so nothing is ever scheduled.
    worker.work(burst=burst, with_scheduler=False, logging_level=settings.log_level)
    return 0
