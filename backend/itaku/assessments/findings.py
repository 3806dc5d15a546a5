"""Findings: raised by a questionnaire's rules or by staff, remediated by the vendor (who proposes a plan in the
portal), closed or accepted as a risk by a named person."""

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.assessments import repository
from itaku.assessments.errors import FindingNotFound, InvalidFindingTransition, RiskAcceptanceIncomplete
from itaku.assessments.models import (
    Finding,
    FindingSource,
    FindingStatus,
)
from itaku.assessments.schemas import FindingCreate, FindingUpdate
from itaku.assessments.service import FINDING_AUDITED, F, check_member, definition_of, vendor_scope
from itaku.audit import service as audit
from itaku.core.errors import Conflict, ensure_version, field_problem
from itaku.core.models import utcnow
from itaku.core.pagination import Paged, PageParams
from itaku.core.views import RowView
from itaku.identity.principals import Caller, PortalContact, Principal, Role
from itaku.organizations import service as organization_service
from itaku.vendors import errors as vendor_errors
from itaku.vendors import service as vendor_service

FINDING_TRANSITIONS: dict[FindingStatus, tuple[FindingStatus, ...]] = {
    F.open: (F.in_remediation, F.closed, F.risk_accepted),
    F.in_remediation: (F.open, F.closed, F.risk_accepted),
    F.closed: (F.open,),
    F.risk_accepted: (F.open,),
}


@dataclass
class FindingView(RowView):
    row_field = "finding"
    finding: Finding
    vendor_name: str
    overdue: bool

    @property
    def allowed_status_transitions(self) -> list[FindingStatus]:
        return finding_transitions(self.finding)


def _finding_view(row: Any, today: date) -> FindingView:
    f, vendor_name = row
    overdue = f.status in repository.OPEN_FINDINGS and f.due_date is not None and f.due_date < today
    return FindingView(f, vendor_name, overdue)


def finding_transitions(f: Finding) -> list[FindingStatus]:
    return list(FINDING_TRANSITIONS[FindingStatus(f.status)])


async def list_findings(
    session: AsyncSession, principal: Principal, params: PageParams, sort: str, **filters: Any
) -> Paged[FindingView]:
    today = await organization_service.today(session, principal.organization_id)
    paged = await repository.list_findings(session, principal.organization_id, params, sort, today=today, **filters)
    return paged.with_rows([_finding_view(r, today) for r in paged.rows])


async def get_finding(session: AsyncSession, caller: Caller, finding_id: uuid.UUID) -> FindingView:
    row = await repository.finding_row(session, caller.organization_id, finding_id, vendor_id=vendor_scope(caller))
    if row is None:
        raise FindingNotFound()
    return _finding_view(row, await organization_service.today(session, caller.organization_id))


async def create_finding(session: AsyncSession, principal: Principal, body: FindingCreate) -> FindingView:
    vendor = await vendor_service.get_vendor(session, principal, body.vendor_id)
    if body.assessment_id is not None:
        a = await repository.assessment(session, principal.organization_id, body.assessment_id)
        if a is None or a.vendor_id != vendor.id:
            raise vendor_errors.InvalidReference(
                [
                    field_problem(
                        "assessment_id", msg="no assessment of this vendor with this id", kind="invalid_reference"
                    )
                ]
            )
        if body.question_key and (await definition_of(session, a)).question(body.question_key) is None:
            raise vendor_errors.InvalidReference(
                [
                    field_problem(
                        "question_key",
                        msg="the assessment's questionnaire has no such question",
                        kind="invalid_reference",
                    )
                ]
            )
    f = Finding(
        organization_id=principal.organization_id,
        vendor_id=vendor.id,
        assessment_id=body.assessment_id,
        question_key=body.question_key if body.assessment_id else None,
        source=FindingSource.manual.value,
        severity=body.severity.value,
        title=body.title,
        description=body.description,
        remediation_plan=body.remediation_plan,
        due_date=body.due_date,
        status=F.open.value,
    )
    await repository.add(session, f)
    await audit.record(
        session,
        principal,
        entity_type="finding",
        entity_id=f.id,
        action="created",
        after={"vendor_id": vendor.id, "assessment_id": f.assessment_id, **audit.snapshot(f, FINDING_AUDITED)},
        scope_id=vendor.id,
    )
    return await get_finding(session, principal, f.id)


