"""Bad input gets a 4xx JSON error that names the problem and never echoes the input."""

from __future__ import annotations

import pytest

from tests.helpers import assert_error as check_error

SECRET = "jane.doe@example.com"


def assert_error(r, status: int, *words: str):
    check_error(r, status, *words, secret=SECRET)


def test_malformed_json(client):
    r = client.post(
        "/v1/text/mask", content=b'{"text": "' + SECRET.encode() + b'"', headers={"content-type": "application/json"}
    )
    assert_error(r, 400, "JSON")


@pytest.mark.parametrize(
    "body, status, words",
    [
        ({"text": SECRET, "polcy": {"operators": {"DEFAULT": {"type": "redact"}}}}, 422, ["polcy: unknown field"]),
        (
            {"text": SECRET, "policy": {"operators": {"DEFAULT": {"type": "redact", "chars": "#"}}}},
            422,
            ["chars", "unknown"],
        ),
        (
            {"text": SECRET, "policy": {"columns": {"a": {"mode": "keep", "entty": "X"}}}},
            422,
            ["entty", "unknown field"],
        ),
        ({"text": SECRET + "x" * 20000}, 413, ["limit", "20000"]),
        ({"texxt": SECRET}, 422, ["text", "required"]),
        ({"text": SECRET, "policy": {"entities": ["NOT_A_TYPE"]}}, 422, ["unknown entity type", "NOT_A_TYPE"]),
        (
            {"text": SECRET, "policy": {"operators": {"EMAIL_ADDRESS": {"type": "shred"}}}},
            422,
            ["unknown operator", "shred"],
        ),
        ({"text": SECRET, "policy": {"operators": {"EMAIL_ADDRESS": {"type": "mask", "keep": -1}}}}, 422, ["keep"]),
        ({"text": SECRET, "policy": {"operators": {"EMAIL_ADDRESS": {"type": "hash", "lenght": 3}}}}, 422, ["lenght"]),
        ({"text": SECRET, "policy": {"score_threshold": 2}}, 422, ["score_threshold"]),
    ],
)
def test_bad_text_requests(client, body, status, words):
    assert_error(client.post("/v1/text/mask", json=body), status, *words)


def test_batch_limits(client):
    assert_error(client.post("/v1/text/mask/batch", json={"texts": []}), 422, "at least one")
    assert_error(
        client.post("/v1/text/mask/batch", json={"texts": ["ok"], "offset": "utf16"}), 422, "offset: unknown field"
    )


def test_unknown_fields_are_refused_at_every_level_of_every_v1_body(client):
    assert_error(
        client.post("/v1/text/analyze", json={"text": SECRET, "entities": ["PERSON"]}), 422, "entities: unknown field"
    )
    assert_error(client.post("/v1/text/unmask", json={"text": SECRET, "policy": {}}), 422, "policy: unknown field")
    body = {"text": SECRET, "fpe": [{"value": "123456", "type": "US_SSN", "luhn": False, "keyid": "k"}]}
    assert_error(client.post("/v1/text/unmask", json=body), 422, "fpe.0.keyid: unknown field")
    assert_error(
        client.post("/v1/tables", json={"source_uri": "x.csv", "ouput_uri": "y.csv"}), 422, "ouput_uri: unknown field"
    )
    files = {"file": ("t.csv", b"a,b\n1,2\n", "text/csv")}
    assert_error(client.post("/v1/tables", files=files, data={"polcy": "{}"}), 422, "polcy: unknown field")


@pytest.mark.parametrize("path", ["/v1/text/analyze", "/v1/text/mask"])
@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_and_blank_texts_are_valid_and_come_back_unchanged(client, path, text):
    r = client.post(path, json={"text": text})
    assert r.status_code == 200, r.text
    assert r.json()["entities"] == []
    if path.endswith("mask"):
        assert r.json()["masked_text"] == text


def test_a_batch_with_empty_texts_masks_the_others(client):
    r = client.post("/v1/text/mask/batch", json={"texts": ["write to " + SECRET, "", "  "]})
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert results[0]["masked_text"] == "write to <EMAIL_ADDRESS>"
    assert [x["masked_text"] for x in results[1:]] == ["", "  "] and not results[1]["entities"]


