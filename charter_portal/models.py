"""The portal's user: people log in with their email address."""

import secrets

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac

from charter_portal.history import ChangedOnlyHistory

# Saves that touch only these fields are bookkeeping, not a change to the account, and keep no
# history row (every login updates last_login; ending sessions renews the stamp).
_BOOKKEEPING_FIELDS = {"last_login", "security_stamp"}


def new_security_stamp() -> str:
    return secrets.token_hex(16)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)

    def get_by_natural_key(self, username):
        field = self.model._meta.get_field(self.model.USERNAME_FIELD)
        # The login form does not cap the address's length, and SQLite refuses a LIKE pattern
        # over 50 kB (a server error): an address longer than any stored one matches no one.
        if username is None or len(username) > field.max_length:
            raise self.model.DoesNotExist
        return self.get(**{f"{field.name}__iexact": username})


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=200)
    is_staff = models.BooleanField(
        default=False, help_text="Can log in to the secretary's administration site."
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    # Mixed into the session hash: renewing it ends every session of the user at once (logout,
    # password change, deactivation, a second-factor reset; issue 7).
    security_stamp = models.CharField(max_length=32, default=new_security_stamp, editable=False)

    objects = UserManager()
    # Who changed an account, its roles (groups) and its status; password hashes and the stamp
    # stay out of the history.
    # A save that changes none of these (a new password, a login) adds no row.
    history = ChangedOnlyHistory(
        excluded_fields=["password", "last_login", "security_stamp"], m2m_fields=["groups"]
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]

    def __str__(self):
        return self.full_name or self.email

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) <= _BOOKKEEPING_FIELDS:
            self.skip_history_when_saving = True
        try:
            super().save(*args, **kwargs)
        finally:
            self.__dict__.pop("skip_history_when_saving", None)

    def _get_session_auth_hash(self, secret=None):
        # Django hashes the password alone; the stamp lets the portal end sessions without
        # changing the password.
        return salted_hmac(
            "charter_portal.User.session_auth_hash",
            f"{self.password}:{self.security_stamp}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


# The second-factor devices' history lives with the accounts (charter_portal migrations).
from charter_portal.accounts.history import register_device_history  # noqa: E402

register_device_history()
