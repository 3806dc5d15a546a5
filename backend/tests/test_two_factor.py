"""Two-factor sign-in (issue 14/1): an authenticator app's codes (RFC 6238) with single-use recovery codes, asked at
sign-in, password reset and invitation acceptance; organisations may require it of administrators or everyone."""

from datetime import UTC, datetime, timedelta
from typing import Any

import anyio.to_thread
import httpx
import pyotp

from tests.builders import PASSWORD, Org, auth, link_token, member_token, register, sign_in
from tests.conftest import TestDatabase
from tests.mailbox import mail_to
from tests.test_audit import run_itaku


def code(secret: str, steps_ahead: int = 1) -> str:
    """A code the server accepts exactly once: the next time step (inside the allowed drift), so that it is never
    the step used by the code before it, whatever the clock does during the test."""
    return pyotp.TOTP(secret).at(datetime.now(UTC) + timedelta(seconds=30 * steps_ahead))


async def turn_on(client: httpx.AsyncClient, headers: dict[str, str]) -> tuple[str, list[str]]:
    setup = await client.post("/api/v1/auth/two-factor/setup", headers=headers)
    assert setup.status_code == 200, setup.text
    secret = setup.json()["secret"]
    r = await client.post("/api/v1/auth/two-factor/enable", json={"code": code(secret, 0)}, headers=headers)
    assert r.status_code == 200, r.text
    return secret, r.json()["recovery_codes"]


async def token_form(client: httpx.AsyncClient, email: str, otp: str | None = None) -> httpx.Response:
    data = {"username": email, "password": PASSWORD, **({"otp": otp} if otp else {})}
    return await client.post("/api/v1/auth/token", data=data)


