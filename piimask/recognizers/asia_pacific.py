"""Asia and the Pacific: Singapore, Australia, India, South Korea, Thailand and the Philippines."""

from __future__ import annotations

import re

from piimask import validators as v
from piimask.recognizers.base import (
    NUM_L,
    NUM_R,
    WORD_L,
    WORD_R,
    PatternRecognizer,
    Recognizer,
    checked,
    pattern,
    structure_only,
)

# ASCII boundaries for Korean identifiers: Hangul particles follow a value directly ("M789C1234입니다").
_ASCII_L = r"(?<![A-Za-z0-9\-])"
_ASCII_R = r"(?![A-Za-z0-9\-])"


def recognizers() -> list[Recognizer]:
    return [*_singapore(), *_australia(), *_india(), *_south_korea(), *_thailand(), *_philippines()]


def _singapore() -> list[PatternRecognizer]:
    return [
        PatternRecognizer(
            # Any series letter, so that a wrong check letter or an unknown series is a low-score candidate
            "SG_NRIC_FIN",
            [pattern(WORD_L + r"[A-Z]\d{7}[A-Z]" + WORD_R, 0.3)],
            validator=checked(_nric_shape, v.sg_nric_fin),
            confirmed_score=0.9,
            context=("nric", "fin", "ic", "identity card", "uin"),
            context_boost=0.1,
        ),
        PatternRecognizer(
            "SG_UEN",
            [
                pattern(NUM_L + r"\d{8}[A-Z]" + WORD_R, 0.3, requires_context=True),
                pattern(NUM_L + r"(?:18|19|20)\d{7}[A-Z]" + WORD_R, 0.6),
                pattern(WORD_L + r"[TSR]\d{2}[A-Z]{2}\d{4}[A-Z]" + WORD_R, 0.85),
            ],
            validator=v.sg_uen,
            confirmed_score=0.5,
            context_boost=0.35,
            context=("uen", "unique entity number", "business registration", "acra", "company registration"),
        ),
    ]


def _nric_shape(value: str) -> bool:
    return len(value) == 9 and value[0].isalpha() and value[1:8].isdigit() and value[8].isalpha()


def _australia() -> list[PatternRecognizer]:
    return [
        PatternRecognizer(
            "AU_ABN",
            [pattern(NUM_L + r"\d{2} ?\d{3} ?\d{3} ?\d{3}" + NUM_R, 0.4)],
            validator=v.au_abn,
            confirmed_score=0.75,
            context=("abn", "australian business number", "business number"),
            context_boost=0.2,
        ),
        PatternRecognizer(
            "AU_ACN",
            [pattern(NUM_L + r"\d{3}([ \-]?)\d{3}\1\d{3}" + NUM_R, 0.4)],
            validator=v.au_acn,
            confirmed_score=0.6,
            requires_context=True,
            context_boost=0.35,
            context=("acn", "australian company number", "company number"),
        ),
        PatternRecognizer(
            "AU_TFN",
            [pattern(NUM_L + r"\d{3}([ \-]?)\d{3}\1\d{2,3}" + NUM_R, 0.4)],
            validator=v.au_tfn,
            confirmed_score=0.6,
            requires_context=True,
            context_boost=0.35,
            context=("tfn", "tax file number"),
        ),
        PatternRecognizer(
            "AU_MEDICARE",
            [pattern(NUM_L + r"[2-6]\d{3} ?\d{5} ?\d(?:[ /-]?[1-9])?" + NUM_R, 0.4)],
            validator=v.au_medicare,
            confirmed_score=0.6,
            requires_context=True,
            context_boost=0.35,
            context=("medicare", "medicare card", "medicare number"),
        ),
    ]


_IN_PLATE_CONTEXT = (
    "vehicle",
    "registration",
    "rto",
    "number plate",
    "licence plate",
    "license plate",
    "car",
    "bike",
    "reg no",
)


