"""Liveness, readiness and metrics: no API key, as load balancers and scrapers call them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from redis.exceptions import RedisError

from piimask.http.deps import DescribeDep, MetricsDep, RedisDep
from piimask.tables.jobs import worker_registrations

router = APIRouter(tags=["ops"])


@router.get("/healthz")
def healthz() -> dict:
    return {"status": "ok"}


@router.get("/readyz")
def readyz(describe: DescribeDep, redis: RedisDep) -> JSONResponse:
    # ready once the model is loaded (the services exist only from then on) and Redis answers
    body: dict[str, Any] = {"process": "service", **describe()}
    try:
        redis.ping()
        body["redis"] = "ok"
        body["workers"] = worker_registrations(redis)
    except RedisError:
        body["redis"] = "unreachable"
        body["workers"] = []
    ready = body["redis"] == "ok"
    body["status"] = "ready" if ready else "not_ready"
    return JSONResponse(body, status_code=200 if ready else 503)


@router.get("/metrics")
def metrics(registry: MetricsDep) -> Response:
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
