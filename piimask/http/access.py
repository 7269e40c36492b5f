"""API keys and scopes. Keys are configured as `{"<key or sha256:hex>": [scopes]}` in PIIMASK_API_KEYS or in the
JSON file PIIMASK_API_KEYS_FILE; a stored `sha256:` entry means the service never holds the key itself."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from pathlib import Path

from fastapi import Depends, Request

from piimask.http.errors import ApiError
from piimask.settings import Settings

SCOPES = frozenset({"mask", "unmask", "tables", "admin"})


class KeyConfigError(ValueError):
    pass


def hash_key(key: str) -> str:
    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()


def new_key() -> str:
    return secrets.token_urlsafe(24)


class KeyRing:
    """Bearer key → scopes, compared in constant time against the hashes."""

    def __init__(self, entries: dict[str, list[str]]):
        self._by_hash: dict[str, frozenset[str]] = {}
        for key, scopes in entries.items():
            unknown = set(scopes) - SCOPES
            if unknown:
                raise KeyConfigError(f"unknown scope(s) {sorted(unknown)}; known: {sorted(SCOPES)}")
            digest = key if key.startswith("sha256:") else hash_key(key)
            self._by_hash[digest] = frozenset(scopes)

    @classmethod
    def from_settings(cls, inline: dict[str, list[str]], file: Path | None) -> "KeyRing":
        entries = dict(inline)
        if file is not None:
            try:
                entries.update(json.loads(Path(file).read_text()))
            except (OSError, ValueError, AttributeError):
                raise KeyConfigError(f"PIIMASK_API_KEYS_FILE {file} is not a readable JSON object") from None
        return cls(entries)

    def __bool__(self) -> bool:
        return bool(self._by_hash)

    def scopes(self, token: str) -> frozenset[str] | None:
        if not token:
            return None
        digest = hash_key(token)
        found = None
        for stored, scopes in self._by_hash.items():  # no early exit: the time taken says nothing about the keys
            if hmac.compare_digest(stored, digest):
                found = scopes
        return found


def caller_scopes(request: Request) -> set[str]:
    """The scopes of the caller's Bearer key; 401 when there is no valid key. Auth off: every scope."""
    settings: Settings = request.app.state.settings
    if settings.auth == "off":
        return {"admin"}
    header = request.headers.get("authorization", "")
    token = header[7:].strip() if header.lower().startswith("bearer ") else ""
    scopes = request.app.state.keys.scopes(token)
    if scopes is None:
        raise ApiError(401, "unauthorized", "a valid API key is required: send 'Authorization: Bearer <key>'")
    return set(scopes)


def check_scope(request: Request, scope: str) -> None:
    scopes = caller_scopes(request)
    if scope not in scopes and "admin" not in scopes:
        raise ApiError(403, "forbidden", f"this API key lacks the {scope!r} scope")


def require(scope: str):
    """A route dependency: the caller's key must carry `scope` (or `admin`)."""

    async def dependency(request: Request) -> None:  # async: a key check is no reason for a thread hop
        check_scope(request, scope)

    return Depends(dependency)
