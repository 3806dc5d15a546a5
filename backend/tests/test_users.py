"""People of an organisation: invitations, roles with optimistic concurrency, deactivation, the admin guard."""

import asyncio
import uuid
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import update

from itaku.core.models import utcnow
from itaku.core.security import sha256_hex
from itaku.users.models import Invitation
from tests.builders import (
    PASSWORD,
    Org,
    add_existing,
    api_key,
    auth,
    invite,
    member_token,
    register,
    sign_in,
    unique_email,
)


def invitation_token(member: dict[str, Any]) -> str:
    url = member["invitation_url"]
    assert url and "/accept-invitation?token=" in url, url
    return str(url.split("token=", 1)[1])


async def accept(client: httpx.AsyncClient, token: str, password: str = PASSWORD, **extra: Any) -> httpx.Response:
    return await client.post("/api/v1/auth/accept-invitation", json={"token": token, "password": password, **extra})


async def my_user_id(client: httpx.AsyncClient, token: str) -> str:
    r = await client.get("/api/v1/auth/me", headers=auth(token))
    assert r.status_code == 200, r.text
    return str(r.json()["user"]["id"])


async def read_member(client: httpx.AsyncClient, org: Org, user_id: str) -> dict[str, Any]:
    r = await client.get(f"/api/v1/users/{user_id}", headers=org.headers)
    assert r.status_code == 200, r.text
    return dict(r.json())


async def patch_member(
    client: httpx.AsyncClient, token: str, user_id: str, version: int, **changes: Any
) -> httpx.Response:
    return await client.patch(f"/api/v1/users/{user_id}", json={"version": version, **changes}, headers=auth(token))


async def second_admin(client: httpx.AsyncClient, org: Org) -> tuple[dict[str, Any], str]:
    return await member_token(client, org, "admin")


# --- invitations -------------------------------------------------------------------------------------------


