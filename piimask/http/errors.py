"""The HTTP layer's errors: one JSON shape, `{"error": {"code", "message"}}`, and a 4xx for every caller mistake.

Routes raise `ApiError` for what only HTTP knows (a missing key, a job that is not finished); the engine's own
errors (`piimask.errors`) reach the handlers as they are and get their status here, in one table.
"""

from __future__ import annotations

import re

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from redis.exceptions import RedisError
from starlette.exceptions import HTTPException as StarletteHTTPException

from piimask.errors import (
    BlobPathError,
    DeadlineExceeded,
    OperatorError,
    Overloaded,
    PiimaskError,
    TableError,
    UnmaskError,
)

# The engine's errors a caller can cause, by status and code. Their messages are safe to show (see piimask.errors).
# A TableError in this process comes from reading a request's declared or implied format (the tables themselves
# are read by the workers), so it is the 415 of an unsupported format.
ENGINE_ERRORS: dict[type[PiimaskError], tuple[int, str]] = {
    OperatorError: (422, "invalid_operator"),
    UnmaskError: (422, "cannot_unmask"),
    TableError: (415, "unsupported_format"),
    BlobPathError: (400, "invalid_uri"),
    Overloaded: (503, "overloaded"),
    DeadlineExceeded: (503, "deadline_exceeded"),
}
# Seconds a client should wait before it retries a 503 of the engine's (the queue drains in about that long).
RETRY_AFTER_S = {Overloaded: 1, DeadlineExceeded: 5}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str):
        self.status, self.code, self.message = status, code, message


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def client_name(value: str, *, quoted: bool = True) -> str:
    """A client-given name (entity type, operator, field) for an error message: shown only when it looks like a
    name, since anything else could be the PII itself."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_.-]{0,63}", value):
        return "(a name)"
    return repr(value) if quoted else value


def describe_validation_errors(errors: list[dict]) -> str:
    """'where: what' for each problem. The offending input is never echoed: it may be the PII itself."""
    parts = []
    for err in errors:
        loc = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
        msg = "unknown field" if err.get("type") == "extra_forbidden" else str(err.get("msg", "invalid"))
        msg = msg.removeprefix("Value error, ")
        parts.append(f"{loc}: {msg}" if loc else msg)
    return "; ".join(parts)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return error_response(exc.status, exc.code, exc.message)

    for error_type, (status, code) in ENGINE_ERRORS.items():
        retry = RETRY_AFTER_S.get(error_type)
        app.add_exception_handler(error_type, _engine_error(status, code, retry))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return error_response(400, "malformed_json", "the request body is not valid JSON")
        return error_response(422, "invalid_request", describe_validation_errors(errors))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return error_response(exc.status_code, code, str(exc.detail))

    @app.exception_handler(RedisError)
    async def _redis(request: Request, exc: RedisError):
        return error_response(503, "queue_unavailable", "the job queue (Redis) is not reachable")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        # Not the caller's fault; the message names the type only, since exception texts can quote input.
        return error_response(500, "internal_error", f"internal error ({type(exc).__name__})")


def _engine_error(status: int, code: str, retry_after: int | None):
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else None

    async def handler(request: Request, exc: Exception):
        return error_response(status, code, str(exc), headers)

    return handler
