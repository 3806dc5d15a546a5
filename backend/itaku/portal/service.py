"""The portal's identity: single-use links for a vendor's contacts, their exchange for a portal session, and the
session's contact. Other domains ask here for a link (a questionnaire's, or one into the portal as a whole)."""

import uuid
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.audit import service as audit
from itaku.core.config import Settings
from itaku.core.errors import AppError
from itaku.core.mail import Mail, Mailer
from itaku.core.models import utcnow
from itaku.core.security import new_url_token, sha256_hex
from itaku.identity.principals import Actor, PortalContact, Principal
from itaku.jobs import service as job_service
from itaku.jobs.models import MailKind
from itaku.organizations import service as organization_service
from itaku.portal import repository
from itaku.portal.models import PortalInvitation
from itaku.vendors import records as vendor_records
from itaku.vendors.models import VendorContact


class PortalLinkInvalid(AppError):
    status_code = 401
    code = "portal_link_invalid"
    message = "This link is not valid. Check that it was copied whole, or ask the company that sent it for a new one."


class PortalLinkRefused(AppError):
    """A known link that can no longer be used; the attempt is kept in the audit trail."""

    status_code = 410
    keeps_writes = True


class PortalLinkUsed(PortalLinkRefused):
    code = "portal_link_used"
    message = "This link has already been used; each link opens the portal once. Ask the sender for a new link."


class PortalLinkExpired(PortalLinkRefused):
    code = "portal_link_expired"
    message = "This link has expired. Ask the company that sent it for a new one."


class PortalLinkRevoked(PortalLinkRefused):
    code = "portal_link_revoked"
    message = "This link was withdrawn by the company that sent it. Ask them for a new one."


class PortalSessionEnded(AppError):
    status_code = 401
    code = "portal_session_ended"
    message = "Your portal session has ended. Open a new link from the company to continue; your answers are saved."


# A contact asking for a new link gets at most one per questionnaire (or for the portal) in this time.
LINK_REQUEST_INTERVAL = timedelta(minutes=15)
# A link into the portal that is not tied to a questionnaire (to report an incident) lasts this long.
PORTAL_LINK_HOURS = 24


def link_state(link: PortalInvitation, now: datetime) -> str:
    if link.revoked_at is not None:
        return "revoked"
    if link.used_at is not None:
        return "used"
    if link.expires_at <= now:
        return "expired"
    return "open"


async def issue_link(
    session: AsyncSession,
    contact: VendorContact,
    *,
    assessment_id: uuid.UUID | None,
    valid_for: timedelta,
    created_by: str,
) -> tuple[PortalInvitation, str]:
    """A new single-use link for `contact`, for one questionnaire (earlier unopened links to it stop working) or,
    without one, into the portal as a whole. Returns it with its URL path."""
    now = utcnow()
    if assessment_id is not None:
        await repository.revoke_unopened(session, assessment_id, now)
    token = new_url_token()
    link = PortalInvitation(
        organization_id=contact.organization_id,
        vendor_id=contact.vendor_id,
        contact_id=contact.id,
        assessment_id=assessment_id,
        token_hash=sha256_hex(token),
        expires_at=now + valid_for,
        emailed_to=contact.email or None,
        created_by_label=created_by,
        created_at=now,
    )
    await repository.add(session, link)
    # The token travels in the fragment, so it never reaches server logs or a Referer header.
    return link, f"/portal/open#token={token}"


async def revoke_unopened(session: AsyncSession, assessment_id: uuid.UUID) -> None:
    await repository.revoke_unopened(session, assessment_id, utcnow())


async def links_of_assessment(session: AsyncSession, assessment_id: uuid.UUID) -> list[tuple[PortalInvitation, str]]:
    """(link, contact's name) of every link issued for an assessment the caller has already found."""
    return await repository.of_assessment(session, assessment_id)


async def link_of_assessment(
    session: AsyncSession, organization_id: uuid.UUID, assessment_id: uuid.UUID, link_id: uuid.UUID
) -> tuple[PortalInvitation, str] | None:
    return await repository.one_of_assessment(session, organization_id, assessment_id, link_id)


async def newest_link_times(
    session: AsyncSession, pairs: list[tuple[uuid.UUID | None, uuid.UUID]]
) -> dict[tuple[uuid.UUID | None, uuid.UUID], datetime]:
    """When the newest link was issued per (assessment, or None for the portal as a whole; contact)."""
    return await repository.newest_link_times(session, pairs)


def may_issue_again(last_link_at: datetime | None, now: datetime) -> bool:
    """A contact asking for links gets at most one per questionnaire (or for the portal) in LINK_REQUEST_INTERVAL."""
    return last_link_at is None or now - last_link_at >= LINK_REQUEST_INTERVAL


