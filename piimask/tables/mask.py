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
from collections.abc import Callable, Iterator
from dataclasses import asdict, replace

import pyarrow as pa
import pyarrow.compute as pc
from faker.providers.lorem.en_US import Provider as LoremProvider

from piimask.engine import MaskingEngine
from piimask.errors import TableError
from piimask.operators import DateShift, DateShiftParams, fpe_restore, unmask_tokens
from piimask.policy import Policy
from piimask.tables.blobstore import BlobStore
from piimask.tables.fanout import TableWork
from piimask.tables.formats import Chunk, CsvDialect, open_format
from piimask.tables.plan import ColumnPlan, plan_columns
from piimask.tables.risk import (
    SAMPLE_ROWS,
    ClassCounter,
    RiskPlan,
    TableRisk,
    meets_target,
    plan_generalization,
    write_counts,
)

TEXT_SLICE = 256  # free-text values per model call

# A row's entity values that are masked again inside the same row's free text: long enough to mean something, and
# not an ordinary English word (a `city` of "Reading" or a `company` of "Will" must not rewrite every note).
KNOWN_VALUE_MIN_CHARS = 3
ORDINARY_WORDS = frozenset(w.casefold() for w in LoremProvider.word_list)


class _ColumnMasker:
    """Masks one column's arrays batch after batch, each distinct value once."""

    cache_limit = (
        20_000  # distinct values remembered per column across batches (a 2 GB CSV peaked at 1,060 MiB with 200k)
    )

    def __init__(self, engine: MaskingEngine, policy: Policy, plan: ColumnPlan):
        self.engine, self.policy, self.plan = engine, policy, plan
        self.cache: dict[str, str] = {}
        # unmask columns: what each distinct value restored, by entity type, and the sum over every cell (audit)
        self._restored_in: dict[str, Counter[str]] = {}
        self.restored: Counter[str] = Counter()
        self.generalize: Callable[[str], str] | None = None  # "generalize" columns: the risk plan's chosen level
        # a date_shift by subject: each cell moves by its row's subject, so cells are masked per (subject, value)
        self.shift = self._date_shift()
        self.subject = self.shift.subject if self.shift is not None else None
        self._pairs: dict[tuple[str, str], str] = {}
        self._subjects: list[str | None] = []  # this batch's subjects, for the replacements in free text

    def _date_shift(self) -> DateShiftParams | None:
        if self.plan.mode == "entity":
            bound = self.policy.column_operator(self.plan.name, self.plan.entity or "DEFAULT")
        elif self.plan.mode == "unmask" and (spec := self.policy.columns.get(self.plan.name)) and spec.operator:
            bound = self.policy.column_operator(self.plan.name, spec.entity or "DEFAULT")
        else:
            return None
        return bound.params if bound.name == "date_shift" and bound.params.subject else None

    def __call__(self, array: pa.Array, subjects: pa.Array | None = None) -> pa.Array | None:
        """The masked column, or None when it is kept as it is. A date_shift column takes its rows' `subjects`."""
        if self.plan.mode == "keep":
            return None
        if self.subject is not None:
            if subjects is None:
                raise TableError(f"date_shift: the subject column {self.subject!r} is not in the table")
            return self._shift_by_subject(array, subjects)
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

    def _shift_by_subject(self, array: pa.Array, subjects: pa.Array) -> pa.Array:
        unmask = self.plan.mode == "unmask"
        self._subjects = subjects.to_pylist()
        out = []
        for value, subject in zip(array.to_pylist(), self._subjects):
            if not value or (not unmask and self.policy.allows(value)):
                out.append(value)
                continue
            pair = (subject or "", value)
            done = self._pairs.get(pair)
            if done is None:
                if len(self._pairs) >= self.cache_limit:
                    self._pairs.clear()  # bounded memory, as for the value cache
                done = self._pairs[pair] = self._shift_one(value, subject or "")
            if done != value:
                self.plan.values_masked += 1
                if unmask:
                    self.restored[self.plan.entity or "DATE_TIME"] += 1
            out.append(done)
        return pa.array(out, pa.string())

    def _shift_one(self, value: str, subject: str) -> str:
        assert self.shift is not None
        if self.plan.mode == "unmask":  # what is not a date (a placeholder) has nothing to restore
            key_id = self.policy.columns[self.plan.name].key_id
            return DateShift.shift(value, subject, self.shift, self.engine.crypto, key_id=key_id, reverse=True) or value
        return DateShift.shift(value, subject, self.shift, self.engine.crypto) or f"<{self.plan.entity or 'DATE_TIME'}>"

    def _mask(self, values: list[str]) -> list[str]:
        if self.plan.mode == "unmask":
            return [self._unmask(v) for v in values]
        if self.plan.mode == "generalize":
            if self.generalize is None:
                raise RuntimeError(f"column {self.plan.name!r} is generalized but has no risk plan")
            return [self.generalize(v) for v in values]
        if self.plan.mode == "entity":
            return [
                self.engine.mask_value(v, self.plan.entity or "DEFAULT", self.policy, self.plan.name) for v in values
            ]
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
        keep = [
            (n, exact)
            for n, exact in found.items()
            if len(n) >= KNOWN_VALUE_MIN_CHARS and n.casefold() not in ORDINARY_WORDS
        ]
        return sorted(keep, key=lambda item: len(item[0]), reverse=True)

    def replacement(self, needle: str, row: int | None = None) -> str:
        """The column's own masked form of `needle` (so a hashed or encrypted name joins with its column); for a
        date shifted by subject, by the subject of `row` of the current batch."""
        if self.subject is not None and row is not None and row < len(self._subjects):
            return self._shift_one(needle, self._subjects[row] or "")
        if needle not in self.cache:
            self.cache[needle] = self.engine.mask_value(
                needle, self.plan.entity or "DEFAULT", self.policy, self.plan.name
            )
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
    risk_plan: RiskPlan | None = None,
    classes_out: str | None = None,
    work: TableWork | None = None,
) -> dict | None:
    """Mask `source` into `destination` (same format). Returns the report, or None when stopped before the end.

    The output appears at `destination` only when complete; a stop or an error leaves nothing there. A part of a
    fanned-out job passes the parent's `plans` (so every part masks alike), and all but the first part of a CSV
    are written without a header. A whole job may pass `work` (`estimate_work`'s: the table opened and counted
    already) and, unless it generalizes, that work's plan as `plans`: the plan of the same first batch.

    With `policy.quasi_identifiers` the report gains a `risk` section, counted on the rows as written. With
    `policy.risk` the quasi-identifiers are first counted over the whole table (a planning pass that keeps only
    those columns and the sensitive ones; a part gets its parent's `risk_plan` instead), the search picks their
    levels, and the rows of classes still below the target are left out. A part passes `classes_out`: where it
    leaves its class counts for the merge, which checks the target on the whole table.
    """
    table, total = _open_counted(store, source, fmt, dialect, work)
    if max_rows and total > max_rows:
        raise TableError(f"the table has {total} rows; the limit is {max_rows} (PIIMASK_MAX_TABLE_ROWS)")
    on_total(total)
    given = {p.name: p for p in plans or []}
    maskers: dict[str, _ColumnMasker] = {}
    if policy.generalizes and risk_plan is None:
        if plans is not None:
            raise ValueError("a part of a fanned-out job needs its parent's risk plan")
        risk_plan = _plan_risk(engine, policy, table, batch_rows, total, maskers, should_stop)
        if risk_plan is None:
            return None
    risk = TableRisk(policy, risk_plan) if policy.measures_risk else None
    names, chunks = table.read(batch_rows, total)
    if fmt != "jsonl":  # a JSON key may first appear in a later row; other formats name every column up front
        _check_risk_columns(policy, names)
    rows = 0
    risk_section: dict | None = None
    try:
        with store.atomic_writer(destination) as sink:
            writer = table.writer(sink, header)
            for chunk in chunks:
                if should_stop():
                    raise _Stopped  # inside the writer's block, so nothing is committed
                _plan_new_columns(engine, policy, maskers, given, chunk.view, risk_plan)
                originals = {n: chunk.view.column(i) for i, n in enumerate(chunk.view.schema.names)}
                masked = _mask_chunk(maskers, originals)
                propagate_known_values(maskers, originals, masked)
                rows += chunk.view.num_rows
                if risk is not None:
                    chunk, masked = _leave_out_and_count(risk, chunk, originals, masked)
                writer.write(chunk, [masked[n] for n in originals], names)
                release_free_memory()
                on_progress(rows)
            if risk is not None:
                _check_risk_columns(policy, names)
                counts = risk.counter.table()
                if classes_out is not None:
                    write_counts(store, classes_out, counts)
                risk_section = risk.report(counts)
                if policy.generalizes and classes_out is None and not meets_target(risk_section):
                    raise TableError(MISSED_TARGET)
            writer.close(names)
    except _Stopped:
        return None
    plans = [m.plan for m in maskers.values()] or [ColumnPlan(n, "keep", None, "none") for n in names]
    restored = sum((m.restored for m in maskers.values()), Counter())
    report = {"format": fmt, **table.describe(), "rows": rows, "columns": [asdict(p) for p in plans]}
    if policy.unmasks:
        report["restored"] = dict(sorted(restored.items()))  # values restored per entity type (the audit's counts)
    if risk_section is not None:
        report["risk"] = risk_section
    return report


