"""Notification channels: where a claimed reminder is delivered. A small registry, like the
requirement registry, so a new channel is registered rather than added to an if/elif chain.

A channel's deliver() raises when it could not deliver (mail server down); the outbox then keeps
the reminder pending and retries later, skipping the channels that already delivered it.
"""

from django.core.mail import EmailMessage
from django.core.mail import get_connection as get_mail_connection

from deadlines.models import Notification


class Channel:
    name = ""

    def deliver(self, reminder, recipients: list) -> None:
        raise NotImplementedError


class PortalChannel(Channel):
    """The recipient's in-portal notification list; one entry per user and reminder."""

    name = "portal"

    def deliver(self, reminder, recipients):
        Notification.objects.bulk_create(
            [Notification(user=user, reminder=reminder) for user in recipients],
            ignore_conflicts=True,
        )


class EmailChannel(Channel):
    """One email per reminder, addressed to every recipient, so a retry is all or nothing."""

    name = "email"

    def deliver(self, reminder, recipients):
        addresses = sorted({user.email for user in recipients if user.email})
        if not addresses:
            return
        message = EmailMessage(
            subject=reminder.subject,
            body=reminder.body,
            to=addresses,
            headers={"Auto-Submitted": "auto-generated", "X-Charter-Reminder": str(reminder.pk)},
            connection=get_mail_connection(fail_silently=False),
        )
        for name, content, mimetype in attachments_for(reminder):
            message.attach(name, content, mimetype)
        message.send(fail_silently=False)


# Message key prefix -> (reminder) -> [(file name, bytes, MIME type)]: files an app attaches to
# its messages' emails, built when the message is sent (a meeting's invitation carries its
# iCalendar event as the meeting then stands).
_attachment_sources = {}


def register_attachments(key_prefix: str, source) -> None:
    if key_prefix in _attachment_sources:
        raise ValueError(f"Attachments for {key_prefix!r} are already registered.")
    _attachment_sources[key_prefix] = source


def attachments_for(reminder) -> list:
    key = reminder.key or ""
    for prefix, source in _attachment_sources.items():
        if key.startswith(prefix):
            return list(source(reminder))
    return []


class ChannelRegistry:
    def __init__(self):
        self._channels: dict[str, Channel] = {}

    def register(self, channel: Channel) -> Channel:
        if not channel.name:
            raise ValueError("A channel needs a name.")
        if channel.name in self._channels:
            raise ValueError(f"A channel named {channel.name!r} is already registered.")
        self._channels[channel.name] = channel
        return channel

    def all(self) -> list[Channel]:
        return list(self._channels.values())


channels = ChannelRegistry()
channels.register(PortalChannel())
channels.register(EmailChannel())
