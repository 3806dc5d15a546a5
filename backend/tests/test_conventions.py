"""API-wide conventions: one error shape, no leaked internals, security headers, request ids, health, the contract."""

import json
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from itaku.core.config import REPO_ROOT, Settings
from itaku.main import create_app
from tests.builders import auth, register
from tests.conftest import test_settings as settings_for

REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
UNUSED_DB = "sqlite+aiosqlite:///:memory:"


def client_for(app: FastAPI, **transport: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, **transport), base_url="http://testserver")


@pytest.fixture(scope="module")
async def bare() -> AsyncIterator[httpx.AsyncClient]:
    """An app for conventions that never reach a table, so they run once rather than per database."""
    app = create_app(settings_for(UNUSED_DB))
    async with client_for(app) as c:
        yield c
    await app.state.db.dispose()


def assert_error_shape(r: httpx.Response, status: int, code: str) -> Any:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error", "detail"}, body
    assert body["error"] == code
    return body["detail"]


# --- errors ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/nothing-here", "/api/v1/nothing-here", "/api/v2/users"])
async def test_unknown_route_answers_404_in_the_error_shape(bare: httpx.AsyncClient, path: str) -> None:
    detail = assert_error_shape(await bare.get(path), 404, "not_found")
    assert isinstance(detail, str) and detail


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
async def test_unknown_route_answers_404_whatever_the_method(bare: httpx.AsyncClient, method: str) -> None:
    assert_error_shape(await bare.request(method, "/api/v1/nothing-here"), 404, "not_found")


@pytest.mark.parametrize("method", ["POST", "DELETE"])
async def test_unknown_api_route_answers_404_whatever_the_method_when_the_web_app_is_served(
    tmp_path: Path, method: str
) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><title>Itaku</title>")
    app = create_app(settings_for(UNUSED_DB, spa_dir=tmp_path))
    async with client_for(app) as c:
        missing = await c.request(method, "/api/v1/nothing-here")
    await app.state.db.dispose()
    assert_error_shape(missing, 404, "not_found")


async def test_wrong_method_answers_405_in_the_error_shape(bare: httpx.AsyncClient) -> None:
    r = await bare.delete("/api/v1/organization")
    assert_error_shape(r, 405, "method_not_allowed")
    assert "GET" in r.headers["Allow"]


async def test_malformed_input_answers_422_with_the_field_list(bare: httpx.AsyncClient) -> None:
    r = await bare.post("/api/v1/auth/register", json={"email": "not-an-email", "surprise": 1})
    detail = assert_error_shape(r, 422, "validation_error")
    assert all(set(e) == {"loc", "msg", "type"} for e in detail)
    assert {e["loc"][-1] for e in detail} == {"organization_name", "name", "email", "password", "surprise"}


async def test_a_nul_character_anywhere_in_a_body_is_malformed_input(client: httpx.AsyncClient) -> None:
    """PostgreSQL text cannot hold U+0000 (schemathesis found it in the portal): refused for every body, nested too."""
    org = await register(client)
    r = await client.post("/api/v1/vendors", json={"name": "株式会社\u0000テスト"}, headers=org.headers)
    assert [e["loc"] for e in assert_error_shape(r, 422, "validation_error")] == [["body", "name"]]
    r = await client.post("/api/v1/vendors", json={"name": "株式会社テスト"}, headers=org.headers)
    clause = {"requirement_key": "incident_reporting", "values": {"notice_hours": 24, "recipient": "窓口\u0000"}}
    r = await client.post(
        "/api/v1/contracts",
        json={"vendor_id": r.json()["id"], "title": "委託契約", "clauses": [clause]},
        headers=org.headers,
    )
    [error] = assert_error_shape(r, 422, "validation_error")
    assert error["loc"][:3] == ["body", "clauses", 0]
    assert (await client.get("/api/v1/contracts", headers=org.headers)).json()["total"] == 0
    r = await client.get("/api/v1/vendors?q=%00", headers=org.headers)  # in a query string too
    assert [e["loc"] for e in assert_error_shape(r, 422, "validation_error")] == [["query"]]


