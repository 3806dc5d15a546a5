import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from itaku.core.models import Base, IdMixin


class AuditEvent(IdMixin, Base):
    """Append-only. `hash` is the link: an HMAC under the key `key_id` names (ITAKU_AUDIT_KEY) of every other column
    and the previous event's link (per organisation); null `key_id`: a plain SHA-256, from before links were keyed."""

    __tablename__ = "audit_events"
    __table_args__ = (
        UniqueConstraint("organization_id", "seq"),
        Index("ix_audit_events_org_occurred", "organization_id", "occurred_at", "seq"),  # the trail, by cursor too
        Index("ix_audit_events_org_entity", "organization_id", "entity_type", "entity_id"),
        Index("ix_audit_events_org_actor", "organization_id", "actor_id"),
        Index("ix_audit_events_org_scope", "organization_id", "scope_id"),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    occurred_at: Mapped[datetime]
    actor_type: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[uuid.UUID | None]
    actor_label: Mapped[str] = mapped_column(String(320))
    entity_type: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[uuid.UUID | None]
    action: Mapped[str] = mapped_column(String(64))
    changes: Mapped[dict[str, Any]] = mapped_column(JSON)
    request_id: Mapped[str | None] = mapped_column(String(64))
    # The record the event's entity belongs to (the vendor of a contact, an assessment, a finding), so a
    # vendor's history shows what happened to everything that is part of it.
    scope_id: Mapped[uuid.UUID | None]
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[str | None] = mapped_column(String(32), default=None)


class AuditChainHead(Base):
    """The newest link of each organisation's chain; locking it serialises appends. `seal` (an HMAC of the
    organisation, seq and link under `key_id`) keeps it from being moved back onto an earlier event."""

    __tablename__ = "audit_chain_heads"

    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    hash: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[str | None] = mapped_column(String(32), default=None)
    seal: Mapped[str | None] = mapped_column(String(64), default=None)
