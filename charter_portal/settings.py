"""Charter Portal settings: one file, every value from the environment through typed helpers.

With nothing set the portal runs on its embedded default (SQLite, Celery tasks inline, email to
the console, debug on). ``DATABASE_URL`` and ``REDIS_URL`` move it to PostgreSQL, Redis and a
Celery worker with beat; ``PRODUCTION=true`` turns on every production safeguard and refuses to
start without real secrets.
"""

import datetime
import secrets
import sys
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from charter_portal.env import (
    database_conn_max_age,
    env_bool,
    env_int,
    env_list,
    env_str,
    read_dotenv,
)

BASE_DIR = Path(__file__).resolve().parent.parent

PRODUCTION = env_bool("PRODUCTION", False)
if not PRODUCTION:
    # A .env file is a development convenience; production takes only the real environment.
    read_dotenv(BASE_DIR / ".env")
DEBUG = env_bool("DEBUG", not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when PRODUCTION=true.")

_DEV_KEY_PREFIX = "dev-insecure-"


def _development_secret_key() -> str:
    """Generate a development secret once into the local .env so sessions survive restarts."""
    key = _DEV_KEY_PREFIX + secrets.token_urlsafe(48)
    with (BASE_DIR / ".env").open("a", encoding="utf-8") as handle:
        handle.write(f"SECRET_KEY={key}\n")
    return key


SECRET_KEY = env_str("SECRET_KEY")
if PRODUCTION:
    if not SECRET_KEY or SECRET_KEY.startswith(_DEV_KEY_PREFIX) or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "PRODUCTION=true needs SECRET_KEY set to a random value of at least 50 characters "
            "(python -c 'import secrets; print(secrets.token_urlsafe(64))')."
        )
elif not SECRET_KEY:
    SECRET_KEY = _development_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("PRODUCTION=true needs ALLOWED_HOSTS (comma-separated host names).")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "charter_portal.apps.CharterPortalConfig",
    "committees.apps.CommitteesConfig",
    "deadlines.apps.DeadlinesConfig",
    "files.apps.FilesConfig",
    "complaints.apps.ComplaintsConfig",
    "meetings.apps.MeetingsConfig",
    "auditors.apps.AuditorsConfig",
    "charter_portal.admin_site.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "two_factor",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "charter_portal.accounts.second_factor.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "charter_portal.middleware.NoStoreForUsersMiddleware",
    # Last, as django-axes asks: it turns a refused login during a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "charter_portal.urls"
WSGI_APPLICATION = "charter_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "charter_portal.context_processors.portal",
            ],
        },
    },
]

# Database: SQLite by default, PostgreSQL from DATABASE_URL with persistent connections
# (a new connection per request costs several times the throughput) where the server reuses its
# threads; runserver starts a thread per request, so there every request closes its connection.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=database_conn_max_age(sys.argv),
            conn_health_checks=True,
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "charter",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: Redis broker when configured; otherwise every task runs inline in the calling process.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "UTC"
# The one place the beat schedule is declared.
CELERY_BEAT_SCHEDULE = {
    "deadlines-daily": {
        "task": "deadlines.tasks.run_deadlines",
        "schedule": crontab(hour=5, minute=30),
    },
    "complaints-purge-daily": {
        "task": "complaints.tasks.purge_expired_cases",
        "schedule": crontab(hour=4, minute=15),
    },
}

# Deadline reminders: days before the due date, then every N days while overdue; after
# DEADLINES_ESCALATION_DAYS overdue the board chair and the secretary are told as well.
DEADLINES_REMINDER_DAYS = tuple(
    int(day) if day.isdigit() else day
    for day in env_list("DEADLINES_REMINDER_DAYS", ["30", "7", "1"])
)
DEADLINES_OVERDUE_EVERY_DAYS = env_int("DEADLINES_OVERDUE_EVERY_DAYS", 7, minimum=1)
DEADLINES_ESCALATION_DAYS = env_int("DEADLINES_ESCALATION_DAYS", 14, minimum=1)

