"""Table masking: read in record batches, plan each column, mask whole columns, write atomically.

Every value is read as a string, so what is not masked comes back exactly as it went in ("007" stays "007").
Operators run per column on distinct values: a value repeated in a column is masked once. Error messages never
carry cell contents (pyarrow's own parse errors quote the offending row, so they are replaced here).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Callable, Iterator

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from piimask.blobstore import BlobStore
from piimask.engine import MaskingEngine
from piimask.operators import BoundOperator, UnmaskError, fpe_restore, unmask_tokens
from piimask.policy import Policy

FORMATS = ("csv",)
SAMPLE_ROWS = 200
_CACHE_LIMIT = 200_000  # distinct values remembered per column across batches

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
        (r"(first|last|middle|full|given|family|sur|user|customer|patient|employee|contact).?name|^name$|"
         r"^(first|last|surname|customer|patient|employee|contact)$", "PERSON"),
    ]
]


class TableError(ValueError):
    """The input cannot be read as the declared format. The message is safe to show: it holds no cell values."""


@dataclass
class ColumnPlan:
    name: str
    mode: str  # "entity": every value is one entity; "text": free text through the detector; "keep"
    entity: str | None = None
    reason: str = ""  # "policy", "header", "values", "none"
    values_masked: int = 0
    entities_found: int = 0


def detect_format(filename: str | None, declared: str | None) -> str:
    fmt = (declared or "").lower().lstrip(".") or (filename or "").rsplit(".", 1)[-1].lower()
    if fmt in ("jsonl", "ndjson", "json"):
        fmt = "jsonl"
    if fmt not in FORMATS:
        raise TableError(f"unsupported table format {fmt or '(none)'!r}; supported: {', '.join(FORMATS)}")
    return fmt


def _csv_reader(store: BlobStore, path: str, block_size: int) -> pacsv.CSVStreamingReader:
    parse = pacsv.ParseOptions(newlines_in_values=True)
    try:
        with store.open(path) as f:
            names = pacsv.open_csv(f, parse_options=parse).schema.names
        convert = pacsv.ConvertOptions(
            column_types={n: pa.string() for n in names}, strings_can_be_null=False, quoted_strings_can_be_null=False
        )
        return pacsv.open_csv(
            store.open(path),
            read_options=pacsv.ReadOptions(block_size=block_size),
            parse_options=parse,
            convert_options=convert,
        )
    except pa.ArrowInvalid as exc:
        raise _sanitized(exc) from None


def _sanitized(exc: Exception) -> TableError:
    text = str(exc)
    if "Empty CSV" in text:
        return TableError("the CSV file is empty (no header row)")
    if "UTF8" in text or "UTF-8" in text:
        return TableError("the CSV file is not valid UTF-8 text")
    if "Expected" in text and "columns" in text:
        m = re.search(r"Expected (\d+) columns, got (\d+)", text)
        detail = f": a row has {m.group(2)} fields where the header has {m.group(1)}" if m else ""
        return TableError(f"the CSV file is malformed{detail}")
    return TableError("the table could not be parsed as CSV")


def _batches(reader: pacsv.CSVStreamingReader) -> Iterator[pa.RecordBatch]:
    while True:
        try:
            yield reader.read_next_batch()
        except StopIteration:
            return
        except pa.ArrowInvalid as exc:
            raise _sanitized(exc) from None


def count_rows(store: BlobStore, path: str, fmt: str, block_size: int = 1 << 22) -> int:
    """A fast first pass (parsing only) so progress can report rows_total."""
    return sum(b.num_rows for b in _batches(_csv_reader(store, path, block_size)))


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
        hinted = next((entity for pattern, entity in HEADER_HINTS if pattern.search(name)), None)
        if hinted and policy.wants(hinted):
            plans.append(ColumnPlan(name, "entity", hinted, "header"))
            continue
        values = [v for v in sample.column(i).to_pylist()[:SAMPLE_ROWS] if v and v.strip()]
        plans.append(_plan_from_values(engine, policy, name, values))
    return plans


def _plan_from_values(engine: MaskingEngine, policy: Policy, name: str, values: list[str]) -> ColumnPlan:
    if not values:
        return ColumnPlan(name, "keep", None, "none")
    found = engine.analyze(values, policy)
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


class _ColumnMasker:
    """Masks one column's arrays batch after batch, each distinct value once."""

    def __init__(self, engine: MaskingEngine, policy: Policy, plan: ColumnPlan):
        self.engine, self.policy, self.plan = engine, policy, plan
        self.cache: dict[str, str] = {}

    def __call__(self, array: pa.Array) -> pa.Array:
        if self.plan.mode == "keep":
            return array
        encoded = pc.dictionary_encode(array)
        distinct = encoded.dictionary.to_pylist()
        missing = [v for v in distinct if v not in self.cache]
        if missing:
            if len(self.cache) + len(missing) > _CACHE_LIMIT:
                self.cache.clear()
            self.cache.update(zip(missing, self._mask(missing)))
        masked_dictionary = pa.array([self.cache[v] for v in distinct], type=pa.string())
        counts = pc.value_counts(encoded.indices)
        changed = {i for i, v in enumerate(distinct) if self.cache[v] != v}
        self.plan.values_masked += sum(c["counts"].as_py() for c in counts if c["values"].as_py() in changed)
        return pc.take(masked_dictionary, encoded.indices)

    def _mask(self, values: list[str]) -> list[str]:
        if self.plan.mode == "unmask":
            return [self._unmask(v) for v in values]
        if self.plan.mode == "entity":
            return [self.engine.mask_value(v, self.plan.entity or "DEFAULT", self.policy, self.plan.name) for v in values]
        out = []
        for result in self.engine.mask([v or " " for v in values], self.policy):
            self.plan.entities_found += len(result.entities)
            out.append(result.masked_text)
        return [o if v else v for v, o in zip(values, out)]

    def _unmask(self, value: str) -> str:
        if not value:
            return value
        spec = self.policy.columns[self.plan.name]
        if spec.operator is not None:  # an fpe column: the whole value is one fpe replacement
            params = BoundOperator.from_spec(spec.operator.model_dump()).params
            return fpe_restore(value, spec.entity or "DEFAULT", self.engine.crypto, spec.key_id, params.luhn)
        return unmask_tokens(value, self.engine.crypto)[0]


