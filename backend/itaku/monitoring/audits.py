"""Audits of a vendor: planned, carried out (optionally with a checklist assessment whose findings are the audit's)
and completed, which settles the calendar item and plans the next one."""

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.assessments import service as assessment_service
from itaku.assessments.models import AssessmentKind
from itaku.assessments.schemas import AssessmentCreate
from itaku.audit import service as audit
from itaku.core.errors import (
    Conflict,
    NotFound,
    ensure_version,
    field_problem,
)
from itaku.core.pagination import Paged, PageParams
from itaku.core.views import RowView
from itaku.files import service as file_service
from itaku.identity.principals import Principal
from itaku.monitoring import repository
from itaku.monitoring.calendar import settle
from itaku.monitoring.errors import InvalidMonitoring
from itaku.monitoring.models import (
    Audit,
    AuditStatus,
    MonitoringItem,
)
from itaku.monitoring.policy import context
from itaku.monitoring.schedule import ItemKind
from itaku.vendors import service as vendor_service


class AuditNotFound(NotFound):
    code = "audit_not_found"
    message = "No such audit."


class InvalidAuditTransition(Conflict):
    code = "invalid_audit_status_transition"
    message = "The audit cannot move to that status from where it is."


AUDIT_TRANSITIONS: dict[AuditStatus, tuple[AuditStatus, ...]] = {
    AuditStatus.planned: (AuditStatus.in_progress, AuditStatus.completed, AuditStatus.cancelled),
    AuditStatus.in_progress: (AuditStatus.completed, AuditStatus.cancelled),
    AuditStatus.completed: (AuditStatus.in_progress,),  # reopened to correct the results
    AuditStatus.cancelled: (AuditStatus.planned,),
}
AUDIT_FIELDS = ("title", "kind", "planned_date", "auditor", "scope", "started_date", "completed_date", "results")
AUDIT_REQUIRED = ("title", "kind", "planned_date")  # null leaves these as they are
AUDIT_AUDITED = ("status", *AUDIT_FIELDS, "report_file_id", "assessment_id", "item_id")


@dataclass(frozen=True)
class AuditView(RowView):
    row_field = "audit"
    audit: Audit
    vendor_name: str
    findings_open: int

    @property
    def allowed_statuses(self) -> list[AuditStatus]:
        return allowed_audit_statuses(self.audit)


async def audit_views(session: AsyncSession, rows: list[tuple[Audit, str]]) -> list[AuditView]:
    counts = await assessment_service.open_findings_by_assessment(
        session, [a.assessment_id for a, _ in rows if a.assessment_id]
    )
    return [AuditView(a, name, counts.get(a.assessment_id, 0) if a.assessment_id else 0) for a, name in rows]


async def list_audits(
    session: AsyncSession, principal: Principal, params: PageParams, sort: str, **filters: Any
) -> Paged[AuditView]:
    paged = await repository.list_audits(session, principal.organization_id, params, sort, **filters)
    return paged.with_rows(await audit_views(session, paged.rows))


async def get_audit(session: AsyncSession, principal: Principal, audit_id: uuid.UUID) -> AuditView:
    found = await repository.audit(session, principal.organization_id, audit_id)
    if found is None:
        raise AuditNotFound()
    return (await audit_views(session, [found]))[0]


async def _audit_item(
    session: AsyncSession, principal: Principal, vendor_id: uuid.UUID, item_id: uuid.UUID | None
) -> MonitoringItem | None:
    """The calendar item an audit fulfils: the one named, or the vendor's next open audit without one; held until
    commit, so two audits never take the same item."""
    if item_id is None:
        open_items = await repository.open_items(
            session, principal.organization_id, vendor_id, ItemKind.audit.value, None
        )
        attached = await repository.attached_item_ids(session, [i.id for i in open_items])
        item_id = next((i.id for i in open_items if i.id not in attached), None)
        if item_id is None:
            return None
    found = await repository.item(session, principal.organization_id, item_id, vendor_id=vendor_id, lock=True)
    if found is None or found[0].kind != ItemKind.audit.value or found[0].done_at is not None:
        raise InvalidMonitoring([field_problem("item_id", msg="not an open audit item of this vendor")])
    if found[4] is not None:
        raise InvalidMonitoring([field_problem("item_id", msg="this item already has an audit")])
    return found[0]