def _india() -> list[PatternRecognizer]:
    return [
        PatternRecognizer(
            # An unknown holder type (the fourth letter) is a low-score candidate
            "IN_PAN",
            [pattern(WORD_L + r"[A-Z]{5}\d{4}[A-Z]" + WORD_R, 0.1)],
            validator=checked(v.in_pan_shape, v.in_pan),
            confirmed_score=0.7,
            context=("pan", "permanent account number", "income tax"),
            context_boost=0.25,
        ),
        PatternRecognizer(
            "IN_AADHAAR",
            [
                pattern(NUM_L + r"[2-9]\d{3}([ \-:])\d{4}\1\d{4}" + NUM_R, 0.4),
                pattern(NUM_L + r"[2-9]\d{11}" + NUM_R, 0.4, requires_context=True),
            ],
            validator=v.in_aadhaar,
            confirmed_score=0.6,
            context_boost=0.35,
            context=("aadhaar", "aadhar", "uidai", "uid", "आधार"),
        ),
        PatternRecognizer(
            "IN_VEHICLE_REGISTRATION",
            [
                pattern(WORD_L + r"[A-Z]{2}[ \-]?\d{1,2}[ \-]?[A-Z]{1,3}[ \-]?(?!0000)\d{4}" + WORD_R, 0.55),
                pattern(NUM_L + r"\d{2}[ \-]?BH[ \-]?(?!0000)\d{4}[ \-]?[A-HJ-NP-Z]{1,2}" + WORD_R, 0.6),
            ],
            validator=structure_only(v.in_vehicle_registration),
            context_boost=0.3,
            context=_IN_PLATE_CONTEXT,
        ),
        # Old series without a state code ("MCX1243", "MN2412", army "I15432"): as common a shape as any
        # product code, so at most 0.4 even with a vehicle word.
        PatternRecognizer(
            "IN_VEHICLE_REGISTRATION",
            [
                pattern(WORD_L + r"[A-Z]{2,3}(?!0000)\d{4}" + WORD_R, 0.1),
                pattern(WORD_L + r"I(?!00000)\d{5}" + WORD_R, 0.1),
            ],
            requires_context=True,
            context_boost=0.3,
            context=_IN_PLATE_CONTEXT,
            name="in_vehicle_old_recognizer",
        ),
        PatternRecognizer(
            "IN_VOTER",
            [pattern(WORD_L + r"[A-Z]{3}\d{7}" + WORD_R, 0.45, flags=re.IGNORECASE)],
            requires_context=True,
            context_boost=0.4,
            context=("voter", "epic", "election", "electoral", "elector"),
        ),
        PatternRecognizer(
            "IN_PASSPORT",
            [pattern(WORD_L + r"[A-Z][1-9]\d ?\d{4}[1-9]" + WORD_R, 0.45)],
            requires_context=True,
            context_boost=0.4,
            context=("passport", "passport no", "indian passport"),
        ),
        PatternRecognizer(
            "IN_GSTIN",
            [pattern(NUM_L + r"\d{2}[A-Z]{5}\d{4}[A-Z][0-9A-Z]Z[0-9A-Z]" + WORD_R, 0.1)],
            validator=checked(v.in_gstin_structure, v.in_gstin),
            confirmed_score=0.95,
            context=("gstin", "gst", "gst number"),
            context_boost=0.05,
        ),
    ]


