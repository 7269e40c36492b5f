"""The Presidio parity suite (bench/parity.py): its extraction of Presidio-style parametrized recognizer tests, and
a committed sample of cases of our own (tests/parity_sample.jsonl: invented texts and numbers, never Presidio's)
scored on /analyze and /v1/text/analyze in-process, one entity type per case and score_threshold 0, as the bench
asks the service. The full suite needs a Presidio checkout and runs as a bench (see bench/parity.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bench import parity
from crypto import CryptoManager, Keyring
from piimask.engine import MaskingEngine
from piimask.http.access import KeyRing
from piimask.http.app import build_app
from piimask.http.deps import get_engine, get_keys, get_settings
from piimask.settings import Settings

SAMPLE = Path(__file__).with_name("parity_sample.jsonl")
HEADERS = {"Authorization": "Bearer mask-key"}

# A recognizer test written the way Presidio's are (fixtures, a parametrize list, a module constant, a check-digit
# helper, pytest.param marks, a count-only test), with texts of our own.
MODULE = """
import pytest
from presidio_analyzer.predefined_recognizers import WidgetRecognizer

PREFIX = "id "


@pytest.fixture(scope="module")
def recognizer():
    return WidgetRecognizer(strict=True)


@pytest.fixture(scope="module")
def entities():
    return ["WIDGET_ID"]


@pytest.mark.parametrize(
    "text, expected_len, expected_positions, expected_score_ranges",
    [
        (PREFIX + "W123", 1, ((3, 7),), ((0.5, 1.0),)),
        (f"two {PREFIX}W1 and W2", 2, ((7, 9), (14, 16)), ((0.1, 0.2), (0.1, "max"))),
        pytest.param("nothing", 0, (), (), marks=pytest.mark.skip_engine("stanza_en")),
        ("id " + "W" * 2, 1, ((3, 5),), ((0, 1),)),
    ],
)
def test_when_widgets_then_found(text, expected_len, expected_positions, expected_score_ranges, recognizer, entities):
    results = recognizer.analyze(text, entities)
    assert len(results) == expected_len


@pytest.mark.parametrize("text", ["W9 alone", "no widget"])
def test_count_only(text, recognizer, entities):
    results = recognizer.analyze(text, entities)
    assert len(results) == 1


def test_not_parametrized(recognizer, entities):
    assert recognizer.analyze("W1", entities)
"""


def test_extraction_reads_parametrized_recognizer_tests():
    cases, failed, left_out = parity.extract_module("test_widget_recognizer.py", MODULE)
    assert not failed and not left_out
    by_text = {c["text"]: c for c in cases}
    assert sorted(by_text) == ["W9 alone", "id W123", "id WW", "no widget", "nothing", "two id W1 and W2"]
    first = by_text["id W123"]
    assert (first["entity_type"], first["expected"], first["expected_len"]) == ("WIDGET_ID", [[3, 7]], 1)
    assert first["recognizer"] == "WidgetRecognizer(strict=True)" and first["scores"] == [[0.5, 1.0]]
    assert by_text["two id W1 and W2"]["expected"] == [[7, 9], [14, 16]]
    assert by_text["two id W1 and W2"]["scores"] == [[0.1, 0.2], [0.1, 1.0]]
    assert by_text["nothing"]["marks"] and by_text["nothing"]["expected_len"] == 0
    count_only = by_text["W9 alone"]
    assert count_only["count_only"] and count_only["partial"] and count_only["expected_len"] == 1


def test_other_engine_cases_are_left_out_unless_asked():
    module = MODULE.replace('marks=pytest.mark.skip_engine("stanza_en")', "").replace(
        "def test_when_widgets", '@pytest.mark.skip_engine("transformers_en")\ndef test_when_widgets'
    )
    cases, _failed, left_out = parity.extract_module("test_widget_recognizer.py", module)
    assert len(cases) == 2 and sum(left_out.values()) == 4
    cases, _failed, left_out = parity.extract_module("test_widget_recognizer.py", module, include_other_engines=True)
    assert len(cases) == 6 and not left_out


def test_judge_needs_the_exact_count_and_every_expected_span():
    case = {"entity_type": "IP_ADDRESS", "expected": [[0, 14]], "expected_len": 1}
    assert parity.judge(case, [("IP_ADDRESS", 0, 14, 0.8), ("URL", 0, 3, 0.9)])
    assert not parity.judge(case, [("IP_ADDRESS", 0, 11, 0.8)])
    assert not parity.judge(case, [("IP_ADDRESS", 0, 14, 0.8), ("IP_ADDRESS", 20, 24, 0.1)])
    assert parity.judge({"entity_type": "X", "expected": [], "expected_len": 1}, [("X", 3, 5, 0.1)])  # count only


def test_the_sample_is_ours():
    cases = parity.load_cases(SAMPLE)
    assert len(cases) >= 60
    assert all(c["file"] == "sample" and c["id"].startswith("sample::") for c in cases)


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> TestClient:
    path = tmp_path_factory.mktemp("parity") / "keyring.json"
    Keyring.generate().save(path, overwrite=False)
    engine = MaskingEngine(None, CryptoManager.from_file(path))  # the pattern recognizers: the sample needs no model
    settings = Settings(auth="on")
    app = build_app(settings)
    app.dependency_overrides[get_settings] = lambda: settings
    app.dependency_overrides[get_keys] = lambda: KeyRing({"mask-key": ["mask"]})
    app.dependency_overrides[get_engine] = lambda: engine
    return TestClient(app)


@pytest.mark.parametrize("route", sorted(parity.ROUTES))
def test_the_sample_passes_on_both_endpoints(client, route):
    path, body, spans = parity.ROUTES[route]
    failures = []
    for case in parity.load_cases(SAMPLE):
        r = client.post(path, json=body(case["text"], case["entity_type"]), headers=HEADERS)
        returned = spans(r.json()) if r.status_code == 200 else f"{r.status_code} {r.text[:80]}"
        if isinstance(returned, str) or not parity.judge(case, returned):
            failures.append((case["id"], case["text"], returned))
    assert not failures, failures
