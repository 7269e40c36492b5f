"""Table masking: read in record batches, plan each column, mask whole columns, write atomically.

Every value is read as a string, so what is not masked comes back exactly as it went in ("007" stays "007").
Operators run per column on distinct values: a value repeated in a column is masked once. Error messages never
carry cell contents (pyarrow's own parse errors quote the offending row, so they are replaced here).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import re
from collections import Counter
from dataclasses import asdict, replace
from typing import Callable

import pyarrow as pa
import pyarrow.compute as pc
from faker.providers.lorem.en_US import Provider as LoremProvider

from piimask.tables.blobstore import BlobStore
from piimask.errors import TableError
from piimask.tables.formats import CsvDialect, open_format
from piimask.engine import MaskingEngine
from piimask.operators import fpe_restore, unmask_tokens
from piimask.policy import Policy
from piimask.tables.plan import ColumnPlan, plan_columns

TEXT_SLICE = 256  # free-text values per model call

# A row's entity values that are masked again inside the same row's free text: long enough to mean something, and
# not an ordinary English word (a `city` of "Reading" or a `company` of "Will" must not rewrite every note).
KNOWN_VALUE_MIN_CHARS = 3
ORDINARY_WORDS = frozenset(w.casefold() for w in LoremProvider.word_list)


class _ColumnMasker:
    """Masks one column's arrays batch after batch, each distinct value once."""

    cache_limit = 20_000  # distinct values remembered per column across batches (a 2 GB CSV peaked at 1,060 MiB with 200k)

    def __init__(self, engine: MaskingEngine, policy: Policy, plan: ColumnPlan):
        self.engine, self.policy, self.plan = engine, policy, plan
        self.cache: dict[str, str] = {}
        # unmask columns: what each distinct value restored, by entity type, and the sum over every cell (audit)
        self._restored_in: dict[str, Counter[str]] = {}
        self.restored: Counter[str] = Counter()

    def __call__(self, array: pa.Array) -> pa.Array | None:
        """The masked column, or None when it is kept as it is."""
        if self.plan.mode == "keep":
            return None
        encoded = pc.dictionary_encode(array)
        distinct = encoded.dictionary.to_pylist()
        missing = [v for v in distinct if v not in self.cache]
        if len(self.cache) + len(missing) > self.cache_limit:
            self.cache.clear()  # bounded memory; every value of this batch is then masked afresh
            self._restored_in.clear()
            missing = distinct
        if missing:
            self.cache.update(zip(missing, self._mask(missing)))
        masked_dictionary = pa.array([self.cache[v] for v in distinct], type=pa.string())
        counts = pc.value_counts(encoded.indices)
        changed = {i for i, v in enumerate(distinct) if self.cache[v] != v}
        self.plan.values_masked += sum(c["counts"].as_py() for c in counts if c["values"].as_py() in changed)
        if self.plan.mode == "unmask":
            for c in counts:
                for entity_type, n in self._restored_in.get(distinct[c["values"].as_py()], {}).items():
                    self.restored[entity_type] += n * c["counts"].as_py()
        return pc.take(masked_dictionary, encoded.indices)

    def _mask(self, values: list[str]) -> list[str]:
        if self.plan.mode == "unmask":
            return [self._unmask(v) for v in values]
        if self.plan.mode == "entity":
            return [self.engine.mask_value(v, self.plan.entity or "DEFAULT", self.policy, self.plan.name) for v in values]
        out = []
        # In slices: a model call's tokens, offsets and votes are Python objects (one call on 2,000 notes raised RSS
        # by 105 MiB), and a batch of free text may hold 8,192 distinct values.
        for at in range(0, len(values), TEXT_SLICE):
            for result in self.engine.mask([v or " " for v in values[at : at + TEXT_SLICE]], self.policy):
                self.plan.entities_found += len(result.entities)
                out.append(result.masked_text)
        return [o if v else v for v, o in zip(values, out)]

    def needles(self, value: str | None) -> list[tuple[str, bool]]:
        """What of an entity cell to look for in the row's free text, longest first, each with whether case must
        match: the whole value in any case; for a name also each of its words as written (a note says "Cormac
        called" as often as "Cormac Fifita called", while "a lee shore" is not about Ms Lee)."""
        if not value or self.plan.mode != "entity":
            return []
        found = {value.strip(): False}
        if self.plan.entity == "PERSON":
            for word in value.split():
                found.setdefault(word.strip(".,"), True)
        keep = [(n, exact) for n, exact in found.items() if len(n) >= KNOWN_VALUE_MIN_CHARS and n.casefold() not in ORDINARY_WORDS]
        return sorted(keep, key=lambda item: len(item[0]), reverse=True)

    def replacement(self, needle: str) -> str:
        """The column's own masked form of `needle` (so a hashed or encrypted name joins with its column)."""
        if needle not in self.cache:
            self.cache[needle] = self.engine.mask_value(needle, self.plan.entity or "DEFAULT", self.policy, self.plan.name)
        return self.cache[needle]

    def _unmask(self, value: str) -> str:
        if not value:
            return value
        spec = self.policy.columns[self.plan.name]
        by_type = self._restored_in.setdefault(value, Counter())
        if spec.operator is not None:  # an fpe column: the whole value is one fpe replacement
            params = self.policy.column_operator(self.plan.name, spec.entity or "DEFAULT").params
            restored = fpe_restore(value, spec.entity or "DEFAULT", self.engine.crypto, spec.key_id, params.luhn)
            by_type[spec.entity or "DEFAULT"] += restored != value
            return restored
        return unmask_tokens(value, self.engine.crypto, by_type)[0]


