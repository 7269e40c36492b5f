"""The models a worker process holds: its own table-masking engine and its own crypto manager.

Loaded once per process by `initialize_worker_models()` (at worker start-up, or on the first job when lazy) and
never re-loaded: every job of this worker runs in this process (see worker.py). Never imports the service.
"""

from __future__ import annotations

import logging
import threading

from crypto import CryptoManager
from piimask.engine import MaskingEngine
from piimask.model import TokenClassifier
from piimask.settings import Settings, get_settings

log = logging.getLogger("piimask.worker")

_lock = threading.Lock()
_table_masking_worker: MaskingEngine | None = None
_crypto_manager: CryptoManager | None = None
load_count = 0  # how many times this process loaded its model; tests assert it stays 1


def initialize_worker_models(settings: Settings | None = None) -> None:
    global _table_masking_worker, _crypto_manager, load_count
    settings = settings or get_settings()
    with _lock:
        if _table_masking_worker is not None:
            return
        _crypto_manager = CryptoManager.from_settings(settings)
        classifier = TokenClassifier.from_settings(settings, settings.table_checkpoint, settings.table_compile)
        classifier.warm_up()  # jobs run on this thread too (SimpleWorker)
        _table_masking_worker = MaskingEngine(classifier, _crypto_manager)
        load_count += 1
        log.info("table-masking model loaded on %s in %.1f s", classifier.device, classifier.load_seconds)


def get_table_masking_worker() -> MaskingEngine:
    if _table_masking_worker is None:
        initialize_worker_models()
    assert _table_masking_worker is not None
    return _table_masking_worker


def get_crypto_manager() -> CryptoManager:
    if _crypto_manager is None:
        initialize_worker_models()
    assert _crypto_manager is not None
    return _crypto_manager


def describe() -> dict:
    """What this process holds, for its registration in Redis."""
    return {
        "process": "worker",
        "models": {"table_masking": _table_masking_worker.describe()["model"]} if _table_masking_worker else {},
        "crypto": _crypto_manager.describe() if _crypto_manager else None,
        "model_loads": load_count,
    }
