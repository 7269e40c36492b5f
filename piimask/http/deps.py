"""What a route gets: typed FastAPI dependencies, each written once.

The service process builds one `Services` when it starts (service.py's lifespan) and hands it to the app; the
dependency functions below are the only readers of it. A test can run routes in-process by overriding them
(`app.dependency_overrides[get_engine] = ...`) without building the rest.

Every dependency is `async def`: a read of an attribute is no reason for the thread-pool hop that FastAPI gives a
plain `def` dependency.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from prometheus_client import CollectorRegistry
from redis import Redis
from rq import Queue

from piimask.audit import AuditLog
from piimask.engine import MaskingEngine
from piimask.http.access import Identity, KeyRing, check_scope, identify
from piimask.http.errors import ApiError
from piimask.settings import Settings
from piimask.tables.blobstore import BlobStore


@dataclass(frozen=True, slots=True)
class Services:
    """Everything the routes use, built once per process when it starts."""

    settings: Settings
    keys: KeyRing
    engine: MaskingEngine
    redis: Redis
    queue: Queue
    store: BlobStore
    describe: Callable[[], dict[str, Any]]  # the process's models and key ids, for /readyz
    audit: AuditLog  # where every unmask is recorded


def _started(request: Request, name: str) -> Any:
    """What the app's lifespan handed over (piimask.http.app): the only reads of app state."""
    value = getattr(request.app.state, name, None)
    if value is None:  # only before the lifespan has run, e.g. in an app a test did not start
        raise ApiError(503, "not_ready", "the service is still starting")
    return value


async def get_services(request: Request) -> Services:
    return _started(request, "services")


async def get_metrics(request: Request) -> CollectorRegistry:
    return _started(request, "metrics")


ServicesDep = Annotated[Services, Depends(get_services)]


async def get_settings(services: ServicesDep) -> Settings:
    return services.settings


async def get_keys(services: ServicesDep) -> KeyRing:
    return services.keys


async def get_engine(services: ServicesDep) -> MaskingEngine:
    return services.engine


async def get_redis(services: ServicesDep) -> Redis:
    return services.redis


async def get_queue(services: ServicesDep) -> Queue:
    return services.queue


async def get_store(services: ServicesDep) -> BlobStore:
    return services.store


async def get_describe(services: ServicesDep) -> Callable[[], dict[str, Any]]:
    return services.describe


async def get_audit(services: ServicesDep) -> AuditLog:
    return services.audit


SettingsDep = Annotated[Settings, Depends(get_settings)]
KeysDep = Annotated[KeyRing, Depends(get_keys)]
EngineDep = Annotated[MaskingEngine, Depends(get_engine)]
RedisDep = Annotated[Redis, Depends(get_redis)]
QueueDep = Annotated[Queue, Depends(get_queue)]
StoreDep = Annotated[BlobStore, Depends(get_store)]
DescribeDep = Annotated[Callable[[], dict[str, Any]], Depends(get_describe)]
MetricsDep = Annotated[CollectorRegistry, Depends(get_metrics)]
AuditDep = Annotated[AuditLog, Depends(get_audit)]


async def get_identity(request: Request, settings: SettingsDep, keys: KeysDep) -> Identity:
    """The caller (401 without a valid key); computed once per request however many checks ask."""
    return identify(request.headers.get("authorization", ""), settings.auth, keys)


IdentityDep = Annotated[Identity, Depends(get_identity)]


async def get_scopes(identity: IdentityDep) -> frozenset[str]:
    return identity.scopes


ScopesDep = Annotated[frozenset[str], Depends(get_scopes)]


def require(scope: str) -> Any:
    """A route dependency: the caller's key must carry `scope` (or `admin`)."""

    async def dependency(scopes: ScopesDep) -> None:
        check_scope(scopes, scope)

    return Depends(dependency)
