"""The audit trail: every write leaves who/what/when/before/after and the request id, hash-chained per organisation."""

import itertools
import os
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import anyio.to_thread
import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import delete, select, update

from itaku.audit.chain import event_hash
from itaku.audit.models import AuditChainHead, AuditEvent
from itaku.main import create_app
from tests.builders import PASSWORD, Org, api_key, invite, member_token, register, unique_email
from tests.conftest import TEST_AUDIT_KEY, TestDatabase, _drop_pg_database, _migrate, make_database
from tests.conftest import test_settings as settings_for

ITAKU = Path(sys.executable).parent / "itaku"
GENESIS = "0" * 64


def rid() -> str:
    return f"test-req-{uuid.uuid4().hex[:12]}"


async def events(client: httpx.AsyncClient, org: Org, **params: Any) -> list[dict[str, Any]]:
    r = await client.get("/api/v1/audit-events", params={"size": 100, **params}, headers=org.headers)
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


async def event_of_request(client: httpx.AsyncClient, org: Org, request_id: str) -> dict[str, Any]:
    found = [e for e in await events(client, org) if e["request_id"] == request_id]
    assert len(found) == 1, f"expected one event for request {request_id}, found {found}"
    return found[0]


async def user_id(client: httpx.AsyncClient, org: Org) -> str:
    return str((await client.get("/api/v1/auth/me", headers=org.headers)).json()["user"]["id"])


# --- what is recorded --------------------------------------------------------------------------------------


async def test_invite_records_actor_entity_after_and_request_id(client: httpx.AsyncClient) -> None:
    org = await register(client)
    r = await client.post(
        "/api/v1/users",
        json={"email": unique_email("kansa"), "name": "監査 太郎", "role": "manager"},
        headers={**org.headers, "X-Request-ID": "test-req-12345678"},
    )
    assert r.status_code == 201, r.text
    assert r.headers["X-Request-ID"] == "test-req-12345678"
    member = r.json()
    event = await event_of_request(client, org, "test-req-12345678")
    assert event["actor_type"] == "user"
    assert event["actor_id"] == await user_id(client, org)
    assert event["actor_label"] == org.email
    assert (event["entity_type"], event["entity_id"], event["action"]) == ("user", member["id"], "invited")
    assert event["changes"]["before"] is None
    assert event["changes"]["after"] == {
        "email": member["email"],
        "name": "監査 太郎",
        "role": "manager",
        "is_active": True,
    }
    assert datetime.fromisoformat(event["occurred_at"]).utcoffset() is not None


async def test_a_generated_request_id_is_the_one_recorded(client: httpx.AsyncClient) -> None:
    org = await register(client)
    r = await client.post("/api/v1/api-keys", json={"name": "no id sent", "scopes": ["read"]}, headers=org.headers)
    assert r.status_code == 201
    generated = r.headers["X-Request-ID"]
    event = await event_of_request(client, org, generated)
    assert (event["entity_id"], event["action"]) == (r.json()["id"], "created")


async def test_registration_records_the_founder_and_the_organisation(client: httpx.AsyncClient) -> None:
    org = await register(client, organization_name="記録株式会社")
    admin_id = await user_id(client, org)
    trail = await events(client, org, sort="occurred_at")
    assert [(e["entity_type"], e["entity_id"], e["action"]) for e in trail] == [
        ("user", admin_id, "created"),
        ("organization", org.id, "created"),
    ]
    assert all(e["actor_id"] == admin_id for e in trail)
    assert trail[0]["changes"]["after"]["role"] == "admin"
    assert trail[1]["changes"]["after"]["name"] == "記録株式会社"


async def test_accepting_an_invitation_is_recorded_as_the_invited_person(client: httpx.AsyncClient) -> None:
    org = await register(client)
    member = await invite(client, org)
    token = member["invitation_url"].split("token=")[1]
    request_id = rid()
    r = await client.post(
        "/api/v1/auth/accept-invitation",
        json={"token": token, "password": PASSWORD, "name": "新 名前"},
        headers={"X-Request-ID": request_id},
    )
    assert r.status_code == 200
    event = await event_of_request(client, org, request_id)
    assert (event["actor_id"], event["entity_id"], event["action"]) == (
        member["id"],
        member["id"],
        "invitation_accepted",
    )
    assert event["changes"]["after"] == {"name": "新 名前"}


