"""/health/: 200 when the database and the cache answer, 503 naming what failed."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_health_is_200_when_database_and_cache_answer(client):
    response = client.get("/health/", headers={"accept": "application/json"})
    assert response.status_code == 200, response.content
    report = response.json()
    assert set(report.values()) == {"OK"}
    assert any("Cache" in name for name in report) and any("Database" in name for name in report)
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_health_is_503_naming_the_cache_when_redis_does_not_answer(client, settings):
    # A Redis address where nothing listens: port 9 (discard) on this machine.
    settings.CACHES = {
        "default": {
            "BACKEND": "home.cache_backends.DegradingRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    response = client.get("/health/", headers={"accept": "application/json"})
    assert response.status_code == 503
    report = response.json()
    (failed,) = [name for name, status in report.items() if status != "OK"]
    assert "Cache" in failed
    assert report[next(name for name in report if "Database" in name)] == "OK"
    # Pages still render, without the cache.
    page = client.get("/models/")
    assert page.status_code == 200
    assert client.get("/models/").status_code == 200
