"""The mail port: hands one message to the SMTP server. Services do not call it: they queue mail as a job
(itaku.jobs.service.queue_mail), which calls it, retries it and logs each delivery."""

import logging
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage

import anyio.to_thread

from itaku.core.config import Settings

log = logging.getLogger("itaku.mail")


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str


class MailNotConfigured(RuntimeError):
    pass


class Mailer:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @property
    def enabled(self) -> bool:
        return bool(self.settings.smtp_host)

    async def send(self, mail: Mail) -> None:
        """Raises when no SMTP server is configured or the server refuses the message."""
        if not self.enabled:
            raise MailNotConfigured("No SMTP server is configured (ITAKU_SMTP_HOST is unset), so nothing was sent.")
        await anyio.to_thread.run_sync(self._send_sync, mail)
        log.info("mail_sent", extra={"to": mail.to, "subject": mail.subject})

    def _send_sync(self, mail: Mail) -> None:
        s = self.settings
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = s.mail_from, mail.to, mail.subject
        msg.set_content(mail.body)
        with smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=30) as smtp:
            if s.smtp_starttls:
                smtp.starttls()
            if s.smtp_username:
                smtp.login(s.smtp_username, s.smtp_password)
            smtp.send_message(msg)
