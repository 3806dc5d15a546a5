import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from itaku.audit import service
from itaku.audit.schemas import AuditEventRead
from itaku.auth.dependencies import Reader, SessionDep
from itaku.core.errors import Forbidden, NotAuthenticated, error_responses
from itaku.core.pagination import PageParams, page_params
from itaku.core.schemas import Instant, Page

router = APIRouter(
    prefix="/audit-events", tags=["audit-events"], responses=error_responses(NotAuthenticated, Forbidden)
)


@router.get("", response_model=Page[AuditEventRead])
async def list_audit_events(
    session: SessionDep,
    principal: Reader,
    params: Annotated[PageParams, Depends(page_params)],
    sort: Literal["occurred_at", "-occurred_at"] = "-occurred_at",
    entity_type: Annotated[str | None, Query(max_length=64)] = None,
    entity_id: uuid.UUID | None = None,
    related_to: Annotated[
        uuid.UUID | None,
        Query(
            description="events of this record and of the records that belong to it (a vendor's contacts, "
            "assessments, findings...)"
        ),
    ] = None,
    actor_id: uuid.UUID | None = None,
    action: Annotated[str | None, Query(max_length=64)] = None,
    occurred_from: Annotated[Instant | None, Query(description="inclusive, ISO 8601 with offset")] = None,
    occurred_to: Annotated[Instant | None, Query(description="exclusive, ISO 8601 with offset")] = None,
) -> Page[AuditEventRead]:
    """The audit trail of your organisation: who changed what, when, with before and after."""
    rows, total = await service.list_events(
        session,
        principal.organization_id,
        params,
        sort,
        entity_type=entity_type,
        entity_id=entity_id,
        related_to=related_to,
        actor_id=actor_id,
        action=action,
        occurred_from=occurred_from,
        occurred_to=occurred_to,
    )
    return Page(items=[AuditEventRead.model_validate(r) for r in rows], total=total, page=params.page, size=params.size)


@router.get("/{event_id}", response_model=AuditEventRead, responses=error_responses(service.AuditEventNotFound))
async def get_audit_event(event_id: uuid.UUID, session: SessionDep, principal: Reader) -> AuditEventRead:
    """Read one audit event."""
    return AuditEventRead.model_validate(await service.get_event(session, principal.organization_id, event_id))