# The search counted the sensitive columns as their maskers write them; only free text, whose cells also take the
# row's other values, can end up with fewer distinct values than counted.
MISSED_TARGET = (
    "risk: the rows as written miss the l target: masking a sensitive column merged some of its values; keep the "
    "sensitive columns as they are (columns: {name: {mode: keep}}) or lower risk.l"
)


def _plan_new_columns(
    engine: MaskingEngine,
    policy: Policy,
    maskers: dict[str, _ColumnMasker],
    given: dict[str, ColumnPlan],
    view: pa.RecordBatch,
    risk_plan: RiskPlan | None,
) -> None:
    """A masker for each column not seen before: the first batch, or JSON keys first seen later."""
    columns = view.schema.names
    unplanned = [n for n in columns if n not in maskers and n not in given]
    if unplanned:
        for plan in plan_columns(engine, policy, unplanned, view.select(unplanned)):
            maskers[plan.name] = _ColumnMasker(engine, policy, plan)
    for n in columns:
        if n not in maskers:
            maskers[n] = _ColumnMasker(engine, policy, replace(given[n], values_masked=0, entities_found=0))
        if risk_plan is not None and maskers[n].plan.mode == "generalize" and maskers[n].generalize is None:
            maskers[n].generalize = risk_plan.generalizer(n)


