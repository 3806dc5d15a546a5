import uuid
from typing import Annotated

from fastapi import APIRouter, Cookie, Depends, Form, Header, Request, Response, status
from fastapi.responses import JSONResponse
from fastapi.security import OAuth2PasswordRequestForm

from itaku.auth import registration, service
from itaku.auth.dependencies import Reader, Staff
from itaku.auth.schemas import (
    AcceptInvitation,
    LinkToken,
    MailSent,
    Me,
    PasswordReset,
    PasswordResetRequest,
    RecoveryCodes,
    RefreshRequest,
    Register,
    SessionRead,
    SwitchOrganization,
    Token,
    TwoFactorCode,
    TwoFactorDisable,
    TwoFactorSetup,
    TwoFactorStatus,
)
from itaku.core.config import Settings
from itaku.core.dependencies import DatabaseDep, MailerDep, SessionDep, SettingsDep
from itaku.core.error_handlers import error_response
from itaku.core.errors import (
    Forbidden,
    InvalidCredentials,
    NotAuthenticated,
    StaleVersion,
    TooManyRequests,
    error_responses,
)
from itaku.core.security import Passwords
from itaku.identity.principals import Role, StaffUser
from itaku.throttle import service as throttle
from itaku.users import service as user_service
from itaku.users import sessions, two_factor
from itaku.users.schemas import PasswordChange, PendingInvitation, ProfileUpdate, UserProfile

router = APIRouter(prefix="/auth", tags=["auth"])

# The web app's session continues through this HttpOnly cookie, sent only to the auth endpoints and never readable
# by scripts; the access token itself is kept in memory.
REFRESH_COOKIE = "itaku_refresh"
REFRESH_PATH = "/api/v1/auth"
UserAgent = Annotated[str | None, Header(include_in_schema=False)]
RefreshCookie = Annotated[str | None, Cookie(alias=REFRESH_COOKIE, include_in_schema=False)]


def deliver(response: Response, signed: service.SignedIn, settings: Settings) -> Token:
    """The access token in the body; the refresh token, when there is a new one, in the cookie."""
    if signed.refresh_token is not None:
        response.set_cookie(
            REFRESH_COOKIE,
            signed.refresh_token,
            expires=signed.session_expires_at,
            path=REFRESH_PATH,
            secure=settings.secure_cookies,
            httponly=True,
            samesite="strict",
        )
    return signed.token


def forget_cookie(response: Response, settings: Settings) -> None:
    response.delete_cookie(
        REFRESH_COOKIE, path=REFRESH_PATH, secure=settings.secure_cookies, httponly=True, samesite="strict"
    )


def get_passwords(request: Request) -> Passwords:
    passwords: Passwords = request.app.state.passwords
    return passwords


PasswordsDep = Annotated[Passwords, Depends(get_passwords)]


@router.post(
    "/register",
    response_model=MailSent,
    status_code=status.HTTP_202_ACCEPTED,
    responses=error_responses(registration.SignUpDisabled, TooManyRequests),
)
async def register(
    body: Register, database: DatabaseDep, settings: SettingsDep, passwords: PasswordsDep, mailer: MailerDep
) -> MailSent:
    """Register an organisation and its first administrator: a link to confirm goes to the address, and the
    organisation is created when it is opened (`POST /auth/register/confirm`). The answer is the same for an address
    that already has an account (its owner is told by mail instead)."""
    await throttle.claim(
        database, settings, ("register_client", throttle.client_subject()), ("register_email", body.email)
    )
    async with database.unit_of_work(write=True) as session:
        await registration.register(session, body, settings=settings, passwords=passwords, mailer=mailer)
    return MailSent(message="A link to confirm the registration is on its way to this address.")


