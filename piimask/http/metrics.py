"""The service's Prometheus metrics: this process's request, entity and inference figures, and the table-job figures
that every replica reads from Redis at scrape time."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue

from piimask.spans import Span
from piimask.tables.jobs import ROWS_MASKED_KEY, TABLE_UNMASKS_KEY, queue_figures, worker_registrations

REQUESTS = Counter("piimask_http_requests_total", "HTTP requests", ["route", "status"])
LATENCY = Histogram("piimask_http_request_seconds", "HTTP request latency", ["route"])
ENTITIES = Counter("piimask_entities_total", "Entities found in text requests", ["type"])
JOBS = Counter("piimask_table_jobs_total", "Table jobs submitted")
BATCH_TEXTS = Histogram(
    "piimask_inference_batch_texts", "Texts per forward pass", buckets=(1, 2, 4, 8, 16, 32, 64, 128, 256, 512)
)
INFERENCE = Histogram("piimask_inference_seconds", "Model inference time per forward pass")
UNMASKS = Counter("piimask_unmask_requests_total", "Unmask calls (each also in the audit log)", ["where"])
RESTORED = Counter("piimask_unmask_restored_total", "Values restored by unmask calls, per entity type", ["type"])


def observe_inference(texts: int, seconds: float) -> None:
    BATCH_TEXTS.observe(texts)
    INFERENCE.observe(seconds)


def count_unmasked(where: str, by_type: dict[str, int]) -> None:
    UNMASKS.labels(where).inc()
    for entity_type, count in by_type.items():
        RESTORED.labels(entity_type).inc(count)


def count_entities(results: Iterable[Iterable[Span]]) -> None:
    for spans in results:
        for span in spans:
            ENTITIES.labels(span.type).inc()


class ProcessMetrics:
    """Re-exports the default registry (request, entity and inference metrics of this process)."""

    def collect(self) -> Iterator[Metric]:
        yield from REGISTRY.collect()


class QueueCollector:
    """Figures read from Redis at scrape time, so every service replica reports the same truth."""

    def __init__(self, queue: Queue, redis: Redis):
        self.queue, self.redis = queue, redis

    def collect(self) -> Iterator[Metric]:
        try:
            figures = queue_figures(self.queue)
            rows = int(self.redis.get(ROWS_MASKED_KEY) or 0)
            unmasks = int(self.redis.get(TABLE_UNMASKS_KEY) or 0)
            workers = len(worker_registrations(self.redis))
        except RedisError:
            return
        jobs = GaugeMetricFamily("piimask_table_jobs", "Table jobs by state (RQ registries)", labels=["state"])
        for name, count in figures.items():
            jobs.add_metric([name], count)
        yield jobs
        yield GaugeMetricFamily("piimask_queue_depth", "Table jobs waiting in the queue", value=figures["queued"])
        yield CounterMetricFamily("piimask_rows_masked", "Table rows masked by all workers", value=rows)
        yield CounterMetricFamily("piimask_table_unmasks", "Table jobs that unmasked (each audited)", value=unmasks)
        yield GaugeMetricFamily("piimask_workers", "Workers registered in Redis", value=workers)


def app_registry(queue: Queue, redis: Redis) -> CollectorRegistry:
    """The process-wide metrics plus one app's Redis-backed figures (a registry per app keeps tests independent)."""
    registry = CollectorRegistry()
    registry.register(ProcessMetrics())
    registry.register(QueueCollector(queue, redis))
    return registry
