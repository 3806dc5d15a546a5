"""The backend serves the built SPA at /: client-side routes fall back to index.html, hashed assets leave as the
pre-compressed copy the browser accepts and are cached for good, index.html is revalidated (itaku/spa.py)."""

import gzip
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from itaku.main import create_app
from itaku.spa import IMMUTABLE, accepted_codings
from tests.conftest import TestDatabase, test_settings

UNUSED_DB = "sqlite+aiosqlite:///:memory:"  # serving files never reaches a table
SCRIPT = "console.log('itaku');" * 40
INDEX = "<!doctype html><title>Itaku</title>"
# Not real brotli: the server sends a copy as it is, and the tests tell the copies apart by their bytes.
BROTLI_COPY = b"brotli copy of the script"


def build(dist: Path, *, assets: bool = True) -> Path:
    """A build as `vite build` leaves it: index.html, hashed assets with .br and .gz copies, a favicon."""
    dist.mkdir(exist_ok=True)
    (dist / "index.html").write_text(INDEX)
    (dist / "index.html.gz").write_bytes(gzip.compress(INDEX.encode()))
    (dist / "favicon.svg").write_text("<svg/>")
    if assets:
        (dist / "assets").mkdir()
        (dist / "assets" / "app-1234.js").write_text(SCRIPT)
        (dist / "assets" / "app-1234.js.br").write_bytes(BROTLI_COPY)
        (dist / "assets" / "app-1234.js.gz").write_bytes(gzip.compress(SCRIPT.encode()))
        (dist / "assets" / "logo-5678.png").write_bytes(b"\x89PNG not worth compressing")
    return dist


