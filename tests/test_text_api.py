"""The text endpoints over HTTP against the real service process."""

from __future__ import annotations

import hashlib

EMAIL = "maria.gonzalez@example.org"
CARD = "4111 1111 1111 1111"
TEXT = f"Hi, I'm Maria Gonzalez 😀. Write to {EMAIL} or pay with card {CARD} from 192.168.10.24 today."


def by_type(entities):
    return {e["type"]: e for e in entities}


def test_analyze_finds_entities_with_offsets_into_the_original_text(client):
    r = client.post("/v1/text/analyze", json={"text": TEXT})
    assert r.status_code == 200, r.text
    found = by_type(r.json()["entities"])
    for entity_type, value in (("EMAIL_ADDRESS", EMAIL), ("CREDIT_CARD", CARD), ("IP_ADDRESS", "192.168.10.24")):
        e = found[entity_type]
        # the emoji before them is one code point: offsets are Python string indices
        assert TEXT[e["start"] : e["end"]] == value
        assert 0 < e["score"] <= 1
    assert "PERSON" in found and "Maria Gonzalez" in TEXT[found["PERSON"]["start"] : found["PERSON"]["end"]]


def test_mask_default_policy_replaces_with_type_names(client):
    r = client.post("/v1/text/mask", json={"text": TEXT})
    assert r.status_code == 200, r.text
    body = r.json()
    assert EMAIL not in body["masked_text"] and CARD not in body["masked_text"]
    assert "<EMAIL_ADDRESS>" in body["masked_text"] and "<CREDIT_CARD>" in body["masked_text"]
    assert body["masked_text"].startswith("Hi, I'm ")
    for e in body["entities"]:
        assert e["operator"] == "replace" and e["replacement"] == f"<{e['type']}>"


def test_mask_with_policy_operators(client):
    policy = {
        "operators": {
            "EMAIL_ADDRESS": {"type": "hash", "length": 16},
            "CREDIT_CARD": {"type": "mask", "chars": "#", "keep": 4},
            "IP_ADDRESS": {"type": "redact"},
            "PERSON": {"type": "keep"},
            "DEFAULT": {"type": "replace", "value": "[x]"},
        }
    }
    r = client.post("/v1/text/mask", json={"text": TEXT, "policy": policy})
    assert r.status_code == 200, r.text
    body = r.json()
    found = by_type(body["entities"])
    assert found["CREDIT_CARD"]["replacement"] == "#### #### #### 1111"
    assert found["IP_ADDRESS"]["replacement"] == ""
    assert found["PERSON"]["replacement"] == TEXT[found["PERSON"]["start"] : found["PERSON"]["end"]]
    digest = found["EMAIL_ADDRESS"]["replacement"]
    assert len(digest) == 16 and all(c in "0123456789abcdef" for c in digest)
    assert digest != hashlib.sha256(EMAIL.encode()).hexdigest()[:16]  # keyed, never a bare hash
    assert "#### #### #### 1111" in body["masked_text"] and "Maria Gonzalez" in body["masked_text"]
    # the same value hashes the same in another request
    again = client.post("/v1/text/mask", json={"text": f"cc {EMAIL}", "policy": policy}).json()
    assert by_type(again["entities"])["EMAIL_ADDRESS"]["replacement"] == digest


def test_entities_allow_and_deny_lists(client):
    text = f"Employee E-1001 of Acme Corp wrote from {EMAIL}"
    policy = {"entities": ["EMAIL_ADDRESS"], "deny_list": {"EMPLOYEE_ID": ["E-1001"]}, "allow_list": [EMAIL]}
    r = client.post("/v1/text/mask", json={"text": text, "policy": policy})
    assert r.status_code == 200, r.text
    body = r.json()
    assert [e["type"] for e in body["entities"]] == ["EMPLOYEE_ID"]
    assert body["masked_text"] == f"Employee <EMPLOYEE_ID> of Acme Corp wrote from {EMAIL}"


def test_batch_masks_each_text_in_order(client):
    texts = [f"mail {i}user@example.com now" for i in range(5)] + ["nothing to see here"]
    r = client.post("/v1/text/mask/batch", json={"texts": texts})
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert len(results) == 6
    for i in range(5):
        assert results[i]["masked_text"] == "mail <EMAIL_ADDRESS> now"
    assert results[5] == {"masked_text": "nothing to see here", "entities": []}


def test_health_and_metrics(client, worker):
    assert client.get("/healthz").json() == {"status": "ok"}
    client.post("/v1/text/mask", json={"text": "mail a@example.com"})
    metrics = client.get("/metrics").text
    for name in (
        'piimask_http_requests_total{route="/v1/text/mask",status="200"}',
        'piimask_http_request_seconds_bucket{le="0.005",route="/v1/text/mask"}',
        'piimask_entities_total{type="EMAIL_ADDRESS"}',
        "piimask_inference_batch_texts_bucket",
        "piimask_inference_seconds_count",
        'piimask_table_jobs{state="queued"}',
        "piimask_queue_depth",
        "piimask_rows_masked_total",
        "piimask_workers",
    ):
        assert name in metrics, name
    assert float(next(line for line in metrics.splitlines() if line.startswith("piimask_workers ")).split()[1]) >= 1


def test_utf16_offsets_and_per_type_thresholds(client):
    text = "🙂🙂 write to ana@example.com"  # two astral characters: 2 code points, 4 UTF-16 units
    plain = by_type(client.post("/v1/text/analyze", json={"text": text}).json()["entities"])["EMAIL_ADDRESS"]
    wide = by_type(client.post("/v1/text/analyze", json={"text": text, "offsets": "utf16"}).json()["entities"])
    assert (wide["EMAIL_ADDRESS"]["start"], wide["EMAIL_ADDRESS"]["end"]) == (plain["start"] + 2, plain["end"] + 2)
    assert (
        text.encode("utf-16-le")[wide["EMAIL_ADDRESS"]["start"] * 2 : wide["EMAIL_ADDRESS"]["end"] * 2].decode(
            "utf-16-le"
        )
        == "ana@example.com"
    )
    masked = client.post("/v1/text/mask/batch", json={"texts": [text], "offsets": "utf16"}).json()["results"][0]
    assert masked["entities"][0]["start"] == wide["EMAIL_ADDRESS"]["start"]
    strict = {"thresholds": {"EMAIL_ADDRESS": 1.0}, "score_threshold": 0.0}
    none = client.post(
        "/v1/text/analyze", json={"text": "mail ana@example.com", "policy": {"thresholds": {"EMAIL_ADDRESS": 1.01}}}
    )
    assert none.status_code == 422 and "thresholds" in none.json()["error"]["message"]
    kept = client.post("/v1/text/analyze", json={"text": "mail ana@example.com", "policy": strict}).json()["entities"]
    assert all(e["score"] >= 1.0 for e in kept if e["type"] == "EMAIL_ADDRESS")
