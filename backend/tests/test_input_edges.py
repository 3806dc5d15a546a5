"""Input at the edges (issue 14/1, findings 6 and 11): dates outside the supported range, a database that does not
answer, a chunked upload over the limit, a 法人番号 in full-width digits, a reading typed in hiragana, and the
headers every answer carries."""

import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from itaku.main import create_app
from tests.assessment_builders import vendor_with_contact
from tests.builders import auth, register
from tests.conftest import Inbox, TestDatabase, test_settings
from tests.test_incident_portal import portal_link

# Valid ISO 8601 with offsets whose UTC instants fall outside the calendar (they raised OverflowError: a 500).
EDGES = ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "1899-12-31T23:59:59+00:00"]


def assert_field_error(r: httpx.Response, field: str) -> None:
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["error"] == "validation_error"
    assert any(e["loc"][-1] == field and "1900-01-01" in e["msg"] for e in body["detail"]), body


@pytest.mark.parametrize("edge", EDGES)
async def test_an_audit_list_bound_outside_the_calendar_is_a_field_error(client: httpx.AsyncClient, edge: str) -> None:
    org = await register(client)
    for name in ("occurred_from", "occurred_to"):
        r = await client.get("/api/v1/audit-events", params={name: edge}, headers=org.headers)
        assert_field_error(r, name)


@pytest.mark.parametrize("edge", EDGES)
async def test_an_incident_time_outside_the_calendar_is_a_field_error(client: httpx.AsyncClient, edge: str) -> None:
    org = await register(client)
    r = await client.post("/api/v1/incidents", json={"title": "漏えいの疑い", "aware_at": edge}, headers=org.headers)
    assert_field_error(r, "aware_at")
    r = await client.post(
        "/api/v1/regulation/evaluate",
        json={"jurisdiction": "JP-APPI", "role": "principal", "aware_at": edge, "facts": {}},
        headers=org.headers,
    )
    assert_field_error(r, "aware_at")
    # Nothing was written by the refusals.
    assert (await client.get("/api/v1/incidents", headers=org.headers)).json()["total"] == 0


async def test_a_portal_incident_time_outside_the_calendar_is_a_field_error(
    mail_client: httpx.AsyncClient, smtp: tuple[Inbox, int]
) -> None:
    inbox, _ = smtp
    org = await register(mail_client)
    address = f"security-{uuid.uuid4().hex[:8]}@album.example"
    await vendor_with_contact(mail_client, org, email=address)
    token = await portal_link(mail_client, inbox, address)
    for edge in EDGES:
        r = await mail_client.post(
            "/api/v1/portal/incidents",
            json={"title": "漏えいの疑い", "discovered_at": edge, "description": "調査中"},
            headers=auth(token),
        )
        assert_field_error(r, "discovered_at")


async def test_a_calendar_day_outside_the_range_is_a_field_error(client: httpx.AsyncClient) -> None:
    org = await register(client)
    r = await client.get("/api/v1/monitoring-items", params={"due_to": "9999-12-31"}, headers=org.headers)
    assert_field_error(r, "due_to")


@pytest.fixture
async def unreachable(request: pytest.FixtureRequest) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(test_settings(request.param))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        yield c
    await app.state.db.dispose()


@pytest.mark.parametrize(
    "unreachable",
    ["sqlite+aiosqlite:////nonexistent-dir/x.db", "postgresql+asyncpg://postgres@127.0.0.1:1/postgres"],
    ids=["sqlite", "postgresql"],
    indirect=True,
)
async def test_api_calls_during_a_database_outage_answer_503_with_retry_after(
    unreachable: httpx.AsyncClient,
) -> None:
    calls = [
        ("POST", "/api/v1/auth/token", {"data": {"username": "a@example.com", "password": "x" * 12}}),
        ("GET", "/api/v1/vendors", {"headers": auth("itk_" + "a" * 40)}),  # an API key is looked up
        ("POST", "/api/v1/portal/link-requests", {"json": {"email": "a@example.com", "purpose": "portal"}}),
        ("POST", "/api/v1/auth/refresh", {"headers": {"Cookie": "itaku_refresh=" + "r" * 43}}),
    ]
    for method, path, kwargs in calls:
        r = await unreachable.request(method, path, **kwargs)
        assert r.status_code == 503, r.text
        assert r.json()["error"] == "database_unavailable"
        assert int(r.headers["Retry-After"]) > 0
        assert r.headers["X-Content-Type-Options"] == "nosniff"


