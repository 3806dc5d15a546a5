import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from itaku.audit import service
from itaku.audit.schemas import AuditEventRead, AuditVerification, AuditVerify, SignedHeads
from itaku.auth.dependencies import Admin, Reader
from itaku.core.dependencies import SessionDep
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
    paged = await service.list_events(
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
    return Page.of([AuditEventRead.model_validate(r) for r in paged.rows], paged, params)


@router.get("/chain-head", response_model=SignedHeads)
async def get_audit_chain_head(session: SessionDep, principal: Reader) -> SignedHeads:
    """Your organisation's chain head, sealed with the server's audit key: keep the file away from Itaku (mail it to
    yourself daily); verifying against it later shows whether any event before it was changed or deleted since."""
    return service.heads_file(await service.signed_heads(session, principal.organization_id))


@router.post("/verify", response_model=AuditVerification)
async def verify_audit_chain(body: AuditVerify, session: SessionDep, admin: Admin) -> AuditVerification:
    """Walk your organisation's whole chain (administrators): every link, the head's seal and, when a signed-heads
    file is given, the events it names. Changes nothing; a long chain takes a few seconds."""
    return await service.verify_organization(session, admin.organization_id, body.heads)


@router.get("/{event_id}", response_model=AuditEventRead, responses=error_responses(service.AuditEventNotFound))
async def get_audit_event(event_id: uuid.UUID, session: SessionDep, principal: Reader) -> AuditEventRead:
    """Read one audit event."""
    return AuditEventRead.model_validate(await service.get_event(session, principal.organization_id, event_id))
