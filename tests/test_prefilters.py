"""The digit gate of the pattern recognizers: its bound is never above what a real match holds, and it skips."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from piimask.prefilters import digit_count, min_digits
from piimask.recognizers import PatternRecognizer, RecognizerSet, default_recognizers, pattern


@pytest.mark.parametrize(
    "regex, bound",
    [
        (r"\d{3}-\d{2}-\d{4}", 9),
        (r"(?:\d{9}|\d{12})", 9),  # a branch needs its cheapest alternative
        (r"[1-79]\d{2}([ \-])\d{3}\1\d{3}", 9),  # a back-reference counts as nothing
        (r"(?<![\w\-])(?<!\d[.,])\d{6}(?![\w\-])", 6),  # lookarounds consume nothing
        (r"[0-9A-Fa-f]{8}", 0),  # hex may be all letters
        (r"[^\d]\d", 1),  # a negated class is not a digit class
        (r"\d?\d*\d+", 1),
        (r"(?>\d\d)x", 2),  # atomic group
        (r"(?:DE|de)\d{9}", 9),
        (r"\w{5}", 0),
        (r"[٠-٩]{3}", 0),  # Arabic-Indic digits are \d, but this range is not read as a digit class: bound 0, safe
    ],
)
def test_min_digits_of_constructs(regex: str, bound: int) -> None:
    assert min_digits(re.compile(regex)) == bound


def test_digit_count_counts_unicode_digits_like_the_regexes_do() -> None:
    assert digit_count("SSN 536-22-1234, ref ٣٤") == 11
    assert digit_count("no digits here") == 0


_PATTERNS = [(r.name, p.regex) for r in default_recognizers() if isinstance(r, PatternRecognizer) for p in r.patterns]


@pytest.mark.parametrize("name, regex", _PATTERNS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(_PATTERNS)])
def test_every_match_of_a_builtin_pattern_holds_its_bound(name: str, regex: re.Pattern[str]) -> None:
    """Strings built to match each built-in regex: the first match never holds fewer digits than the gate needs."""
    bound = min_digits(regex)

    @settings(
        max_examples=12,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(st.from_regex(regex, fullmatch=False))
    def check(text: str) -> None:
        m = regex.search(text)
        if m is not None:  # from_regex cannot honour every lookbehind; such draws prove nothing either way
            assert digit_count(m.group(0)) >= bound, (name, regex.pattern, bound)

    try:
        check()
    except Exception as exc:  # hypothesis cannot draw for a few lookaround-heavy patterns
        if type(exc).__name__ != "Unsatisfiable":
            raise
        pytest.skip(f"hypothesis cannot draw strings for {name}'s pattern")


def test_the_gate_skips_a_recognizer_before_any_of_its_work() -> None:
    """A recognizer that needs nine digits does no work on a text with eight, and still finds its value at nine."""
    asked = []

    def prefilter(text: str) -> bool:  # runs after the digit gate: a call means the gate let the text through
        asked.append(text)
        return True

    rec = PatternRecognizer("X_ID", [pattern(r"(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)", 0.6)], prefilter=prefilter)
    assert rec.min_digits == 9
    for analyze in (rec.analyze, RecognizerSet([rec]).analyze):
        asked.clear()
        assert analyze("id 536-22-123 here") == [] and asked == []
        spans = analyze("id 536-22-1234 here")
        assert [(s.type, s.start, s.end) for s in spans] == [("X_ID", 3, 14)]
        assert len(asked) == 1


def test_builtin_set_gates_most_recognizers_on_digit_free_text() -> None:
    recognizers = default_recognizers()
    digit_free_runnable = [r.name for r in recognizers if r.min_digits == 0]
    assert "email_address_recognizer" in digit_free_runnable and "title_recognizer" in digit_free_runnable
    assert "us_ssn_recognizer" not in digit_free_runnable
    assert len(digit_free_runnable) < len(recognizers) // 5


def test_the_gates_change_no_result_on_generated_text() -> None:
    """The built-in set against the same recognizers with the digit gate and every prefilter off, on generated
    sentences and on values of many formats in a few contexts."""
    from piimask.training.render import generate

    texts = [ex.text for ex in generate(400, seed=5)]
    values = [
        "536-22-1234",
        "4111 1111 1111 1111",
        "DE89 3704 0044 0532 0130 00",
        "+44 20 7946 0958",
        "(212) 555-0134",
        "2024-05-03T10:15:00Z",
        "03/05/2024",
        "9:30 am",
        "https://example.com/a?b=1",
        "www.example.org",
        "192.168.0.1",
        "AB123456C",
        "1234567890",
        "12345678901",
        "DE123456789",
        "SW1A 1AA",
        "12 345 678 901",
        "K1A 0B1",
        "ID 850101-1234",
        "A1234567",
    ]
    texts += [f"{ctx} {value}." for value in values for ctx in ("my number is", "SSN", "ref", "passport no")]
    gated = RecognizerSet(default_recognizers())
    ungated = default_recognizers()
    for r in ungated:
        r.min_digits = 0
        if isinstance(r, PatternRecognizer):
            r._pattern_digits = (0,) * len(r.patterns)
            r.prefilter = None
            r.keywords = ()
    reference = RecognizerSet(ungated)
    found = 0
    for text in texts:
        spans = gated.analyze(text)
        assert spans == reference.analyze(text), text
        found += len(spans)
    assert found > 100  # the corpus does exercise the recognizers