def _mask_chunk(
    maskers: dict[str, _ColumnMasker], originals: dict[str, pa.Array], only: list[str] | None = None
) -> dict[str, pa.Array | None]:
    """Each column of the batch masked (or `only` those), in the batch's order. A date shifted by subject takes
    its subject column as read, or as restored when this job unmasks that column (the dates moved by the value)."""
    masked: dict[str, pa.Array | None] = {}
    busy: set[str] = set()

    def one(name: str) -> pa.Array | None:
        if name not in masked:
            masker, subjects = maskers[name], None
            if masker.subject is not None and masker.subject in originals:
                if name in busy:
                    raise TableError("date_shift: two columns name each other as their subject")
                busy.add(name)
                restored = one(masker.subject) if maskers[masker.subject].plan.mode == "unmask" else None
                subjects = restored if restored is not None else originals[masker.subject]
            masked[name] = masker(originals[name], subjects)
        return masked[name]

    for name in originals if only is None else [n for n in only if n in originals]:
        one(name)
    return {n: masked[n] for n in originals if n in masked}


def _written(originals: dict[str, pa.Array], masked: dict[str, pa.Array | None], name: str, rows: int) -> pa.Array:
    """A column as it is written: masked, else as read, else (a JSON key this batch lacks) missing."""
    if masked.get(name) is not None:
        return masked[name]
    return originals[name] if name in originals else pa.nulls(rows, pa.string())


