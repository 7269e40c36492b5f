"""One way from settings to a Redis connection, for the service, the workers, `up` and the test harness.

PIIMASK_REDIS_URL takes three shapes:

- `redis://[user[:password]@]host[:port][/db]` (a password alone: `redis://:password@host`), or `unix://...`;
- `rediss://...`: the same over TLS; the server's certificate is checked against PIIMASK_REDIS_CA_FILE (the system's
  trust store when unset), and PIIMASK_REDIS_CERT_FILE / PIIMASK_REDIS_KEY_FILE present a client certificate;
- `redis+sentinel://[user[:password]@]host1[:port1][,host2[:port2]...]/service_name[/db]`: Redis Sentinel (port
  26379 when omitted); the user and password are the primary's, PIIMASK_REDIS_SENTINEL_PASSWORD the Sentinels' own.

Commands that meet a lost connection are retried for PIIMASK_REDIS_RETRY_S seconds (a Sentinel failover or a Redis
restart), and through Sentinel every reconnection asks for the current primary, so workers ride a failover out.
Wrong credentials or a certificate that does not verify fail at once, with the URL's password replaced by `***`:
no message, log line or error of this module ever holds a password.
"""

from __future__ import annotations

import ssl
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from redis import Redis
from redis.backoff import ExponentialBackoff
from redis.exceptions import AuthenticationError, AuthorizationError, NoPermissionError, RedisError
from redis.retry import Retry
from redis.sentinel import Sentinel, SentinelManagedConnection

from piimask.settings import Settings

T = TypeVar("T")
SENTINEL_SCHEME = "redis+sentinel"
SCHEMES = ("redis", "rediss", "unix", SENTINEL_SCHEME)
SENTINEL_PORT = 26379
BACKOFF_CAP_S = 1.0
# Fields a harness copies from a child's environment to reach the same Redis the child does.
CONNECTION_FIELDS = ("redis_url", "redis_ca_file", "redis_cert_file", "redis_key_file", "redis_sentinel_password")


class RedisConfigError(RuntimeError):
    """A Redis URL or TLS setting that cannot work, or a server that refused us; the message is safe to print."""


def redacted(url: str) -> str:
    """`url` with its password (and any password query argument) replaced by `***`."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, hosts = netloc.rsplit("@", 1)
        user, has_password, _ = userinfo.partition(":")
        netloc = f"{user}:***@{hosts}" if has_password else f"{user}@{hosts}"
    pairs = parse_qsl(parts.query)
    query = urlencode([(k, "***" if "pass" in k.lower() else v) for k, v in pairs], safe="*/") if pairs else parts.query
    if (netloc, query) == (parts.netloc, parts.query):
        return url  # nothing to hide (and geturl() would drop the empty authority of unix:///path)
    return parts._replace(netloc=netloc, query=query).geturl()


class _FailoverRetry(Retry):
    """redis-py's retry, except for failures that no retry can mend: refused credentials and bad certificates."""

    def call_with_retry(self, do, fail, is_retryable=None, with_failure_count=False):
        def retryable(error: Exception) -> bool:
            return not _permanent(error) and (is_retryable is None or is_retryable(error))

        return super().call_with_retry(do, fail, retryable, with_failure_count)


def _permanent(error: BaseException) -> bool:
    if isinstance(error, (AuthenticationError, AuthorizationError)):
        return True
    cause = error.__cause__ or error.__context__
    return isinstance(cause, ssl.SSLError) and not isinstance(cause, ssl.SSLZeroReturnError)


class _SentinelConnection(SentinelManagedConnection):
    """redis-py's Sentinel-managed connection, made to drop itself when a read is interrupted, as every other
    redis-py connection does. Its own default keeps the connection, so the next command gets the unread reply: an
    RQ worker's warm shutdown raises from a signal handler in the middle of its blocking dequeue, and the worker's
    last pipeline then failed with "Wrong number of response items" (seen in tests; a known, still open redis-py
    issue)."""

    def read_response(self, disable_decoding=False, *, disconnect_on_error=True, **kwargs):
        return super().read_response(disable_decoding, disconnect_on_error=disconnect_on_error, **kwargs)


def _retry(settings: Settings) -> Retry:
    # Each wait is at most BACKOFF_CAP_S, so the count of retries bounds the time spent retrying.
    retries = max(1, int(settings.redis_retry_s / BACKOFF_CAP_S))
    return _FailoverRetry(ExponentialBackoff(cap=BACKOFF_CAP_S, base=0.05), retries)


def _tls_options(settings: Settings, scheme: str) -> dict[str, Any]:
    given = {
        "PIIMASK_REDIS_CA_FILE": settings.redis_ca_file,
        "PIIMASK_REDIS_CERT_FILE": settings.redis_cert_file,
        "PIIMASK_REDIS_KEY_FILE": settings.redis_key_file,
    }
    if scheme != "rediss":
        named = [name for name, value in given.items() if value is not None]
        if named:
            raise RedisConfigError(f"{', '.join(named)} is set but PIIMASK_REDIS_URL is not a rediss:// (TLS) URL")
        return {}
    for name, value in given.items():
        if value is not None and not Path(value).is_file():
            raise RedisConfigError(f"{name}: no such file: {value}")
    if settings.redis_key_file is not None and settings.redis_cert_file is None:
        raise RedisConfigError("PIIMASK_REDIS_KEY_FILE is set without PIIMASK_REDIS_CERT_FILE")
    options: dict[str, Any] = {"ssl_cert_reqs": "required", "ssl_check_hostname": True}
    if settings.redis_ca_file is not None:
        options["ssl_ca_certs"] = str(settings.redis_ca_file)
    if settings.redis_cert_file is not None:
        options["ssl_certfile"] = str(settings.redis_cert_file)
    if settings.redis_key_file is not None:
        options["ssl_keyfile"] = str(settings.redis_key_file)
    return options


