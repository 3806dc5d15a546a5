"""Vendor incidents: the facts as they become known, the timeline, reading and changing an incident, and the facts
its documents are drafted from. The topics around it are sibling modules: obligations (the engine applied),
deadlines (across incidents), from_vendor (what the vendor reports through the portal) and reach (the supply chain)."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.audit import service as audit
from itaku.contracts import service as contract_service
from itaku.core.clock import today_in
from itaku.core.errors import ensure_version, field_problem
from itaku.core.models import utcnow
from itaku.core.pagination import Paged, PageParams
from itaku.core.text import Text
from itaku.core.views import RowView
from itaku.identity.principals import Caller, PortalContact, Principal, ensure_admin
from itaku.incidents import documents, exposure, repository
from itaku.incidents.errors import (
    IncidentNotFound,
    InvalidIncident,
    InvalidStatusTransition,
    ObligationNotFound,
    ObligationsOpen,
)
from itaku.incidents.models import Incident, IncidentEvent, IncidentObligation, IncidentStatus, ReportedVia
from itaku.incidents.obligations import (
    Judgement,
    ObligationView,
    S,
    effective_aware_at,
    judge,
    obligation_view,
    recompute,
)
from itaku.incidents.policy import damages_policy, policy_values
from itaku.incidents.schemas import (
    IncidentCreate,
    IncidentPolicyUpdate,
    IncidentUpdate,
    ObligationUpdate,
)
from itaku.organizations import service as organization_service
from itaku.regulation import rules
from itaku.vendors import records as vendor_records
from itaku.vendors import service as vendor_service

ALLOWED: dict[IncidentStatus, tuple[IncidentStatus, ...]] = {
    S.suspected: (S.confirmed, S.not_a_breach, S.contained),
    S.confirmed: (S.contained, S.not_a_breach),
    S.contained: (S.closed, S.confirmed),
    S.not_a_breach: (S.closed, S.suspected),
    S.closed: (S.confirmed,),
}
OPEN = (S.suspected, S.confirmed, S.contained)
# Times may be a little ahead of the server's clock (another device); more than this is a typo.
CLOCK_SKEW = timedelta(minutes=10)
FACT_FIELDS = (
    "occurred_at",
    "vendor_discovered_at",
    "vendor_notified_at",
    "discovered_by",
    "data_categories",
    "data_items",
    "affected_persons_estimate",
    "affected_persons_max",
    "financial_damage_possible",
    "wrongful_intent_possible",
    "data_being_acquired",
    "strongly_encrypted",
    "my_number_system",
    "wrongful_use",
    "publicly_viewable",
    "gdpr_risk",
    "description",
    "cause",
    "containment",
    "secondary_harm",
    "secondary_harm_occurred",
    "individual_response",
    "publication_status",
    "measures_done",
    "measures_planned",
    "other",
    "contact_point",
)
# Columns that hold a value always: a null sent for them means "unchanged".
NOT_NULL = frozenset(
    {
        "data_categories",
        "wrongful_intent_possible",
        "data_being_acquired",
        "strongly_encrypted",
        "my_number_system",
        "wrongful_use",
        "publicly_viewable",
        "gdpr_risk",
        "secondary_harm_occurred",
        "title",
        "status",
        "aware_at",
        "processing_ids",
    }
)
AUDITED = ("title", "status", "aware_at", "contract_id", "processing_ids", *FACT_FIELDS)


@dataclass
class IncidentView(RowView):
    row_field = "incident"
    incident: Incident
    vendor_name: str
    contract_title: str | None
    contract_hours: int | None
    judgements: list[Judgement]
    obligations: list[ObligationView]
    today: date
    now: datetime
    time_zone: str
    exposure: exposure.Exposure

    @property
    def reportable(self) -> bool:
        return any(j.evaluation and j.evaluation.reportable for j in self.judgements)

    @property
    def triggers(self) -> list[rules.Trigger]:
        seen: dict[rules.Trigger, None] = {}
        for j in self.judgements:
            for t in j.evaluation.triggers if j.evaluation else ():
                seen[t] = None
        return list(seen)

    @property
    def open_obligations(self) -> list[ObligationView]:
        """Ours still to do (the vendor's notice to us is shown, but it is the vendor's duty)."""
        return [o for o in self.obligations if o.row.party == "principal" and o.status in ("pending", "overdue")]

    @property
    def next_deadline(self) -> ObligationView | None:
        timed = [o for o in self.open_obligations if o.row.due_at is not None]
        return min(timed, key=lambda o: o.row.due_at or self.now) if timed else None

    # What the read schemas (IncidentSummary, IncidentRead) take besides the incident's own columns.
    @property
    def overdue(self) -> int:
        return sum(1 for o in self.open_obligations if o.status == "overdue")

    @property
    def effective_aware_at(self) -> datetime:
        return effective_aware_at(self.incident)

    @property
    def evaluations(self) -> list[Judgement]:
        return self.judgements

    @property
    def allowed_statuses(self) -> list[IncidentStatus]:
        return allowed_statuses(self.incident)

    @property
    def processing_ids(self) -> list[uuid.UUID]:
        return [uuid.UUID(p) for p in self.incident.processing_ids or []]

    @property
    def data_categories(self) -> list[str]:
        return self.incident.data_categories or []

    @property
    def vendor_notice(self) -> "VendorNotice | None":
        """Whether the vendor told us in time: against the contract's hours from when it learned of the incident, or
        else against its duty under the law (REGULATION.md §1.5). None when there is nothing to judge."""
        i = self.incident
        row = next((o.row for o in self.obligations if o.row.party == "vendor"), None)
        hours, discovered, notified = self.contract_hours, i.vendor_discovered_at, i.vendor_notified_at
        due_at: datetime | None
        if discovered and hours:
            due_at = discovered + timedelta(hours=hours)
        else:
            due_at = row.due_at if row and row.required else None
        if due_at is None and hours is None and notified is None:
            return None
        taken = round((notified - discovered).total_seconds() / 3600, 1) if notified and discovered else None
        met: bool | None
        if notified and due_at:
            met = notified <= due_at
        elif due_at and self.now > due_at:
            met = False
        else:
            met = None
        return VendorNotice(hours, discovered, due_at, notified, taken, met)


@dataclass(frozen=True)
class VendorNotice:
    contract_hours: int | None
    discovered_at: datetime | None
    due_at: datetime | None
    notified_at: datetime | None
    hours_taken: float | None
    met: bool | None


def _dated(o: ObligationView, today: date) -> ObligationView:
    o.days_left = (o.row.due_date - today).days if o.row.due_date else None
    return o


async def update_policy(session: AsyncSession, principal: Principal, body: IncidentPolicyUpdate) -> Any:
    admin = ensure_admin(principal)
    value = body.policy.model_dump(mode="json") if body.policy else None
    org = await organization_service.update_policy(session, admin, "incident_policy", body.version, value)
    # Deadlines already computed follow the new days: every open incident is recomputed.
    rows = await repository.all_incidents(session, org.id, statuses=[s.value for s in OPEN])
    contracts = await contract_service.contract_references(
        session, org.id, [(i.contract_id, i.vendor_id) for i, _ in rows if i.contract_id is not None]
    )
    for incident, _ in rows:
        _, hours = contracts.get(incident.contract_id, (None, None)) if incident.contract_id else (None, None)
        await recompute(session, incident, org, hours)
    return org


async def organization_of(session: AsyncSession, organization_id: uuid.UUID) -> Any:
    return await organization_service.get(session, organization_id)


async def contract_of(
    session: AsyncSession, organization_id: uuid.UUID, incident: Incident
) -> tuple[str | None, int | None]:
    if incident.contract_id is None:
        return None, None
    found = await contract_service.contract_reference(
        session, organization_id, incident.contract_id, incident.vendor_id
    )
    return found if found else (None, None)


async def _view(session: AsyncSession, org: Any, incident: Incident, vendor_name: str) -> IncidentView:
    return (await _views(session, org, [(incident, vendor_name)]))[0]


async def _views(session: AsyncSession, org: Any, rows: list[tuple[Incident, str]]) -> list[IncidentView]:
    """Views of many incidents in three queries whatever their number."""
    contracts = await contract_service.contract_references(
        session, org.id, [(i.contract_id, i.vendor_id) for i, _ in rows if i.contract_id is not None]
    )
    obligations: dict[uuid.UUID, list[IncidentObligation]] = {i.id: [] for i, _ in rows}
    for ob in await repository.obligations(session, list(obligations)):
        obligations[ob.incident_id].append(ob)
    now = utcnow()
    today = today_in(org.time_zone)
    damages = damages_policy(policy_values(org.incident_policy))
    views = []
    for incident, vendor_name in rows:
        title, hours = contracts.get(incident.contract_id, (None, None)) if incident.contract_id else (None, None)
        own = sorted(
            obligations[incident.id],
            key=lambda o: (o.party != "vendor", o.due_at is None, o.due_at or incident.aware_at),
        )
        views.append(
            IncidentView(
                incident=incident,
                vendor_name=vendor_name,
                contract_title=title,
                contract_hours=hours,
                judgements=judge(incident, org, hours),
                obligations=[_dated(obligation_view(r, incident, now), today) for r in own],
                today=today,
                now=now,
                time_zone=org.time_zone,
                exposure=exposure.estimate(
                    incident.data_categories or [],
                    incident.affected_persons_estimate,
                    incident.affected_persons_max,
                    incident.secondary_harm_occurred,
                    damages,
                ),
            )
        )
    return views


async def found_incident(
    session: AsyncSession, actor: Caller, incident_id: uuid.UUID, *, lock: bool = False
) -> tuple[Incident, str]:
    vendor_id = actor.vendor_id if isinstance(actor, PortalContact) else None
    row = await repository.incident(session, actor.organization_id, incident_id, vendor_id=vendor_id, lock=lock)
    if row is None or (vendor_id is not None and row[0].reported_via != ReportedVia.portal.value):
        raise IncidentNotFound()
    return row


async def get_incident(session: AsyncSession, actor: Caller, incident_id: uuid.UUID) -> IncidentView:
    incident, vendor_name = await found_incident(session, actor, incident_id)
    return await _view(session, await organization_of(session, actor.organization_id), incident, vendor_name)


async def list_incidents(
    session: AsyncSession, actor: Caller, params: PageParams, sort: str, **filters: Any
) -> Paged[IncidentView]:
    if isinstance(actor, PortalContact):
        # A vendor sees the incidents its people reported, never what we recorded about it on our own.
        filters |= {"vendor_id": actor.vendor_id, "reported_via": ReportedVia.portal.value}
    paged = await repository.list_incidents(session, actor.organization_id, params, sort, **filters)
    return paged.with_rows(await _views(session, await organization_of(session, actor.organization_id), paged.rows))


async def portal_incidents(session: AsyncSession, contact: PortalContact) -> list[Incident]:
    """Every incident the contact's company reported through the portal, newest first."""
    rows = await repository.all_incidents(
        session, contact.organization_id, vendor_id=contact.vendor_id, reported_via=ReportedVia.portal.value
    )
    return [incident for incident, _ in reversed(rows)]


