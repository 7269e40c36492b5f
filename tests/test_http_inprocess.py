"""Routes in-process: the app without its lifespan, the dependencies overridden by real parts (an engine with the
pattern recognizers and no model, a crypto manager on a fresh keyring, a key ring). No Redis, no service process."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from redis import Redis
from rq import Queue

from crypto import CryptoManager, Keyring
from piimask.engine import MaskingEngine
from piimask.http.access import KeyRing
from piimask.http.app import build_app
from piimask.http.deps import get_engine, get_keys, get_queue, get_settings, get_store
from piimask.settings import Settings
from piimask.tables.blobstore import BlobStore

EMAIL = "jane.doe@example.com"


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> TestClient:
    path = tmp_path_factory.mktemp("inprocess") / "keyring.json"
    Keyring.generate().save(path, overwrite=False)
    engine = MaskingEngine(None, CryptoManager.from_file(path))
    settings = Settings(auth="on", max_text_chars=1000)
    app = build_app(settings)
    app.dependency_overrides[get_settings] = lambda: settings
    app.dependency_overrides[get_keys] = lambda: KeyRing({"mask-key": ["mask"], "tables-key": ["tables"]})
    app.dependency_overrides[get_engine] = lambda: engine
    return TestClient(app)


def test_a_key_is_required_and_must_carry_the_scope(client):
    r = client.post("/v1/text/mask", json={"text": f"mail {EMAIL}"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
    r = client.post("/v1/text/mask", json={"text": f"mail {EMAIL}"}, headers={"Authorization": "Bearer tables-key"})
    assert r.status_code == 403 and "'mask'" in r.json()["error"]["message"]
    r = client.post("/v1/text/mask", json={"text": f"mail {EMAIL}"}, headers={"Authorization": "Bearer mask-key"})
    assert r.status_code == 200, r.text
    assert r.json()["masked_text"] == "mail <EMAIL_ADDRESS>"


def test_bad_requests_name_the_field_and_never_echo_the_text(client):
    headers = {"Authorization": "Bearer mask-key"}
    r = client.post("/v1/text/mask", json={"texxt": EMAIL}, headers=headers)
    assert r.status_code == 422 and "text" in r.json()["error"]["message"] and EMAIL not in r.text
    policy = {"operators": {"EMAIL_ADDRESS": {"type": "mask", "keep": 2, "count": 3}}}
    r = client.post("/v1/text/mask", json={"text": EMAIL, "policy": policy}, headers=headers)
    assert r.status_code == 422 and "count" in r.json()["error"]["message"] and EMAIL not in r.text
    r = client.post("/v1/text/mask", json={"text": EMAIL + "x" * 1000}, headers=headers)
    assert r.status_code == 413 and "limit is 1000" in r.json()["error"]["message"]
    body = {
        "text": EMAIL,
        "analyzer_results": [{"start": 0, "end": 4, "score": 1, "entity_type": "E"}],
        "anonymizers": {"E": {"type": "mask", "masking_char": 1, "chars_to_mask": 2}},
    }
    r = client.post("/anonymize", json=body, headers=headers)
    assert r.status_code == 422 and r.json()["error"] == {
        "code": "invalid_operator",
        "message": "Invalid parameter value for masking_char. Expecting 'string'.",
    }


def test_v1_and_presidio_mask_are_one_operator(client):
    headers = {"Authorization": "Bearer mask-key"}
    text = "card 4111 1111 1111 1111"
    policy = {"operators": {"CREDIT_CARD": {"type": "mask", "count": 4}}}
    r = client.post("/v1/text/mask", json={"text": text, "policy": policy}, headers=headers)
    assert r.status_code == 200, r.text
    assert r.json()["masked_text"] == "card **** 1111 1111 1111"
    body = {
        "text": text,
        "analyzer_results": [{"start": 5, "end": 24, "score": 1, "entity_type": "CREDIT_CARD"}],
        "anonymizers": {"CREDIT_CARD": {"type": "mask", "masking_char": "*", "chars_to_mask": 4}},
    }
    r = client.post("/anonymize", json=body, headers=headers)
    assert r.status_code == 200, r.text
    assert r.json()["text"] == "card **** 1111 1111 1111"


@pytest.fixture()
def upload_client(tmp_path) -> tuple[TestClient, Path]:
    """The tables route with a real folder blob store and a small upload limit; a queue that is never reached (every
    request here is refused before a job is made)."""
    settings = Settings(auth="on", max_upload_bytes=64 * 1024)
    app = build_app(settings)
    app.dependency_overrides[get_settings] = lambda: settings
    app.dependency_overrides[get_keys] = lambda: KeyRing({"tables-key": ["tables"]})
    app.dependency_overrides[get_store] = lambda: BlobStore(str(tmp_path / "blobs"))
    app.dependency_overrides[get_queue] = lambda: Queue("unused", connection=Redis(port=1))
    return TestClient(app, headers={"Authorization": "Bearer tables-key"}), tmp_path / "blobs"


def _objects(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    "files, data, status, words",
    [
        ({"file": ("t.csv", b"a,b\n" + b"1,2\n" * 20_000, "text/csv")}, {}, 413, ["file", "65536"]),
        ({"file": ("t.csv", b"a,b\n1,2\n", "text/csv")}, {"polcy": "{}"}, 422, ["polcy: unknown field"]),
        ({"file": ("t.csv", b"a,b\n1,2\n", "text/csv")}, {"policy": "{nope"}, 400, ["policy", "JSON"]),
        ({"file": ("t.xlsx", b"a,b\n1,2\n", "text/csv")}, {}, 415, ["xlsx"]),
        ({"other": ("t.csv", b"a,b\n1,2\n", "text/csv")}, {}, 422, ["other: unknown field"]),
        ({"policy": (None, "{}")}, {}, 422, ["file"]),
    ],
)
def test_a_refused_upload_leaves_nothing_in_the_store(upload_client, files, data, status, words):
    client, root = upload_client
    r = client.post("/v1/tables", files=files or None, data=data)
    assert r.status_code == status, r.text
    message = r.json()["error"]["message"]
    assert all(w in message for w in words), message
    assert _objects(root) == [], "a refused upload must leave no object (and no temporary) behind"


def test_a_broken_multipart_body_is_a_400_and_leaves_nothing(upload_client):
    client, root = upload_client
    head = b'--XYZ\r\ncontent-disposition: form-data; name="file"; filename="t.csv"\r\n\r\na,b\n1,2\n'
    r = client.post("/v1/tables", content=head, headers={"content-type": "multipart/form-data; boundary=XYZ"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "malformed_multipart", r.text
    r = client.post("/v1/tables", content=head, headers={"content-type": "multipart/form-data"})
    assert r.status_code == 400 and "boundary" in r.json()["error"]["message"], r.text
    assert _objects(root) == []
