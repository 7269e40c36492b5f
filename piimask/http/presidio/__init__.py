"""Presidio-compatible REST endpoints: a Presidio client switches to piimask by changing its base URL.

Presidio runs two services (presidio-analyzer, presidio-anonymizer); this package's one router serves both APIs
(`analyzer`, `anonymizer`; their models in `schemas`), with the request and response shapes of Presidio's `app.py`
files and `docs/api-docs/api-docs.yml` (checked against presidio-analyzer / presidio-anonymizer 2.2.366, the PyPI
release, and github.com/microsoft/presidio main). Underneath it is the engine: /analyze is the engine's analysis,
the operators are the engine's behind Presidio's names and parameters, the limits are /v1's.

| route | Presidio service | what it does here |
|---|---|---|
| POST /analyze | analyzer | `AnalyzerRequest` → list of `RecognizerResult` (a list of lists for a batch of texts) |
| POST /anonymize | anonymizer | `{text, anonymizers, analyzer_results}` → `{text, items}` |
| POST /deanonymize | anonymizer | `{text, deanonymizers, anonymizer_results}` → `{text, items}` (decrypt, keep) |
| GET /supportedentities, /recognizers | analyzer | entity types / recognizer names (`?language=en`) |
| GET /anonymizers, /deanonymizers | anonymizer | operator names |
| GET /health | both | plain-text liveness, no key needed |

Same as Presidio:
- Field names and shapes, including `analysis_explanation` (null unless `return_decision_process`) and no
  `recognition_metadata` in /analyze results (Presidio's app strips it); /anonymize `items` are
  `{start, end, entity_type, text, operator, score}` with start/end **in the anonymized text**, listed from the end
  of the text to its start, exactly as presidio-anonymizer returns them.
- /anonymize resolves conflicts between `analyzer_results` with Presidio's own algorithm (same-type overlaps merged,
  results contained in another dropped, same-type neighbours separated only by spaces joined; partial overlaps of
  different types replaced the way Presidio's TextReplaceBuilder does), ported from presidio-anonymizer 2.2.366's
  anonymizer_engine.py (its linear sweeps; tests compare outputs with presidio-anonymizer itself). Any
  entity type name is accepted there (e.g. NAME, FIRST_NAME in Presidio's docs), not only the ones we detect.
- Operators with Presidio's parameters and semantics: `replace` (`new_value`, default `<ENTITY_TYPE>`), `redact`,
  `keep`, `mask` (`masking_char`, `chars_to_mask` counted from the start, or from the end with `from_end`, every
  character including separators), `hash` (`hash_type` sha256|sha512, `salt`: SHA-2 of value+salt; without a salt
  a random 32-byte salt per entity, as in Presidio >= 2.2.36x, so the output is unlinkable and never a bare hash),
  `encrypt` (`key` of 16/24/32 UTF-8 bytes: AES-CBC, random IV, PKCS7, urlsafe base64 of IV+ciphertext; what
  Presidio's `decrypt` — and our /deanonymize — reverse with the same key). `custom` is refused with 400, as
  Presidio's REST API does (it takes a Python lambda). A bad parameter is reported in presidio-anonymizer's words.
- Ad-hoc recognizers (`patterns`, `deny_list`, `context`, `supported_entity`, `supported_language`,
  `deny_list_score`, `global_regex_flags`), run with the `regex` module and a time limit as Presidio does;
  context words raise a score by 0.35 to at least 0.4 when one of the 5 words before the match is a context word
  (Presidio's LemmaContextAwareEnhancer defaults, by exact lower-cased word instead of lemma).
- `allow_list` with `allow_list_match` "exact" (case-sensitive) or "regex" (search with `regex_flags`).
- Recognizers: Presidio's own recognizer tests (presidio-analyzer/tests at 2.2.363, one type per case, threshold 0;
  `bench/parity.py`) pass 1,492 of 1,517 cases here, 1,484 on presidio-analyzer 2.2.366. With `score_threshold`
  below 0.5 the low-score candidates that Presidio's pattern recognizers report come back too: values without
  their context word, a wrong check character on a code of distinctive structure, lower-case look-alikes, weak
  shapes (the scores per type: piimask.recognizers). The span conventions are Presidio's: a CIDR block is one
  address ("192.168.1.0/24"), "::" and "::/0" are addresses (at 0.1), IBANs may be grouped by spaces or dashes,
  dates as its date recognizer writes them ("5-May-2021", "May-21", "21.5.21", "5/2021"). PH_MOBILE_NUMBER and
  TR_PHONE_NUMBER, the names its tests give a PhoneRecognizer for the Philippines and Turkey, are types here.

Deliberate differences (safety or our engine's nature):
- Request bodies are strict: Presidio's own fields are accepted, the ones this service does not use included
  (`trace`, `log_decision_process`; an ad-hoc recognizer's `version` and `country_code`; the `analysis_explanation`
  and `recognition_metadata` of results passed from /analyze to /anonymize; the `text` and `operator` of items
  passed from /anonymize to /deanonymize), and any other field is refused with a 422 that names it, where Presidio
  ignores it: a misspelt field must not silently mean "not given".
- An empty or blank text is valid in every route: /analyze gives `[]` and /anonymize the text back (Presidio's
  analyzer app answers 500 "No text provided" to an empty one).
- Errors use this service's shape `{"error": {"code", "message"}}` (Presidio: `{"error": "message"}`), always 4xx
  for a caller's mistake where Presidio sometimes answers 500 (no text, unknown language, missing DEFAULT
  deanonymizer, undecryptable value). Messages never quote the text, regexes, keys or salts.
- Every route except /health needs an API key with the `mask` scope (`Authorization: Bearer <key>`).
- `language`: only "en" (our model and context words are English); other languages get 422, where a default
  Presidio answers 500.
- `entities`: names we cannot detect (not in GET /supportedentities and not an ad-hoc recognizer's entity) get
  422 instead of being silently ignored: a typo must not mean "nothing masked".
- `score_threshold` absent: our policy default (0.5) rather than Presidio's 0, since our model's scores below that
  are noise. Detection results never overlap (our engine resolves overlaps; Presidio may return overlapping
  results of different types): ad-hoc recognizers run inside the engine beside the built-in ones and their results
  go through the same single overlap resolution, where the caller's recognizer outranks a built-in one (as a deny
  list does). Request-level `context` words only affect ad-hoc recognizers (our built-in recognizers have their
  own context words).
- `encrypt` uses the client's key exactly as Presidio (the client holds the key; unauthenticated AES-CBC, as in
  Presidio). For keyring-managed, authenticated reversible tokens use POST /v1/text/mask with `encrypt`.
- `mask`: `from_end` defaults to false when absent (Presidio's docs say so; its code demands the field).
- Extension: the anonymizer `type`s `fpe`, `pseudonymize` and `generalize` run our operators (parameters as in
  our policy; keyed by this service's keyring).
- Recognizers where the parity cases differ on purpose (cases of Presidio's tests, of 25 in all):
  - only each recognizer's default configuration: the cases written for `DeVatIdRecognizer(strict_checksum=True)`
    (3, which Presidio's engine fails too), `PhoneRecognizer(leniency=0|3)` and extra JP/CN regions (3) fail;
  - a national phone number must be valid *and* grouped the way its region writes numbers: "91-415-555-0132" is
    not an Indian number without its "+" (1);
  - DE_TAX_NUMBER: the layouts the Länder issue (13-digit ELSTER form: Land prefix, Finanzamt, 0, district, serial,
    check digit; 2/3/5, 3/3/5, 3/4/4 slash forms): the test values "0281508150123" and "12/345/6789" are neither (7);
  - IN_GSTIN: state code 38 (Ladakh) is a state (2); IN_PAN: Presidio's weakest pattern (any ten-character word with
    four digits in a row, at 0.01) is left out (1);
  - IBAN_CODE: lower-case letters are accepted (mod 97 keeps precision), "LV80 bANK …" included (1, as Presidio's
    engine); URL: quotes around a URL are not part of it (2); UK_NINO: a span starts at the value, not at the space
    before it (1, as Presidio's engine);
  - DATE_TIME comes from the patterns and our model, not spaCy: a year alone ("1972") is no date (1), and the model
    marks dates glued to a word ("is5/21", "is2024-06-05T09:15…": 3, of which Presidio's engine fails 1);
  - country types: asked by name, a national-format number ("0917 123 4567") is PH_MOBILE_NUMBER at 0.4 (0.6 with a
    phone word); with every type asked it stays PHONE_NUMBER, as it fits other countries' plans too, while a number
    with the country's calling code ("+63 917 …") is reported under the country type.
- Limits: a text is at most `max_text_chars`, a batch at most `max_batch_texts` texts (the check and the messages
  of /v1), /anonymize at most MAX_RESULTS analyzer results, at most MAX_AD_HOC ad-hoc recognizers with
  MAX_PATTERNS patterns each; ad-hoc regexes and a regex allow list share REGEX_TIMEOUT_S of regex time per text,
  past which the answer is 422 (Presidio silently skips the pattern after 60 s). User regexes run on the `regex` package (a dependency of transformers, as of
  Presidio), never on `re`, because only `regex` can stop a catastrophic backtrack.
"""

from __future__ import annotations

from fastapi import APIRouter

from piimask.http.presidio import analyzer, anonymizer

router = APIRouter()
router.include_router(analyzer.router)
router.include_router(analyzer.open_router)
router.include_router(anonymizer.router)

__all__ = ["router"]