async def list_events(session: AsyncSession, actor: Caller, incident_id: uuid.UUID) -> list[IncidentEvent]:
    incident, _ = await found_incident(session, actor, incident_id)
    return await repository.events(session, [incident.id])


async def list_vendor_updates(
    session: AsyncSession, contact: PortalContact, incident_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[IncidentEvent]]:
    """What the vendor's people reported on each of these incidents (already the contact's own), oldest first."""
    found: dict[uuid.UUID, list[IncidentEvent]] = {i: [] for i in incident_ids}
    for e in await repository.events(session, incident_ids, actor_type=contact.actor_type):
        found[e.incident_id].append(e)
    return found


async def record_event(
    session: AsyncSession,
    actor: Caller,
    incident: Incident,
    kind: str,
    *,
    message: str | None = None,
    changes: dict[str, Any] | None = None,
) -> None:
    session.add(
        IncidentEvent(
            organization_id=incident.organization_id,
            incident_id=incident.id,
            at=utcnow(),
            kind=kind,
            actor_type=actor.actor_type,
            actor_name=actor.actor_label,
            message=message,
            changes=audit.to_json_value(changes) if changes else None,
        )
    )
    await session.flush()


def _check_times(incident: Incident, now: datetime, names: dict[str, str] | None = None) -> None:
    """Times in the future are refused first (a time before another is then beside the point); `names` gives the
    caller's field names where they differ from the columns (the portal's report)."""
    named = names or {}
    order = [
        ("occurred_at", incident.occurred_at),
        ("vendor_discovered_at", incident.vendor_discovered_at),
        ("vendor_notified_at", incident.vendor_notified_at),
    ]
    future = [
        field_problem(named.get(name, name), msg=f"{named.get(name, name)} is in the future")
        for name, at in [*order, ("aware_at", incident.aware_at)]
        if at is not None and at > now + CLOCK_SKEW
    ]
    if future:
        raise InvalidIncident(future)
    problems = []
    known = [(named.get(name, name), at) for name, at in order if at is not None]
    for (first, a), (second, b) in pairwise(known):
        if b < a:
            problems.append(field_problem(second, msg=f"{second} is before {first}"))
    if incident.occurred_at and incident.aware_at < incident.occurred_at:
        problems.append(field_problem("aware_at", msg="aware_at is before occurred_at"))
    if problems:
        raise InvalidIncident(problems)


