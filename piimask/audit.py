"""The audit trail of re-identification: one JSON line per unmask, apart from the operational logs.

Whoever holds the `unmask` scope can turn tokens back into personal data; a privacy officer must be able to say who
did, when, and how much. A record holds the time, the API key's id (a prefix of its hash, never the key), the scope
that allowed it, the request or job id and the counts of values restored per entity type: never a value.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from pydantic import BaseModel, Field

STDERR = "-"  # PIIMASK_AUDIT_LOG=- writes the records to standard error


class Caller(BaseModel):
    """Who asked: enough to audit the call, nothing that would let anyone make it again."""

    key_id: str | None = Field(description="sha256: and the first 12 hex digits of the key's hash; None: auth off")
    scope: str = Field(description="the scope that allowed the call (the one it needs, or admin)")


class AuditLog:
    """Appends records to a file (created 0600) or to standard error; safe to share between threads."""

    def __init__(self, target: Path | str) -> None:
        self.target = str(target)
        self._lock = threading.Lock()

    def _open(self) -> TextIO:
        if self.target == STDERR:
            return sys.stderr
        path = Path(self.target)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        return os.fdopen(fd, "a", encoding="utf-8")

    def unmasked(
        self,
        caller: Caller,
        restored: Mapping[str, int],
        *,
        where: str,
        request_id: str | None = None,
        job_id: str | None = None,
    ) -> dict:
        """Write the record of one unmask; returns it."""
        record = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "event": "unmask",
            "where": where,
            "key_id": caller.key_id,
            "scope": caller.scope,
            "request_id": request_id,
            "job_id": job_id,
            "restored": dict(sorted(restored.items())),
            "total": sum(restored.values()),
        }
        line = json.dumps(record) + "\n"
        with self._lock:
            out = self._open()
            try:
                out.write(line)  # one write of one line: O_APPEND keeps concurrent processes' records whole
                out.flush()
            finally:
                if out is not sys.stderr:
                    out.close()
        return record