async def test_a_chunked_upload_over_the_limit_answers_413(database: TestDatabase, tmp_path: Any) -> None:
    app = create_app(test_settings(database.url, upload_max_bytes=2048, upload_dir=tmp_path))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        org = await register(c)
        boundary = "itakuboundary"
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n%PDF-"
        ).encode()

        async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: the size is known only while reading
            yield head
            for _ in range(40):
                yield b"0" * 65536
            yield f"\r\n--{boundary}--\r\n".encode()

        r = await c.post(
            "/api/v1/files",
            content=chunks(),
            headers={**org.headers, "Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        assert r.status_code == 413, r.text
        assert r.json()["error"] == "payload_too_large"
        assert r.headers["X-Content-Type-Options"] == "nosniff"
    await app.state.db.dispose()
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


@pytest.mark.parametrize(
    "typed",
    [
        "７０１０００１０８８９６０",
        "7010-0010-88960",
        "７０１０－００１０－８８９６０",
        "7010 0010 88960",
        "7010ー0010ー88960",
    ],
)
async def test_a_corporate_number_in_full_width_digits_or_with_separators_is_normalised(
    client: httpx.AsyncClient, typed: str
) -> None:
    org = await register(client)
    r = await client.post(
        "/api/v1/vendors", json={"name": "株式会社みなと", "corporate_number": typed}, headers=org.headers
    )
    assert r.status_code == 201, r.text
    assert r.json()["corporate_number"] == "7010001088960"
    found = await client.get("/api/v1/vendors", params={"q": "７０１０００１"}, headers=org.headers)
    assert [v["name"] for v in found.json()["items"]] == ["株式会社みなと"]


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("カブシキガイシャ ミナト", "カブシキガイシャ ミナト"),
        ("かぶしきがいしゃ　みなと", "カブシキガイシャ ミナト"),  # hiragana and a full-width space
        ("ｶﾌﾞｼｷｶﾞｲｼｬ ﾐﾅﾄ", "カブシキガイシャ ミナト"),  # half-width katakana
        ("ＮＴＴデータ・ミナト", "NTTデータ・ミナト"),
    ],
)
async def test_a_reading_is_kept_in_katakana(client: httpx.AsyncClient, typed: str, stored: str) -> None:
    org = await register(client)
    r = await client.post("/api/v1/vendors", json={"name": "株式会社みなと", "name_kana": typed}, headers=org.headers)
    assert r.status_code == 201, r.text
    assert r.json()["name_kana"] == stored


async def test_a_reading_in_kanji_is_refused_with_what_to_write(client: httpx.AsyncClient) -> None:
    org = await register(client)
    r = await client.post(
        "/api/v1/vendors", json={"name": "株式会社みなと", "name_kana": "株式会社"}, headers=org.headers
    )
    assert r.status_code == 422
    [error] = r.json()["detail"]
    assert error["loc"][-1] == "name_kana" and "katakana" in error["msg"]


# --- headers -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
async def bare_https() -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(test_settings("sqlite+aiosqlite:///:memory:", public_url="https://itaku.example.com"))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        yield c
    await app.state.db.dispose()


@pytest.mark.parametrize(
    "path", ["/docs-anything", "/docsx", "/redoc/../api/v1/users", "/api/v1/docs", "/openapi.jsonx"]
)
async def test_the_relaxed_docs_policy_is_not_chosen_by_prefix(bare_https: httpx.AsyncClient, path: str) -> None:
    r = await bare_https.get(path)
    csp = r.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";", 1)[0], path
    assert "cdn.jsdelivr.net" not in csp


@pytest.mark.parametrize("path", ["/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json"])
async def test_the_docs_get_their_policy_at_exactly_their_paths(bare_https: httpx.AsyncClient, path: str) -> None:
    r = await bare_https.get(path)
    assert "cdn.jsdelivr.net" in r.headers["Content-Security-Policy"], path


@pytest.mark.parametrize("path", ["/healthz", "/api/v1/users", "/api/v1/nothing-here", "/docs"])
async def test_an_https_deployment_sends_hsts_and_isolation_headers_on_every_answer(
    bare_https: httpx.AsyncClient, path: str
) -> None:
    r = await bare_https.get(path)
    assert r.headers["Strict-Transport-Security"].startswith("max-age=")
    assert r.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in r.headers["Permissions-Policy"]


async def test_plain_http_deployments_send_no_hsts(client: httpx.AsyncClient) -> None:
    r = await client.get("/healthz")
    assert "Strict-Transport-Security" not in r.headers