async def _check_references(
    session: AsyncSession, principal: Principal, incident: Incident, given_contract: bool
) -> int | None:
    """Processing and contract must be the vendor's own; returns the contract's notice hours."""
    own = {
        p.id
        for p in await vendor_records.list_children(session, principal, vendor_records.PROCESSING, incident.vendor_id)
    }
    if any(uuid.UUID(i) not in own for i in incident.processing_ids or []):
        raise InvalidIncident([field_problem("processing_ids", msg="not processing of this vendor")])
    if incident.contract_id is None:
        return None
    found = await contract_service.contract_reference(
        session, principal.organization_id, incident.contract_id, incident.vendor_id
    )
    if found is None:
        if given_contract:
            raise InvalidIncident([field_problem("contract_id", msg="not a contract with this vendor")])
        incident.contract_id = None
        return None
    return found[1]


def _apply(incident: Incident, body: Any, names: Iterable[str]) -> None:
    for name in names:
        if name not in body.model_fields_set:
            continue
        value = getattr(body, name)
        if value is None and name in NOT_NULL:
            continue
        if name == "data_categories":
            value = [c.value for c in value]
        elif name == "processing_ids":
            value = [str(i) for i in value]
        setattr(incident, name, getattr(value, "value", value))


async def create_incident(session: AsyncSession, principal: Principal, body: IncidentCreate) -> IncidentView:
    vendor = await vendor_service.get_vendor(session, principal, body.vendor_id)
    if body.source_incident_id is not None:
        await found_incident(session, principal, body.source_incident_id)
    contract_id = body.contract_id or await contract_service.only_active_contract(
        session, principal.organization_id, vendor.id
    )
    incident = Incident(
        organization_id=principal.organization_id,
        vendor_id=vendor.id,
        contract_id=contract_id,
        source_incident_id=body.source_incident_id,
        title=body.title,
        status=body.status.value,
        aware_at=body.aware_at,
        processing_ids=[str(i) for i in body.processing_ids],
        data_categories=[],
        reported_via=ReportedVia.staff.value,
    )
    _apply(incident, body, FACT_FIELDS)
    return await created(session, principal, incident, vendor.name, given_contract=body.contract_id is not None)


