"""Settings shared by every environment; what differs per machine comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The project's apps; README, "How the code is laid out".
    "web",
    "cms",
    "home",
    "members",
    "report",
    "editorial",
    # Readership counted without cookies nor personal data (readership/models.py).
    "readership",
    "demo",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    # Not "wagtail.contrib.frontend_cache": its app purges a page on every `page_published`,
    # inside the request; the project purges once per committed change (web/cdn.py) with its
    # backends and task, which need no app.
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Only for its catalogue: Wagtail's workflow status says "13 seconds ago" with humanize's
    # naturaltime, which stays in English unless the app (and so its translations) is installed.
    "django.contrib.humanize",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy, Permissions-Policy, Cross-Origin-Resource-Policy (web/security.py).
    "web.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Readership counts (readership/middleware.py): after the static files, which are never
    # counted, and outside the page cache, which answers most visits.
    "readership.middleware.ReadershipMiddleware",
    # Whole pages for anonymous visitors (web/caching.py): right after the static files, so that
    # a cached page costs about what a static file does.
    "web.caching.PageCacheMiddleware",
    # Pages that are not cached are compressed too (Django pads them against BREACH).
    "web.caching.TextGZipMiddleware",
    # French and English typography on every page visitors read (cms/typography.py), before the
    # page is cached or compressed.
    "web.middleware.TypographyMiddleware",
    # A view failing on an unreachable database answers the 503 page (web/database_outage.py).
    "web.database_outage.DatabaseOutageMiddleware",
    # `Cache-Control: private` on what is made for one visitor: a page with an editor's userbar,
    # a notice, a form's CSRF cookie (web/middleware.py). Outside the sessions and CSRF
    # middleware, whose cookies it sees.
    "web.middleware.PrivateResponseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # LocaleMiddleware, redirecting to /fr/… only addresses that may be pages (web/middleware.py).
    "web.middleware.PageLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A request's changes that visitors see are invalidated once, when its view is done: one CDN
    # purge per publication, and a warning to the editor if it may not have gone through
    # (web/invalidation.py). After the messages middleware, which stores that warning.
    "web.invalidation.InvalidationMiddleware",
    # Who is acting, for the publishing gate of pages saved by code that does not say
    # (cms/publishing.py).
    "cms.publishing.ActingUserMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # An admin post whose StreamField data cannot be read: 400, nothing saved (cms/streamfield.py).
    "web.middleware.MalformedFormDataMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Server-side parameters let psycopg prepare a statement run more than
    # DATABASE_PREPARE_THRESHOLD times on one connection: PostgreSQL then plans it once instead
    # of on every request (a page's joins cost more to plan than to run). Empty switches it off,
    # as PgBouncer in transaction mode before 1.21 needs.
    prepare_threshold = os.environ.get("DATABASE_PREPARE_THRESHOLD", "5").strip()
    if prepare_threshold:
        DATABASES["default"]["OPTIONS"] = {
            **DATABASES["default"].get("OPTIONS", {}),
            "server_side_binding": True,
            "prepare_threshold": int(prepare_threshold),
        }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# French is the source language; its number and date formats are Canadian French.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
# The admin names the content languages in its own language (wagtail-localize's screens: "Traduction
# de … en Anglais"); the visitors' language switcher keeps each language's own name (LANGUAGES).
WAGTAIL_CONTENT_LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "America/Toronto"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# Files served at the site's root by WhiteNoise: /favicon.ico, which browsers and crawlers ask
# for before reading a page (scripts/make_favicon.py draws it from static/images/favicon.svg).
WHITENOISE_ROOT = BASE_DIR / "web" / "root_files"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Several application servers cannot share a local MEDIA_ROOT: with a bucket name, uploads go to
# S3-compatible object storage (docs/deploy.md). Keys come from AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY, read by boto3 from the environment.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "location": os.environ.get("AWS_LOCATION", ""),
            # Pages (and the page cache, and the CDN) keep image addresses: they must not be
            # signed URLs that expire. Documents stay behind Wagtail's serve view.
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
        },
    }

# One cache per server by default; with REDIS_URL every server shares one Redis. django-redis
# with IGNORE_EXCEPTIONS treats an unreachable Redis as a miss, where Django's own RedisCache
# would answer 500 on every page. Short timeouts: a dead Redis must not hold a worker.
# The page cache has a cache of its own, `pages` (web/caching.py): emptying it never touches the
# sessions nor anything else kept in `default`.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "consortium")
    REDIS_OPTIONS = {
        "CLIENT_CLASS": "django_redis.client.DefaultClient",
        "SOCKET_CONNECT_TIMEOUT": 0.5,
        "SOCKET_TIMEOUT": 0.5,
        "IGNORE_EXCEPTIONS": True,
    }
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": REDIS_OPTIONS,
        },
        # The same Redis under a prefix of its own; emptied by that prefix, where django-redis
        # would empty the whole database (web/redis_cache.py).
        "pages": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"{CACHE_KEY_PREFIX}-pages",
            "OPTIONS": {**REDIS_OPTIONS, "CLIENT_CLASS": "web.redis_cache.OwnKeysClient"},
        },
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    # Sessions are read from Redis and written to both Redis and the database: every server
    # sees them, and a Redis restart or outage (it keeps nothing on disk) logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# A CDN in front of the site (wagtail.contrib.frontend_cache's backends): the addresses a change
# touches are purged once it is committed (web/cdn.py). Inactive when none of these is set.
WAGTAILFRONTENDCACHE = {}
# web/cdn.py names each address in its own language: Wagtail would rewrite /fr/… into /en/…,
# which names no page (the slugs differ).
WAGTAILFRONTENDCACHE_LANGUAGES = []
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):  # Varnish, nginx or any cache taking PURGE
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_API_TOKEN"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ["CLOUDFLARE_API_TOKEN"],
        "ZONEID": os.environ.get("CLOUDFLARE_ZONE_ID", ""),
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):  # AWS credentials from boto3's usual places
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    }
# Tasks (django-tasks, which Wagtail 8 queues its work through). The CDN purge, which must never
# hold an editor's request, runs in a thread of the web process (web/background.py). Wagtail's
# own tasks (search index, reference index) too on PostgreSQL, after the save's commit and once
# for several saves of one object (an approval saves the report six times): they were a fifth of
# an approval's time (docs/performance.md). On SQLite, whose writers lock the whole database,
# they run at once in the request, as Wagtail's default. A deployment with a task worker may
# point both aliases at it.
TASKS = {
    "default": (
        {
            "BACKEND": "web.background.ThreadBackend",
            "OPTIONS": {
                "AFTER_COMMIT": True,
                "COALESCE": True,
                "RUN_WHEN_FULL": True,
                "MAX_PENDING": 1000,
            },
        }
        if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
        else {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    ),
    "background": {"BACKEND": "web.background.ThreadBackend"},
}
# How long a CDN may keep a page (s-maxage): long when it is purged on change, else a minute.
PAGE_CACHE_CDN_MAX_AGE = int(
    os.environ.get("PAGE_CACHE_CDN_MAX_AGE", "3600" if WAGTAILFRONTENDCACHE else "60")
)
# Daily readership counts are kept this many months, then rolled up by month
# (`manage.py rollup_readership`, readership/retention.py); the privacy page says so.
READERSHIP_RETENTION_MONTHS = int(os.environ.get("READERSHIP_RETENTION_MONTHS", "25"))
# `make bench` only: each response tells its server time and SQL queries (Server-Timing).
if env_bool("BENCH_TIMING"):
    MIDDLEWARE.insert(0, "web.caching.ServerTimingMiddleware")

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "site@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Where contact-form messages go when the site settings name no e-mail address.
CONTACT_FALLBACK_EMAIL = os.environ.get("CONTACT_FALLBACK_EMAIL", DEFAULT_FROM_EMAIL)

WAGTAIL_SITE_NAME = "Consortium de ressources et d'expertises coopératives"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# One index holds French and English: PostgreSQL's "simple" configuration drops no word as an
# English stop word ("about") and stems none the wrong way.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}
}
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", _("French")), ("en", _("English"))]
WAGTAIL_PASSWORD_RESET_ENABLED = True
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# An approved annual report is published with its messages, projects and translations.
WAGTAIL_FINISH_WORKFLOW_ACTION = "report.workflow.finish_workflow"
# A new translation of a live page starts as a draft: it goes live when an editor publishes it
# (or, for a report, with the approved report), never by the mere act of translating.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Suggested translations (the translation editor, the one-screen translation of a report) from
# DeepL when the operator gives a key; without one, no text leaves the server.
DEEPL_API_KEY = os.environ.get("DEEPL_API_KEY", "")
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = (
    {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": DEEPL_API_KEY},
    }
    if DEEPL_API_KEY
    else None
)

# Security (docs/security.md). Headers: web/security.py and production.py.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Wagtail's admin reads its CSRF token from the page, never from the cookie.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Sign-in lockout (django-axes): 5 failures of one username from one address lock that pair
# out for 15 minutes; `manage.py axes_reset_username <name>` unlocks at once (README).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "web.security.login_locked_out"
# Behind N proxies (a load balancer), the visitor's address is the Nth from the end of
# X-Forwarded-For; with 0, REMOTE_ADDR (web.security.client_ip_address).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "web.security.client_ip_address"

# Uploads: images and documents are checked against these in the admin's forms (home/forms.py).
UPLOAD_MAX_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = UPLOAD_MAX_SIZE
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# No SVG: an SVG is a document that can carry scripts.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = UPLOAD_MAX_SIZE
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "csv", "txt"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.forms.SafeDocumentForm"
# Every document is downloaded, never opened in the site's origin (a PDF can carry scripts).
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
# Files above this size are written to disk while uploading rather than held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Form fields other than files (a long report's StreamField fits in well under this).
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# The demo report's body alone posts about 640 fields; Django's default of 1000 would refuse
# (and lose) the save of a report half as large again.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # The report's PDF: WeasyPrint warns of every screen-only CSS rule it skips.
    "loggers": {"weasyprint": {"level": "ERROR"}},
}
