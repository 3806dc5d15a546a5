"""Reminders (issue 7/7): what is due soon, due or late reaches the internal owner — and, for what the vendor owes,
its contacts — at a real SMTP server, once per item, stage and address, also with two workers running at once."""

import asyncio
import os
import sys
import uuid
from email.header import decode_header, make_header
from pathlib import Path
from typing import Any

import httpx

from tests.builders import register
from tests.conftest import TEST_AUDIT_KEY, Inbox, TestDatabase
from tests.test_vendor_reports import critical_vendor_with_history

REMINDED = {"due_soon", "due", "overdue"}


async def worker_once(database: TestDatabase, smtp_port: int) -> int:
    env = {
        **os.environ,
        "DATABASE_URL": database.url,
        "ITAKU_ENVIRONMENT": "test",
        "ITAKU_SECRET_KEY": "worker-secret-" + "z" * 40,
        "ITAKU_AUDIT_KEY": TEST_AUDIT_KEY,
        "ITAKU_SMTP_HOST": "127.0.0.1",
        "ITAKU_SMTP_PORT": str(smtp_port),
        "ITAKU_PUBLIC_URL": "https://itaku.example.com",
        "ITAKU_LOG_LEVEL": "WARNING",
    }
    proc = await asyncio.create_subprocess_exec(
        str(Path(sys.executable).with_name("itaku")), "worker", "--once", env=env
    )
    return await proc.wait()


async def test_reminders_arrive_once_per_item_and_stage_with_two_workers(
    mail_client: httpx.AsyncClient, database: TestDatabase, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    org = await register(mail_client, organization_name="株式会社みらい学園")
    # The worker serves every organisation in the database; this test counts what reaches its own addresses.
    contact = f"security-{uuid.uuid4().hex[:8]}@payroll.example"
    vendor, _ = await critical_vendor_with_history(mail_client, org, email=contact)
    ours = {org.email, contact}
    r = await mail_client.get(
        "/api/v1/monitoring-items", params={"vendor_id": vendor["id"], "size": 100}, headers=org.headers
    )
    items: list[dict[str, Any]] = r.json()["items"]
    reminded = [i for i in items if i["stage"] in REMINDED]
    assert any(i["stage"] == "overdue" for i in reminded)
    # The administrator hears of each; the vendor's security officer of its reports once they can be written.
    vendor_side = [i for i in reminded if i["kind"] == "vendor_report" and i["stage"] != "due_soon"]
    expected = len(reminded) + len(vendor_side)

    before = len(inbox.messages)
    assert await asyncio.gather(worker_once(database, port), worker_once(database, port)) == [0, 0]
    await asyncio.sleep(0.5)  # every worker has exited after sending; a straggler would arrive about now
    sent = [m for m in inbox.messages[before:] if m["To"] in ours]
    assert len(sent) == expected
    to_staff = [m for m in sent if m["To"] == org.email]
    to_vendor = [m for m in sent if m["To"] == contact]
    assert (len(to_staff), len(to_vendor)) == (len(reminded), len(vendor_side))
    overdue = next(m for m in to_vendor if "期限を過ぎています" in str(make_header(decode_header(m["Subject"]))))
    body = overdue.get_payload(decode=True).decode()  # type: ignore[union-attr]
    assert "https://itaku.example.com/portal/reports/" in body  # the report's page, which offers a link when needed

    # Another run finds every reminder of these stages sent.
    assert await worker_once(database, port) == 0
    await asyncio.sleep(0.5)
    assert len([m for m in inbox.messages[before:] if m["To"] in ours]) == expected
