"""Settings, read from the environment through small strict helpers."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = ROOT_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    """A yes/no variable; anything but the usual spellings is an error, not a silent False."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a yes/no value (use 1 or 0)")


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_required(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when DJANGO_DEBUG is off")
    return value


DEBUG = env_bool("DJANGO_DEBUG", True)

if DEBUG:
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "insecure-development-key-do-not-use-in-production"
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
else:
    SECRET_KEY = env_required("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is off")

# Production speaks HTTPS only. DJANGO_HTTPS=0 is for a private network or a load test on 127.0.0.1;
# behind a proxy that ends TLS, DJANGO_TLS_PROXY=1 trusts its X-Forwarded-Proto header.
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # a load balancer's probe speaks plain HTTP to the app
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 31_536_000)) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
if env_bool("DJANGO_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_filters",
    "csp",
    "template_partials",
    "simple_history",
    "timeline",
]

MIDDLEWARE = [
    # First, so every log line of the request, and its answer, carry its id.
    "timeline.operations.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "timeline.query.addresses.FormerAddressesMiddleware",
    # Records which editor made each change in the history.
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "timeline.urls"
WSGI_APPLICATION = "timeline.wsgi.application"

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
                "timeline.reading.context.front_matter",
            ],
        },
    },
]


def database_config(url: str) -> dict:
    """PostgreSQL or SQLite from one URL; SQLite gets WAL and a busy timeout so readers never block ingest.

    PostgreSQL's connections last a minute, checked before reuse so a server restart costs no failed request,
    run without JIT compilation, and with memory enough for a text search's bitmap of pages to stay exact.
    """
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    elif config["ENGINE"] == "django.db.backends.postgresql":
        # Compiling the facet counts' query with JIT took longer than running it: the timeline's queries are short.
        # A common word's matches lie on most of the events' pages: in the default 4 MB the search's bitmap turns
        # lossy, and every row of a lossy page has its words computed again (6 s instead of 0.4 s at a million).
        options = config.setdefault("OPTIONS", {})
        options["options"] = f"-c jit=off -c work_mem=64MB {options.get('options', '')}".strip()
    return config


DATABASES = {"default": database_config(os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}

# Scripts and styles come only from the app's own files: no inline code or style attribute runs, whoever wrote it.
# Only the embeddable widget may sit in another site's frame (`publishing.widget.embed` widens frame-ancestors).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
X_FRAME_OPTIONS = "DENY"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Backups are written in it; `loaddata` reads them as plain JSON.
SERIALIZATION_MODULES = {"exact-json": "timeline.operations.exact_json"}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# Dates typed into forms as YYYY-MM-DD only (`timeline/formats/en/formats.py`).
FORMAT_MODULE_PATH = ["timeline.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
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

# What the timeline says of itself on every page and in every preview a shared link gets: its name, a line on what
# it covers, and who compiles it.
TIMELINE_TITLE = os.environ.get("TIMELINE_TITLE") or "Conflict timeline"
TIMELINE_STANDFIRST = os.environ.get("TIMELINE_STANDFIRST", "")
TIMELINE_COMPILED_BY = os.environ.get("TIMELINE_COMPILED_BY", "")

# The largest document the ingest accepts; a bigger file is refused with this figure in the message.
TIMELINE_MAX_DOCUMENT_BYTES = int(os.environ.get("TIMELINE_MAX_DOCUMENT_BYTES", 2_000_000))
# The most entries one document may hold: a real live blog holds hundreds; more is refused with this figure, so one
# file's work stays bounded (each entry is a row, its tags, its repeat check).
TIMELINE_MAX_DOCUMENT_ENTRIES = int(os.environ.get("TIMELINE_MAX_DOCUMENT_ENTRIES", 5_000))
# Text pasted into the admin arrives as a form field: let through twice the limit, so a text somewhat too long
# gets the ingest's own message rather than a bare "bad request".
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * TIMELINE_MAX_DOCUMENT_BYTES
# A document added in the admin is ingested by `manage.py ingest_worker`; a job started longer ago than this
# (seconds) lost its worker and is taken again. The largest document takes seconds.
TIMELINE_JOB_TIMEOUT = int(os.environ.get("TIMELINE_JOB_TIMEOUT", 300))
# Pages fetched by address (`ingest URL`, `follow`, the admin's "add by address"): the whole answer, redirects
# included, must arrive within this many seconds. Hosts on loopback, private or link-local networks are refused unless
# named here (a newsroom's intranet host, comma-separated; "*" for any).
TIMELINE_FETCH_TIMEOUT = float(os.environ.get("TIMELINE_FETCH_TIMEOUT", 20))
TIMELINE_FETCH_PRIVATE_HOSTS = env_list("TIMELINE_FETCH_PRIVATE_HOSTS", [])
# How stale the timeline's counts and pages may grow while documents pour in: each process reads its in-memory
# index again at most this often (seconds). A change shows within that time; at once after a quiet spell.
TIMELINE_INDEX_MAX_AGE = float(os.environ.get("TIMELINE_INDEX_MAX_AGE", 3))
# An index that took longer to read than this is read again beside the requests, which get the one in hand meanwhile.
TIMELINE_INDEX_INLINE_SECONDS = float(os.environ.get("TIMELINE_INDEX_INLINE_SECONDS", 0.25))
# Where such a slow index is saved for the processes that start after, which map it rather than read it all again.
TIMELINE_INDEX_DIR = Path(os.environ.get("TIMELINE_INDEX_DIR", Path(tempfile.gettempdir()) / "timeline-index"))
# Whether a reader's view of the timeline is kept for every reader who asks for the same while the index it was made
# from is in hand, beside the saved index and shared by the processes. A kept view shows nothing older than a view
# made anew would; an editor, signed in, never gets one.
TIMELINE_KEEP_VIEWS = env_bool("TIMELINE_KEEP_VIEWS", True)

# One line per record on stderr, where gunicorn, systemd and containers collect it, in production as in development:
#   2026-12-02T09:14:03+0000 ERROR request=3f9c0a3e5b7d4e21a0c6f1d2b4e8a9c7 django.request: Internal Server Error: /
# followed by the traceback's lines, if any. `request=-` marks a line written outside a request (a command).
LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "timeline.operations.logs.RequestIdFilter"}},
    "formatters": {
        "line": {
            "format": "%(asctime)s %(levelname)s request=%(request_id)s %(name)s: %(message)s",
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
        }
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "filters": ["request_id"],
            "formatter": "line",
        }
    },
    # Other libraries speak only when something is wrong.
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        # Configuring Django's logger drops its own handlers, which print only under DEBUG and mail admins nobody
        # set: its records reach the line on stderr instead, in production too.
        "django": {"level": LOG_LEVEL},
        "timeline": {"level": LOG_LEVEL},
    },
}