def _leave_out_and_count(
    risk: TableRisk, chunk: Chunk, originals: dict[str, pa.Array], masked: dict[str, pa.Array | None]
) -> tuple[Chunk, dict[str, pa.Array | None]]:
    """Drop the batch's rows in suppressed classes, and count the classes of the rows that stay."""
    rows = chunk.view.num_rows
    written = [_written(originals, masked, n, rows) for n in risk.columns]
    keep = risk.kept_rows(written[: len(risk.policy.quasi_identifiers)])
    if keep is not None:
        raw = (
            chunk.raw.filter(keep)
            if isinstance(chunk.raw, pa.RecordBatch)
            else [obj for obj, kept in zip(chunk.raw, keep.to_pylist()) if kept]
        )
        view = chunk.view.filter(keep)
        chunk = Chunk(view, view if chunk.raw is chunk.view else raw)
        masked = {n: None if a is None else pc.filter(a, keep) for n, a in masked.items()}
        written = [pc.filter(a, keep) for a in written]
    risk.count(written)
    return chunk, masked


def _check_risk_columns(policy: Policy, names: list[str]) -> None:
    for field in ("quasi_identifiers", "sensitive"):
        for name in getattr(policy, field):
            if name not in names:
                raise TableError(f"{field}: {name!r} is not a column of the table")


class _RiskCounts:
    """The planning pass's counts: quasi-identifiers as read, sensitive columns as their maskers will write them,
    and the first values of each quasi-identifier (which choose its hierarchy when the policy names none)."""

    def __init__(self, policy: Policy):
        self.policy = policy
        self.counter = ClassCounter(len(policy.quasi_identifiers) + len(policy.sensitive))
        self.samples: dict[str, list[str]] = {n: [] for n in policy.quasi_identifiers}

    def add(self, view: pa.RecordBatch, maskers: dict[str, _ColumnMasker]) -> None:
        originals = {n: view.column(i) for i, n in enumerate(view.schema.names)}
        rows = view.num_rows
        quasi = [_written(originals, {}, n, rows) for n in self.policy.quasi_identifiers]
        for name, array in zip(self.policy.quasi_identifiers, quasi):
            sample = self.samples[name]
            if len(sample) < SAMPLE_ROWS:
                sample.extend(v for v in array.slice(0, 4 * SAMPLE_ROWS).to_pylist() if v and v.strip())
                del sample[SAMPLE_ROWS:]
        masked = _mask_chunk(maskers, originals, only=self.policy.sensitive)
        self.counter.add(quasi + [_written(originals, masked, n, rows) for n in self.policy.sensitive])

    def plan(self) -> RiskPlan:
        return plan_generalization(self.counter.table(), self.policy, self.samples)


