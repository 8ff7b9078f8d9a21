"""Production: secrets and hosts come from the environment; PostgreSQL via DATABASE_URL,
Redis via REDIS_URL (both in base.py), static files served by WhiteNoise."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

# What a production server cannot guess. bin/serve --production stops with this message.
REQUIRED_ENVIRONMENT = {
    "SECRET_KEY": "a random string (python3 -c 'import secrets; print(secrets.token_hex(32))')",
    "ALLOWED_HOSTS": "the site's host names, comma-separated (llm.example.com)",
    "WAGTAILADMIN_BASE_URL": "the site's https address for e-mail links (https://llm.example.com)",
}
_missing = [name for name in REQUIRED_ENVIRONMENT if not os.environ.get(name, "").strip()]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need "
        + "; ".join(f"{name}: {REQUIRED_ENVIRONMENT[name]}" for name in _missing)
        + ". Set them in the environment."
    )


def _list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = _list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = _list("CSRF_TRUSTED_ORIGINS")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# HSTS on by default for a year, subdomains included and preload-ready. A first deployment
# can lower SECURE_HSTS_SECONDS (e.g. 300) until HTTPS is known to work everywhere, and
# turn SECURE_HSTS_INCLUDE_SUBDOMAINS / SECURE_HSTS_PRELOAD off where subdomains lack HTTPS.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = (
    os.environ.get("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true").lower() == "true"
)
SECURE_HSTS_PRELOAD = os.environ.get("SECURE_HSTS_PRELOAD", "true").lower() == "true"
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
# The load balancer's health probe speaks plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
# Links in notification emails (workflow reviews) must point at the real site.
WAGTAILADMIN_BASE_URL = os.environ["WAGTAILADMIN_BASE_URL"]

# Persistent database connections: every reader request reads the catalogue generation
# (page cache hits too), and opening a PostgreSQL connection costs more than that read.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# Static files: WhiteNoise serves what collectstatic wrote to STATIC_ROOT, compressed
# (gzip and Brotli) and, for the hashed names, with a far-future Cache-Control.
MIDDLEWARE = [
    MIDDLEWARE[0],  # noqa: F405 - SecurityMiddleware first
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],  # noqa: F405
]
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
)

# Browsers and CDNs keep a reader page this long (seconds) without asking again; the
# server's own page cache is invalidated on every change (comparisons.page_cache).
COMPARISONS_PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "60"))

# A CDN or Varnish in front is purged when a page is published or unpublished
# (wagtail.contrib.frontend_cache). FRONTEND_CACHE=cloudflare with CLOUDFLARE_BEARER_TOKEN
# and CLOUDFLARE_ZONE_ID; FRONTEND_CACHE=http with FRONTEND_CACHE_LOCATION (Varnish's
# address, sent PURGE requests).
_frontend_cache = os.environ.get("FRONTEND_CACHE", "").strip().lower()
if _frontend_cache == "cloudflare":
    WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": os.environ["CLOUDFLARE_BEARER_TOKEN"],
            "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        }
    }
elif _frontend_cache == "http":
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_LOCATION"],
        }
    }
elif _frontend_cache:
    raise ImproperlyConfigured(
        f"FRONTEND_CACHE={_frontend_cache!r} is not a frontend cache: use cloudflare or http."
    )

# Errors and the page cache's warnings (Redis unreachable) go to the server's log.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
