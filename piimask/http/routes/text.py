"""The v1 text routes: analyze, mask (one text or a batch) and unmask.

Analyze and mask are async and await the engine's future: the masking work runs on the inference thread, so a
request costs no worker-thread hop and the event loop stays free for /healthz under full load.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import asdict
from typing import Any

from fastapi import APIRouter

from piimask.audit import Caller
from piimask.engine import MaskResult
from piimask.errors import DeadlineExceeded
from piimask.http.deps import AuditDep, EngineDep, IdentityDep, SettingsDep, require
from piimask.http.limits import check_texts
from piimask.http.metrics import count_entities, count_unmasked
from piimask.http.schemas import (
    AnalyzeResponse,
    BatchRequest,
    BatchResponse,
    EntityOut,
    MaskedEntityOut,
    MaskResponse,
    Offsets,
    TextRequest,
    UnmaskRequest,
    UnmaskResponse,
)
from piimask.logs import request_id
from piimask.operators import fpe_restore, unmask_tokens
from piimask.policy import DEFAULT_POLICY
from piimask.settings import Settings

router = APIRouter(tags=["text"])


def _offsets(text: str, offsets: Offsets) -> Callable[[int], int]:
    """Code-point index → the index the caller asked for: itself, or the UTF-16 index (characters beyond the BMP
    count twice)."""
    if offsets == "codepoints" or text.isascii() or all(ord(ch) < 0x10000 for ch in text):
        return lambda i: i
    prefix = [0]
    for ch in text:
        prefix.append(prefix[-1] + (2 if ord(ch) > 0xFFFF else 1))
    return prefix.__getitem__


def _mask_out(result: MaskResult, text: str, offsets: Offsets) -> MaskResponse:
    at = _offsets(text, offsets)
    entities = [MaskedEntityOut(**{**asdict(e), "start": at(e.start), "end": at(e.end)}) for e in result.entities]
    return MaskResponse(masked_text=result.masked_text, entities=entities)


async def _awaited(later: Future, deadline: float) -> Any:
    """The engine's result, or `DeadlineExceeded` once the request's deadline has passed (the scheduler drops the
    model work still queued for it; work already under way is left to finish, unread)."""
    try:
        return await asyncio.wait_for(asyncio.wrap_future(later), max(0.0, deadline - time.monotonic()))
    except TimeoutError:
        raise DeadlineExceeded("the request ran past its deadline (PIIMASK_REQUEST_TIMEOUT_S)") from None


def _deadline(settings: Settings) -> float:
    return time.monotonic() + settings.request_timeout_s


@router.post("/v1/text/analyze", response_model=AnalyzeResponse, dependencies=[require("mask")])
async def analyze(body: TextRequest, settings: SettingsDep, engine: EngineDep) -> AnalyzeResponse:
    check_texts(settings, [body.text], field="text", listed=False)
    deadline = _deadline(settings)
    later = engine.analyze_later([body.text], body.policy or DEFAULT_POLICY, deadline)
    spans = (await _awaited(later, deadline))[0]
    count_entities([spans])
    at = _offsets(body.text, body.offsets)
    return AnalyzeResponse(
        entities=[
            EntityOut(type=s.type, start=at(s.start), end=at(s.end), score=round(s.score, 4), source=s.source)
            for s in spans
        ]
    )


@router.post("/v1/text/mask", response_model=MaskResponse, dependencies=[require("mask")])
async def mask(body: TextRequest, settings: SettingsDep, engine: EngineDep) -> MaskResponse:
    check_texts(settings, [body.text], field="text", listed=False)
    deadline = _deadline(settings)
    later = engine.mask_later([body.text], body.policy or DEFAULT_POLICY, deadline)
    result = (await _awaited(later, deadline))[0]
    count_entities([result.entities])
    return _mask_out(result, body.text, body.offsets)


@router.post("/v1/text/mask/batch", response_model=BatchResponse, dependencies=[require("mask")])
async def mask_batch(body: BatchRequest, settings: SettingsDep, engine: EngineDep) -> BatchResponse:
    check_texts(settings, body.texts, field="texts", listed=True)
    deadline = _deadline(settings)
    results = await _awaited(engine.mask_later(body.texts, body.policy or DEFAULT_POLICY, deadline), deadline)
    count_entities([r.entities for r in results])
    return BatchResponse(results=[_mask_out(r, t, body.offsets) for r, t in zip(results, body.texts)])


@router.post("/v1/text/unmask", response_model=UnmaskResponse, dependencies=[require("unmask")])
def unmask(
    body: UnmaskRequest, settings: SettingsDep, engine: EngineDep, identity: IdentityDep, audit: AuditDep
) -> UnmaskResponse:
    check_texts(settings, [body.text], field="text", listed=False)
    by_type: Counter[str] = Counter()
    text, restored = unmask_tokens(body.text, engine.crypto, by_type)
    # Longest first, so a value that contains another is restored whole.
    for item in sorted(body.fpe, key=lambda v: len(v.value), reverse=True):
        if item.value in text:
            original = fpe_restore(item.value, item.type, engine.crypto, item.key_id, item.luhn)
            found = text.count(item.value)
            restored += found
            by_type[item.type] += found
            text = text.replace(item.value, original)
    # recorded before the answer leaves: an unmask that cannot be audited is not made
    audit.unmasked(
        Caller(key_id=identity.key_id, scope=identity.granting("unmask")),
        by_type,
        where="text",
        request_id=request_id.get(),
    )
    count_unmasked("text", by_type)
    return UnmaskResponse(text=text, restored=restored)
