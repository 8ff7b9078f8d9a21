"""`/health/`: 200 when the database and the cache answer, 503 naming what failed.

django-health-check runs the checks (a `SELECT 1`, and a value written to the cache and
read back); it answers a failure with 500, which load balancers read as "the app is
broken" rather than "this instance is unavailable", so failures answer 503 here."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from health_check.views import HealthCheckView


class HealthView(HealthCheckView):
    checks = ("health_check.checks.Database", "health_check.checks.Cache")

    async def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = await super().get(request, *args, **kwargs)
        if response.status_code == 500:
            response.status_code = 503
        return response
