"""Entity type names. They follow Presidio's (docs/supported_entities.md) so Presidio users can move over."""

from __future__ import annotations

PRESIDIO_GLOBAL = {
    "PERSON", "LOCATION", "ORGANIZATION", "NRP", "DATE_TIME", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD",
    "CRYPTO", "IBAN_CODE", "IP_ADDRESS", "MAC_ADDRESS", "URL", "MEDICAL_LICENSE", "UUID",
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
    # Added in Presidio 2.2.366 (pattern recognizers; its MEDICAL_* types come from a model and are not here).
    "CA_POSTAL_CODE",
    "DE_BSNR", "DE_FUEHRERSCHEIN", "DE_HANDELSREGISTER", "DE_HEALTH_INSURANCE", "DE_KFZ", "DE_LANR", "DE_PLZ",
    "DE_TAX_NUMBER", "DE_VAT_ID",
    "ES_PASSPORT",
    "PH_PASSPORT", "PH_TIN", "PH_UMID",
    "SE_ORGANISATIONSNUMMER",
    "TR_LICENSE_PLATE", "TR_NATIONAL_ID",
    "UK_DRIVING_LICENCE",
    # Presidio has no recognizer of these: its own tests configure a PhoneRecognizer for them (a region and an
    # entity name), so Presidio users know the names.
    "PH_MOBILE_NUMBER", "TR_PHONE_NUMBER",
    "US_CLAIM_NUMBER", "US_HEALTH_INSURANCE_MEMBER_ID", "US_NPI", "US_PRESCRIPTION_NUMBER",
    "US_PRIOR_AUTHORIZATION_NUMBER", "US_PROVIDER_TAX_ID", "US_REFERRAL_NUMBER",
    "ZA_COMPANY_REGISTRATION", "ZA_DRIVER_LICENSE", "ZA_INCOME_TAX_NUMBER", "ZA_LICENSE_PLATE", "ZA_MOBILE_NUMBER",
    "ZA_PASSPORT", "ZA_TELEPHONE_NUMBER", "ZA_TRAFFIC_REGISTER_NUMBER", "ZA_VAT_NUMBER",
}
# Types Presidio has no recognizer for: presidio-evaluator's AGE, TITLE, ZIP_CODE (our model learns some), ABA
# routing numbers (checksummed, so precise), and the references that point at one person's file (court
# applications, cases, claims, tickets, accounts: piimask.recognizers.references).
EXTRA = {"AGE", "TITLE", "ZIP_CODE", "ABA_ROUTING_NUMBER", "REFERENCE_NUMBER"}

KNOWN_ENTITY_TYPES: frozenset[str] = frozenset(PRESIDIO_GLOBAL | PRESIDIO_COUNTRY | EXTRA)