async def test_role_change_and_deactivation_record_before_and_after(client: httpx.AsyncClient) -> None:
    org = await register(client)
    member = await invite(client, org, "viewer")
    first, second = rid(), rid()
    r = await client.patch(
        f"/api/v1/users/{member['id']}",
        json={"version": member["version"], "role": "manager"},
        headers={**org.headers, "X-Request-ID": first},
    )
    assert r.status_code == 200
    r = await client.patch(
        f"/api/v1/users/{member['id']}",
        json={"version": r.json()["version"], "is_active": False},
        headers={**org.headers, "X-Request-ID": second},
    )
    assert r.status_code == 200
    promoted = await event_of_request(client, org, first)
    assert (promoted["entity_id"], promoted["action"]) == (member["id"], "membership_updated")
    assert promoted["changes"] == {"before": {"role": "viewer"}, "after": {"role": "manager"}}
    deactivated = await event_of_request(client, org, second)
    assert deactivated["changes"] == {"before": {"is_active": True}, "after": {"is_active": False}}


async def test_refused_writes_leave_no_event(client: httpx.AsyncClient) -> None:
    org = await register(client)
    member = await invite(client, org, "viewer")
    before = len(await events(client, org))
    stale = await client.patch(
        f"/api/v1/users/{member['id']}", json={"version": member["version"] + 5, "role": "admin"}, headers=org.headers
    )
    assert stale.status_code == 409
    twice = await client.post(
        "/api/v1/users", json={"email": member["email"], "name": "x", "role": "admin"}, headers=org.headers
    )
    assert twice.status_code == 409
    assert len(await events(client, org)) == before


async def test_api_key_creation_and_revocation_are_recorded(client: httpx.AsyncClient) -> None:
    org = await register(client)
    created_rid, revoked_rid = rid(), rid()
    r = await client.post(
        "/api/v1/api-keys",
        json={"name": "SIEM", "scopes": ["read"]},
        headers={**org.headers, "X-Request-ID": created_rid},
    )
    key = r.json()
    r = await client.delete(f"/api/v1/api-keys/{key['id']}", headers={**org.headers, "X-Request-ID": revoked_rid})
    assert r.status_code == 204
    assert r.headers["X-Request-ID"] == revoked_rid
    created = await event_of_request(client, org, created_rid)
    assert (created["entity_type"], created["entity_id"], created["action"]) == ("api_key", key["id"], "created")
    assert created["changes"]["after"] == {
        "name": "SIEM",
        "scopes": ["read"],
        "prefix": key["prefix"],
    }  # a creation lists what it set; empty fields are left out
    revoked = await event_of_request(client, org, revoked_rid)
    assert (revoked["entity_id"], revoked["action"]) == (key["id"], "revoked")
    assert revoked["changes"]["before"] == {"revoked_at": None}
    revoked_at = (await client.get(f"/api/v1/api-keys/{key['id']}", headers=org.headers)).json()["revoked_at"]
    assert datetime.fromisoformat(revoked["changes"]["after"]["revoked_at"]) == datetime.fromisoformat(revoked_at)


