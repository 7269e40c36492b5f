"""`python main.py up`: a local Redis (unless PIIMASK_REDIS_URL is set), N workers and the service, stopped together.

With PIIMASK_REDIS_URL set (a password, rediss:// with PIIMASK_REDIS_CA_FILE, or redis+sentinel://), the children
inherit it and every other PIIMASK_REDIS_* setting from this environment; `up` checks the connection first.
"""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

from rich.console import Console

from crypto import ensure_keyring
from piimask.http.access import hash_key, new_key
from piimask.local.processes import Child, stop_processes
from piimask.local.redis_server import LocalRedis
from piimask.redisconn import RedisConfigError, connect, redacted, settings_for

console = Console(stderr=True, soft_wrap=True)  # never break the printed key or URL


def run_up(*, host: str, port: int, workers: int, data_dir: Path) -> int:
    data_dir = data_dir.resolve()
    env = dict(os.environ)
    env.setdefault("PIIMASK_DATA_DIR", str(data_dir))
    env.setdefault("PIIMASK_BLOB_ROOT", str(data_dir / "blobs"))
    env.setdefault("PIIMASK_KEYRING", str(data_dir / "keyring.json"))
    env.setdefault("PYTHONUNBUFFERED", "1")
    if env.get("PIIMASK_REDIS_URL"):
        # Checked first, once: a wrong password or CA file is one clear line before anything is made or started, not
        # a worker that dies at start and a service that never gets ready. The password is never printed.
        try:
            connect(settings_for(env)).close()
        except RedisConfigError as exc:
            console.print(f"error: {exc}", markup=False, highlight=False)
            return 2
        console.print(f"using the Redis at {redacted(env['PIIMASK_REDIS_URL'])}", markup=False, highlight=False)

    if ensure_keyring(Path(env["PIIMASK_KEYRING"])):
        console.print(f"created a keyring at {env['PIIMASK_KEYRING']} (back it up: tokens need it to be unmasked)")

    api_key = None
    if not env.get("PIIMASK_API_KEYS") and env.get("PIIMASK_AUTH", "on") != "off":
        api_key = new_key()
        # the children get the key's hash only: the plain key exists in this terminal and nowhere else
        env["PIIMASK_API_KEYS"] = json.dumps({hash_key(api_key): ["admin"]})

    redis = None
    if not env.get("PIIMASK_REDIS_URL"):
        redis = LocalRedis(data_dir / "redis").start()
        env["PIIMASK_REDIS_URL"] = redis.url
        console.print(f"local Redis (AOF on) at {redis.url}, data in {data_dir / 'redis'}")

    workers_procs: list[Child] = []
    service: Child | None = None
    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    # Workers share this host's cores: with PIIMASK_TORCH_THREADS unset (0), each counts the workers registered on
    # this host at every job and takes its share (piimask.tables.threads), so one worker uses every core
    # and one restarted beside the others does not oversubscribe them. The service keeps torch's default: it is
    # idle when they are busy.
    def start_worker() -> Child:
        return Child(["worker"], env, cwd=None, new_session=True)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        workers_procs = [start_worker() for _ in range(workers)]
        service = Child(["service", "--host", host, "--port", str(port)], env, cwd=None, new_session=True)
        base = f"http://{host}:{port}"
        console.print(f"[bold]piimask is starting[/bold]: the console at {base}/  (ready when {base}/readyz says so)")
        console.print(f"API docs at {base}/docs")
        if api_key:
            console.print(
                f"generated a local admin API key: [bold]{api_key}[/bold]  (send 'Authorization: Bearer <key>')"
            )
        console.print("press Ctrl-C to stop the service, the workers and Redis")
        while not stopping:
            if service.poll() is not None or (redis and redis.process.poll() is not None):
                console.print("the service or Redis exited; stopping everything")
                break
            for i, worker in enumerate(workers_procs):
                # A worker that lost Redis in mid-job exits by design; its job comes back to the next one. One that
                # dies right after its start cannot start at all (a bad keyring, say): restarting would only loop.
                if worker.poll() is not None:
                    if time.monotonic() - worker.started < 20:
                        console.print(f"worker {worker.pid} exited ({worker.poll()}) at start; stopping everything")
                        stopping = True
                        break
                    console.print(f"worker {worker.pid} exited ({worker.poll()}); starting a new one")
                    workers_procs[i] = start_worker()
            time.sleep(0.5)
    finally:
        stop_processes(c.popen for c in [service, *workers_procs] if c is not None)
        if redis:
            redis.stop()
    return 0
