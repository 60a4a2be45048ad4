"""Linking a director to a portal account (issue 7), and inviting a director to the portal
(issue 8). The link decides who sits on a committee in the portal, so a change is kept in the
director's history with who made it, and the director is told at every address involved: a link
changed behind a director's back does not go unnoticed."""

import logging
from enum import StrEnum

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction

from charter_portal.models import new_security_stamp
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


class Invitation(StrEnum):
    """What inviting a director did."""

    SENT = "sent"  # a new account, or one never set up: the link is on its way
    ALREADY_ACTIVE = "already_active"  # the account has its own password: nothing sent


def _refuse_admin_account(user, director: Director) -> None:
    if user.is_staff or user.is_superuser:
        raise ValidationError(
            f"{user.email} is an administration account; an invitation never changes one. A "
            f"superuser links it to {director.full_name} if that is right."
        )
    if not user.is_active:
        raise ValidationError(
            f"The account {user.email} is deactivated; a superuser reactivates it before "
            f"{director.full_name} can be invited."
        )


def _account_for(director: Director, invited_by):
    """The director's linked account, else the account with the director's address (never
    another director's), else a new account with no password."""
    if director.user_id:
        return director.user
    email = (director.email or "").strip().lower()
    if not email:
        raise ValidationError(
            f"{director.full_name} has no email address: record it on the director's page, then "
            "invite again."
        )
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=email).first()
    if user is None:
        user = user_model(email=email, full_name=director.full_name)
        user.set_unusable_password()
        user._history_user = invited_by
        user.save()
        return user
    other = Director.objects.filter(user=user).exclude(pk=director.pk).first()
    if other is not None:
        raise ValidationError(
            f"{email} is already the login of {other.full_name}; correct {director.full_name}'s "
            "email address first."
        )
    return user


@transaction.atomic
def director_invite(*, director: Director, invited_by) -> Invitation:
    """Invite ``director`` to the portal (issue 8): use the linked account, or the account with
    the director's address, or make one with no password; link it to the director (recorded and
    told, as every link change is); and email a single-use, expiring link to choose a password,
    after commit. Only the latest invitation's link works.

    An account that already has a password is linked but never re-invited: an invitation must
    not let anyone choose the password of a working login. Staff, superuser and deactivated
    accounts are refused: they stay a superuser's."""
    director = (
        Director.objects.select_for_update(of=("self",)).select_related("user").get(pk=director.pk)
    )
    user = _account_for(director, invited_by)
    _refuse_admin_account(user, director)
    director_account_change(director=director, user=user, changed_by=invited_by)
    if user.has_usable_password():
        return Invitation.ALREADY_ACTIVE
    # A new stamp: any earlier invitation link stops working.
    user.security_stamp = new_security_stamp()
    user.save(update_fields=["security_stamp"])
    from charter_portal.tasks import invitation_send

    user_id, invited_by_id = user.pk, invited_by.pk
    transaction.on_commit(
        lambda: invitation_send.delay(user_id=user_id, invited_by_id=invited_by_id)
    )
    return Invitation.SENT