async def created(
    session: AsyncSession,
    actor: Caller,
    incident: Incident,
    vendor_name: str,
    *,
    given_contract: bool,
    names: dict[str, str] | None = None,
) -> IncidentView:
    now = utcnow()
    _check_times(incident, now, names)
    org = await organization_of(session, actor.organization_id)
    if isinstance(actor, PortalContact):
        hours = (await contract_of(session, org.id, incident))[1]
    else:
        hours = await _check_references(session, actor, incident, given_contract)
    await repository.add(session, incident)
    await recompute(session, incident, org, hours)
    await record_event(session, actor, incident, "created", message=incident.title)
    await audit.record(
        session,
        actor,
        entity_type="incident",
        entity_id=incident.id,
        action="created",
        after=audit.snapshot(incident, AUDITED),
        scope_id=incident.vendor_id,
    )
    return await _view(session, org, incident, vendor_name)


async def update_incident(
    session: AsyncSession, principal: Principal, incident_id: uuid.UUID, body: IncidentUpdate
) -> IncidentView:
    incident, vendor_name = await found_incident(session, principal, incident_id, lock=True)
    ensure_version(incident, body.version)
    before = audit.snapshot(incident, AUDITED)
    old_status = IncidentStatus(incident.status)
    _apply(incident, body, ("title", "aware_at", "contract_id", "processing_ids", *FACT_FIELDS))
    new_status = body.status or old_status
    if new_status != old_status and new_status not in ALLOWED[old_status]:
        raise InvalidStatusTransition(
            {"from": old_status.value, "to": new_status.value, "allowed": [s.value for s in ALLOWED[old_status]]}
        )
    incident.status = new_status.value
    _check_times(incident, utcnow())
    hours = await _check_references(session, principal, incident, "contract_id" in body.model_fields_set)
    org = await organization_of(session, principal.organization_id)
    rows = await recompute(session, incident, org, hours)
    if new_status == S.closed and new_status != old_status:
        now = utcnow()
        if any(
            r.party == "principal" and obligation_view(r, incident, now).status in ("pending", "overdue") for r in rows
        ):
            raise ObligationsOpen()
        incident.closed_at = now
    elif new_status != S.closed:
        incident.closed_at = None
    incident.updated_at = utcnow()
    await session.flush()
    after = audit.snapshot(incident, AUDITED)
    changed = audit.diff(before, after)
    if changed.get("after"):
        if new_status != old_status:
            await record_event(session, principal, incident, "status_changed", changes=changed)
        else:
            await record_event(session, principal, incident, "updated", changes=changed)
        await audit.record(
            session,
            principal,
            entity_type="incident",
            entity_id=incident.id,
            action="updated",
            before=before,
            after=after,
            scope_id=incident.vendor_id,
        )
    return await _view(session, org, incident, vendor_name)


