"""REFERENCE_NUMBER: court applications and cases, citations, dockets, claims, tickets and account references."""

from __future__ import annotations

import pytest

from piimask.entities import KNOWN_ENTITY_TYPES
from piimask.recognizers import RecognizerSet, default_recognizers

RECOGNIZERS = RecognizerSet(default_recognizers())


def references(text: str) -> list[str]:
    return [text[s.start : s.end] for s in RECOGNIZERS.analyze(text, {"REFERENCE_NUMBER"}) if s.score >= 0.5]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The applicant lodged application no. 57592/08 with the Court.", ["57592/08"]),
        ("in applications nos. 123/04 and 456/05, the Court", ["123/04", "456/05"]),
        ("See Smith v Jones [2008] EWHC 860 (QB) and [2010] UKSC 12.", ["[2008] EWHC 860 (QB)", "[2010] UKSC 12"]),
        ("as held in [2003] EWCA Civ 1234, and in (2005) 41 EHRR 45", ["[2003] EWCA Civ 1234", "(2005) 41 EHRR 45"]),
        ("Case No. 2:19-cv-01234-JLR was filed in Seattle.", ["2:19-cv-01234-JLR"]),
        ("the judgment in Case C-123/45 of the Court of Justice", ["C-123/45"]),
        ("ticket #INC0012345 was closed by the desk", ["INC0012345"]),
        ("Our ref: AB/1234/2019. Your ref. 77/8812", ["AB/1234/2019", "77/8812"]),
        ("Claim No. HQ08X01234 was issued in the High Court", ["HQ08X01234"]),
        ("booking reference: XK92LP7 for two nights", ["XK92LP7"]),
        ("patient MRN 00482913 admitted", ["00482913"]),
    ],
)
def test_references_are_found_whole(text, expected):
    assert references(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We sold 1234 units in 2019 and 5678 in 2020.",
        "Upgrade to version 2.3.4 before the case 2008 review.",  # a year after "case" is no reference
        "Room 101 is on floor 3; the ratio was 12/14.",
        "Read the privacy policy v2 and the file README.md.",
        "The court sat on 12 March 2008 in Strasbourg.",
        "ERROR 504 upstream timeout after 30000 ms",
    ],
)
def test_numbers_that_are_no_reference_stay_unreported(text):
    assert references(text) == []


def test_a_validated_type_wins_over_a_reference_on_the_same_characters():
    text = "Pay to account number GB82 WEST 1234 5698 7654 32 today."
    spans = RECOGNIZERS.analyze(text)
    iban = [s for s in spans if s.type == "IBAN_CODE"]
    ref = [s for s in spans if s.type == "REFERENCE_NUMBER"]
    assert iban and all(r.score < iban[0].score for r in ref)


def test_reference_number_is_a_known_type():
    assert "REFERENCE_NUMBER" in KNOWN_ENTITY_TYPES
    assert "REFERENCE_NUMBER" in RECOGNIZERS.supported_entities
