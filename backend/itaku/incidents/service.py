"""Vendor incidents: the facts as they become known, the timeline, and the obligations the regulation engine derives
from them (recomputed on every change), with what people did about each."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.audit import service as audit
from itaku.contracts import service as contract_service
from itaku.core.clock import today_in
from itaku.core.config import Settings
from itaku.core.db import after_commit
from itaku.core.errors import AppError, Conflict, NotFound, ensure_version, field_problem
from itaku.core.mail import Mail, Mailer
from itaku.core.models import utcnow
from itaku.core.pagination import PageParams
from itaku.identity.principals import Caller, PortalContact, Principal, ensure_admin
from itaku.incidents import documents, exposure, repository
from itaku.incidents.models import Incident, IncidentEvent, IncidentObligation, IncidentStatus, ReportedVia
from itaku.incidents.schemas import (
    IncidentCreate,
    IncidentPolicyUpdate,
    IncidentPolicyValues,
    IncidentUpdate,
    ObligationUpdate,
)
from itaku.organizations import service as organization_service
from itaku.regulation import rules
from itaku.users import service as user_service
from itaku.vendors import service as vendor_service

S = IncidentStatus
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


class IncidentNotFound(NotFound):
    code = "incident_not_found"
    message = "No incident with this id in your organisation."


class ObligationNotFound(NotFound):
    code = "obligation_not_found"
    message = "No obligation with this id on this incident."


class InvalidIncident(AppError):
    status_code = 422
    code = "invalid_incident"
    message = "The incident's times or references do not fit together."


class InvalidStatusTransition(Conflict):
    code = "invalid_incident_status_transition"
    message = "The incident cannot move to this status from its current one."


class ObligationsOpen(Conflict):
    code = "obligations_open"
    message = "Required obligations are neither done nor marked not required; settle them before closing."


@dataclass
class ObligationView:
    row: IncidentObligation
    status: str
    not_required_reason: rules.Text | None


@dataclass
class Judgement:
    jurisdiction: rules.Jurisdiction
    evaluation: rules.Evaluation | None  # None: no rule set was in force at the moment of awareness


@dataclass
class IncidentView:
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

    def days_left(self, o: ObligationView) -> int | None:
        return (o.row.due_date - self.today).days if o.row.due_date else None


# --- the organisation's incident policy --------------------------------------------------------------------------


def policy_values(stored: dict[str, Any] | None) -> IncidentPolicyValues:
    return IncidentPolicyValues.model_validate(stored or {})


def rules_policy(values: IncidentPolicyValues) -> rules.Policy:
    return rules.Policy(
        preliminary_target_days=values.preliminary_target_days,
        preliminary_due_days=values.preliminary_due_days,
        vendor_notice_target_days=values.vendor_notice_target_days,
        vendor_notice_due_days=values.vendor_notice_due_days,
    )


def damages_policy(values: IncidentPolicyValues) -> exposure.DamagesPolicy:
    return exposure.DamagesPolicy(
        basic=(values.damages_basic.low, values.damages_basic.high),
        detailed=(values.damages_detailed.low, values.damages_detailed.high),
        sensitive=(values.damages_sensitive.low, values.damages_sensitive.high),
        lawyer_fee_percent=values.lawyer_fee_percent,
    )


async def update_policy(session: AsyncSession, principal: Principal, body: IncidentPolicyUpdate) -> Any:
    admin = ensure_admin(principal)
    value = body.policy.model_dump(mode="json") if body.policy else None
    org = await organization_service.update_policy(session, admin, "incident_policy", body.version, value)
    # Deadlines already computed follow the new days: every open incident is recomputed.
    page, size = 1, 500
    while True:
        views, total = await list_incidents(
            session, admin, PageParams(page=page, size=size), "aware_at", statuses=[s.value for s in OPEN]
        )
        for view in views:
            await _recompute(session, view.incident, org, view.contract_hours)
        if page * size >= total:
            return org
        page += 1


# --- the rules ----------------------------------------------------------------------------------------------------


def effective_aware_at(incident: Incident) -> datetime:
    """We know at the latest when the vendor's notice reaches us (guideline 3-5-3-5; REGULATION.md §1.5)."""
    notified = incident.vendor_notified_at
    return min(incident.aware_at, notified) if notified else incident.aware_at


