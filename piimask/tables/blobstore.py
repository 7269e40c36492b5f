"""The blob store: where table inputs and outputs live. A local folder by default, any fsspec URL otherwise.

Callers name objects by a key relative to the root ("uploads/x.csv") or by a full URI inside the root; anything
outside the root is refused. Outputs appear under their final name only when complete, so a reader never sees a
half-written object: on a local disk they are written to a temporary sibling and renamed; on S3 they are one
multipart upload that is completed at the end (and aborted on an error), so nothing is visible until then and no
copy is made. On S3 the endpoint and credentials come from the standard AWS environment (AWS_ENDPOINT_URL,
AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION, or an instance role); none of them is ever logged.
"""

from __future__ import annotations

import logging
import posixpath
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import BinaryIO

import fsspec
from fsspec.core import split_protocol
from fsspec.implementations.local import LocalFileSystem

from piimask.errors import BlobPathError

S3_PROTOCOLS = ("s3", "s3a")
# At DEBUG these libraries log whole requests: headers, signed URLs and bodies, which are cell values.
QUIET_LOGGERS = ("botocore", "aiobotocore", "s3fs", "fsspec", "urllib3", "aiohttp")


class BlobStoreConfigError(RuntimeError):
    """A blob store that cannot be used as configured; the message is safe to print."""


class BlobStore:
    def __init__(self, root: str):
        # No listings cache: another process (the service, another worker) writes the objects this one looks for.
        self.fs, root_path = fsspec.core.url_to_fs(root, use_listings_cache=False)
        self.root = root_path.rstrip("/")
        self.protocols = (self.fs.protocol,) if isinstance(self.fs.protocol, str) else tuple(self.fs.protocol)
        self.protocol = self.protocols[0]
        self.display_root = re.sub(r"//[^/@]*@", "//***@", root)  # a URL could carry credentials
        if self.is_local:
            self.fs.makedirs(self.root, exist_ok=True)
        else:
            for name in QUIET_LOGGERS:
                logging.getLogger(name).setLevel(max(logging.getLogger(name).level, logging.WARNING))

    @property
    def is_local(self) -> bool:
        return isinstance(self.fs, LocalFileSystem)

    @property
    def is_s3(self) -> bool:
        return self.protocol in S3_PROTOCOLS

    def check(self) -> None:
        """Write and remove a probe object under the root, so that a missing bucket, denied access or missing
        credentials stop a process at start-up with a clear message rather than fail its first job."""
        probe = f"{self.root}/.piimask-probe-{uuid.uuid4().hex}"
        try:
            self.fs.pipe_file(probe, b"")
            self.fs.rm_file(probe)
        except FileNotFoundError:
            raise BlobStoreConfigError(f"blob store {self.display_root}: the bucket or folder does not exist") from None
        except PermissionError:
            raise BlobStoreConfigError(
                f"blob store {self.display_root}: access denied (check the credentials)"
            ) from None
        except Exception as exc:  # botocore's NoCredentialsError, an unreachable endpoint, ...: the type says enough
            raise BlobStoreConfigError(f"blob store {self.display_root} is not usable ({type(exc).__name__})") from None

    def resolve(self, uri: str) -> str:
        """The full path of `uri` (a key relative to the root, or a URI/absolute path inside it)."""
        if not uri or "\x00" in uri:
            raise BlobPathError("empty or malformed URI")
        if "://" in uri or uri.startswith("/"):
            protocol, _ = split_protocol(uri)
            if (protocol or "file") not in self.protocols:
                raise BlobPathError("URI is outside the blob store root")
            path = posixpath.normpath(self.fs._strip_protocol(uri))
            if not (path + "/").startswith(self.root + "/"):
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
        """Remove what a killed earlier attempt left for `path` (temporary siblings, and on S3 its unfinished
        multipart uploads); only a retry of that job writes there."""
        parent, name = posixpath.split(path)
        stale = self.fs.glob(f"{parent}/.{name}.tmp-*") if self.fs.exists(parent) else []
        for tmp in stale:
            self.fs.rm(tmp)
        return len(stale) + (self._abort_uploads(path) if self.is_s3 else 0)

    def pending_uploads(self, path: str) -> list[str]:
        """Upload ids of the unfinished S3 multipart uploads to exactly `path` (none elsewhere)."""
        if not self.is_s3:
            return []
        bucket, key, _ = self.fs.split_path(path)
        found, marker = [], {}
        while True:
            page = self.fs.call_s3("list_multipart_uploads", Bucket=bucket, Prefix=key, **marker)
            found += [u["UploadId"] for u in page.get("Uploads", []) if u["Key"] == key]
            if not page.get("IsTruncated"):
                return found
            marker = {"KeyMarker": page["NextKeyMarker"], "UploadIdMarker": page["NextUploadIdMarker"]}

    def _abort_uploads(self, path: str) -> int:
        bucket, key, _ = self.fs.split_path(path)
        uploads = self.pending_uploads(path)
        for upload_id in uploads:
            self.fs.call_s3("abort_multipart_upload", Bucket=bucket, Key=key, UploadId=upload_id)
        return len(uploads)

    @contextmanager
    def atomic_writer(self, path: str) -> Iterator[BinaryIO]:
        """A file whose content appears at `path` only when the block completes without error."""
        if self.is_s3:
            with self._s3_writer(path) as f:
                yield f
            return
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

    @contextmanager
    def _s3_writer(self, path: str) -> Iterator[BinaryIO]:
        # autocommit=False: parts are uploaded as the buffer fills, and the object exists only after commit().
        f = self.fs.open(path, "wb", autocommit=False)
        try:
            yield f
            f.close()
            f.commit()
        except BaseException:
            # Aborts the multipart upload: its parts are dropped and no object appears. Should the abort itself fail,
            # the error that got us here matters more; a retry's clear_partials() aborts the upload then.
            with suppress(Exception):
                f.discard()
            raise
