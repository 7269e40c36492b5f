"""The Presidio-compatible API (piimask/http/presidio/) against the real service process.

The request bodies are Presidio's own documentation examples; each names the file it comes from in
github.com/microsoft/presidio (docs/...). Where presidio-anonymizer is installed, /anonymize is also compared with
Presidio's AnonymizerEngine on the same input, output for output.
"""

from __future__ import annotations

import copy
import hashlib
import os
import random

import httpx
import pytest

from tests.helpers import assert_error

RESULT_KEYS = {"analysis_explanation", "end", "entity_type", "score", "start"}
ITEM_KEYS = {"start", "end", "entity_type", "text", "operator", "score"}
EXPLANATION_KEYS = {
    "recognizer",
    "pattern_name",
    "pattern",
    "original_score",
    "score",
    "textual_explanation",
    "score_context_improvement",
    "supportive_context_word",
    "validation_result",
    "regex_flags",
}
# The person names need the trained checkpoint; with PIIMASK_MODEL=/tmp/devmodel (untrained) only shapes and the
# pattern-recognized entities are checked.
TRAINED_MODEL = "PIIMASK_MODEL" not in os.environ

# docs/analyzer/index.md (curl), docs/samples/docker/index.md "Simple Text Analysis", api-docs.yml "Minimal Request"
DRIVER = "John Smith drivers license is AC432223"


def assert_results(results: list, text: str) -> dict:
    by_type = {}
    for r in results:
        assert set(r) == RESULT_KEYS, r
        assert isinstance(r["start"], int) and isinstance(r["end"], int) and 0 <= r["start"] < r["end"] <= len(text)
        assert 0 < r["score"] <= 1
        by_type[r["entity_type"]] = r
    return by_type


def test_analyze_minimal_request(client):
    # docs/analyzer/index.md and docs/samples/docker/index.md ("Simple Text Analysis")
    r = client.post("/analyze", json={"text": DRIVER, "language": "en"})
    assert r.status_code == 200, r.text
    found = assert_results(r.json(), DRIVER)
    assert all(res["analysis_explanation"] is None for res in r.json())  # api-docs.yml "Lean response"
    assert DRIVER[found["US_DRIVER_LICENSE"]["start"] : found["US_DRIVER_LICENSE"]["end"]] == "AC432223"
    if TRAINED_MODEL:
        assert DRIVER[found["PERSON"]["start"] : found["PERSON"]["end"]] == "John Smith"