async def test_setting_up_shows_a_qr_code_and_turns_on_only_with_a_code_from_the_app(
    client: httpx.AsyncClient,
) -> None:
    org = await register(client)
    other_device = (await sign_in(client, org.email)).json()["access_token"]
    setup = (await client.post("/api/v1/auth/two-factor/setup", headers=org.headers)).json()
    assert setup["qr_svg"].startswith("data:image/svg+xml;base64,")
    assert setup["otpauth_uri"].startswith("otpauth://totp/Itaku:") and setup["secret"] in setup["otpauth_uri"]
    # Not on yet: signing in still needs only the password.
    assert (await sign_in(client, org.email)).status_code == 200
    wrong = await client.post("/api/v1/auth/two-factor/enable", json={"code": "000000"}, headers=org.headers)
    assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_two_factor_code"

    r = await client.post(
        "/api/v1/auth/two-factor/enable", json={"code": code(setup["secret"], 0)}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    codes = r.json()["recovery_codes"]
    assert len(codes) == len(set(codes)) == 10
    status = (await client.get("/api/v1/auth/two-factor", headers=org.headers)).json()
    assert (status["enabled"], status["recovery_codes_left"]) == (True, 10)
    # Sessions opened with the password alone end; this one stays.
    assert (await client.get("/api/v1/auth/me", headers=auth(other_device))).status_code == 401
    assert (await client.get("/api/v1/auth/me", headers=org.headers)).status_code == 200
    again = await client.post("/api/v1/auth/two-factor/setup", headers=org.headers)
    assert again.status_code == 409


async def test_sign_in_asks_for_the_code_and_refuses_one_used_before(client: httpx.AsyncClient) -> None:
    org = await register(client)
    secret, _ = await turn_on(client, org.headers)
    missing = await token_form(client, org.email)
    assert missing.status_code == 401 and missing.json()["error"] == "two_factor_required"
    wrong_password = await client.post(
        "/api/v1/auth/token", data={"username": org.email, "password": "wrong-password-1", "otp": code(secret)}
    )
    assert wrong_password.json()["error"] == "invalid_credentials"  # the code is asked only after the password
    wrong = await token_form(client, org.email, "123456" if code(secret) != "123456" else "654321")
    assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_two_factor_code"
    current = code(secret)
    signed = await token_form(client, org.email, current)
    assert signed.status_code == 200, signed.text
    replayed = await token_form(client, org.email, current)
    assert replayed.status_code == 401 and replayed.json()["error"] == "invalid_two_factor_code"


async def test_a_recovery_code_signs_in_once(client: httpx.AsyncClient) -> None:
    org = await register(client)
    _, codes = await turn_on(client, org.headers)
    assert (await token_form(client, org.email, codes[3].upper())).status_code == 200
    assert (await token_form(client, org.email, codes[3])).json()["error"] == "invalid_two_factor_code"
    left = (await client.get("/api/v1/auth/two-factor", headers=org.headers)).json()["recovery_codes_left"]
    assert left == 9


async def test_recovery_codes_are_renewed_and_two_factor_turned_off_with_password_and_code(
    client: httpx.AsyncClient,
) -> None:
    org = await register(client)
    secret, old = await turn_on(client, org.headers)
    r = await client.post("/api/v1/auth/two-factor/recovery-codes", json={"code": code(secret)}, headers=org.headers)
    new = r.json()["recovery_codes"]
    assert r.status_code == 200 and not set(new) & set(old)
    assert (await token_form(client, org.email, old[0])).json()["error"] == "invalid_two_factor_code"
    bad = await client.post(
        "/api/v1/auth/two-factor/disable", json={"password": "wrong-password-1", "code": new[0]}, headers=org.headers
    )
    assert bad.status_code == 401
    off = await client.post(
        "/api/v1/auth/two-factor/disable", json={"password": PASSWORD, "code": new[0]}, headers=org.headers
    )
    assert off.status_code == 204
    assert (await token_form(client, org.email)).status_code == 200


async def set_policy(client: httpx.AsyncClient, org: Org, policy: str) -> httpx.Response:
    current = (await client.get("/api/v1/organization", headers=org.headers)).json()
    return await client.patch(
        "/api/v1/organization", json={"version": current["version"], "two_factor_required": policy}, headers=org.headers
    )


async def test_an_organisation_requires_it_and_members_without_it_can_only_set_it_up(
    client: httpx.AsyncClient,
) -> None:
    org = await register(client)
    _, member_token_ = await member_token(client, org, "manager")
    refused = await set_policy(client, org, "everyone")
    assert refused.status_code == 409 and refused.json()["error"] == "two_factor_needed_first"
    await turn_on(client, org.headers)
    assert (await set_policy(client, org, "admins")).status_code == 200
    member_headers = auth(member_token_)
    assert (await client.get("/api/v1/vendors", headers=member_headers)).status_code == 200  # a manager: not yet

    r = await set_policy(client, org, "everyone")
    assert r.status_code == 200 and r.json()["two_factor_required"] == "everyone"
    blocked = await client.get("/api/v1/vendors", headers=member_headers)
    assert blocked.status_code == 403 and blocked.json()["error"] == "two_factor_setup_required"
    me = (await client.get("/api/v1/auth/me", headers=member_headers)).json()
    assert me["two_factor_setup_required"] is True
    status: dict[str, Any] = (await client.get("/api/v1/auth/two-factor", headers=member_headers)).json()
    assert status["required_by"] == ["テスト株式会社"] and status["enabled"] is False

    _, codes = await turn_on(client, member_headers)
    assert (await client.get("/api/v1/vendors", headers=member_headers)).status_code == 200
    # Required, so it stays on.
    r = await client.post(
        "/api/v1/auth/two-factor/disable", json={"password": PASSWORD, "code": codes[0]}, headers=member_headers
    )
    assert r.status_code == 409 and r.json()["error"] == "two_factor_required_by_organization"


async def test_a_password_reset_still_asks_for_the_second_factor(client: httpx.AsyncClient) -> None:
    org = await register(client)
    secret, _ = await turn_on(client, org.headers)
    await client.post("/api/v1/auth/password-reset", json={"email": org.email})
    token = link_token(mail_to(org.email))
    body = {"token": token, "password": "brand-new-pass"}
    missing = await client.post("/api/v1/auth/password-reset/confirm", json=body)
    assert missing.status_code == 401 and missing.json()["error"] == "two_factor_required"
    # The link was not used up by asking.
    r = await client.post("/api/v1/auth/password-reset/confirm", json={**body, "otp": code(secret)})
    assert r.status_code == 200, r.text


async def test_accepting_an_invitation_with_an_existing_account_asks_for_the_second_factor(
    client: httpx.AsyncClient,
) -> None:
    home = await register(client)
    secret, _ = await turn_on(client, home.headers)
    group = await register(client, organization_name="グループ会社")
    member = (
        await client.post(
            "/api/v1/users", json={"email": home.email, "name": "x", "role": "viewer"}, headers=group.headers
        )
    ).json()
    token = member["invitation_url"].split("token=")[1]
    body = {"token": token, "password": PASSWORD}
    missing = await client.post("/api/v1/auth/accept-invitation", json=body)
    assert missing.json()["error"] == "two_factor_required"
    r = await client.post("/api/v1/auth/accept-invitation", json={**body, "otp": code(secret)})
    assert r.status_code == 200 and r.json()["organization_id"] == group.id


async def test_an_operator_turns_it_off_for_someone_who_lost_phone_and_codes(
    client: httpx.AsyncClient, database: TestDatabase
) -> None:
    org = await register(client)
    await turn_on(client, org.headers)
    done = await anyio.to_thread.run_sync(run_itaku, database.url, "reset-two-factor", "--email", org.email.upper())
    assert done.returncode == 0, done.stderr
    assert (await client.get("/api/v1/auth/me", headers=org.headers)).status_code == 401  # sessions ended
    signed = await token_form(client, org.email)  # the password alone again
    assert signed.status_code == 200
    trail = (await client.get("/api/v1/audit-events", headers=auth(signed.json()["access_token"]))).json()["items"]
    assert (trail[0]["action"], trail[0]["actor_type"]) == ("two_factor_reset", "operator")
    again = await anyio.to_thread.run_sync(run_itaku, database.url, "reset-two-factor", "--email", org.email)
    assert again.returncode == 1
