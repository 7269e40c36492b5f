"""Europe: the United Kingdom, Germany, Spain, Italy, Poland, Finland, Sweden and Turkey."""

from __future__ import annotations

import re

from piimask import validators as v
from piimask.recognizers.address import UK_POSTCODE_RE
from piimask.recognizers.base import (
    GLUED_L,
    NUM_L,
    NUM_R,
    PLATE_CONTEXT,
    WORD_L,
    WORD_R,
    Pattern,
    PatternRecognizer,
    Recognizer,
    checked,
    pattern,
    structure_only,
)


def recognizers() -> list[Recognizer]:
    return [*_united_kingdom(), *_germany(), *_spain(), *_italy(), *_poland(), *_finland(), *_sweden(), *_turkey()]


def _united_kingdom() -> list[PatternRecognizer]:
    return [
        PatternRecognizer(
            "UK_NHS",
            [pattern(NUM_L + r"\d{3}([ \-]?)\d{3}\1\d{4}" + NUM_R, 0.4)],
            validator=v.uk_nhs,
            confirmed_score=0.55,
            requires_context=True,
            context_boost=0.4,
            context=("nhs", "national health", "health service", "nhs number", "nhs no", "patient"),
        ),
        PatternRecognizer(
            "UK_NINO",
            [pattern(WORD_L + r"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]" + WORD_R, 0.6)],
            validator=structure_only(v.uk_nino),
            context_boost=0.3,
            lower_case_score=0.1,
            context=("nino", "national insurance", "ni number", "ni no", "insurance number"),
        ),
        PatternRecognizer(
            "UK_DRIVING_LICENCE",
            [
                pattern(
                    WORD_L
                    + r"[A-Z9]{5}\d(?:[05][1-9]|[16][0-2])(?:0[1-9]|[12]\d|3[01])\d[A-Z9]{2}[A-Z\d][A-Z]{2}"
                    + WORD_R,
                    0.5,
                    flags=re.IGNORECASE,
                )
            ],
            validator=structure_only(v.uk_driving_licence),
            context_boost=0.35,
            context=(
                "driving licence",
                "driving license",
                "driver's licence",
                "driver's license",
                "dvla",
                "dl number",
                "licence number",
                "license number",
                "licence",
            ),
        ),
        PatternRecognizer(
            "UK_PASSPORT",
            [pattern(WORD_L + r"[A-Z]{2}\d{7}" + WORD_R, 0.4, flags=re.IGNORECASE)],
            requires_context=True,
            context_boost=0.4,
            context=(
                "passport",
                "passport number",
                "passport no",
                "uk passport",
                "british passport",
                "hm passport office",
                "hmpo",
                "travel document",
            ),
        ),
        PatternRecognizer(
            "UK_POSTCODE",
            [Pattern(UK_POSTCODE_RE, 0.4), pattern(WORD_L + r"GIR ?0AA" + WORD_R, 0.4)],
            validator=structure_only(v.uk_postcode),
            context_boost=0.35,
            context_after=0,
            context=("postcode", "post code", "postal code", "zip", "zip code"),
        ),
        PatternRecognizer(
            "UK_VEHICLE_REGISTRATION",
            [
                pattern(WORD_L + r"[A-HJ-PR-Y]{2}\d{2}[ \-]?[A-HJ-PR-Z]{3}" + WORD_R, 0.35),
                pattern(
                    WORD_L + r"[A-HJ-NPR-TV-Y]\d{1,3} ?[A-HJ-PR-Y][A-HJ-PR-Z]{2}" + WORD_R, 0.3, requires_context=True
                ),
                pattern(WORD_L + r"[A-HJ-PR-Z]{3} ?\d{1,3} ?[A-HJ-NPR-TV-Y]" + WORD_R, 0.3, requires_context=True),
            ],
            validator=v.uk_vehicle_registration,
            confirmed_score=0.45,
            context_boost=0.35,
            lower_case_score=0.1,
            context=("vrn", "dvla", "v5c", "logbook", "mot", "reg", *PLATE_CONTEXT),
        ),
    ]


