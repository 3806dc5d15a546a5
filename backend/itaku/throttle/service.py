"""Throttling of what anyone can try without being signed in: sign-in, registration, portal link requests,
invitation acceptance and password reset.

Each attempt is counted before it is judged, in its own short transaction committed at once (`claim`), with one
atomic statement per counter, so that a hundred parallel attempts in any number of processes get at most the
limit judged. Fixed windows: a counter starts again once its window has passed. What turns out not to be a failure
(a sign-in with the right password) is taken back in the request's own transaction (`settle`).
"""

import hashlib
import ipaddress
import math
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.core.config import Settings
from itaku.core.context import client_ip_var
from itaku.core.db import Database
from itaku.core.errors import TooManyRequests
from itaku.core.models import utcnow
from itaku.throttle import repository

RuleName = Literal[
    "sign_in_account_client",
    "sign_in_client",
    "sign_in_account",
    "register_client",
    "register_email",
    "link_request_client",
    "link_request_email",
    "token_client",
    "password_reset_client",
    "password_reset_email",
]


@dataclass(frozen=True)
class Rule:
    attempts: int
    seconds: int
    refusal: str  # what a refused attempt is told; {wait} is the seconds until the window ends


SIGN_IN = "Too many failed sign-ins; try again in {wait} seconds, or reset your password by email."
# Overridable per deployment with ITAKU_RATE_LIMITS (rule → [attempts, seconds]).
DEFAULT_RULES: dict[RuleName, Rule] = {
    # Failed sign-ins of one account from one client: guessing from one place. A stranger elsewhere is not locked.
    "sign_in_account_client": Rule(5, 15 * 60, SIGN_IN),
    # Failed sign-ins from one client whatever the account: one password tried against many accounts.
    "sign_in_client": Rule(20, 15 * 60, SIGN_IN),
    # Failed sign-ins of one account from everywhere: guessing spread over many addresses. The owner still gets in
    # with a password-reset link, which also clears this counter.
    "sign_in_account": Rule(50, 60 * 60, SIGN_IN),
    "register_client": Rule(10, 60 * 60, "Too many registrations from here; try again in {wait} seconds."),
    "register_email": Rule(3, 60 * 60, "Too many registrations for this address; try again in {wait} seconds."),
    "link_request_client": Rule(20, 15 * 60, "Too many link requests; try again in {wait} seconds."),
    "link_request_email": Rule(5, 15 * 60, "Too many link requests; try again in {wait} seconds."),
    # Mailed links redeemed from one client (invitations, registrations, password resets): tokens are not guessable,
    # and an invitation accepted with an existing account's password is a password attempt.
    "token_client": Rule(20, 15 * 60, "Too many attempts with links; try again in {wait} seconds."),
    "password_reset_client": Rule(10, 15 * 60, "Too many password-reset requests; try again in {wait} seconds."),
    "password_reset_email": Rule(3, 15 * 60, "Too many password-reset requests; try again in {wait} seconds."),
}


def rules(settings: Settings) -> dict[str, Rule]:
    return {
        name: replace(rule, attempts=settings.rate_limits[name][0], seconds=settings.rate_limits[name][1])
        if name in settings.rate_limits
        else rule
        for name, rule in DEFAULT_RULES.items()
    }


def client_subject() -> str:
    """The client's address; IPv6 by its /64 network, which one subscriber can fill with addresses at will."""
    raw = client_ip_var.get() or "unknown"
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def _key(rule: str, subject: str) -> str:
    return f"{rule}:{hashlib.sha256(subject.lower().encode()).hexdigest()[:64]}"


@dataclass
class Claim:
    """The counters one attempt was counted in, to take back what turns out not to be a failure."""

    keys: dict[str, str] = field(default_factory=dict)  # rule → key

    async def settle(
        self, session: AsyncSession, *, forget: tuple[str, ...] = (), uncount: tuple[str, ...] = ()
    ) -> None:
        """In the request's transaction: clear the named counters, or take this attempt back from them."""
        for rule in forget:
            if rule in self.keys:
                await repository.forget(session, self.keys[rule])
        for rule in uncount:
            if rule in self.keys:
                await repository.uncount(session, self.keys[rule])


async def claim(database: Database, settings: Settings, *counters: tuple[RuleName, str]) -> Claim:
    """Count this attempt on each (rule, subject) in order, in a transaction of its own committed before the
    request's work begins. The first counter over its limit refuses with 429 and Retry-After; the counters after it
    are left alone (attempts a client cannot make do not count against an account everywhere)."""
    limits = rules(settings)
    done = Claim()
    now = utcnow()
    refused: TooManyRequests | None = None
    async with database.unit_of_work(write=True) as session:
        for rule, subject in counters:
            limit = limits[rule]
            key = _key(rule, subject)
            count, started = await repository.count_attempt(
                session, key, now=now, window_start=now - timedelta(seconds=limit.seconds)
            )
            done.keys[rule] = key
            if count > limit.attempts:
                wait = max(1, math.ceil((started + timedelta(seconds=limit.seconds) - now).total_seconds()))
                refused = TooManyRequests(limit.refusal.format(wait=wait), headers={"Retry-After": str(wait)})
                break
    if refused:
        raise refused
    return done


async def forget(session: AsyncSession, rule: RuleName, subject: str) -> None:
    """Clear a counter in the request's transaction (a password reset clears the account's failed sign-ins)."""
    await repository.forget(session, _key(rule, subject))


async def purge(session: AsyncSession) -> int:
    """Counters whose window passed long ago (the daily scheduler run)."""
    return await repository.purge(session, utcnow() - timedelta(days=1))
