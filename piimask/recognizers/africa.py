"""Africa: Nigeria and South Africa (South African phone numbers are with the other phone numbers, in phone.py)."""

from __future__ import annotations

import re

from piimask import validators as v
from piimask.recognizers.base import (
    NUM_L,
    NUM_R,
    PLATE_CONTEXT,
    WORD_L,
    WORD_R,
    PatternRecognizer,
    Recognizer,
    pattern,
    structure_only,
)


def recognizers() -> list[Recognizer]:
    return [*_nigeria(), *_south_africa()]


def _nigeria() -> list[PatternRecognizer]:
    return [
        PatternRecognizer(
            "NG_NIN",
            [pattern(NUM_L + r"\d{11}" + NUM_R, 0.3)],
            validator=v.ng_nin,
            confirmed_score=0.6,
            requires_context=True,
            context_boost=0.35,
            context=(
                "nin",
                "national identification number",
                "national identity number",
                "nimc",
                "national identity",
                "nigeria id",
                "nigerian id",
                "nigerian identification",
                "nin slip",
            ),
        ),
        PatternRecognizer(
            "NG_VEHICLE_REGISTRATION",
            [pattern(WORD_L + r"[A-Z]{3}[\- ]?\d{3}[A-Z]{2}" + WORD_R, 0.4, flags=re.IGNORECASE)],
            requires_context=True,
            context_boost=0.4,
            context=("frsc", *PLATE_CONTEXT),
        ),
    ]


def _south_africa() -> list[PatternRecognizer]:
    return [
        PatternRecognizer(
            "ZA_ID_NUMBER",
            [
                pattern(NUM_L + r"\d{10}[0-2][89]\d" + NUM_R, 0.3),
                pattern(NUM_L + r"\d{6}([ \-])\d{4}\1[0-2][89]\d" + NUM_R, 0.3),
            ],
            validator=v.za_id_number,
            confirmed_score=0.7,
            context_boost=0.25,
            context=(
                "id",
                "id number",
                "id no",
                "identity",
                "identity number",
                "south african id",
                "rsa id",
                "sa id",
                "smart id",
                "national id",
                "identity document",
            ),
        ),
        PatternRecognizer(
            "ZA_PASSPORT",
            [pattern(WORD_L + r"[ADMT]\d{8}" + WORD_R, 0.4)],
            requires_context=True,
            context_boost=0.4,
            context=("passport", "passport number", "travel document", "dha", "south african passport", "rsa passport"),
        ),
        PatternRecognizer(
            "ZA_LICENSE_PLATE",
            [
                pattern(
                    WORD_L + r"[A-Z]{2,4} ?\d{2,4} ?(?:[A-Z]{1,3} ?)?(?:GP|ZN|WP|EC|NC|FS|LP|MP|NW)" + WORD_R, 0.35
                ),
                pattern(WORD_L + r"\d{2,3} ?[A-Z]{2,3} ?EC" + WORD_R, 0.35),
                pattern(WORD_L + r"C[A-Z]{1,2} \d{3}(?:-\d{3}|\d{1,3})" + NUM_R, 0.35),
            ],  # Western Cape: CA 123-456
            requires_context=True,
            context_boost=0.4,
            context=("natis", "enatis", *PLATE_CONTEXT),
        ),
        PatternRecognizer(
            "ZA_DRIVER_LICENSE",
            [pattern(WORD_L + r"(?=[A-Z\d]{10,14}(?![\w\-]))\d{6,10}(?=[A-Z\d]*[A-Z])[A-Z\d]{2,5}" + WORD_R, 0.4)],
            requires_context=True,
            context_boost=0.35,
            context=(
                "driving licence",
                "driving license",
                "driver's licence",
                "driver's license",
                "drivers licence",
                "drivers license",
                "licence number",
                "license number",
                "enatis",
                "natis",
            ),
        ),
        PatternRecognizer(
            "ZA_TRAFFIC_REGISTER_NUMBER",
            [pattern(NUM_L + r"\d{13}" + NUM_R, 0.3)],
            validator=structure_only(v.za_traffic_register_number),
            requires_context=True,
            context_boost=0.4,
            context=("traffic register", "traffic register number", "trn", "enatis", "natis"),
        ),
        PatternRecognizer(
            "ZA_COMPANY_REGISTRATION",
            [
                pattern(NUM_L + r"(?:18|19|20)\d{2}/\d{6}/\d{2}" + NUM_R, 0.5),
                pattern(WORD_L + r"(?:CK|NR|[KTWBMN])\d{4}/\d{6}" + NUM_R, 0.35, requires_context=True),
            ],
            validator=structure_only(v.za_company_registration),
            context_boost=0.3,
            context=(
                "cipc",
                "company registration",
                "registration number",
                "reg no",
                "close corporation",
                "company reg",
                "enterprise number",
                "registered",
            ),
        ),
        PatternRecognizer(
            "ZA_INCOME_TAX_NUMBER",
            [pattern(NUM_L + r"[01239]\d{9}" + NUM_R, 0.3)],
            validator=lambda value: True if v.luhn(value) else None,
            confirmed_score=0.6,
            requires_context=True,
            context_boost=0.35,
            context=(
                "sars",
                "tax reference",
                "tax reference number",
                "income tax",
                "income tax number",
                "tax number",
                "itr",
                "taxpayer",
                "efiling",
            ),
        ),
        PatternRecognizer(
            "ZA_VAT_NUMBER",
            [pattern(NUM_L + r"4\d{9}" + NUM_R, 0.3)],
            requires_context=True,
            context_boost=0.4,
            context=("vat", "vat number", "vat no", "vat registration", "value added tax", "sars"),
        ),
    ]
