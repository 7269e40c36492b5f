"""Entity type names. They follow Presidio's (docs/supported_entities.md) so Presidio users can move over."""

from __future__ import annotations

PRESIDIO_GLOBAL = {
    "PERSON", "LOCATION", "ORGANIZATION", "NRP", "DATE_TIME", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD",
    "CRYPTO", "IBAN_CODE", "IP_ADDRESS", "MAC_ADDRESS", "URL", "MEDICAL_LICENSE",
}
PRESIDIO_COUNTRY = {
    "US_BANK_NUMBER", "US_DRIVER_LICENSE", "US_ITIN", "US_PASSPORT", "US_SSN", "US_MBI",
    "UK_NHS", "UK_NINO", "UK_PASSPORT", "UK_POSTCODE", "UK_VEHICLE_REGISTRATION",
    "ES_NIF", "ES_NIE",
    "IT_FISCAL_CODE", "IT_DRIVER_LICENSE", "IT_VAT_CODE", "IT_PASSPORT", "IT_IDENTITY_CARD",
    "PL_PESEL",
    "SG_NRIC_FIN", "SG_UEN",
    "AU_ABN", "AU_ACN", "AU_TFN", "AU_MEDICARE",
    "IN_PAN", "IN_AADHAAR", "IN_VEHICLE_REGISTRATION", "IN_VOTER", "IN_PASSPORT", "IN_GSTIN",
    "FI_PERSONAL_IDENTITY_CODE",
    "KR_RRN", "KR_PASSPORT", "KR_DRIVER_LICENSE", "KR_BRN", "KR_FRN",
    "TH_TNIN",
    "NG_NIN", "NG_VEHICLE_REGISTRATION",
    "DE_TAX_ID", "DE_PASSPORT", "DE_ID_CARD", "DE_SOCIAL_SECURITY",
    "SE_PERSONNUMMER", "NO_FODSELSNUMMER", "DK_CPR",
    "CA_SIN", "BR_CPF", "BR_CNPJ", "MX_CURP", "MX_RFC", "NL_BSN", "BE_NATIONAL_NUMBER", "FR_NIR",
    "CN_RESIDENT_ID", "JP_MY_NUMBER", "ZA_ID_NUMBER", "IE_PPS",
}
# Types Presidio has no recognizer for: presidio-evaluator's AGE, TITLE, ZIP_CODE (our model learns some), and
# ABA routing numbers (checksummed, so precise).
EXTRA = {"AGE", "TITLE", "ZIP_CODE", "ABA_ROUTING_NUMBER"}

KNOWN_ENTITY_TYPES: frozenset[str] = frozenset(PRESIDIO_GLOBAL | PRESIDIO_COUNTRY | EXTRA)
