"""Reminders of what is due soon or overdue, mailed to the vendor's contacts and the owners, each at most once."""

import uuid
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from itaku.core.config import Settings
from itaku.core.mail import Mail, Mailer
from itaku.jobs import service as job_service
from itaku.jobs.models import MailKind
from itaku.monitoring import repository, schedule
from itaku.monitoring.calendar import item_title
from itaku.monitoring.models import (
    MonitoringItem,
)
from itaku.monitoring.policy import context
from itaku.monitoring.schedule import ItemKind, Stage
from itaku.users import service as user_service
from itaku.vendors import service as vendor_service

REMINDED_STAGES = (Stage.due_soon, Stage.due, Stage.overdue)
STAGE_WORDS = {
    Stage.due_soon: ("期限が近づいています", "due soon"),
    Stage.due: ("対応の時期です", "due now"),
    Stage.overdue: ("期限を過ぎています", "overdue"),
}


def _reminder(item: MonitoringItem, vendor_name: str, stage: Stage, link: str, *, vendor_side: bool) -> tuple[str, str]:
    title = item_title(item)
    ja, en = STAGE_WORDS[stage]
    due = item.due_date.isoformat()
    if vendor_side:
        return (
            f"[Itaku] {title.ja}：{ja}（{due}） / {title.en}: {en} ({due})",
            f"{vendor_name} ご担当者様\n\n{title.ja}の提出期限は{due}です（{ja}）。\n"
            f"ポータルから提出できます。リンクをお持ちでなければ、登録済みのメールアドレスで請求できます。\n{link}\n\n"
            f"The {title.en.lower()} of {vendor_name} is due on {due} ({en}).\n"
            f"Submit it in the portal; without a link, ask for one with your registered address.\n{link}\n",
        )
    return (
        f"[Itaku] {vendor_name}：{title.ja} {ja}（{due}） / {vendor_name}: {title.en} {en} ({due})",
        f"{vendor_name} の「{title.ja}」は{due}が期限です（{ja}）。\n{link}\n\n"
        f"{vendor_name}: {title.en} is due on {due} ({en}).\n{link}\n",
    )


async def send_reminders(
    session: AsyncSession, organization_id: uuid.UUID, *, settings: Settings, mailer: Mailer, today: date | None = None
) -> int:
    """Remind the internal owner (and, for what the vendor owes, its contacts) of every item due soon, due or late,
    once per item, stage and address. Mail leaves after the transaction commits; returns how many were claimed."""
    ctx = await context(session, organization_id, today=today)
    rows = await repository.items_to_remind(
        session, ctx.today + timedelta(days=ctx.values.due_soon_days), organization_id
    )
    vendor_side = {v.id for i, v in rows if i.kind == ItemKind.vendor_report.value}
    contacts = await vendor_service.report_contacts(session, vendor_side)
    owners: dict[uuid.UUID | None, list[str]] = {}
    claimed = 0
    for item, vendor in rows:
        stage = schedule.stage(item.due_date, item.opens_on, False, ctx.today, ctx.values.due_soon_days)
        if stage not in REMINDED_STAGES:
            continue
        if vendor.owner_user_id not in owners:
            owners[vendor.owner_user_id] = await user_service.notification_recipients(
                session, organization_id, vendor.owner_user_id
            )
        staff_link = f"{settings.base_url}/monitoring?vendor={vendor.id}"
        targets = [(to, False) for to in owners[vendor.owner_user_id]]
        if item.kind == ItemKind.vendor_report.value and stage != Stage.due_soon:  # vendors hear once it can be done
            targets += [(to, True) for to in contacts.get(vendor.id, [])]
        for to, is_vendor in targets:
            if not await repository.claim_reminder(session, item, stage.value, to):
                continue
            claimed += 1
            # The report's page: it opens in a live portal session, and otherwise offers a link by registered email.
            link = f"{settings.base_url}/portal/reports/{item.id}" if is_vendor else staff_link
            subject, body = _reminder(item, vendor.name, stage, link, vendor_side=is_vendor)
            await job_service.queue_mail(
                session,
                mailer,
                Mail(to=to, subject=subject, body=body),
                kind=MailKind.monitoring_reminder,
                organization_id=organization_id,
            )
    return claimed
