"""REFERENCE_NUMBER: the references that point at one person's file — court applications and cases, dockets, claims,
tickets, accounts, bookings — which no other type names and which single a person out as well as a name does.

Two kinds of evidence, because a reference looks like any other code:
* shapes that are references by themselves: neutral citations ("[2008] EWHC 860 (QB)"), law-report citations
  ("(2005) 41 EHRR 45"), US federal dockets ("2:19-cv-01234"), EU court cases ("C-123/45");
* anything code-like (a digit inside, 4 to 30 characters) right after a reference word and its marker:
  "application no. 57592/08", "Case No. HQ08X01234", "ticket #INC0012345", "our ref: AB/1234/2019".
The second kind scores low unless the label is right before the value, so a validated type that claims the same
characters (an IBAN after "account") wins the merge.
"""

from __future__ import annotations

import re

from piimask.recognizers.base import NUM_R, WORD_L, PatternRecognizer, Recognizer, pattern

ENTITY = "REFERENCE_NUMBER"

# Courts that issue neutral citations (England and Wales, UK, Ireland, Scotland, Australia, New Zealand, Singapore,
# Canada): "[2008] EWHC 860 (QB)", "[2010] UKSC 12", "[2003] EWCA Civ 1234".
_COURTS = (
    r"UKSC|UKPC|UKHL|UKUT|UKFTT|UKEAT|UKIAT|EWCA[ \t]+(?:Civ|Crim)|EWHC|EWCOP|EWFC|EAT|CSIH|CSOH|HCJAC|NICA|NIQB|"
    r"IESC|IECA|IEHC|HCA|FCA|FCAFC|NSWSC|NSWCA|VSC|VSCA|QCA|NZSC|NZCA|NZHC|SGCA|SGHC|SCC|ONCA|BCCA"
)
_NEUTRAL_CITATION = pattern(
    r"\[(?:19|20)\d{2}\][ \t]+(?:" + _COURTS + r")[ \t]+\d{1,5}(?:[ \t]+\((?:QB|KB|Ch|Fam|Admin|Comm|Pat|TCC|IPEC|"
    r"Costs|Admlty|Mercantile)\))?(?![\w\-])",
    0.85,
)
_LAW_REPORT = pattern(r"\((?:19|20)\d{2}\)[ \t]+\d{1,3}[ \t]+(?:EHRR|BHRC|EHRLR)[ \t]+\d{1,5}(?![\w\-])", 0.8)
_US_DOCKET = pattern(WORD_L + r"\d{1,2}:\d{2}-(?:cv|cr|mc|bk|mj|md|po)-\d{3,6}(?:-[A-Z]{2,4}){0,2}" + NUM_R, 0.8)
_EU_CASE = pattern(r"(?<![\w\-/])[CTF]-\d{1,4}/\d{2}(?:[ \t]+P)?(?![\w\-/])", 0.5)

# A reference word, then an optional "no."/"number"/"#"/":" marker, then a code with at least one digit.
_LABELS = (
    r"applications?|case|cases|docket|claim|file|ticket|incident|complaint|petition|appeal|matter|"
    r"reference|ref\.?|our[ \t]+ref\.?|your[ \t]+ref\.?|account|acct\.?|policy|booking|reservation|order|invoice|"
    r"customer|member(?:ship)?|patient|client|mrn"
)
_MARKER = r"(?:[ \t]*(?:no\.?|nos\.?|nr\.?|number|num\.?|id|#)[ \t]*[:#]?|[ \t]*[:#])?[ \t]*"
_CODE = r"(?=[A-Z0-9/\-.]*\d)[A-Z0-9](?:[A-Z0-9]|[\-/.](?=[A-Z0-9])){3,29}"
_LABELLED = pattern(
    r"(?<![^\W\d_])(?:" + _LABELS + r")" + _MARKER + r"(?P<v>" + _CODE + r")" + NUM_R,
    0.6,
    flags=re.IGNORECASE,
    group="v",
)
# The second and later numbers of a list: "applications nos. 123/04 and 456/05", "nos. 1234/05, 5678/06".
_APPLICATION_NO = pattern(WORD_L + r"\d{1,6}/\d{2}" + NUM_R, 0.3, requires_context=True)

_CONTEXT = (
    "application",
    "applications",
    "case",
    "docket",
    "claim",
    "file",
    "ticket",
    "reference",
    "ref",
    "no",
    "nos",
    "number",
    "account",
    "acct",
    "policy",
    "booking",
    "order",
    "invoice",
    "customer",
    "member",
    "patient",
    "mrn",
)


def _code_ok(value: str) -> bool | None:
    """A year alone ("case 2008"), a money amount or a plain word with one digit is no reference."""
    digits = sum(ch.isdigit() for ch in value)
    if digits == len(value) and len(value) == 4 and value[:2] in ("19", "20"):
        return False
    if digits < 2 and len(value) < 6:
        return False
    return None


def recognizers() -> list[Recognizer]:
    return [
        PatternRecognizer(
            ENTITY,
            [_NEUTRAL_CITATION, _LAW_REPORT, _US_DOCKET],
            context=_CONTEXT,
            context_boost=0.1,
            name="reference_citation_recognizer",
        ),
        PatternRecognizer(
            ENTITY,
            [_EU_CASE],
            context=("case", "cases", "judgment", "court"),
            context_boost=0.3,
            context_before=20,
            name="reference_eu_case_recognizer",
        ),
        PatternRecognizer(
            ENTITY,
            [_LABELLED],
            validator=_code_ok,
            context=_CONTEXT,
            context_boost=0.05,
            context_before=30,
            name="reference_labelled_recognizer",
        ),
        PatternRecognizer(
            ENTITY,
            [_APPLICATION_NO],
            context=("application", "applications", "no", "nos"),
            context_boost=0.3,
            context_before=40,
            name="reference_application_recognizer",
        ),
    ]