def _germany() -> list[PatternRecognizer]:
    icao = r"[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ\d]{7}\d"
    return [
        PatternRecognizer(
            "DE_TAX_ID",
            [
                pattern(NUM_L + r"[1-9]\d{10}" + NUM_R, 0.3),
                pattern(NUM_L + r"[1-9]\d ?\d{3} ?\d{3} ?\d{3}" + NUM_R, 0.3),
            ],
            validator=v.de_tax_id,
            confirmed_score=0.6,
            requires_context=True,
            context_boost=0.35,
            context=(
                "steueridentifikationsnummer",
                "steuer-id",
                "steuerid",
                "steuer-idnr",
                "steuer idnr",
                "steuerliche identifikationsnummer",
                "identifikationsnummer",
                "idnr",
                "id-nr",
                "steuernummer",
                "bzst",
                "tax id",
                "tax identification number",
                "tin",
            ),
        ),
        PatternRecognizer(
            "DE_SOCIAL_SECURITY",
            [
                pattern(WORD_L + r"\d{8}[A-Za-z]\d{3}" + WORD_R, 0.4),
                pattern(WORD_L + r"\d{2} \d{6} [A-Za-z] ?\d{3}" + WORD_R, 0.4),
            ],
            validator=v.de_social_security,
            confirmed_score=0.85,
            context_boost=0.15,
            context=(
                "rentenversicherungsnummer",
                "sozialversicherungsnummer",
                "versicherungsnummer",
                "rvnr",
                "svnr",
                "sv-nummer",
                "rv-nummer",
                "rentenversicherung",
                "sozialversicherung",
                "sozialversicherungsausweis",
                "deutsche rentenversicherung",
                "social security",
            ),
        ),
        PatternRecognizer(
            "DE_VAT_ID",
            [
                pattern(WORD_L + r"(?:DE|de)\d{9}" + NUM_R, 0.45),
                pattern(WORD_L + r"DE[ .\-]?\d{3}([ .\-])\d{3}\1\d{3}" + NUM_R, 0.45),
                pattern(WORD_L + r"DE \d{9}" + NUM_R, 0.45),
                # "de 136 695 976", "DE 136-695.976": also a Spanish "de" before a number, so only with a VAT word
                pattern(
                    WORD_L + r"DE[ .\-]?\d{3}[ .\-]?\d{3}[ .\-]?\d{3}" + NUM_R,
                    0.45,
                    requires_context=True,
                    flags=re.IGNORECASE,
                ),
            ],
            validator=v.de_vat_id,
            confirmed_score=0.85,
            context_boost=0.3,
            context=(
                "ust-idnr",
                "ust-id",
                "ustidnr",
                "ust-id-nr",
                "umsatzsteuer-identifikationsnummer",
                "umsatzsteueridentifikationsnummer",
                "umsatzsteuer-id",
                "mehrwertsteuer",
                "vat",
                "vat id",
                "vat number",
                "vat no",
                "vat reg",
            ),
        ),
        PatternRecognizer(
            "DE_ID_CARD",
            [pattern(WORD_L + icao + WORD_R, 0.4, flags=re.IGNORECASE)],
            validator=v.de_document_number,
            confirmed_score=0.6,
            requires_context=True,
            context_boost=0.35,
            context=(
                "personalausweis",
                "personalausweisnummer",
                "ausweis",
                "ausweisnummer",
                "ausweis-nr",
                "ausweisdokument",
                "npa",
                "bundespersonalausweis",
                "identity card",
                "id card",
                "national id",
            ),
        ),
        PatternRecognizer(
            "DE_PASSPORT",
            [pattern(WORD_L + icao + WORD_R, 0.4, flags=re.IGNORECASE)],
            validator=v.de_document_number,
            confirmed_score=0.6,
            requires_context=True,
            context_boost=0.35,
            context=(
                "reisepass",
                "reisepassnummer",
                "pass",
                "passnummer",
                "pass-nr",
                "passport",
                "passport number",
                "mrz",
            ),
        ),
        PatternRecognizer(
            "DE_HEALTH_INSURANCE",
            [pattern(WORD_L + r"[A-Za-z]\d{9}" + WORD_R, 0.3)],
            validator=v.de_health_insurance,
            confirmed_score=0.6,
            requires_context=True,
            context_boost=0.35,
            context=(
                "krankenversicherungsnummer",
                "krankenversichertennummer",
                "versichertennummer",
                "kvnr",
                "krankenkasse",
                "krankenversicherung",
                "gesundheitskarte",
                "egk",
                "gkv",
                "versichertenkarte",
                "versichertenausweis",
                "aok",
                "barmer",
                "dak",
                "tk",
                "health insurance",
            ),
        ),
        PatternRecognizer(
            "DE_LANR",
            [pattern(NUM_L + r"\d{9}" + NUM_R, 0.3)],
            validator=v.de_lanr,
            confirmed_score=0.6,
            requires_context=True,
            context_boost=0.35,
            context=(
                "lanr",
                "arztnummer",
                "lebenslange arztnummer",
                "arzt-nr",
                "arzt nr",
                "arzt-nummer",
                "vertragsarzt",
                "kassenarzt",
                "kbv",
                "hausarzt",
                "facharzt",
                "rezept",
            ),
        ),
        PatternRecognizer(
            "DE_BSNR",
            [pattern(NUM_L + r"\d{9}" + NUM_R, 0.3)],
            validator=structure_only(v.de_bsnr),
            requires_context=True,
            context_boost=0.4,
            context=(
                "bsnr",
                "betriebsstättennummer",
                "betriebsstätten-nummer",
                "betriebsstätte",
                "nebenbetriebsstätte",
                "hauptbetriebsstätte",
                "praxisnummer",
            ),
        ),
        PatternRecognizer(
            "DE_TAX_NUMBER",
            [pattern(NUM_L + r"\d{13}" + NUM_R, 0.3), pattern(NUM_L + r"\d{2,3}/\d{3,4}/\d{4,5}" + NUM_R, 0.3)],
            validator=structure_only(v.de_tax_number),
            requires_context=True,
            context_boost=0.4,
            context=("steuernummer", "steuer-nr", "steuer nr", "st.-nr", "st-nr", "stnr", "finanzamt", "tax number"),
        ),
        PatternRecognizer(
            "DE_FUEHRERSCHEIN",
            [pattern(WORD_L + r"(?=[A-Za-z\d]*\d)(?=[A-Za-z\d]*[A-Za-z])[A-Za-z\d]{11}" + WORD_R, 0.4)],
            requires_context=True,
            context_boost=0.35,
            context_after=15,
            context=(
                "führerschein",
                "führerscheinnummer",
                "führerschein-nr",
                "fahrerlaubnis",
                "fahrerlaubnisnummer",
                "driving licence",
                "driving license",
                "driver's license",
                "driver's licence",
            ),
        ),
        PatternRecognizer(
            "DE_HANDELSREGISTER",
            [pattern(r"(?<![\w\-])HR[AB] ?\d{1,6}(?![\w\-])", 0.55, flags=re.IGNORECASE)],
            context_boost=0.3,
            context=(
                "handelsregister",
                "handelsregisternummer",
                "amtsgericht",
                "registergericht",
                "registernummer",
                "eingetragen",
                "commercial register",
                "gmbh",
                "ohg",
                "firma",
            ),
        ),
        PatternRecognizer(
            "DE_KFZ",
            [pattern(r"(?<![\w\-])[A-ZÄÖÜ]{1,3}[ \-][A-Z]{1,2}[ \-]\d{1,4}[EH]?(?![\w\-])", 0.4)],
            requires_context=True,
            context_boost=0.35,
            lower_case_score=0.1,  # "is a 1990": prose, not a plate
            context=(
                "kennzeichen",
                "kfz-kennzeichen",
                "kfz",
                "nummernschild",
                "fahrzeugkennzeichen",
                "amtliches kennzeichen",
                "zulassung",
                "fahrzeug",
                "pkw",
                "lkw",
                "auto",
                *PLATE_CONTEXT,
            ),
        ),
        PatternRecognizer(
            "DE_PLZ",
            [pattern(NUM_L + r"\d{5}" + NUM_R, 0.3)],
            validator=structure_only(v.de_plz),
            requires_context=True,
            context_boost=0.4,
            context_before=25,
            context_after=0,
            context=("plz", "postleitzahl", "postanschrift", "postfach", "wohnort"),
        ),
    ]


