"""Real SMTP servers (aiosmtpd) for the tests, and what they received.

Kept out of conftest.py: pytest imports that file under its own name, so state there would exist twice for
modules that import `tests.conftest`.
"""

import asyncio
import socket
from email import message_from_bytes
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Inbox:
    """What a real SMTP server (aiosmtpd) received."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        INBOXES.append(self)

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"

    async def wait_for(self, count: int) -> None:
        for _ in range(100):
            if len(self.messages) >= count:
                return
            await asyncio.sleep(0.05)


INBOXES: list["Inbox"] = []
_session_smtp: list[int] = []


def session_smtp_port() -> int:
    """A real SMTP server for the whole run, started on first use: every app the tests make sends its mail here
    unless a test gives its own (`smtp`), so that registering an organisation can follow its confirmation link."""
    if not _session_smtp:
        port = free_port()
        controller = Controller(Inbox(), hostname="127.0.0.1", port=port)
        controller.start()
        _session_smtp.append(port)
    return _session_smtp[0]


def mail_to(address: str) -> Message:
    """The newest mail any test SMTP server received for `address`."""
    for inbox in reversed(INBOXES):
        for message in reversed(inbox.messages):
            if message["To"] == address:
                return message
    raise AssertionError(f"no mail was sent to {address}")


def take_mail(address: str) -> Message:
    """The newest mail for `address`, taken out of its mailbox as a person reads it (builders use it, so that a
    test counting the mails it causes does not count the registration's)."""
    message = mail_to(address)
    for inbox in INBOXES:
        if message in inbox.messages:
            inbox.messages.remove(message)
    return message


mail_to.__test__ = False  # type: ignore[attr-defined]  (a helper, not a test)