async def add_note(session: AsyncSession, actor: Caller, incident_id: uuid.UUID, message: str) -> IncidentEvent:
    incident, _ = await found_incident(session, actor, incident_id)
    kind = "vendor_update" if isinstance(actor, PortalContact) else "note"
    await record_event(session, actor, incident, kind, message=message)
    await session.flush()
    events = await repository.events(session, [incident.id])
    return events[-1]


async def update_obligation(
    session: AsyncSession,
    principal: Principal,
    incident_id: uuid.UUID,
    obligation_id: uuid.UUID,
    body: ObligationUpdate,
) -> IncidentView:
    incident, vendor_name = await found_incident(session, principal, incident_id, lock=True)
    row = await repository.obligation(session, principal.organization_id, incident.id, obligation_id)
    if row is None:
        raise ObligationNotFound()
    ensure_version(row, body.version)
    if row.party == "vendor":
        raise InvalidIncident(
            [field_problem("done_at", msg="the vendor's notice is done by vendor_notified_at on the incident")]
        )
    if body.done_at is not None and body.done_at > utcnow() + CLOCK_SKEW:
        raise InvalidIncident([field_problem("done_at", msg="done_at is in the future")])
    fields = ("done_at", "reference", "note", "waived_reason")
    before = audit.snapshot(row, fields)
    for name in fields:
        if name in body.model_fields_set:
            setattr(row, name, getattr(body, name))
    row.updated_at = utcnow()
    await session.flush()
    after = audit.snapshot(row, fields)
    await record_event(
        session, principal, incident, "obligation_updated", message=row.kind, changes=audit.diff(before, after)
    )
    await audit.record(
        session,
        principal,
        entity_type="incident_obligation",
        entity_id=row.id,
        action="updated",
        before=before,
        after={**after, "kind": row.kind, "incident_id": incident.id},
        scope_id=incident.vendor_id,
    )
    org = await organization_of(session, principal.organization_id)
    return await _view(session, org, incident, vendor_name)


