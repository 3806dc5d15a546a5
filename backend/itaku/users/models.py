import uuid
from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from itaku.core.models import Base, IdMixin, TimestampMixin, VersionedMixin


class User(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A person; what they may do lives on their memberships, one per organisation."""

    __tablename__ = "users"

    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # None until an invited user accepts the invitation and chooses a password.
    password_hash: Mapped[str | None] = mapped_column(String(255), default=None)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    locale: Mapped[str] = mapped_column(String(8), default="ja")
    time_zone: Mapped[str | None] = mapped_column(String(64), default=None)
    last_organization_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), default=None
    )
    # Two-factor sign-in: the authenticator's secret (set up first, then turned on by a code from it), and the last
    # time step used, so that one code is not accepted twice.
    totp_secret: Mapped[str | None] = mapped_column(String(64), default=None)
    totp_enabled_at: Mapped[datetime | None] = mapped_column(default=None)
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger, default=None)


class Membership(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("organization_id", "user_id"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    # None until the person accepts the invitation: an account is never added to an organisation without its
    # consent, and until then the organisation sees only the email and the name its administrator typed.
    accepted_at: Mapped[datetime | None] = mapped_column(default=None)
    invited_name: Mapped[str | None] = mapped_column(String(200), default=None)

    user: Mapped[User] = relationship(lazy="raise")


class Invitation(IdMixin, Base):
    __tablename__ = "invitations"

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None] = mapped_column(default=None)


class UserSession(IdMixin, Base):
    """One sign-in: the access tokens issued for it name it (`sid`), and every request checks it is still open, so
    ending it (signing out, a password change, a role change, removal, "sign out everywhere") takes effect at once.
    The browser keeps it going with a refresh token in an HttpOnly cookie; only hashes of that token are stored."""

    __tablename__ = "user_sessions"
    __table_args__ = (Index("ix_user_sessions_user_id_ended_at", "user_id", "ended_at"),)

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime]
    refreshed_at: Mapped[datetime]
    # Refreshing must come before this (the idle limit, moved on by each refresh) and before `expires_at`.
    idle_expires_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    ended_at: Mapped[datetime | None] = mapped_column(default=None)
    end_reason: Mapped[str | None] = mapped_column(String(32), default=None)
    refresh_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The token it replaced, accepted for a few seconds after (two tabs refreshing at once); later it means theft.
    previous_refresh_hash: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    user_agent: Mapped[str | None] = mapped_column(String(300), default=None)
    ip: Mapped[str | None] = mapped_column(String(64), default=None)


class RecoveryCode(IdMixin, Base):
    """A single-use code that stands in for the authenticator (a lost phone); only its SHA-256 is kept."""

    __tablename__ = "recovery_codes"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    used_at: Mapped[datetime | None] = mapped_column(default=None)
