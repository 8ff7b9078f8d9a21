"""Settings for `bin/bench http`: the production settings, a URLconf with one more view
(a constant 20 KB page, the yardstick), and with BENCH_PAGE_CACHE=off the page cache
turned off (every reader page rendered; the data caches stay on)."""

import os

from llmref.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.http_urls"

if os.environ.get("BENCH_PAGE_CACHE", "on") == "off":
    CACHES = {
        **CACHES,  # noqa: F405
        "bench-no-page-cache": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    COMPARISONS_PAGE_CACHE_ALIAS = "bench-no-page-cache"
    COMPARISONS_PAGE_CACHE_LOCAL_BYTES = 0