async def test_invalid_json_answers_422(bare: httpx.AsyncClient) -> None:
    r = await bare.post("/api/v1/auth/register", content=b'{"email": ', headers={"Content-Type": "application/json"})
    detail = assert_error_shape(r, 422, "validation_error")
    assert detail and detail[0]["type"] == "json_invalid"


async def test_missing_credentials_answer_401_in_the_error_shape(bare: httpx.AsyncClient) -> None:
    assert_error_shape(await bare.get("/api/v1/users"), 401, "not_authenticated")
    assert_error_shape(await bare.get("/api/v1/users", headers=auth("not-a-token")), 401, "not_authenticated")


@pytest.fixture(scope="module")
async def exploding() -> AsyncIterator[httpx.AsyncClient]:
    """An app of this module's own with one route that fails the way a programming error does."""
    app = create_app(settings_for(UNUSED_DB))

    async def explode() -> None:
        raise RuntimeError("internal detail: password=hunter2 at /srv/itaku/secret.py")

    app.add_api_route("/api/v1/explode", explode, methods=["GET"])
    async with client_for(app, raise_app_exceptions=False) as c:
        yield c
    await app.state.db.dispose()


async def test_server_error_answers_500_without_internals(exploding: httpx.AsyncClient) -> None:
    r = await exploding.get("/api/v1/explode")
    detail = assert_error_shape(r, 500, "internal_error")
    for leak in ("Traceback", "RuntimeError", "hunter2", "secret.py", 'File "'):
        assert leak not in r.text
    assert isinstance(detail, str)


async def test_server_error_quotes_the_request_id(exploding: httpx.AsyncClient) -> None:
    r = await exploding.get("/api/v1/explode", headers={"X-Request-ID": "test-req-12345678"})
    assert r.status_code == 500
    assert "test-req-12345678" in r.json()["detail"]


async def test_server_error_carries_the_request_id_and_security_headers(exploding: httpx.AsyncClient) -> None:
    r = await exploding.get("/api/v1/explode", headers={"X-Request-ID": "test-req-12345678"})
    assert r.status_code == 500
    assert r.headers.get("X-Request-ID") == "test-req-12345678"
    assert r.headers.get("X-Content-Type-Options") == "nosniff"
    assert "Content-Security-Policy" in r.headers


# --- headers -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/healthz", "/api/v1/users", "/api/v1/nothing-here"])
async def test_responses_carry_security_headers(bare: httpx.AsyncClient, path: str) -> None:
    r = await bare.get(path)
    csp = r.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["X-Frame-Options"] == "DENY"
    assert r.headers["Referrer-Policy"] == "no-referrer"
    if path.startswith("/api/"):
        assert r.headers["Cache-Control"] == "no-store"


async def test_api_docs_get_the_policy_their_cdn_bundles_need(bare: httpx.AsyncClient) -> None:
    docs = await bare.get("/docs")
    assert docs.status_code == 200
    assert "cdn.jsdelivr.net" in docs.headers["Content-Security-Policy"]
    api = await bare.get("/api/v1/users")
    assert "cdn.jsdelivr.net" not in api.headers["Content-Security-Policy"]


async def test_request_id_is_generated_when_absent(bare: httpx.AsyncClient) -> None:
    first = (await bare.get("/healthz")).headers["X-Request-ID"]
    second = (await bare.get("/healthz")).headers["X-Request-ID"]
    assert REQUEST_ID.match(first) and REQUEST_ID.match(second)
    assert first != second


async def test_valid_request_id_is_echoed(bare: httpx.AsyncClient) -> None:
    r = await bare.get("/healthz", headers={"X-Request-ID": "test-req-12345678"})
    assert r.headers["X-Request-ID"] == "test-req-12345678"


