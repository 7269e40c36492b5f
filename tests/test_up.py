"""`python main.py up`: a local Redis with AOF, one worker and the service from one command; Ctrl-C stops all."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import httpx
import psutil

from piimask.local.redis_server import free_port
from tests.helpers import ROOT, wait_for


def test_up_runs_everything_and_ctrl_c_stops_it(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIIMASK_")}
    env.update({"PIIMASK_TORCH_THREADS": "1", "HF_HUB_OFFLINE": "1", "PYTHONUNBUFFERED": "1"})
    log = open(tmp_path / "up.log", "wb")
    up = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "up", "--port", str(port), "--data-dir", str(tmp_path / "data")],
        cwd=tmp_path,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:

        def ready():
            assert up.poll() is None, (tmp_path / "up.log").read_text()[-3000:]
            try:
                body = httpx.get(f"{base}/readyz", timeout=2).json()
                return body if body.get("status") == "ready" and body["workers"] else None
            except (httpx.HTTPError, ValueError):
                return None

        ready_body = wait_for(ready, 180, "up's service and worker")
        output = (tmp_path / "up.log").read_text()
        assert f"{base}/docs" in output
        assert output.index(f"{base}/") <= output.index(f"{base}/docs")  # the console's URL comes first
        key = re.search(r"admin API key: (\S+)", output).group(1)
        r = httpx.post(
            f"{base}/v1/text/mask", json={"text": "mail ana@example.com"}, headers={"Authorization": f"Bearer {key}"}
        )
        assert r.json()["masked_text"] == "mail <EMAIL_ADDRESS>"
        assert key not in (tmp_path / "data" / "redis" / "redis.log").read_text(errors="ignore")
        assert (tmp_path / "data" / "keyring.json").exists() and (tmp_path / "data" / "redis").is_dir()
        children = psutil.Process(up.pid).children(recursive=True)
        assert len(children) >= 3 and ready_body["workers"][0]["models"]  # redis, worker, service
        aof = list((tmp_path / "data" / "redis").rglob("*.aof*"))
        assert aof, "Redis runs with AOF persistence in the data folder"
    finally:
        up.send_signal(signal.SIGINT)  # what Ctrl-C sends
        up.wait(60)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(c.is_running() and c.status() != psutil.STATUS_ZOMBIE for c in children):
        time.sleep(0.2)
    assert not [c for c in children if c.is_running() and c.status() != psutil.STATUS_ZOMBIE]
    assert up.returncode == 0