def _south_korea() -> list[PatternRecognizer]:
    return [
        PatternRecognizer(
            "KR_RRN",
            [pattern(NUM_L + r"\d{6}-?[1-4]\d{6}" + NUM_R, 0.45)],
            validator=v.kr_rrn,
            confirmed_score=0.85,
            requires_context=True,
            checksum_overrides_context=True,
            context_boost=0.4,
            context=("rrn", "resident registration", "주민등록번호", "주민번호"),
        ),
        PatternRecognizer(
            "KR_FRN",
            [pattern(NUM_L + r"\d{6}-?[5-8]\d{6}" + NUM_R, 0.45)],
            validator=v.kr_frn,
            confirmed_score=0.85,
            requires_context=True,
            checksum_overrides_context=True,
            context_boost=0.4,
            context=("frn", "foreigner registration", "외국인등록번호", "외국인번호"),
        ),
        PatternRecognizer(
            "KR_BRN",
            [
                pattern(NUM_L + r"\d{3}-\d{2}-\d{5}" + NUM_R, 0.4),
                pattern(NUM_L + r"\d{10}" + NUM_R, 0.3, requires_context=True),
            ],
            validator=v.kr_brn,
            confirmed_score=0.6,
            context_boost=0.35,
            context=("brn", "business registration", "사업자등록번호", "사업자번호", "사업자"),
        ),
        PatternRecognizer(
            "KR_DRIVER_LICENSE",
            [pattern(NUM_L + r"\d{2}([ \-]?)\d{2}\1\d{6}\1\d{2}" + NUM_R, 0.45)],
            validator=structure_only(v.kr_driver_license),
            requires_context=True,
            context_boost=0.4,
            context=("운전면허", "운전면허번호", "면허번호", "driver license", "driver's license", "driving licence"),
        ),
        PatternRecognizer(
            "KR_PASSPORT",
            [
                pattern(_ASCII_L + r"[MSROD]\d{3}[A-Z]\d{4}" + _ASCII_R, 0.45, flags=re.IGNORECASE),
                pattern(_ASCII_L + r"[MSROD]\d{8}" + _ASCII_R, 0.4, flags=re.IGNORECASE),
            ],
            requires_context=True,
            context_boost=0.4,
            context=("passport", "여권", "여권번호"),
        ),
    ]


def _thailand() -> list[PatternRecognizer]:
    return [
        PatternRecognizer(
            "TH_TNIN",
            [
                pattern(NUM_L + r"[1-8]-\d{4}-\d{5}-\d{2}-\d" + NUM_R, 0.85),
                pattern(NUM_L + r"[1-8]\d{12}" + NUM_R, 0.4, requires_context=True),
            ],
            validator=v.th_tnin,
            confirmed_score=0.6,
            context_boost=0.35,
            context=(
                "thai national id",
                "thai id",
                "tnin",
                "national id",
                "id card",
                "เลขประจำตัวประชาชน",
                "เลขบัตรประชาชน",
            ),
        ),
    ]


def _philippines() -> list[PatternRecognizer]:
    return [
        PatternRecognizer(
            "PH_TIN",
            [
                pattern(NUM_L + r"\d{3}-\d{3}-\d{3}(?:-\d{3})?" + NUM_R, 0.3),
                pattern(NUM_L + r"(?:\d{9}|\d{12})" + NUM_R, 0.3),
            ],
            validator=v.ph_tin,
            confirmed_score=0.6,
            requires_context=True,
            context_boost=0.35,
            context=(
                "tin",
                "taxpayer identification number",
                "taxpayer identification",
                "bir",
                "taxpayer id",
                "tax id",
                "tax identification number",
                "rdo",
            ),
        ),
        PatternRecognizer(
            "PH_PASSPORT",
            [pattern(WORD_L + r"(?:[A-Z]\d{7}[A-Z]|[A-Z]{2}\d{7})" + WORD_R, 0.4)],
            requires_context=True,
            context_boost=0.4,
            context=(
                "passport",
                "passport number",
                "passport no",
                "pasaporte",
                "dfa",
                "philippine passport",
                "travel document",
            ),
        ),
        PatternRecognizer(
            "PH_UMID",
            [
                pattern(NUM_L + r"\d{4}-\d{7}-\d" + NUM_R, 0.45),
                pattern(NUM_L + r"\d{12}" + NUM_R, 0.3, requires_context=True),
            ],
            context_boost=0.35,
            context=(
                "umid",
                "crn",
                "common reference number",
                "sss",
                "gsis",
                "unified multi-purpose id",
                "unified multipurpose id",
                "umid card",
            ),
        ),
    ]
