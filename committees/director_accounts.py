"""Linking a director to a portal account (issue 7). The link decides who sits on a committee in
the portal, so a change is kept in the director's history with who made it, and the director is
told at every address involved: a link changed behind a director's back does not go unnoticed."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction

from committees.models import Director

logger = logging.getLogger(__name__)

SUBJECT = "Your Charter Portal account link was changed"


def _addresses(director: Director, old_user, new_user) -> list[str]:
    found = [getattr(old_user, "email", ""), getattr(new_user, "email", ""), director.email]
    return list(dict.fromkeys(address for address in found if address))


def _account_words(user) -> str:
    return user.email if user is not None else "no account"


def _tell(director: Director, old_user, new_user, changed_by) -> None:
    body = "\n".join(
        [
            f"The portal account linked to the director record of {director.full_name} was "
            "changed.",
            "",
            f"Before: {_account_words(old_user)}",
            f"Now: {_account_words(new_user)}",
            f"Changed by: {_account_words(changed_by)}",
            "",
            "Self-evaluation answers stay with the account that gave them; the new account "
            "cannot read them. If you did not expect this change, tell the corporate secretary "
            f"at once. {settings.SITE_URL}",
        ]
    )
    message = EmailMessage(SUBJECT, body + "\n", to=_addresses(director, old_user, new_user))
    try:
        message.send()
    except OSError:
        # The link is changed and on record either way; a mail failure must not undo it.
        logger.exception("Could not send the account-link notice for director %s", director.pk)


@transaction.atomic
def director_account_change(*, director: Director, user, changed_by) -> Director:
    """Link ``director`` to ``user`` (or to no account), recorded in the director's history with
    ``changed_by``; after commit the director is told at the old and the new address."""
    current = Director.objects.select_for_update().get(pk=director.pk)
    old_user = current.user
    if (old_user.pk if old_user else None) == (user.pk if user else None):
        return director
    director.user = user
    director._history_user = changed_by
    director.save(update_fields=["user"])
    transaction.on_commit(lambda: _tell(director, old_user, user, changed_by))
    return director