def allowed_statuses(incident: Incident) -> list[IncidentStatus]:
    return list(ALLOWED[IncidentStatus(incident.status)])


STATUS_LABELS: dict[str, Text] = {
    "suspected": Text("漏えい等のおそれ", "suspected"),
    "confirmed": Text("漏えい等を確認", "confirmed"),
    "not_a_breach": Text("漏えい等に当たらないと判断", "judged not a breach"),
    "contained": Text("封じ込め完了", "contained"),
    "closed": Text("対応完了", "closed"),
}


def _timeline_text(e: IncidentEvent, lang: str) -> str | None:
    """A line of the report's timeline; edits of fields and checklist ticks stay on the screen's timeline only."""
    if e.kind == "created":
        return f"{'記録' if lang == 'ja' else 'Recorded'}: {e.message}"
    if e.kind == "status_changed":
        after = ((e.changes or {}).get("after") or {}).get("status")
        label = STATUS_LABELS.get(str(after))
        return getattr(label, lang) if label else None
    if e.kind in ("note", "vendor_update") and e.message:
        source = ("委託先より" if lang == "ja" else "From the vendor") if e.kind == "vendor_update" else None
        return f"{source}: {e.message}" if source else e.message
    return None


async def document_facts(
    session: AsyncSession,
    principal: Principal,
    incident_id: uuid.UUID,
    *,
    lang: Literal["ja", "en"],
    report_kind: Literal["preliminary", "final"],
) -> documents.IncidentFacts:
    """What the regulator report and the notice to individuals say, from the incident as it stands."""
    view = await get_incident(session, principal, incident_id)
    org = await organization_of(session, principal.organization_id)
    i = view.incident
    timeline = [
        documents.TimelineEntry(e.at, text)
        for e in await repository.events(session, [i.id])
        if (text := _timeline_text(e, lang)) is not None
    ]
    # The APPI evaluation names the triggers of the report (the labels are APPI's; My Number has its own report).
    appi = next((j.evaluation for j in view.judgements if j.evaluation), None)
    return documents.IncidentFacts(
        lang=lang,
        report_kind=report_kind,
        organization=org.name,
        vendor=view.vendor_name,
        title=i.title,
        time_zone=org.time_zone,
        occurred_at=i.occurred_at,
        vendor_discovered_at=i.vendor_discovered_at,
        vendor_notified_at=i.vendor_notified_at,
        aware_at=effective_aware_at(i),
        discovered_by=i.discovered_by,
        description=i.description,
        triggers=[t.value for t in appi.triggers] if appi else [],
        data_categories=i.data_categories or [],
        data_items=i.data_items,
        affected_persons_estimate=i.affected_persons_estimate,
        affected_persons_max=i.affected_persons_max,
        cause=i.cause,
        secondary_harm=i.secondary_harm,
        individual_response=i.individual_response,
        publication_status=i.publication_status,
        measures_done=i.measures_done,
        measures_planned=i.measures_planned,
        other=i.other,
        contact_point=i.contact_point,
        timeline=timeline,
    )