@pytest.fixture
async def web(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(test_settings(UNUSED_DB, spa_dir=build(tmp_path / "dist")))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        yield c
    await app.state.db.dispose()


async def fetch(c: httpx.AsyncClient, method: str, path: str, **headers: str) -> tuple[httpx.Response, bytes]:
    """The answer and its body as sent (httpx would otherwise decode gzip)."""
    async with c.stream(method, path, headers=headers) as r:
        return r, b"".join([chunk async for chunk in r.aiter_raw()])


async def test_spa_routes_fall_back_to_index_and_api_stays_json(database: TestDatabase, tmp_path: Path) -> None:
    app = create_app(test_settings(database.url, spa_dir=build(tmp_path / "dist")))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        for route in ("/", "/vendors", "/settings/users?page=2"):
            r = await c.get(route)
            assert r.status_code == 200 and "<title>Itaku</title>" in r.text, route
            assert "default-src 'self'" in r.headers["content-security-policy"]
        assert (await c.get("/assets/app-1234.js")).text == SCRIPT
        assert (await c.get("/favicon.svg")).text == "<svg/>"
        missing = await c.get("/api/v1/does-not-exist")
        assert missing.status_code == 404 and missing.json()["error"] == "not_found"
        assert (await c.get("/healthz")).json() == {"status": "ok"}
    await app.state.db.dispose()


@pytest.mark.parametrize(
    ("accept", "coding"),
    [
        ("gzip, deflate, br, zstd", "br"),  # what Chromium sends
        ("gzip;q=1.0, br;q=0.5", "br"),  # brotli preferred whatever the client's order
        ("*", "br"),
        ("gzip", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("deflate, *;q=0", None),
        ("identity", None),
        ("", None),
    ],
)
async def test_an_asset_leaves_as_the_copy_the_client_accepts(
    web: httpx.AsyncClient, accept: str, coding: str | None
) -> None:
    r, body = await fetch(web, "GET", "/assets/app-1234.js", **{"Accept-Encoding": accept})
    assert r.status_code == 200
    assert r.headers.get("content-encoding") == coding
    assert int(r.headers["content-length"]) == len(body)
    if coding == "gzip":
        body = gzip.decompress(body)
    assert body == (BROTLI_COPY if coding == "br" else SCRIPT.encode())
    assert r.headers["content-type"] == "text/javascript; charset=utf-8"  # the script's type, not the copy's
    assert r.headers["vary"] == "Accept-Encoding"
    assert r.headers["cache-control"] == IMMUTABLE == "public, max-age=31536000, immutable"


async def test_a_file_the_build_did_not_compress_is_sent_as_it_is(web: httpx.AsyncClient) -> None:
    r, body = await fetch(web, "GET", "/assets/logo-5678.png", **{"Accept-Encoding": "gzip, br"})
    assert r.status_code == 200 and "content-encoding" not in r.headers
    assert body == b"\x89PNG not worth compressing" and r.headers["content-type"] == "image/png"
    assert r.headers["cache-control"] == IMMUTABLE and r.headers["vary"] == "Accept-Encoding"


async def test_each_copy_has_its_own_etag_and_a_revalidation_answers_304(web: httpx.AsyncClient) -> None:
    br, _ = await fetch(web, "GET", "/assets/app-1234.js", **{"Accept-Encoding": "br"})
    plain, _ = await fetch(web, "GET", "/assets/app-1234.js", **{"Accept-Encoding": "identity"})
    assert br.headers["etag"] != plain.headers["etag"]
    again, body = await fetch(
        web, "GET", "/assets/app-1234.js", **{"Accept-Encoding": "br", "If-None-Match": br.headers["etag"]}
    )
    assert again.status_code == 304 and body == b""
    assert again.headers["cache-control"] == IMMUTABLE and again.headers["vary"] == "Accept-Encoding"


async def test_index_html_is_revalidated_and_a_revalidation_answers_304(web: httpx.AsyncClient) -> None:
    for route in ("/", "/vendors/123", "/index.html"):
        r = await web.get(route, headers={"Accept-Encoding": "identity"})
        assert r.status_code == 200 and r.text == INDEX, route
        assert r.headers["cache-control"] == "no-cache" and r.headers["vary"] == "Accept-Encoding"
        assert r.headers["etag"] and r.headers["last-modified"]
        by_etag = await web.get(route, headers={"Accept-Encoding": "identity", "If-None-Match": r.headers["etag"]})
        assert by_etag.status_code == 304 and by_etag.content == b"", route
        assert by_etag.headers["cache-control"] == "no-cache" and by_etag.headers["etag"] == r.headers["etag"]
        by_date = await web.get(
            route, headers={"Accept-Encoding": "identity", "If-Modified-Since": r.headers["last-modified"]}
        )
        assert by_date.status_code == 304, route
    changed = await web.get("/", headers={"Accept-Encoding": "identity", "If-None-Match": '"an-older-build"'})
    assert changed.status_code == 200 and changed.text == INDEX
    zipped, body = await fetch(web, "GET", "/", **{"Accept-Encoding": "gzip, br"})  # the build has no .br of it
    assert zipped.headers["content-encoding"] == "gzip" and gzip.decompress(body).decode() == INDEX
    assert zipped.headers["content-type"] == "text/html; charset=utf-8"


async def test_other_top_level_files_are_cached_for_a_short_while(web: httpx.AsyncClient) -> None:
    r = await web.get("/favicon.svg")
    assert r.status_code == 200 and r.text == "<svg/>"
    assert r.headers["cache-control"] == "public, max-age=3600"


async def test_a_missing_asset_is_404_never_index_html(web: httpx.AsyncClient, tmp_path: Path) -> None:
    for path in ("/assets/app-9999.js", "/assets/", "/assets/app-1234.js.br", "/assets/app-1234.js.gz"):
        r = await web.get(path, headers={"Accept-Encoding": "br, gzip"})
        assert r.status_code == 404 and r.json()["error"] == "not_found", path
    # A copy is not an address at the top either: /index.html.gz is a client route, i.e. index.html.
    assert (await web.get("/index.html.gz", headers={"Accept-Encoding": "identity"})).text == INDEX
    # A build without assets/ at all (none imported yet): still 404, not the page.
    app = create_app(test_settings(UNUSED_DB, spa_dir=build(tmp_path / "bare", assets=False)))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        r = await c.get("/assets/app-1234.js")
        assert r.status_code == 404 and r.json()["error"] == "not_found"
    await app.state.db.dispose()


async def test_head_answers_the_headers_of_get_without_a_body(web: httpx.AsyncClient) -> None:
    for path, accept in (("/assets/app-1234.js", "br"), ("/assets/app-1234.js", "identity"), ("/", "gzip")):
        get, get_body = await fetch(web, "GET", path, **{"Accept-Encoding": accept})
        head, head_body = await fetch(web, "HEAD", path, **{"Accept-Encoding": accept})
        assert head.status_code == 200 and head_body == b"", path
        for name in ("content-type", "content-length", "content-encoding", "etag", "cache-control", "vary"):
            assert head.headers.get(name) == get.headers.get(name), (path, name)
        assert int(head.headers["content-length"]) == len(get_body)


async def test_a_range_is_served_from_the_copy_that_is_sent(web: httpx.AsyncClient) -> None:
    plain, body = await fetch(
        web, "GET", "/assets/app-1234.js", **{"Accept-Encoding": "identity", "Range": "bytes=0-6"}
    )
    assert plain.status_code == 206 and body == SCRIPT.encode()[:7]
    assert plain.headers["content-range"] == f"bytes 0-6/{len(SCRIPT)}"
    br, body = await fetch(web, "GET", "/assets/app-1234.js", **{"Accept-Encoding": "br", "Range": "bytes=0-5"})
    assert br.status_code == 206 and body == BROTLI_COPY[:6] and br.headers["content-encoding"] == "br"
    assert br.headers["content-range"] == f"bytes 0-5/{len(BROTLI_COPY)}"
    assert br.headers["cache-control"] == IMMUTABLE


async def test_only_get_and_head_reach_the_files(web: httpx.AsyncClient) -> None:
    r = await web.post("/assets/app-1234.js")
    assert r.status_code == 405 and r.headers["allow"] == "GET, HEAD"
    r = await web.post("/vendors")
    assert r.status_code == 405 and r.json()["error"] == "method_not_allowed"


def test_accepted_codings_follow_the_q_values_in_our_order() -> None:
    assert accepted_codings("gzip, deflate, br, zstd") == ["br", "gzip"]
    assert accepted_codings("GZIP; Q=0.8") == ["gzip"]
    assert accepted_codings("br;q=0.0, gzip;q=0") == []
    assert accepted_codings("*;q=0.1, gzip;q=0") == ["br"]
    assert accepted_codings("br;q=nonsense, gzip") == ["gzip"]
