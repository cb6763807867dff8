"""A real SMTP server for the tests (aiosmtpd on loopback), and the worker's part of sending."""

import socket

from aiosmtpd.handlers import Message


class Inbox(Message):
    """What the SMTP server received."""

    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)

    def text_to(self, address: str) -> str:
        """The plain-text part of the last message to `address`."""
        message = [m for m in self.messages if m["To"] == address][-1]
        for part in message.walk():
            if part.get_content_type() == "text/plain":
                return part.get_payload(decode=True).decode()
        raise AssertionError("no text part")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def deliver_queued() -> None:
    """The worker's part: send what is still queued. On PostgreSQL a live server's commit has
    sent it already; on SQLite the server shares the test's connection, whose transaction never
    commits, so its e-mails wait in the queue for this."""
    from hcs.mail.models import OutgoingEmail
    from hcs.mail.services import email_send

    for pk in OutgoingEmail.objects.filter(state="queued").values_list("pk", flat=True):
        email_send(pk)
