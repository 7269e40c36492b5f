"""Re-identification risk for tables: equivalence classes over the quasi-identifiers, the risk report, and the search
for the generalization that reaches a k-anonymity (and l-diversity) target.

Counting: `ClassCounter` keeps each distinct combination of quasi-identifier (and sensitive) values with its number
of rows, as an Arrow table regrouped as batches arrive, so memory follows the number of distinct combinations, not
the rows. Past MAX_COMBINATIONS of them the job fails with a clear error rather than grow without bound (the
quasi-identifiers are then close to unique: give them coarser hierarchies or name fewer). A fanned-out job's parts
each count their own rows and the merge adds the counts, so its report is the one a single job would give.

Search (ARX-style, over the lattice of levels): one pass over the data gives the counts at level 0; each candidate
node (one level per quasi-identifier) is then evaluated in memory from those counts, since every hierarchy nests
(a level is a function of the level below). A node is feasible when the rows of its classes below k (or below l
distinct sensitive values) are at most `suppress_max` of all rows; those rows are left out of the output. The
information loss of a node is the mean generalization height of the quasi-identifiers (level / height, Sweeney's
precision) over the rows kept, each suppressed row counting as fully generalized; nodes are visited by increasing
height, and the search stops once no node left can beat the best loss found. Ties go to fewer suppressed rows,
then to lower levels in the policy's order: the same counts and policy always give the same choice.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from pydantic import BaseModel, Field

from piimask.errors import TableError
from piimask.policy import HierarchySpec, Policy, RiskSpec
from piimask.tables.blobstore import BlobStore
from piimask.tables.hierarchies import Hierarchy, build_hierarchy, infer_kind

MAX_COMBINATIONS = 2_000_000  # distinct (quasi-identifier, sensitive) combinations one job counts in memory
MAX_LATTICE_NODES = 20_000  # product over the quasi-identifiers of (height + 1)
SAMPLE_ROWS = 64  # values per quasi-identifier that choose its hierarchy when the policy names none
_MERGE_ROWS = 1 << 16  # grouped rows held back before they are merged into the running counts
# Class sizes in the report, as ranges of sizes: (low, high), high None for "and above".
SIZE_BINS = ((1, 1), (2, 2), (3, 4), (5, 9), (10, 19), (20, 49), (50, 99), (100, 999), (1000, None))


# ---------------------------------------------------------------- counting


def _strings(array: pa.Array | pa.ChunkedArray) -> pa.Array:
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    return array if array.type == pa.string() else pc.cast(array, pa.string())


def _grouped(table: pa.Table, keys: list[str]) -> pa.Table:
    out = table.group_by(keys, use_threads=False).aggregate([("n", "sum")])
    return out.select([*keys, "n_sum"]).rename_columns([*keys, "n"])


class ClassCounter:
    """Rows per distinct combination of `width` string columns (nulls are values of their own)."""

    def __init__(self, width: int, limit: int = MAX_COMBINATIONS):
        self.keys = [f"c{i}" for i in range(width)]
        self.limit = limit
        self._merged: pa.Table | None = None
        self._pending: list[pa.Table] = []
        self._pending_rows = 0

    def add(self, arrays: Sequence[pa.Array]) -> None:
        rows = len(arrays[0]) if arrays else 0
        if rows:
            columns = [_strings(a) for a in arrays] + [pa.array(np.ones(rows, dtype=np.int64))]
            self.add_counts(_grouped(pa.table(columns, names=[*self.keys, "n"]), self.keys))

    def add_counts(self, counts: pa.Table) -> None:
        """Counts made by another counter of the same width (a part's)."""
        self._pending.append(counts.select([*self.keys, "n"]))
        self._pending_rows += counts.num_rows
        if self._pending_rows >= max(_MERGE_ROWS, (self._merged.num_rows if self._merged is not None else 0) // 4):
            self._merge()

    def _merge(self) -> None:
        tables = ([self._merged] if self._merged is not None else []) + self._pending
        self._pending, self._pending_rows = [], 0
        if tables:
            self._merged = _grouped(pa.concat_tables(tables), self.keys)
            # Arrow's allocator keeps the group-by's hash tables once freed (measured: +190 MiB of RSS for 28 MiB of
            # counts at 650,000 combinations); hand them back so a worker's peak follows the counts
            pa.default_memory_pool().release_unused()
            if self._merged.num_rows > self.limit:
                raise TableError(
                    f"the quasi-identifiers take more than {self.limit:,} distinct combinations, the most a job "
                    "counts in memory: they nearly single out every row; give them coarser hierarchies or name fewer"
                )

    def table(self) -> pa.Table:
        self._merge()
        if self._merged is None:
            return pa.table({**{k: pa.array([], pa.string()) for k in self.keys}, "n": pa.array([], pa.int64())})
        return self._merged


def write_counts(store: BlobStore, path: str, counts: pa.Table) -> None:
    with store.atomic_writer(path) as sink:
        pq.write_table(counts, sink)


def read_counts(store: BlobStore, path: str) -> pa.Table:
    if not store.exists(path):
        raise TableError("a part's class counts are missing (the part did not finish)")
    with store.open(path) as f:
        return pq.read_table(f)


def class_counts_path(output: str) -> str:
    """Where a part job leaves the class counts of its output (next to it, in the job's work folder)."""
    return f"{output}.classes.parquet"


def risk_plan_path(workdir: str) -> str:
    """Where a fanned-out job leaves the generalization its parts apply."""
    return f"{workdir}/risk-plan.json"


# ---------------------------------------------------------------- the report


def _histogram(sizes: np.ndarray) -> dict[str, dict[str, int]]:
    out = {}
    for low, high in SIZE_BINS:
        inside = (sizes >= low) & (sizes <= high) if high is not None else sizes >= low
        if inside.any():
            label = str(low) if low == high else (f"{low}-{high}" if high is not None else f"{low}+")
            out[label] = {"classes": int(inside.sum()), "rows": int(sizes[inside].sum())}
    return out


def risk_report(counts: pa.Table, quasi_identifiers: list[str], sensitive: list[str], target: RiskSpec | None) -> dict:
    """The risk section of a table job's report, from the counts of its output: counts and shares only, no value.

    `counts` holds the quasi-identifier columns, then the sensitive ones, then `n` (a `ClassCounter`'s table).
    Prosecutor risk is 1 / the size of a row's class: its maximum, and its average over the rows (classes / rows).
    """
    q = len(quasi_identifiers)
    keys = counts.column_names[:q]
    sens = counts.column_names[q : q + len(sensitive)]
    aggregates = [("n", "sum")] + [(s, "count_distinct", pc.CountOptions(mode="all")) for s in sens]
    classes = counts.group_by(keys, use_threads=False).aggregate(aggregates)
    pa.default_memory_pool().release_unused()  # as in ClassCounter._merge
    sizes = classes.column("n_sum").to_numpy(zero_copy_only=False).astype(np.int64)
    rows, n_classes = int(sizes.sum()), len(sizes)
    smallest = int(sizes.min()) if n_classes else None
    report: dict = {
        "quasi_identifiers": list(quasi_identifiers),
        "sensitive": list(sensitive),
        "rows": rows,
        "classes": n_classes,
        "k": smallest,
        "class_sizes": _histogram(sizes),
        "prosecutor_risk": {
            "max": round(1 / smallest, 6) if smallest else 0.0,
            "average": round(n_classes / rows, 6) if rows else 0.0,
        },
        "target": target.model_dump(exclude={"hierarchies"}) if target is not None else None,
    }
    if target is not None:
        below = int(sizes[sizes < target.k].sum())
        report["rows_below_k"] = below
        report["share_below_k"] = round(below / rows, 6) if rows else 0.0
    if sensitive:
        diversity = {}
        for name, column in zip(sensitive, sens):
            distinct = classes.column(f"{column}_count_distinct").to_numpy(zero_copy_only=False)
            entry: dict = {"l": int(distinct.min()) if n_classes else None}
            if target is not None and target.l is not None:
                entry["rows_below_l"] = int(sizes[distinct < target.l].sum())
            diversity[name] = entry
        report["l_diversity"] = diversity
    return report


def meets_target(report: dict) -> bool:
    """True when the output's classes all reach the target (an empty output does)."""
    target = report.get("target")
    if not target or not report["rows"]:
        return True
    if report["k"] < target["k"]:
        return False
    if target.get("l") is not None:
        return all(entry["l"] >= target["l"] for entry in report.get("l_diversity", {}).values())
    return True


# ---------------------------------------------------------------- the generalization plan


class QuasiIdentifierLevel(BaseModel):
    """The hierarchy one quasi-identifier was given and the level chosen in it."""

    name: str
    kind: str
    height: int
    level: int = 0
    bands: list[int] | None = None
    mapping: list[dict[str, str]] | None = None  # the policy's own groups (kept in the plan, never in a report)

    def hierarchy(self) -> Hierarchy:
        spec = (
            HierarchySpec(type=self.kind, bands=self.bands, mapping=self.mapping)
            if self.bands or self.mapping
            else None
        )
        return build_hierarchy(self.kind, spec, longest=self.height)


class RiskPlan(BaseModel):
    """What the search chose, applied alike by every batch and every part. `suppressed` holds the generalized
    combinations whose rows are left out: values, so the plan lives in the blob store beside the data (a fanned-out
    job's work folder), never in a report or in Redis."""

    levels: list[QuasiIdentifierLevel]
    suppressed: list[list[str | None]] = Field(default_factory=list)
    rows: int = 0
    rows_suppressed: int = 0
    information_loss: float = 0.0
    lattice_nodes: int = 1
    nodes_evaluated: int = 0

    def generalizer(self, name: str):
        """The function that writes a value of quasi-identifier `name` at its chosen level."""
        entry = next(e for e in self.levels if e.name == name)
        hierarchy, level = entry.hierarchy(), entry.level
        return lambda value: hierarchy.levels(value)[level]

    def suppressed_set(self) -> frozenset[tuple[str | None, ...]]:
        return frozenset(tuple(c) for c in self.suppressed)

    def summary(self) -> dict:
        """The report's account of the generalization: levels, loss and suppression counts, no value."""
        levels = {}
        for e in self.levels:
            levels[e.name] = {
                "kind": e.kind,
                "level": e.level,
                "of": e.height,
                "name": e.hierarchy().level_name(e.level),
            }
        return {
            "levels": levels,
            "information_loss": self.information_loss,
            "rows_suppressed": self.rows_suppressed,
            "share_suppressed": round(self.rows_suppressed / self.rows, 6) if self.rows else 0.0,
            "lattice_nodes": self.lattice_nodes,
            "nodes_evaluated": self.nodes_evaluated,
        }


@dataclass
class _Dimension:
    """One quasi-identifier over the counted combinations: each combination's value, and that value's group code
    and label at every level."""

    entry: QuasiIdentifierLevel
    base: np.ndarray  # per combination: the index of its value among the column's distinct values (nulls last)
    codes: list[np.ndarray]  # per level: distinct value index → group code
    labels: list[list[str | None]]  # per level: group code → label

    @property
    def height(self) -> int:
        return self.entry.height

    @classmethod
    def build(cls, entry: QuasiIdentifierLevel, column: pa.ChunkedArray) -> _Dimension:
        distinct = sorted(v for v in pc.unique(column).to_pylist() if v is not None)
        if entry.kind == "prefix":  # as tall as the longest value (up to the hierarchy's own limit)
            entry.height = build_hierarchy("prefix", None, longest=max(map(len, distinct), default=1)).height
        hierarchy = entry.hierarchy()
        base = pc.fill_null(pc.index_in(column, value_set=pa.array(distinct, pa.string())), len(distinct))
        codes, labels = [], []
        for level in range(entry.height + 1):  # level by level: one level's labels in memory at a time
            written = [hierarchy.levels(v)[level] for v in distinct]
            groups = sorted(set(written))
            position = {label: i for i, label in enumerate(groups)}
            codes.append(np.array([position[w] for w in written] + [len(groups)], dtype=np.int64))
            labels.append([*groups, None])  # the last code: missing values, never generalized
        return cls(entry, base.to_numpy(zero_copy_only=False).astype(np.int64), codes, labels)


@dataclass
class _Outcome:
    node: tuple[int, ...]
    classes: np.ndarray  # per combination: its class at this node
    bad: np.ndarray  # per class: below k (or l), so suppressed
    suppressed: int


class _Lattice:
    def __init__(self, dims: list[_Dimension], rows_of: np.ndarray, sensitive: list[np.ndarray], risk: RiskSpec):
        self.dims, self.rows_of, self.sensitive, self.risk = dims, rows_of, sensitive, risk
        self.evaluated = 0

    def precision(self, node: tuple[int, ...]) -> Fraction:
        heights = [(level, d.height) for level, d in zip(node, self.dims) if d.height]
        return sum((Fraction(lv, h) for lv, h in heights), Fraction(0)) / len(heights) if heights else Fraction(0)

    def _class_of(self, node: tuple[int, ...]) -> np.ndarray:
        key = np.zeros(len(self.rows_of), dtype=np.int64)
        radix = 1
        for dim, level in zip(self.dims, node):
            cardinality = len(dim.labels[level])
            if radix * cardinality >= 1 << 62:  # renumber the keys so far before they overflow
                _, key = np.unique(key, return_inverse=True)
                radix = int(key.max()) + 1 if len(key) else 1
            key = key + dim.codes[level][dim.base] * radix
            radix *= cardinality
        return np.unique(key, return_inverse=True)[1].reshape(-1)

    def evaluate(self, node: tuple[int, ...]) -> _Outcome:
        self.evaluated += 1
        classes = self._class_of(node)
        count = int(classes.max()) + 1 if len(classes) else 0
        sizes = np.bincount(classes, weights=self.rows_of, minlength=count).astype(np.int64)
        bad = sizes < self.risk.k
        for codes in self.sensitive:
            width = int(codes.max()) + 1
            pairs = np.unique(classes * width + codes)
            bad |= np.bincount(pairs // width, minlength=count) < self.risk.l
        return _Outcome(node, classes, bad, int(sizes[bad].sum()))

    def suppressed_labels(self, outcome: _Outcome) -> list[list[str | None]]:
        if not outcome.bad.any():
            return []
        sample = np.zeros(len(outcome.bad), dtype=np.int64)
        sample[outcome.classes] = np.arange(len(outcome.classes))  # any combination of a class: all share labels
        out = []
        for c in np.flatnonzero(outcome.bad):
            row = sample[c]
            out.append([d.labels[lv][d.codes[lv][d.base[row]]] for d, lv in zip(self.dims, outcome.node)])
        return sorted(out, key=lambda combo: [(v is None, v or "") for v in combo])


def _value_codes(column: pa.ChunkedArray) -> np.ndarray:
    """Each value's code among the column's distinct values (0 for a missing value)."""
    distinct = pc.unique(column).drop_null()
    return pc.fill_null(pc.index_in(column, value_set=distinct), -1).to_numpy(zero_copy_only=False).astype(np.int64) + 1


def hierarchy_entries(policy: Policy, samples: dict[str, list[str]]) -> list[QuasiIdentifierLevel]:
    """Each quasi-identifier's hierarchy: the policy's, else one chosen from its header and sampled values; a
    quasi-identifier the policy keeps is counted at level 0 only."""
    risk = policy.risk
    entries = []
    for name in policy.quasi_identifiers:
        spec = risk.hierarchies.get(name) if risk else None
        kept = name in policy.columns and policy.columns[name].mode == "keep"
        kind = "kept" if kept else (spec.type if spec else infer_kind(name, samples.get(name, [])))
        hierarchy = build_hierarchy(kind, spec)
        entries.append(
            QuasiIdentifierLevel(
                name=name,
                kind=kind,
                height=hierarchy.height,
                bands=list(spec.bands) if spec and spec.bands else None,
                mapping=[dict(m) for m in spec.mapping] if spec and spec.mapping else None,
            )
        )
    return entries


def plan_generalization(counts: pa.Table, policy: Policy, samples: dict[str, list[str]]) -> RiskPlan:
    """The lowest-loss levels that reach `policy.risk` with at most `suppress_max` of the rows suppressed.

    `counts` is a `ClassCounter`'s table over the quasi-identifiers then the sensitive columns (input values).
    Raises TableError, with counts only, when no node of the lattice reaches the target.
    """
    risk = policy.risk
    assert risk is not None
    q = len(policy.quasi_identifiers)
    keys = counts.column_names[:q]
    if risk.l is None:  # the sensitive columns do not matter to the search: one row per combination of keys
        counts = _grouped(counts.select([*keys, "n"]), keys)
    rows_of = counts.column("n").to_numpy(zero_copy_only=False).astype(np.float64)
    rows = int(rows_of.sum())
    entries = hierarchy_entries(policy, samples)
    dims = [_Dimension.build(entry, counts.column(i)) for i, entry in enumerate(entries)]
    sensitive = []
    if risk.l is not None:
        for column in counts.column_names[q : q + len(policy.sensitive)]:
            sensitive.append(_value_codes(counts.column(column)))
    lattice = _Lattice(dims, rows_of, sensitive, risk)
    nodes = list(itertools.product(*(range(d.height + 1) for d in dims)))
    if len(nodes) > MAX_LATTICE_NODES:
        raise TableError(
            f"risk: the quasi-identifiers' hierarchies make {len(nodes):,} combinations of levels, more than "
            f"{MAX_LATTICE_NODES:,}: name fewer quasi-identifiers or give them shorter hierarchies"
        )
    budget = math.floor(risk.suppress_max * rows + 1e-9)
    if rows == 0:
        return RiskPlan(levels=entries, rows=0, lattice_nodes=len(nodes))
    top = lattice.evaluate(tuple(d.height for d in dims))
    if top.suppressed > budget:  # the top of the lattice suppresses least: nothing below can do better
        goal = f"k={risk.k}" + (f" and l={risk.l}" if risk.l is not None else "")
        raise TableError(
            f"risk: no generalization of the quasi-identifiers reaches {goal} with at most {risk.suppress_max:.2%} "
            f"of the rows suppressed: even with every quasi-identifier at its top level, {top.suppressed} of "
            f"{rows} rows ({top.suppressed / rows:.2%}) would have to be; raise risk.suppress_max, lower the "
            "target, or name fewer quasi-identifiers"
        )
    best: tuple[tuple, _Outcome] | None = None
    for node in sorted(nodes, key=lambda n: (lattice.precision(n), sum(n), n)):
        precision = lattice.precision(node)
        if best is not None and precision > best[0][0]:
            break  # loss ≥ precision: no node from here on can beat the best
        outcome = top if node == top.node else lattice.evaluate(node)
        if outcome.suppressed > budget:
            continue
        share = Fraction(outcome.suppressed, rows)
        rank = (precision + share * (1 - precision), outcome.suppressed, sum(node), node)
        if best is None or rank < best[0]:
            best = (rank, outcome)
    assert best is not None  # the top node is feasible
    (loss, _, _, node), outcome = best
    for entry, level in zip(entries, node):
        entry.level = level
    return RiskPlan(
        levels=entries,
        suppressed=lattice.suppressed_labels(outcome),
        rows=rows,
        rows_suppressed=outcome.suppressed,
        information_loss=round(float(loss), 6),
        lattice_nodes=len(nodes),
        nodes_evaluated=lattice.evaluated,
    )


# ---------------------------------------------------------------- one table job's bookkeeping


class TableRisk:
    """A table job's risk bookkeeping while it writes: which rows the plan leaves out, and the classes of what is
    written (quasi-identifiers and sensitive columns as written, so the report is on the masked output)."""

    def __init__(self, policy: Policy, plan: RiskPlan | None):
        self.policy, self.plan = policy, plan
        self.columns = [*policy.quasi_identifiers, *policy.sensitive]
        self.counter = ClassCounter(len(self.columns))
        self._suppressed = plan.suppressed_set() if plan is not None else frozenset()

    def kept_rows(self, quasi_identifiers: Sequence[pa.Array]) -> pa.Array | None:
        """A filter of the rows to write, or None when every row of the batch is written."""
        if not self._suppressed:
            return None
        combos = zip(*(a.to_pylist() for a in quasi_identifiers))
        keep = [combo not in self._suppressed for combo in combos]
        return None if all(keep) else pa.array(keep, pa.bool_())

    def count(self, arrays: Sequence[pa.Array]) -> None:
        self.counter.add(arrays)

    def report(self, counts: pa.Table | None = None) -> dict:
        out = risk_report(
            self.counter.table() if counts is None else counts,
            self.policy.quasi_identifiers,
            self.policy.sensitive,
            self.policy.risk,
        )
        if self.plan is not None:
            out["generalization"] = self.plan.summary()
        return out


def merged_report(store: BlobStore, outputs: list[str], reports: list[dict]) -> dict:
    """A fanned-out job's risk section: the parts' class counts added up, reported as one table's."""
    first = reports[0]["risk"]
    counter = ClassCounter(len(first["quasi_identifiers"]) + len(first["sensitive"]))
    for output in outputs:
        counter.add_counts(read_counts(store, class_counts_path(output)))
    target = RiskSpec.model_validate(first["target"]) if first.get("target") else None
    out = risk_report(counter.table(), first["quasi_identifiers"], first["sensitive"], target)
    if "generalization" in first:
        out["generalization"] = first["generalization"]
    return out


def save_risk_plan(store: BlobStore, workdir: str, plan: RiskPlan) -> None:
    """A fanned-out job's plan, in its work folder (full path) where its parts read it."""
    with store.atomic_writer(risk_plan_path(workdir)) as sink:
        sink.write(plan.model_dump_json().encode())


def load_risk_plan(store: BlobStore, workdir: str) -> RiskPlan:
    path = risk_plan_path(workdir)
    if not store.exists(path):
        raise TableError("the fanned-out job's risk plan is missing from its work folder")
    with store.open(path) as f:
        return RiskPlan.model_validate_json(f.read())
