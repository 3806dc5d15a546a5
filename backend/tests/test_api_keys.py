"""API keys: shown once, stored as a hash, scoped to one organisation, recorded when used, revocable."""

import uuid
from datetime import datetime
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from itaku.api_keys.models import ApiKey
from itaku.audit.models import AuditEvent
from tests.builders import api_key, auth, invite, register, unique_email


async def read_key(client: httpx.AsyncClient, headers: dict[str, str], key_id: str) -> dict[str, Any]:
    r = await client.get(f"/api/v1/api-keys/{key_id}", headers=headers)
    assert r.status_code == 200, r.text
    return dict(r.json())


async def test_admin_creates_a_key_whose_secret_is_shown_once(client: httpx.AsyncClient) -> None:
    org = await register(client)
    r = await client.post("/api/v1/api-keys", json={"name": "勤怠システム", "scopes": ["read"]}, headers=org.headers)
    assert r.status_code == 201, r.text
    created = r.json()
    secret = created["key"]
    assert secret.startswith("itk_") and len(secret) > 30
    uuid.UUID(created["id"])
    assert created["name"] == "勤怠システム"
    assert created["scopes"] == ["read"]
    assert secret.startswith(created["prefix"]) and len(created["prefix"]) < len(secret)
    assert created["last_used_at"] is None and created["revoked_at"] is None
    listed = await client.get("/api/v1/api-keys", headers=org.headers)
    assert listed.status_code == 200
    assert [k["id"] for k in listed.json()["items"]] == [created["id"]]
    one = await client.get(f"/api/v1/api-keys/{created['id']}", headers=org.headers)
    for response in (listed, one):
        assert secret not in response.text
        assert "key" not in (response.json()["items"][0] if "items" in response.json() else response.json())


async def test_key_authenticates_as_itself_in_its_own_organisation(client: httpx.AsyncClient) -> None:
    org = await register(client, organization_name="連携元株式会社")
    key = await api_key(client, org, ["read", "write"])
    r = await client.get("/api/v1/auth/me", headers=auth(key["key"]))
    assert r.status_code == 200, r.text
    me = r.json()
    assert me["kind"] == "api_key"
    assert me["user"] is None
    assert me["api_key"] == {"id": key["id"], "name": "integration", "scopes": ["read", "write"]}
    assert me["organization"]["id"] == org.id
    assert [o["id"] for o in me["organizations"]] == [org.id]
    # It lists the people of its own organisation only.
    member = await invite(client, org)
    elsewhere = await register(client)
    users = (await client.get("/api/v1/users", headers=auth(key["key"]))).json()
    ids = {u["id"] for u in users["items"]}
    assert member["id"] in ids
    assert (await client.get("/api/v1/auth/me", headers=elsewhere.headers)).json()["user"]["id"] not in ids


@pytest.mark.parametrize(("scopes", "role"), [(["read"], "viewer"), (["read", "write"], "manager")])
async def test_key_scope_maps_to_a_role(client: httpx.AsyncClient, scopes: list[str], role: str) -> None:
    org = await register(client)
    key = await api_key(client, org, scopes)
    me = (await client.get("/api/v1/auth/me", headers=auth(key["key"]))).json()
    assert me["organization"]["role"] == role


@pytest.mark.parametrize("scopes", [["read"], ["read", "write"]])
async def test_keys_can_never_administer_people_keys_or_settings(client: httpx.AsyncClient, scopes: list[str]) -> None:
    org = await register(client)
    key = await api_key(client, org, scopes)
    other_key = await api_key(client, org)
    member = await invite(client, org)
    organization = (await client.get("/api/v1/organization", headers=org.headers)).json()
    attempts = [
        ("POST", "/api/v1/api-keys", {"name": "self-made", "scopes": ["read", "write"]}),
        ("GET", "/api/v1/api-keys", None),
        ("DELETE", f"/api/v1/api-keys/{other_key['id']}", None),
        ("POST", "/api/v1/users", {"email": unique_email(), "name": "x", "role": "admin"}),
        ("PATCH", f"/api/v1/users/{member['id']}", {"version": member["version"], "role": "admin"}),
        ("POST", f"/api/v1/users/{member['id']}/invitation", None),
        ("PATCH", "/api/v1/organization", {"version": organization["version"], "name": "乗っ取り"}),
        ("PATCH", "/api/v1/auth/me", {"version": 1, "name": "x"}),
    ]
    for method, url, body in attempts:
        r = await client.request(method, url, json=body, headers=auth(key["key"]))
        assert r.status_code == 403, f"{scopes} key got {r.status_code} on {method} {url}: {r.text}"
        assert r.json()["error"] == "forbidden"
    keys = (await client.get("/api/v1/api-keys", headers=org.headers)).json()
    assert keys["total"] == 2 and all(k["revoked_at"] is None for k in keys["items"])
    assert (await client.get("/api/v1/organization", headers=org.headers)).json()["name"] == organization["name"]


