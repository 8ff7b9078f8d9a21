"""The site's URLs plus /bench/constant/: 20 KB of fixed HTML from a plain Django view
behind the same middleware, the most any page can be served at by this server."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

CONSTANT_BODY = (
    "<!doctype html><html><head><title>Constant</title></head><body>"
    + "<p>A constant page of twenty kilobytes, the same for every request.</p>" * 290
    + "</body></html>"
).encode()


def constant(request: HttpRequest) -> HttpResponse:
    return HttpResponse(CONSTANT_BODY)


urlpatterns = [
    path("bench/constant/", constant),
    path("", include("llmref.urls")),
]
