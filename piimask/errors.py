"""The engine's errors, in one place, so that every layer above (HTTP, jobs, the command line) can tell a caller's
mistake from a fault. Each message is safe to show: it names the parameter, key id or format, never a value."""

from __future__ import annotations


class PiimaskError(Exception):
    """The base of the engine's errors."""


class OperatorError(PiimaskError, ValueError):
    """A policy names an unknown operator or bad parameters. The message names the operator and parameter."""


class UnmaskError(PiimaskError, ValueError):
    """A token or value cannot be restored with this keyring. The message names the key id, never key material."""


class TableError(PiimaskError, ValueError):
    """The input cannot be read as the declared format. The message holds no cell values."""


class BlobPathError(PiimaskError, ValueError):
    """A URI outside the configured blob root, or malformed."""


class ModelLoadError(PiimaskError, RuntimeError):
    """The checkpoint cannot be loaded from local files."""


class Overloaded(PiimaskError):
    """The inference queue holds as much work as it may: the caller should retry shortly (a 503)."""


class DeadlineExceeded(PiimaskError):
    """A request ran past its deadline and its remaining work was dropped (a 503)."""
