"""The web console: a static page at `/` and `/console` that calls the v1 API from the browser.

No key is needed to load the page; every call it makes sends the key the person typed (`Authorization: Bearer`),
so the page is no way round the API's auth. The assets are a fixed list, so no request path reaches the file
system, and the policy below lets the page load nothing but its own files and talk to nothing but this service.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, JSONResponse

from piimask.entities import KNOWN_ENTITY_TYPES
from piimask.http.errors import ApiError

router = APIRouter(tags=["console"], include_in_schema=False)

FILES = Path(__file__).resolve().parent.parent / "console"
ASSETS = {"console.js": "text/javascript", "console.css": "text/css"}
HEADERS = {
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        "form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-cache",  # revalidated, so a new release's page and scripts arrive together
}


@router.get("/")
@router.get("/console")
def console_page() -> FileResponse:
    return FileResponse(FILES / "index.html", media_type="text/html; charset=utf-8", headers=HEADERS)


@router.get("/console/assets/entity-types.json")
def entity_types() -> JSONResponse:
    # the names a policy accepts, for the page's type toggles (a policy lists the types it wants, never the others)
    return JSONResponse({"entity_types": sorted(KNOWN_ENTITY_TYPES)}, headers=HEADERS)


@router.get("/console/assets/{name}")
def console_asset(name: str) -> FileResponse:
    if name not in ASSETS:
        raise ApiError(404, "not_found", "no such console file")
    return FileResponse(FILES / name, media_type=ASSETS[name], headers=HEADERS)
