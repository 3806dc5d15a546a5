import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, status

from itaku.auth.dependencies import Admin, Reader
from itaku.core.dependencies import SessionDep
from itaku.core.errors import Forbidden, NotAuthenticated, error_responses
from itaku.core.pagination import PageParams, page_params
from itaku.core.schemas import Page
from itaku.jobs import service
from itaku.jobs.models import JobState, MailOutcome
from itaku.jobs.registry import Registry
from itaku.jobs.schemas import JobRead, MailDeliveryRead

router = APIRouter(prefix="/jobs", tags=["jobs"], responses=error_responses(NotAuthenticated, Forbidden))
deliveries_router = APIRouter(
    prefix="/mail-deliveries", tags=["jobs"], responses=error_responses(NotAuthenticated, Forbidden)
)


def get_job_registry(request: Request) -> Registry:
    registry: Registry = request.app.state.job_registry
    return registry


RegistryDep = Annotated[Registry, Depends(get_job_registry)]


@router.get("", response_model=Page[JobRead])
async def list_jobs(
    session: SessionDep,
    admin: Admin,
    params: Annotated[PageParams, Depends(page_params)],
    state: Annotated[
        list[JobState] | None, Query(description="only jobs in these states (repeat the parameter)")
    ] = None,
) -> Page[JobRead]:
    """List your organisation's background jobs, newest first (administrators)."""
    paged = await service.list_jobs(session, admin, params, state)
    return Page.of([JobRead.model_validate(j) for j in paged.rows], paged, params)


@router.get("/{job_id}", response_model=JobRead, responses=error_responses(service.JobNotFound))
async def get_job(job_id: uuid.UUID, session: SessionDep, principal: Reader) -> JobRead:
    """Read one job: its state, progress, attempts and last error (administrators)."""
    return JobRead.model_validate(await service.get(session, principal, job_id))


@router.post(
    "/{job_id}/retry",
    response_model=JobRead,
    status_code=status.HTTP_200_OK,
    responses=error_responses(service.JobNotFound, service.JobNotRetryable),
)
async def retry_job(job_id: uuid.UUID, session: SessionDep, principal: Reader, registry: RegistryDep) -> JobRead:
    """Try a failed job again with a fresh round of attempts, starting now (administrators)."""
    return JobRead.model_validate(await service.retry(session, principal, job_id, registry))


@deliveries_router.get("", response_model=Page[MailDeliveryRead])
async def list_mail_deliveries(
    session: SessionDep,
    admin: Admin,
    params: Annotated[PageParams, Depends(page_params)],
    outcome: Annotated[MailOutcome | None, Query(description="only attempts with this outcome")] = None,
) -> Page[MailDeliveryRead]:
    """The mail delivery log of your organisation: every attempt, newest first, with the reason when a mail did not
    leave (administrators)."""
    paged = await service.list_deliveries(session, admin, params, outcome)
    return Page.of([MailDeliveryRead.model_validate(d) for d in paged.rows], paged, params)
