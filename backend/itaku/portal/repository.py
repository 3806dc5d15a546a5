"""Every query of the portal's links and sessions. A link's token is its own scope; staff reach links through the
assessment (or vendor) they already found in their organisation."""

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from itaku.portal.models import PortalInvitation
from itaku.vendors.models import VendorContact


async def add(session: AsyncSession, link: PortalInvitation) -> None:
    session.add(link)
    await session.flush()


async def by_hash(session: AsyncSession, token_hash: str) -> PortalInvitation | None:
    stmt = select(PortalInvitation).where(PortalInvitation.token_hash == token_hash).with_for_update()
    return (await session.scalars(stmt)).one_or_none()


async def with_contact(session: AsyncSession, link_id: uuid.UUID) -> Any:
    """(link, contact's name, contact's email) or None."""
    stmt = (
        select(PortalInvitation, VendorContact.name, VendorContact.email)
        .join(VendorContact, VendorContact.id == PortalInvitation.contact_id)
        .where(PortalInvitation.id == link_id)
    )
    return (await session.execute(stmt)).one_or_none()


async def of_assessment(session: AsyncSession, assessment_id: uuid.UUID) -> list[tuple[PortalInvitation, str]]:
    stmt = (
        select(PortalInvitation, VendorContact.name)
        .join(VendorContact, VendorContact.id == PortalInvitation.contact_id)
        .where(PortalInvitation.assessment_id == assessment_id)
        .order_by(PortalInvitation.created_at.desc(), PortalInvitation.id)
    )
    return [(row[0], row[1]) for row in (await session.execute(stmt)).all()]


async def one_of_assessment(
    session: AsyncSession, organization_id: uuid.UUID, assessment_id: uuid.UUID, link_id: uuid.UUID
) -> tuple[PortalInvitation, str] | None:
    stmt = (
        select(PortalInvitation, VendorContact.name)
        .join(VendorContact, VendorContact.id == PortalInvitation.contact_id)
        .where(
            PortalInvitation.organization_id == organization_id,
            PortalInvitation.assessment_id == assessment_id,
            PortalInvitation.id == link_id,
        )
    )
    row = (await session.execute(stmt)).one_or_none()
    return (row[0], row[1]) if row else None


async def revoke_unopened(session: AsyncSession, assessment_id: uuid.UUID, now: datetime) -> None:
    """Links not opened yet stop working; a portal session already open goes on (a reminder must not throw out
    a vendor who is answering — revoking that link explicitly ends it)."""
    await session.execute(
        update(PortalInvitation)
        .where(
            PortalInvitation.assessment_id == assessment_id,
            PortalInvitation.revoked_at.is_(None),
            PortalInvitation.used_at.is_(None),
        )
        .values(revoked_at=now)
    )


async def newest_link_times(
    session: AsyncSession, pairs: Iterable[tuple[uuid.UUID | None, uuid.UUID]]
) -> dict[tuple[uuid.UUID | None, uuid.UUID], datetime]:
    """When the newest link was issued for each (assessment or None for the portal as a whole, contact)."""
    wanted = set(pairs)
    if not wanted:
        return {}
    stmt = (
        select(PortalInvitation.assessment_id, PortalInvitation.contact_id, func.max(PortalInvitation.created_at))
        .where(PortalInvitation.contact_id.in_({contact for _, contact in wanted}))
        .group_by(PortalInvitation.assessment_id, PortalInvitation.contact_id)
    )
    found = {(row[0], row[1]): row[2] for row in (await session.execute(stmt)).all()}
    return {pair: at for pair, at in found.items() if pair in wanted}
