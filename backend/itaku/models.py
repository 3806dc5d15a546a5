"""Every table, imported once so the mapper registry and Alembic see the whole schema."""

from itaku.api_keys.models import ApiKey
from itaku.audit.models import AuditChainHead, AuditEvent
from itaku.auth.models import SignInFailure
from itaku.core.models import Base
from itaku.organizations.models import Organization
from itaku.users.models import Invitation, Membership, User

__all__ = [
    "ApiKey",
    "AuditChainHead",
    "AuditEvent",
    "Base",
    "Invitation",
    "Membership",
    "Organization",
    "SignInFailure",
    "User",
]
