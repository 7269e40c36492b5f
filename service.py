"""The FastAPI service process: the text-masking model, its own crypto manager, and the table-job queue.

It loads only the text-masking model (never the table model: that lives in the workers) and enqueues table jobs by
name, so it imports nothing from worker.py, worker_models.py or task_processor.py.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from fastapi import FastAPI
from rq import Queue

from crypto import CryptoManager
from piimask.audit import AuditLog
from piimask.batching import MicroBatcher
from piimask.engine import MaskingEngine
from piimask.http.access import KeyConfigError, KeyRing
from piimask.http.app import build_app
from piimask.http.deps import Services
from piimask.http.metrics import observe_inference
from piimask.logs import configure_logging
from piimask.model import TokenClassifier
from piimask.redisconn import RedisConfigError, connect
from piimask.settings import Settings, get_settings
from piimask.tables.blobstore import BlobStore, BlobStoreConfigError

log = logging.getLogger("piimask.service")

text_masking_worker: MaskingEngine | None = None
crypto_manager: CryptoManager | None = None


def describe() -> dict:
    return {
        "models": {"text_masking": text_masking_worker.describe()["model"]} if text_masking_worker else {},
        "crypto": crypto_manager.describe() if crypto_manager else None,
    }


def load_text_masking(settings: Settings) -> None:
    global text_masking_worker, crypto_manager
    crypto_manager = CryptoManager.from_settings(settings)
    classifier = TokenClassifier.from_settings(settings, settings.model, settings.compile)
    batcher = MicroBatcher(
        classifier,
        max_wait_ms=settings.batch_wait_ms,
        max_texts=settings.max_batch_texts,
        max_queued_chars=settings.max_queued_chars,
        on_batch=observe_inference,
    )
    # warmed (compiled) on the inference thread itself: see TokenClassifier.warm_up
    batcher.run_here(classifier.warm_up).result()
    text_masking_worker = MaskingEngine(classifier, crypto_manager, predict=batcher)
    log.info(
        "text-masking model loaded on %s in %.1f s (compiled: %s)",
        classifier.device,
        classifier.load_seconds,
        classifier.compiled,
    )


def create_app(settings: Settings | None = None, keys: KeyRing | None = None) -> FastAPI:
    """The app; its lifespan loads the model and connects to Redis, and hands the app its `Services` once."""
    settings = settings or get_settings()
    keys = keys if keys is not None else KeyRing.from_settings(settings.api_keys, settings.api_keys_file)

    @asynccontextmanager
    async def open_services() -> AsyncIterator[Services]:
        load_text_masking(settings)
        assert text_masking_worker is not None
        redis = connect(settings, socket_timeout=5, check=False)
        try:
            yield Services(
                settings=settings,
                keys=keys,
                engine=text_masking_worker,
                redis=redis,
                queue=Queue(settings.queue, connection=redis),
                store=BlobStore(settings.blob_root),
                describe=describe,
                audit=AuditLog(settings.audit_target),
            )
        finally:
            redis.close()

    return build_app(settings, open_services)


class ConfigurationError(SystemExit):
    pass


def run_service(settings: Settings, host: str, port: int) -> int:
    configure_logging(settings.log_level)
    try:
        keys = KeyRing.from_settings(settings.api_keys, settings.api_keys_file)
    except KeyConfigError as exc:
        raise ConfigurationError(f"bad API key configuration: {exc}") from None
    if settings.auth == "on" and not keys:
        raise ConfigurationError(
            "refusing to start without API keys: set PIIMASK_API_KEYS (JSON: key or sha256:<hex> → scopes) or "
            "PIIMASK_API_KEYS_FILE, or PIIMASK_AUTH=off for local development only"
        )
    try:  # before the model loads: a wrong password, certificate or bucket is one line, at once
        connect(settings).close()
        BlobStore(settings.blob_root).check()
    except (RedisConfigError, BlobStoreConfigError) as exc:
        raise ConfigurationError(str(exc)) from None
    uvicorn.run(create_app(settings, keys), host=host, port=port, log_config=None, access_log=False)
    return 0
