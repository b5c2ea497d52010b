"""Settings shared by every environment. Values that differ per deployment come from config.env."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR, get_env

env = get_env()
SRC_DIR: Path = BASE_DIR / "src" / "omvarld"

SECRET_KEY = env.secret_key.get_secret_value() if env.secret_key else ""
DEBUG = env.debug
ALLOWED_HOSTS = env.allowed_hosts
CSRF_TRUSTED_ORIGINS = env.csrf_trusted_origins
SITE_URL = env.site_url.rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_filters",
    "django_htmx",
    "axes",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "django_countries",
    "omvarld.core",
    "omvarld.accounts",
    "omvarld.organisation",
    "omvarld.knowledge",
    "omvarld.meetings",
    "omvarld.eu_monitoring",
    "omvarld.exchange",
    "omvarld.relations",
    "omvarld.population",
    "omvarld.funding",
    "omvarld.plans",
    "omvarld.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "omvarld.core.middleware.SwedishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "omvarld.core.middleware.NullCharacterMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "omvarld.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(env.database_url, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the task worker writes; IMMEDIATE transactions avoid
    # the "database is locked" upgrade deadlock between the two processes.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3

# Lockout after repeated failed logins: per user name and address together, so one attacker
# cannot lock out a colleague from another machine.
AXES_FAILURE_LIMIT = env.login_failure_limit
AXES_COOLOFF_TIME = timedelta(minutes=env.login_cooloff_minutes)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind a reverse proxy every request comes from the proxy: the lockout reads the client's
# address from X-Forwarded-For as the trusted proxies wrote it (0 = no proxy, header ignored).
TRUSTED_PROXY_COUNT = env.trusted_proxy_count
AXES_CLIENT_IP_CALLABLE = "omvarld.core.http.client_ip"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.static_root
STATICFILES_DIRS = [SRC_DIR / "static"]
# Django refuses a request with more files than this outright (a bare 400 page): kept well above
# the 100 files one import takes, so that the form can say so in Swedish and keep its fields.
DATA_UPLOAD_MAX_NUMBER_FILES = 1000
MEDIA_URL = "media/"
MEDIA_ROOT = env.media_root
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

if env.email_host:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env.email_host
    EMAIL_PORT = env.email_port
    EMAIL_HOST_USER = env.email_host_user
    EMAIL_HOST_PASSWORD = env.email_host_password.get_secret_value()
    EMAIL_USE_TLS = env.email_use_tls
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env.default_from_email

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
WORKER_HEARTBEAT_MAX_AGE = timedelta(seconds=env.worker_heartbeat_max_age)
ORGANISATION_FILE = env.organisation_file
EXCHANGE_REPORT_DUE_DAYS = env.exchange_report_due_days

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
# The partner map's optional tile layer: its host may serve images, and nothing else.
MAP_TILE_URL = env.map_tile_url
MAP_TILE_ATTRIBUTION = env.map_tile_attribution
if MAP_TILE_URL:
    _tiles = urlsplit(MAP_TILE_URL)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(f"{_tiles.scheme}://{_tiles.netloc}")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["omvarld.api.permissions.RolePermission"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "omvarld.api.exceptions.api_exception_handler",
    "DEFAULT_PAGINATION_CLASS": "omvarld.api.pagination.Pagination",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Omvärld API",
    "DESCRIPTION": "The REST API of Omvärld: the municipality's organisation, the knowledge base, "
    "the EU analysis of agenda items with its statistics, and EU monitoring. Lists are paged: "
    "?page=N, and ?page_size=N for up to 1000 results a page (100 by default).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema names every endpoint and field: served on the same terms as the API itself.
    "SERVE_PERMISSIONS": ["omvarld.api.permissions.RolePermission"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "ItemKindEnum": "omvarld.meetings.constants.ItemKind",
        "BodyKindEnum": "omvarld.organisation.constants.BodyKind",
        "EUCodeEnum": "omvarld.knowledge.constants.EUInfluence",
        "FundingCurrencyEnum": "omvarld.funding.constants.Currency",
        "FundingProjectStatusEnum": "omvarld.funding.constants.ProjectStatus",
        "FundingMatchStatusEnum": "omvarld.funding.constants.MatchStatus",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
