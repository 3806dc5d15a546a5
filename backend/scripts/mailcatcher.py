"""A real SMTP server for the browser tests (e2e/start-backend.sh): each message it receives is kept in a folder,
as sent (`<n>.eml`) and decoded (`<n>.json`: to, subject, body), so a test can follow a mailed link.

It refuses recipients whose address starts with `bounce` (550, as a real server refuses an unknown mailbox), so a
test can watch a delivery fail. It listens on a free loopback port, which it writes to --port-file once ready, and
stops when the process that started it ends.
"""

import argparse
import json
import os
import socket
import time
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller


class Keep:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0

    async def handle_RCPT(self, _server: Any, _session: Any, envelope: Any, address: str, _options: Any) -> str:
        if address.lower().startswith("bounce"):
            return "550 5.1.1 <" + address + ">: mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        self.count += 1
        stem = self.folder / f"{self.count:05d}"
        stem.with_suffix(".eml").write_bytes(envelope.content)
        message = message_from_bytes(envelope.content, policy=default)
        assert isinstance(message, EmailMessage)
        body = message.get_body(("plain",))
        decoded = {"to": message["To"], "subject": message["Subject"], "body": body.get_content() if body else ""}
        # Written whole, then renamed: a reader never sees half a file.
        draft = stem.with_suffix(".tmp")
        draft.write_text(json.dumps(decoded, ensure_ascii=False), encoding="utf-8")
        draft.rename(stem.with_suffix(".json"))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folder", type=Path, required=True)
    parser.add_argument("--port-file", type=Path, required=True)
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    controller = Controller(Keep(args.folder), hostname="127.0.0.1", port=port)
    controller.start()
    args.port_file.write_text(str(port), encoding="utf-8")
    parent = os.getppid()
    try:
        while os.getppid() == parent:  # the backend that started us (the shell execs into it) is still there
            time.sleep(1)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
