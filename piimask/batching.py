"""Micro-batching: texts of concurrent requests share one forward pass of the one model instance.

Callers hand their texts to `MicroBatcher` (`submit` gives a future, calling it blocks on one); one inference thread
waits up to `max_wait_ms` for more texts while requests come concurrently (or until `max_texts` are pending), runs a
single batched prediction, and hands each caller its own results. A caller may pass `then`, the rest of its work on
those results (recognizers, merging, operators): it runs on the inference thread too, so an async endpoint awaits
one future, the event loop never runs masking work, and /healthz answers during a full load.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future
from typing import Any, Callable, Sequence

from piimask.spans import Span

Predict = Callable[[Sequence[str]], list[list[Span]]]
Then = Callable[[list[list[Span]]], Any]
Pending = tuple[Sequence[str], Future, Then | None]


class MicroBatcher:
    def __init__(
        self,
        predict: Predict,
        *,
        max_wait_ms: float = 5.0,
        max_texts: int = 256,
        on_batch: Callable[[int, float], None] = lambda texts, seconds: None,
    ):
        self._predict = predict
        self._on_batch = on_batch
        self._max_wait = max_wait_ms / 1000
        self._max_texts = max_texts
        self._pending: list[Pending] = []
        self._ready = threading.Condition()
        self._closed = False
        self._last_requests = 0
        self.batches = 0  # forward passes run, and texts through them: read by /metrics and the tests
        self.texts = 0
        self._thread = threading.Thread(target=self._run, name="inference", daemon=True)
        self._thread.start()

    def __call__(self, texts: Sequence[str]) -> list[list[Span]]:
        return self.submit(texts).result()

    def submit(self, texts: Sequence[str], then: Then | None = None) -> Future:
        """A future of `then(spans)` (or of the spans), computed on the inference thread."""
        future: Future = Future()
        with self._ready:
            if self._closed:
                raise RuntimeError("the inference thread has stopped")
            self._pending.append((texts, future, then))
            self._ready.notify()
        return future

    def close(self) -> None:
        with self._ready:
            self._closed = True
            self._ready.notify()
        self._thread.join(timeout=5)

    def _take(self) -> list[Pending]:
        with self._ready:
            while not self._pending and not self._closed:
                self._ready.wait()
            # Only under concurrent load (the last pass served several requests) is it worth waiting for the callers
            # that pass just answered: passes stay large. A lone caller never waits.
            wait = self._max_wait if self._last_requests > 1 else 0.0
            deadline = time.monotonic() + wait
            while not self._closed and sum(len(t) for t, _, _ in self._pending) < self._max_texts:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._ready.wait(left)
            taken, self._pending = self._pending, []
            self._last_requests = len(taken)
            return taken

    def _run(self) -> None:
        while True:
            taken = self._take()
            if not taken:
                return  # closed and drained
            flat = [text for texts, _, _ in taken for text in texts]
            started = time.perf_counter()
            try:
                results = self._predict(flat) if flat else []
            except BaseException as exc:  # every waiting request gets the error, none hangs
                for _, future, _ in taken:
                    future.set_exception(exc)
                continue
            if flat:
                self.batches += 1
                self.texts += len(flat)
                self._on_batch(len(flat), time.perf_counter() - started)
            at = 0
            for texts, future, then in taken:
                spans = results[at : at + len(texts)]
                at += len(texts)
                try:
                    future.set_result(then(spans) if then else spans)
                except BaseException as exc:  # one request's bad policy or operator fails that request alone
                    future.set_exception(exc)
