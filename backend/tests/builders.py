"""Small builders: each creates what a test needs through the public API, in a fresh organisation."""

import uuid
from dataclasses import dataclass, field
from email.message import Message
from typing import Any

import httpx

from tests.mailbox import take_mail

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
    """Register an organisation as a person does: the form, then the link mailed to the address."""
    body = {
        "organization_name": "テスト株式会社",
        "name": "管理 者",
        "email": unique_email("admin"),
        "password": PASSWORD,
        **overrides,
    }
    r = await client.post("/api/v1/auth/register", json=body)
    assert r.status_code == 202, r.text
    r = await client.post("/api/v1/auth/register/confirm", json={"token": link_token(take_mail(body["email"]))})
    assert r.status_code == 201, r.text
    data = r.json()
    return Org(id=data["organization_id"], token=data["access_token"], email=body["email"], name=body["name"])


def link_token(mail: Message) -> str:
    """The token of the link in a mail (`…#token=…` or `…?token=…`)."""
    text = mail.get_payload(decode=True).decode()  # type: ignore[union-attr]
    return text.split("token=", 1)[1].split()[0]


async def sign_in(client: httpx.AsyncClient, email: str, password: str = PASSWORD) -> httpx.Response:
    return await client.post("/api/v1/auth/token", data={"username": email, "password": password})


async def invite(client: httpx.AsyncClient, org: Org, role: str = "viewer", **overrides: Any) -> dict[str, Any]:
    body = {"email": unique_email(role), "name": f"{role} user", "role": role, **overrides}
    r = await client.post("/api/v1/users", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    return dict(r.json())


async def member_token(client: httpx.AsyncClient, org: Org, role: str) -> tuple[dict[str, Any], str]:
    """Invite a member with `role`, accept the invitation, and return (member as it is now, access token)."""
    member = await invite(client, org, role)
    token = member["invitation_url"].split("token=")[1]
    r = await client.post("/api/v1/auth/accept-invitation", json={"token": token, "password": PASSWORD})
    assert r.status_code == 200, r.text
    accepted = await client.get(f"/api/v1/users/{member['id']}", headers=org.headers)
    return dict(accepted.json()), r.json()["access_token"]


async def add_existing(client: httpx.AsyncClient, org: Org, person: Org, role: str) -> dict[str, Any]:
    """Invite someone who has an account already (the founder of `person`) and accept as them."""
    r = await client.post(
        "/api/v1/users", json={"email": person.email, "name": person.name, "role": role}, headers=org.headers
    )
    assert r.status_code == 201, r.text
    member_id = r.json()["id"]
    pending = (await client.get("/api/v1/auth/invitations", headers=person.headers)).json()
    [invitation] = [i for i in pending if i["organization_id"] == org.id]
    r = await client.post(f"/api/v1/auth/invitations/{invitation['id']}/accept", headers=person.headers)
    assert r.status_code == 204, r.text
    return dict((await client.get(f"/api/v1/users/{member_id}", headers=org.headers)).json())


async def api_key(client: httpx.AsyncClient, org: Org, scopes: list[str] | None = None) -> dict[str, Any]:
    r = await client.post(
        "/api/v1/api-keys", json={"name": "integration", "scopes": scopes or ["read", "write"]}, headers=org.headers
    )
    assert r.status_code == 201, r.text
    return dict(r.json())
