"""Known PII through every endpoint and a table job; then neither the service's nor the worker's logs, nor
anything Redis holds, may contain it."""

from __future__ import annotations

import json

from tests.helpers import wait_job

NAME, EMAIL, CARD, SSN = "Zebulon Quigglesworth", "zebulon.q@pii-canary.example", "4012 8888 8888 1881", "219-09-9999"
CANARIES = [EMAIL, CARD.replace(" ", ""), CARD, SSN, "pii-canary", "Quigglesworth"]


def test_pii_never_reaches_logs_or_redis(client, worker, service, redis_conn):
    text = f"{NAME} ({EMAIL}) paid with {CARD}; SSN {SSN}."
    policy = {"operators": {"DEFAULT": {"type": "encrypt"}}}
    assert client.post("/v1/text/analyze", json={"text": text}).status_code == 200
    masked = client.post("/v1/text/mask", json={"text": text, "policy": policy}).json()["masked_text"]
    assert client.post("/v1/text/mask/batch", json={"texts": [text, text]}).status_code == 200
    assert client.post("/v1/text/unmask", json={"text": masked}).json()["text"] == text
    assert client.post("/analyze", json={"text": text, "language": "en"}).status_code == 200
    # bad requests carrying the PII must not echo it either
    for bad in ({"text": text, "policy": {"entities": ["NOPE"]}}, {"text": text * 2000}):
        r = client.post("/v1/text/mask", json=bad)
        assert r.status_code in (413, 422) and EMAIL not in r.text
    csv = f'name,email,card,ssn,notes\n{NAME},{EMAIL},{CARD},{SSN},"wrote from {EMAIL}"\n'.encode()
    r = client.post("/v1/tables", files={"file": ("c.csv", csv, "text/csv")}, data={"policy": json.dumps(policy)})
    assert wait_job(client, r.json()["job_id"])["status"] == "finished"
    broken = f"name,email\n{NAME},{EMAIL},extra\n".encode()
    r = client.post("/v1/tables", files={"file": ("b.csv", broken, "text/csv")})
    assert wait_job(client, r.json()["job_id"])["status"] == "failed"

    logs = service.output() + worker.output()
    assert '"request_id"' in logs and '"job_id"' in logs  # JSON lines carrying ids
    for line in service.output().splitlines():
        if line.startswith("{"):
            json.loads(line)
    for canary in CANARIES:
        assert canary not in logs, f"{canary!r} in a log"
    for key in redis_conn.scan_iter("*"):
        dump = redis_conn.dump(key) or b""
        for canary in CANARIES:
            assert canary.encode() not in dump, f"{canary!r} in Redis key {key!r}"
