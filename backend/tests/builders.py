"""Small builders: each creates what a test needs through the public API, in a fresh organisation."""

import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx

PASSWORD = "correct-horse-battery"


@dataclass
class Org:
    id: str
    token: str
    email: str
    name: str
    extra_tokens: dict[str, str] = field(default_factory=dict)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def unique_email(prefix: str = "user") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}@example.com"


async def register(client: httpx.AsyncClient, **overrides: Any) -> Org:
    body = {
        "organization_name": "テスト株式会社",
        "name": "管理 者",
        "email": unique_email("admin"),
        "password": PASSWORD,
        **overrides,
    }
    r = await client.post("/api/v1/auth/register", json=body)
    assert r.status_code == 201, r.text
    data = r.json()
    return Org(id=data["organization_id"], token=data["access_token"], email=body["email"], name=body["name"])


async def sign_in(client: httpx.AsyncClient, email: str, password: str = PASSWORD) -> httpx.Response:
    return await client.post("/api/v1/auth/token", data={"username": email, "password": password})


async def invite(client: httpx.AsyncClient, org: Org, role: str = "viewer", **overrides: Any) -> dict[str, Any]:
    body = {"email": unique_email(role), "name": f"{role} user", "role": role, **overrides}
    r = await client.post("/api/v1/users", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    return dict(r.json())


async def member_token(client: httpx.AsyncClient, org: Org, role: str) -> tuple[dict[str, Any], str]:
    """Invite a member with `role`, accept the invitation, and return (member, access token)."""
    member = await invite(client, org, role)
    token = member["invitation_url"].split("token=")[1]
    r = await client.post("/api/v1/auth/accept-invitation", json={"token": token, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return member, r.json()["access_token"]


async def api_key(client: httpx.AsyncClient, org: Org, scopes: list[str] | None = None) -> dict[str, Any]:
    r = await client.post(
        "/api/v1/api-keys", json={"name": "integration", "scopes": scopes or ["read", "write"]}, headers=org.headers
    )
    assert r.status_code == 201, r.text
    return dict(r.json())
