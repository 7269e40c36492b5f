"""Every unmask leaves one audit record — who (the key's id), when, with which scope, for which request or job, how
many values of each type — and never a value. Real service and worker processes write them; the test reads them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from piimask.http.access import key_id
from tests.helpers import submit, wait_job

EMAIL = "ana.lima@example.org"


def records(env) -> list[dict]:
    path = Path(env["PIIMASK_AUDIT_LOG"])
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_a_text_unmask_is_audited_with_counts_only(client, env):
    masked = client.post(
        "/v1/text/mask",
        json={"text": f"write to {EMAIL} or {EMAIL}", "policy": {"operators": {"EMAIL_ADDRESS": {"type": "encrypt"}}}},
    )
    token_text = masked.json()["masked_text"]
    before = len(records(env))
    r = client.post("/v1/text/unmask", json={"text": token_text}, headers={"X-Request-ID": "audit-test-1"})
    assert r.status_code == 200 and r.json()["text"] == f"write to {EMAIL} or {EMAIL}"
    new = records(env)[before:]
    assert len(new) == 1
    record = new[0]
    assert record["event"] == "unmask" and record["where"] == "text"
    assert record["key_id"] == key_id("admin-key") and record["scope"] == "admin"
    assert record["request_id"] == "audit-test-1" and record["job_id"] is None
    assert record["restored"] == {"EMAIL_ADDRESS": 2} and record["total"] == 2
    assert EMAIL not in json.dumps(record) and "admin-key" not in json.dumps(record)
    metrics = client.get("/metrics").text
    assert 'piimask_unmask_requests_total{where="text"}' in metrics
    assert 'piimask_unmask_restored_total{type="EMAIL_ADDRESS"}' in metrics


def test_a_table_unmask_is_audited_by_the_worker(client, env, worker):
    rows = [["id", "email"], *[[str(i), f"user{i}@example.com"] for i in range(5)], ["5", "user0@example.com"]]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    policy = {"columns": {"email": {"entity": "EMAIL_ADDRESS", "operator": {"type": "encrypt"}}}}
    job = submit(client, out.getvalue().encode(), policy=json.dumps(policy))
    assert wait_job(client, job)["status"] == "finished"
    masked = client.get(f"/v1/jobs/{job}/result").content
    assert b"user0@example.com" not in masked
    before = len(records(env))
    back = submit(client, masked, policy=json.dumps({"columns": {"email": {"mode": "unmask"}}}))
    state = wait_job(client, back)
    assert state["status"] == "finished", state
    assert list(csv.reader(io.StringIO(client.get(f"/v1/jobs/{back}/result").content.decode()))) == rows
    new = [r for r in records(env)[before:] if r["job_id"] == back]
    assert len(new) == 1, records(env)[before:]
    assert new[0]["where"] == "table" and new[0]["key_id"] == key_id("admin-key") and new[0]["scope"] == "admin"
    assert new[0]["restored"] == {"EMAIL_ADDRESS": 6} and state["report"]["restored"] == {"EMAIL_ADDRESS": 6}
    assert "example.com" not in json.dumps(new[0])