def mask_table(
    engine: MaskingEngine,
    policy: Policy,
    store: BlobStore,
    source: str,
    destination: str,
    fmt: str,
    *,
    batch_rows: int = 8192,
    on_total: Callable[[int], None] = lambda rows: None,
    max_rows: int = 0,
    on_progress: Callable[[int], None] = lambda rows: None,
    should_stop: Callable[[], bool] = lambda: False,
    plans: list[ColumnPlan] | None = None,
    header: bool = True,
    dialect: CsvDialect | None = None,
) -> dict | None:
    """Mask `source` into `destination` (same format). Returns the report, or None when stopped before the end.

    The output appears at `destination` only when complete; a stop or an error leaves nothing there. A chunk of a
    fanned-out job passes the parent's `plans` (so every chunk masks alike), and all but the first chunk of a CSV
    are written without a header.
    """
    table = open_format(store, source, fmt, dialect)
    total = table.count_rows()  # a fast parse-only pass, so that progress has a rows_total
    if max_rows and total > max_rows:
        raise TableError(f"the table has {total} rows; the limit is {max_rows} (PIIMASK_MAX_TABLE_ROWS)")
    on_total(total)
    names, chunks = table.read(batch_rows, total)
    given = {p.name: p for p in plans or []}
    maskers: dict[str, _ColumnMasker] = {}
    rows = 0
    try:
        with store.atomic_writer(destination) as sink:
            writer = table.writer(sink, header)
            for chunk in chunks:
                if should_stop():
                    raise _Stopped  # inside the writer's block, so nothing is committed
                columns = chunk.view.schema.names
                unplanned = [n for n in columns if n not in maskers and n not in given]
                if unplanned:  # the first batch, or JSON keys first seen later
                    for plan in plan_columns(engine, policy, unplanned, chunk.view.select(unplanned)):
                        maskers[plan.name] = _ColumnMasker(engine, policy, plan)
                for n in columns:
                    if n not in maskers:
                        maskers[n] = _ColumnMasker(engine, policy, replace(given[n], values_masked=0, entities_found=0))
                originals = {n: chunk.view.column(i) for i, n in enumerate(columns)}
                masked = {n: maskers[n](originals[n]) for n in columns}
                propagate_known_values(maskers, originals, masked)
                writer.write(chunk, [masked[n] for n in columns], names)
                rows += chunk.view.num_rows
                release_free_memory()
                on_progress(rows)
            writer.close(names)
    except _Stopped:
        return None
    plans = [m.plan for m in maskers.values()] or [ColumnPlan(n, "keep", None, "none") for n in names]
    restored = sum((m.restored for m in maskers.values()), Counter())
    report = {"format": fmt, **table.describe(), "rows": rows, "columns": [asdict(p) for p in plans]}
    if policy.unmasks:
        report["restored"] = dict(sorted(restored.items()))  # values restored per entity type (the audit's counts)
    return report


