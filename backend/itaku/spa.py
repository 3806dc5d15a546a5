"""The built web app (frontend/dist) served at /, compressed and cached as each kind of file allows.

- `assets/*`: Vite names these by a hash of their content, so a name never changes meaning: cached for a year and
  never revalidated (`immutable`). A missing one is a 404, never index.html.
- `index.html`, and every client-side route (which answers index.html): it names the current assets, so the browser
  revalidates it on each visit (`no-cache`); its ETag and Last-Modified let that answer be a 304 without the body.
- Other top-level files of the build (favicon): not hashed, so a short cache.

The build writes a brotli (`.br`) and a gzip (`.gz`) copy beside every text file (vite-plugin-compression2, see
frontend/README.md); the copy the client accepts is sent as it is, brotli first, so nothing is compressed per
request. Ranges, HEAD and conditional requests are Starlette's `StaticFiles`/`FileResponse` own; a range of a
compressed answer counts bytes of that copy, whose ETag is its own (RFC 9110 §14, §8.8.3)."""

import stat
from mimetypes import guess_type
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, Response
from starlette.staticfiles import NotModifiedResponse, StaticFiles
from starlette.types import Scope

from itaku.core import error_handlers

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
SHORT = "public, max-age=3600"

# The codings the build writes, in our order of preference, with the suffix of their copies.
CODINGS = {"br": ".br", "gzip": ".gz"}
INDEX = "index.html"


def accepted_codings(accept_encoding: str) -> list[str]:
    """The codings of CODINGS the client accepts (RFC 9110 §12.5.3: `q=0` refuses one, `*` stands for the others),
    in our order of preference rather than the client's: every browser that sends `br` decodes it best."""
    weights: dict[str, float] = {}
    for part in accept_encoding.split(","):
        name, *params = (p.strip() for p in part.split(";"))
        weight = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if name:
            weights[name.lower()] = weight
    anything = weights.get("*", 0.0)
    return [coding for coding in CODINGS if weights.get(coding, anything) > 0]


class BuildFiles(StaticFiles):
    """`StaticFiles` over the build that answers the pre-compressed copy the client accepts, with one Cache-Control."""

    def __init__(self, *, directory: Path, cache_control: str) -> None:
        super().__init__(directory=directory)
        self.cache_control = cache_control

    async def get_response(self, path: str, scope: Scope) -> Response:
        if path.endswith(tuple(CODINGS.values())):
            # The copies are other representations of a file, not addresses of their own.
            raise HTTPException(status_code=404)
        response = None
        if scope["method"] in ("GET", "HEAD"):
            for coding in accepted_codings(Headers(scope=scope).get("accept-encoding", "")):
                response = await self._encoded(path, coding, scope)
                if response is not None:
                    break
        if response is None:
            response = await super().get_response(path, scope)
        response.headers["Cache-Control"] = self.cache_control
        response.headers["Vary"] = "Accept-Encoding"
        return response

    async def _encoded(self, path: str, coding: str, scope: Scope) -> Response | None:
        full_path, stat_result = await anyio.to_thread.run_sync(self.lookup_path, path + CODINGS[coding])
        if stat_result is None or not stat.S_ISREG(stat_result.st_mode):
            return None  # too small to be worth compressing, or not text: the build wrote no copy
        response = FileResponse(
            full_path,
            stat_result=stat_result,
            media_type=guess_type(path)[0] or "application/octet-stream",
            headers={"Content-Encoding": coding},
        )
        if self.is_not_modified(response.headers, Headers(scope=scope)):
            return NotModifiedResponse(response.headers)
        return response


def mount_spa(app: FastAPI, spa_dir: Path) -> None:
    """Serve the built SPA at / with client-side routes falling back to index.html; /api stays JSON."""
    if not (spa_dir / INDEX).is_file():
        return
    if (spa_dir / "assets").is_dir():
        app.mount("/assets", BuildFiles(directory=spa_dir / "assets", cache_control=IMMUTABLE), name="assets")
    pages = BuildFiles(directory=spa_dir, cache_control=REVALIDATE)
    others = BuildFiles(directory=spa_dir, cache_control=SHORT)
    # Top-level files of the build (favicon, robots.txt...), listed once instead of touching the disk per request.
    top_files = {
        p.name for p in spa_dir.iterdir() if p.is_file() and p.name != INDEX and p.suffix not in CODINGS.values()
    }

    # Every method, so an unknown /api path answers 404 whatever the method, not 405 from this route.
    @app.api_route(
        "/{path:path}",
        methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
        include_in_schema=False,
        response_model=None,
    )
    async def spa(request: Request, path: str) -> Response | JSONResponse:
        # An unknown API path, or an asset the build does not have (or no assets at all), is not a page.
        if path.split("/", 1)[0] in ("api", "assets"):
            return error_handlers.error_response(404, "not_found", "Nothing exists at this address.")
        if request.method not in ("GET", "HEAD"):
            return error_handlers.error_response(
                405, "method_not_allowed", "Method Not Allowed", headers={"Allow": "GET, HEAD"}
            )
        if path in top_files:
            return await others.get_response(path, request.scope)
        return await pages.get_response(INDEX, request.scope)
