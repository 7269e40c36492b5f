"""Service and workers share one keyring: a value masked in text and in a table gives the same token, and both
unmask exactly. Real service and worker processes."""

from __future__ import annotations

import csv
import io

import httpx

from tests.helpers import wait_job

PEOPLE = [
    ("maria.gonzalez@example.org", "4111 1111 1111 1111", "+1 415-555-0132"),
    ("chidi.okafor@example.com", "5500 0000 0000 0004", "+44 20 7946 0958"),
]
OPS = {
    "EMAIL_ADDRESS": {"type": "encrypt"},
    "CREDIT_CARD": {"type": "fpe", "luhn": True},
    "PHONE_NUMBER": {"type": "pseudonymize"},
}


def table(rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["email", "card", "phone"])
    writer.writerows(rows)
    return out.getvalue().encode()


def run_table(client, data: bytes, policy: dict) -> list[list[str]]:
    import json

    r = client.post("/v1/tables", files={"file": ("t.csv", data, "text/csv")}, data={"policy": json.dumps(policy)})
    assert r.status_code == 202, r.text
    state = wait_job(client, r.json()["job_id"])
    assert state["status"] == "finished", state
    body = client.get(f"/v1/jobs/{r.json()['job_id']}/result").content.decode()
    return list(csv.reader(io.StringIO(body)))[1:]


def test_text_and_table_tokens_join_and_unmask(client, worker):
    text = " / ".join(f"<{email}> paid with {card}, call {phone}" for email, card, phone in PEOPLE)
    masked = client.post("/v1/text/mask", json={"text": text, "policy": {"operators": OPS}})
    assert masked.status_code == 200, masked.text
    entities = masked.json()["entities"]
    by_value = {text[e["start"] : e["end"]]: e for e in entities}

    columns = {
        "email": {"entity": "EMAIL_ADDRESS", "operator": OPS["EMAIL_ADDRESS"]},
        "card": {"entity": "CREDIT_CARD", "operator": OPS["CREDIT_CARD"]},
        "phone": {"entity": "PHONE_NUMBER", "operator": OPS["PHONE_NUMBER"]},
    }
    rows = run_table(client, table(PEOPLE), {"columns": columns})
    for (email, card, phone), (t_email, t_card, t_phone) in zip(PEOPLE, rows):
        # the worker, a different process with its own crypto manager, produced the service's tokens
        assert t_email == by_value[email]["replacement"] and t_email.startswith("[ENC:EMAIL_ADDRESS:")
        assert t_card == by_value[card]["replacement"] and t_card != card
        assert t_phone == by_value[phone]["replacement"] != phone

    # unmask the text: encrypt tokens are found by themselves, fpe values come from the mask call's answer
    fpe = [
        {"value": e["replacement"], "type": e["type"], "key_id": e["key_id"], "luhn": True}
        for e in entities
        if e["operator"] == "fpe"
    ]
    masked_text = masked.json()["masked_text"]
    restored = client.post("/v1/text/unmask", json={"text": masked_text, "fpe": fpe})
    assert restored.status_code == 200, restored.text
    expected = text
    for _, _, phone in PEOPLE:
        expected = expected.replace(phone, by_value[phone]["replacement"])  # pseudonyms are one-way
    assert restored.json() == {"text": expected, "restored": 4}

    # unmask the table on a worker: the same tokens restore the original columns
    key_id = by_value[PEOPLE[0][1]]["key_id"]
    unmask_policy = {
        "columns": {
            "email": {"mode": "unmask"},
            "card": {"mode": "unmask", "entity": "CREDIT_CARD", "operator": OPS["CREDIT_CARD"], "key_id": key_id},
            "phone": {"mode": "keep"},
        }
    }
    back = run_table(client, table(rows), unmask_policy)
    assert [r[:2] for r in back] == [[email, card] for email, card, _ in PEOPLE]


def test_unmask_needs_its_scope_and_the_right_key(client, service):
    token = client.post(
        "/v1/text/mask",
        json={"text": "mail maria@example.org", "policy": {"operators": {"DEFAULT": {"type": "encrypt"}}}},
    ).json()["masked_text"]
    headers = {"Authorization": "Bearer mask-key"}
    r = httpx.post(f"{service.base_url}/v1/text/unmask", json={"text": token}, headers=headers)
    assert r.status_code == 403 and "unmask" in r.json()["error"]["message"]
    data = table([["[ENC:EMAIL_ADDRESS:kx:AAAA]", "1", "x"]])
    policy = '{"columns": {"email": {"mode": "unmask"}}}'
    r = httpx.post(
        f"{service.base_url}/v1/tables",
        files={"file": ("t.csv", data)},
        data={"policy": policy},
        headers={"Authorization": "Bearer tables-key"},
    )
    assert r.status_code == 403
    forged = token.replace("[ENC:EMAIL_ADDRESS:k", "[ENC:EMAIL_ADDRESS:kzz")
    r = client.post("/v1/text/unmask", json={"text": forged})
    assert r.status_code == 422 and "not in this keyring" in r.json()["error"]["message"]
    assert "maria" not in r.text
