"""Demo data for `make run`: an organisation whose people and history tell the product's story.

Later features extend `load` with vendors, contracts, assessments and incidents.
"""

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.api_keys import service as api_key_service
from itaku.core.config import Settings
from itaku.core.mail import Mailer
from itaku.core.security import Passwords
from itaku.organizations import service as organization_service
from itaku.organizations.models import Role
from itaku.users import service as user_service
from itaku.users.schemas import MemberInvite

DEMO_ORGANIZATION = "さくら商事株式会社"
DEMO_ADMIN_EMAIL = "admin@demo.itaku.example"
DEMO_PASSWORD = "itaku-demo-2026"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    password: str
    created: bool


async def load(session: AsyncSession, settings: Settings, passwords: Passwords) -> DemoLogin:
    """Idempotent: does nothing when the demo administrator already exists."""
    if await user_service.user_by_email(session, DEMO_ADMIN_EMAIL):
        return DemoLogin(DEMO_ADMIN_EMAIL, DEMO_PASSWORD, created=False)
    org = await organization_service.create(session, DEMO_ORGANIZATION)
    _, admin = await user_service.create_founder(
        session,
        organization_id=org.id,
        email=DEMO_ADMIN_EMAIL,
        name="情報管理 花子",
        password_hash=await passwords.hash(DEMO_PASSWORD),
    )
    await organization_service.record_created(session, admin, org)
    mailer = Mailer(settings.model_copy(update={"smtp_host": ""}))
    for email, name, role in (
        ("risk.manager@demo.itaku.example", "リスク管理 太郎", Role.manager),
        ("procurement@demo.itaku.example", "購買 次郎", Role.manager),
        ("internal.audit@demo.itaku.example", "内部監査 三郎", Role.viewer),
    ):
        m, _url = await user_service.invite(
            session, admin, MemberInvite(email=email, name=name, role=role), settings=settings, mailer=mailer
        )
        m.user.password_hash = await passwords.hash(DEMO_PASSWORD)
    await api_key_service.create(session, admin, name="人事システム連携 (HR system)", scopes=["read"])
    await api_key_service.create(session, admin, name="調達システム連携 (procurement)", scopes=["read", "write"])
    return DemoLogin(DEMO_ADMIN_EMAIL, DEMO_PASSWORD, created=True)