async def update_finding(
    session: AsyncSession, principal: Principal, finding_id: uuid.UUID, body: FindingUpdate
) -> FindingView:
    view = await get_finding(session, principal, finding_id)
    f = view.finding
    ensure_version(f, body.version)
    before = audit.snapshot(f, FINDING_AUDITED)
    sent = body.model_fields_set - {"version", "status", "resolution", "risk_accepted_by_user_id"}
    for field in sent:
        value = getattr(body, field)
        if field in ("severity", "title") and value is None:
            continue
        setattr(f, field, getattr(value, "value", value))
    if body.status is not None and body.status.value != f.status:
        if body.status not in FINDING_TRANSITIONS[FindingStatus(f.status)]:
            allowed = ", ".join(s.value for s in FINDING_TRANSITIONS[FindingStatus(f.status)])
            raise InvalidFindingTransition(f"A finding in status {f.status} can move to: {allowed}.")
        if body.status == F.risk_accepted:
            problems = []
            if not (body.resolution and body.resolution.strip()):
                problems += [field_problem("resolution", msg="say why the risk is accepted", kind="required")]
            if body.risk_accepted_by_user_id is None:
                problems += [
                    field_problem("risk_accepted_by_user_id", msg="name who accepts the risk", kind="required")
                ]
            elif await check_member(
                session, principal, body.risk_accepted_by_user_id, "risk_accepted_by_user_id"
            ) not in (
                Role.admin,
                Role.manager,
            ):
                problems += [
                    field_problem(
                        "risk_accepted_by_user_id",
                        msg="only a manager or administrator can accept a risk",
                        kind="invalid_reference",
                    )
                ]
            if problems:
                raise RiskAcceptanceIncomplete(problems)
            f.risk_accepted_by_user_id = body.risk_accepted_by_user_id
        else:
            f.risk_accepted_by_user_id = None
        f.status = body.status.value
        f.closed_at = utcnow() if body.status in (F.closed, F.risk_accepted) else None
        f.resolution = body.resolution if body.status in (F.closed, F.risk_accepted) else None
    elif "resolution" in body.model_fields_set and f.status in (F.closed, F.risk_accepted):
        f.resolution = body.resolution
    await session.flush()
    await audit.record(
        session,
        principal,
        entity_type="finding",
        entity_id=f.id,
        action="updated",
        before=before,
        after=audit.snapshot(f, FINDING_AUDITED),
        scope_id=f.vendor_id,
    )
    return await get_finding(session, principal, f.id)


async def portal_findings(session: AsyncSession, contact: PortalContact) -> list[FindingView]:
    today = await organization_service.today(session, contact.organization_id)
    rows = await repository.vendor_findings_for_portal(session, contact.organization_id, contact.vendor_id)
    return [_finding_view(r, today) for r in rows]


async def propose_plan(session: AsyncSession, contact: PortalContact, finding_id: uuid.UUID, plan: str) -> FindingView:
    visible = {v.finding.id for v in await portal_findings(session, contact)}
    if finding_id not in visible:
        raise FindingNotFound()
    view = await get_finding(session, contact, finding_id)
    f = view.finding
    if f.status not in repository.OPEN_FINDINGS:
        raise Conflict("This finding is no longer open; there is nothing to plan.")
    before = audit.snapshot(f, FINDING_AUDITED)
    f.vendor_proposed_plan = plan
    await session.flush()
    await audit.record(
        session,
        contact,
        entity_type="finding",
        entity_id=f.id,
        action="plan_proposed",
        before=before,
        after=audit.snapshot(f, FINDING_AUDITED),
        scope_id=f.vendor_id,
    )
    return view
