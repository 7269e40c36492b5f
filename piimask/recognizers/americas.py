"""The Americas: the United States (identity, tax, licence and bank numbers; health-care provider, beneficiary and
administration numbers) and Canada."""

from __future__ import annotations

import re

from piimask import validators as v
from piimask.recognizers.base import (
    NUM_L,
    NUM_R,
    WORD_L,
    WORD_R,
    Pattern,
    PatternRecognizer,
    Recognizer,
    pattern,
    structure_only,
)


def recognizers() -> list[Recognizer]:
    return [*_united_states(), *_united_states_health_care(), *_canada()]


def _united_states() -> list[PatternRecognizer]:
    ssn_ctx = ("ssn", "social security", "social security number", "ss#", "ssn#", "soc sec")
    dl_ctx = (
        "driver",
        "driver's",
        "drivers",
        "driving",
        "licence",
        "license",
        "dl",
        "dl#",
        "lic",
        "lic#",
        "dmv",
        "permit",
    )
    return [
        PatternRecognizer(
            "US_SSN",
            [
                pattern(NUM_L + r"\d{3}-\d{2}-\d{4}" + NUM_R, 0.65),
                pattern(NUM_L + r"\d{3} \d{2} \d{4}" + NUM_R, 0.45),
                pattern(NUM_L + r"\d{3}\.\d{2}\.\d{4}" + NUM_R, 0.4, requires_context=True),
                pattern(NUM_L + r"\d{9}" + NUM_R, 0.5, requires_context=True),
                # grouped the wrong way ("078-051121", "07805-1121"): at most 0.4 even with an SSN word
                pattern(NUM_L + r"(?:\d{3}-\d{6}|\d{5}-\d{4})" + NUM_R, 0.1, requires_context=True),
            ],
            validator=structure_only(v.us_ssn),
            context=ssn_ctx,
            context_boost=0.3,
        ),
        PatternRecognizer(
            "US_ITIN",
            [
                pattern(NUM_L + r"9\d{2}([- ]?)\d{2}\1\d{4}" + NUM_R, 0.5),
                pattern(NUM_L + r"9\d{2}(?:-\d{6}|\d{2}-\d{4})" + NUM_R, 0.1),
            ],  # grouped the wrong way
            validator=structure_only(v.us_itin),
            requires_context=True,
            context_boost=0.35,
            context=("itin", "individual taxpayer", "taxpayer identification", "tax id", "taxid", "tin"),
        ),
        PatternRecognizer(
            "US_PASSPORT",
            [pattern(NUM_L + r"\d{9}" + NUM_R, 0.45), pattern(WORD_L + r"[A-Z]\d{8}" + WORD_R, 0.5)],
            requires_context=True,
            context_boost=0.35,
            context=("passport", "passport#", "passport no", "travel document"),
        ),
        PatternRecognizer(
            "US_DRIVER_LICENSE",
            [
                pattern(WORD_L + r"[A-Z]{1,2}\d{4,14}" + WORD_R, 0.45),
                pattern(WORD_L + r"[A-Z]\d{3}-\d{3}-\d{2}-\d{3}-\d" + WORD_R, 0.5),  # FL
                pattern(WORD_L + r"[A-Z]\d{3}-\d{4}-\d{4}" + WORD_R, 0.5),  # IL, WI
                pattern(NUM_L + r"\d{3} \d{3} \d{3}" + NUM_R, 0.4),  # NY printed
                pattern(NUM_L + r"\d{7,13}" + NUM_R, 0.4),
            ],
            requires_context=True,
            context_boost=0.35,
            context_before=40,
            context=dl_ctx,
        ),
        # Forms and chats often lower-case the value ("my driver's license number is yo0047868"). Lower case is
        # also how file names, paths and hashes look ("src/mt19937/LICENSE"), so here the licence word must come
        # before the value, and the value must not touch a slash or a dot.
        PatternRecognizer(
            "US_DRIVER_LICENSE",
            [pattern(r"(?<![\w\-/.])(?:[a-z][A-Za-z]?|[A-Z][a-z])\d{4,14}(?![\w\-/]|\.\w)", 0.45)],
            requires_context=True,
            context_boost=0.35,
            context_before=40,
            context_after=0,
            context=dl_ctx,
            name="us_driver_license_lower_recognizer",
        ),
        PatternRecognizer(
            "US_BANK_NUMBER",
            [pattern(NUM_L + r"\d{8,17}" + NUM_R, 0.4)],
            requires_context=True,
            context_boost=0.35,
            context_before=40,
            context=("account", "acct", "a/c", "bank", "checking", "savings", "account#", "acct#", "deposit"),
        ),
        PatternRecognizer(
            "ABA_ROUTING_NUMBER",
            [pattern(NUM_L + r"\d{9}" + NUM_R, 0.4), pattern(NUM_L + r"\d{4}-\d{4}-\d" + NUM_R, 0.4)],
            validator=v.aba_routing,
            confirmed_score=0.6,
            requires_context=True,
            context_boost=0.35,
            context=("routing", "aba", "rtn", "transit", "routing#", "aba#", "bank"),
        ),
        PatternRecognizer(
            "MEDICAL_LICENSE",
            [pattern(WORD_L + r"[ABCDEFGHJKLMPRSTUX][A-Z9]\d{7}" + WORD_R, 0.3)],
            validator=v.dea_number,
            confirmed_score=0.5,
            requires_context=True,
            checksum_overrides_context=True,
            context_boost=0.45,
            context=(
                "dea",
                "medical",
                "license",
                "licence",
                "prescriber",
                "physician",
                "doctor",
                "dr",
                "registration",
                "md",
            ),
        ),
        PatternRecognizer(
            "US_NPI",
            [pattern(NUM_L + r"[12]\d{9}" + NUM_R, 0.3), pattern(NUM_L + r"[12]\d{3}([ \-])\d{3}\1\d{3}" + NUM_R, 0.3)],
            validator=v.us_npi,
            confirmed_score=0.6,
            requires_context=True,
            context_boost=0.35,
            context=(
                "npi",
                "national provider",
                "national provider identifier",
                "provider",
                "provider id",
                "prescriber",
                "taxonomy",
                "rendering",
                "physician",
                "npi#",
            ),
        ),
        PatternRecognizer(
            "US_MBI",
            [
                pattern(WORD_L + r"\d[A-Za-z][A-Za-z\d]\d-[A-Za-z][A-Za-z\d]\d-[A-Za-z]{2}\d\d" + WORD_R, 0.55),
                pattern(WORD_L + r"\d[A-Za-z][A-Za-z\d]\d[A-Za-z][A-Za-z\d]\d[A-Za-z]{2}\d\d" + WORD_R, 0.4),
            ],
            validator=structure_only(v.us_mbi),
            context_boost=0.35,
            context=(
                "medicare",
                "mbi",
                "medicare beneficiary",
                "beneficiary",
                "medicare id",
                "medicare number",
                "medicaid",
                "cms",
                "hicn",
            ),
        ),
    ]