async def test_organisation_and_profile_changes_are_recorded(client: httpx.AsyncClient) -> None:
    org = await register(client, organization_name="旧社名")
    organization = (await client.get("/api/v1/organization", headers=org.headers)).json()
    org_rid, profile_rid, password_rid = rid(), rid(), rid()
    r = await client.patch(
        "/api/v1/organization",
        json={"version": organization["version"], "name": "新社名", "time_zone": "Europe/Berlin"},
        headers={**org.headers, "X-Request-ID": org_rid},
    )
    assert r.status_code == 200, r.text
    me = (await client.get("/api/v1/auth/me", headers=org.headers)).json()
    r = await client.patch(
        "/api/v1/auth/me",
        json={"version": me["user"]["version"], "locale": "en"},
        headers={**org.headers, "X-Request-ID": profile_rid},
    )
    assert r.status_code == 200, r.text
    r = await client.post(
        "/api/v1/auth/change-password",
        json={"current_password": PASSWORD, "new_password": "a-brand-new-password"},
        headers={**org.headers, "X-Request-ID": password_rid},
    )
    assert r.status_code == 204
    renamed = await event_of_request(client, org, org_rid)
    assert (renamed["entity_type"], renamed["entity_id"], renamed["action"]) == ("organization", org.id, "updated")
    assert renamed["changes"] == {
        "before": {"name": "旧社名", "time_zone": "Asia/Tokyo"},
        "after": {"name": "新社名", "time_zone": "Europe/Berlin"},
    }
    profile = await event_of_request(client, org, profile_rid)
    assert profile["action"] == "profile_updated"
    assert profile["changes"] == {"before": {"locale": "ja"}, "after": {"locale": "en"}}
    password = await event_of_request(client, org, password_rid)
    assert password["action"] == "password_changed"
    assert PASSWORD not in str(password) and "a-brand-new-password" not in str(password)


async def test_resending_an_invitation_is_recorded(client: httpx.AsyncClient) -> None:
    org = await register(client)
    member = await invite(client, org)
    request_id = rid()
    r = await client.post(
        f"/api/v1/users/{member['id']}/invitation", headers={**org.headers, "X-Request-ID": request_id}
    )
    assert r.status_code == 201
    event = await event_of_request(client, org, request_id)
    assert event["entity_id"] == member["id"]


# --- reading the trail -------------------------------------------------------------------------------------


async def test_audit_filters_narrow_the_trail(client: httpx.AsyncClient) -> None:
    org = await register(client)
    admin_id = await user_id(client, org)
    member, _ = await member_token(client, org, "viewer")
    key = await api_key(client, org)
    r = await client.patch(
        f"/api/v1/users/{member['id']}", json={"version": member["version"], "role": "manager"}, headers=org.headers
    )
    assert r.status_code == 200
    trail = await events(client, org, sort="occurred_at")
    assert len(trail) == 6  # founder, organisation, invitation, acceptance, key, role change

    def triples(items: list[dict[str, Any]]) -> list[tuple[str, str | None, str]]:
        return [(e["entity_type"], e["entity_id"], e["action"]) for e in items]

    assert triples(await events(client, org, entity_type="api_key")) == [("api_key", key["id"], "created")]
    assert triples(await events(client, org, entity_id=member["id"], sort="occurred_at")) == [
        ("user", member["id"], "invited"),
        ("user", member["id"], "invitation_accepted"),
        ("user", member["id"], "membership_updated"),
    ]
    assert triples(await events(client, org, actor_id=member["id"])) == [("user", member["id"], "invitation_accepted")]
    assert {e["actor_id"] for e in await events(client, org, actor_id=admin_id)} == {admin_id}
    assert len(await events(client, org, actor_id=admin_id)) == 5
    assert triples(await events(client, org, action="invited")) == [("user", member["id"], "invited")]
    assert triples(await events(client, org, entity_type="user", action="created")) == [("user", admin_id, "created")]
    assert await events(client, org, entity_type="vendor") == []

    pivot = trail[2]  # the invitation
    at = datetime.fromisoformat(pivot["occurred_at"])
    since = await events(client, org, occurred_from=at.isoformat(), sort="occurred_at")
    assert [e["id"] for e in since] == [e["id"] for e in trail[2:]]
    until = await events(client, org, occurred_to=at.isoformat(), sort="occurred_at")
    assert [e["id"] for e in until] == [e["id"] for e in trail[:2]]  # occurred_to is exclusive
    tokyo = at.astimezone(timezone(timedelta(hours=9))).isoformat()
    assert [e["id"] for e in await events(client, org, occurred_from=tokyo, sort="occurred_at")] == [
        e["id"] for e in since
    ]
    window = await events(
        client, org, occurred_from=at.isoformat(), occurred_to=trail[4]["occurred_at"], sort="occurred_at"
    )
    assert [e["id"] for e in window] == [e["id"] for e in trail[2:4]]