def jurisdictions(profile: str, categories: Iterable[str]) -> list[rules.Jurisdiction]:
    """The organisation's profile; in Japan APPI always applies, and the My Number rules as well when My Number
    data is involved (番号法29条の4 beside 個人情報保護法26条)."""
    primary = rules.Jurisdiction(profile)
    if primary == rules.Jurisdiction.eu_gdpr:
        return [primary]
    out = [rules.Jurisdiction.jp_appi]
    if primary == rules.Jurisdiction.jp_mynumber or "my_number" in categories:
        out.append(rules.Jurisdiction.jp_mynumber)
    return out


def facts_of(incident: Incident, contract_hours: int | None) -> rules.Facts:
    return rules.Facts(
        data_categories=frozenset(incident.data_categories or []),
        affected_persons_estimate=incident.affected_persons_estimate,
        affected_persons_max=incident.affected_persons_max,
        financial_damage_possible=incident.financial_damage_possible,
        wrongful_intent_possible=incident.wrongful_intent_possible,
        data_being_acquired=incident.data_being_acquired,
        strongly_encrypted=incident.strongly_encrypted,
        my_number_system=incident.my_number_system,
        wrongful_use=incident.wrongful_use,
        publicly_viewable=incident.publicly_viewable,
        gdpr_risk=rules.GdprRisk(incident.gdpr_risk),
        contract_notice_hours=contract_hours,
    )


def _judge(incident: Incident, org: Any, contract_hours: int | None) -> list[Judgement]:
    facts = facts_of(incident, contract_hours)
    policy = rules_policy(policy_values(org.incident_policy))
    out = []
    for j in jurisdictions(org.jurisdiction, incident.data_categories or []):
        try:
            evaluation = rules.evaluate(j, rules.IncidentRole.principal, effective_aware_at(incident), facts, policy)
            out.append(Judgement(j, evaluation))
        except rules.NoRuleSet:
            out.append(Judgement(j, None))
    return out


def _vendor_notice(incident: Incident, org: Any, contract_hours: int | None) -> rules.Obligation | None:
    """The vendor's own duty to tell us, from when it learned of the incident (REGULATION.md §1.5, §5.1 Art. 33(2))."""
    primary = jurisdictions(org.jurisdiction, incident.data_categories or [])[0]
    since = incident.vendor_discovered_at or effective_aware_at(incident)
    policy = rules_policy(policy_values(org.incident_policy))
    try:
        result = rules.evaluate(primary, rules.IncidentRole.vendor, since, facts_of(incident, contract_hours), policy)
    except rules.NoRuleSet:
        return None
    kinds = (rules.Kind.notify_principal, rules.Kind.notify_controller)
    return next((o for o in result.obligations if o.kind in kinds), None)


NOT_A_BREACH = rules.Text("事案ではないと判断されました。", "The incident was judged not to be a breach.")
NO_LONGER = rules.Text(
    "現在判明している事実では必要ありません（事実が変われば再評価されます）。",
    "Not required on the facts as they stand (re-evaluated when they change).",
)


def obligation_view(row: IncidentObligation, incident: Incident, now: datetime) -> ObligationView:
    if row.done_at is not None:
        return ObligationView(row, "done", None)
    if incident.status == S.not_a_breach.value:
        return ObligationView(row, "not_required", NOT_A_BREACH)
    if row.waived_reason:
        return ObligationView(row, "not_required", rules.Text(row.waived_reason, row.waived_reason))
    if not row.required:
        return ObligationView(row, "not_required", NO_LONGER)
    if row.due_at is not None and now > row.due_at:
        return ObligationView(row, "overdue", None)
    return ObligationView(row, "pending", None)


