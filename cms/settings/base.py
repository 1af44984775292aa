"""Production-safe base settings: everything secret or environment-specific comes from the environment."""

import os
from pathlib import Path

import dj_database_url

from django.core.exceptions import ImproperlyConfigured

env = os.environ.copy()

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    return env.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env.get(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = env.get("SECRET_KEY", "")
# Old keys still accepted while signed values made with them (sessions, open public forms) run out.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "home",
    "practices",
    "practices.reviews",
    "practices.contributions",
    "practices.documents",
    "search",
    "pagecache",
    "wagtail_modeladmin",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.api.v2",
    "wagtail.api.v3",
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
    "django_filters",
    "rest_framework",
    "corsheaders",
    # wagtail-modeladmin's list filters use the Django admin's; its URLs are not mounted.
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Early, so a cached page costs little more than a cache read (docs/performance.md).
    "pagecache.middleware.PageCacheMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "practices.api.http.ApiHttpMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.StorageUnavailableMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

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
            ],
        },
    },
]

# Database: DATABASE_URL (PostgreSQL in production); a local SQLite file otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(env.get("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer should fail a request (and /healthz) in seconds.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, process memory otherwise.
if env.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": env["REDIS_URL"],
            "KEY_PREFIX": "brightspots",
            "TIMEOUT": 300,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env.get("TIME_ZONE", "America/New_York")
USE_I18N = True
# Plain words for Wagtail's moderation strings that editors see (locale/en/LC_MESSAGES/django.po).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