@pytest.mark.parametrize("param", ["occurred_from", "occurred_to"])
async def test_datetimes_without_offset_are_refused(client: httpx.AsyncClient, param: str) -> None:
    org = await register(client)
    r = await client.get("/api/v1/audit-events", params={param: "2026-01-01T00:00:00"}, headers=org.headers)
    assert r.status_code == 422
    assert r.json()["error"] == "validation_error"
    assert [e["loc"] for e in r.json()["detail"]] == [["query", param]]


async def test_trail_is_newest_first_by_default_and_reads_one_event(client: httpx.AsyncClient) -> None:
    org = await register(client)
    await invite(client, org)
    trail = await events(client, org)
    assert [e["seq"] for e in trail] == [3, 2, 1]
    r = await client.get(f"/api/v1/audit-events/{trail[1]['id']}", headers=org.headers)
    assert r.status_code == 200
    assert r.json() == trail[1]
    missing = await client.get(f"/api/v1/audit-events/{uuid.uuid4()}", headers=org.headers)
    assert missing.status_code == 404
    assert missing.json()["error"] == "audit_event_not_found"


async def test_trail_cannot_be_changed_through_the_api(client: httpx.AsyncClient) -> None:
    org = await register(client)
    event = (await events(client, org))[0]
    for method in ("PUT", "PATCH", "DELETE"):
        r = await client.request(method, f"/api/v1/audit-events/{event['id']}", json={}, headers=org.headers)
        assert r.status_code == 405, f"{method}: {r.text}"
    assert (await client.post("/api/v1/audit-events", json={}, headers=org.headers)).status_code == 405
    assert (await events(client, org))[0] == event


async def test_events_are_hash_chained_per_organisation(client: httpx.AsyncClient) -> None:
    org = await register(client)
    other = await register(client)
    await invite(client, org)
    await invite(client, other)
    await api_key(client, org)
    trail = await events(client, org, sort="occurred_at")
    assert [e["seq"] for e in trail] == list(range(1, len(trail) + 1))
    assert trail[0]["prev_hash"] == GENESIS
    for previous, event in itertools.pairwise(trail):
        assert event["prev_hash"] == previous["hash"]
    assert len({e["hash"] for e in trail}) == len(trail)
    # The API shows everything the holder of the audit key needs to check each link.
    for e in trail:
        assert e["hash"] == event_hash(
            prev_hash=e["prev_hash"],
            organization_id=uuid.UUID(org.id),
            seq=e["seq"],
            occurred_at=datetime.fromisoformat(e["occurred_at"]),
            actor_type=e["actor_type"],
            actor_id=uuid.UUID(e["actor_id"]) if e["actor_id"] else None,
            actor_label=e["actor_label"],
            entity_type=e["entity_type"],
            entity_id=uuid.UUID(e["entity_id"]) if e["entity_id"] else None,
            action=e["action"],
            changes=e["changes"],
            request_id=e["request_id"],
            key=TEST_AUDIT_KEY.encode(),  # a link is keyed: only the holder of ITAKU_AUDIT_KEY can recompute it
        )
        assert e["key_id"] == "1"
    # The other organisation's chain starts on its own and shares nothing with this one.
    theirs = await events(client, other, sort="occurred_at")
    assert [e["seq"] for e in theirs] == [1, 2, 3] and theirs[0]["prev_hash"] == GENESIS
    assert not {e["id"] for e in theirs} & {e["id"] for e in trail}


# --- tampering, checked by the real `itaku audit verify` ---------------------------------------------------
# The command takes seconds to start, so one tampered database holds one organisation per kind of
# tampering and is verified once; the command reports the first broken link of each organisation.


@dataclass
class OwnDatabase:
    url: str
    app: FastAPI
    client: httpx.AsyncClient


