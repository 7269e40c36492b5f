"""Table jobs end to end: the real service enqueues on the real Redis and a real worker process masks the file."""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path

from tests.helpers import make_csv, submit, wait_for, wait_job


def read_csv(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode())))


def test_table_job_end_to_end(client, worker):
    data, records = make_csv(300)
    job_id = submit(client, data)
    state = wait_job(client, job_id)
    assert state["status"] == "finished", state
    assert state["progress"] == {"rows_done": 300, "rows_total": 300}
    plan = {c["name"]: c for c in state["report"]["columns"]}
    assert plan["email"]["entity"] == "EMAIL_ADDRESS" and plan["email"]["values_masked"] == 300
    assert plan["full_name"]["entity"] == "PERSON"
    assert plan["amount"]["mode"] == "keep" and plan["id"]["mode"] == "keep"
    assert plan["notes"]["mode"] == "text"

    r = client.get(f"/v1/jobs/{job_id}/result")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    masked = read_csv(r.content)
    assert [row["id"] for row in masked] == [rec["id"] for rec in records]  # same rows, same order
    for row, rec in zip(masked, records):
        assert row["amount"] == rec["amount"]  # non-PII untouched
        for column in ("full_name", "email", "phone"):
            assert rec[column] not in row[column]
        assert "@" not in row["notes"] and row["notes"].endswith(f"about order {rec['id']}, call back.")


def test_table_job_from_blob_store_uri_with_column_policy(client, worker, env):
    data, records = make_csv(50, seed=3, notes=False)
    path = Path(env["PIIMASK_BLOB_ROOT"]) / "incoming" / "crm.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    policy = {
        "columns": {
            "email": {"entity": "EMAIL_ADDRESS", "operator": {"type": "hash", "length": 12}},
            "phone": {"mode": "keep"},
        },
    }
    r = client.post(
        "/v1/tables", json={"source_uri": "incoming/crm.csv", "policy": policy, "output_uri": "out/crm.csv"}
    )
    assert r.status_code == 202, r.text
    state = wait_job(client, r.json()["job_id"])
    assert state["status"] == "finished", state
    masked = read_csv((Path(env["PIIMASK_BLOB_ROOT"]) / "out" / "crm.csv").read_bytes())
    assert [row["phone"] for row in masked] == [rec["phone"] for rec in records]
    assert all(len(row["email"]) == 12 and "@" not in row["email"] for row in masked)
    # the same email always gives the same hash (joins keep working)
    again = {rec["email"]: row["email"] for rec, row in zip(records, masked)}
    assert len(set(again.values())) == len(again)


def test_a_rows_known_values_are_masked_in_its_free_text_even_where_the_model_misses_them(client, worker):
    """A name the model does not find on its own: its PERSON spans are held back by a threshold of 1.0 (and its other
    types are not asked for), so only the table's knowledge of the row (its `full_name` cell) can mask the name
    inside `notes`."""
    rows = [
        {
            "id": "1",
            "full_name": "Cormac Fifita",
            "email": "cf@example.com",
            "notes": "Spoke with cormac fifita; Cormac will call back. Fifita paid by card.",
        },
        {
            "id": "2",
            "full_name": "Will Ngata",
            "email": "wn@example.com",
            "notes": "We will ship to Ngata on Monday; Will is the contact.",
        },
        {"id": "3", "full_name": "Ana Lee", "email": "al@example.com", "notes": "Ana Lee? No: a lee shore, ana."},
    ]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    policy = {
        "entities": ["PERSON", "EMAIL_ADDRESS"],
        "thresholds": {"PERSON": 1.0},
        "columns": {
            "full_name": {"entity": "PERSON", "operator": {"type": "hash", "length": 10}},
            "notes": {"mode": "text"},
        },
    }
    job_id = submit(client, out.getvalue().encode(), policy=json.dumps(policy))
    state = wait_job(client, job_id)
    assert state["status"] == "finished", state
    masked = read_csv(client.get(f"/v1/jobs/{job_id}/result").content)
    hashed = {row["id"]: row["full_name"] for row in masked}
    notes = {row["id"]: row["notes"] for row in masked}
    for secret in ("Cormac", "cormac", "Fifita", "fifita", "Ngata"):
        assert secret not in "".join(notes.values()), notes
    # the whole value takes its column's own masked form, so the note joins with the column
    assert notes["1"].startswith(f"Spoke with {hashed['1']};"), notes["1"]
    # "Will" is an ordinary word, never looked for; a name's single words are looked for as written only
    assert "We will ship" in notes["2"] and "Will is the contact" in notes["2"]
    assert notes["3"].startswith(f"{hashed['3']}? No: a lee shore, ana."), notes["3"]
    plan = {c["name"]: c for c in state["report"]["columns"]}
    assert plan["notes"]["propagated"] == 5, plan["notes"]  # 3 in row 1, 1 in row 2, 1 in row 3


