"""Uploads are bounded before they are parsed, and a refused upload leaves no file behind."""

import uuid
from pathlib import Path

import httpx

from itaku.main import create_app
from tests.builders import register
from tests.conftest import TestDatabase, test_settings


async def test_body_far_over_the_limit_is_refused_before_parsing(database: TestDatabase, tmp_path: Path) -> None:
    app = create_app(test_settings(database.url, upload_max_bytes=2048, upload_dir=tmp_path))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        org = await register(c)
        r = await c.post(
            "/api/v1/files",
            files={"file": ("x.pdf", b"%PDF-" + b"0" * 1_200_000, "application/pdf")},
            headers=org.headers,
        )
        assert r.status_code == 413 and r.json()["error"] == "payload_too_large"
        just_over = await c.post(
            "/api/v1/files", files={"file": ("x.pdf", b"%PDF-" + b"0" * 2048, "application/pdf")}, headers=org.headers
        )
        assert just_over.status_code == 413
    await app.state.db.dispose()
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


async def test_file_of_a_failed_write_is_removed(database: TestDatabase, tmp_path: Path) -> None:
    app = create_app(test_settings(database.url, upload_dir=tmp_path))

    @app.post("/test-only/upload-then-fail")
    async def upload_then_fail() -> None:
        from itaku.files import service
        from itaku.identity.principals import Role, StaffUser

        async with app.state.db.unit_of_work(write=True) as session:
            who = StaffUser(org_user, org_id, Role.admin, "x@example.com", "x")
            await service.store(session, who, app.state.storage, data=b"%PDF-1.4", filename="a.pdf", max_bytes=10_000)
            assert any(p.is_file() for p in tmp_path.rglob("*"))
            raise RuntimeError("the write fails after the file was stored")

    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, raise_app_exceptions=False), base_url="http://t"
    ) as c:
        org = await register(c)
        me = (await c.get("/api/v1/auth/me", headers=org.headers)).json()
        org_id, org_user = uuid.UUID(org.id), uuid.UUID(me["user"]["id"])
        r = await c.post("/test-only/upload-then-fail")
        assert r.status_code == 500
    await app.state.db.dispose()
    assert not any(p.is_file() for p in tmp_path.rglob("*"))
