"""Calendar arithmetic every domain shares: an organisation's "today" is the date on its wall clock, not UTC's."""

import calendar
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo


def today_in(time_zone: str, now: datetime | None = None) -> date:
    """The date in `time_zone` at `now` (default: this moment)."""
    return (now or datetime.now(UTC)).astimezone(ZoneInfo(time_zone)).date()


def add_months(start: date, months: int) -> date:
    """The same day `months` later, or the month's last day where it is shorter (31 Jan + 1 → 28/29 Feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