# Static files: WhiteNoise serves them from the app; production adds a hashed manifest.
STATIC_ROOT = BASE_DIR / "static_collected"
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files browsers ask for at the site's root (/favicon.ico), served by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "static_root"
MEDIA_ROOT = Path(env.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# S3 is switched on by the presence of its bucket name (see docs/storage.md).
AWS_STORAGE_BUCKET_NAME = env.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    from botocore.config import Config

    INSTALLED_APPS.append("storages")
    # Documents, original images and renditions all go here; failed deletes are recorded as orphans.
    STORAGES["default"] = {"BACKEND": "core.storage.MediaStorage"}
    AWS_S3_REGION_NAME = env.get("AWS_S3_REGION_NAME", "us-east-1")
    AWS_S3_ENDPOINT_URL = env.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_CUSTOM_DOMAIN = env.get("AWS_S3_CUSTOM_DOMAIN") or None
    # A custom domain (a CDN) makes django-storages build unsigned URLs, which a private bucket refuses;
    # only CloudFront's own signed URLs keep downloads private and working (docs/storage.md).
    AWS_CLOUDFRONT_KEY_ID = env.get("AWS_CLOUDFRONT_KEY_ID") or None
    AWS_CLOUDFRONT_KEY = (env.get("AWS_CLOUDFRONT_KEY") or "").encode() or None
    if AWS_S3_CUSTOM_DOMAIN and not (AWS_CLOUDFRONT_KEY_ID and AWS_CLOUDFRONT_KEY):
        raise ImproperlyConfigured(
            "AWS_S3_CUSTOM_DOMAIN needs AWS_CLOUDFRONT_KEY_ID and AWS_CLOUDFRONT_KEY: the bucket "
            "is private, so unsigned links on a custom domain would be refused (docs/storage.md)."
        )
    # Wagtail requires unique keys: two uploads named report.pdf must both survive.
    AWS_S3_FILE_OVERWRITE = False
    AWS_DEFAULT_ACL = "private"
    # Documents are served by redirect to a short-lived signed URL, so the bucket stays private.
    AWS_QUERYSTRING_AUTH = True
    AWS_QUERYSTRING_EXPIRE = int(env.get("AWS_QUERYSTRING_EXPIRE", "300"))
    # A hung S3 fails in seconds: short timeouts, and at most two attempts in all.
    AWS_S3_CLIENT_CONFIG = Config(
        connect_timeout=float(env.get("AWS_S3_CONNECT_TIMEOUT", "3")),
        read_timeout=float(env.get("AWS_S3_READ_TIMEOUT", "5")),
        retries={"total_max_attempts": 2, "mode": "standard"},
        # Against a custom endpoint botocore would presign with legacy SigV2, which newer AWS regions refuse.
        signature_version="s3v4",
    )
    WAGTAILDOCS_SERVE_METHOD = "redirect"

# Email: SMTP when EMAIL_HOST is set, otherwise messages go to the console log.
if env.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env["EMAIL_HOST"]
    EMAIL_PORT = int(env.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env.get(
    "DEFAULT_FROM_EMAIL", "Bright Spots <no-reply@brightspots.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "INFO")},
    # Wagtail 8 runs search-index and reference-index updates as tasks; two INFO lines each is noise.
    "loggers": {"django_tasks": {"level": "WARNING"}},
}

# The page cache (docs/performance.md): anonymous public pages kept in the shared cache until what
# they show changes. On by default only with Redis: each process's own memory would miss purges.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", bool(env.get("REDIS_URL")))
PAGE_CACHE_SECONDS = int(env.get("PAGE_CACHE_SECONDS", str(24 * 3600)))
# Never looked up in the page cache: these answer per person, or are cached in their own way.
PAGE_CACHE_SKIP_PREFIXES = (
    "/admin/",
    "/review/",
    "/contribute/",
    "/api/",
    "/documents/",
    "/static/",
    "/media/",
    "/healthz",
    "/_util/",
)
# The sitemap index and its pages (home/sitemap.py), purged whenever a page goes live or leaves.
PAGE_CACHE_SITEMAP_PATHS = ["/sitemap.xml", "/sitemaps/*"]
SITEMAP_PAGE_SIZE = int(env.get("SITEMAP_PAGE_SIZE", "2000"))
# A CDN in front: wagtail.contrib.frontend_cache purges CloudFront with the page cache's own list of
# addresses when WAGTAILFRONTENDCACHE_CLOUDFRONT_DISTRIBUTION_ID is set (credentials: the usual AWS ones).
if env.get("WAGTAILFRONTENDCACHE_CLOUDFRONT_DISTRIBUTION_ID"):
    # boto3 signs even global CloudFront calls with a region, and Wagtail's backend passes none.
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    WAGTAILFRONTENDCACHE = {
        "cloudfront": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": env["WAGTAILFRONTENDCACHE_CLOUDFRONT_DISTRIBUTION_ID"],
        }
    }
# How long a shared cache (CDN) may keep a page: long when purges reach it, short when they cannot.
PAGE_CACHE_SHARED_MAX_AGE = int(
    env.get(
        "PAGE_CACHE_SHARED_MAX_AGE",
        "86400"
        if env.get("WAGTAILFRONTENDCACHE_CLOUDFRONT_DISTRIBUTION_ID")
        else "300",
    )
)
PAGE_CACHE_STALE_WHILE_REVALIDATE = int(
    env.get("PAGE_CACHE_STALE_WHILE_REVALIDATE", "60")
)

# Page editors can exceed Django's default of 1000 fields on long practices.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "Bright Spots"
WAGTAILADMIN_BASE_URL = env.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# PostgreSQL full text with English stemming by default; OpenSearch or Elasticsearch when the
# library outgrows it (SEARCH_URL, docs/search.md). After changing backend: manage.py update_index.
SEARCH_URL = env.get("SEARCH_URL", "")
# How many matches PostgreSQL scores for "best match"; the rest follow, newest first.
SEARCH_RANKED_MATCHES = int(env.get("SEARCH_RANKED_MATCHES", "300"))
if SEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": env.get("SEARCH_BACKEND", "wagtail.search.backends.opensearch2"),
            "URLS": [SEARCH_URL],
            "INDEX": env.get("SEARCH_INDEX", "brightspots"),
            "TIMEOUT": 5,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            # Wagtail's database backend, ranked by field weight on PostgreSQL (search/backends).
            "BACKEND": "search.backends",
            "SEARCH_CONFIG": "english",
        }
    }
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "csv", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(
    env.get("WAGTAILDOCS_MAX_UPLOAD_SIZE", str(20 * 1024 * 1024))
)
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(
    env.get("WAGTAILIMAGES_MAX_UPLOAD_SIZE", str(10 * 1024 * 1024))
)
# Uploads are checked by content, and a replaced document keeps its old file until the new one is stored.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "practices.documents.forms.PracticeDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.forms.ImageForm"
WAGTAILAPI_BASE_URL = env.get("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)
WAGTAILAPI_LIMIT_MAX = 100
# Rich text in the API is display HTML with page and document links resolved to public URLs.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_DOCS_ENABLED = env_bool("WAGTAILAPI_DOCS_ENABLED", True)

# The headless API (docs/api.md): browsers on these origins may read it; nobody else's.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]
# Requests a minute from one address without an API token, and how long shared caches keep answers.
API_ANON_RATE_LIMIT = int(env.get("API_ANON_RATE_LIMIT", "300"))
API_CACHE_MAX_AGE = int(env.get("API_CACHE_MAX_AGE", "60"))
# How many proxies in front of the app append to X-Forwarded-For; 0 trusts only REMOTE_ADDR.
TRUSTED_PROXY_COUNT = int(env.get("TRUSTED_PROXY_COUNT", "0"))
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Public contact address shown on the site; Alia's real inbox in production.
BRIGHTSPOTS_CONTACT_EMAIL = env.get(
    "BRIGHTSPOTS_CONTACT_EMAIL", "brightspots@alia.example"
)
# Replies to parent review emails reach a person at Alia (docs/review-workflow.md).
REVIEW_REPLY_TO = env.get("REVIEW_REPLY_TO", BRIGHTSPOTS_CONTACT_EMAIL)

# Contributions from the public (docs/contributions.md): who is told of each one, and spam limits.
CONTRIBUTIONS_NOTIFY_EMAIL = env_list("CONTRIBUTIONS_NOTIFY_EMAIL") or [
    BRIGHTSPOTS_CONTACT_EMAIL
]
# Form posts one address may make per window, both forms together (shared through Redis if set).
CONTRIBUTION_RATE_LIMIT = int(env.get("CONTRIBUTION_RATE_LIMIT", "20"))
CONTRIBUTION_RATE_WINDOW = int(env.get("CONTRIBUTION_RATE_WINDOW", "3600"))
# A form sent sooner than this after it was shown is a bot's; one older than the maximum is shown again.
CONTRIBUTION_MIN_SECONDS = int(env.get("CONTRIBUTION_MIN_SECONDS", "3"))
CONTRIBUTION_FORM_MAX_AGE = int(env.get("CONTRIBUTION_FORM_MAX_AGE", str(2 * 86400)))
# manage.py purge_contributions deletes submissions and feedback older than this.
CONTRIBUTIONS_RETENTION_DAYS = int(env.get("CONTRIBUTIONS_RETENTION_DAYS", "730"))

# Parent review (docs/review-workflow.md): parents review exactly the revision that gets published.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# No autosave: a revision saved on its own while a practice is in a workflow restarts its round
# and emails the parents again (it also raced the moderator's approval). Editors save on purpose.
WAGTAIL_AUTOSAVE_INTERVAL = 0
# A superuser's emergency direct publish cancels the round in progress rather than leaving it dangling.
WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH = True
WAGTAIL_FINISH_WORKFLOW_ACTION = "practices.reviews.workflows.publish_reviewed_revision"
# Avatars from Gravatar would send a hash of every user's email (parents' included) to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
