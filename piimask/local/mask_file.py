"""`python main.py mask-file IN OUT`: one local table through the same engine, with a progress bar, no Redis."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from crypto import CryptoManager, KeyringError
from piimask.engine import MaskingEngine
from piimask.errors import TableError
from piimask.model import TokenClassifier
from piimask.policy import parse_policy
from piimask.settings import Settings
from piimask.tables.blobstore import BlobStore
from piimask.tables.formats import detect_format
from piimask.tables.mask import mask_table


def mask_file(settings: Settings, source: Path, output: Path, policy_file: Path | None, fmt: str | None) -> int:
    try:
        fmt = detect_format(source.name, fmt)
        policy = parse_policy(json.loads(policy_file.read_text()) if policy_file else None)
        crypto = CryptoManager.from_settings(settings)
    except (TableError, KeyringError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    store = BlobStore("/")
    src, dst = str(source.resolve()), str(output.resolve())
    classifier = TokenClassifier.from_settings(settings, settings.table_checkpoint, settings.table_compile)
    classifier.warm_up()
    engine = MaskingEngine(classifier, crypto)
    try:
        columns = (TextColumn("masking"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=Console(stderr=True)) as bar:  # stdout carries the JSON report
            task = bar.add_task("rows", total=None)
            report = mask_table(
                engine,
                policy,
                store,
                src,
                dst,
                fmt,
                batch_rows=settings.table_batch_rows,
                on_total=lambda rows: bar.update(task, total=rows),
                on_progress=lambda rows: bar.update(task, completed=rows),
            )
    except TableError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(report, indent=1))
    return 0
