"""Registration and onboarding, on top of every domain: an address confirmed by a mailed link becomes an account, and
its first organisation is created with the built-in questionnaires installed."""

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.assessments import templates as assessment_templates
from itaku.auth import repository
from itaku.auth.schemas import Register
from itaku.auth.service import (
    REGISTRATION_LINK_HOURS,
    LinkInvalid,
    SignedIn,
    email_token,
    mail_after_commit,
    start_session,
)
from itaku.core.config import Settings
from itaku.core.errors import Forbidden
from itaku.core.mail import Mailer
from itaku.core.models import utcnow
from itaku.core.security import Passwords, sha256_hex
from itaku.jobs.models import MailKind
from itaku.organizations import service as organization_service
from itaku.organizations.models import Organization
from itaku.users import service as user_service
from itaku.users.models import User


class SignUpDisabled(Forbidden):
    code = "signup_disabled"
    message = "Self-service registration is switched off on this server; ask an administrator for an invitation."


async def register(
    session: AsyncSession, body: Register, *, settings: Settings, passwords: Passwords, mailer: Mailer
) -> None:
    """Start a registration: a confirmation link goes to the address, and nothing is created until it is opened.
    For an address that already has an account, its owner is told instead; the answer, and the work done, are the
    same, so registering tells nobody which addresses have accounts."""
    if not settings.allow_signup:
        raise SignUpDisabled()
    password_hash = await passwords.hash(body.password)
    owner = await user_service.user_by_email(session, body.email)
    base = settings.base_url
    if owner is not None:
        await mail_after_commit(
            session,
            mailer,
            MailKind.registration,
            body.email,
            "[Itaku] 登録のお申し込みについて / About a registration with your address",
            "このメールアドレスで Itaku への新しい組織の登録が申し込まれましたが、"
            "このアドレスにはすでにアカウントがあります。\n"
            f"ご本人の申し込みであれば、ログインしてください: {base}/sign-in\n"
            f"パスワードを忘れた場合は、ここから再設定できます: {base}/forgot-password\n"
            "心当たりがなければ、このメールは無視してください。何も変更されていません。\n\n"
            "Someone asked to register a new organisation on Itaku with this address, which already has an account.\n"
            f"If it was you, sign in: {base}/sign-in\n"
            f"Forgot your password? Reset it here: {base}/forgot-password\n"
            "If it was not you, ignore this mail; nothing was changed.\n",
        )
        return
    payload = {"organization_name": body.organization_name, "name": body.name, "password_hash": password_hash}
    hours = REGISTRATION_LINK_HOURS
    token = await email_token(session, "registration", body.email, None, timedelta(hours=hours), payload)
    link = f"{base}/sign-up/confirm#token={token}"
    await mail_after_commit(
        session,
        mailer,
        MailKind.registration,
        body.email,
        "[Itaku] 登録の確認 / Confirm your registration",
        f"「{body.organization_name}」の Itaku への登録を完了するには、{hours} 時間以内に次のリンクを開いてください:\n"
        f"{link}\n心当たりがなければ、このメールは無視してください。\n\n"
        f"To finish registering {body.organization_name} on Itaku, open this link within {hours} hours:\n"
        f"{link}\nIf you did not ask for this, ignore this mail.\n",
    )


async def confirm_registration(
    session: AsyncSession, token: str, *, settings: Settings, user_agent: str | None
) -> SignedIn:
    """Create the organisation and its first administrator from a confirmed registration, and sign in."""
    row = await repository.usable_token(session, "registration", sha256_hex(token), utcnow())
    if row is None or row.payload is None:
        raise LinkInvalid()
    row.used_at = utcnow()
    if await user_service.user_by_email(session, row.email):
        raise LinkInvalid("This address has an Itaku account already; sign in instead.")
    org, user = await create_organization(
        session,
        organization_name=row.payload["organization_name"],
        email=row.email,
        name=row.payload["name"],
        password_hash=row.payload["password_hash"],
    )
    return await start_session(session, user.id, org.id, settings=settings, user_agent=user_agent)


async def create_organization(
    session: AsyncSession, *, organization_name: str, email: str, name: str, password_hash: str
) -> tuple[Organization, User]:
    """An organisation with its first administrator and the built-in questionnaires (registration, the CLI)."""
    org = await organization_service.create(session, organization_name)
    user, actor = await user_service.create_founder(
        session, organization_id=org.id, email=email, name=name, password_hash=password_hash
    )
    await organization_service.record_created(session, actor, org)
    await assessment_templates.install_builtins(session, org.id)
    return org, user
