"""The column plan: what each column of a table holds, decided once per table from the policy, the header and a
sample of values, so that every batch (and every part of a fanned-out job) is masked alike."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pyarrow as pa

from piimask.engine import MaskingEngine
from piimask.policy import Policy

SAMPLE_CHARS = 2000
SAMPLE_ROWS = 64  # values per column that planning reads: enough to vote, cheap through the model

# Header words that name a column's entity type. First match wins, so the specific ones come first.
HEADER_HINTS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.IGNORECASE), entity)
    for p, entity in [
        (r"e-?mail", "EMAIL_ADDRESS"),
        (r"phone|mobile|\btel\b|telephone|fax|cell", "PHONE_NUMBER"),
        (r"\bssn\b|social.?security", "US_SSN"),
        (r"iban", "IBAN_CODE"),
        (r"credit.?card|card.?(number|no|num)|\bcc.?num|\bpan\b", "CREDIT_CARD"),
        (r"\bip\b|ip.?addr", "IP_ADDRESS"),
        (r"\burl\b|website|homepage", "URL"),
        (r"company|employer|organi[sz]ation|\borg\b|business", "ORGANIZATION"),
        (r"address|street|\bcity\b|town|residence|\bcountry\b", "LOCATION"),
        (r"\bzip|post.?code|postal", "ZIP_CODE"),
        (r"birth|\bdob\b", "DATE_TIME"),
        (
            r"(first|last|middle|full|given|family|sur|user|customer|patient|employee|contact).?name|^name$|"
            r"^(first|last|surname|customer|patient|employee|contact)$",
            "PERSON",
        ),
    ]
]


@dataclass
class ColumnPlan:
    name: str
    # "entity": every value is one entity; "text": free text through the detector; "keep"; "unmask"; "generalize": a
    # quasi-identifier written at the level the risk search chose
    mode: str
    entity: str | None = None
    reason: str = ""  # "policy", "header", "values", "quasi-identifier", "none"
    values_masked: int = 0
    entities_found: int = 0
    propagated: int = 0  # text columns: a row's entity-column values masked again inside this column's cells


def _entity_of_value(value: str, spans) -> str | None:
    """The entity type that covers (nearly) the whole value, if one does."""
    core = len(value.strip())
    for span in spans:
        if core and span.length >= 0.8 * core:
            return span.type
    return None


def plan_columns(engine: MaskingEngine, policy: Policy, names: list[str], sample: pa.RecordBatch) -> list[ColumnPlan]:
    plans = []
    for i, name in enumerate(names):
        spec = policy.columns.get(name)
        if spec is not None:
            plans.append(ColumnPlan(name, spec.mode or "entity", spec.entity, "policy"))
            continue
        if name in policy.quasi_identifiers:  # generalized to reach the risk target, or only measured: not masked
            plans.append(ColumnPlan(name, "generalize" if policy.generalizes else "keep", None, "quasi-identifier"))
            continue
        hinted = next((entity for pattern, entity in HEADER_HINTS if pattern.search(name)), None)
        if hinted and policy.wants(hinted):
            plans.append(ColumnPlan(name, "entity", hinted, "header"))
            continue
        # a prefix is enough to tell what a column holds; a 10 MB cell must not go through the model to plan
        values = [v[:SAMPLE_CHARS] for v in sample.column(i).to_pylist()[:SAMPLE_ROWS] if v and v.strip()]
        plans.append(_plan_from_values(engine, policy, name, values))
    return plans


def _plan_from_values(engine: MaskingEngine, policy: Policy, name: str, values: list[str]) -> ColumnPlan:
    if not values:
        return ColumnPlan(name, "keep", None, "none")
    if all(len(v.strip()) == 1 for v in values):
        # single characters are codes (sex F/M, grades A-D, flags Y/N): the model reads a lone capital as an initial,
        # and one letter names no one
        return ColumnPlan(name, "keep", None, "values")
    found = engine.analyze(values, policy)  # the model skips values without letters: ids and amounts stay cheap
    whole = Counter(t for v, spans in zip(values, found) if (t := _entity_of_value(v, spans)))
    if whole:
        entity, hits = whole.most_common(1)[0]
        if hits >= 0.6 * len(values):
            return ColumnPlan(name, "entity", entity, "values")
    with_pii = sum(1 for spans in found if spans)
    free_text = sum(1 for v in values if " " in v.strip()) >= 0.5 * len(values)
    if with_pii and (free_text or with_pii >= 0.3 * len(values)):
        return ColumnPlan(name, "text", None, "values")
    return ColumnPlan(name, "keep", None, "none")