def _spain() -> list[PatternRecognizer]:
    ctx = ("nif", "dni", "nie", "documento", "identidad", "fiscal", "tax id", "extranjero")
    return [
        PatternRecognizer(
            "ES_NIF",
            [
                pattern(NUM_L + r"\d{8}-?[A-Z]" + WORD_R, 0.4),
                # an old DNI written without its leading zero: shorter, so only with context
                pattern(NUM_L + r"\d{7}-?[A-Z]" + WORD_R, 0.4, requires_context=True),
            ],
            validator=v.es_nif,
            confirmed_score=0.75,
            context=ctx,
            context_boost=0.2,
        ),
        PatternRecognizer(
            "ES_NIE",
            [pattern(WORD_L + r"[XYZ]-?\d{7}-?[A-Z]" + WORD_R, 0.4)],
            validator=v.es_nie,
            confirmed_score=0.85,
            context=ctx,
            context_boost=0.15,
        ),
        PatternRecognizer(
            "ES_PASSPORT",
            [pattern(WORD_L + r"[A-Za-z]{3}\d{6}" + WORD_R, 0.4)],
            requires_context=True,
            context_boost=0.4,
            context=("pasaporte", "número de pasaporte", "passport", "passport number", "spanish passport"),
        ),
    ]


def _italy() -> list[PatternRecognizer]:
    dig = "[0-9LMNP-V]"
    return [
        PatternRecognizer(
            "IT_FISCAL_CODE",
            [pattern(WORD_L + rf"[A-Z]{{6}}{dig}{{2}}[ABCDEHLMPRST]{dig}{{2}}[A-Z]{dig}{{3}}[A-Z]" + WORD_R, 0.3)],
            validator=checked(v.it_fiscal_code_structure, v.it_fiscal_code),
            confirmed_score=0.95,
            context=("codice fiscale", "cf", "fiscal code"),
            context_boost=0.05,
        ),
        PatternRecognizer(
            "IT_VAT_CODE",
            [
                pattern(WORD_L + r"IT ?\d{11}" + NUM_R, 0.5),
                pattern(NUM_L + r"\d{11}" + NUM_R, 0.4, requires_context=True),
                pattern(NUM_L + r"\d(?:[ _]?\d){10}" + NUM_R, 0.4, requires_context=True),
            ],  # "01333 550 323"
            validator=v.it_vat,
            confirmed_score=0.6,
            context_boost=0.35,
            context=("partita iva", "p.iva", "p. iva", "piva", "iva", "vat", "vat number"),
        ),
        PatternRecognizer(
            "IT_DRIVER_LICENSE",
            [pattern(WORD_L + r"(?:[A-Z]{2}\d{7}[A-Z]|U1[B-HJ-NP-UW-Z0-9]{7}[A-Z])" + WORD_R, 0.45)],
            requires_context=True,
            context_boost=0.4,
            context=("patente", "patente di guida", "driving licence", "driver license", "licenza di guida"),
        ),
        PatternRecognizer(
            "IT_PASSPORT",
            [pattern(WORD_L + r"[A-Z]{2}\d{7}" + WORD_R, 0.45, flags=re.IGNORECASE)],
            requires_context=True,
            context_boost=0.4,
            context=("passaporto", "passport", "passaporto elettronico"),
        ),
        PatternRecognizer(
            "IT_IDENTITY_CARD",
            [
                pattern(WORD_L + r"[A-Z]{2} ?\d{7}" + WORD_R, 0.45, flags=re.IGNORECASE),
                pattern(WORD_L + r"\d{7}[A-Z]{2}" + WORD_R, 0.45, flags=re.IGNORECASE),
                pattern(WORD_L + r"[A-Z]{2}\d{5}[A-Z]{2}" + WORD_R, 0.45, flags=re.IGNORECASE),
            ],
            requires_context=True,
            context_boost=0.4,
            context=(
                "carta d'identità",
                "carta di identità",
                "carta d'identita",
                "carta identità",
                "cie",
                "identity card",
                "documento di identità",
                "documento d'identità",
            ),
        ),
    ]


