"""Who is calling: a staff user acting in one organisation, an organisation's API key, a vendor's contact in the
portal, or the server's operator at the command line. Every domain names its caller with these types."""

import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, Protocol

from itaku.core.errors import Forbidden

Scope = Literal["read", "write"]


class Role(StrEnum):
    """A member's role in one organisation."""

    admin = "admin"
    manager = "manager"
    viewer = "viewer"


@dataclass(frozen=True, slots=True)
class StaffUser:
    user_id: uuid.UUID
    organization_id: uuid.UUID
    role: Role
    email: str
    name: str
    # Read with the identity in the same query, so GET /auth/me needs no other (it runs on every page load).
    locale: str = "ja"
    time_zone: str | None = None
    user_version: int = 1
    # (organisation id, name, time zone, role) of every active membership.
    organizations: tuple[tuple[uuid.UUID, str, str, str], ...] = ()
    # The sign-in the request's token belongs to (None for work done outside a request: the CLI, registration).
    session_id: uuid.UUID | None = None
    # The organisation requires a second factor of this person, who has not set one up: only that may be done.
    two_factor_missing: bool = False

    actor_type = "user"

    @property
    def actor_id(self) -> uuid.UUID:
        return self.user_id

    @property
    def actor_label(self) -> str:
        return self.email

    @property
    def can_write(self) -> bool:
        return self.role in (Role.admin, Role.manager)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.admin


@dataclass(frozen=True, slots=True)
class ApiClient:
    api_key_id: uuid.UUID
    organization_id: uuid.UUID
    name: str
    scopes: tuple[str, ...]

    actor_type = "api_key"

    @property
    def actor_id(self) -> uuid.UUID:
        return self.api_key_id

    @property
    def actor_label(self) -> str:
        return f"API key: {self.name}"

    @property
    def can_write(self) -> bool:
        return "write" in self.scopes

    @property
    def is_admin(self) -> bool:
        # Keys integrate systems; administering people and keys stays with a signed-in admin.
        return False


@dataclass(frozen=True, slots=True)
class PortalContact:
    """A vendor's contact in the portal, through one invitation: sees only what is addressed to its vendor."""

    invitation_id: uuid.UUID
    organization_id: uuid.UUID
    vendor_id: uuid.UUID
    contact_id: uuid.UUID
    name: str
    email: str | None
    # The one assessment the invitation opened, when it was sent for one.
    assessment_id: uuid.UUID | None

    actor_type = "vendor_contact"

    @property
    def actor_id(self) -> uuid.UUID:
        return self.contact_id

    @property
    def actor_label(self) -> str:
        return f"{self.name} ({self.email})" if self.email else self.name


@dataclass(frozen=True)
class Operator:
    """Whoever runs the `itaku` command on the server, as the audit trail names them."""

    organization_id: uuid.UUID
    actor_label: str
    actor_type: str = "operator"
    actor_id: uuid.UUID | None = None


# Staff-side callers: the only ones that may act on the register through the staff API.
Principal = StaffUser | ApiClient
# Anyone a service may act for, the vendor's contact included; each service narrows what each may see.
Caller = Principal | PortalContact


class Actor(Protocol):
    """Whatever the audit trail can name as the doer of a change: any caller, or the server's operator."""

    @property
    def organization_id(self) -> uuid.UUID: ...
    @property
    def actor_type(self) -> str: ...
    @property
    def actor_id(self) -> uuid.UUID | None: ...
    @property
    def actor_label(self) -> str: ...


def ensure_admin(principal: Principal) -> StaffUser:
    """Administration belongs to signed-in administrators. Call it only after the scoped lookup of the
    row being administered, so another organisation's id answers 404 before any 403."""
    if not isinstance(principal, StaffUser):
        raise Forbidden("Only a signed-in administrator can do this; API keys cannot.")
    if not principal.is_admin:
        raise Forbidden("Only an administrator of this organisation can do this.")
    return principal
