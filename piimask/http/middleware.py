"""The ASGI middleware around every route: request ids, the access log and per-route metrics (`Observe`), and the
body limit (`BodyLimit`)."""

from __future__ import annotations

import logging
import re
import time
import uuid

from starlette.types import ASGIApp, Receive, Scope, Send

from piimask.http.errors import error_response
from piimask.http.metrics import LATENCY, REQUESTS
from piimask.logs import request_id
from piimask.settings import Settings

REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")  # a caller's X-Request-ID is echoed only if it looks like an id


class Observe:
    """Request ids, the access log line and the per-route metrics. Plain ASGI rather than `@app.middleware`: Starlette's
    BaseHTTPMiddleware runs each request through extra tasks and streams, a third of the event loop's time per text
    request under load (py-spy, bench/text.py at concurrency 8)."""

    access = logging.getLogger("piimask.http.access")

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        given = next((v for k, v in scope.get("headers") or [] if k == b"x-request-id"), b"").decode("latin-1")
        rid = given if REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        status = 500  # what the server answers if the app raises before starting a response

        async def send_with_id(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", rid.encode())]
            await send(message)

        token = request_id.set(rid)
        started = time.perf_counter()
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            request_id.reset(token)
            elapsed = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", "unmatched")  # the template, never the raw path
            LATENCY.labels(route).observe(elapsed)
            REQUESTS.labels(route, str(status)).inc()
            self.access.info(
                "request",
                extra={
                    "request_id": rid,
                    "method": scope["method"],
                    "route": route,
                    "status": status,
                    "ms": round(elapsed * 1000, 1),
                },
            )


class BodyLimit:
    """Counts a request's body as it arrives and answers 413 past the limit: neither a declared nor a chunked huge
    body reaches the parsers, so it can fill neither memory nor the upload spool."""

    def __init__(self, app: ASGIApp, settings: Settings):
        self.app, self.settings = app, settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        settings = self.settings
        headers = dict(scope.get("headers") or [])
        multipart = headers.get(b"content-type", b"").startswith(b"multipart/")
        limit = settings.max_upload_bytes + (1 << 20) if multipart else settings.max_body_bytes
        what = "upload" if multipart else "request body"
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            return await self._too_large(send, what, limit)
        seen = 0
        answered = False

        async def counted():
            nonlocal seen, answered
            if answered:
                return {"type": "http.disconnect"}
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                # Answer now and tell the app the client left; what the app answers to that is dropped.
                await self._too_large(send, what, limit)
                answered = True
                return {"type": "http.disconnect"}
            return message

        async def guarded(message):
            if not answered:
                await send(message)

        await self.app(scope, counted, guarded)

    @staticmethod
    async def _too_large(send: Send, what: str, limit: int) -> None:
        response = error_response(413, "body_too_large", f"the {what} exceeds the limit of {limit} bytes")
        await send({"type": "http.response.start", "status": 413, "headers": response.raw_headers})
        await send({"type": "http.response.body", "body": response.body})