@router.post(
    "/register/confirm",
    response_model=Token,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(service.LinkInvalid, TooManyRequests),
)
async def confirm_registration(
    body: LinkToken, response: Response, database: DatabaseDep, settings: SettingsDep, user_agent: UserAgent = None
) -> Token:
    """Create the organisation from the registration's mailed link, and sign its administrator in."""
    await throttle.claim(database, settings, ("token_client", throttle.client_subject()))
    async with database.unit_of_work(write=True) as session:
        signed = await registration.confirm_registration(session, body.token, settings=settings, user_agent=user_agent)
    return deliver(response, signed, settings)


@router.post(
    "/password-reset",
    response_model=MailSent,
    status_code=status.HTTP_202_ACCEPTED,
    responses=error_responses(TooManyRequests),
)
async def request_password_reset(
    body: PasswordResetRequest, database: DatabaseDep, settings: SettingsDep, mailer: MailerDep
) -> MailSent:
    """Mail a one-time link to choose a new password (valid for an hour). The answer is the same for any address."""
    client = throttle.client_subject()
    await throttle.claim(database, settings, ("password_reset_client", client), ("password_reset_email", body.email))
    async with database.unit_of_work(write=True) as session:
        await service.request_password_reset(session, body.email, settings=settings, mailer=mailer)
    return MailSent(message="If this address has an Itaku account, a link to choose a new password is on its way.")


@router.post(
    "/password-reset/confirm",
    response_model=Token,
    responses=error_responses(
        service.LinkInvalid,
        two_factor.TwoFactorRequired,
        two_factor.WrongTwoFactorCode,
        service.AccountHasNoOrganization,
        TooManyRequests,
    ),
)
async def reset_password(
    body: PasswordReset,
    response: Response,
    database: DatabaseDep,
    settings: SettingsDep,
    passwords: PasswordsDep,
    user_agent: UserAgent = None,
) -> Token:
    """Choose a new password with the mailed link and sign in; every other session ends. Also the way back in
    when sign-in is locked by someone guessing the password."""
    await throttle.claim(database, settings, ("token_client", throttle.client_subject()))
    async with database.unit_of_work(write=True) as session:
        signed = await service.reset_password(
            session, body.token, body.password, body.otp, settings=settings, passwords=passwords, user_agent=user_agent
        )
    return deliver(response, signed, settings)


@router.post(
    "/token",
    response_model=Token,
    responses=error_responses(
        InvalidCredentials,
        two_factor.TwoFactorRequired,
        two_factor.WrongTwoFactorCode,
        TooManyRequests,
        service.AccountHasNoOrganization,
    ),
)
async def create_token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    response: Response,
    database: DatabaseDep,
    settings: SettingsDep,
    passwords: PasswordsDep,
    otp: Annotated[
        str | None,
        Form(max_length=20, description="with two-factor sign-in on: the app's 6-digit code, or a recovery code"),
    ] = None,
    user_agent: UserAgent = None,
) -> Token:
    """Sign in with email (as `username`) and password, and `otp` when two-factor sign-in is on (without it the
    answer is 401 `two_factor_required`): a short access token, and for the web app a session cookie that renews it
    (`POST /auth/refresh`). Repeated failures answer 429 with Retry-After."""
    email = form.username.strip().lower()
    # Counted and committed before it is judged, so that parallel attempts cannot pass the limit together; the
    # request's own unit of work starts after.
    claim = await throttle.claim(database, settings, *service.sign_in_counters(email))
    async with database.unit_of_work(write=True) as session:
        signed = await service.sign_in(
            session,
            email,
            form.password,
            otp,
            claim=claim,
            settings=settings,
            passwords=passwords,
            user_agent=user_agent,
        )
    return deliver(response, signed, settings)