async def _recompute(
    session: AsyncSession, incident: Incident, org: Any, contract_hours: int | None
) -> list[IncidentObligation]:
    """Bring the stored obligations in line with the engine: new ones added, changed dates moved, ones the facts no
    longer call for kept (with what was done) but no longer required."""
    existing = {(o.jurisdiction, o.kind): o for o in await repository.obligations(session, [incident.id])}
    produced: dict[tuple[str, str], tuple[rules.Obligation, str]] = {}
    for judgement in _judge(incident, org, contract_hours):
        for ob in judgement.evaluation.obligations if judgement.evaluation else ():
            produced[(judgement.jurisdiction.value, ob.kind.value)] = (ob, "principal")
    notice = _vendor_notice(incident, org, contract_hours)
    if notice is not None:
        primary = jurisdictions(org.jurisdiction, incident.data_categories or [])[0]
        produced[(primary.value, notice.kind.value)] = (notice, "vendor")
    for (jurisdiction, kind), (ob, party) in produced.items():
        row = existing.get((jurisdiction, kind))
        if row is None:
            row = IncidentObligation(
                organization_id=incident.organization_id, incident_id=incident.id, jurisdiction=jurisdiction, kind=kind
            )
            session.add(row)
            existing[(jurisdiction, kind)] = row
        row.party = party
        row.required = True
        # Kept in UTC like every stored instant, so a response reads the same whether just computed or loaded.
        row.due_date, row.target_date = ob.due_date, ob.target_date
        row.due_at = ob.due_at.astimezone(UTC) if ob.due_at else None
        row.legal_reference, row.legal_reference_en = ob.legal_reference.ja, ob.legal_reference.en
        row.reason_ja, row.reason_en = ob.reason.ja, ob.reason.en
        if party == "vendor":
            row.done_at = incident.vendor_notified_at  # the vendor's notice is done when it reached us
    for key, row in existing.items():
        if key not in produced:
            row.required = False
    await session.flush()
    return sorted(
        existing.values(), key=lambda o: (o.party != "vendor", o.due_at is None, o.due_at or incident.aware_at)
    )


# --- reading -----------------------------------------------------------------------------------------------------


async def _org(session: AsyncSession, organization_id: uuid.UUID) -> Any:
    return await organization_service.get(session, organization_id)