# --- US health-care administration numbers --------------------------------------------------------------------
# Payer-assigned numbers with no national syntax: found by their label ("Claim #: 12345678", "Rx 1234567",
# "prior authorization number PA-20240001"). A label with a number marker (#, no., number, id, ':') is enough on
# its own; the bare label followed by digits is a little weaker; a prefixed value alone ("CLM-123456") needs a
# context word in its clause.

_MARKER = r"[ \t]*(?:(?:#|no\.?|nr\.?|number|num\.?|id|ref\.?)[ \t]*[:#]?|[:#])[ \t]*"


def _labelled(label: str, value: str, flags: int = re.IGNORECASE) -> list[Pattern]:
    head = r"(?<![^\W\d_])(?:" + label + r")"
    return [
        pattern(head + _MARKER + r"(?P<v>" + value + r")" + NUM_R, 0.6, flags=flags, group="v"),
        pattern(head + r"[ \t]+(?P<v>" + value + r")" + NUM_R, 0.5, flags=flags, group="v"),
    ]


def _member_id_ok(value: str) -> bool | None:
    return None if sum(c.isdigit() for c in value) >= 4 else False


def _united_states_health_care() -> list[PatternRecognizer]:
    return [
        PatternRecognizer(
            "US_CLAIM_NUMBER",
            [
                *_labelled(r"(?:medical[ \t]+|healthcare[ \t]+|insurance[ \t]+)?claim", r"(?:CLM-?)?\d{6,15}"),
                pattern(WORD_L + r"CLM-?\d{6,15}" + NUM_R, 0.35, requires_context=True),
            ],
            context_boost=0.3,
            keywords=("claim", "CLM"),
            context=("claim", "billing", "insurance", "eob", "explanation of benefits", "payer", "reimbursement"),
        ),
        PatternRecognizer(
            "US_PRIOR_AUTHORIZATION_NUMBER",
            [
                *_labelled(
                    r"prior[ \t]+auth(?:ori[sz]ation)?|pre-?auth(?:ori[sz]ation)?|authori[sz]ation",
                    r"(?:PA-?)?\d{6,12}",
                ),
                pattern(WORD_L + r"PA-?\d{6,12}" + NUM_R, 0.35, requires_context=True),
            ],
            context_boost=0.3,
            keywords=("auth", "PA"),
            context=(
                "authorization",
                "authorisation",
                "prior auth",
                "preauthorization",
                "pre-auth",
                "approval",
                "payer",
                "insurance",
            ),
        ),
        PatternRecognizer(
            "US_REFERRAL_NUMBER",
            [
                *_labelled(r"(?:infusion[ \t]+)?referral", r"(?:(?:REF|INF)-?)?\d{6,12}"),
                pattern(WORD_L + r"(?:REF|INF)-?\d{6,12}" + NUM_R, 0.35, requires_context=True),
            ],
            context_boost=0.3,
            keywords=("referral", "REF", "INF"),
            context=("referral", "infusion", "specialist", "specialty", "referring"),
        ),
        PatternRecognizer(
            "US_PRESCRIPTION_NUMBER",
            [
                pattern(
                    r"(?<![^\W\d_])rx(?:" + _MARKER + r"|[ \t]+)(?P<v>(?:RX-?)?\d{6,12})" + NUM_R,
                    0.6,
                    flags=re.IGNORECASE,
                    group="v",
                ),
                *_labelled(r"prescription", r"(?:RX-?)?\d{6,12}"),
                pattern(WORD_L + r"RX-?\d{6,12}" + NUM_R, 0.35, requires_context=True),
            ],
            context_boost=0.3,
            keywords=("rx", "prescription"),
            context=("prescription", "pharmacy", "medication", "refill", "pharmacist", "rx"),
        ),
        PatternRecognizer(
            "US_PROVIDER_TAX_ID",
            [
                *_labelled(
                    r"(?:(?:billing|rendering|servicing|referring|healthcare)[ \t]+)?provider(?:[ \t]+"
                    r"organi[sz]ation)?[ \t]+(?:tax[ \t]*(?:id|identification[ \t]+number|number)|tin|ein)",
                    r"\d{2}-\d{7}",
                ),
                pattern(NUM_L + r"\d{2}-\d{7}" + NUM_R, 0.3, requires_context=True),
            ],
            validator=structure_only(v.us_ein),
            context_boost=0.3,
            prefilter=lambda t: "-" in t,
            context=(
                "provider",
                "billing provider",
                "rendering provider",
                "npi",
                "clinic",
                "practice",
                "physician",
                "hospital",
            ),
        ),
        PatternRecognizer(
            "US_HEALTH_INSURANCE_MEMBER_ID",
            [pattern(WORD_L + r"(?=[A-Z\d\-]{6,20}(?![\w\-]))[A-Z]{1,5}-?(?=[A-Z\d]*\d)[A-Z\d]{5,14}" + WORD_R, 0.4)],
            validator=_member_id_ok,
            requires_context=True,
            context_boost=0.35,
            context_after=0,
            context=(
                "member id",
                "member",
                "member number",
                "subscriber",
                "subscriber id",
                "insurance",
                "insurance id",
                "policy",
                "policy number",
                "insured",
                "health plan",
            ),
        ),
    ]


def _canada() -> list[PatternRecognizer]:
    return [
        PatternRecognizer(
            "CA_SIN",
            [
                pattern(NUM_L + r"[1-79]\d{2}([ \-])\d{3}\1\d{3}" + NUM_R, 0.4),
                pattern(NUM_L + r"[1-79]\d{8}" + NUM_R, 0.3, requires_context=True),
            ],
            validator=v.ca_sin,
            confirmed_score=0.45,
            context_boost=0.4,
            context=(
                "sin",
                "sin number",
                "social insurance",
                "social insurance number",
                "nas",
                "numéro d'assurance sociale",
                "assurance sociale",
            ),
        ),
        PatternRecognizer(
            "CA_POSTAL_CODE",
            [
                pattern(WORD_L + r"[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] \d[ABCEGHJ-NPRSTV-Z]\d" + WORD_R, 0.4),
                pattern(WORD_L + r"[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\d[ABCEGHJ-NPRSTV-Z]\d" + WORD_R, 0.3),
            ],
            context_boost=0.35,
            context_after=0,
            context=("postal code", "postcode", "post code", "code postal", "zip", "zip code"),
        ),
    ]
