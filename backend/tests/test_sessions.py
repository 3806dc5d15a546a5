"""Sessions that end (issue 14/1, finding 7): access tokens name their session and every request checks it is
open, so signing out, a password change, a role change, removal and "sign out everywhere" take effect at once. The
web app keeps its session going with a rotating refresh token in an HttpOnly, Secure, SameSite=Strict cookie."""

import uuid
from datetime import timedelta
from http.cookies import SimpleCookie

import httpx
from fastapi import FastAPI
from jose import jwt
from sqlalchemy import update

from itaku.core.models import utcnow
from itaku.core.security import create_access_token
from itaku.users.models import UserSession
from tests.builders import PASSWORD, Org, add_existing, api_key, auth, member_token, register, sign_in
from tests.conftest import TEST_SECRET

COOKIE = "itaku_refresh"


def refresh_cookie(r: httpx.Response) -> SimpleCookie:
    jar: SimpleCookie = SimpleCookie()
    for header in r.headers.get_list("set-cookie"):
        jar.load(header)
    return jar


async def refresh(client: httpx.AsyncClient, cookie: str | None) -> httpx.Response:
    headers = {"Cookie": f"{COOKIE}={cookie}"} if cookie else {}
    return await client.post("/api/v1/auth/refresh", headers=headers)


async def signed_in(client: httpx.AsyncClient, email: str) -> tuple[str, str]:
    """(access token, refresh cookie) of a new sign-in."""
    r = await sign_in(client, email)
    assert r.status_code == 200, r.text
    return r.json()["access_token"], refresh_cookie(r)[COOKIE].value


async def me_status(client: httpx.AsyncClient, token: str) -> int:
    return (await client.get("/api/v1/auth/me", headers=auth(token))).status_code


def session_of(token: str) -> uuid.UUID:
    return uuid.UUID(jwt.get_unverified_claims(token)["sid"])


async def test_sign_in_sets_a_refresh_cookie_scripts_cannot_read(client: httpx.AsyncClient) -> None:
    org = await register(client)
    r = await sign_in(client, org.email)
    morsel = refresh_cookie(r)[COOKIE]
    assert morsel.value and morsel["httponly"] and morsel["secure"]
    assert morsel["samesite"] == "strict" and morsel["path"] == "/api/v1/auth"
    assert morsel.value not in r.text  # never in the body, where a script could read it
    assert r.json()["expires_in"] <= 15 * 60