def test_presidio_routes_take_empty_texts(client):
    assert client.post("/analyze", json={"text": "", "language": "en"}).json() == []
    assert client.post("/analyze", json={"text": ["", " ", "mail " + SECRET], "language": "en"}).json()[:2] == [[], []]
    r = client.post("/anonymize", json={"text": "", "analyzer_results": []})
    assert r.status_code == 200 and r.json() == {"text": "", "items": []}


def test_unknown_job_and_route(client):
    assert_error(client.get("/v1/jobs/0123456789abcdef"), 404, "no job")
    assert_error(client.get("/v1/jobs/../../etc"), 404)
    assert_error(client.delete("/v1/jobs/nope"), 404, "no job")
    assert_error(client.get("/v1/nothing-here"), 404)


def test_bad_table_requests(client):
    r = client.post("/v1/tables", files={"file": ("people.xlsx", b"not a table", "application/octet-stream")})
    assert_error(r, 415, "unsupported", "xlsx")
    r = client.post("/v1/tables", files={"file": ("t.csv", b"a,b\n1,2\n", "text/csv")}, data={"policy": "{nope"})
    assert_error(r, 400, "policy")
    r = client.post(
        "/v1/tables", files={"file": ("t.csv", b"a\n1\n", "text/csv")}, data={"policy": '{"entities": ["NOPE"]}'}
    )
    assert_error(r, 422, "NOPE")
    assert_error(client.post("/v1/tables", json={"source_uri": "../../etc/passwd"}), 400, "outside")
    assert_error(client.post("/v1/tables", json={"source_uri": "/etc/passwd"}), 400, "outside")
    assert_error(client.post("/v1/tables", json={"source_uri": "uploads/missing.csv"}), 404, "no such object")
    assert_error(client.post("/v1/tables", content=b"a,b", headers={"content-type": "text/csv"}), 415)


def test_access_control(service):
    import httpx

    body = {"text": SECRET}
    assert_error(httpx.post(f"{service.base_url}/v1/text/mask", json=body), 401, "API key")
    bad = {"Authorization": "Bearer wrong"}
    assert_error(httpx.post(f"{service.base_url}/v1/text/mask", json=body, headers=bad), 401)
    tables_only = {"Authorization": "Bearer tables-key"}
    assert_error(httpx.post(f"{service.base_url}/v1/text/mask", json=body, headers=tables_only), 403, "mask")
    mask_only = {"Authorization": "Bearer mask-key"}
    assert httpx.post(f"{service.base_url}/v1/text/mask", json=body, headers=mask_only).status_code == 200
    assert_error(httpx.get(f"{service.base_url}/v1/jobs/abc", headers=mask_only), 403, "tables")
    hashed = {"Authorization": "Bearer hashed-key"}
    assert httpx.post(f"{service.base_url}/v1/text/mask", json=body, headers=hashed).status_code == 200
    stored = {"Authorization": "Bearer sha256:" + __import__("hashlib").sha256(b"hashed-key").hexdigest()}
    assert_error(httpx.post(f"{service.base_url}/v1/text/mask", json=body, headers=stored), 401)  # the hash is no key


def test_key_configuration_is_checked():
    from piimask.http.access import KeyConfigError, KeyRing, hash_key

    ring = KeyRing({"plain": ["mask"], hash_key("other"): ["tables", "unmask"]})
    assert ring.scopes("plain") == {"mask"} and ring.scopes("other") == {"tables", "unmask"}
    assert ring.scopes("") is None and ring.scopes("nope") is None
    with pytest.raises(KeyConfigError, match="unknown scope"):
        KeyRing({"k": ["superuser"]})


def test_body_and_upload_limits(service, env):
    import httpx

    headers = {"Authorization": "Bearer admin-key"}
    body = b'{"text": "' + b"x" * (33 * 1024**2) + b'"}'  # above PIIMASK_MAX_BODY_BYTES (32 MiB by default)
    r = httpx.post(
        f"{service.base_url}/v1/text/mask",
        content=body,
        headers={**headers, "content-type": "application/json"},
        timeout=60,
    )
    assert_error(r, 413, "limit")

    def chunks():  # no Content-Length: the limit must hold while the body streams in
        for _ in range(40):
            yield b"x" * 1024**2

    r = httpx.post(
        f"{service.base_url}/v1/text/mask",
        content=chunks(),
        headers={**headers, "content-type": "application/json"},
        timeout=60,
    )
    assert_error(r, 413, "limit")
