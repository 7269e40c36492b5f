"""Cheap per-text gates for the pattern recognizers, derived from their own regexes.

Most built-in formats are digits: a national id needs nine or eleven of them, a date at least one. A text holding
fewer digits than a regex must consume cannot match it, so the recognizer set counts the text's digits once and
skips every recognizer that needs more, without running its regexes. On the detection dev set that skips most of
the 97 recognizers for most texts.

The bound is read from the regex's parse tree (the standard library's `re._parser`, which `re.compile` itself
uses), not declared by hand beside each pattern, so a pattern edit cannot leave a stale gate behind. It is a
lower bound: any construct it does not understand counts as needing no digit, which only ever weakens the gate.
"""

from __future__ import annotations

import re

try:  # Python 3.11+; older versions call it sre_parse
    from re import _constants as _c
    from re import _parser as _sre
except ImportError:  # pragma: no cover - the gate is then off (every bound 0), never wrong
    _c = _sre = None

_DIGIT = re.compile(r"\d")


def digit_count(text: str) -> int:
    """How many characters of `text` match \\d. The recognizer set counts once per text and passes the count
    down (piimask.recognizers.base.TextFacts)."""
    return len(_DIGIT.findall(text))


def min_digits(regex: re.Pattern[str]) -> int:
    """The fewest \\d characters that any match of `regex` contains. Not memoised: a recognizer reads it once per
    pattern, when it is built (about 15 ms for the whole default set)."""
    if _sre is None or not isinstance(regex.pattern, str):
        return 0
    try:
        tree = _sre.parse(regex.pattern, regex.flags)
    except Exception:  # noqa: BLE001 - an internal API: if it ever changes shape, gate nothing
        return 0
    return _sequence(list(tree))


def _sequence(items: list) -> int:
    return sum(_item(op, av) for op, av in items)


def _item(op, av) -> int:
    if op is _c.LITERAL:
        return 1 if _DIGIT.fullmatch(chr(av)) else 0
    if op is _c.IN:
        return 1 if _digit_set(av) else 0
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
        low, _high, sub = av
        return low * _sequence(list(sub))
    if op is _c.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(list(av))
    if op is _c.BRANCH:
        return min(_sequence(list(alt)) for alt in av[1])
    # Lookarounds consume nothing; a back-reference or anything unknown is counted as no digit (a safe bound).
    return 0


def _digit_set(items) -> bool:
    """Does a character class match digits only ([0-9], [1-79], \\d)?"""
    for op, av in items:
        if op is _c.LITERAL and _DIGIT.fullmatch(chr(av)):
            continue
        if op is _c.RANGE and ord("0") <= av[0] <= av[1] <= ord("9"):
            continue
        if op is _c.CATEGORY and av in (_c.CATEGORY_DIGIT, getattr(_c, "CATEGORY_UNI_DIGIT", None)):
            continue
        return False  # NEGATE, a letter, \w, ...
    return bool(items)
