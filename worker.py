"""The RQ worker process: pre-loads its own table-masking model and crypto manager, then runs table jobs.

It is a SimpleWorker: jobs run in the process that loaded the model. A CUDA model must never be initialised before
a fork, and reloading per job would cost seconds each time (shared/notes/rq.md).
"""

from __future__ import annotations

import json

from redis import Redis
from rq import Queue, SimpleWorker

import worker_models
from piimask.jobs import REGISTRATION_FIELD
from piimask.logs import configure_logging
from piimask.settings import Settings



class PiimaskWorker(SimpleWorker):
    lazy_models = False

    def work(self, *args, **kwargs):
        # Here, not in __init__: RQ also builds worker objects to read others' registrations (Worker.all()).
        if not self.lazy_models:
            worker_models.initialize_worker_models()
        return super().work(*args, **kwargs)

    def serialize(self) -> dict:
        return {**super().serialize(), REGISTRATION_FIELD: json.dumps(worker_models.describe())}

    def execute_job(self, job, queue):
        try:
            return super().execute_job(job, queue)
        finally:
            # A lazy worker loads on its first job; keep the registration true to what the process holds.
            self.connection.hset(self.key, REGISTRATION_FIELD, json.dumps(worker_models.describe()))


def run_worker(settings: Settings, *, queue: str | None = None, burst: bool = False, lazy: bool = False) -> int:
    configure_logging(settings.log_level)
    connection = Redis.from_url(settings.redis_url)
    PiimaskWorker.lazy_models = lazy or settings.lazy_models
    worker = PiimaskWorker(
        [Queue(queue or settings.queue, connection=connection)],
        connection=connection,
        worker_ttl=settings.worker_ttl_s,
        maintenance_interval=settings.maintenance_interval_s,
        log_job_description=False,
    )
    worker.work(burst=burst, with_scheduler=True, logging_level=settings.log_level)
    return 0