def test_analyze_batch_request(client):
    # docs/api-docs/api-docs.yml, AnalyzeRequest "Minimal Request (batch request)"
    texts = [
        "John Smith drivers license is AC432223",
        "John Smith drivers license is AC432223 and the zip code is 12345",
    ]
    r = client.post("/analyze", json={"text": texts, "language": "en"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert isinstance(body, list) and len(body) == 2 and all(isinstance(x, list) for x in body)
    for results, text in zip(body, texts):
        assert "US_DRIVER_LICENSE" in assert_results(results, text)


def test_analyze_score_threshold(client):
    # docs/samples/docker/PresidioAnalyzer.postman_collection.json, "Text Analysis set score threshold"
    r = client.post("/analyze", json={"text": DRIVER, "language": "en", "score_threshold": 0.7})
    assert r.status_code == 200, r.text
    assert all(res["score"] >= 0.7 for res in r.json())


def test_analyze_decision_process(client):
    # docs/analyzer/decision_process.md ("HTTP")
    r = client.post("/analyze", json={"text": DRIVER, "language": "en", "return_decision_process": True})
    assert r.status_code == 200, r.text
    assert r.json()
    for res in r.json():
        assert set(res["analysis_explanation"]) == EXPLANATION_KEYS
        assert res["analysis_explanation"]["score"] == res["score"]


ZIP_RECOGNIZER = {
    "name": "Zip code Recognizer",
    "supported_language": "en",
    "patterns": [{"name": "zip code (weak)", "regex": "(\\b\\d{5}(?:\\-\\d{4})?\\b)", "score": 0.01}],
    "context": ["zip", "code"],
    "supported_entity": "ZIP",
}


def test_analyze_enhanced_request_with_ad_hoc_recognizer(client):
    # docs/api-docs/api-docs.yml "Enhanced Request (single text)" = docs/tutorial/09_ad_hoc.md "Example call"
    text = "John Smith drivers license is AC432223 and the zip code is 12345"
    body = {
        "text": text,
        "language": "en",
        "return_decision_process": False,
        "correlation_id": "123e4567-e89b-12d3-a456-426614174000",
        "score_threshold": 0.6,
        "entities": ["US_DRIVER_LICENSE", "ZIP"],
        "trace": False,
        "ad_hoc_recognizers": [ZIP_RECOGNIZER],
    }
    r = client.post("/analyze", json=body)
    assert r.status_code == 200, r.text
    found = assert_results(r.json(), text)
    # only the asked-for types; the weak zip pattern rises to 0.4 with its context words: still under 0.6
    assert set(found) == {"US_DRIVER_LICENSE"}
    r = client.post("/analyze", json={**body, "score_threshold": 0.3, "return_decision_process": True})
    assert r.status_code == 200, r.text
    zip_result = assert_results(r.json(), text)["ZIP"]
    assert text[zip_result["start"] : zip_result["end"]] == "12345" and zip_result["score"] == pytest.approx(0.4)
    explanation = zip_result["analysis_explanation"]
    assert explanation["recognizer"] == "Zip code Recognizer" and explanation["pattern_name"] == "zip code (weak)"
    assert explanation["original_score"] == 0.01 and explanation["supportive_context_word"] in ("zip", "code")


def test_analyze_ad_hoc_regex_example(client):
    # docs/tutorial/09_ad_hoc.md, "regex ad-hoc recognizer" (with a threshold under the context-raised 0.4)
    text = "John Smith drivers license is AC432223. Zip code: 10023"
    body = {"text": text, "language": "en", "ad_hoc_recognizers": [ZIP_RECOGNIZER], "score_threshold": 0.3}
    r = client.post("/analyze", json=body)
    assert r.status_code == 200, r.text
    zip_result = assert_results(r.json(), text)["ZIP"]
    assert text[zip_result["start"] : zip_result["end"]] == "10023"


def test_analyze_ad_hoc_deny_list_example(client):
    # docs/tutorial/09_ad_hoc.md, "deny-list based recognizers"
    text = "Mr. John Smith's drivers license is AC432223"
    body = {
        "text": text,
        "language": "en",
        "ad_hoc_recognizers": [
            {
                "name": "Mr. Recognizer",
                "supported_language": "en",
                "deny_list": ["Mr", "Mr.", "Mister"],
                "supported_entity": "MR_TITLE",
            },
            {
                "name": "Ms. Recognizer",
                "supported_language": "en",
                "deny_list": ["Ms", "Ms.", "Miss", "Mrs", "Mrs."],
                "supported_entity": "MS_TITLE",
            },
        ],
    }
    r = client.post("/analyze", json=body)
    assert r.status_code == 200, r.text
    found = assert_results(r.json(), text)
    # Presidio's deny-list regex tries "Mr" first: the match is "Mr", score deny_list_score 1.0
    assert (found["MR_TITLE"]["start"], found["MR_TITLE"]["end"], found["MR_TITLE"]["score"]) == (0, 2, 1.0)
    assert "MS_TITLE" not in found


def test_analyze_allow_list(client):
    text = "Write to jane.doe@example.com or to info@example.org"
    r = client.post("/analyze", json={"text": text, "language": "en", "allow_list": ["info@example.org"]})
    assert r.status_code == 200, r.text
    assert [text[e["start"] : e["end"]] for e in r.json() if e["entity_type"] == "EMAIL_ADDRESS"] == [
        "jane.doe@example.com"
    ]
    body = {"text": text, "language": "en", "allow_list": ["^info@"], "allow_list_match": "regex"}
    r = client.post("/analyze", json=body)
    assert [text[e["start"] : e["end"]] for e in r.json() if e["entity_type"] == "EMAIL_ADDRESS"] == [
        "jane.doe@example.com"
    ]


def test_getting_started_phone_example(client):
    # docs/getting_started/getting_started_text.md, "Use the API": analyze, then anonymize its phone number
    r = client.post("/analyze", json={"text": "My phone number is 555-123-4567.", "language": "en"})
    assert r.status_code == 200, r.text
    assert_results(r.json(), "My phone number is 555-123-4567.")  # 555-123-4567 is not a valid number: may be []
    body = {
        "text": "My phone number is 555-123-4567",
        "anonymizers": {"PHONE_NUMBER": {"type": "replace", "new_value": "--Redacted phone number--"}},
        "analyzer_results": [{"start": 19, "end": 31, "score": 0.95, "entity_type": "PHONE_NUMBER"}],
    }
    r = client.post("/anonymize", json=body)
    assert r.status_code == 200, r.text
    assert r.json() == {
        "text": "My phone number is --Redacted phone number--",
        "items": [
            {
                "start": 19,
                "end": 44,
                "entity_type": "PHONE_NUMBER",
                "text": "--Redacted phone number--",
                "operator": "replace",
                "score": 0.95,
            }
        ],
    }


JANE = "hello world, my name is Jane Doe. My number is: 034453334"

ANONYMIZE_EXAMPLES = {
    # docs/api-docs/api-docs.yml, AnonymizeRequest "Replace and Redact Anonymizers"
    "replace_and_redact": (
        {
            "text": JANE,
            "anonymizers": {
                "PERSON": {"type": "redact"},
                "PHONE_NUMBER": {"type": "replace", "new_value": "ANONYMIZED"},
            },
            "analyzer_results": [
                {"start": 24, "end": 32, "score": 0.8, "entity_type": "PERSON"},
                {"start": 48, "end": 57, "score": 0.95, "entity_type": "PHONE_NUMBER"},
            ],
        },
        {
            "text": "hello world, my name is . My number is: ANONYMIZED",
            "items": [
                {
                    "start": 40,
                    "end": 50,
                    "entity_type": "PHONE_NUMBER",
                    "text": "ANONYMIZED",
                    "operator": "replace",
                    "score": 0.95,
                },
                {"start": 24, "end": 24, "entity_type": "PERSON", "text": "", "operator": "redact", "score": 0.8},
            ],
        },
    ),
    # docs/api-docs/api-docs.yml, AnonymizeRequest "Replace as default Anonymizer" (its YAML trailing commas dropped)
    "replace_default": (
        {
            "text": "hello world, my name is Jane Doe.",
            "anonymizers": {"DEFAULT": {"type": "replace", "new_value": "ANONYMIZED"}},
            "analyzer_results": [{"start": 24, "end": 32, "score": 0.8, "entity_type": "PERSON"}],
        },
        {
            "text": "hello world, my name is ANONYMIZED.",
            "items": [
                {
                    "start": 24,
                    "end": 34,
                    "entity_type": "PERSON",
                    "text": "ANONYMIZED",
                    "operator": "replace",
                    "score": 0.8,
                }
            ],
        },
    ),
    # docs/samples/docker/index.md "Simple Text Anonymization" = PresidioAnonymizer.postman_collection.json
    # "Simple Anonymize request" (overlapping NAME / FIRST_NAME / LAST_NAME results: the containing NAME wins)
    "docker_sample": (
        {
            "text": JANE,
            "anonymizers": {
                "DEFAULT": {"type": "replace", "new_value": "ANONYMIZED"},
                "PHONE_NUMBER": {"type": "mask", "masking_char": "*", "chars_to_mask": 4, "from_end": True},
            },
            "analyzer_results": [
                {"start": 24, "end": 32, "score": 0.8, "entity_type": "NAME"},
                {"start": 24, "end": 28, "score": 0.8, "entity_type": "FIRST_NAME"},
                {"start": 29, "end": 32, "score": 0.6, "entity_type": "LAST_NAME"},
                {"start": 48, "end": 57, "score": 0.95, "entity_type": "PHONE_NUMBER"},
            ],
        },
        {
            "text": "hello world, my name is ANONYMIZED. My number is: 03445****",
            "items": [
                {
                    "start": 50,
                    "end": 59,
                    "entity_type": "PHONE_NUMBER",
                    "text": "03445****",
                    "operator": "mask",
                    "score": 0.95,
                },
                {
                    "start": 24,
                    "end": 34,
                    "entity_type": "NAME",
                    "text": "ANONYMIZED",
                    "operator": "replace",
                    "score": 0.8,
                },
            ],
        },
    ),
    # docs/anonymizer/index.md "payload example" (no DEFAULT: replace with <ENTITY_TYPE>)
    "anonymizer_index": (
        {
            "text": JANE,
            "anonymizers": {
                "PHONE_NUMBER": {"type": "mask", "masking_char": "*", "chars_to_mask": 4, "from_end": True}
            },
            "analyzer_results": [
                {"start": 24, "end": 32, "score": 0.8, "entity_type": "NAME"},
                {"start": 24, "end": 28, "score": 0.8, "entity_type": "FIRST_NAME"},
                {"start": 29, "end": 32, "score": 0.6, "entity_type": "LAST_NAME"},
                {"start": 48, "end": 57, "score": 0.95, "entity_type": "PHONE_NUMBER"},
            ],
        },
        {
            "text": "hello world, my name is <NAME>. My number is: 03445****",
            "items": [
                {
                    "start": 46,
                    "end": 55,
                    "entity_type": "PHONE_NUMBER",
                    "text": "03445****",
                    "operator": "mask",
                    "score": 0.95,
                },
                {"start": 24, "end": 30, "entity_type": "NAME", "text": "<NAME>", "operator": "replace", "score": 0.8},
            ],
        },
    ),
}


@pytest.mark.parametrize("name", sorted(ANONYMIZE_EXAMPLES))
def test_anonymize_documented_examples(client, name):
    request, expected = ANONYMIZE_EXAMPLES[name]
    r = client.post("/anonymize", json=request)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body == expected
    for item in body["items"]:
        assert set(item) == ITEM_KEYS
        assert body["text"][item["start"] : item["end"]] == item["text"]  # offsets into the anonymized text
    assert "Jane Doe" not in body["text"] and "034453334" not in body["text"]


@pytest.mark.parametrize("name", sorted(ANONYMIZE_EXAMPLES))
def test_anonymize_matches_presidio_itself(client, name):
    presidio = _presidio_anonymize(copy.deepcopy(ANONYMIZE_EXAMPLES[name][0]))
    assert client.post("/anonymize", json=ANONYMIZE_EXAMPLES[name][0]).json() == presidio


def _presidio_anonymize(request: dict) -> dict:
    pytest.importorskip("presidio_anonymizer")
    import json

    from presidio_anonymizer import AnonymizerEngine
    from presidio_anonymizer.services.app_entities_convertor import AppEntitiesConvertor as Convert

    result = AnonymizerEngine().anonymize(
        text=request.get("text", ""),
        analyzer_results=Convert.analyzer_results_from_json(request.get("analyzer_results")),
        operators=Convert.operators_config_from_json(request.get("anonymizers")),
    )
    return json.loads(result.to_json())


def test_anonymize_random_results_match_presidio(client):
    """Overlapping, nested, touching and space-separated results of a few types, deterministic operators: our
    /anonymize gives Presidio's AnonymizerEngine's answer exactly (text, items, their order and offsets)."""
    rng = random.Random(8)
    text = "Ann Lee met Bob  Ray at 10 Main St, call 555 0100 or mail ann@x.org; card 4111 1111 1111 1111 ok."
    operators = [
        {"type": "replace", "new_value": "[X]"},
        {"type": "replace"},
        {"type": "redact"},
        {"type": "keep"},
        {"type": "mask", "masking_char": "#", "chars_to_mask": 3, "from_end": False},
        {"type": "mask", "masking_char": "*", "chars_to_mask": 50, "from_end": True},
        {"type": "hash", "hash_type": "sha512", "salt": "0123456789abcdef!"},
    ]
    for _ in range(60):
        results = []
        for _ in range(rng.randint(1, 8)):
            start = rng.randrange(len(text))
            end = min(len(text), start + rng.randint(1, 15))
            results.append(
                {
                    "start": start,
                    "end": end,
                    "score": rng.choice([0.3, 0.6, 0.85]),
                    "entity_type": rng.choice(["PERSON", "LOCATION", "PHONE_NUMBER"]),
                }
            )
        anonymizers = {t: dict(rng.choice(operators)) for t in ("DEFAULT", "PERSON", "LOCATION") if rng.random() < 0.7}
        request = {"text": text, "anonymizers": anonymizers, "analyzer_results": results}
        r = client.post("/anonymize", json=request)
        assert r.status_code == 200, r.text
        assert r.json() == _presidio_anonymize(copy.deepcopy(request)), request


def test_anonymize_operator_semantics(client):
    text = "card 4111-1111-1111-1234 ok"
    card = {"start": 5, "end": 24, "score": 1.0, "entity_type": "CREDIT_CARD"}

    def run(operator):
        r = client.post(
            "/anonymize", json={"text": text, "anonymizers": {"CREDIT_CARD": operator}, "analyzer_results": [card]}
        )
        assert r.status_code == 200, r.text
        return r.json()["items"][0]["text"]

    # Presidio's mask counts characters (separators too) from the start, or from the end with from_end
    assert run({"type": "mask", "masking_char": "*", "chars_to_mask": 12, "from_end": False}) == "************11-1234"
    assert run({"type": "mask", "masking_char": "*", "chars_to_mask": 4, "from_end": True}) == "4111-1111-1111-****"
    assert run({"type": "mask", "masking_char": "*", "chars_to_mask": 4}) == "****-1111-1111-1234"  # from_end: false
    salt = "a-salt-of-16-bytes-or-more"
    value = "4111-1111-1111-1234"
    assert run({"type": "hash", "salt": salt}) == hashlib.sha256(value.encode() + salt.encode()).hexdigest()
    assert (
        run({"type": "hash", "hash_type": "sha512", "salt": salt})
        == hashlib.sha512((value + salt).encode()).hexdigest()
    )
    # unsalted: a random salt per entity, as Presidio: never the bare (dictionary-attackable) SHA-256
    unsalted = {run({"type": "hash"}) for _ in range(3)}
    assert len(unsalted) == 3 and hashlib.sha256(value.encode()).hexdigest() not in unsalted
    assert all(len(h) == 64 for h in unsalted)
    assert (
        run({"type": "keep"}) == value and run({"type": "redact"}) == "" and run({"type": "replace"}) == "<CREDIT_CARD>"
    )
    fake = run({"type": "pseudonymize"})  # extension: our operators under their own names
    assert fake != value and fake == run({"type": "pseudonymize"})


def test_encrypt_then_deanonymize(client):
    # the key of docs/anonymizer/index.md's deanonymize payload
    key = "WmZq4t7w!z%C&F)J"
    text = "My name is Jane Doe"
    body = {
        "text": text,
        "anonymizers": {"PERSON": {"type": "encrypt", "key": key}},
        "analyzer_results": [{"start": 11, "end": 19, "score": 0.9, "entity_type": "PERSON"}],
    }
    r = client.post("/anonymize", json=body)
    assert r.status_code == 200, r.text
    encrypted = r.json()
    assert "Jane" not in encrypted["text"]
    assert client.post("/anonymize", json=body).json()["text"] != encrypted["text"]  # random IV, as Presidio
    item = encrypted["items"][0]
    back = client.post(
        "/deanonymize",
        json={
            "text": encrypted["text"],
            "anonymizer_results": [item],
            "deanonymizers": {"PERSON": {"type": "decrypt", "key": key}},
        },
    )
    assert back.status_code == 200, back.text
    assert back.json()["text"] == text
    assert back.json()["items"] == [
        {
            "start": 11,
            "end": 19,
            "entity_type": "PERSON",
            "text": "Jane Doe",
            "operator": "decrypt",
            "score": item["score"],
        }
    ]
    wrong = client.post(
        "/deanonymize",
        json={
            "text": encrypted["text"],
            "anonymizer_results": [item],
            "deanonymizers": {"DEFAULT": {"type": "decrypt", "key": "x" * 16}},
        },
    )
    assert wrong.status_code == 422 and "Jane" not in wrong.text


def test_deanonymize_documented_example(client):
    # docs/anonymizer/index.md "Deanonymize" payload (= api-docs.yml "Deanonymize text"); Presidio decrypts it so too
    body = {
        "text": "My name is S184CMt9Drj7QaKQ21JTrpYzghnboTF9pn/neN8JME0=",
        "deanonymizers": {"PERSON": {"type": "decrypt", "key": "WmZq4t7w!z%C&F)J"}},
        "anonymizer_results": [{"start": 11, "end": 55, "entity_type": "PERSON"}],
    }
    r = client.post("/deanonymize", json=body)
    assert r.status_code == 200, r.text
    assert r.json()["text"] == "My name is Chloë"
    assert r.json()["items"] == [
        {"start": 11, "end": 16, "entity_type": "PERSON", "text": "Chloë", "operator": "decrypt", "score": None}
    ]


def test_analyze_then_anonymize_pipeline(client):
    """What a Presidio client does: /analyze's results passed as they are (extra keys and all) to /anonymize."""
    text = "Hi, I'm Maria Gonzalez. Mail maria.gonzalez@example.org or pay with 4111 1111 1111 1111 from 192.168.10.24."
    results = client.post("/analyze", json={"text": text, "language": "en", "return_decision_process": True}).json()
    assert {"EMAIL_ADDRESS", "CREDIT_CARD", "IP_ADDRESS"} <= {r["entity_type"] for r in results}
    r = client.post(
        "/anonymize",
        json={
            "text": text,
            "analyzer_results": results,
            "anonymizers": {
                "CREDIT_CARD": {"type": "mask", "masking_char": "*", "chars_to_mask": 15, "from_end": False}
            },
        },
    )
    assert r.status_code == 200, r.text
    out = r.json()["text"]
    for secret in ("maria.gonzalez@example.org", "4111 1111 1111 1111", "192.168.10.24"):
        assert secret not in out
    assert "<EMAIL_ADDRESS>" in out and "<IP_ADDRESS>" in out and "***************1111" in out
    if TRAINED_MODEL:
        assert "Maria Gonzalez" not in out


def test_metadata_routes(client, service):
    entities = client.get("/supportedentities", params={"language": "en"})
    assert entities.status_code == 200 and {"EMAIL_ADDRESS", "CREDIT_CARD", "PERSON"} <= set(entities.json())
    recognizers = client.get("/recognizers", params={"language": "en"})
    assert recognizers.status_code == 200 and all(isinstance(n, str) for n in recognizers.json())
    assert {"replace", "redact", "mask", "hash", "encrypt", "keep"} <= set(client.get("/anonymizers").json())
    assert client.get("/deanonymizers").json() == ["decrypt", "deanonymize_keep"]
    health = httpx.get(f"{service.base_url}/health")  # no key, as Presidio's
    assert health.status_code == 200 and "up" in health.text


SECRET = "jane.doe@example.com"


@pytest.mark.parametrize(
    "path, body, status, words",
    [
        ("/analyze", {"text": [], "language": "en"}, 422, ["no text"]),
        ("/analyze", {"text": SECRET, "language": "en", "entitys": ["PERSON"]}, 422, ["entitys", "unknown field"]),
        (
            "/anonymize",
            {"text": SECRET, "analyzer_results": [], "anonymisers": {}},
            422,
            ["anonymisers", "unknown field"],
        ),
        (
            "/analyze",
            {
                "text": SECRET,
                "language": "en",
                "ad_hoc_recognizers": [{"supported_entity": "X", "deny_list": ["a"], "deny_lst": ["b"]}],
            },
            422,
            ["deny_lst", "unknown field"],
        ),
        ("/analyze", {"text": SECRET}, 422, ["language"]),
        ("/analyze", {"text": SECRET, "language": "de"}, 422, ["language"]),
        ("/analyze", {"text": SECRET, "language": "en", "entities": ["NOT_A_TYPE"]}, 422, ["NOT_A_TYPE"]),
        (
            "/analyze",
            {
                "text": SECRET,
                "language": "en",
                "ad_hoc_recognizers": [
                    {"supported_entity": "X", "patterns": [{"name": "p", "regex": "(" + SECRET, "score": 0.5}]}
                ],
            },
            422,
            ["regular expression"],
        ),
        (
            "/analyze",
            {"text": SECRET, "language": "en", "ad_hoc_recognizers": [{"supported_entity": "X"}]},
            422,
            ["deny_list"],
        ),
        ("/analyze", {"text": SECRET + "x" * 20000, "language": "en"}, 413, ["limit"]),
        ("/anonymize", {"text": SECRET}, 422, ["analyzer results"]),
        (
            "/anonymize",
            {"text": SECRET, "analyzer_results": [{"start": 0, "end": 99, "score": 1, "entity_type": "E"}]},
            422,
            ["99"],
        ),
        (
            "/anonymize",
            {"text": SECRET, "analyzer_results": [{"start": 5, "end": 2, "score": 1, "entity_type": "E"}]},
            422,
            ["smaller"],
        ),
        (
            "/anonymize",
            {
                "text": SECRET,
                "analyzer_results": [{"start": 0, "end": 4, "score": 1, "entity_type": "E"}],
                "anonymizers": {"E": {"type": "custom", "lambda": "x"}},
            },
            400,
            ["Custom"],
        ),
        (
            "/anonymize",
            {
                "text": SECRET,
                "analyzer_results": [{"start": 0, "end": 4, "score": 1, "entity_type": "E"}],
                "anonymizers": {"E": {"type": "shred"}},
            },
            422,
            ["shred"],
        ),
        (
            "/anonymize",
            {
                "text": SECRET,
                "analyzer_results": [{"start": 0, "end": 4, "score": 1, "entity_type": "E"}],
                "anonymizers": {"E": {"type": "mask", "masking_char": "*"}},
            },
            422,
            ["chars_to_mask"],
        ),
        (
            "/anonymize",
            {
                "text": SECRET,
                "analyzer_results": [{"start": 0, "end": 4, "score": 1, "entity_type": "E"}],
                "anonymizers": {"E": {"type": "encrypt", "key": "short"}},
            },
            422,
            ["128, 192 or 256"],
        ),
        (
            "/anonymize",
            {
                "text": SECRET,
                "analyzer_results": [{"start": 0, "end": 4, "score": 1, "entity_type": "E"}],
                "anonymizers": {"E": {"type": "hash", "salt": "short"}},
            },
            422,
            ["16 bytes"],
        ),
        (
            "/anonymize",
            {
                "text": SECRET,
                "analyzer_results": [{"start": 0, "end": 4, "score": 1, "entity_type": "E"}],
                "anonymizers": {"E": {"type": "hash", "hash_type": "md5"}},
            },
            422,
            ["hash_type"],
        ),
        (
            "/deanonymize",
            {"text": SECRET, "anonymizer_results": [{"start": 0, "end": 4, "entity_type": "E"}]},
            422,
            ["DEFAULT"],
        ),
    ],
)
def test_bad_requests_get_4xx_in_our_error_shape(client, path, body, status, words):
    assert_error(client.post(path, json=body), status, *words, secret=SECRET)


def test_malformed_json_and_auth(client, service):
    r = client.post("/anonymize", content=b'{"text": "' + SECRET.encode(), headers={"content-type": "application/json"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "malformed_json"
    for path in ("/analyze", "/anonymize", "/deanonymize"):
        r = httpx.post(f"{service.base_url}{path}", json={"text": SECRET, "language": "en", "analyzer_results": []})
        assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
    r = httpx.post(
        f"{service.base_url}/analyze",
        json={"text": SECRET, "language": "en"},
        headers={"Authorization": "Bearer tables-key"},
    )
    assert r.status_code == 403
    r = httpx.post(
        f"{service.base_url}/analyze",
        json={"text": SECRET, "language": "en"},
        headers={"Authorization": "Bearer mask-key"},
    )
    assert r.status_code == 200
