"""Invitation mail goes through a real SMTP server (aiosmtpd), only after the write has committed."""

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from itaku.main import create_app
from tests.builders import register, unique_email
from tests.conftest import Inbox, TestDatabase, test_settings


@pytest.fixture
async def mail_client(database: TestDatabase, smtp: tuple[Inbox, int]) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(
        test_settings(database.url, smtp_host="127.0.0.1", smtp_port=smtp[1], public_url="https://itaku.example.com")
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        yield c
    await app.state.db.dispose()


async def test_invitation_mail_carries_the_link_in_both_languages(
    mail_client: httpx.AsyncClient, smtp: tuple[Inbox, int]
) -> None:
    inbox, _ = smtp
    org = await register(mail_client, organization_name="株式会社ひかり物流")
    email = unique_email("invitee")
    r = await mail_client.post(
        "/api/v1/users", json={"email": email, "name": "新人", "role": "viewer"}, headers=org.headers
    )
    assert r.status_code == 201
    await inbox.wait_for(1)
    assert len(inbox.messages) == 1
    msg = inbox.messages[0]
    assert msg["To"] == email
    body = msg.get_payload(decode=True).decode()  # type: ignore[union-attr]
    url = r.json()["invitation_url"]
    assert url.startswith("https://itaku.example.com/accept-invitation?token=")
    assert url in body
    assert "招待" in body and "invited you" in body


async def test_refused_invitation_sends_no_mail(mail_client: httpx.AsyncClient, smtp: tuple[Inbox, int]) -> None:
    inbox, _ = smtp
    org = await register(mail_client)
    email = unique_email("twice")
    assert (
        await mail_client.post(
            "/api/v1/users", json={"email": email, "name": "a", "role": "viewer"}, headers=org.headers
        )
    ).status_code == 201
    await inbox.wait_for(1)
    again = await mail_client.post(
        "/api/v1/users", json={"email": email, "name": "a", "role": "viewer"}, headers=org.headers
    )
    assert again.status_code == 409
    await asyncio.sleep(0.3)
    assert len(inbox.messages) == 1