@router.post("/refresh", response_model=Token, responses=error_responses(NotAuthenticated))
async def refresh_session(
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    body: RefreshRequest | None = None,
    refresh: RefreshCookie = None,
) -> Token | JSONResponse:
    """A new access token for the session in the web app's cookie (which is renewed in turn), in the organisation
    the page is acting in. Once a session has ended, or a renewed cookie is used again, this answers 401 and the
    cookie is removed."""
    try:
        if not refresh:
            raise sessions.SessionEnded("No session to continue; sign in.")
        wanted = body.organization_id if body else None
        return deliver(response, await service.refresh(session, refresh, wanted, settings=settings), settings)
    except sessions.SessionEnded as ended:
        # Answered here rather than raised, so that the ending is committed and the cookie goes with the answer.
        reply = error_response(ended.status_code, ended.code, ended.detail)
        forget_cookie(reply, settings)
        return reply


@router.post("/sign-out", status_code=status.HTTP_204_NO_CONTENT, responses=error_responses(NotAuthenticated))
async def sign_out(response: Response, session: SessionDep, staff: Staff, settings: SettingsDep) -> None:
    """End this session: its access tokens stop working at once and the web app's cookie is removed."""
    if staff.session_id is not None:
        await sessions.end_session(session, staff.user_id, staff.session_id, "signed_out")
    forget_cookie(response, settings)


@router.post(
    "/sign-out-everywhere", status_code=status.HTTP_204_NO_CONTENT, responses=error_responses(NotAuthenticated)
)
async def sign_out_everywhere(response: Response, session: SessionDep, staff: Staff, settings: SettingsDep) -> None:
    """End every session of yours, on every device, this one included."""
    await user_service.sign_out_everywhere(session, staff, staff.user_id)
    forget_cookie(response, settings)


@router.get("/sessions", response_model=list[SessionRead], responses=error_responses(NotAuthenticated, Forbidden))
async def list_sessions(session: SessionDep, staff: Staff) -> list[SessionRead]:
    """Your open sessions (devices signed in), the newest use first."""
    rows = await sessions.list_open(session, staff.user_id)
    return [SessionRead.model_validate(r).model_copy(update={"current": r.id == staff.session_id}) for r in rows]


@router.delete(
    "/sessions/{session_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(NotAuthenticated, Forbidden, sessions.SessionNotFound),
)
async def end_session(
    session_id: uuid.UUID, response: Response, session: SessionDep, principal: Reader, settings: SettingsDep
) -> None:
    """End one of your sessions (a device you no longer use)."""
    if not isinstance(principal, StaffUser):
        raise sessions.SessionNotFound()  # an API key has no sessions: nothing of its own at this address
    await sessions.end_session(session, principal.user_id, session_id, "signed_out")
    if session_id == principal.session_id:
        forget_cookie(response, settings)


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
    """Change your own password; the current one is required. Every other session of yours ends."""
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


@router.post(
    "/accept-invitation",
    response_model=Token,
    responses=error_responses(
        user_service.InvitationInvalid,
        InvalidCredentials,
        two_factor.TwoFactorRequired,
        two_factor.WrongTwoFactorCode,
        TooManyRequests,
    ),
)
async def accept_invitation(
    body: AcceptInvitation,
    response: Response,
    database: DatabaseDep,
    settings: SettingsDep,
    passwords: PasswordsDep,
    user_agent: UserAgent = None,
) -> Token:
    """Accept an invitation with its link's token and sign in: someone new chooses a password here; someone who
    already has an account enters its current password."""
    await throttle.claim(database, settings, ("token_client", throttle.client_subject()))
    async with database.unit_of_work(write=True) as session:
        user, org_id = await user_service.accept_invitation(
            session, body.token, password=body.password, name=body.name, otp=body.otp, passwords=passwords
        )
        signed = await service.start_session(session, user.id, org_id, settings=settings, user_agent=user_agent)
    return deliver(response, signed, settings)


@router.get("/invitations", response_model=list[PendingInvitation], responses=error_responses(NotAuthenticated))
async def list_invitations(session: SessionDep, staff: Staff) -> list[PendingInvitation]:
    """Organisations that invited your account and wait for your answer."""
    return [
        PendingInvitation(
            id=m.id,
            organization_id=m.organization_id,
            organization_name=name,
            role=Role(m.role),
            invited_at=m.created_at,
        )
        for m, name in await user_service.pending_invitations(session, staff)
    ]


