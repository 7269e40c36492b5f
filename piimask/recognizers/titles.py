"""TITLE: honorifics in front of a name ("Dr. Savage", "Mrs Olson", "mr and mrs smith")."""

from __future__ import annotations

import re

from piimask.recognizers.base import Recognizer, TextFacts, resolve_overlaps
from piimask.spans import Span


def recognizers() -> list[Recognizer]:
    return [TitleRecognizer()]


# Honorifics. Cased ones ("Mr", "MR", "Dr.") are reported before a capitalised word; the lower-case forms
# only where they cannot be ordinary words: "mr"/"mrs"/"messrs" always, the others only with their dot ("dr.",
# "ms.": "ms word", "dr" for drive, "miss the bus" and "sir" in prose are not titles).
_TITLES_CASED = (
    "Mr",
    "Mrs",
    "Ms",
    "Mx",
    "Miss",
    "Messrs",
    "Mmes",
    "Dr",
    "Prof",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Rev",
    "Revd",
    "Capt",
    "Cpt",
    "Lt",
    "Sgt",
    "Cpl",
    "Maj",
    "Col",
    "Cmdr",
    "Adm",
    "Fr",
    "Mme",
    "Mlle",
    "Herr",
    "Frau",
)
_TITLES_DOT_ONLY = ("Hon", "Gen", "Gov", "Sen", "Rep", "Pres", "Insp", "Supt", "Det")  # "Hon Hai", "Gen Z", "Rep 3"
_TITLES_LOWER_BARE = ("mr", "mrs", "messrs")
_TITLES_LOWER_DOT = ("mr", "mrs", "ms", "mx", "dr", "prof", "messrs", "rev", "capt", "sgt", "lt")
# Case variants spelled out (Dr, DR, dr) rather than IGNORECASE: about a third faster to scan for.
_TITLE_CANDIDATE = re.compile(
    r"(?<![\w.\-'’])("
    + "|".join(
        sorted(
            {w for t in (*_TITLES_CASED, *_TITLES_DOT_ONLY) for w in (t, t.upper(), t.lower())}, key=len, reverse=True
        )
    )
    + r")(\.?)(?=[ \t]+\S)"
)
_TITLE_NEXT = re.compile(r"[ \t]+(?:(?:and|&)[ \t]+)?([^\W\d_][\w'’\-]*)(\.?)")
_TITLE_KEYS = {t.lower(): t for t in (*_TITLES_CASED, *_TITLES_DOT_ONLY)}
# Lower-case words that follow a lower-case title in prose but are not names.
_TITLE_STOP = frozenset("a an the and or of to in on at for is was are be with by from as it this that".split())
_NOT_AFTER_TITLE = frozenset("apt apartment suite ste unit bldg building floor fl room rm".split())
# "12 Oak Dr. Springfield": a street type after a house number and a street name, not a title.
_STREET_BEFORE = re.compile(r"\d+[A-Za-z]?[ \t]+(?:[^\W\d_][\w'’\-]*[ \t]+){1,3}$")


def _caps_line_before(text: str, start: int) -> bool:
    """Is the text before `start` on its line (up to 40 characters) free of lower-case letters?"""
    line_start = text.rfind("\n", max(0, start - 40), start) + 1
    return not any(ch.islower() for ch in text[max(line_start, start - 40) : start])


class TitleRecognizer:
    """TITLE: an honorific directly followed by something that looks like a name ("Dr. Savage", "Mrs Olson",
    "dr. emma tyndall", "Mr and Mrs Smith"). Only the honorific is reported; the name is PERSON's."""

    entity = "TITLE"
    entities = frozenset({entity})
    name = "title_recognizer"
    min_digits = 0

    def __init__(self, score: float = 0.65, lower_score: float = 0.6) -> None:
        self.score = score
        self.lower_score = lower_score

    def analyze(self, text: str, facts: TextFacts | None = None) -> list[Span]:
        best: dict[tuple[int, int], float] = {}
        for m in _TITLE_CANDIDATE.finditer(text):
            word, dot = m.group(1), m.group(2)
            canonical = _TITLE_KEYS[word.lower()]
            nxt = _TITLE_NEXT.match(text, m.end())
            if nxt is None:
                continue
            following = nxt.group(1)
            if word == canonical or (word.isupper() and len(word) > 1):
                if canonical in _TITLES_DOT_ONLY and not dot:
                    continue
                if not following[0].isupper() or (len(following) == 1 and not nxt.group(2)):
                    continue  # "Dr. who?", "Gen Z": a name starts with a capital and is a word or an initial
                if word != canonical and not dot and not (following.isupper() and _caps_line_before(text, m.start())):
                    continue  # "MS Word", "Div DR ETF": capitals without a dot only in all-caps text ("MR JOHN SMITH")
                if following.lower() in _NOT_AFTER_TITLE:
                    continue  # "Sunset Dr Apt 5"
                score = self.score
            elif word.islower():
                low = word.lower()
                if not (low in _TITLES_LOWER_BARE or (dot and low in _TITLES_LOWER_DOT)):
                    continue
                if following.lower() in _TITLE_STOP or (len(following) == 1 and not nxt.group(2)):
                    continue
                score = self.lower_score
            else:
                continue  # "dR", "mR": not how anyone writes a title
            if canonical in ("Dr", "Fr") and _STREET_BEFORE.search(text, max(0, m.start() - 60), m.start()):
                continue  # "12 Oak Dr. Springfield", "Rue 5 Fr ..."
            start, end = m.start(), m.end()
            if score > best.get((start, end), -1.0):
                best[(start, end)] = score
        return resolve_overlaps(self.entity, best)
