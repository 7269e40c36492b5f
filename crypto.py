"""The crypto manager: a keyring with key ids and one active key, keyed hashing and deterministic encryption.

Built on the `cryptography` package only; no primitive is written here. The service and every worker construct
their own `CryptoManager` from the same key file, so the same value gives the same token in every process.

Key file (JSON, mode 0600): {"active": "<key id>", "keys": {"<key id>": "<base64url of 64 random bytes>"}}.
Each purpose gets its own sub-key derived with HKDF, so a hash key never doubles as an encryption key.
Key material never appears in logs, errors or job metadata: only key ids do.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESSIV
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from ff3 import FF3Cipher

MASTER_KEY_BYTES = 64


class KeyringError(Exception):
    """The keyring is missing, malformed, or lacks a key id. Messages name files and key ids, never key bytes."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _new_key_id() -> str:
    return f"k{time.strftime('%Y%m%d', time.gmtime())}{secrets.token_hex(3)}"


@dataclass(frozen=True)
class Keyring:
    active: str
    keys: dict[str, bytes]

    @classmethod
    def generate(cls) -> Keyring:
        key_id = _new_key_id()
        return cls(active=key_id, keys={key_id: secrets.token_bytes(MASTER_KEY_BYTES)})

    @classmethod
    def load(cls, path: Path) -> Keyring:
        try:
            text = Path(path).read_text()
        except FileNotFoundError:
            raise KeyringError(f"no keyring at {path}: create one with `python main.py keys new`") from None
        return cls.parse(text, where=f"the keyring at {path}")

    @classmethod
    def parse(cls, text: str, *, where: str = "the keyring") -> Keyring:
        try:
            raw = json.loads(text)
            keys = {str(k): _unb64(v) for k, v in raw["keys"].items()}
            active = str(raw["active"])
        except (ValueError, KeyError, TypeError, AttributeError):
            raise KeyringError(f"{where} is not a valid key file") from None
        if active not in keys:
            raise KeyringError(f"{where} names active key {active!r}, which it does not hold")
        if any(len(k) != MASTER_KEY_BYTES for k in keys.values()):
            raise KeyringError(f"{where} holds a key that is not {MASTER_KEY_BYTES} bytes")
        return cls(active=active, keys=keys)

    def rotated(self) -> Keyring:
        """A new active key; the old ones stay so that what they protected can still be unmasked."""
        key_id = _new_key_id()
        while key_id in self.keys:
            key_id = _new_key_id()
        return Keyring(active=key_id, keys={**self.keys, key_id: secrets.token_bytes(MASTER_KEY_BYTES)})

    def save(self, path: Path, *, overwrite: bool) -> None:
        """Write atomically with owner-only permissions; refuse to replace an existing file unless asked."""
        path = Path(path)
        if path.exists() and not overwrite:
            raise KeyringError(f"a keyring already exists at {path}; use `python main.py keys rotate`")
        path.parent.mkdir(parents=True, exist_ok=True)
        body = json.dumps({"active": self.active, "keys": {k: _b64(v) for k, v in self.keys.items()}}, indent=1)
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(body)
        os.replace(tmp, path)


def ensure_keyring(path: Path) -> bool:
    """Create a keyring at `path` if there is none. Returns True when one was created.

    O_EXCL-style creation through `save(overwrite=False)` means two processes racing here cannot both win with
    different keys on one host; the loser reads the winner's file.
    """
    if Path(path).exists():
        return False
    try:
        Keyring.generate().save(path, overwrite=False)
    except KeyringError:
        return False
    return True


class CryptoManager:
    """Keyed operations under a keyring. One instance per process; cheap to call from many threads."""

    def __init__(self, keyring: Keyring):
        self.keyring = keyring
        self._subkeys: dict[tuple[str, str], bytes] = {}
        self._ciphers: dict[tuple[str, str, str], FF3Cipher] = {}

    @classmethod
    def from_file(cls, path: Path) -> CryptoManager:
        return cls(Keyring.load(path))

    @classmethod
    def from_settings(cls, settings) -> CryptoManager:
        """PIIMASK_KEYRING_JSON (the file's content, e.g. from a secret store) if set, else the PIIMASK_KEYRING file."""
        if settings.keyring_json is not None:
            return cls(Keyring.parse(settings.keyring_json.get_secret_value(), where="PIIMASK_KEYRING_JSON"))
        return cls.from_file(settings.keyring)

    @property
    def active_key_id(self) -> str:
        return self.keyring.active

    @property
    def key_ids(self) -> list[str]:
        return sorted(self.keyring.keys)

    def describe(self) -> dict:
        """What a process may report about its crypto state: ids only."""
        return {"active_key_id": self.active_key_id, "key_ids": self.key_ids}

    def _subkey(self, key_id: str, purpose: str, length: int = 32) -> bytes:
        cached = self._subkeys.get((key_id, purpose))
        if cached is not None:
            return cached
        try:
            master = self.keyring.keys[key_id]
        except KeyError:
            raise KeyringError(f"key id {key_id!r} is not in this keyring") from None
        sub = HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=f"piimask/{purpose}".encode()).derive(
            master
        )
        self._subkeys[(key_id, purpose)] = sub
        return sub

    def hmac(self, value: str, *, context: str = "", key_id: str | None = None) -> bytes:
        """HMAC-SHA256 of `value` under the (active) key; `context` separates domains, e.g. an entity type."""
        key = self._subkey(key_id or self.active_key_id, "hmac")
        return hmac.new(key, context.encode() + b"\x00" + value.encode(), hashlib.sha256).digest()

    def encrypt_deterministic(self, plaintext: bytes, *, associated: bytes = b"", key_id: str | None = None) -> bytes:
        """AES-SIV: the same plaintext and associated data give the same ciphertext under one key (joins work)."""
        key = self._subkey(key_id or self.active_key_id, "aes-siv", length=64)
        return AESSIV(key).encrypt(plaintext, [associated] if associated else None)

    def decrypt_deterministic(self, ciphertext: bytes, *, key_id: str, associated: bytes = b"") -> bytes:
        key = self._subkey(key_id, "aes-siv", length=64)
        return AESSIV(key).decrypt(ciphertext, [associated] if associated else None)

    def fpe_cipher(self, alphabet: str, context: str, key_id: str | None = None) -> FF3Cipher:
        """An FF3-1 cipher over `alphabet` (ff3 package). The 56-bit tweak is derived from `context` (the entity
        type), so one number masked as two different types gives two different values."""
        key_id = key_id or self.active_key_id
        cached = self._ciphers.get((alphabet, context, key_id))
        if cached is None:
            key = self._subkey(key_id, "ff3-1", length=32).hex()
            tweak = self.hmac(context, context="ff3-1 tweak", key_id=key_id)[:7].hex()
            cached = self._ciphers[(alphabet, context, key_id)] = FF3Cipher.withCustomAlphabet(key, tweak, alphabet)
        return cached
