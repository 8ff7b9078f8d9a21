"""The read-only JSON API, served under /api/v1/ (OpenAPI at /api/v1/openapi.json,
interactive docs at /api/v1/docs).

Errors are JSON: {"detail": "<message>"}. Invalid query or path parameters answer 400
with a message naming the parameter (instead of Ninja's default 422 with a list).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

from comparisons.api import compare
from comparisons.api.endpoints import fallback, router
from comparisons.conf import site_name

api = NinjaAPI(
    title=f"{site_name()} API",
    version="1",
    description=(
        f"Read-only access to the published facts behind {site_name()}: models, providers "
        "and model comparisons. Prices are USD per 1M tokens and money amounts USD, both as "
        'decimal strings ("0.039") so no precision is lost; unknown values are null.'
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
)
api.add_router("", router)
api.add_router("", compare.router)
api.add_router("", fallback)  # last: a JSON 404 for any other path under the API


def _describe(error: dict, request: HttpRequest) -> str:
    """One error as a sentence naming the parameter, e.g.
    Invalid query parameter 'input_tokens': Input should be ... (got 'abc')."""
    loc = [str(part) for part in error.get("loc", ())]
    where, name = (loc[0], loc[-1]) if len(loc) > 1 else ("request", ".".join(loc) or "?")
    message = f"Invalid {where} parameter '{name}': {error.get('msg', 'invalid value')}"
    given = request.GET.get(name) if where == "query" else None
    if given is not None:
        message += f" (got '{given[:40]}')"
    return message + "."


@api.exception_handler(ValidationError)
def invalid_parameters(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """400, not Ninja's 422: every input here is a query or path parameter."""
    detail = " ".join(_describe(error, request) for error in exc.errors)
    return api.create_response(request, {"detail": detail}, status=400)


__all__ = ["api"]
