"""Throttling that holds (issue 14/1, findings 1, 8 and 9): attempts are counted atomically before they are judged,
in this process and in others on the same database; per account and client, per client, per account everywhere;
for sign-in, registration, portal link requests and invitation acceptance."""

import asyncio
import statistics
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from itaku.core.context import client_ip_var
from itaku.core.security import Passwords
from itaku.main import create_app
from itaku.throttle.service import DEFAULT_RULES, client_subject
from tests.builders import PASSWORD, Org, invite, link_token, register, unique_email
from tests.conftest import TestDatabase, start_server, test_settings
from tests.mailbox import mail_to

WRONG = "wrong-password-123"
# The limits a deployment has (the product's own choice: throttle/service.py, and the README's security model).
ACCOUNT_CLIENT = DEFAULT_RULES["sign_in_account_client"].attempts
CLIENT = DEFAULT_RULES["sign_in_client"].attempts
ACCOUNT = DEFAULT_RULES["sign_in_account"].attempts


@pytest.fixture(scope="module")
async def throttled(database: TestDatabase) -> AsyncIterator[FastAPI]:
    """The app with the limits a deployment has (the other tests lift them: they all come from one address)."""
    app = create_app(test_settings(database.url, rate_limits={}))
    yield app
    await app.state.db.dispose()


def from_address(app: FastAPI, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 40000))  # type: ignore[arg-type]
    return httpx.AsyncClient(transport=transport, base_url="http://t")


def an_address() -> str:
    return f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250 + 1}"


async def sign_in(c: httpx.AsyncClient, email: str, password: str = WRONG) -> httpx.Response:
    return await c.post("/api/v1/auth/token", data={"username": email, "password": password})


async def new_account(app: FastAPI) -> Org:
    async with from_address(app, an_address()) as c:
        return await register(c)


async def test_repeated_failures_are_refused_with_retry_after(throttled: FastAPI) -> None:
    org = await new_account(throttled)
    async with from_address(throttled, an_address()) as c:
        codes = [(await sign_in(c, org.email)).status_code for _ in range(ACCOUNT_CLIENT)]
        refused = await sign_in(c, org.email, PASSWORD)  # even the right password is not judged now
    assert codes == [401] * ACCOUNT_CLIENT
    assert refused.status_code == 429 and refused.json()["error"] == "too_many_requests"
    assert 0 < int(refused.headers["Retry-After"]) <= DEFAULT_RULES["sign_in_account_client"].seconds


async def test_success_forgets_the_clients_earlier_failures(throttled: FastAPI) -> None:
    org = await new_account(throttled)
    async with from_address(throttled, an_address()) as c:
        for _ in range(2):
            for _ in range(ACCOUNT_CLIENT - 1):
                assert (await sign_in(c, org.email)).status_code == 401
            assert (await sign_in(c, org.email, PASSWORD)).status_code == 200


async def test_a_stranger_elsewhere_cannot_lock_the_owner_out(throttled: FastAPI) -> None:
    org = await new_account(throttled)
    async with from_address(throttled, an_address()) as stranger:
        for _ in range(ACCOUNT_CLIENT * 4):
            await sign_in(stranger, org.email)
        assert (await sign_in(stranger, org.email)).status_code == 429
    async with from_address(throttled, an_address()) as owner:
        assert (await sign_in(owner, org.email, PASSWORD)).status_code == 200


async def test_one_password_sprayed_over_many_accounts_is_cut_off_per_client(throttled: FastAPI) -> None:
    async with from_address(throttled, an_address()) as c:
        codes = Counter([(await sign_in(c, unique_email())).status_code for _ in range(60)])
    assert codes == {401: CLIENT, 429: 60 - CLIENT}