def test_header_only_and_failed_jobs_hold_no_pii(client, worker, redis_conn):
    header_only = submit(client, b"name,email\n")
    state = wait_job(client, header_only)
    assert state["status"] == "finished" and state["progress"]["rows_total"] == 0
    assert client.get(f"/v1/jobs/{header_only}/result").content.replace(b'"', b"") == b"name,email\n"

    secret = "zed.q.secretperson@example.com"
    broken = f"name,email\nZed,{secret},extra-field\n".encode()
    job_id = submit(client, broken)
    state = wait_job(client, job_id)
    assert state["status"] == "failed"
    assert "malformed" in state["error"] and secret not in state["error"]
    assert client.get(f"/v1/jobs/{job_id}/result").status_code == 409
    # nothing stored for the job in Redis carries the value
    for key in redis_conn.scan_iter(f"*{job_id}*"):
        raw = redis_conn.dump(key) or b""
        assert secret.encode() not in raw, key


def test_cancel_queued_and_running_jobs(client, worker, env):
    data, _ = make_csv(6000, seed=11)
    running = submit(client, data)
    queued = submit(client, data)
    assert client.delete(f"/v1/jobs/{queued}").status_code == 202
    assert client.get(f"/v1/jobs/{queued}").json()["status"] == "canceled"

    def progressing():
        state = client.get(f"/v1/jobs/{running}").json()
        return state["status"] == "started" and state["progress"]["rows_done"] > 0

    wait_for(progressing, 120, "the first job to report progress")
    assert client.delete(f"/v1/jobs/{running}").status_code == 202
    state = wait_job(client, running, until=("canceled",))
    assert state["progress"]["rows_done"] < 6000
    assert client.get(f"/v1/jobs/{running}/result").status_code == 409
    # the worker stopped writing and left no partial output behind
    out_dir = Path(env["PIIMASK_BLOB_ROOT"]) / "results" / running
    time.sleep(2)
    assert not out_dir.exists() or not any(out_dir.iterdir())
    assert client.delete(f"/v1/jobs/{running}").status_code in (202, 409)


def test_parquet_and_jsonl_keep_their_format_schema_and_order(client, worker):
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    _, records = make_csv(120, seed=21)
    table = pa.table(
        {
            "id": pa.array([int(r["id"]) for r in records], pa.int64()),
            "email": [r["email"] for r in records],
            "amount": pa.array([float(r["amount"]) for r in records]),
            "notes": [r["notes"] for r in records],
        }
    )
    buf = pa.BufferOutputStream()
    pq.write_table(table, buf)
    job_id = submit(client, buf.getvalue().to_pybytes(), name="people.parquet")
    assert wait_job(client, job_id)["status"] == "finished"
    r = client.get(f"/v1/jobs/{job_id}/result")
    out = pq.read_table(pa.BufferReader(r.content))
    assert out.schema.names == table.schema.names
    assert out.schema.field("id").type == pa.int64() and out.schema.field("amount").type == pa.float64()
    assert out.column("id").to_pylist() == table.column("id").to_pylist()
    assert out.column("amount").to_pylist() == table.column("amount").to_pylist()
    assert not set(out.column("email").to_pylist()) & set(table.column("email").to_pylist())

    lines = [
        json.dumps({"id": int(r["id"]), "email": r["email"], "meta": {"vip": i % 2 == 0}})
        for i, r in enumerate(records[:30])
    ]
    lines.insert(3, json.dumps({"id": 999, "contact_email": "late.key@example.com"}))
    job_id = submit(client, ("\n".join(lines) + "\n").encode(), name="people.jsonl")
    assert wait_job(client, job_id)["status"] == "finished"
    back = [json.loads(line) for line in client.get(f"/v1/jobs/{job_id}/result").text.splitlines()]
    original = [json.loads(line) for line in lines]
    assert [list(o) for o in back] == [list(o) for o in original]  # same keys, same order, none added
    assert [o["id"] for o in back] == [o["id"] for o in original]
    assert [o.get("meta") for o in back] == [o.get("meta") for o in original]
    assert all("@" not in str(o.get("email", "")) + str(o.get("contact_email", "")) for o in back)


