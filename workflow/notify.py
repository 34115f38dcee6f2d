"""E-mail notifications (task opened, rejection notice). Embedded default: .eml files in an outbox folder that
an MTA or the operator picks up; production: SMTP (AKTENFLUSS_SMTP_HOST)."""
from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from workflow.settings import Settings

log = logging.getLogger(__name__)


class Notifier:
    def __init__(self, outbox: Path, *, sender: str, smtp_host: str | None = None, api_url: str = "") -> None:
        self.outbox = outbox
        self.sender = sender
        self.smtp_host = smtp_host
        self.api_url = api_url

    def send(self, to: str, subject: str, body: str, *, key: str) -> Path:
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = self.sender, to, subject
        msg.set_content(body)
        self.outbox.mkdir(parents=True, exist_ok=True)
        path = self.outbox / f"{key}.eml"  # one file per notice: a redelivered event overwrites, not duplicates
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(bytes(msg))
        tmp.replace(path)
        if self.smtp_host:
            try:
                with smtplib.SMTP(self.smtp_host, timeout=10) as smtp:
                    smtp.send_message(msg)
            except OSError as exc:  # the .eml stays in the outbox for a later resend
                log.warning("SMTP %s failed for %s: %s", self.smtp_host, key, exc)
        return path

    def task_opened(self, task: Any, policy: Any) -> None:
        for user in task.candidates:
            person = policy.person(user)
            if person is None or not person.email:
                continue
            body = (f"Guten Tag {person.name},\n\nin Ihrem Posteingang wartet eine Aufgabe:\n\n"
                    f"  {task.meta.get('label', task.step)}\n  {task.meta.get('title', '')}\n"
                    f"  fällig bis {task.due_at:%d.%m.%Y %H:%M} Uhr\n\n"
                    f"Öffnen: {self.api_url}/ui/inbox?user={user}\n\nIhr Aktenfluss")
            self.send(person.email, f"Aufgabe: {task.meta.get('label', task.step)}", body,
                      key=f"task-{task.task_id}-{user}")


def build_notifier(settings: Settings) -> Notifier:
    return Notifier(settings.data_dir / "outbox", sender=settings.mail_sender, smtp_host=settings.smtp_host,
                    api_url=settings.api_url)
