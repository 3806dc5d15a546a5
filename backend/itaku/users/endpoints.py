import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, status

from itaku.auth.dependencies import Admin, Reader
from itaku.core.dependencies import MailerDep, SessionDep, SettingsDep
from itaku.core.errors import Forbidden, NotAuthenticated, StaleVersion, error_responses
from itaku.core.pagination import PageParams, page_params
from itaku.core.schemas import Page
from itaku.core.views import Overlay
from itaku.identity.principals import Role
from itaku.users import service
from itaku.users.models import Membership
from itaku.users.schemas import InvitationLink, MemberInvite, MemberInvited, MemberRead, MemberUpdate

router = APIRouter(prefix="/users", tags=["users"], responses=error_responses(NotAuthenticated, Forbidden))

MemberSort = Literal["name", "-name", "email", "-email", "created_at", "-created_at"]


def to_read(m: Membership) -> MemberRead:
    overlay = Overlay(m, id=m.user_id, email=m.user.email, name=service.shown_name(m), status=service.member_status(m))
    return MemberRead.model_validate(overlay, from_attributes=True)


@router.get("", response_model=Page[MemberRead])
async def list_users(
    session: SessionDep,
    principal: Reader,
    params: Annotated[PageParams, Depends(page_params)],
    sort: MemberSort = "name",
    q: Annotated[str | None, Query(max_length=200, description="part of a name or email")] = None,
    role: Role | None = None,
    is_active: bool | None = None,
) -> Page[MemberRead]:
    """List the people of your organisation with their roles."""
    paged = await service.list_members(session, principal, params, sort, q=q, role=role, is_active=is_active)
    return Page.of([to_read(m) for m in paged.rows], paged, params)


@router.post(
    "",
    response_model=MemberInvited,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(service.AlreadyMember),
)
async def invite_user(
    body: MemberInvite, session: SessionDep, admin: Admin, settings: SettingsDep, mailer: MailerDep
) -> MemberInvited:
    """Invite a person with a role by email: an invitation link (shown once and mailed when SMTP is set) that they
    accept, choosing a password or, with an account already, entering theirs. Until then the organisation sees only
    the email and name typed here, whether or not the address has an account."""
    m, url = await service.invite(session, admin, body, settings=settings, mailer=mailer)
    return MemberInvited(**to_read(m).model_dump(), invitation_url=url)


@router.get("/{user_id}", response_model=MemberRead, responses=error_responses(service.MemberNotFound))
async def get_user(user_id: uuid.UUID, session: SessionDep, principal: Reader) -> MemberRead:
    """Read one member of your organisation."""
    return to_read(await service.get_member(session, principal, user_id))


@router.patch(
    "/{user_id}",
    response_model=MemberRead,
    responses=error_responses(service.MemberNotFound, StaleVersion, service.LastAdmin, service.SelfLockout),
)
async def update_user(user_id: uuid.UUID, body: MemberUpdate, session: SessionDep, principal: Reader) -> MemberRead:
    """Change a member's role, or deactivate and reactivate them; the last administrator stays."""
    return to_read(await service.update_member(session, principal, user_id, body))


@router.post(
    "/{user_id}/invitation",
    response_model=InvitationLink,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(service.MemberNotFound, service.NotInvited),
)
async def resend_invitation(
    user_id: uuid.UUID, session: SessionDep, principal: Reader, settings: SettingsDep, mailer: MailerDep
) -> InvitationLink:
    """Issue a fresh invitation link for a member who has not chosen a password yet (administrators)."""
    url = await service.resend_invitation(session, principal, user_id, settings=settings, mailer=mailer)
    return InvitationLink(invitation_url=url)


@router.post(
    "/{user_id}/sign-out",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(service.MemberNotFound),
)
async def sign_out_user(user_id: uuid.UUID, session: SessionDep, principal: Reader) -> None:
    """End every session of a member on every device, at once (administrators; for a lost laptop or a suspected
    break-in). They sign in again to continue."""
    await service.sign_out_everywhere(session, principal, user_id)