async def _issue_access(
    session: AsyncSession,
    actor: Actor,
    contact: VendorContact,
    *,
    settings: Settings,
    mailer: Mailer,
    created_by: str,
    message: str | None = None,
) -> tuple[PortalInvitation, str, bool]:
    """A link into the portal that is not tied to a questionnaire (to report an incident), valid for a day; mailed
    after commit when the contact has an address. Returns (link, URL, emailed)."""
    link, path = await issue_link(
        session, contact, assessment_id=None, valid_for=timedelta(hours=PORTAL_LINK_HOURS), created_by=created_by
    )
    await audit.record(
        session,
        actor,
        entity_type="portal_invitation",
        entity_id=link.id,
        action="link_requested" if actor.actor_type == "vendor_contact" else "portal_link_issued",
        after={"contact_id": contact.id, "expires_at": link.expires_at, "purpose": "portal"},
        scope_id=contact.vendor_id,
    )
    url = settings.base_url + path
    emailed = bool(contact.email) and mailer.enabled
    if contact.email:
        org = await organization_service.get(session, contact.organization_id)
        note = f"\n{message}\n" if message else ""
        mail = Mail(
            to=contact.email,
            subject=f"[Itaku] {org.name} のポータルへのリンク / Your portal link for {org.name}",
            body=(
                f"{contact.name} 様\n\n{org.name} の委託先ポータルへのリンクです。インシデントの報告などに"
                f"お使いください。リンクは一度だけ使え、{PORTAL_LINK_HOURS} 時間後に無効になります。\n{note}{url}\n\n"
                f"Dear {contact.name},\n\nHere is your link to {org.name}'s vendor portal, to report an incident "
                f"and more. It works once and expires in {PORTAL_LINK_HOURS} hours.\n{note}{url}\n"
            ),
        )

        await job_service.queue_mail(
            session, mailer, mail, kind=MailKind.portal_link, organization_id=contact.organization_id
        )
    return link, url, emailed


async def request_access(session: AsyncSession, email: str, *, settings: Settings, mailer: Mailer) -> int:
    """A contact asks for a way into the portal that is not tied to a questionnaire — to report an incident at any
    hour: a link mailed to the address on record (the answer is the same for any address), at most one per contact
    in LINK_REQUEST_INTERVAL. Returns how many links were issued."""
    if not mailer.enabled:
        return 0
    contacts = await vendor_records.contacts_with_email(session, email)
    newest = await repository.newest_link_times(session, [(None, c.id) for c in contacts])
    now = utcnow()
    issued = 0
    for contact in contacts:
        if not may_issue_again(newest.get((None, contact.id)), now):
            continue
        actor = PortalContact(
            uuid.uuid4(), contact.organization_id, contact.vendor_id, contact.id, contact.name, contact.email, None
        )
        await _issue_access(
            session, actor, contact, settings=settings, mailer=mailer, created_by=f"{contact.name} (self-service)"
        )
        issued += 1
    return issued


async def grant_access(
    session: AsyncSession,
    principal: Principal,
    vendor_id: uuid.UUID,
    contact_id: uuid.UUID,
    *,
    message: str | None,
    settings: Settings,
    mailer: Mailer,
) -> tuple[PortalInvitation, str, bool]:
    """Staff give a vendor contact a link into the portal (to report an incident now, say)."""
    contact = await vendor_records.get_contact(session, principal, vendor_id, contact_id)
    return await _issue_access(
        session, principal, contact, settings=settings, mailer=mailer, created_by=principal.actor_label, message=message
    )


def _contact(link: PortalInvitation, name: str, email: str | None) -> PortalContact:
    return PortalContact(
        link.id, link.organization_id, link.vendor_id, link.contact_id, name, email, link.assessment_id
    )


async def open_link(session: AsyncSession, token: str, *, session_minutes: int) -> tuple[PortalContact, datetime]:
    """Exchange a single-use link for a portal session; returns the contact and when its session ends."""
    link = await repository.by_hash(session, sha256_hex(token))
    if link is None:
        raise PortalLinkInvalid()
    _, name, email = await repository.with_contact(session, link.id)
    contact = _contact(link, name, email)
    now = utcnow()
    refusal: PortalLinkRefused | None = None
    if link.revoked_at is not None:
        refusal = PortalLinkRevoked()
    elif link.used_at is not None:
        refusal = PortalLinkUsed()
    elif link.expires_at <= now:
        refusal = PortalLinkExpired()
    if refusal is not None:
        await audit.record(
            session,
            contact,
            entity_type="portal_invitation",
            entity_id=link.id,
            action="refused",
            after={"reason": refusal.code, "assessment_id": link.assessment_id},
            scope_id=link.vendor_id,
        )
        raise refusal
    link.used_at, link.session_expires_at = now, now + timedelta(minutes=session_minutes)
    await session.flush()
    await audit.record(
        session,
        contact,
        entity_type="portal_invitation",
        entity_id=link.id,
        action="opened",
        after={"assessment_id": link.assessment_id, "session_expires_at": link.session_expires_at},
        scope_id=link.vendor_id,
    )
    return contact, link.session_expires_at


async def session_contact(session: AsyncSession, link_id: uuid.UUID) -> tuple[PortalContact, datetime]:
    """The contact behind a portal session, while the session lasts and its link is not revoked."""
    row = await repository.with_contact(session, link_id)
    if row is None:
        raise PortalSessionEnded()
    link, name, email = row
    if link.revoked_at is not None or link.session_expires_at is None or link.session_expires_at <= utcnow():
        raise PortalSessionEnded()
    return _contact(link, name, email), link.session_expires_at
