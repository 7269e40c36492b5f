"""The inference scheduler: concurrent requests share forward passes of the one model instance, fairly.

Callers hand their texts to `MicroBatcher.submit` and get a future. The texts are cut into the model's windows;
one inference thread runs passes of at most `pass_tokens` tokens, filled round-robin — one window from each waiting
request in turn — so a short request is served in the next pass even while a long document is half-way through its
windows, instead of waiting for the whole document. When a request's last window has run, its spans are decoded and
its `then` (the rest of its work: recognizers, merging, operators) runs on a post-processing thread, so no request's
CPU work outside the model delays the next pass either.

Bounded: a request whose characters would push the queued total past `max_queued_chars` is refused at once
(`Overloaded`), and each request may carry a deadline after which its remaining windows are dropped and its future
fails (`DeadlineExceeded`). Both are the caller's cue to answer 503.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol

from piimask.errors import DeadlineExceeded, Overloaded
from piimask.model import Windows
from piimask.spans import Span

Then = Callable[[list[list[Span]]], Any]
# Up to this many characters a request is tokenized on the inference thread itself (microseconds); a larger one on
# the preparation thread, so that tokenizing a long document never holds a pass back.
INLINE_CHARS = 20_000


class WindowedModel(Protocol):
    """What the scheduler needs of a model: `piimask.model.TokenClassifier` is one."""

    batch_tokens: int

    def windows(self, texts: Sequence[str]) -> Windows: ...

    def run(self, which: Sequence[tuple[Windows, int]]) -> None: ...

    def spans(self, windows: Windows) -> list[list[Span]]: ...


@dataclass(eq=False)
class _Request:
    texts: Sequence[str]
    future: Future
    then: Then | None
    deadline: float | None
    chars: int
    windows: Windows | None = None
    next_window: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def left(self) -> int:
        return len(self.windows) - self.next_window if self.windows is not None else 0


class MicroBatcher:
    def __init__(
        self,
        model: WindowedModel,
        *,
        max_wait_ms: float = 5.0,
        max_texts: int = 256,
        pass_tokens: int | None = None,
        max_queued_chars: int = 8_000_000,
        on_batch: Callable[[int, float], None] = lambda texts, seconds: None,
    ):
        self._model = model
        self._on_batch = on_batch
        self._max_wait = max_wait_ms / 1000
        self._max_texts = max_texts
        self._pass_tokens = pass_tokens or model.batch_tokens
        self._max_queued_chars = max_queued_chars
        self._arrived: list[_Request] = []  # submitted, not yet tokenized
        self._tasks: list[tuple[Callable[[], Any], Future]] = []  # work that must run on the inference thread
        self._active: list[_Request] = []  # tokenized, windows left to run (inference thread only)
        self._ready = threading.Condition()
        self._queued_chars = 0
        self._closed = False
        self._last_requests = 0
        self.batches = 0  # passes run, and texts that went through them: read by /metrics and the tests
        self.texts = 0
        self._prepare = ThreadPoolExecutor(1, thread_name_prefix="prepare")
        self._post = ThreadPoolExecutor(2, thread_name_prefix="post")
        self._thread = threading.Thread(target=self._run, name="inference", daemon=True)
        self._thread.start()

    def __call__(self, texts: Sequence[str]) -> list[list[Span]]:
        return self.submit(texts).result()

    def submit(self, texts: Sequence[str], then: Then | None = None, deadline: float | None = None) -> Future:
        """A future of `then(spans)` (or of the spans). `deadline` is a `time.monotonic()` instant. Raises
        `Overloaded` at once when the queue holds too many characters already."""
        future: Future = Future()
        chars = sum(len(t) for t in texts)
        request = _Request(texts, future, then, deadline, chars)
        with self._ready:
            if self._closed:
                raise RuntimeError("the inference thread has stopped")
            if self._queued_chars and self._queued_chars + chars > self._max_queued_chars:
                raise Overloaded(
                    f"the inference queue is full ({self._queued_chars} characters waiting); retry shortly"
                )
            self._queued_chars += chars
            if chars > INLINE_CHARS:
                self._prepare.submit(self._tokenize_aside, request)
            else:
                self._arrived.append(request)
                self._ready.notify()
        return future

    def run_here(self, work: Callable[[], Any]) -> Future:
        """A future of `work()`, run on the inference thread between two passes: torch's CPU thread pool belongs to
        the thread that first runs the model, so a warm-up (compiling) must run where inference will."""
        future: Future = Future()
        with self._ready:
            self._tasks.append((work, future))
            self._ready.notify()
        return future

    @property
    def queued_chars(self) -> int:
        return self._queued_chars

    def close(self) -> None:
        with self._ready:
            self._closed = True
            self._ready.notify()
        self._thread.join(timeout=5)
        self._prepare.shutdown(wait=False, cancel_futures=True)
        self._post.shutdown(wait=True)

    # ---------------------------------------------------------------- the inference thread

    def _tokenize_aside(self, request: _Request) -> None:
        try:
            request.windows = self._model.windows(request.texts)
        except BaseException as exc:
            self._finish(request, error=exc)
            return
        with self._ready:
            self._arrived.append(request)
            self._ready.notify()

    def _take_arrivals(self) -> list[_Request]:
        """New requests, once at least one is waiting; under concurrent load (the last pass served several requests)
        it waits up to `max_wait` for more, so that passes stay large. A lone caller never waits, and the wait ends
        as soon as as many requests are waiting as the last pass served: with 8 clients each waiting for its answer
        no ninth comes, and sitting out the rest of the wait idled the model for 5 ms before every pass."""
        with self._ready:
            while not self._arrived and not self._active and not self._tasks and not self._closed:
                self._ready.wait()
            if not self._active:
                wait = self._max_wait if self._last_requests > 1 else 0.0
                deadline = time.monotonic() + wait
                while (
                    not self._closed
                    and len(self._arrived) < self._last_requests
                    and sum(len(r.texts) for r in self._arrived) < self._max_texts
                ):
                    left = deadline - time.monotonic()
                    if left <= 0:
                        break
                    self._ready.wait(left)
            taken, self._arrived = self._arrived, []
            return taken

    def _run_tasks(self) -> None:
        with self._ready:
            tasks, self._tasks = self._tasks, []
        for work, future in tasks:
            try:
                future.set_result(work())
            except BaseException as exc:
                future.set_exception(exc)

    def _run(self) -> None:
        while True:
            arrivals = self._take_arrivals()
            self._run_tasks()
            if not arrivals and not self._active:
                if self._closed:
                    return  # closed and drained
                continue
            self._admit(arrivals)
            self._drop_expired()
            chosen = self._fill_pass()
            if not chosen:
                continue
            started = time.perf_counter()
            served = {id(r): r for r, _ in chosen}
            try:
                self._model.run([(request.windows, window) for request, window in chosen])
            except BaseException as exc:  # every request in the pass gets the error, none hangs
                for request in served.values():
                    self._active.remove(request)
                    self._finish(request, error=exc)
                continue
            self.batches += 1
            self._last_requests = len(served)
            texts = sum(len(r.texts) for r in served.values() if r.left == 0)
            self.texts += texts
            self._on_batch(texts, time.perf_counter() - started)
            for request in served.values():
                if request.left == 0:
                    self._active.remove(request)
                    self._post.submit(self._complete, request)

    def _admit(self, arrivals: list[_Request]) -> None:
        """Tokenize the small arrivals together (one tokenizer call), and add every arrival to the active list; a
        request with no window at all (no text) is complete at once."""
        small = [r for r in arrivals if r.windows is None]
        if small and not any(r.texts for r in small):
            for request in small:
                request.windows = Windows(request.texts, [], [], [], [{} for _ in request.texts])
        elif small:
            try:
                joined = self._model.windows([t for r in small for t in r.texts])
            except BaseException as exc:
                for request in small:
                    self._finish(request, error=exc)
                small, arrivals = [], [r for r in arrivals if r.windows is not None]
            else:
                self._split(joined, small)
        for request in arrivals:
            if request.future.done():
                continue
            if request.left == 0:
                self._post.submit(self._complete, request)
            else:
                self._active.append(request)

    def _split(self, joined: Windows, requests: list[_Request]) -> None:
        """One tokenizer call's windows, handed back to the requests they belong to."""
        first = 0
        for request in requests:
            count = len(request.texts)
            picked = [w for w, owner in enumerate(joined.owner) if first <= owner < first + count]
            request.windows = Windows(
                request.texts,
                [joined.input_ids[w] for w in picked],
                [joined.offsets[w] for w in picked],
                [joined.owner[w] - first for w in picked],
                [{} for _ in request.texts],
            )
            first += count

    def _drop_expired(self) -> None:
        now = time.monotonic()
        for request in [r for r in self._active if r.deadline is not None and r.deadline <= now]:
            self._active.remove(request)
            self._finish(request, error=DeadlineExceeded("the request ran past its deadline; its work was dropped"))

    def _fill_pass(self) -> list[tuple[_Request, int]]:
        """Windows for one pass, round-robin over the active requests in arrival order, within `pass_tokens`."""
        chosen: list[tuple[_Request, int]] = []
        tokens = 0
        progressing = True
        while progressing:
            progressing = False
            for request in self._active:
                if request.left == 0:
                    continue
                size = request.windows.tokens(request.next_window)
                if chosen and tokens + size > self._pass_tokens:
                    return chosen
                chosen.append((request, request.next_window))
                request.next_window += 1
                tokens += size
                progressing = True
        return chosen

    # ---------------------------------------------------------------- the post-processing threads

    def _complete(self, request: _Request) -> None:
        if request.deadline is not None and request.deadline <= time.monotonic():
            # its caller has answered 503 already: the rest of its work would be read by no one
            self._finish(request, error=DeadlineExceeded("the request ran past its deadline; its work was dropped"))
            return
        try:
            spans = self._model.spans(request.windows) if request.windows is not None else []
            result = request.then(spans) if request.then else spans
        except BaseException as exc:  # one request's bad policy or operator fails that request alone
            self._finish(request, error=exc)
        else:
            self._finish(request, result=result)

    def _finish(self, request: _Request, *, result: Any = None, error: BaseException | None = None) -> None:
        with self._ready:
            self._queued_chars -= request.chars
        if request.future.done():
            return
        if error is not None:
            request.future.set_exception(error)
        else:
            request.future.set_result(result)
