"""Settings for the Healthy Cities Sverige platform, read from the environment.

Local development needs nothing: `DEBUG` is on only when asked for (the Makefile asks),
SQLite is the default database. In production (`DEBUG` off) a `SECRET_KEY` is required and the
usual security headers are on. See `.env.example` for every variable.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from hcs.lib.cache import caches
from hcs.lib.env import envbool, envint, envlimits, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("DEBUG", False)

SECRET_KEY = envstr("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-local-development-key-never-use-in-production"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_htmx",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "hcs.lib",
    "hcs.audit",
    "hcs.accounts",
    "hcs.organisations",
    "hcs.memberships",
    "hcs.contacts",
    "hcs.fees",
    "hcs.invoices",
    "hcs.reports",
    "hcs.events",
    "hcs.governance",
    "hcs.groups",
    "hcs.criteria",
    "hcs.platskompassen",
    "hcs.mail",
    "hcs.public",
    "hcs.portal",
    "hcs.applications",
    "hcs.content",
    "hcs.mailings",
    "hcs.followup",
    "hcs.learning",
    "hcs.ops",
    "hcs.backoffice",
    "hcs.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A request id (X-Request-ID) on every log line and response, and one access line per
    # request (hcs.ops.middleware).
    "hcs.ops.middleware.RequestIdMiddleware",
    # Headers on every response, the guards' answers included.
    "hcs.lib.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): signed in with the second factor (hcs.accounts.two_factor).
    "django_otp.middleware.OTPMiddleware",
    # Oversized bodies (413), control characters in the path or query (404/400), before any
    # view reads them; after the locale and the user, so the answer is in the visitor's
    # language on the site's own page.
    "hcs.lib.middleware.RequestGuardMiddleware",
    # Deny by default: every page needs a login unless its view is marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "hcs.urls"
WSGI_APPLICATION = "hcs.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "hcs" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hcs.accounts.context_processors.roles",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer (restarting, failing over) fails a request within
    # seconds, as a 503 the load balancer retries (hcs.lib.views.server_error), instead of
    # holding the worker until the operating system gives up.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", envint("DATABASE_CONNECT_TIMEOUT", 5)
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the public pages read while the coordinator writes; IMMEDIATE makes write
    # transactions take the lock up front so concurrent writers queue instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work (reminder e-mails) is queued in the database and run by
# `manage.py db_worker`: no broker to run. Tests run tasks at once (test_settings).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# /readyz is ready only if a worker (`manage.py worker`) has beaten within this many seconds
# (hcs.ops.heartbeat); 0 leaves the worker out of /readyz.
WORKER_SEEN_WITHIN_SECONDS = envint("WORKER_SEEN_WITHIN_SECONDS", 300)

# Django's cache holds the rate limits' counters and the public pages. Without CACHE_URL it is
# each process's memory (fine for one process); with several workers or servers set CACHE_URL
# so that the limits hold across all of them: redis://host:6379/0 (Redis) or db://hcs_cache
# (a table in the database, created by `migrate`). See hcs/lib/cache.py.
CACHES = caches(envstr("CACHE_URL"))
PAGE_CACHE_SECONDS = envint("PAGE_CACHE_SECONDS", 600)
REGISTRY_VERSION_CHECK_SECONDS = float(envstr("REGISTRY_VERSION_CHECK_SECONDS", "1"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "after_login"
# Log in with the e-mail address (or, for the secretariat's older accounts, the user name).
AUTHENTICATION_BACKENDS = ["hcs.accounts.auth.EmailOrUsernameBackend"]
# The second factor (TOTP, with recovery codes) for the secretariat and the administrator:
# required when DEBUG is off unless STAFF_TWO_FACTOR says otherwise (hcs.accounts.two_factor).
STAFF_TWO_FACTOR: bool | None = (
    envbool("STAFF_TWO_FACTOR", True) if envstr("STAFF_TWO_FACTOR") else None
)
OTP_TOTP_ISSUER = "Healthy Cities Sverige"
# An invitation's link to set a password is valid this many days (hcs.accounts.invitations).
INVITATION_DAYS = envint("INVITATION_DAYS", 7)
# A newsletter subscription waits this long for its confirmation, then it is forgotten.
NEWSLETTER_CONFIRM_DAYS = envint("NEWSLETTER_CONFIRM_DAYS", 7)
LOGOUT_REDIRECT_URL = "public:home"

# Swedish first, English second.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Stockholm"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "hcs" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
# Decision documents (PDF minutes extracts) are small; refuse anything larger.
MAX_DOCUMENT_BYTES = envint("MAX_DOCUMENT_BYTES", 10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# A request with files (a decision's PDF, a bank file) may be this large; anything else is
# limited to DATA_UPLOAD_MAX_MEMORY_SIZE. Larger requests get 413 (hcs/lib/middleware.py).
MAX_UPLOAD_BYTES = MAX_DOCUMENT_BYTES + 1024 * 1024

EMAIL_BACKEND = envstr(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Healthy Cities Sverige <noreply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The platform's address as people reach it: links in e-mails (a cancel link, say) start with it.
SITE_URL = envstr("SITE_URL", "http://localhost:8000").rstrip("/")
# The secretariat as members see it in the portal, and where it is told of members' proposals
# and requests (empty: the e-mail addresses of the Kansli group's users).
SECRETARIAT = {
    "name": envstr("SECRETARIAT_NAME", "Healthy Cities Sverige, kansliet"),
    "role": envstr("SECRETARIAT_ROLE", "Nätverkets koordinator"),
    "email": envstr("SECRETARIAT_EMAIL", ""),
    "phone": envstr("SECRETARIAT_PHONE", ""),
    "address": envstr("SECRETARIAT_ADDRESS", "Trollhättans stad, 461 83 Trollhättan"),
}

# Pages load only the platform's own files: no CDN, no third party, no inline script or style.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), "
    "magnetometer=(), gyroscope=(), accelerometer=(), browsing-topics=()"
)

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", True)
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    # Off unless asked: on the apex domain they would bind every subdomain (other services of
    # the host municipality, say) to HTTPS for a year, and preloading is a request to the
    # browsers' list that takes months to undo. `check --deploy` warns while they are off.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # The load balancer's and the container's probes speak plain HTTP on the inside.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

# The invoices' sender: the network, whose accounts the host municipality keeps. These are
# printed on every invoice and put in its Peppol XML; check them with the host's finance office.
INVOICE_SELLER = {
    "name": envstr("INVOICE_SELLER_NAME", "Healthy Cities Sverige"),
    "legal_name": envstr("INVOICE_SELLER_LEGAL_NAME", "Trollhättans stad"),
    "org_number": envstr("INVOICE_SELLER_ORG_NUMBER", "212000-1546"),
    "street": envstr("INVOICE_SELLER_STREET", ""),
    "postal_code": envstr("INVOICE_SELLER_POSTAL_CODE", ""),
    "city": envstr("INVOICE_SELLER_CITY", "Trollhättan"),
    "email": envstr("INVOICE_SELLER_EMAIL", ""),
    "bankgiro": envstr("INVOICE_BANKGIRO", ""),
}
INVOICE_PAYMENT_DAYS = envint("INVOICE_PAYMENT_DAYS", 30)
# Accounts for the SIE 4 export to the host municipality's books (its own chart decides).
ACCOUNT_RECEIVABLE = envstr("ACCOUNT_RECEIVABLE", "1510")
ACCOUNT_BANK = envstr("ACCOUNT_BANK", "1930")
ACCOUNT_FEE_REVENUE = envstr("ACCOUNT_FEE_REVENUE", "3010")
# The host municipality's own fee is booked against this account (an internal transfer within
# its books), not as a receivable.
ACCOUNT_INTERNAL_TRANSFER = envstr("ACCOUNT_INTERNAL_TRANSFER", "1790")

# LOG_FORMAT=json (production): one JSON object per line with time, level, logger, message and
# the request's id, plus an access line per request (logger "hcs.request"; hcs.ops.logs).
# "plain" (the default): the message alone, for a developer's terminal, where runserver
# already prints each request.
LOG_FORMAT = envstr("LOG_FORMAT", "plain").strip().lower()
if LOG_FORMAT not in ("plain", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be plain or json, not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "hcs.ops.logs.RequestIdFilter"}},
    "formatters": {"json": {"()": "hcs.ops.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools narrate every PDF at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "hcs.request": {"level": "INFO" if LOG_FORMAT == "json" else "WARNING"},
    },
}

# Platskompassen: a background group with fewer answers is not shown on its own (anonymity).
PLATSKOMPASSEN_MIN_GROUP = envint("PLATSKOMPASSEN_MIN_GROUP", 5)
# Behind a reverse proxy every request comes from the proxy: name the header that carries the
# visitor's address (e.g. HTTP_X_REAL_IP) so that the rate limits count each visitor, not the
# proxy. The address is only hashed (with a daily salt) for the count, never stored.
# (PLATSKOMPASSEN_CLIENT_ADDRESS_HEADER is the earlier name of the same setting.)
CLIENT_ADDRESS_HEADER = (
    envstr("CLIENT_ADDRESS_HEADER") or envstr("PLATSKOMPASSEN_CLIENT_ADDRESS_HEADER") or None
)
# Rate limits of the public writes, {scope: (attempts, seconds)}; hcs/lib/ratelimit.py has the
# defaults and what each scope counts. From the environment: "login=20/900,registration=10/600".
RATE_LIMITS: dict[str, tuple[int, int]] = envlimits("RATE_LIMITS")
