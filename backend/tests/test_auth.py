import httpx
import pytest

from tests.builders import PASSWORD, auth, link_token, register, sign_in, unique_email
from tests.conftest import TEST_SECRET
from tests.mailbox import mail_to


async def test_register_creates_organisation_and_signs_admin_in(client: httpx.AsyncClient) -> None:
    org = await register(client, organization_name="株式会社みなと給与クラウド")
    r = await client.get("/api/v1/auth/me", headers=org.headers)
    assert r.status_code == 200
    me = r.json()
    assert me["kind"] == "user"
    assert me["organization"] == {"id": org.id, "name": "株式会社みなと給与クラウド", "role": "admin"}
    assert me["user"]["email"] == org.email
    assert me["time_zone"] == "Asia/Tokyo"


async def test_token_response_has_bearer_type_and_lifetime(client: httpx.AsyncClient) -> None:
    org = await register(client)
    r = await sign_in(client, org.email)
    assert r.status_code == 200
    body = r.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 600  # short: the session renews it, and ends at once when signed out
    assert body["organization_id"] == org.id


async def test_registering_a_taken_email_answers_like_a_new_one_and_mails_the_owner(
    client: httpx.AsyncClient,
) -> None:
    org = await register(client)
    fresh = unique_email()
    replies = [
        await client.post(
            "/api/v1/auth/register",
            json={"organization_name": "x", "name": "y", "email": email, "password": PASSWORD},
        )
        for email in (org.email.upper(), fresh)
    ]
    assert [r.status_code for r in replies] == [202, 202]
    assert replies[0].json() == replies[1].json()
    # The owner is told, with no link that would create anything; the new address gets its confirmation link.
    owner_mail = mail_to(org.email).get_payload(decode=True).decode()  # type: ignore[union-attr]
    assert "already has an account" in owner_mail and "token=" not in owner_mail
    assert "/sign-up/confirm#token=" in mail_to(fresh).get_payload(decode=True).decode()  # type: ignore[union-attr]
    # Nothing exists until the link is opened, and a link opens once.
    assert (await sign_in(client, fresh)).status_code == 401
    token = link_token(mail_to(fresh))
    assert (await client.post("/api/v1/auth/register/confirm", json={"token": token})).status_code == 201
    again = await client.post("/api/v1/auth/register/confirm", json={"token": token})
    assert again.status_code == 400 and again.json()["error"] == "link_invalid"
    assert (await sign_in(client, fresh)).status_code == 200


@pytest.mark.parametrize(
    "body, field",
    [
        ({"organization_name": "a", "name": "b", "email": "not-an-email", "password": PASSWORD}, "email"),
        ({"organization_name": "a", "name": "b", "email": "a@example.com", "password": "short"}, "password"),
        ({"organization_name": "", "name": "b", "email": "a@example.com", "password": PASSWORD}, "organization_name"),
        ({"organization_name": "a", "name": "b", "email": "a@example.com", "password": PASSWORD, "plan": "x"}, "plan"),
    ],
)
async def test_register_rejects_bad_input_per_field(
    client: httpx.AsyncClient, body: dict[str, str], field: str
) -> None:
    r = await client.post("/api/v1/auth/register", json=body)
    assert r.status_code == 422
    err = r.json()
    assert err["error"] == "validation_error"
    assert any(e["loc"][-1] == field for e in err["detail"])


async def test_signup_switched_off_answers_403(database: object) -> None:
    from itaku.main import create_app
    from tests.conftest import test_settings

    app = create_app(test_settings(database.url, allow_signup=False))  # type: ignore[attr-defined]
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        r = await c.post(
            "/api/v1/auth/register",
            json={"organization_name": "a", "name": "b", "email": unique_email(), "password": PASSWORD},
        )
    await app.state.db.dispose()
    assert r.status_code == 403
    assert r.json()["error"] == "signup_disabled"


async def test_wrong_password_is_401_and_does_not_say_which_part(client: httpx.AsyncClient) -> None:
    org = await register(client)
    wrong = await sign_in(client, org.email, "wrong-password-123")
    unknown = await sign_in(client, unique_email(), "wrong-password-123")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()


@pytest.mark.parametrize("token", ["garbage", "a.b.c", ""])
async def test_bad_bearer_tokens_answer_401(client: httpx.AsyncClient, token: str) -> None:
    r = await client.get("/api/v1/auth/me", headers=auth(token))
    assert r.status_code == 401
    assert r.json()["error"] == "not_authenticated"


async def test_token_signed_with_another_secret_or_audience_is_refused(client: httpx.AsyncClient) -> None:
    from jose import jwt

    from itaku.core.security import create_access_token

    org = await register(client)
    me = (await client.get("/api/v1/auth/me", headers=org.headers)).json()
    sid = jwt.get_unverified_claims(org.token)["sid"]
    forged = create_access_token(
        "another-secret", user_id=me["user"]["id"], organization_id=org.id, session_id=sid, minutes=5
    )
    assert (await client.get("/api/v1/auth/me", headers=auth(forged))).status_code == 401
    claims = jwt.get_unverified_claims(org.token)
    none_alg = jwt.encode({**claims, "aud": "someone-else"}, TEST_SECRET, algorithm="HS256")
    assert (await client.get("/api/v1/auth/me", headers=auth(none_alg))).status_code == 401


