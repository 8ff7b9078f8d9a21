"""Settings shared by every environment. Environment modules import from here."""

import os
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent  # site/llmref
BASE_DIR = PROJECT_DIR.parent.parent  # the repository root

INSTALLED_APPS = [
    "comparisons",
    "home",
    "wagtail.contrib.settings",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "health_check",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the address: control characters answer 400/404 here.
    "comparisons.middleware.RejectControlCharactersMiddleware",
    # Readers' pages from the cache; before the middleware that sets cookies, so it sees them.
    "comparisons.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "llmref.urls"

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
                "comparisons.context_processors.seo",
                "comparisons.context_processors.base_template",
            ],
        },
    },
]

WSGI_APPLICATION = "llmref.wsgi.application"

# DATABASE_URL selects the database (postgres://user:pass@host:5432/name for
# production); without it the embedded SQLite file in the repository root is used.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The admin writes from several requests at once (autosave, preview, save). SQLite's
    # default deferred transactions fail with "database is locked" when two of them try
    # to write; taking the write lock at the start of a transaction and waiting for it
    # makes them queue instead.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )

# REDIS_URL (redis://host:6379/0) puts the cache in Redis, shared by every process;
# without it each process has its own memory cache. A Redis that stops answering makes
# every read a miss (home.cache_backends), never an error page.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "home.cache_backends.DegradingRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "llmref"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "var" / "media"
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Page editors with many inline routes can exceed Django's default of 1,000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "LLM Reference"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "txt"]
WAGTAIL_I18N_ENABLED = False
# The admin makes no calls to other sites: no release check, and no avatars from
# gravatar.com (each would tell a third party which editor is signed in, by an e-mail
# hash; behind a closed network each would also be a failed request on every page).
# Editors can upload an avatar in their account.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Draftail, with posted content it cannot read turned into a form error (not a 500).
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "comparisons.rich_text_handlers.RichTextArea"}
}

# Editorial review: approving the last task publishes (reviewers need no direct publish
# right, so nobody bypasses the workflow). Editors cannot publish, so any edit after an
# approval goes through review again.
WAGTAIL_FINISH_WORKFLOW_ACTION = "comparisons.review.stamps.publish_approved"

# The plugin's settings (comparisons/conf.py): the two index pages sit under the home page.
COMPARISONS_INDEX_PARENT_PAGE_TYPES = ["home.HomePage"]

# Background work (django-tasks). Wagtail's own tasks stay on the default, immediate
# backend; imports go to the database queue that `manage.py db_worker --backend imports`
# works through (bin/serve starts it).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "imports": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# The catalogue's source for `import_catalogue --url` and the scheduled refresh
# (`refresh_catalogue`): fetched at most every COMPARISONS_CATALOGUE_REFRESH_HOURS (0: off).
COMPARISONS_CATALOGUE_URL = os.environ.get("CATALOGUE_URL", "https://models.dev/api.json")
COMPARISONS_CATALOGUE_REFRESH_HOURS = float(os.environ.get("CATALOGUE_REFRESH_HOURS", "24"))
COMPARISONS_CATALOGUE_FETCH_TIMEOUT = float(os.environ.get("CATALOGUE_FETCH_TIMEOUT", "30"))