def test_csv_dialects_encodings_and_bad_files(client, worker):
    text = 'name;email;note\nJosé Müller;jose@example.com;"multi\nline; note"\n'
    job_id = submit(client, text.encode("cp1252"), name="legacy.csv")
    state = wait_job(client, job_id)
    assert state["status"] == "finished", state
    assert state["report"]["delimiter"] == ";" and state["report"]["encoding_in"] == "cp1252"
    rows = list(csv.reader(io.StringIO(client.get(f"/v1/jobs/{job_id}/result").content.decode()), delimiter=";"))
    assert rows[0] == ["name", "email", "note"] and rows[1][2] == "multi\nline; note"
    assert "jose@example.com" not in rows[1][1] and "José" not in rows[1][0]

    for data, message in [(b"", "empty"), (b"\x81\x8d\x8f\x90\x9d,\xff\n", "not text")]:
        state = wait_job(client, submit(client, data, name="bad.csv"))
        assert state["status"] == "failed" and message in state["error"], state
    state = wait_job(client, submit(client, b"not parquet at all", name="x.parquet"))
    assert state["status"] == "failed" and "not a valid Parquet" in state["error"]
    state = wait_job(client, submit(client, b'{"a": 1}\n[1, 2]\n', name="x.jsonl"))
    assert state["status"] == "failed" and state["error"] == "line 2 is not a JSON object"


def test_large_input_fans_out_into_parts_merged_in_order(client, worker, env, redis_conn):
    from rq.job import Job

    data, records = make_csv(4000, seed=17)
    assert len(data) > 400_000  # above PIIMASK_FANOUT_BYTES in the test environment
    job_id = submit(client, data)
    state = wait_job(client, job_id, timeout=300)
    assert state["status"] == "finished", state
    assert state["progress"] == {"rows_done": 4000, "rows_total": 4000}
    assert state["report"]["parts"] >= 4 and state["report"]["rows"] == 4000
    plan = {c["name"]: c for c in state["report"]["columns"]}
    assert plan["email"]["values_masked"] == 4000 and plan["notes"]["mode"] == "text"
    parts = Job.fetch(job_id, connection=redis_conn).meta["fanout"]["part_ids"]
    assert len(parts) == state["report"]["parts"]

    masked = read_csv(client.get(f"/v1/jobs/{job_id}/result").content)
    assert [row["id"] for row in masked] == [rec["id"] for rec in records]  # every row, in order
    assert all(
        row["email"] == "<EMAIL_ADDRESS>" and row["amount"] == rec["amount"] for row, rec in zip(masked, records)
    )
    assert not (Path(env["PIIMASK_BLOB_ROOT"]) / "work" / job_id).exists()  # the parts were cleaned up


def test_a_10_mb_field_and_multiline_quoted_fields(client, worker):
    multiline = "line one\nline, two"
    big = "QUJD" * (10 * 1024**2 // 4)  # an opaque 10 MB value (base64-like): parsing is what this test is about
    rows = ["id,blob,email"] + [f'{i},"{big if i == 2 else multiline}",u{i}@example.com' for i in range(5)]
    job_id = submit(client, ("\n".join(rows) + "\n").encode(), policy='{"columns": {"blob": {"mode": "keep"}}}')
    state = wait_job(client, job_id, timeout=300)
    assert state["status"] == "finished", state
    csv.field_size_limit(1 << 30)
    masked = read_csv(client.get(f"/v1/jobs/{job_id}/result").content)
    assert [r["id"] for r in masked] == ["0", "1", "2", "3", "4"]
    assert masked[2]["blob"] == big and masked[0]["blob"] == "line one\nline, two"  # the 10 MB field, whole
    assert all(r["email"] == "<EMAIL_ADDRESS>" for r in masked)


def test_mask_file_command_masks_a_local_file_without_redis(tmp_path, keyring_path):
    import json
    import os
    import subprocess
    import sys

    from tests.helpers import ROOT

    data, records = make_csv(40, seed=3)
    (tmp_path / "in.csv").write_bytes(data)
    (tmp_path / "policy.json").write_text(
        json.dumps({"columns": {"email": {"entity": "EMAIL_ADDRESS", "operator": {"type": "hash", "length": 10}}}})
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIIMASK_")}
    env.update(
        {
            "PIIMASK_KEYRING": str(keyring_path),
            "PIIMASK_REDIS_URL": "redis://127.0.0.1:1/0",
            "PIIMASK_TORCH_THREADS": "1",
        }
    )
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "mask-file",
            str(tmp_path / "in.csv"),
            str(tmp_path / "out.csv"),
            "--policy",
            str(tmp_path / "policy.json"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout)["rows"] == 40
    masked = read_csv((tmp_path / "out.csv").read_bytes())
    assert [r["id"] for r in masked] == [r["id"] for r in records]
    assert all(len(r["email"]) == 10 and "@" not in r["email"] for r in masked)
    bad = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "mask-file", str(tmp_path / "in.xlsx"), str(tmp_path / "o")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2 and "unsupported table format" in bad.stderr