async def test_expired_token_is_refused(client: httpx.AsyncClient) -> None:
    from jose import jwt

    from itaku.core.security import create_access_token

    org = await register(client)
    me = (await client.get("/api/v1/auth/me", headers=org.headers)).json()
    sid = jwt.get_unverified_claims(org.token)["sid"]
    expired = create_access_token(
        TEST_SECRET, user_id=me["user"]["id"], organization_id=org.id, session_id=sid, minutes=-1
    )
    assert (await client.get("/api/v1/auth/me", headers=auth(expired))).status_code == 401


async def test_user_in_two_organisations_switches_between_them(client: httpx.AsyncClient) -> None:
    first = await register(client, organization_name="第一商事")
    second = await register(client, organization_name="第二物流")
    r = await client.post(
        "/api/v1/users", json={"email": first.email, "name": "x", "role": "manager"}, headers=second.headers
    )
    assert r.status_code == 201
    [pending] = (await client.get("/api/v1/auth/invitations", headers=first.headers)).json()
    assert (pending["organization_name"], pending["role"]) == ("第二物流", "manager")
    r = await client.post(f"/api/v1/auth/invitations/{pending['id']}/accept", headers=first.headers)
    assert r.status_code == 204
    me = (await client.get("/api/v1/auth/me", headers=first.headers)).json()
    assert {o["name"]: o["role"] for o in me["organizations"]} == {"第一商事": "admin", "第二物流": "manager"}
    r = await client.post(
        "/api/v1/auth/switch-organization", json={"organization_id": second.id}, headers=first.headers
    )
    assert r.status_code == 200
    switched = (await client.get("/api/v1/auth/me", headers=auth(r.json()["access_token"]))).json()
    assert switched["organization"]["name"] == "第二物流" and switched["organization"]["role"] == "manager"
    # The next sign-in lands in the organisation used last.
    assert (await sign_in(client, first.email)).json()["organization_id"] == second.id


async def test_switching_to_a_foreign_organisation_answers_404(client: httpx.AsyncClient) -> None:
    mine = await register(client)
    other = await register(client)
    r = await client.post("/api/v1/auth/switch-organization", json={"organization_id": other.id}, headers=mine.headers)
    assert r.status_code == 404


async def test_profile_language_is_remembered(client: httpx.AsyncClient) -> None:
    org = await register(client)
    me = (await client.get("/api/v1/auth/me", headers=org.headers)).json()
    r = await client.patch(
        "/api/v1/auth/me", json={"version": me["user"]["version"], "locale": "en"}, headers=org.headers
    )
    assert r.status_code == 200 and r.json()["locale"] == "en"
    stale = await client.patch(
        "/api/v1/auth/me", json={"version": me["user"]["version"], "locale": "ja"}, headers=org.headers
    )
    assert stale.status_code == 409 and stale.json()["error"] == "stale_version"


async def test_change_password_requires_the_current_one(client: httpx.AsyncClient) -> None:
    org = await register(client)
    bad = await client.post(
        "/api/v1/auth/change-password",
        json={"current_password": "nope-nope-nope", "new_password": "another-long-pass"},
        headers=org.headers,
    )
    assert bad.status_code == 401
    ok = await client.post(
        "/api/v1/auth/change-password",
        json={"current_password": PASSWORD, "new_password": "another-long-pass"},
        headers=org.headers,
    )
    assert ok.status_code == 204
    assert (await sign_in(client, org.email, "another-long-pass")).status_code == 200


async def test_a_forgotten_password_is_reset_by_a_mailed_link_that_ends_every_session(
    client: httpx.AsyncClient,
) -> None:
    org = await register(client)
    unknown = await client.post("/api/v1/auth/password-reset", json={"email": unique_email()})
    known = await client.post("/api/v1/auth/password-reset", json={"email": org.email.upper()})
    assert unknown.status_code == known.status_code == 202 and unknown.json() == known.json()
    token = link_token(mail_to(org.email))
    assert "/reset-password#token=" in mail_to(org.email).get_payload(decode=True).decode()  # type: ignore[union-attr]

    short = await client.post("/api/v1/auth/password-reset/confirm", json={"token": token, "password": "short"})
    assert short.status_code == 422
    r = await client.post("/api/v1/auth/password-reset/confirm", json={"token": token, "password": "brand-new-pass"})
    assert r.status_code == 200, r.text
    assert (await client.get("/api/v1/auth/me", headers=auth(r.json()["access_token"]))).status_code == 200
    assert (await client.get("/api/v1/auth/me", headers=org.headers)).status_code == 401  # the old session ended
    assert (await sign_in(client, org.email)).status_code == 401
    assert (await sign_in(client, org.email, "brand-new-pass")).status_code == 200
    again = await client.post("/api/v1/auth/password-reset/confirm", json={"token": token, "password": "another-pass1"})
    assert again.status_code == 400 and again.json()["error"] == "link_invalid"
    trail = (await client.get("/api/v1/audit-events", headers=auth(r.json()["access_token"]))).json()["items"]
    assert "password_reset" in [e["action"] for e in trail]


async def test_a_newer_reset_link_replaces_the_older_one(client: httpx.AsyncClient) -> None:
    org = await register(client)
    await client.post("/api/v1/auth/password-reset", json={"email": org.email})
    first = link_token(mail_to(org.email))
    await client.post("/api/v1/auth/password-reset", json={"email": org.email})
    second = link_token(mail_to(org.email))
    assert first != second
    r = await client.post("/api/v1/auth/password-reset/confirm", json={"token": first, "password": "brand-new-pass"})
    assert r.json()["error"] == "link_invalid"
    r = await client.post("/api/v1/auth/password-reset/confirm", json={"token": second, "password": "brand-new-pass"})
    assert r.status_code == 200
