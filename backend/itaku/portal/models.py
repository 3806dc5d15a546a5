import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from itaku.core.models import Base, IdMixin, TimestampMixin


class PortalInvitation(IdMixin, TimestampMixin, Base):
    """A single-use link for one vendor contact, for one questionnaire or into the portal as a whole. Only the
    token's SHA-256 is stored; the link is exchanged once for a portal session that ends at `session_expires_at`."""

    __tablename__ = "portal_invitations"

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    vendor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vendors.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vendor_contacts.id", ondelete="CASCADE"))
    assessment_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    # The portal session the link was exchanged for ends here (and with a revocation).
    session_expires_at: Mapped[datetime | None]
    emailed_to: Mapped[str | None] = mapped_column(String(320))
    created_by_label: Mapped[str] = mapped_column(String(320))