def _poland() -> list[PatternRecognizer]:
    return [
        PatternRecognizer(
            "PL_PESEL",
            [pattern(NUM_L + r"\d{11}" + NUM_R, 0.3)],
            validator=v.pl_pesel,
            confirmed_score=0.5,
            context=("pesel", "numer pesel"),
            context_boost=0.45,
        ),
    ]


def _finland() -> list[PatternRecognizer]:
    return [
        PatternRecognizer(
            "FI_PERSONAL_IDENTITY_CODE",
            [
                pattern(NUM_L + r"\d{6}[-+A-FU-Y]\d{3}[0-9A-FHJ-NPR-Y]" + WORD_R, 0.5),
                pattern(GLUED_L + r"\d{6}[-+A-FU-Y]\d{3}[0-9A-FHJ-NPR-Y]" + WORD_R, 0.5, requires_context=True),
            ],
            validator=v.fi_hetu,
            confirmed_score=0.95,
            context=("henkilötunnus", "hetu", "personal identity code", "henkilotunnus"),
            context_boost=0.05,
        ),
    ]


def _sweden() -> list[PatternRecognizer]:
    return [
        PatternRecognizer(
            "SE_PERSONNUMMER",
            [
                pattern(NUM_L + r"(?:18|19|20)\d{6}[-+]?\d{4}" + NUM_R, 0.4),
                pattern(NUM_L + r"\d{6}[-+]\d{4}" + NUM_R, 0.4),
                pattern(NUM_L + r"\d{10}" + NUM_R, 0.3, requires_context=True),
                pattern(GLUED_L + r"(?:18|19|20)\d{6}[-+]?\d{4}" + NUM_R, 0.4, requires_context=True),
            ],
            validator=v.se_personnummer,
            confirmed_score=0.75,
            context_boost=0.2,
            context=(
                "personnummer",
                "personnr",
                "pnr",
                "svenskt personnummer",
                "samordningsnummer",
                "svensk id",
                "personal identity number",
                "personal number",
                "swedish id",
            ),
        ),
        PatternRecognizer(
            "SE_ORGANISATIONSNUMMER",
            [
                pattern(NUM_L + r"(?:16)?\d{6}-\d{4}" + NUM_R, 0.35),
                pattern(NUM_L + r"\d{10}" + NUM_R, 0.3, requires_context=True),
            ],
            validator=v.se_organisationsnummer,
            confirmed_score=0.45,
            context_boost=0.45,
            context=(
                "organisationsnummer",
                "orgnr",
                "org nr",
                "org.nr",
                "org. nr",
                "orgnummer",
                "företagsnummer",
                "organisation number",
                "organization number",
                "corporate identity number",
            ),
        ),
    ]


def _turkey() -> list[PatternRecognizer]:
    return [
        PatternRecognizer(
            "TR_NATIONAL_ID",
            [pattern(NUM_L + r"[1-9]\d{10}" + NUM_R, 0.3)],
            validator=v.tr_tckn,
            confirmed_score=0.5,
            context_boost=0.45,  # two check digits: one random number in a hundred passes
            context=(
                "tc kimlik",
                "t.c. kimlik",
                "kimlik",
                "kimlik no",
                "kimlik numarası",
                "tckn",
                "tc no",
                "nüfus cüzdanı",
                "türk kimlik",
                "turkish id",
                "national id",
                "identity number",
            ),
        ),
        PatternRecognizer(
            "TR_LICENSE_PLATE",
            [pattern(NUM_L + r"(?:0[1-9]|[1-7]\d|8[01])([ \-]?)[A-PR-VYZ]{1,3}\1\d{2,4}" + NUM_R, 0.35)],
            validator=structure_only(v.tr_license_plate),
            requires_context=True,
            context_boost=0.4,
            lower_case_score=0.1,
            context=("plaka", "plakası", "araç plakası", "plaka numarası", "araç", *PLATE_CONTEXT),
        ),
    ]