async def _contract(
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
                judgements=_judge(incident, org, hours),
                obligations=[obligation_view(r, incident, now) for r in own],
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


async def _found(
    session: AsyncSession, actor: Caller, incident_id: uuid.UUID, *, lock: bool = False
) -> tuple[Incident, str]:
    vendor_id = actor.vendor_id if isinstance(actor, PortalContact) else None
    row = await repository.incident(session, actor.organization_id, incident_id, vendor_id=vendor_id, lock=lock)
    if row is None or (vendor_id is not None and row[0].reported_via != ReportedVia.portal.value):
        raise IncidentNotFound()
    return row


async def get_incident(session: AsyncSession, actor: Caller, incident_id: uuid.UUID) -> IncidentView:
    incident, vendor_name = await _found(session, actor, incident_id)
    return await _view(session, await _org(session, actor.organization_id), incident, vendor_name)


async def list_incidents(
    session: AsyncSession, actor: Caller, params: PageParams, sort: str, **filters: Any
) -> tuple[list[IncidentView], int]:
    if isinstance(actor, PortalContact):
        # A vendor sees the incidents its people reported, never what we recorded about it on our own.
        filters |= {"vendor_id": actor.vendor_id, "reported_via": ReportedVia.portal.value}
    rows, total = await repository.list_incidents(session, actor.organization_id, params, sort, **filters)
    return await _views(session, await _org(session, actor.organization_id), rows), total


async def list_events(session: AsyncSession, actor: Caller, incident_id: uuid.UUID) -> list[IncidentEvent]:
    incident, _ = await _found(session, actor, incident_id)
    return await repository.events(session, [incident.id])


async def list_vendor_updates(
    session: AsyncSession, contact: PortalContact, incident_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[IncidentEvent]]:
    """What the vendor's people reported on each of these incidents (already the contact's own), oldest first."""
    found: dict[uuid.UUID, list[IncidentEvent]] = {i: [] for i in incident_ids}
    for e in await repository.events(session, incident_ids, actor_type=contact.actor_type):
        found[e.incident_id].append(e)
    return found


# --- writing -----------------------------------------------------------------------------------------------------


async def _event(
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
        for p in await vendor_service.list_children(session, principal, vendor_service.PROCESSING, incident.vendor_id)
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
        await _found(session, principal, body.source_incident_id)
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
    return await _created(session, principal, incident, vendor.name, given_contract=body.contract_id is not None)


async def _created(
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
    org = await _org(session, actor.organization_id)
    if isinstance(actor, PortalContact):
        hours = (await _contract(session, org.id, incident))[1]
    else:
        hours = await _check_references(session, actor, incident, given_contract)
    await repository.add(session, incident)
    await _recompute(session, incident, org, hours)
    await _event(session, actor, incident, "created", message=incident.title)
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
    incident, vendor_name = await _found(session, principal, incident_id, lock=True)
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
    org = await _org(session, principal.organization_id)
    rows = await _recompute(session, incident, org, hours)
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
            await _event(session, principal, incident, "status_changed", changes=changed)
        else:
            await _event(session, principal, incident, "updated", changes=changed)
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
    incident, _ = await _found(session, actor, incident_id)
    kind = "vendor_update" if isinstance(actor, PortalContact) else "note"
    await _event(session, actor, incident, kind, message=message)
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
    incident, vendor_name = await _found(session, principal, incident_id, lock=True)
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
    await _event(
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
    org = await _org(session, principal.organization_id)
    return await _view(session, org, incident, vendor_name)


def allowed_statuses(incident: Incident) -> list[IncidentStatus]:
    return list(ALLOWED[IncidentStatus(incident.status)])


# --- deadlines across incidents -----------------------------------------------------------------------------------


@dataclass
class Deadline:
    obligation: IncidentObligation
    incident: Incident
    vendor_name: str
    days_left: int | None
    overdue: bool


@dataclass
class DeadlineOverview:
    open_incidents: int
    deadlines: list[Deadline] = field(default_factory=list)


async def upcoming_deadlines(session: AsyncSession, principal: Principal, days: int = 14) -> DeadlineOverview:
    """Open incidents, and the obligations due within `days` (late ones first) — for the dashboard."""
    org = await _org(session, principal.organization_id)
    today = today_in(org.time_zone)
    now = utcnow()
    until = now + timedelta(days=days)
    _, open_count = await repository.list_incidents(
        session, principal.organization_id, PageParams(page=1, size=1), "aware_at", statuses=[s.value for s in OPEN]
    )
    rows = await repository.upcoming(session, principal.organization_id, until, [s.value for s in OPEN])
    return DeadlineOverview(
        open_incidents=open_count,
        deadlines=[
            Deadline(
                obligation=ob,
                incident=incident,
                vendor_name=name,
                days_left=(ob.due_date - today).days if ob.due_date else None,
                overdue=ob.due_at is not None and now > ob.due_at,
            )
            for ob, incident, name in rows
        ],
    )


# --- the vendor's side (portal) -----------------------------------------------------------------------------------


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
    await _created(session, contact, incident, vendor.name, given_contract=False, names=PORTAL_TIMES)
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
    if not mailer.enabled:
        return
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

        async def _send(mail: Mail = mail) -> None:
            await mailer.send(mail)

        after_commit(session, _send)


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
    incident, _ = await _found(session, contact, incident_id, lock=True)
    before = audit.snapshot(incident, tuple(PORTAL_UPDATES.values()))
    for given, column in PORTAL_UPDATES.items():
        if given in body.model_fields_set and getattr(body, given) is not None:
            setattr(incident, column, getattr(body, given))
    est, most = incident.affected_persons_estimate, incident.affected_persons_max
    if est is not None and most is not None and most < est:
        raise InvalidIncident([field_problem("affected_persons_max", msg="affected_persons_max is below the estimate")])
    org = await _org(session, contact.organization_id)
    hours = (await _contract(session, org.id, incident))[1]
    await _recompute(session, incident, org, hours)
    after = audit.snapshot(incident, tuple(PORTAL_UPDATES.values()))
    changed = audit.diff(before, after)
    await _event(
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


# --- documents ----------------------------------------------------------------------------------------------------

STATUS_LABELS: dict[str, rules.Text] = {
    "suspected": rules.Text("漏えい等のおそれ", "suspected"),
    "confirmed": rules.Text("漏えい等を確認", "confirmed"),
    "not_a_breach": rules.Text("漏えい等に当たらないと判断", "judged not a breach"),
    "contained": rules.Text("封じ込め完了", "contained"),
    "closed": rules.Text("対応完了", "closed"),
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
    org = await _org(session, principal.organization_id)
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


# --- supply-chain reach -------------------------------------------------------------------------------------------


@dataclass
class ReachRow:
    vendor_id: uuid.UUID
    name: str
    tier: str
    depth: int
    path: list[str]
    processing: list[Any]
    persons: int
    categories: list[str]
    incident_id: uuid.UUID | None  # the incident already registered for this vendor from this one


async def reach(session: AsyncSession, principal: Principal, incident_id: uuid.UUID) -> list[ReachRow]:
    """Our vendors that pass data to the incident's vendor, directly or through the chain: whose data and how many
    people are exposed through it (in 2025 one attack on a contractor reached dozens of its clients)."""
    source, _ = await _found(session, principal, incident_id)
    registered, _ = await repository.list_incidents(
        session, principal.organization_id, PageParams(page=1, size=100), "aware_at", source_incident_id=source.id
    )
    by_vendor = {i.vendor_id: i.id for i, _ in registered}
    rows = []
    for entry in await vendor_service.exposure(session, principal, source.vendor_id):
        processing = await vendor_service.list_children(
            session, principal, vendor_service.PROCESSING, entry["vendor_id"]
        )
        categories = sorted({c for p in processing for c in p.data_categories})
        rows.append(
            ReachRow(
                vendor_id=entry["vendor_id"],
                name=entry["name"],
                tier=entry["tier"],
                depth=entry["depth"],
                path=entry["path"],
                processing=processing,
                persons=sum(p.persons_estimate for p in processing),
                categories=categories,
                incident_id=by_vendor.get(entry["vendor_id"]),
            )
        )
    return rows


async def register_reach(
    session: AsyncSession, principal: Principal, incident_id: uuid.UUID, vendor_ids: list[uuid.UUID]
) -> list[IncidentView]:
    """Register the incident for each chosen vendor it reaches, once: the same event, our data at that vendor, the
    same clock (we know of it now for all of them)."""
    source, source_vendor = await _found(session, principal, incident_id)
    reachable = {r.vendor_id: r for r in await reach(session, principal, incident_id)}
    unknown = [str(v) for v in vendor_ids if v not in reachable]
    if unknown:
        raise InvalidIncident([field_problem("vendor_ids", msg=f"not reached through the chain: {', '.join(unknown)}")])
    created = []
    for vendor_id in dict.fromkeys(vendor_ids):
        row = reachable[vendor_id]
        if row.incident_id is not None:
            continue
        route = " → ".join(row.path)
        body = IncidentCreate(
            vendor_id=vendor_id,
            source_incident_id=source.id,
            title=f"{source.title}（{source_vendor} 経由）",
            aware_at=effective_aware_at(source),
            occurred_at=source.occurred_at,
            processing_ids=[p.id for p in row.processing],
            data_categories=row.categories or source.data_categories,
            affected_persons_max=row.persons or None,
            wrongful_intent_possible=source.wrongful_intent_possible,
            data_being_acquired=source.data_being_acquired,
            strongly_encrypted=source.strongly_encrypted,
            financial_damage_possible=source.financial_damage_possible,
            description=(
                f"再委託の連鎖（{route}）の先にある {source_vendor} で発生した事案。"
                f"当社がこの委託先に預けたデータが影響を受けるおそれがある。\n\n{source.description or ''}"
            ).strip(),
            cause=source.cause,
        )
        created.append(await create_incident(session, principal, body))
    return created