async def test_last_use_is_recorded(client: httpx.AsyncClient) -> None:
    org = await register(client)
    key = await api_key(client, org, ["read"])
    assert (await read_key(client, org.headers, key["id"]))["last_used_at"] is None
    assert (await client.get("/api/v1/users", headers=auth(key["key"]))).status_code == 200
    used = (await read_key(client, org.headers, key["id"]))["last_used_at"]
    assert used is not None
    assert datetime.fromisoformat(used) >= datetime.fromisoformat(key["created_at"])


async def test_a_refused_request_still_counts_as_use(client: httpx.AsyncClient) -> None:
    org = await register(client)
    key = await api_key(client, org, ["read"])
    body = {"email": unique_email(), "name": "x", "role": "viewer"}
    assert (await client.post("/api/v1/users", json=body, headers=auth(key["key"]))).status_code == 403
    assert (await read_key(client, org.headers, key["id"]))["last_used_at"] is not None


async def test_revoked_key_answers_401_and_cannot_be_revoked_twice(client: httpx.AsyncClient) -> None:
    org = await register(client)
    key = await api_key(client, org)
    keep = await api_key(client, org)
    assert (await client.get("/api/v1/auth/me", headers=auth(key["key"]))).status_code == 200
    r = await client.delete(f"/api/v1/api-keys/{key['id']}", headers=org.headers)
    assert r.status_code == 204 and r.content == b""
    refused = await client.get("/api/v1/auth/me", headers=auth(key["key"]))
    assert refused.status_code == 401
    assert refused.json()["error"] == "not_authenticated"
    again = await client.delete(f"/api/v1/api-keys/{key['id']}", headers=org.headers)
    assert again.status_code == 409
    assert again.json()["error"] == "api_key_revoked"
    assert (await read_key(client, org.headers, key["id"]))["revoked_at"] is not None
    assert (await client.get("/api/v1/auth/me", headers=auth(keep["key"]))).status_code == 200
    active = (await client.get("/api/v1/api-keys", params={"include_revoked": False}, headers=org.headers)).json()
    assert [k["id"] for k in active["items"]] == [keep["id"]]
    everything = (await client.get("/api/v1/api-keys", headers=org.headers)).json()
    assert {k["id"] for k in everything["items"]} == {key["id"], keep["id"]}


async def test_unknown_key_with_the_right_prefix_answers_401(client: httpx.AsyncClient) -> None:
    r = await client.get("/api/v1/auth/me", headers=auth("itk_" + "A" * 43))
    assert r.status_code == 401
    assert r.json()["error"] == "not_authenticated"


async def test_key_is_stored_only_as_a_hash(client: httpx.AsyncClient, app: FastAPI) -> None:
    org = await register(client)
    key = await api_key(client, org)
    secret = key["key"]
    async with app.state.db.unit_of_work(write=False) as session:
        row = (await session.execute(select(ApiKey.__table__).where(ApiKey.id == uuid.UUID(key["id"])))).one()
        events = (
            await session.execute(select(AuditEvent.__table__).where(AuditEvent.organization_id == uuid.UUID(org.id)))
        ).all()
    assert row.key_hash != secret
    for column, value in row._mapping.items():
        assert secret not in str(value), f"api_keys.{column} holds the secret"
        # Not the part after the shown prefix either: the prefix is all that may be kept in clear.
        assert secret[len(key["prefix"]) :] not in str(value), f"api_keys.{column} holds the secret"
    for event in events:
        assert secret not in str(tuple(event)), "the audit trail holds the secret"


@pytest.mark.parametrize(
    "body",
    [
        {"name": "x", "scopes": []},
        {"name": "x", "scopes": ["admin"]},
        {"name": "", "scopes": ["read"]},
        {"name": "x", "scopes": ["read"], "expires": "never"},
    ],
)
async def test_key_creation_refuses_malformed_input(client: httpx.AsyncClient, body: dict[str, Any]) -> None:
    org = await register(client)
    r = await client.post("/api/v1/api-keys", json=body, headers=org.headers)
    assert r.status_code == 422
    assert r.json()["error"] == "validation_error"
    assert (await client.get("/api/v1/api-keys", headers=org.headers)).json()["total"] == 0


async def test_keys_are_listed_newest_first_with_paging(client: httpx.AsyncClient) -> None:
    org = await register(client)
    created = [await api_key(client, org, ["read"]) for _ in range(3)]
    first = (await client.get("/api/v1/api-keys", params={"size": 2}, headers=org.headers)).json()
    second = (await client.get("/api/v1/api-keys", params={"size": 2, "page": 2}, headers=org.headers)).json()
    assert (first["total"], first["page"], first["size"]) == (3, 1, 2)
    assert [k["id"] for k in first["items"] + second["items"]] == [k["id"] for k in reversed(created)]
