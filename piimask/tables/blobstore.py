"""The blob store: where table inputs and outputs live. A local folder by default, any fsspec URL otherwise.

Callers name objects by a key relative to the root ("uploads/x.csv") or by a full URI inside the root; anything
outside the root is refused. Outputs are written under a temporary name and moved into place when complete, so a
reader never sees a half-written object.
"""

from __future__ import annotations

import posixpath
import uuid
from contextlib import contextmanager
from typing import BinaryIO, Iterator

import fsspec
from fsspec.implementations.local import LocalFileSystem

from piimask.errors import BlobPathError


class BlobStore:
    def __init__(self, root: str):
        self.fs, root_path = fsspec.core.url_to_fs(root)
        self.root = root_path.rstrip("/")
        self.protocol = self.fs.protocol if isinstance(self.fs.protocol, str) else self.fs.protocol[0]
        if self.is_local:
            self.fs.makedirs(self.root, exist_ok=True)

    @property
    def is_local(self) -> bool:
        return isinstance(self.fs, LocalFileSystem)

    def resolve(self, uri: str) -> str:
        """The full path of `uri` (a key relative to the root, or a URI/absolute path inside it)."""
        if not uri or "\x00" in uri:
            raise BlobPathError("empty or malformed URI")
        if "://" in uri or uri.startswith("/"):
            fs, path = fsspec.core.url_to_fs(uri)
            protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
            path = posixpath.normpath(path)
            if protocol != self.protocol or not (path + "/").startswith(self.root + "/"):
                raise BlobPathError("URI is outside the blob store root")
            return path
        key = posixpath.normpath(uri)
        if key.startswith("..") or key == ".":
            raise BlobPathError("URI is outside the blob store root")
        return f"{self.root}/{key}"

    def key_of(self, path: str) -> str:
        return path[len(self.root) + 1 :]

    def exists(self, path: str) -> bool:
        return self.fs.exists(path)

    def size(self, path: str) -> int:
        return int(self.fs.size(path))

    def open(self, path: str, mode: str = "rb") -> BinaryIO:
        return self.fs.open(path, mode)

    def remove(self, path: str) -> None:
        if self.fs.exists(path):
            self.fs.rm(path, recursive=True)

    def clear_partials(self, path: str) -> int:
        """Remove temporary files a killed earlier attempt left for `path`; only a retry of that job writes there."""
        parent, name = posixpath.split(path)
        stale = self.fs.glob(f"{parent}/.{name}.tmp-*") if self.fs.exists(parent) else []
        for tmp in stale:
            self.fs.rm(tmp)
        return len(stale)

    @contextmanager
    def atomic_writer(self, path: str) -> Iterator[BinaryIO]:
        """Write to a temporary sibling and move it to `path` only when the block completes without error."""
        parent = posixpath.dirname(path)
        if self.is_local:
            self.fs.makedirs(parent, exist_ok=True)
        tmp = f"{parent}/.{posixpath.basename(path)}.tmp-{uuid.uuid4().hex}"
        try:
            with self.fs.open(tmp, "wb") as f:
                yield f
            self.fs.mv(tmp, path)  # a rename on a local disk: atomic
        finally:
            if self.fs.exists(tmp):
                self.fs.rm(tmp)
