"""The backend serves the built SPA at / with client-side routes falling back to index.html."""

from pathlib import Path

import httpx

from itaku.main import create_app
from tests.conftest import TestDatabase, test_settings


async def test_spa_routes_fall_back_to_index_and_api_stays_json(database: TestDatabase, tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>Itaku</title>")
    (tmp_path / "assets" / "app-1234.js").write_text("console.log('itaku')")
    (tmp_path / "favicon.svg").write_text("<svg/>")
    app = create_app(test_settings(database.url, spa_dir=tmp_path))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        for route in ("/", "/vendors", "/settings/users?page=2"):
            r = await c.get(route)
            assert r.status_code == 200 and "<title>Itaku</title>" in r.text, route
            assert "default-src 'self'" in r.headers["content-security-policy"]
        assert (await c.get("/assets/app-1234.js")).text == "console.log('itaku')"
        assert (await c.get("/favicon.svg")).text == "<svg/>"
        missing = await c.get("/api/v1/does-not-exist")
        assert missing.status_code == 404 and missing.json()["error"] == "not_found"
        assert (await c.get("/healthz")).json() == {"status": "ok"}
    await app.state.db.dispose()
