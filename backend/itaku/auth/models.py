import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from itaku.core.models import Base, IdMixin


class EmailToken(IdMixin, Base):
    """A single-use link mailed to an address: confirming a registration, or resetting a password. Only the token's
    SHA-256 is kept; a registration keeps what the form said (with the password already hashed) until confirmed."""

    __tablename__ = "email_tokens"

    purpose: Mapped[str] = mapped_column(String(32))
    email: Mapped[str] = mapped_column(String(320))
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), default=None)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None] = mapped_column(default=None)
