from typing import Annotated

from fastapi import APIRouter, Depends, Request, status
from fastapi.security import OAuth2PasswordRequestForm

from itaku.auth import service
from itaku.auth.dependencies import Reader, SessionDep, SettingsDep, Staff
from itaku.auth.schemas import AcceptInvitation, Me, Register, SwitchOrganization, Token
from itaku.core.errors import (
    Forbidden,
    InvalidCredentials,
    NotAuthenticated,
    StaleVersion,
    TooManyRequests,
    error_responses,
)
from itaku.core.security import Passwords
from itaku.users import service as user_service
from itaku.users.schemas import PasswordChange, ProfileUpdate, UserProfile

router = APIRouter(prefix="/auth", tags=["auth"])


def get_passwords(request: Request) -> Passwords:
    passwords: Passwords = request.app.state.passwords
    return passwords


PasswordsDep = Annotated[Passwords, Depends(get_passwords)]


@router.post(
    "/register",
    response_model=Token,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(service.SignUpDisabled, user_service.EmailTaken),
)
async def register(body: Register, session: SessionDep, settings: SettingsDep, passwords: PasswordsDep) -> Token:
    """Create an organisation and its first administrator, and sign that administrator in."""
    return await service.register(session, body, settings=settings, passwords=passwords)


@router.post(
    "/token",
    response_model=Token,
    responses=error_responses(InvalidCredentials, TooManyRequests, service.AccountHasNoOrganization),
)
async def create_token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    session: SessionDep,
    settings: SettingsDep,
    passwords: PasswordsDep,
) -> Token:
    """Sign in with email (as `username`) and password; repeated failures answer 429 with Retry-After."""
    return await service.sign_in(session, form.username, form.password, settings=settings, passwords=passwords)


@router.get("/me", response_model=Me, responses=error_responses(NotAuthenticated))
async def read_me(session: SessionDep, principal: Reader) -> Me:
    """Who is calling: the user or API key, the organisation acted in and the role there."""
    return await service.me(session, principal)


@router.patch("/me", response_model=UserProfile, responses=error_responses(NotAuthenticated, Forbidden, StaleVersion))
async def update_me(body: ProfileUpdate, session: SessionDep, staff: Staff) -> UserProfile:
    """Change your own name, language or time zone."""
    return UserProfile.model_validate(await user_service.update_profile(session, staff, body))


@router.post(
    "/change-password",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(NotAuthenticated, Forbidden, InvalidCredentials),
)
async def change_password(body: PasswordChange, session: SessionDep, staff: Staff, passwords: PasswordsDep) -> None:
    """Change your own password; the current one is required."""
    await user_service.change_password(session, staff, passwords, current=body.current_password, new=body.new_password)


@router.post(
    "/switch-organization",
    response_model=Token,
    responses=error_responses(NotAuthenticated, Forbidden, service.NotAMember),
)
async def switch_organization(
    body: SwitchOrganization, session: SessionDep, staff: Staff, settings: SettingsDep
) -> Token:
    """Get a token that acts in another organisation you belong to."""
    return await service.switch_organization(session, staff, body.organization_id, settings=settings)


@router.post("/accept-invitation", response_model=Token, responses=error_responses(user_service.InvitationInvalid))
async def accept_invitation(
    body: AcceptInvitation, session: SessionDep, settings: SettingsDep, passwords: PasswordsDep
) -> Token:
    """Choose a password with the token from an invitation link, and sign in."""
    user, org_id = await user_service.accept_invitation(
        session, body.token, password_hash=await passwords.hash(body.password), name=body.name
    )
    return service.issue_token(settings, user.id, org_id)
