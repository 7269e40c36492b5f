"""Under overload the service answers 503 with Retry-After in the error shape, never a 5xx of another kind: a full
queue refuses at once, a request past its deadline is dropped, and a short request is served while a long document
is being read. A service of its own, with a small queue and a short deadline (and no compiling, to start fast)."""

from __future__ import annotations

import threading
import time

import httpx
import pytest

from piimask.local.processes import start_service
from piimask.local.redis_server import free_port
from tests.helpers import ADMIN

DOCUMENT = "Maria Gonzalez wrote to the bank in Lisbon about her account on 3 May 2021. " * 2000  # 152k characters


@pytest.fixture(scope="module")
def small_service(env, workdir):
    env = {
        **env,
        "PIIMASK_MAX_TEXT_CHARS": "400000",
        "PIIMASK_MAX_QUEUED_CHARS": "200000",
        "PIIMASK_REQUEST_TIMEOUT_S": "3",
        "PIIMASK_COMPILE": "off",
    }
    proc = start_service(env, free_port(), log=workdir / "overload-service.log", timeout=180)
    yield proc
    proc.stop()


def post(base: str, text: str) -> httpx.Response:
    return httpx.post(f"{base}/v1/text/analyze", json={"text": text}, headers=ADMIN, timeout=60)


def test_a_document_past_its_deadline_gets_503_and_short_requests_go_on(small_service):
    base = small_service.base_url
    answers: dict[str, httpx.Response] = {}
    long = threading.Thread(target=lambda: answers.setdefault("long", post(base, DOCUMENT)))  # ~10 s of model work
    long.start()
    time.sleep(0.5)
    started = time.monotonic()
    short = post(base, "Call Kwame Mensah in Accra.")
    short_took = time.monotonic() - started
    long.join(60)
    assert short.status_code == 200 and {e["type"] for e in short.json()["entities"]} >= {"PERSON"}
    assert short_took < 3, "the short request waited for the whole document"
    r = answers["long"]
    assert r.status_code == 503, r.text
    assert r.json()["error"]["code"] == "deadline_exceeded" and r.headers["retry-after"] == "5"
    assert "Maria" not in r.text


def test_a_full_queue_refuses_at_once_with_retry_after(small_service):
    base = small_service.base_url
    answers: list[httpx.Response] = []
    lock = threading.Lock()

    def send() -> None:
        r = post(base, DOCUMENT)
        with lock:
            answers.append(r)

    threads = [threading.Thread(target=send) for _ in range(3)]  # 3 x 152k characters > 200k queued
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    statuses = sorted(r.status_code for r in answers)
    assert set(statuses) <= {200, 503} and 503 in statuses, statuses
    refused = [r for r in answers if r.status_code == 503 and r.json()["error"]["code"] == "overloaded"]
    assert refused and all(r.headers["retry-after"] == "1" for r in refused)
    assert all(set(r.json()["error"]) == {"code", "message"} for r in answers if r.status_code == 503)
    time.sleep(4)
    assert post(base, "Call Kwame Mensah in Accra.").status_code == 200  # the queue drains
