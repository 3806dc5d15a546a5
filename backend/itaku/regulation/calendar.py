"""The days Japanese administrative offices are closed, for deadlines that move to the next open day.

行政機関の休日に関する法律 Art. 1 closes offices on Saturdays, Sundays, national holidays (国民の祝日に関する法律:
holidays, substitute holidays, citizens' holidays) and 29 December – 3 January; Art. 2 moves a deadline that falls on
a closed day to the next day. The guideline applies this to the final report (通則編 3-5-3-4; REGULATION.md §1.6).
The national holidays come from the `holidays` package (maintained, with substitute and citizens' holidays); a
deadline that runs through several closed days moves past all of them (REGULATION.md §7 item 4: our reading)."""

from datetime import date, timedelta
from functools import cache

import holidays


@cache
def _national_holidays(year: int, language: str) -> dict[date, str]:
    return dict(holidays.country_holidays("JP", years=year, language=language))


def year_end_closure(day: date) -> bool:
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def closed_because(day: date) -> tuple[str, str] | None:
    """Why offices are closed that day, in Japanese and English, or None on an open day."""
    if day.weekday() == 5:
        return "土曜日", "Saturday"
    if day.weekday() == 6:
        return "日曜日", "Sunday"
    if year_end_closure(day):
        return "年末年始の閉庁日（12月29日〜1月3日）", "year-end closure (29 December – 3 January)"
    name = _national_holidays(day.year, "ja").get(day)
    return (name, _national_holidays(day.year, "en_US")[day]) if name else None


def next_open_day(day: date) -> date:
    """The day itself when offices are open, else the first open day after it."""
    while closed_because(day) is not None:
        day += timedelta(days=1)
    return day
