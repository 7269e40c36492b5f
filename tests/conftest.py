"""Real parts only: one redis-server per test session on a free port, the service and the workers as real
`python main.py ...` processes, and the project's checkpoint loaded through the production code path."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from redis import Redis

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crypto import CryptoManager, Keyring  # noqa: E402
from piimask.processes import stop_process  # noqa: E402
from piimask.redis_server import LocalRedis, free_port  # noqa: E402
from piimask.settings import Settings  # noqa: E402

os.environ.setdefault("HF_HUB_OFFLINE", "1")

KEYS = {
    "admin-key": ["admin"],
    "mask-key": ["mask"],
    "tables-key": ["tables"],
    # stored hashed: the service never holds this key, only sha256("hashed-key")
    "sha256:" + __import__("hashlib").sha256(b"hashed-key").hexdigest(): ["mask"],
}
ADMIN = {"Authorization": "Bearer admin-key"}


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
        "PYTHONUNBUFFERED": "1",
        "HF_HUB_OFFLINE": "1",
    }


class Proc:
    """A `python main.py ...` child with its output in a log file (tests scan those logs for PII)."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path):
        self.log = log
        self._log_file = open(log, "wb")
        self.popen = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, env=env,
            stdout=self._log_file, stderr=subprocess.STDOUT,
        )  # fmt: skip

    @property
    def pid(self) -> int:
        return self.popen.pid

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        stop_process(self.popen)
        self._log_file.close()


def wait_for(predicate, timeout: float, what: str, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


@pytest.fixture(scope="session")
def service(env, workdir):
    port = free_port()
    proc = Proc(["service", "--port", str(port)], env, workdir / "service.log")
    base = f"http://127.0.0.1:{port}"

    def ready():
        if proc.popen.poll() is not None:
            raise AssertionError("the service exited at start:\n" + proc.output()[-3000:])
        try:
            return httpx.get(f"{base}/readyz", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    wait_for(ready, 180, "the service's /readyz")
    proc.base_url = base
    yield proc
    proc.stop()


@pytest.fixture(scope="session")
def worker(env, workdir, redis_conn):
    proc = Proc(["worker"], env, workdir / "worker.log")
    from piimask.jobs import worker_registrations

    def registered():
        if proc.popen.poll() is not None:
            raise AssertionError("the worker exited at start:\n" + proc.output()[-3000:])
        return any(r["pid"] == proc.pid and r.get("models") for r in worker_registrations(redis_conn))

    wait_for(registered, 180, "the worker's registration")
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


def wait_job(client: httpx.Client, job_id: str, timeout: float = 120, until=("finished", "failed", "canceled")):
    def done():
        state = client.get(f"/v1/jobs/{job_id}").json()
        return state if state["status"] in until else None

    return wait_for(done, timeout, f"job {job_id} to reach {until}", interval=0.25)


def assert_error(r, status: int, *words: str, secret: str) -> None:
    """A 4xx in the API's error shape whose message names the problem and never echoes `secret` (the input's PII)."""
    assert r.status_code == status, r.text
    error = r.json()["error"]
    assert set(error) == {"code", "message"}
    for word in words:
        assert word in error["message"], error["message"]
    assert secret not in r.text
