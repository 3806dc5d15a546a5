from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from itaku.core.models import Base


class RateLimit(Base):
    """Attempts of one kind by one subject (an account, a client address) in the current fixed window.

    `key` is the rule's name and a hash of the subject: the table holds no email or address in clear."""

    __tablename__ = "rate_limits"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    window_started_at: Mapped[datetime]
    count: Mapped[int] = mapped_column(Integer)
