from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from itaku.core.models import Base, IdMixin


class SignInFailure(IdMixin, Base):
    """Failed password sign-ins, counted per email over a sliding window to throttle guessing."""

    __tablename__ = "sign_in_failures"
    __table_args__ = (Index("ix_sign_in_failures_email_at", "email", "created_at"),)

    email: Mapped[str] = mapped_column(String(320))
    ip: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]
