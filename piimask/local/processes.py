"""The one process harness: `python main.py ...` children, waiting until they are ready, and stopping them.

`up`, the tests and the benches all start the service and workers through here, so "ready" means the same thing
everywhere: the service answers 200 on /readyz; a worker has registered the models it holds in Redis.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from redis import Redis

from piimask.redisconn import connect, settings_for
from piimask.settings import PROJECT_ROOT
from piimask.tables.jobs import worker_registrations

T = TypeVar("T")


def stop_processes(processes: Iterable[subprocess.Popen | None], timeout: float = 30) -> None:
    """One SIGTERM to each live process, then wait for all of them, then SIGKILL what is left.

    One signal only: a second SIGTERM is a cold shutdown for an RQ worker, which abandons its running job.
    """
    alive = [p for p in processes if p is not None and p.poll() is None]
    for process in alive:
        process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for process in alive:
        try:
            process.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def stop_process(process: subprocess.Popen | None, timeout: float = 30) -> None:
    stop_processes([process], timeout)


def wait_for(predicate: Callable[[], T], timeout: float, what: str, interval: float = 0.2) -> T:
    """The first truthy value of `predicate()`, polled until `timeout` seconds have passed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout} s waiting for {what}")


class Child:
    """A `python main.py <args>` child process. Its output goes to `log` (tests scan those logs for PII), or to this
    process's own terminal when `log` is None; `cwd` None keeps this process's working directory (`up` does, so that
    relative paths in the caller's environment mean what the caller meant)."""

    def __init__(
        self,
        args: list[str],
        env: dict[str, str],
        log: Path | None = None,
        *,
        cwd: Path | None = PROJECT_ROOT,
        new_session: bool = False,
    ) -> None:
        self.args = args
        self.log = log
        self._log_file = open(log, "wb") if log is not None else None
        self.popen = subprocess.Popen(
            [sys.executable, str(PROJECT_ROOT / "main.py"), *args],
            cwd=cwd,
            env=env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT if self._log_file else None,
            stdin=subprocess.DEVNULL,
            start_new_session=new_session,
        )
        self.started = time.monotonic()
        self.base_url = ""  # set by start_service
        self.ready_body: dict[str, Any] = {}

    @property
    def pid(self) -> int:
        return self.popen.pid

    def poll(self) -> int | None:
        return self.popen.poll()

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log is not None else ""

    def wait_until(self, probe: Callable[[], T], timeout: float, what: str) -> T:
        """`wait_for(probe)`, failing at once, with the log's tail, if the child exits first."""

        def alive_and_ready() -> T:
            if self.popen.poll() is not None:
                raise RuntimeError(f"{' '.join(self.args)} exited ({self.popen.returncode}):\n{self.output()[-3000:]}")
            return probe()

        return wait_for(alive_and_ready, timeout, what, interval=0.25)

    def stop(self, timeout: float = 30) -> None:
        stop_process(self.popen, timeout)
        if self._log_file is not None:
            self._log_file.close()


def readyz(base_url: str) -> dict[str, Any] | None:
    """/readyz's body when it answers 200, else None (not up yet, or not ready)."""
    try:
        with urllib.request.urlopen(f"{base_url}/readyz", timeout=2) as response:
            return json.loads(response.read()) if response.status == 200 else None
    except (OSError, ValueError):  # refused, reset, timed out, or a 503 (HTTPError is an OSError)
        return None


def start_service(
    env: dict[str, str], port: int, *, host: str = "127.0.0.1", log: Path | None = None, timeout: float = 300
) -> Child:
    """`python main.py service`, returned once /readyz says ready (its body is kept in `ready_body`)."""
    child = Child(["service", "--host", host, "--port", str(port)], env, log)
    child.base_url = f"http://{host}:{port}"
    try:
        child.ready_body = child.wait_until(lambda: readyz(child.base_url), timeout, "the service's /readyz")
    except BaseException:
        child.stop()
        raise
    return child


def start_workers(
    env: dict[str, str], redis_url: str, logs: list[Path | None], *, args: tuple[str, ...] = (), timeout: float = 300
) -> list[Child]:
    """One `python main.py worker` per entry of `logs`, all loading at once; returned when each has registered the
    models it holds."""
    children = [Child(["worker", *args], env, log) for log in logs]
    connection = connect(settings_for(env, redis_url))  # the children's TLS files and Sentinel password too
    try:
        for child in children:
            child.wait_until(lambda c=child: worker_registered(connection, c.pid), timeout, "a worker's registration")
    except BaseException:
        stop_processes(c.popen for c in children)
        raise
    finally:
        connection.close()
    return children


def worker_registered(connection: Redis, pid: int) -> bool:
    return any(r["pid"] == pid and r.get("models") for r in worker_registrations(connection))