def _plan_risk(
    engine: MaskingEngine,
    policy: Policy,
    table,
    batch_rows: int,
    total: int,
    maskers: dict[str, _ColumnMasker],
    should_stop: Callable[[], bool],
) -> RiskPlan | None:
    """The planning pass of a job that generalizes: count, then search. The maskers it plans are kept for the
    masking pass (their caches too); their counts start again from zero."""
    names, chunks = table.read(batch_rows, total)
    counts = _RiskCounts(policy)
    for chunk in chunks:
        if should_stop():
            return None
        _plan_new_columns(engine, policy, maskers, {}, chunk.view, None)
        counts.add(chunk.view, maskers)
        release_free_memory()
    _check_risk_columns(policy, names)
    for masker in maskers.values():
        masker.plan = replace(masker.plan, values_masked=0, entities_found=0, propagated=0)
        masker.restored.clear()
    return counts.plan()


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
                    text, count = pattern.subn(lambda _, n=needle, m=masker, r=row: m.replacement(n, r), text)
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
    parts: int,
    batch_rows: int,
    work: TableWork | None = None,
) -> dict:
    """Cut `source` into `parts` part files of equal rows (to a row: a read batch may end in the next part; rows stay
    whole and in order) under the folder `prefix`. The columns are planned once, from the first batch of
    `batch_rows` rows as a job on the whole table plans them, so every part masks alike: `work` (`estimate_work`'s)
    brings that plan and the opened, counted table."""
    table, total = _open_counted(store, source, fmt, None, work)
    parts = max(1, min(parts, total))
    ends = [total * (k + 1) // parts for k in range(parts)]  # the row each part ends before; the last takes the rest
    names, chunks = table.read(batch_rows, total)
    paths: list[str] = []
    plans = list(work.plans if work is not None else [])
    # With a risk target the split is also the planning pass: the whole table's counts decide the levels that
    # every part then applies (a part alone could not know its rows' classes).
    counts = _RiskCounts(policy) if policy.generalizes else None
    maskers: dict[str, _ColumnMasker] = {}

    def batches() -> Iterator[Chunk]:
        """The input's batches, each planned and counted once, whichever parts its rows go to."""
        nonlocal plans
        for chunk in chunks:
            plans = plans or plan_columns(engine, policy, names, chunk.view)
            if counts is not None:
                _plan_new_columns(engine, policy, maskers, {p.name: p for p in plans}, chunk.view, None)
                counts.add(chunk.view, maskers)
            yield chunk
            release_free_memory()

    read = batches()
    pending = next(read, None)
    done = 0
    try:
        while pending is not None:
            paths.append(f"{prefix}/part-{len(paths):05d}.{fmt}")
            last = len(paths) == parts
            with store.atomic_writer(paths[-1]) as sink:
                writer = table.writer(sink)
                while pending is not None and (last or done < ends[len(paths) - 1]):
                    rows = pending.view.num_rows
                    take = rows if last else min(rows, ends[len(paths) - 1] - done)
                    head, rest = (pending, None) if take == rows else _cut(pending, take)
                    writer.write(head, [None] * head.view.num_columns, names)
                    done += take
                    pending = rest if rest is not None else next(read, None)
                writer.close(names)
        if policy.measures_risk:
            _check_risk_columns(policy, names)
        risk_plan = counts.plan() if counts is not None else None
    except TableError:
        store.remove(prefix)  # the job fails for good: its parts are never masked
        raise
    dialect = {"encoding": "utf-8", "delimiter": table.dialect.delimiter} if fmt == "csv" else None  # parts are UTF-8
    return {
        "rows": total,
        "parts": paths,
        "plans": [asdict(p) for p in plans],
        "dialect": dialect,
        "risk_plan": risk_plan,
    }


def _open_counted(store: BlobStore, source: str, fmt: str, dialect: CsvDialect | None, work: TableWork | None):
    """The input table and its row count: the ones `work` (`estimate_work`'s) opened and counted, or opened and
    counted now (a fast parse-only pass, so that progress has a rows_total)."""
    if work is not None and work.table is not None:
        return work.table, work.rows
    table = open_format(store, source, fmt, dialect)
    return table, table.count_rows()


def _cut(chunk: Chunk, rows: int) -> tuple[Chunk, Chunk]:
    """A batch's first `rows` rows and the rest, each with its raw rows (the input's own batch, or JSON objects)."""

    def part(start: int, length: int) -> Chunk:
        view = chunk.view.slice(start, length)
        if chunk.raw is chunk.view:
            return Chunk(view, view)
        if isinstance(chunk.raw, pa.RecordBatch):
            return Chunk(view, chunk.raw.slice(start, length))
        return Chunk(view, chunk.raw[start : start + length])

    return part(0, rows), part(rows, chunk.view.num_rows - rows)


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
