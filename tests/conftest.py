"""Real parts only: one redis-server per test session on a free port, the service and the workers as real
`python main.py ...` processes, and the project's checkpoint loaded through the production code path."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import httpx
import pytest
from redis import Redis

from crypto import CryptoManager, Keyring
from piimask.local.processes import start_service, start_workers
from piimask.local.redis_server import LocalRedis, free_port
from piimask.settings import Settings
from tests.helpers import ADMIN, KEYS

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("piimask")


@pytest.fixture(scope="session")
def redis_server(workdir):
    if not shutil.which("redis-server"):
        pytest.fail("redis-server is not on PATH: .ci/run installs it (apt-get install redis-server)")
    server = LocalRedis(workdir / "redis").start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def redis_conn(redis_server) -> Redis:
    return Redis.from_url(redis_server.url)


@pytest.fixture(scope="session")
def keyring_path(workdir) -> Path:
    path = workdir / "keyring.json"
    Keyring.generate().save(path, overwrite=False)
    return path


@pytest.fixture(scope="session")
def env(workdir, redis_server, keyring_path) -> dict[str, str]:
    """The environment every process of the session shares: one Redis, one blob store, one keyring."""
    return {
        **os.environ,
        "PIIMASK_REDIS_URL": redis_server.url,
        "PIIMASK_BLOB_ROOT": str(workdir / "blobs"),
        "PIIMASK_KEYRING": str(keyring_path),
        "PIIMASK_API_KEYS": json.dumps(KEYS),
        "PIIMASK_QUEUE": "test",
        "PIIMASK_TORCH_THREADS": "1",
        "PIIMASK_TABLE_BATCH_ROWS": "200",
        "PIIMASK_MAX_TEXT_CHARS": "20000",
        "PIIMASK_JOB_RETRIES": "1",
        "PIIMASK_WORKER_TTL_S": "20",  # a killed worker's job comes back within ~30 s instead of ~2 min
        "PIIMASK_MAINTENANCE_INTERVAL_S": "5",
        "PIIMASK_FANOUT_BYTES": "400000",  # tables above 400 kB are split into parts of 1,000 rows
        "PIIMASK_PART_ROWS": "1000",
        "PIIMASK_AUDIT_LOG": str(workdir / "audit.jsonl"),  # the service's and the workers' records, one file
        "PYTHONUNBUFFERED": "1",
        "HF_HUB_OFFLINE": "1",
    }


@pytest.fixture(scope="session")
def service(env, workdir):
    proc = start_service(env, free_port(), log=workdir / "service.log", timeout=180)
    yield proc
    proc.stop()


@pytest.fixture(scope="session")
def worker(env, workdir, redis_server):
    [proc] = start_workers(env, redis_server.url, [workdir / "worker.log"], timeout=180)
    yield proc
    proc.stop()


@pytest.fixture(scope="session")
def client(service) -> httpx.Client:
    with httpx.Client(base_url=service.base_url, headers=ADMIN, timeout=60) as c:
        yield c


@pytest.fixture(scope="session")
def engine(keyring_path):
    """An in-process engine on the default checkpoint, loaded through the production path."""
    from piimask.engine import MaskingEngine
    from piimask.model import TokenClassifier

    classifier = TokenClassifier(Settings().model, device="cpu", threads=1)
    return MaskingEngine(classifier, CryptoManager.from_file(keyring_path))