async def test_guessing_spread_over_many_addresses_locks_the_account_everywhere(throttled: FastAPI) -> None:
    org = await new_account(throttled)
    judged = 0
    for _ in range(ACCOUNT // (ACCOUNT_CLIENT - 1) + 2):
        async with from_address(throttled, an_address()) as c:  # under the per-client limit at each address
            judged += sum([(await sign_in(c, org.email)).status_code == 401 for _ in range(ACCOUNT_CLIENT - 1)])
    assert judged == ACCOUNT
    async with from_address(throttled, an_address()) as owner:
        r = await sign_in(owner, org.email, PASSWORD)
        assert r.status_code == 429 and "reset your password" in r.json()["detail"]
        # The owner's way back in: the mailed reset link signs in and forgets the account's failures.
        assert (await owner.post("/api/v1/auth/password-reset", json={"email": org.email})).status_code == 202
        reset = await owner.post(
            "/api/v1/auth/password-reset/confirm",
            json={"token": link_token(mail_to(org.email)), "password": "a-new-long-password"},
        )
        assert reset.status_code == 200, reset.text
        assert (await sign_in(owner, org.email, "a-new-long-password")).status_code == 200


async def test_a_hundred_parallel_attempts_on_two_processes_get_at_most_the_limit_judged(
    database: TestDatabase, throttled: FastAPI
) -> None:
    org = await new_account(throttled)
    # Small pools: PostgreSQL's connections are shared with the rest of the run; the attempts queue for them.
    env = {"ITAKU_RATE_LIMITS": "{}", "ITAKU_DB_POOL_SIZE": "4", "ITAKU_DB_MAX_OVERFLOW": "4"}
    servers = [start_server(database.url, env) for _ in range(2)]
    try:
        limits = httpx.Limits(max_connections=100)
        # One client the servers have not seen (uvicorn takes the address a local proxy forwards).
        headers = {"X-Forwarded-For": an_address()}
        async with httpx.AsyncClient(limits=limits, timeout=120, headers=headers) as c:
            replies = await asyncio.gather(
                *(
                    c.post(f"{servers[i % 2][1]}/api/v1/auth/token", data={"username": org.email, "password": WRONG})
                    for i in range(100)
                )
            )
    finally:
        for proc, _ in servers:
            proc.terminate()
            proc.wait(10)
    codes = Counter(r.status_code for r in replies)
    assert codes == {401: ACCOUNT_CLIENT, 429: 100 - ACCOUNT_CLIENT}, codes


async def test_parallel_registrations_from_one_client_are_limited(throttled: FastAPI) -> None:
    limit = DEFAULT_RULES["register_client"].attempts
    async with from_address(throttled, an_address()) as c:
        replies = await asyncio.gather(
            *(
                c.post(
                    "/api/v1/auth/register",
                    json={"organization_name": "並列", "name": "x", "email": unique_email(), "password": PASSWORD},
                )
                for _ in range(30)
            )
        )
    codes = Counter(r.status_code for r in replies)
    assert codes[429] == 30 - limit and len(codes) == 2, codes
    assert all(int(r.headers["Retry-After"]) > 0 for r in replies if r.status_code == 429)


async def test_registration_for_one_address_is_limited_wherever_it_comes_from(throttled: FastAPI) -> None:
    email = unique_email()
    limit = DEFAULT_RULES["register_email"].attempts
    codes = []
    for _ in range(limit + 1):
        async with from_address(throttled, an_address()) as c:
            body = {"organization_name": "x", "name": "x", "email": email, "password": PASSWORD}
            codes.append((await c.post("/api/v1/auth/register", json=body)).status_code)
    assert codes[-1] == 429


async def test_parallel_portal_link_requests_from_one_client_are_limited(throttled: FastAPI) -> None:
    limit = DEFAULT_RULES["link_request_client"].attempts
    async with from_address(throttled, an_address()) as c:
        replies = await asyncio.gather(
            *(
                c.post("/api/v1/portal/link-requests", json={"email": unique_email(), "purpose": "portal"})
                for _ in range(60)
            )
        )
    assert Counter(r.status_code for r in replies) == {202: limit, 429: 60 - limit}


async def test_portal_link_requests_for_one_address_are_limited(throttled: FastAPI) -> None:
    email = unique_email()
    limit = DEFAULT_RULES["link_request_email"].attempts
    codes = []
    for _ in range(limit + 1):
        async with from_address(throttled, an_address()) as c:
            r = await c.post("/api/v1/portal/link-requests", json={"email": email, "purpose": "portal"})
            codes.append(r.status_code)
    assert codes == [202] * limit + [429]


async def test_invitation_tokens_cannot_be_tried_without_end(throttled: FastAPI) -> None:
    limit = DEFAULT_RULES["token_client"].attempts
    org = await new_account(throttled)
    async with from_address(throttled, an_address()) as c:
        member = await invite(c, org)
        codes = [
            (await c.post("/api/v1/auth/accept-invitation", json={"token": "x" * 43, "password": PASSWORD})).status_code
            for _ in range(limit)
        ]
        token = member["invitation_url"].split("token=")[1]
        real = await c.post("/api/v1/auth/accept-invitation", json={"token": token, "password": PASSWORD})
    assert codes == [400] * limit
    assert real.status_code == 429


@pytest.fixture
def address() -> Iterator[Any]:
    def use(value: str | None) -> str:
        token = client_ip_var.set(value)
        try:
            return client_subject()
        finally:
            client_ip_var.reset(token)

    yield use


def test_an_ipv6_client_is_counted_by_its_64_network(address: Any) -> None:
    assert address("2001:db8:1:2:aaaa::1") == address("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert address("2001:db8:1:3::1") != address("2001:db8:1:2::1")
    assert address("192.0.2.7") == "192.0.2.7"


async def test_an_unknown_email_costs_the_same_time_as_a_wrong_password(database: TestDatabase) -> None:
    """Medians of alternating attempts with a real argon2id cost; before, an unknown email skipped the hash."""
    app = create_app(test_settings(database.url))
    app.state.passwords = Passwords()  # the production cost, not the tests' cheap profile
    try:
        async with from_address(app, an_address()) as c:
            org = await register(c)
            known: list[float] = []
            unknown: list[float] = []
            for _ in range(9):
                for email, times in ((org.email, known), (unique_email(), unknown)):
                    started = time.perf_counter()
                    assert (await sign_in(c, email)).status_code == 401
                    times.append(time.perf_counter() - started)
    finally:
        await app.state.db.dispose()
    a, b = statistics.median(known), statistics.median(unknown)
    assert abs(a - b) <= 0.3 * max(a, b), (known, unknown)


async def test_a_missing_code_is_no_failure_but_a_wrong_one_is(throttled: FastAPI) -> None:
    from tests.test_two_factor import code, turn_on

    org = await new_account(throttled)
    async with from_address(throttled, an_address()) as c:
        secret, _ = await turn_on(c, org.headers)
        asked = [await sign_in(c, org.email, PASSWORD) for _ in range(ACCOUNT_CLIENT * 2)]
        assert {r.json()["error"] for r in asked} == {"two_factor_required"}
        wrong = "000000" if code(secret) != "000000" else "111111"
        data = {"username": org.email, "password": PASSWORD, "otp": wrong}
        codes = [(await c.post("/api/v1/auth/token", data=data)).status_code for _ in range(ACCOUNT_CLIENT + 1)]
    assert codes == [401] * ACCOUNT_CLIENT + [429]
