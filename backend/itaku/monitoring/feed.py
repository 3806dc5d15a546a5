"""The review calendar as an iCalendar feed behind a secret URL, for the staff's own calendars."""

import hashlib
import secrets
import uuid
from datetime import timedelta

import icalendar
from sqlalchemy.ext.asyncio import AsyncSession

from itaku.audit import service as audit
from itaku.core.errors import (
    NotAuthenticated,
    NotFound,
)
from itaku.core.models import utcnow
from itaku.core.pagination import PageParams
from itaku.identity.principals import Principal, StaffUser
from itaku.incidents import deadlines as incident_deadlines
from itaku.monitoring import repository
from itaku.monitoring.calendar import item_view
from itaku.monitoring.models import (
    CalendarFeed,
)
from itaku.monitoring.policy import context
from itaku.monitoring.schedule import Stage
from itaku.users import service as user_service

# A calendar app reads the whole feed on every refresh: the nearest items first, up to this many (the
# organisation's review queue is where more is worked through).
FEED_ITEMS = 2000


class CalendarFeedNotFound(NotFound):
    code = "calendar_feed_not_found"
    message = "No such calendar feed (it may have been revoked)."


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def list_feeds(session: AsyncSession, staff: StaffUser) -> list[CalendarFeed]:
    return await repository.feeds_of(session, staff.user_id, staff.organization_id)


async def create_feed(session: AsyncSession, staff: StaffUser) -> tuple[CalendarFeed, str]:
    """A secret address for the user's calendar app; the token is shown once and only its hash is kept."""
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed(
        organization_id=staff.organization_id,
        user_id=staff.user_id,
        token_hash=_token_hash(token),
        lang="en" if staff.locale == "en" else "ja",
    )
    await repository.add(session, feed)
    await audit.record(session, staff, entity_type="calendar_feed", entity_id=feed.id, action="created")
    return feed, token


async def revoke_feed(session: AsyncSession, principal: Principal, feed_id: uuid.UUID) -> CalendarFeed:
    """A user revokes one of their own addresses (an API key has none)."""
    if not isinstance(principal, StaffUser):
        raise CalendarFeedNotFound()
    staff = principal
    feed = next((f for f in await list_feeds(session, staff) if f.id == feed_id), None)
    if feed is None:
        raise CalendarFeedNotFound()
    if feed.revoked_at is None:
        feed.revoked_at = utcnow()
        await session.flush()
        await audit.record(session, staff, entity_type="calendar_feed", entity_id=feed.id, action="revoked")
    return feed


async def feed_calendar(session: AsyncSession, token: str, *, base_url: str) -> bytes:
    """The deadlines of the feed's organisation as iCalendar: open review items, and the regulator and notice
    deadlines of open incidents. A revoked feed, or one whose user has left, is not found."""
    feed = await repository.feed_by_hash(session, _token_hash(token))
    if feed is None:
        raise CalendarFeedNotFound()
    try:
        staff = await user_service.staff_principal(session, feed.user_id, feed.organization_id, None)
    except NotAuthenticated:
        raise CalendarFeedNotFound() from None
    ctx = await context(session, feed.organization_id)
    lang = feed.lang
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Itaku//Review calendar//JA")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Itaku 期限" if lang == "ja" else "Itaku deadlines")
    cal.add("x-wr-timezone", ctx.time_zone)
    rows = (
        await repository.list_items(
            session,
            feed.organization_id,
            PageParams(page=1, size=FEED_ITEMS),
            "due_date",
            today=ctx.today,
            due_soon_days=ctx.values.due_soon_days,
            stages=[Stage.overdue, Stage.due, Stage.due_soon, Stage.scheduled],
            due_to=ctx.today + timedelta(days=400),
        )
    ).rows
    for row in rows:
        v = item_view(ctx, row)
        event = icalendar.Event()
        event.add("uid", f"monitoring-{v.item.id}@itaku")
        event.add("dtstamp", utcnow())
        event.add("dtstart", v.item.due_date)
        event.add("dtend", v.item.due_date + timedelta(days=1))
        event.add("summary", f"{v.vendor_name}: {getattr(v.title, lang)}")
        event.add("url", f"{base_url}/monitoring?vendor={v.item.vendor_id}")
        event.add("categories", ["Itaku", v.item.kind])
        cal.add_component(event)
    deadlines = await incident_deadlines.upcoming_deadlines(session, staff, days=400)
    for d in deadlines.deadlines:
        ob, incident = d.obligation, d.incident
        event = icalendar.Event()
        event.add("uid", f"obligation-{ob.id}@itaku")
        event.add("dtstamp", utcnow())
        if ob.due_at is not None:
            event.add("dtstart", ob.due_at)
            event.add("dtend", ob.due_at)
        label = OBLIGATION_LABELS.get(ob.kind, (ob.kind, ob.kind))
        event.add("summary", f"{d.vendor_name}: {label[0] if lang == 'ja' else label[1]} — {incident.title}")
        event.add("url", f"{base_url}/incidents/{incident.id}")
        event.add("categories", ["Itaku", "incident"])
        cal.add_component(event)
    return bytes(cal.to_ical())


OBLIGATION_LABELS = {
    "regulator_preliminary_report": ("個人情報保護委員会への速報", "Preliminary report to the regulator"),
    "regulator_final_report": ("個人情報保護委員会への確報", "Final report to the regulator"),
    "notify_individuals": ("本人への通知", "Notice to individuals"),
    "authority_notification": ("監督機関への通知（72時間）", "Notification of the supervisory authority (72 h)"),
}