@asynccontextmanager
async def own_database(backend: str, tmp_dir: Path) -> AsyncIterator[OwnDatabase]:
    """A database of the test's own, so tampering cannot break anything else that verifies."""
    db, pg_name = await make_database(backend, tmp_dir)
    await anyio.to_thread.run_sync(_migrate, db.url)
    app = create_app(settings_for(db.url))
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://own") as client:
            yield OwnDatabase(db.url, app, client)
    finally:
        await app.state.db.dispose()
        if pg_name:
            await _drop_pg_database(os.environ["TEST_DATABASE_URL"], pg_name)


def run_itaku(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": url, "ITAKU_ENVIRONMENT": "test", "ITAKU_AUDIT_KEY": TEST_AUDIT_KEY}
    return subprocess.run([str(ITAKU), *args], env=env, capture_output=True, text=True, timeout=300, check=False)


async def verify(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return await anyio.to_thread.run_sync(run_itaku, url, "audit", "verify", *args)


async def relink_as_an_attacker(session: Any, org: Org, from_seq: int, *, forge_head: str) -> None:
    """What someone with write access to the database but without the audit key can do after editing event
    `from_seq`: recompute every link from there on (as plain SHA-256, the only kind they can compute) and move the
    head along. `forge_head`: "keep" the old seal, or "drop" it."""
    org_id = uuid.UUID(org.id)
    rows = (
        await session.scalars(select(AuditEvent).where(AuditEvent.organization_id == org_id).order_by(AuditEvent.seq))
    ).all()
    prev = GENESIS if from_seq == 1 else next(r.hash for r in rows if r.seq == from_seq - 1)
    for row in (r for r in rows if r.seq >= from_seq):
        row.prev_hash, row.key_id = prev, None
        row.hash = event_hash(
            prev_hash=prev,
            organization_id=row.organization_id,
            seq=row.seq,
            occurred_at=row.occurred_at,
            actor_type=row.actor_type,
            actor_id=row.actor_id,
            actor_label=row.actor_label,
            entity_type=row.entity_type,
            entity_id=row.entity_id,
            action=row.action,
            changes=row.changes,
            request_id=row.request_id,
            scope_id=row.scope_id,
            key=None,
        )
        prev = row.hash
    values: dict[str, Any] = {"hash": prev}
    if forge_head == "drop":
        values.update(seal=None, key_id=None)
    await session.execute(update(AuditChainHead).where(AuditChainHead.organization_id == org_id).values(**values))


async def busy_organisation(own: OwnDatabase, name: str) -> tuple[Org, list[dict[str, Any]]]:
    org = await register(own.client, organization_name=name)
    await invite(own.client, org)
    await invite(own.client, org)
    await api_key(own.client, org)
    # A vendor with a contact: events scoped to the vendor must verify like the rest.
    r = await own.client.post("/api/v1/vendors", json={"name": "監査用委託先"}, headers=org.headers)
    await own.client.post(
        f"/api/v1/vendors/{r.json()['id']}/contacts", json={"name": "担当", "role": "other"}, headers=org.headers
    )
    return org, await events(own.client, org, sort="occurred_at")


@dataclass
class Tampered:
    returncode: int
    output: str
    orgs: dict[str, Org]
    trails: dict[str, list[dict[str, Any]]]

    def report_on(self, name: str) -> str:
        lines = [line for line in self.output.splitlines() if self.orgs[name].id in line]
        assert len(lines) == 1, self.output
        return lines[0]


@pytest.fixture(scope="module")
async def tampered(database: TestDatabase, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Tampered]:
    async with own_database(database.backend, tmp_path_factory.mktemp("tampered")) as own:
        orgs, trails = {}, {}
        names = ("altered", "relinked", "relinked_from_start", "newest_deleted", "truncated", "middle_deleted")
        for name in (*names, "untouched"):
            orgs[name], trails[name] = await busy_organisation(own, name)
        async with own.app.state.db.unit_of_work(write=True) as session:
            for name in ("altered", "relinked", "relinked_from_start"):
                altered = trails[name][2]  # the first invitation: make the invited person an admin after the fact
                await session.execute(
                    update(AuditEvent)
                    .where(AuditEvent.id == uuid.UUID(altered["id"]))
                    .values(changes={"before": None, "after": {**altered["changes"]["after"], "role": "admin"}})
                )
            await session.flush()
            await relink_as_an_attacker(session, orgs["relinked"], trails["relinked"][2]["seq"], forge_head="keep")
            await relink_as_an_attacker(session, orgs["relinked_from_start"], 1, forge_head="drop")
            # Delete the two newest events and move the head back onto the one before them.
            kept = trails["truncated"][-3]
            await session.execute(
                delete(AuditEvent).where(AuditEvent.id.in_([uuid.UUID(e["id"]) for e in trails["truncated"][-2:]]))
            )
            await session.execute(
                update(AuditChainHead)
                .where(AuditChainHead.organization_id == uuid.UUID(orgs["truncated"].id))
                .values(seq=kept["seq"], hash=kept["hash"])
            )
            await session.execute(
                delete(AuditEvent).where(AuditEvent.id == uuid.UUID(trails["newest_deleted"][-1]["id"]))
            )
            await session.execute(
                delete(AuditEvent).where(AuditEvent.id == uuid.UUID(trails["middle_deleted"][2]["id"]))
            )
        result = await verify(own.url)
        yield Tampered(result.returncode, result.stdout + result.stderr, orgs, trails)


async def test_verify_passes_an_intact_chain(database: TestDatabase, tmp_path: Path) -> None:
    async with own_database(database.backend, tmp_path) as own:
        _, first = await busy_organisation(own, "first")
        _, second = await busy_organisation(own, "second")
        result = await verify(own.url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "intact" in result.stdout
    assert f"{len(first) + len(second)} events checked" in result.stdout


async def test_verify_fails_when_a_chain_was_tampered_with(tampered: Tampered) -> None:
    assert tampered.returncode == 1, tampered.output
    assert tampered.output.count("BROKEN") == 6, tampered.output


async def test_verify_names_the_organisation_and_seq_of_an_altered_event(tampered: Tampered) -> None:
    line = tampered.report_on("altered")
    assert f"seq {tampered.trails['altered'][2]['seq']} " in line
    assert tampered.trails["altered"][2]["id"] in line
    assert "[rewritten]" in line


async def test_verify_detects_the_newest_event_deleted(tampered: Tampered) -> None:
    line = tampered.report_on("newest_deleted")
    assert "[deleted_tail]" in line and f"({tampered.trails['newest_deleted'][-1]['seq']})" in line


async def test_verify_detects_an_event_rewritten_and_every_link_after_it_recomputed(tampered: Tampered) -> None:
    # Without the audit key the attacker can only compute unkeyed links, which may not follow keyed ones.
    line = tampered.report_on("relinked")
    assert "[rewritten]" in line and f"seq {tampered.trails['relinked'][2]['seq']} " in line


async def test_verify_detects_a_whole_chain_relinked_with_its_head_unsealed(tampered: Tampered) -> None:
    assert "[unsealed_head]" in tampered.report_on("relinked_from_start")


async def test_verify_detects_a_deleted_tail_with_the_head_moved_back(tampered: Tampered) -> None:
    # The head names the last event left, as an attacker would set it; its seal cannot be forged without the key.
    line = tampered.report_on("truncated")
    assert "[moved_head]" in line and f"seq {tampered.trails['truncated'][-3]['seq']}" in line


async def test_verify_detects_an_event_deleted_from_the_middle(tampered: Tampered) -> None:
    line = tampered.report_on("middle_deleted")
    assert f"seq {tampered.trails['middle_deleted'][2]['seq']}" in line
    assert "missing" in line


async def test_verify_does_not_blame_an_untouched_organisation(tampered: Tampered) -> None:
    assert tampered.orgs["untouched"].id not in tampered.output


async def test_a_vendors_related_events_include_its_contacts_assessments_and_findings(
    client: httpx.AsyncClient,
) -> None:
    from tests.assessment_builders import send

    org = await register(client)
    sent = await send(client, org)
    other = await send(client, org, name="別の委託先株式会社")
    r = await client.get(f"/api/v1/audit-events?related_to={sent.vendor['id']}&size=100", headers=org.headers)
    assert r.status_code == 200
    kinds = {(e["entity_type"], e["action"]) for e in r.json()["items"]}
    assert {
        ("vendor", "created"),
        ("vendor_contact", "created"),
        ("assessment", "created"),
        ("assessment", "sent"),
    } <= kinds
    assert all(e["entity_id"] == sent.vendor["id"] or e["scope_id"] == sent.vendor["id"] for e in r.json()["items"])
    assert other.assessment["id"] not in {e["entity_id"] for e in r.json()["items"]}


# --- signed heads, kept away from the database ---------------------------------------------------------------


async def copy_head_then_write_more(own: OwnDatabase, org: Org) -> dict[str, Any]:
    """The strongest rollback without the key starts here: a copy of the head row (with its valid seal) taken at
    some moment; more is written after it."""
    async with own.app.state.db.unit_of_work(write=False) as session:
        head = await session.get(AuditChainHead, uuid.UUID(org.id))
        assert head is not None and head.seal is not None
        copy = {"seq": head.seq, "hash": head.hash, "key_id": head.key_id, "seal": head.seal}
    await invite(own.client, org)
    await invite(own.client, org)
    return copy


async def roll_back(own: OwnDatabase, org: Org, copy: dict[str, Any]) -> None:
    """...and ends here: every event after the copy deleted and the old head put back. The database alone cannot
    tell: each remaining link and the replayed seal are genuine."""
    org_id = uuid.UUID(org.id)
    async with own.app.state.db.unit_of_work(write=True) as session:
        await session.execute(
            delete(AuditEvent).where(AuditEvent.organization_id == org_id, AuditEvent.seq > copy["seq"])
        )
        await session.execute(update(AuditChainHead).where(AuditChainHead.organization_id == org_id).values(**copy))


async def test_exported_heads_reveal_a_rollback_the_database_alone_cannot(
    database: TestDatabase, tmp_path: Path
) -> None:
    async with own_database(database.backend, tmp_path) as own:
        org, _ = await busy_organisation(own, "anchored")
        await busy_organisation(own, "bystander")
        copy = await copy_head_then_write_more(own, org)
        heads = tmp_path / "heads.json"
        exported = await anyio.to_thread.run_sync(run_itaku, own.url, "audit", "export-heads", "--output", str(heads))
        assert exported.returncode == 0, exported.stderr
        assert "the heads of 2 chains" in exported.stdout
        intact = await verify(own.url, "--heads", str(heads))
        assert intact.returncode == 0 and "against 2 exported heads" in intact.stdout, intact.stdout + intact.stderr

        await roll_back(own, org, copy)
        alone = await verify(own.url)
        against = await verify(own.url, "--heads", str(heads))
    assert alone.returncode == 0, alone.stderr
    assert against.returncode == 1
    [line] = [line for line in against.stderr.splitlines() if "BROKEN" in line]
    assert org.id in line and "[deleted_tail]" in line and "when its head was exported" in line


async def test_a_forged_heads_file_is_refused(database: TestDatabase, tmp_path: Path) -> None:
    async with own_database(database.backend, tmp_path) as own:
        org, _ = await busy_organisation(own, "anchored")
        r = await own.client.get("/api/v1/audit-events/chain-head", headers=org.headers)
        file = r.json()
        file["heads"][0]["seq"] += 5  # claims more events than were ever sealed
        result = await own.client.post("/api/v1/audit-events/verify", json={"heads": file}, headers=org.headers)
    assert result.status_code == 200, result.text
    assert [p["kind"] for p in result.json()["problems"]] == ["anchor_invalid"]


async def test_admins_verify_their_chain_against_a_head_they_downloaded(database: TestDatabase, tmp_path: Path) -> None:
    async with own_database(database.backend, tmp_path) as own:
        org, trail = await busy_organisation(own, "anchored")
        other, _ = await busy_organisation(own, "other")
        r = await own.client.get("/api/v1/audit-events/chain-head", headers=org.headers)
        assert r.status_code == 200, r.text
        file = r.json()
        assert file["format"] == "itaku-audit-heads"
        [head] = file["heads"]
        assert (head["organization_id"], head["seq"], head["hash"]) == (org.id, trail[-1]["seq"], trail[-1]["hash"])

        ok = await own.client.post("/api/v1/audit-events/verify", json={"heads": file}, headers=org.headers)
        assert ok.json() == {"intact": True, "checked": len(trail), "against_heads": 1, "problems": []}
        # Another organisation's heads are not checked against this one (nor revealed).
        theirs = await own.client.post("/api/v1/audit-events/verify", json={"heads": file}, headers=other.headers)
        assert theirs.json()["against_heads"] == 0 and theirs.json()["intact"]
        _, viewer = await member_token(own.client, org, "viewer")
        denied = await own.client.post(
            "/api/v1/audit-events/verify", json={}, headers={"Authorization": f"Bearer {viewer}"}
        )
        assert denied.status_code == 403

        copy = await copy_head_then_write_more(own, org)
        file = (await own.client.get("/api/v1/audit-events/chain-head", headers=org.headers)).json()
        await roll_back(own, org, copy)
        r = await own.client.post("/api/v1/audit-events/verify", json={"heads": file}, headers=org.headers)
    body = r.json()
    assert body["intact"] is False
    assert [p["kind"] for p in body["problems"]] == ["deleted_tail"]


async def test_a_chain_from_before_keyed_links_is_sealed_once_by_the_operator(
    database: TestDatabase, tmp_path: Path
) -> None:
    async with own_database(database.backend, tmp_path) as own:
        org, trail = await busy_organisation(own, "legacy")
        # As written before the upgrade: plain SHA-256 links, no key ids, a head without a seal.
        async with own.app.state.db.unit_of_work(write=True) as session:
            await relink_as_an_attacker(session, org, 1, forge_head="drop")
        before = await verify(own.url)
        sealed = await anyio.to_thread.run_sync(run_itaku, own.url, "audit", "seal-legacy")
        after = await verify(own.url)
        await invite(own.client, org)  # keyed links follow the legacy ones
        later = await verify(own.url)
    assert before.returncode == 1 and "[unsealed_head]" in before.stderr
    assert sealed.returncode == 0 and "Sealed 1 chain heads" in sealed.stdout, sealed.stdout + sealed.stderr
    assert after.returncode == 0, after.stderr
    assert later.returncode == 0 and f"{len(trail) + 1} events checked" in later.stdout, later.stderr


async def test_a_rotated_audit_key_keeps_the_older_events_verifiable(database: TestDatabase, tmp_path: Path) -> None:
    new_key = "rotated-audit-key-" + "b" * 40
    async with own_database(database.backend, tmp_path) as own:
        org, trail = await busy_organisation(own, "rotated")  # signed with key "1"
        rotated = create_app(
            settings_for(own.url, audit_key=new_key, audit_key_id="2", audit_old_keys={"1": TEST_AUDIT_KEY})
        )
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=rotated), base_url="http://own") as c:
            await invite(c, org)  # signed with key "2"
            newest = (await events(c, org))[0]
        await rotated.state.db.dispose()

        def run(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
            full = {**os.environ, "DATABASE_URL": own.url, "ITAKU_ENVIRONMENT": "test", **env}
            return subprocess.run(
                [str(ITAKU), "audit", "verify"], env=full, capture_output=True, text=True, timeout=300, check=False
            )

        both = await anyio.to_thread.run_sync(
            run,
            {
                "ITAKU_AUDIT_KEY": new_key,
                "ITAKU_AUDIT_KEY_ID": "2",
                "ITAKU_AUDIT_OLD_KEYS": f'{{"1": "{TEST_AUDIT_KEY}"}}',
            },
        )
        old_forgotten = await anyio.to_thread.run_sync(run, {"ITAKU_AUDIT_KEY": new_key, "ITAKU_AUDIT_KEY_ID": "2"})
    assert newest["key_id"] == "2" and trail[0]["key_id"] == "1"
    assert both.returncode == 0, both.stderr
    assert old_forgotten.returncode == 1 and "[unknown_key]" in old_forgotten.stderr and "'1'" in old_forgotten.stderr