@pytest.mark.parametrize(
    "sent", ["short", "has spaces in it", "x" * 65, "semi;colon-12345", "<script>alert(1)</script>"]
)
async def test_invalid_request_id_is_replaced(bare: httpx.AsyncClient, sent: str) -> None:
    got = (await bare.get("/healthz", headers={"X-Request-ID": sent})).headers["X-Request-ID"]
    assert got != sent
    assert REQUEST_ID.match(got)


# --- health ------------------------------------------------------------------------------------------------


async def test_liveness_and_readiness_answer_ok(client: httpx.AsyncClient) -> None:
    for path in ("/healthz", "/readyz"):
        r = await client.get(path)
        assert r.status_code == 200
        assert r.json() == {"status": "ok"}


@pytest.mark.parametrize(
    "url",
    ["sqlite+aiosqlite:////nonexistent-dir/x.db", "postgresql+asyncpg://postgres@127.0.0.1:1/postgres"],
    ids=["sqlite", "postgresql"],
)
async def test_readiness_answers_503_when_the_database_is_unreachable(url: str) -> None:
    app = create_app(settings_for(url))
    async with client_for(app) as c:
        ready = await c.get("/readyz")
        live = await c.get("/healthz")
    await app.state.db.dispose()
    assert_error_shape(ready, 503, "database_unavailable")
    assert live.status_code == 200


# --- lists -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/v1/users", "/api/v1/api-keys", "/api/v1/audit-events"])
async def test_list_paging_is_capped(client: httpx.AsyncClient, path: str) -> None:
    org = await register(client)
    for params, field in (({"size": 101}, "size"), ({"size": 0}, "size"), ({"page": 0}, "page")):
        r = await client.get(path, params=params, headers=org.headers)
        detail = assert_error_shape(r, 422, "validation_error")
        assert [e["loc"] for e in detail] == [["query", field]]
    r = await client.get(path, params={"size": 100}, headers=org.headers)
    assert r.status_code == 200
    assert set(r.json()) == {"items", "total", "total_exact", "page", "size", "next_cursor"}
    assert (r.json()["page"], r.json()["size"]) == (1, 100)


# --- the contract ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    app = create_app(settings_for(UNUSED_DB))
    return app.openapi()


def operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(method, path, op) for path, item in spec["paths"].items() for method, op in item.items()]


def test_operation_ids_are_unique_and_read_tag_then_function(spec: dict[str, Any]) -> None:
    ids = [op["operationId"] for _, _, op in operations(spec)]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for _, _, op in operations(spec):
        tag = op["tags"][0]
        assert op["operationId"].startswith(f"{tag}-"), op["operationId"]
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", op["operationId"].removeprefix(f"{tag}-")), op["operationId"]


def test_every_operation_is_described(spec: dict[str, Any]) -> None:
    for method, path, op in operations(spec):
        assert op.get("description", "").strip(), f"{method.upper()} {path} has no docstring"
        assert any(code.startswith("2") for code in op["responses"]), f"{method.upper()} {path}"


def test_every_paged_list_declares_capped_paging(spec: dict[str, Any]) -> None:
    def response_ref(op: dict[str, Any]) -> str:
        content = op["responses"].get("200", {}).get("content", {})
        return str(content.get("application/json", {}).get("schema", {}).get("$ref", ""))

    paged = [op for method, _, op in operations(spec) if method == "get" and "/Page_" in response_ref(op)]
    assert len(paged) >= 3
    for op in paged:
        params = {p["name"]: p["schema"] for p in op["parameters"]}
        assert params["size"]["maximum"] == 100 and params["size"]["minimum"] == 1, op["operationId"]
        assert params["page"]["minimum"] == 1, op["operationId"]


def test_committed_openapi_json_matches_the_code() -> None:
    # As `make openapi` writes it: ITAKU_ENVIRONMENT=test, every other setting at its default.
    app = create_app(Settings(environment="test", log_level="WARNING"))
    generated = json.dumps(app.openapi(), indent=2, ensure_ascii=False) + "\n"
    committed = (REPO_ROOT / "openapi.json").read_text(encoding="utf-8")
    assert committed == generated, "openapi.json is stale: run `make openapi` and commit it"
