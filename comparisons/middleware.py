"""Refuse requests whose address carries control characters, before any view runs.

No slug, filter value or search text on this site contains a control character (U+0000 to
U+001F, U+007F to U+009F), and PostgreSQL refuses NUL in text outright, so a view that
passed such a value to a query would answer 500 on PostgreSQL (and silently match nothing
on SQLite). One gate here covers every reader page, the API and the admin, including
endpoints added later. A control character in the path answers 404 (no page has such an
address); in a query parameter's name or value, 400 naming the parameter. Under the API
the answer is its usual JSON error, {"detail": "..."}. A cookie holding one (Django
unquotes "\\000" in a cookie to NUL) is ignored as if absent: no session key or token
contains one, and the reader cannot see or fix a cookie.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _codepoint(text: str) -> str | None:
    found = CONTROL_CHARACTER.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def control_character_problem(request: HttpRequest) -> tuple[int, str] | None:
    """(status, message) when the path or a query parameter holds a control character."""
    if codepoint := _codepoint(request.path):
        return 404, (
            f"The address contains a control character ({codepoint}): "
            "no page, model, provider or lab has such an address."
        )
    for name, values in request.GET.lists():
        if codepoint := _codepoint(name):
            return 400, (
                f"A query parameter name contains a control character ({codepoint}): "
                "remove it from the address."
            )
        for value in values:
            if codepoint := _codepoint(value):
                return 400, (
                    f"Invalid query parameter '{name}': it contains a control character "
                    f"({codepoint}), which no value here may contain."
                )
    return None


def _is_api(request: HttpRequest) -> bool:
    # The API (and django-ninja) is loaded only when a bad address needs an answer.
    from comparisons.api import api

    return request.path.startswith(api.get_root_path({}))


class RejectControlCharactersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for name in [n for n, v in request.COOKIES.items() if _codepoint(n + v)]:
            del request.COOKIES[name]
        problem = control_character_problem(request)
        if problem is None:
            return self.get_response(request)
        status, message = problem
        if _is_api(request):
            from comparisons.api import api

            return api.create_response(request, {"detail": message}, status=status)
        body = render_to_string(
            "comparisons/bad_address.html",
            {"status": status, "message": message},
            request=request,
        )
        return HttpResponse(body, status=status)