async def test_refreshing_rotates_the_cookie_and_a_reused_one_ends_the_session(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    org = await register(client)
    token, first = await signed_in(client, org.email)
    r = await refresh(client, first)
    assert r.status_code == 200, r.text
    second = refresh_cookie(r)[COOKIE].value
    assert second != first and await me_status(client, r.json()["access_token"]) == 200
    # A second tab refreshing with the same cookie a moment later gets a token, and no new cookie.
    twin = await refresh(client, first)
    assert twin.status_code == 200 and COOKIE not in refresh_cookie(twin)

    # Later, the replaced cookie can only be a copy: the session ends, for whoever holds it.
    async with app.state.db.unit_of_work(write=True) as session:
        await session.execute(
            update(UserSession)
            .where(UserSession.id == session_of(token))
            .values(refreshed_at=utcnow() - timedelta(minutes=5))
        )
    stolen = await refresh(client, first)
    assert stolen.status_code == 401 and stolen.json()["error"] == "not_authenticated"
    assert refresh_cookie(stolen)[COOKIE].value == ""  # the cookie is removed
    assert (await refresh(client, second)).status_code == 401
    assert await me_status(client, token) == 401


async def test_signing_out_refuses_the_old_token_at_once(client: httpx.AsyncClient) -> None:
    org = await register(client)
    token, cookie = await signed_in(client, org.email)
    other, _ = await signed_in(client, org.email)
    r = await client.post("/api/v1/auth/sign-out", headers=auth(token))
    assert r.status_code == 204
    assert refresh_cookie(r)[COOKIE].value == ""
    assert await me_status(client, token) == 401
    assert (await refresh(client, cookie)).status_code == 401
    assert await me_status(client, other) == 200  # the other device stays signed in


async def test_a_password_change_ends_every_other_session(client: httpx.AsyncClient) -> None:
    org = await register(client)
    here, _ = await signed_in(client, org.email)
    elsewhere, elsewhere_cookie = await signed_in(client, org.email)
    r = await client.post(
        "/api/v1/auth/change-password",
        json={"current_password": PASSWORD, "new_password": "a-new-long-password"},
        headers=auth(here),
    )
    assert r.status_code == 204, r.text
    assert await me_status(client, here) == 200
    assert await me_status(client, elsewhere) == 401
    assert (await refresh(client, elsewhere_cookie)).status_code == 401


async def test_removal_from_the_organisation_ends_the_members_sessions(client: httpx.AsyncClient) -> None:
    org = await register(client)
    member, token = await member_token(client, org, "manager")
    r = await client.patch(
        f"/api/v1/users/{member['id']}", json={"version": member["version"], "is_active": False}, headers=org.headers
    )
    assert r.status_code == 200
    assert await me_status(client, token) == 401


async def test_an_administrator_signs_a_member_out_everywhere(client: httpx.AsyncClient) -> None:
    org = await register(client)
    member, token = await member_token(client, org, "manager")
    second, _ = await signed_in(client, member["email"])
    _, viewer = await member_token(client, org, "viewer")
    assert (await client.post(f"/api/v1/users/{member['id']}/sign-out", headers=auth(viewer))).status_code == 403
    other = await register(client)
    assert (await client.post(f"/api/v1/users/{member['id']}/sign-out", headers=other.headers)).status_code == 404
    r = await client.post(f"/api/v1/users/{member['id']}/sign-out", headers=org.headers)
    assert r.status_code == 204
    assert await me_status(client, token) == 401 and await me_status(client, second) == 401
    trail = (await client.get("/api/v1/audit-events", params={"entity_id": member["id"]}, headers=org.headers)).json()
    assert trail["items"][0]["action"] == "signed_out_everywhere"
    assert trail["items"][0]["changes"]["after"] == {"sessions": 2}
    # Signing in again works.
    assert (await sign_in(client, member["email"])).status_code == 200


async def test_people_see_and_end_their_own_sessions(client: httpx.AsyncClient) -> None:
    org = await register(client)
    here, _ = await signed_in(client, org.email)
    there, _ = await signed_in(client, org.email)
    listed = (await client.get("/api/v1/auth/sessions", headers=auth(here))).json()
    current = [s for s in listed if s["current"]]
    assert [s["id"] for s in current] == [str(session_of(here))]
    assert str(session_of(there)) in {s["id"] for s in listed}
    r = await client.delete(f"/api/v1/auth/sessions/{session_of(there)}", headers=auth(here))
    assert r.status_code == 204
    assert await me_status(client, there) == 401 and await me_status(client, here) == 200
    again = await client.delete(f"/api/v1/auth/sessions/{session_of(there)}", headers=auth(here))
    assert again.status_code == 404

    r = await client.post("/api/v1/auth/sign-out-everywhere", headers=auth(here))
    assert r.status_code == 204
    assert await me_status(client, here) == 401 and await me_status(client, org.token) == 401


async def test_an_idle_session_cannot_be_refreshed(client: httpx.AsyncClient, app: FastAPI) -> None:
    org = await register(client)
    token, cookie = await signed_in(client, org.email)
    async with app.state.db.unit_of_work(write=True) as session:
        await session.execute(
            update(UserSession)
            .where(UserSession.id == session_of(token))
            .values(idle_expires_at=utcnow() - timedelta(seconds=1))
        )
    assert (await refresh(client, cookie)).status_code == 401
    assert (await refresh(client, None)).status_code == 401  # no cookie at all


async def test_a_token_naming_no_open_session_is_refused(client: httpx.AsyncClient) -> None:
    org = await register(client)
    me = (await client.get("/api/v1/auth/me", headers=org.headers)).json()
    made_up = create_access_token(
        TEST_SECRET, user_id=me["user"]["id"], organization_id=org.id, session_id=uuid.uuid4(), minutes=5
    )
    assert await me_status(client, made_up) == 401
    claims = jwt.get_unverified_claims(org.token)
    del claims["sid"]  # a token from before sessions
    assert await me_status(client, jwt.encode(claims, TEST_SECRET, algorithm="HS256")) == 401


async def test_an_api_key_never_does_more_than_its_creator_may_now(client: httpx.AsyncClient) -> None:
    org = await register(client)
    creator, creator_token = await member_token(client, org, "admin")
    r = await client.post(
        "/api/v1/api-keys", json={"name": "procurement", "scopes": ["read", "write"]}, headers=auth(creator_token)
    )
    key = auth(r.json()["key"])
    assert (await client.post("/api/v1/vendors", json={"name": "株式会社A"}, headers=key)).status_code == 201

    async def set_member(org: Org, **change: object) -> None:
        current = (await client.get(f"/api/v1/users/{creator['id']}", headers=org.headers)).json()
        r = await client.patch(
            f"/api/v1/users/{creator['id']}", json={"version": current["version"], **change}, headers=org.headers
        )
        assert r.status_code == 200, r.text

    await set_member(org, role="viewer")  # the key reads, and writes no more
    assert (await client.get("/api/v1/vendors", headers=key)).status_code == 200
    assert (await client.post("/api/v1/vendors", json={"name": "株式会社B"}, headers=key)).status_code == 403
    [listed] = (await client.get("/api/v1/api-keys", headers=org.headers)).json()["items"]
    assert (listed["scopes"], listed["effective_scopes"]) == (["read", "write"], ["read"])
    await set_member(org, is_active=False)  # the creator left: the key stops
    r = await client.get("/api/v1/vendors", headers=key)
    assert r.status_code == 401 and "no longer belongs" in r.json()["detail"]
    listed = (await client.get(f"/api/v1/api-keys/{listed['id']}", headers=org.headers)).json()
    assert listed["effective_scopes"] == []
    # Keys of people still there keep working.
    assert (await client.get("/api/v1/vendors", headers=auth((await api_key(client, org))["key"]))).status_code == 200


async def test_a_tab_renewing_its_token_stays_in_its_organisation(client: httpx.AsyncClient) -> None:
    """Two tabs in two organisations: the one that switched last does not pull the other along when it renews."""
    home = await register(client, organization_name="本社")
    group = await register(client, organization_name="グループ会社")
    await add_existing(client, group, home, "manager")
    _, cookie = await signed_in(client, home.email)
    switched = await client.post(
        "/api/v1/auth/switch-organization", json={"organization_id": group.id}, headers=home.headers
    )
    assert switched.json()["organization_id"] == group.id  # the organisation used last is now the group
    r = await client.post(
        "/api/v1/auth/refresh", json={"organization_id": home.id}, headers={"Cookie": f"{COOKIE}={cookie}"}
    )
    assert r.status_code == 200 and r.json()["organization_id"] == home.id
    # Without saying, or naming one it has left, it lands where the person was last.
    r = await refresh(client, refresh_cookie(r)[COOKIE].value)
    assert r.json()["organization_id"] == group.id


async def test_the_daily_run_forgets_what_has_served_its_purpose(client: httpx.AsyncClient, app: FastAPI) -> None:
    from sqlalchemy import func, select

    from itaku.auth.models import EmailToken
    from itaku.throttle.models import RateLimit
    from itaku.worker import housekeeping

    org = await register(client)
    old, _ = await signed_in(client, org.email)
    current, _ = await signed_in(client, org.email)
    await client.post("/api/v1/auth/password-reset", json={"email": org.email})
    long_ago = utcnow() - timedelta(days=100)
    async with app.state.db.unit_of_work(write=True) as session:
        await session.execute(
            update(UserSession).where(UserSession.id == session_of(old)).values(ended_at=long_ago, expires_at=long_ago)
        )
        await session.execute(update(EmailToken).where(EmailToken.email == org.email).values(expires_at=long_ago))
        session.add(RateLimit(key=f"test:{uuid.uuid4().hex}", window_started_at=long_ago, count=3))
    await housekeeping(app.state.db)
    user_id = uuid.UUID((await client.get("/api/v1/auth/me", headers=auth(current))).json()["user"]["id"])
    async with app.state.db.unit_of_work(write=False) as session:
        ids = set((await session.scalars(select(UserSession.id).where(UserSession.user_id == user_id))).all())
        tokens = await session.scalar(select(func.count()).where(EmailToken.email == org.email))
        stale = await session.scalar(select(func.count()).where(RateLimit.window_started_at < utcnow() - timedelta(2)))
    assert session_of(current) in ids and session_of(old) not in ids
    assert tokens == 0 and stale == 0