def propagate_known_values(
    maskers: dict[str, _ColumnMasker], originals: dict[str, pa.Array], masked: dict[str, pa.Array | None]
) -> None:
    """Mask each row's entity-column values wherever they are still readable in that row's free-text cells.

    The table knows these values are PII even where the model missed them in prose ("Cormac Fifita" in `full_name`
    and, unmasked, in `notes`). Each is replaced by its own column's masked form, whole words only (see `needles`).
    `masked` is updated in place; each text column's plan counts its propagated hits.
    """
    sources = [(n, maskers[n]) for n in masked if maskers[n].plan.mode == "entity" and masked[n] is not None]
    targets = [n for n in masked if maskers[n].plan.mode == "text" and masked[n] is not None]
    if not sources or not targets:
        return
    cells = {n: originals[n].to_pylist() for n, _ in sources}
    for target in targets:
        texts = masked[target].to_pylist()
        hits = 0
        for row, text in enumerate(texts):
            if not text:
                continue
            folded = text.casefold()
            for name, masker in sources:
                for needle, exact in masker.needles(cells[name][row]):
                    if (needle if exact else needle.casefold()) not in (text if exact else folded):
                        continue
                    flags = 0 if exact else re.IGNORECASE
                    pattern = re.compile(rf"(?<!\w){re.escape(needle)}(?!\w)", flags)
                    text, count = pattern.subn(lambda _, n=needle, m=masker: m.replacement(n), text)
                    if count:
                        hits += count
                        folded = text.casefold()
            texts[row] = text
        if hits:
            maskers[target].plan.propagated += hits
            masked[target] = pa.array(texts, type=pa.string())


def release_free_memory() -> None:
    """Hand the C heap's free pages back to the OS (glibc's malloc_trim). Each batch frees many small Python and
    tokenizer objects that glibc otherwise keeps: about 50 MiB less peak RSS per worker on the table bench. A no-op
    where the C library has no malloc_trim (musl, macOS)."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _load_libc():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


_LIBC = _load_libc()


class _Stopped(Exception):
    pass


def split_table(
    engine: MaskingEngine,
    policy: Policy,
    store: BlobStore,
    source: str,
    fmt: str,
    *,
    prefix: str,
    chunk_rows: int,
    batch_rows: int,
) -> dict:
    """Cut `source` into part files of about `chunk_rows` rows (whole record batches, so rows stay whole and in
    order) under the folder `prefix`, and plan the columns once, from the first batch, so every part masks alike."""
    table = open_format(store, source, fmt)
    total = table.count_rows()
    names, chunks = table.read(batch_rows, total)
    parts: list[str] = []
    plans: list[ColumnPlan] = []
    pending = next(chunks, None)
    while pending is not None:
        parts.append(f"{prefix}/part-{len(parts):05d}.{fmt}")
        with store.atomic_writer(parts[-1]) as sink:
            writer = table.writer(sink)
            rows_in_part = 0
            while pending is not None and (rows_in_part == 0 or rows_in_part < chunk_rows):
                plans = plans or plan_columns(engine, policy, names, pending.view)
                writer.write(pending, [None] * pending.view.num_columns, names)
                rows_in_part += pending.view.num_rows
                release_free_memory()
                pending = next(chunks, None)
            writer.close(names)
    dialect = {"encoding": "utf-8", "delimiter": table.dialect.delimiter} if fmt == "csv" else None  # parts are UTF-8
    return {"rows": total, "parts": parts, "plans": [asdict(p) for p in plans], "dialect": dialect}


def combine_reports(reports: list[dict]) -> dict:
    """One report for a fanned-out job: the parts' rows and per-column counts summed."""
    first = dict(reports[0])
    columns = {c["name"]: dict(c) for c in first["columns"]}
    for report in reports[1:]:
        for c in report["columns"]:
            if c["name"] in columns:
                columns[c["name"]]["values_masked"] += c["values_masked"]
                columns[c["name"]]["entities_found"] += c["entities_found"]
                columns[c["name"]]["propagated"] += c.get("propagated", 0)
            else:
                columns[c["name"]] = dict(c)
    first["rows"] = sum(r["rows"] for r in reports)
    if any("restored" in r for r in reports):
        restored = sum((Counter(r.get("restored", {})) for r in reports), Counter())
        first["restored"] = dict(sorted(restored.items()))
    first["columns"] = list(columns.values())
    first["parts"] = len(reports)
    return first
