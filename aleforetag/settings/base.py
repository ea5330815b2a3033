"""Settings shared by every environment; values come from the environment."""

import datetime
from pathlib import Path

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _
from xstatic.pkg import bootstrap as xstatic_bootstrap

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-development-key-not-for-production")
# Earlier keys, newest first, still accepted when checking signatures: links in e-mails already
# sent (confirmations, registrations) keep working after the key is rotated (docs/operations.md).
SECRET_KEY_FALLBACKS = env.list("DJANGO_SECRET_KEY_FALLBACKS", default=[])
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Django's admin, with its filters' numbers read strictly (aleforetag/core/admin_site.py).
    "aleforetag.core.admin_site.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "django_filters",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks_db",
    "axes",
    "aleforetag.core",
    "aleforetag.accounts",
    "workshops",
    "feedback",
    "followups",
    "indicators",
    "dashboard",
    "aleforetag.exports",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "aleforetag.core.middleware.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "aleforetag.core.middleware.SwedishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "aleforetag.urls"
WSGI_APPLICATION = "aleforetag.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "aleforetag.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=0))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiler spends up to seconds compiling the counts and aggregates over
    # large tables that the pages run in milliseconds without it; and the portal's tables sit
    # in memory (or on SSD), where a random read costs about what a sequential one does, so
    # the planner should look up a page's few rows by index rather than scan (see `make bench`).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off -c random_page_cost=1.1")
    # A database that accepts connections but never answers must not hang every page until
    # gunicorn kills the worker: the connection gives up after DJANGO_DB_CONNECT_TIMEOUT
    # seconds and a query after DJANGO_DB_STATEMENT_TIMEOUT (0 turns it off), and the
    # visitor gets the 503 page (DatabaseUnavailableMiddleware).
    DATABASES["default"]["OPTIONS"].setdefault(
        "connect_timeout", env.int("DJANGO_DB_CONNECT_TIMEOUT", default=3)
    )
    DATABASES["default"]["OPTIONS"]["options"] += " -c statement_timeout={}".format(
        int(env.float("DJANGO_DB_STATEMENT_TIMEOUT", default=15) * 1000)
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The SQLite default serves a room full of people: readers never wait for a writer (WAL),
    # a write transaction takes its lock when it begins (IMMEDIATE, so two never deadlock on
    # upgrading a read lock), and a writer waits up to 20 s for another instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("DJANGO_SQLITE_TIMEOUT", default=20),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
# Argon2id (argon2-cffi), as Django recommends, at OWASP's recommended minimum cost
# (aleforetag/accounts/hashers.py): a sign-in costs tens of milliseconds instead of PBKDF2's
# seconds on a small server; older hashes are upgraded at the next sign-in.
PASSWORD_HASHERS = [
    "aleforetag.accounts.hashers.PortalArgon2PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The client's address behind proxies (aleforetag/core/client.py): the number of proxies in
# front of gunicorn that append to X-Forwarded-For; 1 behind the municipality's TLS proxy.
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
# Sign-in throttling (django-axes): after this many failed attempts for one e-mail address
# from one client address, sign-in from that client to that account is refused for the
# cool-off time; failures from elsewhere neither count nor lock the owner out. Against
# password spraying, a client with AXES_CLIENT_FAILURE_LIMIT failures across any accounts
# is refused too (aleforetag/accounts/throttling.py). Failures while refused do not
# restart the cool-off.
AXES_FAILURE_LIMIT = env.int("DJANGO_AXES_FAILURE_LIMIT", default=5)
AXES_CLIENT_FAILURE_LIMIT = env.int("DJANGO_AXES_CLIENT_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("DJANGO_AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "aleforetag.core.client.client_ip"
AXES_HANDLER = "aleforetag.accounts.throttling.PortalAxesHandler"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The sign-in forms (AuthenticationForm) name the e-mail field "username".
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "aleforetag.accounts.backends.throttling_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "aleforetag.accounts.views.locked_out"
# Only failure counters are kept (they expire with the cool-off); no log of every sign-in,
# which would keep IP addresses for no purpose the privacy page states.
AXES_DISABLE_ACCESS_LOG = True
# Limits on e-mail to an address typed in by a visitor (sign-up, password reset, resending
# the confirmation, workshop registration): per address and per client address within
# EMAIL_LIMIT_WINDOW seconds, counted in the cache (aleforetag/core/ratelimit.py).
EMAIL_LIMIT_PER_ADDRESS = env.int("DJANGO_EMAIL_LIMIT_PER_ADDRESS", default=3)
EMAIL_LIMIT_PER_CLIENT = env.int("DJANGO_EMAIL_LIMIT_PER_CLIENT", default=10)
EMAIL_LIMIT_WINDOW = env.int("DJANGO_EMAIL_LIMIT_WINDOW", default=3600)
# Confirmation links for new accounts stay valid this many seconds.
ACCOUNT_CONFIRMATION_MAX_AGE = env.int("DJANGO_ACCOUNT_CONFIRMATION_MAX_AGE", default=3 * 24 * 3600)

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "aleforetag" / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_SECURE = False
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Files admins upload (the site's logo and favicon), served by the portal's own views.
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "media"))

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=str(VAR_DIR / "staticfiles"))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("bootstrap", xstatic_bootstrap.BASE_DIR),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The dashboard's figures are the one thing cached (dashboard/figures.py). Production shares
# one cache between its workers: DJANGO_CACHE_URL=redis://127.0.0.1:6379/1 (Django's own Redis
# backend). Without it each process keeps its own memory cache.
CACHES = {"default": env.cache_url("DJANGO_CACHE_URL", default="locmemcache://")}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="Ale företagsklimat <noreply@ale.se>")
SITE_BASE_URL = env("DJANGO_SITE_BASE_URL", default="http://127.0.0.1:8000")

TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

# The e-mail outbox (aleforetag/core/outbox.py) and the background worker (manage.py worker).
# A failed attempt is retried after 1, 2, 4 ... minutes (at most an hour apart), up to
# OUTBOX_MAX_ATTEMPTS times; a message whose sending began longer ago than OUTBOX_STALE_SECONDS
# without an answer (its worker died) is sent again. Sent messages' text is blanked after
# OUTBOX_KEEP_DAYS. The worker sweeps every WORKER_SWEEP_SECONDS; the health page answers 503
# when no worker has been heard from for WORKER_STALE_SECONDS. A task still running after
# TASK_STALE_MINUTES is taken to have lost its worker and is queued again.
OUTBOX_RETRY_BASE_SECONDS = env.int("DJANGO_OUTBOX_RETRY_BASE_SECONDS", default=60)
OUTBOX_MAX_ATTEMPTS = env.int("DJANGO_OUTBOX_MAX_ATTEMPTS", default=20)
OUTBOX_STALE_SECONDS = env.int("DJANGO_OUTBOX_STALE_SECONDS", default=120)
OUTBOX_KEEP_DAYS = env.int("DJANGO_OUTBOX_KEEP_DAYS", default=30)
WORKER_SWEEP_SECONDS = env.float("DJANGO_WORKER_SWEEP_SECONDS", default=30)
WORKER_STALE_SECONDS = env.int("DJANGO_WORKER_STALE_SECONDS", default=180)
TASK_STALE_MINUTES = env.int("DJANGO_TASK_STALE_MINUTES", default=10)
# Dietary and accessibility needs are erased this many days after the workshop ends.
REGISTRATION_NEEDS_RETENTION_DAYS = env.int("DJANGO_REGISTRATION_NEEDS_RETENTION_DAYS", default=30)

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

IMPORT_EXPORT_USE_TRANSACTIONS = True
# Imports in the admin: the largest file taken (refused before it is read), and the number of
# rows above which the confirmed import runs in the background worker.
EXPORTS_IMPORT_MAX_BYTES = env.int("DJANGO_IMPORT_MAX_MB", default=10) * 1024 * 1024
EXPORTS_BACKGROUND_IMPORT_ROWS = env.int("DJANGO_IMPORT_BACKGROUND_ROWS", default=2000)
# Above this many rows even the preview (a check of every row) runs in the background worker.
EXPORTS_BACKGROUND_PREVIEW_ROWS = env.int("DJANGO_IMPORT_BACKGROUND_PREVIEW_ROWS", default=20000)

# Logs go to standard error, one line each: "2026-11-29 09:30:01,123 WARNING aleforetag.core.outbox
# message" (systemd's journal keeps them; docs/operations.md). gunicorn writes its access log
# to standard output (deploy/gunicorn.conf.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="WARNING")},
}
# django-axes prints a banner on every start of every command: noise in scheduled commands' mail.
AXES_VERBOSE = False
