"""The HTTP API's app factory (v1 and the Presidio-compatible routes).

The process that serves the app (service.py) passes a function that opens its `Services` (the model, Redis, the
queue, the blob store): the app's lifespan opens them once and the typed dependencies of `piimask.http.deps` read
them from there. The text routes await the engine's future (the work runs on its inference thread); the other
blocking handlers are plain `def`s, which FastAPI runs in its thread pool. Either way model inference never blocks
the event loop.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from fastapi import FastAPI

from piimask.http import presidio
from piimask.http.deps import Services
from piimask.http.errors import install_error_handlers
from piimask.http.metrics import app_registry
from piimask.http.middleware import BodyLimit, Observe
from piimask.http.routes import console, jobs, ops, tables, text
from piimask.settings import Settings

OpenServices = Callable[[], AbstractAsyncContextManager[Services]]


def build_app(settings: Settings, open_services: OpenServices | None = None) -> FastAPI:
    """The app. Without `open_services` it has no lifespan, and whoever runs it provides the dependencies
    (`app.dependency_overrides`), as an in-process test does."""
    lifespan = None
    if open_services is not None:

        @asynccontextmanager
        async def lifespan(app: FastAPI) -> AsyncIterator[None]:
            async with open_services() as services:
                # the only writes of app state, read back by piimask.http.deps
                app.state.services = services
                app.state.metrics = app_registry(services.queue, services.redis)
                yield

    app = FastAPI(title="piimask", version="1", lifespan=lifespan, description="PII masking for text and tables")
    install_error_handlers(app)
    app.add_middleware(Observe)
    app.add_middleware(BodyLimit, settings=settings)
    for router in (ops.router, text.router, tables.router, jobs.router, presidio.router, console.router):
        app.include_router(router)
    return app
