import asyncio
import csv
import io
from typing import Any

import httpx
import pytest

from itaku.vendors import import_service
from tests.builders import Org, register

HEADER = "名称,名称（カナ）,法人番号,国,ステータス,重要な機密情報を扱う,備考\r\n"


def cp932_csv(rows: int) -> bytes:
    lines = [HEADER] + [f"株式会社テスト{i:03d},テスト{i:03d},,JP,active,はい,第{i}行\r\n" for i in range(rows)]
    return "".join(lines).encode("cp932")


async def upload(client: httpx.AsyncClient, org: Org, data: bytes, *, dry_run: bool) -> httpx.Response:
    return await client.post(
        "/api/v1/vendors/import",
        params={"dry_run": dry_run},
        files={"file": ("vendors.csv", data, "text/csv")},
        headers=org.headers,
    )


async def count(client: httpx.AsyncClient, org: Org) -> int:
    return int((await client.get("/api/v1/vendors", params={"size": 1}, headers=org.headers)).json()["total"])


async def test_cp932_file_of_100_vendors_imports_after_a_clean_dry_run(client: httpx.AsyncClient) -> None:
    org = await register(client)
    data = cp932_csv(100)
    dry = await upload(client, org, data, dry_run=True)
    assert dry.status_code == 200
    assert dry.json() | {"errors": []} == {
        "dry_run": True,
        "ok": True,
        "rows": 100,
        "created": 100,
        "updated": 0,
        "unknown_columns": [],
        "errors": [],
    }
    assert await count(client, org) == 0
    real = await upload(client, org, data, dry_run=False)
    assert real.status_code == 200 and real.json()["created"] == 100
    assert await count(client, org) == 100
    listed = (await client.get("/api/v1/vendors", params={"q": "テスト042"}, headers=org.headers)).json()["items"]
    assert listed[0]["name"] == "株式会社テスト042" and listed[0]["status"] == "active"
    # One event per vendor, written in one go, each linked into the chain as a single one would be.
    events = await client.get(
        "/api/v1/audit-events",
        params={"action": "imported", "entity_id": listed[0]["id"], "size": 5},
        headers=org.headers,
    )
    [event] = events.json()["items"]
    assert event["changes"]["after"]["name"] == "株式会社テスト042"
    imported = await client.get("/api/v1/audit-events", params={"action": "imported", "size": 1}, headers=org.headers)
    assert imported.json()["total"] == 100
    verified = (await client.post("/api/v1/audit-events/verify", json={}, headers=org.headers)).json()
    assert verified["intact"] and verified["problems"] == []


async def test_invalid_rows_are_reported_by_line_and_column_and_nothing_is_written(client: httpx.AsyncClient) -> None:
    org = await register(client)
    data = (
        HEADER
        + "良い株式会社,,7000012050002,JP,active,いいえ,\r\n"
        + "悪い番号株式会社,,7000012050003,JP,active,いいえ,\r\n"
        + ",,,JP,active,いいえ,\r\n"
        + "状態不明株式会社,,,JP,sleeping,たぶん,\r\n"
    ).encode("utf-8")
    dry = (await upload(client, org, data, dry_run=True)).json()
    assert dry["ok"] is False
    problems = {(e["line"], e["column"]) for e in dry["errors"]}
    assert (3, "法人番号") in problems
    assert (4, "名称") in problems
    assert (5, "重要な機密情報を扱う") in problems
    real = await upload(client, org, data, dry_run=False)
    assert real.status_code == 422 and real.json()["error"] == "import_invalid"
    assert real.json()["detail"]["errors"] == dry["errors"]
    assert await count(client, org) == 0


async def test_export_opens_in_excel_and_reimports_without_duplicates(client: httpx.AsyncClient) -> None:
    org = await register(client)
    await upload(client, org, cp932_csv(5), dry_run=False)
    await client.post(
        "/api/v1/vendors", json={"name": "=HYPERLINK(危険)", "corporate_number": "7000012050002"}, headers=org.headers
    )
    exported = await client.get("/api/v1/vendors/export", headers=org.headers)
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("text/csv")
    assert exported.content.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    text = exported.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 6
    assert any(r["名称"] == "'=HYPERLINK(危険)" for r in rows)  # no formula runs in Excel
    again = await upload(client, org, exported.content, dry_run=False)
    assert again.status_code == 200, again.text
    assert again.json()["created"] == 0 and again.json()["updated"] == 6
    assert await count(client, org) == 6
    names = [i["name"] for i in (await client.get("/api/v1/vendors", headers=org.headers)).json()["items"]]
    assert "=HYPERLINK(危険)" in names


async def test_the_export_is_sent_batch_by_batch_as_one_file(
    app: Any, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = await register(client)
    await upload(client, org, cp932_csv(5), dry_run=False)
    monkeypatch.setattr(import_service, "EXPORT_BATCH", 2)
    # Straight to the ASGI app (httpx's in-process transport would gather the body): what goes out, message by message.
    sent: list[dict[str, Any]] = []
    requested, finished = False, asyncio.Event()

    async def receive() -> dict[str, Any]:
        nonlocal requested
        if not requested:
            requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await finished.wait()  # the client stays until the whole body has come
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)
        if message["type"] == "http.response.body" and not message.get("more_body"):
            finished.set()

    headers = [(b"host", b"testserver"), (b"authorization", f"Bearer {org.token}".encode())]
    path = "/api/v1/vendors/export"
    scope = {"type": "http", "http_version": "1.1", "method": "GET", "scheme": "http", "path": path, "root_path": ""}
    await app({**scope, "raw_path": path.encode(), "query_string": b"", "headers": headers}, receive, send)
    chunks = [m["body"] for m in sent if m["type"] == "http.response.body" and m.get("body")]
    assert len(chunks) == 3  # 2 + 2 + 1 vendors, each batch sent as it was read
    data = b"".join(chunks)
    assert data.count(b"\xef\xbb\xbf") == 1 and data.count("ID,名称,".encode()) == 1  # one BOM, one header
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["名称"] for r in rows] == [f"株式会社テスト{i:03d}" for i in range(5)]


async def test_an_empty_register_exports_its_header(client: httpx.AsyncClient) -> None:
    org = await register(client)
    r = await client.get("/api/v1/vendors/export", headers=org.headers)
    assert r.status_code == 200 and r.content.startswith(b"\xef\xbb\xbf")
    [header] = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert header[:2] == ["ID", "名称"]


async def test_unreadable_file_gets_a_clear_error(client: httpx.AsyncClient) -> None:
    org = await register(client)
    r = await upload(client, org, b"\x89PNG\r\n\x1a\n\x00\x00binary", dry_run=True)
    assert r.status_code == 400 and r.json()["error"] == "import_unreadable"
    r = await upload(client, org, "法人番号\r\n7000012050002\r\n".encode(), dry_run=True)
    assert r.status_code == 400 and "名称" in r.json()["detail"]