async def test_admin_invites_a_new_person_and_gets_an_invitation_link(client: httpx.AsyncClient) -> None:
    org = await register(client)
    email = unique_email("new")
    r = await client.post(
        "/api/v1/users", json={"email": email.upper(), "name": "新人 花子", "role": "manager"}, headers=org.headers
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["email"] == email
    assert body["name"] == "新人 花子"
    assert body["role"] == "manager"
    assert body["status"] == "invited"
    invitation_token(body)
    assert (await read_member(client, org, body["id"]))["status"] == "invited"


async def test_an_existing_account_joins_only_when_it_accepts(client: httpx.AsyncClient) -> None:
    """Issue 14/1, finding 3: an administrator of any organisation could add an existing account and learn its
    name; the person's switcher then showed the stranger's organisation."""
    home = await register(client, organization_name="本社", name="本社 太郎")
    stranger = await register(client, organization_name="見知らぬ会社")
    r = await client.post(
        "/api/v1/users", json={"email": home.email, "name": "typed name", "role": "viewer"}, headers=stranger.headers
    )
    assert r.status_code == 201, r.text
    added = r.json()
    # Only what the inviter typed, and the same shape as for an address new to Itaku.
    fresh = (
        await client.post(
            "/api/v1/users", json={"email": unique_email(), "name": "typed", "role": "viewer"}, headers=stranger.headers
        )
    ).json()
    assert (added["name"], added["email"], added["status"]) == ("typed name", home.email, "invited")
    assert set(added) == set(fresh) and added["invitation_url"] and fresh["invitation_url"]
    assert "本社 太郎" not in str(await client.get("/api/v1/users", params={"q": "本社"}, headers=stranger.headers))
    listed = (await client.get(f"/api/v1/users/{added['id']}", headers=stranger.headers)).json()
    assert listed["name"] == "typed name"
    trail = (await client.get("/api/v1/audit-events", headers=stranger.headers)).json()["items"]
    assert "本社 太郎" not in str(trail)
    # Not a member until it accepts: the switcher does not list it, and its token cannot act there.
    me = (await client.get("/api/v1/auth/me", headers=home.headers)).json()
    assert [o["id"] for o in me["organizations"]] == [home.id]
    r = await client.post(
        "/api/v1/auth/switch-organization", json={"organization_id": stranger.id}, headers=home.headers
    )
    assert r.status_code == 404

    # Declined: gone, and the inviter's trail says so.
    [pending] = (await client.get("/api/v1/auth/invitations", headers=home.headers)).json()
    assert pending["organization_name"] == "見知らぬ会社"
    r = await client.post(f"/api/v1/auth/invitations/{pending['id']}/decline", headers=home.headers)
    assert r.status_code == 204
    assert (await client.get(f"/api/v1/users/{added['id']}", headers=stranger.headers)).status_code == 404
    trail = (await client.get("/api/v1/audit-events", headers=stranger.headers)).json()["items"]
    assert trail[0]["action"] == "invitation_declined"
    again = await client.post(f"/api/v1/auth/invitations/{pending['id']}/accept", headers=home.headers)
    assert again.status_code == 404


async def test_an_existing_account_accepts_the_link_with_its_own_password(client: httpx.AsyncClient) -> None:
    home = await register(client, organization_name="本社", name="本社 太郎")
    group = await register(client, organization_name="グループ会社")
    member = (
        await client.post(
            "/api/v1/users", json={"email": home.email, "name": "本社さん", "role": "manager"}, headers=group.headers
        )
    ).json()
    token = invitation_token(member)
    wrong = await accept(client, token, password="not-the-accounts-password")
    assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_credentials"
    r = await accept(client, token)  # the account's password: proves the link reached its owner
    assert r.status_code == 200, r.text
    assert r.json()["organization_id"] == group.id
    me = (await client.get("/api/v1/auth/me", headers=auth(r.json()["access_token"]))).json()
    assert me["organization"]["role"] == "manager" and me["user"]["name"] == "本社 太郎"
    accepted = (await client.get(f"/api/v1/users/{member['id']}", headers=group.headers)).json()
    assert (accepted["status"], accepted["name"]) == ("active", "本社 太郎")
    assert (await sign_in(client, home.email)).status_code == 200  # the password did not change


async def test_accepting_an_invitation_sets_the_password_and_signs_in(client: httpx.AsyncClient) -> None:
    org = await register(client)
    member = await invite(client, org, "manager")
    r = await accept(client, invitation_token(member), name="受諾 太郎")
    assert r.status_code == 200, r.text
    token = r.json()["access_token"]
    assert r.json()["organization_id"] == org.id
    me = (await client.get("/api/v1/auth/me", headers=auth(token))).json()
    assert me["kind"] == "user"
    assert me["user"]["id"] == member["id"]
    assert me["user"]["name"] == "受諾 太郎"
    assert me["organization"] == {"id": org.id, "name": "テスト株式会社", "role": "manager"}
    signed_in = await sign_in(client, member["email"])
    assert signed_in.status_code == 200
    assert signed_in.json()["organization_id"] == org.id
    assert (await read_member(client, org, member["id"]))["status"] == "active"


async def test_an_invitation_token_works_only_once(client: httpx.AsyncClient) -> None:
    org = await register(client)
    token = invitation_token(await invite(client, org))
    assert (await accept(client, token)).status_code == 200
    again = await accept(client, token, password="another-password-123")
    assert again.status_code == 400
    assert again.json()["error"] == "invitation_invalid"


async def test_an_unknown_invitation_token_is_refused(client: httpx.AsyncClient) -> None:
    r = await accept(client, "definitely-not-a-real-invitation-token")
    assert r.status_code == 400
    assert r.json()["error"] == "invitation_invalid"


async def test_an_expired_invitation_is_refused_and_sets_no_password(client: httpx.AsyncClient, app: FastAPI) -> None:
    org = await register(client)
    member = await invite(client, org)
    token = invitation_token(member)
    async with app.state.db.unit_of_work(write=True) as session:
        await session.execute(
            update(Invitation)
            .where(Invitation.token_hash == sha256_hex(token))
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    r = await accept(client, token)
    assert r.status_code == 400
    assert r.json()["error"] == "invitation_invalid"
    assert (await sign_in(client, member["email"])).status_code == 401
    assert (await read_member(client, org, member["id"]))["status"] == "invited"


async def test_inviting_a_member_twice_conflicts(client: httpx.AsyncClient) -> None:
    org = await register(client)
    member = await invite(client, org)
    r = await client.post(
        "/api/v1/users", json={"email": member["email"].upper(), "name": "again", "role": "admin"}, headers=org.headers
    )
    assert r.status_code == 409
    assert r.json()["error"] == "already_member"
    assert (await read_member(client, org, member["id"]))["role"] == "viewer"


async def test_an_invitation_to_a_membership_deactivated_meanwhile_is_refused(client: httpx.AsyncClient) -> None:
    org = await register(client)
    member = await invite(client, org)
    r = await patch_member(client, org.token, member["id"], member["version"], is_active=False)
    assert r.status_code == 200, r.text
    accepted = await accept(client, invitation_token(member))
    assert accepted.status_code == 400
    assert accepted.json()["error"] == "invitation_invalid"


async def test_resending_an_invitation_issues_a_fresh_working_link(client: httpx.AsyncClient) -> None:
    org = await register(client)
    member = await invite(client, org)
    r = await client.post(f"/api/v1/users/{member['id']}/invitation", headers=org.headers)
    assert r.status_code == 201, r.text
    fresh = invitation_token(r.json())
    assert fresh != invitation_token(member)
    accepted = await accept(client, fresh)
    assert accepted.status_code == 200, accepted.text
    assert (await my_user_id(client, accepted.json()["access_token"])) == member["id"]


async def test_resending_an_invitation_to_someone_with_a_password_conflicts(client: httpx.AsyncClient) -> None:
    org = await register(client)
    member, _ = await member_token(client, org, "viewer")
    r = await client.post(f"/api/v1/users/{member['id']}/invitation", headers=org.headers)
    assert r.status_code == 409
    assert r.json()["error"] == "not_invited"


async def test_resending_an_invitation_to_an_unknown_user_is_404(client: httpx.AsyncClient) -> None:
    org = await register(client)
    r = await client.post(f"/api/v1/users/{uuid.uuid4()}/invitation", headers=org.headers)
    assert r.status_code == 404
    assert r.json()["error"] == "user_not_found"


# --- roles and versions ------------------------------------------------------------------------------------


async def test_admin_changes_a_role_with_the_current_version(client: httpx.AsyncClient) -> None:
    org = await register(client)
    member, token = await member_token(client, org, "viewer")
    r = await patch_member(client, org.token, member["id"], member["version"], role="manager")
    assert r.status_code == 200, r.text
    assert r.json()["role"] == "manager"
    assert r.json()["version"] > member["version"]
    # A changed role ends the member's sessions at once; signing in again acts with the new one.
    assert (await client.get("/api/v1/auth/me", headers=auth(token))).status_code == 401
    again = (await sign_in(client, member["email"])).json()["access_token"]
    me = (await client.get("/api/v1/auth/me", headers=auth(again))).json()
    assert me["organization"]["role"] == "manager"


async def test_a_role_change_with_a_stale_version_conflicts(client: httpx.AsyncClient) -> None:
    org = await register(client)
    member = await invite(client, org, "viewer")
    first = await patch_member(client, org.token, member["id"], member["version"], role="manager")
    assert first.status_code == 200
    stale = await patch_member(client, org.token, member["id"], member["version"], role="admin")
    assert stale.status_code == 409
    assert stale.json()["error"] == "stale_version"
    assert (await read_member(client, org, member["id"]))["role"] == "manager"


async def test_updating_an_unknown_member_is_404(client: httpx.AsyncClient) -> None:
    org = await register(client)
    r = await patch_member(client, org.token, str(uuid.uuid4()), 1, role="viewer")
    assert r.status_code == 404
    assert r.json()["error"] == "user_not_found"


async def test_deactivated_member_loses_access_at_once_and_cannot_sign_in_to_the_org(
    client: httpx.AsyncClient,
) -> None:
    org = await register(client)
    member, token = await member_token(client, org, "manager")
    assert (await client.get("/api/v1/users", headers=auth(token))).status_code == 200
    r = await patch_member(client, org.token, member["id"], member["version"], is_active=False)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "deactivated"
    refused = await client.get("/api/v1/users", headers=auth(token))
    assert refused.status_code == 401
    assert refused.json()["error"] == "not_authenticated"
    signed_in = await sign_in(client, member["email"])
    assert signed_in.status_code == 403
    assert signed_in.json()["error"] == "no_active_organization"
    # Reactivation gives the access back.
    back = await patch_member(client, org.token, member["id"], r.json()["version"], is_active=True)
    assert back.status_code == 200 and back.json()["status"] == "active"
    assert (await sign_in(client, member["email"])).json()["organization_id"] == org.id


async def test_member_deactivated_in_one_org_signs_in_to_their_other_org(client: httpx.AsyncClient) -> None:
    home = await register(client, organization_name="本社")
    other = await register(client, organization_name="子会社")
    member = await add_existing(client, other, home, "manager")
    switched = await client.post(
        "/api/v1/auth/switch-organization", json={"organization_id": other.id}, headers=home.headers
    )
    other_token = switched.json()["access_token"]
    d = await patch_member(client, other.token, member["id"], member["version"], is_active=False)
    assert d.status_code == 200, d.text
    # Removal ends the person's sessions (in every organisation); signing in again lands in the one left.
    assert (await client.get("/api/v1/auth/me", headers=auth(other_token))).status_code == 401
    signed_in = await sign_in(client, home.email)
    assert signed_in.status_code == 200
    assert signed_in.json()["organization_id"] == home.id


# --- the administrator guard -------------------------------------------------------------------------------


@pytest.mark.parametrize("change", [{"role": "manager"}, {"is_active": False}])
async def test_admin_cannot_demote_or_deactivate_themselves(client: httpx.AsyncClient, change: dict[str, Any]) -> None:
    org = await register(client)
    await second_admin(client, org)  # another admin exists, so this is not about the last admin
    me = await my_user_id(client, org.token)
    mine = await read_member(client, org, me)
    r = await patch_member(client, org.token, me, mine["version"], **change)
    assert r.status_code == 409
    assert r.json()["error"] == "cannot_change_own_access"
    after = await read_member(client, org, me)
    assert (after["role"], after["status"]) == ("admin", "active")


async def test_after_demoting_one_of_two_admins_the_remaining_admin_stays(client: httpx.AsyncClient) -> None:
    org = await register(client)
    other, other_token = await second_admin(client, org)
    demoted = await patch_member(client, org.token, other["id"], other["version"], role="viewer")
    assert demoted.status_code == 200, demoted.text
    # The demoted admin's session ended with the demotion; signed in again, they can no longer administer, so only
    # the remaining admin could act on themselves...
    me = await my_user_id(client, org.token)
    mine = await read_member(client, org, me)
    assert (await patch_member(client, other_token, me, mine["version"], role="viewer")).status_code == 401
    again = (await sign_in(client, other["email"])).json()["access_token"]
    by_demoted = await patch_member(client, again, me, mine["version"], role="viewer")
    assert by_demoted.status_code == 403
    by_self = await patch_member(client, org.token, me, mine["version"], role="viewer")
    assert by_self.status_code == 409
    admins = await client.get("/api/v1/users", params={"role": "admin", "is_active": True}, headers=org.headers)
    assert [u["id"] for u in admins.json()["items"]] == [me]


@pytest.mark.parametrize("change", [{"role": "viewer"}, {"is_active": False}])
async def test_last_admin_cannot_be_removed_by_an_admin_whose_rights_ended_meanwhile(
    client: httpx.AsyncClient, app: FastAPI, change: dict[str, Any]
) -> None:
    """Two admins acting at once: one request resolved its caller as admin just before being demoted."""
    from itaku.identity.principals import Role, StaffUser
    from itaku.users import service as user_service
    from itaku.users.schemas import MemberUpdate

    org = await register(client)
    other, _ = await second_admin(client, org)
    demoted = await patch_member(client, org.token, other["id"], other["version"], role="viewer")
    assert demoted.status_code == 200
    me = await my_user_id(client, org.token)
    mine = await read_member(client, org, me)
    still_thinks_admin = StaffUser(uuid.UUID(other["id"]), uuid.UUID(org.id), Role.admin, other["email"], other["name"])
    with pytest.raises(user_service.LastAdmin):
        async with app.state.db.unit_of_work(write=True) as session:
            await user_service.update_member(
                session, still_thinks_admin, uuid.UUID(me), MemberUpdate(version=mine["version"], **change)
            )
    after = await read_member(client, org, me)
    assert (after["role"], after["status"]) == ("admin", "active")


async def test_two_admins_demoting_each_other_at_once_leave_one_admin(client: httpx.AsyncClient) -> None:
    org = await register(client)
    other, other_token = await second_admin(client, org)
    me = await my_user_id(client, org.token)
    mine = await read_member(client, org, me)
    results = await asyncio.gather(
        patch_member(client, org.token, other["id"], other["version"], role="viewer"),
        patch_member(client, other_token, me, mine["version"], role="viewer"),
    )
    codes = sorted(r.status_code for r in results)
    # The loser was refused, or found its session ended by the winner's demotion of it.
    assert codes[0] == 200 and codes[1] in (401, 403, 409), [r.text for r in results]
    survivor_headers = org.headers if results[0].status_code == 200 else auth(other_token)
    admins = await client.get("/api/v1/users", params={"role": "admin", "is_active": True}, headers=survivor_headers)
    assert admins.json()["total"] == 1


# --- listing -----------------------------------------------------------------------------------------------


async def people(client: httpx.AsyncClient) -> tuple[Org, dict[str, dict[str, Any]]]:
    """An organisation with four invited people whose names and emails start with distinct letters."""
    org = await register(client, name="zz founder")
    tag = uuid.uuid4().hex[:6]
    specs = [
        ("aoki hana", f"d.aoki.{tag}@example.com", "manager"),
        ("baba ken", f"c.baba.{tag}@example.com", "viewer"),
        ("chiba rin", f"b.chiba.{tag}@example.com", "viewer"),
        ("doi mei", f"a.doi.{tag}@example.com", "manager"),
    ]
    members = {}
    for name, email, role in specs:
        members[name] = await invite(client, org, role, name=name, email=email)
    doi = members["doi mei"]
    r = await patch_member(client, org.token, doi["id"], doi["version"], is_active=False)
    assert r.status_code == 200
    return org, members


async def list_users(client: httpx.AsyncClient, org: Org, **params: Any) -> dict[str, Any]:
    r = await client.get("/api/v1/users", params=params, headers=org.headers)
    assert r.status_code == 200, r.text
    return dict(r.json())


async def test_user_list_filters_by_text_role_and_activity(client: httpx.AsyncClient) -> None:
    org, members = await people(client)
    by_name = await list_users(client, org, q="AOKI")
    assert [u["name"] for u in by_name["items"]] == ["aoki hana"]
    by_email = await list_users(client, org, q="b.chiba.")
    assert [u["name"] for u in by_email["items"]] == ["chiba rin"]
    viewers = await list_users(client, org, role="viewer")
    assert sorted(u["name"] for u in viewers["items"]) == ["baba ken", "chiba rin"]
    assert viewers["total"] == 2
    inactive = await list_users(client, org, is_active=False)
    assert [(u["name"], u["status"]) for u in inactive["items"]] == [("doi mei", "deactivated")]
    active_managers = await list_users(client, org, role="manager", is_active=True)
    assert [u["name"] for u in active_managers["items"]] == ["aoki hana"]
    everyone = await list_users(client, org)
    assert everyone["total"] == 5 and len(everyone["items"]) == 5
    assert members["doi mei"]["id"] in {u["id"] for u in everyone["items"]}


async def test_user_search_treats_percent_and_underscore_literally(client: httpx.AsyncClient) -> None:
    org, _ = await people(client)
    await invite(client, org, "viewer", name="eda sho", email=f"e_da.{uuid.uuid4().hex[:6]}@example.com")
    assert [u["name"] for u in (await list_users(client, org, q="_"))["items"]] == ["eda sho"]
    assert (await list_users(client, org, q="%"))["total"] == 0


@pytest.mark.parametrize("sort", ["name", "-name", "email", "-email", "created_at", "-created_at"])
async def test_user_list_sorts(client: httpx.AsyncClient, sort: str) -> None:
    org, members = await people(client)
    ours = {m["id"] for m in members.values()}
    items = [u for u in (await list_users(client, org, sort=sort))["items"] if u["id"] in ours]
    field = sort.lstrip("-")
    expected = sorted(items, key=lambda u: u[field], reverse=sort.startswith("-"))
    assert [u["id"] for u in items] == [u["id"] for u in expected]
    if field == "created_at":
        invited_order = [m["id"] for m in members.values()]
        assert [u["id"] for u in items] == (invited_order[::-1] if sort.startswith("-") else invited_order)


async def test_user_list_pages_through_everyone_once(client: httpx.AsyncClient) -> None:
    org, _ = await people(client)
    pages = [await list_users(client, org, size=2, page=p, sort="email") for p in (1, 2, 3, 4)]
    assert [(p["page"], p["size"], p["total"]) for p in pages] == [(n, 2, 5) for n in (1, 2, 3, 4)]
    assert [len(p["items"]) for p in pages] == [2, 2, 1, 0]
    paged = [u["id"] for p in pages for u in p["items"]]
    whole = [u["id"] for u in (await list_users(client, org, sort="email"))["items"]]
    assert paged == whole


@pytest.mark.parametrize("params", [{"size": 101}, {"size": 0}, {"page": 0}, {"sort": "password_hash"}])
async def test_user_list_refuses_bad_paging_and_sorting(client: httpx.AsyncClient, params: dict[str, Any]) -> None:
    org = await register(client)
    r = await client.get("/api/v1/users", params=params, headers=org.headers)
    assert r.status_code == 422
    assert r.json()["error"] == "validation_error"
    assert [e["loc"][-1] for e in r.json()["detail"]] == list(params)


# --- the role matrix ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["viewer", "manager"])
async def test_viewers_and_managers_cannot_administer_people_keys_or_settings(
    client: httpx.AsyncClient, role: str
) -> None:
    org = await register(client)
    admin_id = await my_user_id(client, org.token)
    admin_row = await read_member(client, org, admin_id)
    key = await api_key(client, org)
    organization = (await client.get("/api/v1/organization", headers=org.headers)).json()
    _, token = await member_token(client, org, role)
    attempts = {
        "POST /users": ("POST", "/api/v1/users", {"email": unique_email(), "name": "x", "role": "viewer"}),
        "PATCH /users/{id}": ("PATCH", f"/api/v1/users/{admin_id}", {"version": admin_row["version"], "role": role}),
        "POST /api-keys": ("POST", "/api/v1/api-keys", {"name": "mine", "scopes": ["read"]}),
        "DELETE /api-keys/{id}": ("DELETE", f"/api/v1/api-keys/{key['id']}", None),
        "PATCH /organization": ("PATCH", "/api/v1/organization", {"version": organization["version"], "name": "x"}),
        "GET /api-keys": ("GET", "/api/v1/api-keys", None),
    }
    for label, (method, url, body) in attempts.items():
        r = await client.request(method, url, json=body, headers=auth(token))
        assert r.status_code == 403, f"{role} got {r.status_code} on {label}: {r.text}"
        assert r.json()["error"] == "forbidden"
    # Nothing changed on the way to those refusals.
    assert (await read_member(client, org, admin_id))["role"] == "admin"
    assert (await client.get("/api/v1/auth/me", headers=auth(key["key"]))).status_code == 200
    assert (await client.get("/api/v1/organization", headers=org.headers)).json()["name"] == organization["name"]
    assert (await list_users(client, org))["total"] == 2


async def test_viewer_reads_users_audit_events_and_the_organisation(client: httpx.AsyncClient) -> None:
    org = await register(client)
    member, token = await member_token(client, org, "viewer")
    for url in ("/api/v1/users", f"/api/v1/users/{member['id']}", "/api/v1/audit-events", "/api/v1/organization"):
        r = await client.get(url, headers=auth(token))
        assert r.status_code == 200, f"{url}: {r.text}"
    users = (await client.get("/api/v1/users", headers=auth(token))).json()
    assert {u["id"] for u in users["items"]} == {member["id"], await my_user_id(client, org.token)}