def mask_table(
    engine: MaskingEngine,
    policy: Policy,
    store: BlobStore,
    source: str,
    destination: str,
    fmt: str,
    *,
    batch_rows: int = 8192,
    rows_hint: int | None = None,
    on_progress: Callable[[int], None] = lambda rows: None,
    should_stop: Callable[[], bool] = lambda: False,
) -> dict | None:
    """Mask `source` into `destination` (same format). Returns the report, or None when stopped before the end.

    The output appears at `destination` only when complete; a stop or an error leaves nothing there.
    """
    # pyarrow cuts CSV batches by bytes: size the blocks from the file's bytes per row to get ~batch_rows rows.
    bytes_per_row = store.size(source) / max(rows_hint or 1, 1) if rows_hint else 64
    reader = _csv_reader(store, source, block_size=max(1 << 14, int(bytes_per_row * batch_rows)))
    names = reader.schema.names
    rows = 0
    maskers: list[_ColumnMasker] | None = None
    try:
        with store.atomic_writer(destination) as sink:
            writer = pacsv.CSVWriter(sink, reader.schema)
            for batch in _batches(reader):
                if should_stop():
                    raise _Stopped  # inside the writer's block, so nothing is committed
                if maskers is None:
                    maskers = [_ColumnMasker(engine, policy, p) for p in plan_columns(engine, policy, names, batch)]
                columns = [m(batch.column(i)) for i, m in enumerate(maskers)]
                writer.write_batch(pa.record_batch(columns, schema=reader.schema))
                rows += batch.num_rows
                on_progress(rows)
            writer.close()
    except _Stopped:
        return None
    plans = [m.plan for m in maskers] if maskers else [ColumnPlan(n, "keep", None, "none") for n in names]
    return {"format": fmt, "rows": rows, "columns": [asdict(p) for p in plans]}


class _Stopped(Exception):
    pass
