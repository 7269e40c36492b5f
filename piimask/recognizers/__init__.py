"""Pattern recognizers: regexes, validators and context words, tuned for precision.

`base` holds the `Recognizer` protocol and the shared pattern machinery. Every other module is one kind of
entity (`generic`: the types that are the same in every country; `phone`, `address`, `titles`, `references`) or one region
(`americas`, `europe`, `asia_pacific`, `africa`: each country's identifiers, in one place), and offers
`recognizers()`. This package builds the default set from them and runs a set over a text.

Low-score candidates: below the default threshold (0.5), so the default policy never masks them; a caller who
lowers `score_threshold` (Presidio's recognizers report such values at 0.01-0.5 and let the threshold decide) sees
them. With a context word in the clause most rise above 0.5; those marked "at most" never do.

* 0.3, a checksum-confirmed value without its context word: ABA_ROUTING_NUMBER, AU_ACN, AU_MEDICARE, AU_TFN, CA_SIN
  (9 digits), CREDIT_CARD (12 digits), DE_HEALTH_INSURANCE, DE_ID_CARD, DE_LANR, DE_PASSPORT, DE_TAX_ID, DE_VAT_ID
  (lower case, mixed separators), ES_NIF (7 digits), FI_PERSONAL_IDENTITY_CODE and SE_PERSONNUMMER (glued to a
  word), IN_AADHAAR (no separators), IT_VAT_CODE, KR_BRN, NG_NIN, PH_TIN, SE_ORGANISATIONSNUMMER, SG_UEN, TH_TNIN,
  UK_NHS, US_NPI, ZA_INCOME_TAX_NUMBER; DATE_TIME d.m.yy ("21.5.21").
* 0.1, a value of a format without a checksum, without its context word: DE_BSNR, DE_FUEHRERSCHEIN, DE_KFZ, DE_PLZ,
  DE_TAX_NUMBER, ES_PASSPORT, IN_PASSPORT, IN_VOTER, IT_DRIVER_LICENSE, IT_IDENTITY_CARD, IT_PASSPORT,
  KR_DRIVER_LICENSE, KR_PASSPORT, NG_VEHICLE_REGISTRATION, PH_PASSPORT, PH_UMID, TR_LICENSE_PLATE, UK_PASSPORT,
  UK_VEHICLE_REGISTRATION (older formats), US_BANK_NUMBER, US_DRIVER_LICENSE, US_ITIN, US_PASSPORT, US_SSN (9
  digits, dots), the US health-care numbers, the ZA formats, REFERENCE_NUMBER (application numbers).
* at most 0.1, lower- or mixed-case look-alikes of formats printed in capitals: DE_KFZ, TR_LICENSE_PLATE, UK_NINO,
  UK_VEHICLE_REGISTRATION.
* at most 0.4, weak shapes: US_SSN and US_ITIN grouped the wrong way ("078-051121"); IN_VEHICLE_REGISTRATION without
  a state code ("MCX1243", 0.1); DATE_TIME month/day and month/year ("5/21" 0.1, "5/2021" 0.2).
* 0.1-0.4, a wrong check character on a code of distinctive structure: IN_GSTIN 0.1, IN_PAN (unknown holder type)
  0.1, IT_FISCAL_CODE 0.3, SG_NRIC_FIN (also an unknown series letter) 0.3.
* 0.1, IP_ADDRESS: "::" and "::/0" (the unspecified address: also a path separator in code); the first four parts of
  a five-part dotted number ("192.168.1.1.1").
* 0.4, a national-format number of a country type (0.6 with a phone word or a word naming the country):
  PH_MOBILE_NUMBER, TR_PHONE_NUMBER (0.9 with the country's calling code).
"""

from __future__ import annotations

from collections.abc import Iterable

from piimask.recognizers import (
    address,
    africa,
    americas,
    asia_pacific,
    europe,
    generic,
    groups,
    phone,
    references,
    titles,
)
from piimask.recognizers.base import Pattern, PatternRecognizer, Recognizer, TextFacts, pattern, structure_only
from piimask.spans import Span


def default_recognizers() -> list[Recognizer]:
    """All built-in recognizers. Cheap to call: the regexes are compiled at import time."""
    return [
        *generic.recognizers(),
        *phone.recognizers(),
        *address.recognizers(),
        *titles.recognizers(),
        *groups.recognizers(),
        *americas.recognizers(),
        *europe.recognizers(),
        *asia_pacific.recognizers(),
        *africa.recognizers(),
        *references.recognizers(),
    ]


class RecognizerSet:
    """Runs a list of recognizers over a text and returns their spans, without exact duplicates.

    Country types that refine a generic one (a recognizer's `refines`: PH_MOBILE_NUMBER and TR_PHONE_NUMBER refine
    PHONE_NUMBER) are settled here, where both are found on overlapping characters: the refined type stays when its
    score is at least the generic one's (it validates as that country's number), else the generic type stays. A
    caller who asks for the country type alone gets it wherever it was found, at its own score."""

    def __init__(self, recognizers: Iterable[Recognizer]) -> None:
        self.recognizers = list(recognizers)
        self.supported_entities: frozenset[str] = frozenset().union(*(r.entities for r in self.recognizers))
        self.refines: dict[str, str] = {
            entity: r.refines for r in self.recognizers if getattr(r, "refines", None) for entity in r.entities
        }

    def analyze(self, text: str, entities: set[str] | frozenset[str] | None = None, floor: float = 0.0) -> list[Span]:
        """Spans of `entities` (all types: None); `floor`, the lowest score the caller keeps, lets recognizers skip
        candidates that could only score below it."""
        if not text:
            return []
        best: dict[tuple[str, int, int], Span] = {}
        facts = TextFacts.of(text, floor)
        for recognizer in self.recognizers:
            if recognizer.min_digits > facts.digits or (entities is not None and not (recognizer.entities & entities)):
                continue
            for span in recognizer.analyze(text, facts):
                if entities is not None and span.type not in entities:
                    continue
                key = (span.type, span.start, span.end)
                if key not in best or span.score > best[key].score:
                    best[key] = span
        spans = list(best.values())
        if self.refines and any(s.type in self.refines for s in spans):
            spans = _settle_refinements(spans, self.refines)
        return sorted(spans, key=lambda s: (s.start, -s.end, s.type))


def _settle_refinements(spans: list[Span], refines: dict[str, str]) -> list[Span]:
    """Where a refined type's span and its generic type's overlap, keep the refined one if it scores at least as
    high, else the generic one (see RecognizerSet)."""
    dropped: set[int] = set()
    for i, fine in enumerate(spans):
        generic = refines.get(fine.type)
        if generic is None:
            continue
        for j, other in enumerate(spans):
            if other.type == generic and other.start < fine.end and fine.start < other.end:
                dropped.add(j if fine.score >= other.score else i)
    return [s for i, s in enumerate(spans) if i not in dropped]


__all__ = [
    "Pattern",
    "PatternRecognizer",
    "Recognizer",
    "RecognizerSet",
    "TextFacts",
    "default_recognizers",
    "pattern",
    "structure_only",
]
