"""API keys and scopes. Keys are configured as `{"<key or sha256:hex>": [scopes]}` in PIIMASK_API_KEYS or in the
JSON file PIIMASK_API_KEYS_FILE; a stored `sha256:` entry means the service never holds the key itself.

The rules live here; `piimask.http.deps` turns them into route dependencies (`require("mask")`), since those read
the key ring from the typed dependencies this module is below."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from piimask.http.errors import ApiError

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
    def from_settings(cls, inline: dict[str, list[str]], file: Path | None) -> KeyRing:
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


@dataclass(frozen=True, slots=True)
class Identity:
    """The caller: its key's id (a prefix of the key's hash, safe to log and audit; None with auth off) and scopes."""

    key_id: str | None
    scopes: frozenset[str]

    def granting(self, scope: str) -> str:
        """The scope that allows this caller `scope`: the scope itself, or admin."""
        return scope if scope in self.scopes else "admin"


def key_id(token: str) -> str:
    return hash_key(token)[: len("sha256:") + 12]


def identify(authorization: str, auth: str, keys: KeyRing) -> Identity:
    """Who sent the `Authorization: Bearer <key>` header; 401 when there is no valid key. Auth off: every scope.
    (`piimask.http.deps` offers it as a route dependency.)"""
    if auth == "off":
        return Identity(None, frozenset({"admin"}))
    token = authorization[7:].strip() if authorization.lower().startswith("bearer ") else ""
    scopes = keys.scopes(token)
    if scopes is None:
        raise ApiError(401, "unauthorized", "a valid API key is required: send 'Authorization: Bearer <key>'")
    return Identity(key_id(token), scopes)


def check_scope(scopes: frozenset[str], scope: str) -> None:
    """403 unless the caller's key carries `scope` (or `admin`)."""
    if scope not in scopes and "admin" not in scopes:
        raise ApiError(403, "forbidden", f"this API key lacks the {scope!r} scope")
