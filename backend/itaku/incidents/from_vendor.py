"""What the vendor's contact reports through the portal: a first report at "suspected" and the updates after it; staff
are told by mail."""

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.audit import service as audit
from itaku.contracts import service as contract_service
from itaku.core.config import Settings
from itaku.core.errors import field_problem
from itaku.core.mail import Mail, Mailer
from itaku.core.models import utcnow
from itaku.identity.principals import PortalContact
from itaku.incidents.errors import InvalidIncident
from itaku.incidents.models import Incident, ReportedVia
from itaku.incidents.obligations import S, recompute
from itaku.incidents.service import contract_of, created, found_incident, organization_of, record_event
from itaku.jobs import service as job_service
from itaku.jobs.models import MailKind
from itaku.users import service as user_service
from itaku.vendors import service as vendor_service


async def report_from_portal(
    session: AsyncSession, contact: PortalContact, body: Any, *, settings: Settings, mailer: Mailer
) -> Incident:
    """A vendor reports an incident: it is suspected from this moment, and this report is the vendor's notice to us
    (so we know now, and the vendor's own duty is discharged by it — REGULATION.md §1.5)."""
    vendor = await vendor_service.get_vendor(session, contact, contact.vendor_id)
    now = utcnow()
    incident = Incident(
        organization_id=contact.organization_id,
        vendor_id=vendor.id,
        contract_id=await contract_service.only_active_contract(session, contact.organization_id, vendor.id),
        title=body.title,
        status=S.suspected.value,
        occurred_at=body.occurred_at,
        vendor_discovered_at=body.discovered_at,
        vendor_notified_at=now,
        aware_at=now,
        discovered_by=f"{vendor.name}（{contact.name}）",
        description=body.description,
        data_categories=[c.value for c in body.data_categories],
        data_items=body.data_items,
        affected_persons_estimate=body.affected_persons_estimate,
        affected_persons_max=body.affected_persons_max,
        cause=body.cause,
        wrongful_intent_possible=body.wrongful_intent_possible,
        strongly_encrypted=body.strongly_encrypted,
        containment=body.containment,
        measures_planned=body.next_steps,
        vendor_contact_point=body.contact_point,
        processing_ids=[],
        reported_via=ReportedVia.portal.value,
        reporter_contact_id=contact.contact_id,
    )
    await created(session, contact, incident, vendor.name, given_contract=False, names=PORTAL_TIMES)
    await _tell_staff(session, incident, vendor, contact, settings=settings, mailer=mailer)
    return incident


async def _tell_staff(
    session: AsyncSession,
    incident: Incident,
    vendor: Any,
    contact: PortalContact,
    *,
    settings: Settings,
    mailer: Mailer,
) -> None:
    recipients = await user_service.notification_recipients(session, incident.organization_id, vendor.owner_user_id)
    link = f"{settings.base_url}/incidents/{incident.id}"
    for to in recipients:
        mail = Mail(
            to=to,
            subject=f"[Itaku] 委託先からインシデント報告: {vendor.name} / Incident reported by {vendor.name}",
            body=(
                f"{vendor.name} の {contact.name} 様から、インシデントの報告がありました（漏えい等のおそれ）。\n"
                f"件名: {incident.title}\n報告期限の計算は報告を受けた時点から始まっています。\n{link}\n\n"
                f"{contact.name} of {vendor.name} reported an incident (a suspected breach).\n"
                f"Title: {incident.title}\nThe reporting clocks run from the moment the report arrived.\n{link}\n"
            ),
        )

        await job_service.queue_mail(
            session, mailer, mail, kind=MailKind.incident_reported, organization_id=incident.organization_id
        )


# The portal's names for the times it gives (request field → column).
PORTAL_TIMES = {"vendor_discovered_at": "discovered_at", "vendor_notified_at": "notified_at"}

# What a vendor's update may restate (request field → column); omitted or null leaves the fact as it was.
PORTAL_UPDATES = {
    "affected_persons_estimate": "affected_persons_estimate",
    "affected_persons_max": "affected_persons_max",
    "data_items": "data_items",
    "cause": "cause",
    "containment": "containment",
    "next_steps": "measures_planned",
    "wrongful_intent_possible": "wrongful_intent_possible",
    "contact_point": "vendor_contact_point",
}


async def update_from_portal(session: AsyncSession, contact: PortalContact, incident_id: uuid.UUID, body: Any) -> None:
    """The vendor's follow-up: a message for the timeline and the facts it now knows."""
    incident, _ = await found_incident(session, contact, incident_id, lock=True)
    before = audit.snapshot(incident, tuple(PORTAL_UPDATES.values()))
    for given, column in PORTAL_UPDATES.items():
        if given in body.model_fields_set and getattr(body, given) is not None:
            setattr(incident, column, getattr(body, given))
    est, most = incident.affected_persons_estimate, incident.affected_persons_max
    if est is not None and most is not None and most < est:
        raise InvalidIncident([field_problem("affected_persons_max", msg="affected_persons_max is below the estimate")])
    org = await organization_of(session, contact.organization_id)
    hours = (await contract_of(session, org.id, incident))[1]
    await recompute(session, incident, org, hours)
    after = audit.snapshot(incident, tuple(PORTAL_UPDATES.values()))
    changed = audit.diff(before, after)
    await record_event(
        session,
        contact,
        incident,
        "vendor_update",
        message=body.message,
        changes=changed if changed.get("after") else None,
    )
    await audit.record(
        session,
        contact,
        entity_type="incident",
        entity_id=incident.id,
        action="vendor_update",
        before=before,
        after={**after, "message": body.message},
        scope_id=incident.vendor_id,
    )