async def create_audit(session: AsyncSession, principal: Principal, body: Any) -> AuditView:
    vendor = await vendor_service.get_vendor(session, principal, body.vendor_id)
    item = await _audit_item(session, principal, vendor.id, body.item_id)
    audit_row = Audit(
        organization_id=principal.organization_id,
        vendor_id=vendor.id,
        item_id=item.id if item else None,
        title=body.title,
        kind=body.kind.value,
        planned_date=body.planned_date,
        auditor=body.auditor,
        scope=body.scope,
        status=AuditStatus.planned.value,
    )
    if body.questionnaire_id is not None:
        checklist = await assessment_service.create_assessment(
            session,
            principal,
            AssessmentCreate(
                vendor_id=vendor.id,
                questionnaire_id=body.questionnaire_id,
                kind=AssessmentKind.periodic,
                title=body.title,
                due_date=body.planned_date,
            ),
        )
        audit_row.assessment_id = checklist.assessment.id
    await repository.add(session, audit_row)
    await audit.record(
        session,
        principal,
        entity_type="audit",
        entity_id=audit_row.id,
        action="created",
        after=audit.snapshot(audit_row, AUDIT_AUDITED),
        scope_id=vendor.id,
    )
    return await get_audit(session, principal, audit_row.id)


async def update_audit(session: AsyncSession, principal: Principal, audit_id: uuid.UUID, body: Any) -> AuditView:
    view = await get_audit(session, principal, audit_id)
    row = view.audit
    ensure_version(row, body.version)
    before = audit.snapshot(row, AUDIT_AUDITED)
    for name in AUDIT_FIELDS:
        value = getattr(body, name)
        if name in body.model_fields_set and (value is not None or name not in AUDIT_REQUIRED):
            setattr(row, name, value.value if name == "kind" else value)
    if "report_file_id" in body.model_fields_set:
        if body.report_file_id is not None:
            await file_service.get(session, principal, body.report_file_id)
        row.report_file_id = body.report_file_id
    old, new = AuditStatus(row.status), body.status or AuditStatus(row.status)
    if new != old:
        if new not in AUDIT_TRANSITIONS[old]:
            raise InvalidAuditTransition(
                {"from": old.value, "to": new.value, "allowed": [s.value for s in AUDIT_TRANSITIONS[old]]}
            )
        row.status = new.value
        ctx = await context(session, principal.organization_id)
        if new == AuditStatus.in_progress and row.started_date is None:
            row.started_date = ctx.today
        if new == AuditStatus.completed:
            row.completed_date = row.completed_date or ctx.today
            if row.item_id is not None:
                item = await repository.item(session, principal.organization_id, row.item_id)
                if item and item[0].done_at is None:
                    await settle(session, item[0], by=principal.actor_label, note="audit completed", ref_id=row.id)
        if old == AuditStatus.completed:
            row.completed_date = None
    if row.completed_date and row.completed_date > (await context(session, principal.organization_id)).today:
        raise InvalidMonitoring([field_problem("completed_date", msg="an audit cannot be completed in the future")])
    await session.flush()
    await audit.record(
        session,
        principal,
        entity_type="audit",
        entity_id=row.id,
        action="status_changed" if new != old else "updated",
        before=before,
        after=audit.snapshot(row, AUDIT_AUDITED),
        scope_id=row.vendor_id,
    )
    return await get_audit(session, principal, audit_id)


def allowed_audit_statuses(row: Audit) -> list[AuditStatus]:
    return list(AUDIT_TRANSITIONS[AuditStatus(row.status)])
