"""What the tests share besides fixtures: keys, waiting for jobs, the error-shape assertion and table data. Processes
are started with the harness every caller shares (`piimask.local.processes`)."""

from __future__ import annotations

import csv
import hashlib
import io
import random
from pathlib import Path

import httpx

from piimask.local.processes import Child, wait_for

__all__ = ["ADMIN", "KEYS", "ROOT", "Child", "assert_error", "make_csv", "submit", "wait_for", "wait_job"]

ROOT = Path(__file__).resolve().parent.parent

KEYS = {
    "admin-key": ["admin"],
    "mask-key": ["mask"],
    "tables-key": ["tables"],
    # stored hashed: the service never holds this key, only sha256("hashed-key")
    "sha256:" + hashlib.sha256(b"hashed-key").hexdigest(): ["mask"],
}
ADMIN = {"Authorization": "Bearer admin-key"}


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


FIRST = ["Maria", "John", "Aiko", "Chidi", "Priya", "Lars", "Fatima", "Wei", "Olga", "Diego"]
LAST = ["Gonzalez", "Smith", "Tanaka", "Okafor", "Sharma", "Nilsson", "Haddad", "Chen", "Ivanova", "Ramos"]


def make_csv(rows: int, seed: int = 7, notes: bool = True) -> tuple[bytes, list[dict]]:
    rng = random.Random(seed)
    records = []
    for i in range(rows):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        rec = {
            "id": str(i),
            "full_name": f"{first} {last}",
            "email": f"{first.lower()}.{last.lower()}{i}@example.com",
            "phone": f"+1 415-555-{rng.randint(1000, 9999)}",
            "amount": f"{rng.randint(1, 99999) / 100:.2f}",
        }
        if notes:
            rec["notes"] = f"Customer wrote from {first.lower()}{i}@mail.example.net about order {i}, call back."
        records.append(rec)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(records[0]))
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue().encode(), records


def submit(client, data: bytes, name: str = "people.csv", policy: str | None = None) -> str:
    files = {"file": (name, data, "text/csv")}
    r = client.post("/v1/tables", files=files, data={"policy": policy} if policy else None)
    assert r.status_code == 202, r.text
    body = r.json()
    assert body["status_url"] == f"/v1/jobs/{body['job_id']}"
    return body["job_id"]