AUTH_USER_MODEL = "charter_portal.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# django-axes counts failed logins first, then Django checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# The second factor (django-two-factor-auth on django-otp): a time-based code from an
# authenticator app, with single-use backup codes. Every portal and admin page needs it.
OTP_TOTP_ISSUER = "Charter Portal"
# Codes are accepted one 30-second step either side of the server's clock, each only once.
OTP_TOTP_TOLERANCE = 1
TWO_FACTOR_LOGIN_TIMEOUT = 600  # seconds between the password and the code
TWO_FACTOR_REMEMBER_COOKIE_AGE = None  # no "trust this browser" cookie: a code every login
TWO_FACTOR_PATCH_ADMIN = False
# Changing the second factor or the password needs the password and a fresh code this recently.
REAUTHENTICATION_SECONDS = env_int("REAUTHENTICATION_SECONDS", 300, minimum=30)

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failures for one account, or from one
# client, logins are refused until the cool-off ends; failures during a lockout do not extend it,
# so nobody can lock a director out for good. The client is stored as a keyed hash, never its
# address (charter_portal/accounts/throttle.py).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "charter_portal.accounts.throttle.client_pseudonym"
AXES_USERNAME_CALLABLE = "charter_portal.accounts.throttle.login_username"
# The key axes files the address under when it checks a lockout; the same key Django's failed-login
# signal uses, or the per-account count would never match (tests/accounts/test_throttling.py).
AXES_USERNAME_FORM_FIELD = "username"
AXES_CLIENT_STR_CALLABLE = "charter_portal.accounts.throttle.client_str"
AXES_LOCKOUT_CALLABLE = "charter_portal.accounts.throttle.lockout_response"
AXES_HANDLER = "charter_portal.accounts.throttle.AnonymousDatabaseHandler"
AXES_DISABLE_ACCESS_LOG = True  # successful logins are not recorded by axes
AXES_SENSITIVE_PARAMETERS = [
    "password",
    "auth-password",
    "csrfmiddlewaretoken",
    "token-otp_token",
    "backup-otp_token",
]
AXES_VERBOSE = False
# Behind a proxy, the client is the address this many hops from the right of X-Forwarded-For.
CLIENT_IP_PROXY_COUNT = env_int("CLIENT_IP_PROXY_COUNT", 0, minimum=0)
# Password reset: at most this many emails per address per hour, and this many requests per
# client per cool-off period.
PASSWORD_RESET_EMAILS_PER_HOUR = env_int("PASSWORD_RESET_EMAILS_PER_HOUR", 3, minimum=1)
PASSWORD_RESET_REQUESTS_PER_CLIENT = env_int("PASSWORD_RESET_REQUESTS_PER_CLIENT", 10, minimum=1)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# A session lasts a working day and ends with the browser.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 10 * 60 * 60, minimum=300)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# The CSRF cookie lasts until the browser closes, never a 52-week identifier (docs/security.md), and
# Django rotates its token at every login. Not CSRF_USE_SESSIONS: that would read the session on
# every request, so the calendar feed and the public pages would depend on a session cookie.
CSRF_COOKIE_AGE = None
# A failed check shows the portal's own page, with its navigation and what to do next.
CSRF_FAILURE_VIEW = "charter_portal.views.csrf_failure"

LANGUAGE_CODE = "en-us"
# The portal speaks English; the public complaint pages also Spanish (complaints/locale), chosen
# by a query parameter, never a cookie: there is no LocaleMiddleware.
LANGUAGES = [("en", "English"), ("es", "Español")]
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True
# One date style everywhere, the administration included: "1 December 2026", short "1 Dec 2026"
# (charter_portal/formats/en/formats.py; Django 5 always localizes, so settings.DATE_FORMAT
# alone would lose to the en locale).
FORMAT_MODULE_PATH = ["charter_portal.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    # Every upload goes to the private store (files/): no file ever has a public URL.
    "default": {"BACKEND": "files.storage.PrivateStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production, whitenoise serves straight from the apps' static folders (no collectstatic).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
# The private file store (files/): outside every public URL, downloads only through files:download.
FILES_ROOT = Path(env_str("FILES_ROOT", str(BASE_DIR / "private-files")))
FILES_MAX_UPLOAD_BYTES = env_int("FILES_MAX_UPLOAD_BYTES", 10 * 1024 * 1024, minimum=1024)

# Complaints (complaints/): the keys that encrypt case contents, newest first (comma-separated
# Fernet keys; the first encrypts, all decrypt, `manage.py complaints_rotate_keys` re-encrypts
# under the first), and the key of the receipts' lookup digest. Without them, outside
# production, development keys are derived from SECRET_KEY; the system checks refuse that
# whenever DEBUG is off (complaints/checks.py).
COMPLAINTS_ENCRYPTION_KEYS = env_list("COMPLAINTS_ENCRYPTION_KEYS")
COMPLAINTS_RECEIPT_KEY = env_str("COMPLAINTS_RECEIPT_KEY", "")
if PRODUCTION and not (COMPLAINTS_ENCRYPTION_KEYS and COMPLAINTS_RECEIPT_KEY):
    raise ImproperlyConfigured(
        "PRODUCTION=true needs COMPLAINTS_ENCRYPTION_KEYS (python -c 'from cryptography.fernet "
        "import Fernet; print(Fernet.generate_key().decode())') and COMPLAINTS_RECEIPT_KEY "
        "(python -c 'import secrets; print(secrets.token_urlsafe(48))')."
    )
# Wrong receipts a client may try per window before it must wait, and new reports per hour.
COMPLAINTS_RECEIPT_ATTEMPTS = env_int("COMPLAINTS_RECEIPT_ATTEMPTS", 10, minimum=1)
COMPLAINTS_THROTTLE_MINUTES = env_int("COMPLAINTS_THROTTLE_MINUTES", 15, minimum=1)
COMPLAINTS_REPORTS_PER_HOUR = env_int("COMPLAINTS_REPORTS_PER_HOUR", 20, minimum=1)
COMPLAINTS_MAX_ATTACHMENTS = env_int("COMPLAINTS_MAX_ATTACHMENTS", 5, minimum=0)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email: printed to the console unless an SMTP server is configured.
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20, minimum=1)
elif PRODUCTION:
    raise ImproperlyConfigured("PRODUCTION=true needs EMAIL_HOST: notices must reach people.")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Charter Portal <charter-portal@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers. The Content-Security-Policy allows no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if env_bool("TRUST_X_FORWARDED_PROTO", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Logging never writes a client address, user agent, calendar-feed token or password-reset token:
# the request object is stripped from every record before any handler sees it, addresses and
# tokens in the message are redacted, and no handler mails error reports with request details.
ADMINS = []
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "strip_request": {"()": "charter_portal.logging.StripRequestFilter"},
        "redact": {"()": "charter_portal.logging.RedactFilter"},
    },
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["strip_request", "redact"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