@router.post(
    "/invitations/{membership_id}/accept",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(NotAuthenticated, user_service.InvitationNotFound),
)
async def accept_pending_invitation(membership_id: uuid.UUID, session: SessionDep, principal: Reader) -> None:
    """Join an organisation that invited you; it then appears among the organisations you can switch to."""
    await user_service.answer_invitation(session, principal, membership_id, accept=True)


@router.post(
    "/invitations/{membership_id}/decline",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(NotAuthenticated, user_service.InvitationNotFound),
)
async def decline_invitation(membership_id: uuid.UUID, session: SessionDep, principal: Reader) -> None:
    """Decline an organisation's invitation; it is removed and the organisation's trail records the refusal."""
    await user_service.answer_invitation(session, principal, membership_id, accept=False)


@router.get("/two-factor", response_model=TwoFactorStatus, responses=error_responses(NotAuthenticated, Forbidden))
async def get_two_factor(session: SessionDep, staff: Staff) -> TwoFactorStatus:
    """Whether your two-factor sign-in is on, how many recovery codes are left, and who requires it of you."""
    user, left, required_by = await two_factor.status(session, staff)
    return TwoFactorStatus(
        enabled=user.totp_enabled_at is not None,
        enabled_at=user.totp_enabled_at,
        recovery_codes_left=left,
        required_by=required_by,
    )


@router.post(
    "/two-factor/setup",
    response_model=TwoFactorSetup,
    responses=error_responses(NotAuthenticated, Forbidden, two_factor.TwoFactorAlreadyOn),
)
async def set_up_two_factor(session: SessionDep, staff: Staff) -> TwoFactorSetup:
    """Start setting up an authenticator app: its QR code and secret. Nothing changes at sign-in until a code from
    the app confirms it (`/two-factor/enable`)."""
    setup = await two_factor.begin(session, staff)
    return TwoFactorSetup(secret=setup.secret, otpauth_uri=setup.otpauth_uri, qr_svg=setup.qr_svg)


@router.post(
    "/two-factor/enable",
    response_model=RecoveryCodes,
    responses=error_responses(
        NotAuthenticated,
        Forbidden,
        two_factor.WrongTwoFactorCode,
        two_factor.TwoFactorAlreadyOn,
        two_factor.TwoFactorNotSetUp,
    ),
)
async def enable_two_factor(body: TwoFactorCode, session: SessionDep, staff: Staff) -> RecoveryCodes:
    """Turn two-factor sign-in on with a code from the app just set up; answers ten recovery codes, shown only now.
    Your other sessions end."""
    return RecoveryCodes(recovery_codes=await two_factor.enable(session, staff, body.code))


@router.post(
    "/two-factor/recovery-codes",
    response_model=RecoveryCodes,
    responses=error_responses(NotAuthenticated, Forbidden, two_factor.WrongTwoFactorCode, two_factor.TwoFactorOff),
)
async def renew_recovery_codes(body: TwoFactorCode, session: SessionDep, staff: Staff) -> RecoveryCodes:
    """Ten new recovery codes (the old ones stop working), confirmed with a current code."""
    return RecoveryCodes(recovery_codes=await two_factor.renew_recovery_codes(session, staff, body.code))


@router.post(
    "/two-factor/disable",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(
        NotAuthenticated,
        Forbidden,
        InvalidCredentials,
        two_factor.TwoFactorOff,
        two_factor.TwoFactorRequiredByOrganization,
    ),
)
async def disable_two_factor(
    body: TwoFactorDisable, session: SessionDep, staff: Staff, passwords: PasswordsDep
) -> None:
    """Turn two-factor sign-in off, with your password and a code; refused while an organisation requires it."""
    await two_factor.disable(session, staff, password=body.password, code=body.code, passwords=passwords)