def _sentinel(settings: Settings, options: dict[str, Any]) -> Redis:
    url = settings.redis_url
    parts = urlsplit(url)
    hosts_part = parts.netloc.rsplit("@", 1)[-1]
    path = [p for p in parts.path.split("/") if p]
    if not hosts_part or not path or len(path) > 2 or (len(path) == 2 and not path[1].isdigit()):
        raise RedisConfigError(
            f"PIIMASK_REDIS_URL {redacted(url)}: a Sentinel URL reads "
            f"{SENTINEL_SCHEME}://[user:password@]host[:port][,host[:port]...]/service_name[/db]"
        )
    sentinels = []
    for item in hosts_part.split(","):
        host, _, port = item.rpartition(":") if ":" in item else (item, "", "")
        if not host or (port and not port.isdigit()):
            raise RedisConfigError(f"PIIMASK_REDIS_URL {redacted(url)}: {item!r} is not host[:port]")
        sentinels.append((host, int(port or SENTINEL_PORT)))
    sentinel_options = {k: options[k] for k in ("socket_timeout", "socket_connect_timeout", "socket_keepalive")}
    if settings.redis_sentinel_password is not None:
        sentinel_options["password"] = settings.redis_sentinel_password.get_secret_value()
    db = int(path[1]) if len(path) == 2 else 0
    client_auth = {
        "username": unquote(parts.username) if parts.username else None,
        "password": unquote(parts.password) if parts.password is not None else None,
    }
    sentinel = Sentinel(sentinels, sentinel_kwargs=sentinel_options, **options)
    return sentinel.master_for(path[0], db=db, connection_class=_SentinelConnection, **client_auth)


def connect(settings: Settings, *, socket_timeout: float | None = None, check: bool = True) -> Redis:
    """The client for `settings`. With `check`, a PING first, retried for a second at most, so that a bad URL,
    password or certificate (or a Redis that is not there) is a RedisConfigError at start-up, not a failed job."""
    scheme = urlsplit(settings.redis_url).scheme
    if scheme not in SCHEMES:
        raise RedisConfigError(
            f"PIIMASK_REDIS_URL {redacted(settings.redis_url)}: the scheme must be one of {', '.join(SCHEMES)}"
        )
    options: dict[str, Any] = {
        "socket_timeout": socket_timeout,
        "socket_connect_timeout": 10,
        "socket_keepalive": True,
        "health_check_interval": 15,  # an idle pooled connection is checked before use, e.g. after a failover
        **_tls_options(settings, scheme),
    }
    if check:
        probe = _client(
            settings, scheme, {**options, "retry": _FailoverRetry(ExponentialBackoff(cap=0.5, base=0.1), 3)}
        )
        try:
            _guard(settings, probe.ping)
        finally:
            probe.close()
    return _client(settings, scheme, {**options, "retry": _retry(settings)})


def _client(settings: Settings, scheme: str, options: dict[str, Any]) -> Redis:
    if scheme == SENTINEL_SCHEME:
        return _sentinel(settings, options)
    try:
        return Redis.from_url(settings.redis_url, **options)
    except ValueError:  # redis-py's own messages may quote the URL
        raise RedisConfigError(f"PIIMASK_REDIS_URL {redacted(settings.redis_url)} is not a valid Redis URL") from None


def _guard(settings: Settings, call: Callable[[], T]) -> T:
    """`call()`, its Redis failure turned into a RedisConfigError that names the redacted URL and the cause."""
    where = f"Redis at {redacted(settings.redis_url)}"
    try:
        return call()
    except (AuthenticationError, AuthorizationError):  # WRONGPASS, NOAUTH, or a disabled ACL user
        raise RedisConfigError(
            f"{where} refused the connection's credentials: check the user and password in PIIMASK_REDIS_URL"
        ) from None
    except NoPermissionError:
        raise RedisConfigError(f"{where}: the ACL user may not run the commands piimask needs") from None
    except RedisError as exc:
        hint = " (check PIIMASK_REDIS_CA_FILE and the client certificate settings)" if _tls_failure(exc) else ""
        reason = _scrubbed(str(exc), settings)
        raise RedisConfigError(f"{where} is not usable: {type(exc).__name__}: {reason}{hint}") from None


def _tls_failure(exc: BaseException) -> bool:
    cause = exc.__cause__ or exc.__context__
    return isinstance(cause, ssl.SSLError) or "SSL" in str(exc)


def _scrubbed(text: str, settings: Settings) -> str:
    """A library message with any password we hold cut out. redis-py's messages name hosts and causes, never a
    password; this guards the promise should one ever quote its arguments."""
    sentinel = settings.redis_sentinel_password
    for secret in (urlsplit(settings.redis_url).password, sentinel.get_secret_value() if sentinel else None):
        if secret:
            text = text.replace(secret, "***").replace(unquote(secret), "***")
    return text[:300]


def settings_for(env: Mapping[str, str], url: str | None = None) -> Settings:
    """Settings holding the Redis connection fields of a child's environment `env` (and `url`, if given), so a
    harness reaches the Redis its children reach, TLS files and Sentinel password included."""
    values = {name: env.get(f"PIIMASK_{name.upper()}") for name in CONNECTION_FIELDS}
    if url is not None:
        values["redis_url"] = url
    if env.get("PIIMASK_REDIS_RETRY_S"):
        values["redis_retry_s"] = env["PIIMASK_REDIS_RETRY_S"]
    return Settings(**{k: v for k, v in values.items() if v is not None or k != "redis_url"})
