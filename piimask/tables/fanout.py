"""Whether a table job is split into parts, and into how many: by its bytes, and by the model work it holds.

A table's cost is rarely its bytes: structured columns mask at tens of thousands of rows a second, while each
distinct free-text value goes through the model (milliseconds each on a CPU). A 23 MB CSV with 29,000 distinct
notes is minutes of model work, so it is split by that work as well, and the parts run on every worker at once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import pyarrow.compute as pc

from piimask.engine import MaskingEngine
from piimask.policy import Policy
from piimask.tables.blobstore import BlobStore
from piimask.tables.formats import open_format
from piimask.tables.plan import ColumnPlan, plan_columns


@dataclass(frozen=True)
class TableWork:
    """What a table holds, read from its first batch with the job's own column plan."""

    rows: int
    text_chars: int  # estimated characters of free text the model reads for the whole table (see estimate_work)
    plans: list[ColumnPlan]  # the plan of the first batch: what a job on the whole table would plan
    # the opened table, its rows counted (a CSV's parse block grown to fit its largest row): the split reuses it
    # rather than parse the whole input a second time
    table: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class FanOut:
    parts: int  # 1: the job runs whole
    reason: str  # "bytes", "text", "bytes+text" or "" (not split)


def estimate_work(
    engine: MaskingEngine, policy: Policy, store: BlobStore, source: str, fmt: str, *, batch_rows: int
) -> TableWork:
    """Plan the columns on the first batch, as a job does, and estimate the model's work on the whole table: the
    characters of the first batch's distinct free-text ("text" mode) values, per row, times the rows.

    Per batch, because a job masks each distinct value of a batch once and its column caches are bounded (a value
    seen batches ago is often masked again): on the bench's 100,000 rows with 29,000 distinct notes one job masks
    about 66,000 notes (its caches simulated), and the first batch's 8,400 distinct notes of 9,800 rows extrapolate
    to 85,000. A note repeated all over the table counts once per batch, so such a table is not split for it.
    """
    table = open_format(store, source, fmt)
    rows = table.count_rows()
    names, chunks = table.read(batch_rows, rows)
    first = next(chunks, None)
    close = getattr(chunks, "close", None)
    if close is not None:
        close()  # only the first batch is read here
    if first is None or first.view.num_rows == 0:
        return TableWork(rows, 0, [], table)
    view = first.view
    plans = plan_columns(engine, policy, names, view)
    chars = 0
    for plan in plans:
        if plan.mode == "text":
            distinct = pc.unique(view.column(plan.name))
            chars += pc.sum(pc.utf8_length(distinct)).as_py() or 0
    return TableWork(rows, round(chars / view.num_rows * rows), plans, table)


def fan_out_for(
    work: TableWork,
    size_bytes: int,
    *,
    workers: int,
    fanout_bytes: int,
    part_rows: int,
    fanout_text_chars: int,
    part_text_chars: int,
) -> FanOut:
    """How many parts: of at most `part_rows` rows for an input above `fanout_bytes`; at least two, of at most about
    `part_text_chars` of free text, for a table whose estimated free text is above `fanout_text_chars`; the larger
    count, rounded up to a multiple of the `workers` serving the queue so that they finish together: on the bench,
    5 even parts on 2 workers took 0.62 of one worker's time, the time of 3 parts against 5."""
    by_bytes = math.ceil(work.rows / part_rows) if size_bytes > fanout_bytes else 1
    by_text = max(2, math.ceil(work.text_chars / part_text_chars)) if work.text_chars > fanout_text_chars else 1
    parts = max(1, by_bytes, by_text)
    if parts == 1:
        return FanOut(1, "")
    if workers > 1:
        parts = math.ceil(parts / workers) * workers
    reasons = [name for name, n in (("bytes", by_bytes), ("text", by_text)) if n > 1]
    return FanOut(parts, "+".join(reasons))
