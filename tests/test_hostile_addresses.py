"""Control characters in addresses: every reader page and API endpoint answers 400 or 404
with a message saying what is wrong, never a server error. PostgreSQL refuses NUL in text,
so on PostgreSQL any of these reaching a query would be a 500.

The addresses are discovered, not listed: reader pages from the sitemap, the URL
resolver's fixed routes and the links and GET forms on those pages; API endpoints and their
parameters from the OpenAPI schema. A new page, filter or endpoint is walked too."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from tests.helpers import text_of

pytestmark = pytest.mark.django_db

NUL = "\x00"
NOT_READER = ("admin/", "django-admin/", "documents/", "api/")
# Path parameters of templated API paths, filled with published data so that only the
# parameter under test is wrong. A new templated endpoint fails the walk until it has one.
API_PATH_EXAMPLES = {
    "slug": {
        "/api/v1/models/{slug}": "gpt-oss-120b",
        "/api/v1/models/{slug}/price-history": "gpt-oss-120b",
        "/api/v1/providers/{slug}": "groq",
    },
    "a": {"/api/v1/compare/{a}/{b}": "gpt-oss-120b"},
    "b": {"/api/v1/compare/{a}/{b}": "qwen3-5-4b"},
}


def _fixed_routes(patterns: list, prefix: str = "") -> list[str]:
    """Routes of the URL resolver that take no parameter (parametrised ones are reached
    through the sitemap and links)."""
    found: list[str] = []
    for entry in patterns:
        if not isinstance(entry.pattern, RoutePattern) or entry.pattern.converters:
            continue
        route = prefix + str(entry.pattern)
        if route.startswith(NOT_READER):
            continue
        if isinstance(entry, URLResolver):
            found += _fixed_routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            found.append("/" + route)
    return found


def _same_site(href: str, base: str) -> str | None:
    parts = urlsplit(href)
    if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "testserver"):
        return None
    path = parts.path or base
    if not path.startswith("/") or path.lstrip("/").startswith(NOT_READER):
        return None
    return path + (f"?{parts.query}" if parts.query else "")


def reader_addresses(client) -> tuple[set[str], set[tuple[str, tuple[tuple[str, str], ...]]]]:
    """(paths, (path, query) pairs) reachable by a reader: sitemap entries and fixed routes,
    then every same-site link and GET form on those pages."""
    sitemap = client.get("/sitemap.xml").content
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
    start = {urlsplit(el.text).path for el in ET.fromstring(sitemap).iter(ns)}
    start |= set(_fixed_routes(get_resolver().url_patterns))
    paths: set[str] = set(start)
    queries: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
    for url in sorted(start):
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        if "html" not in response["Content-Type"]:
            continue
        soup = BeautifulSoup(response.content, "html.parser")
        for link in soup.find_all("a", href=True):
            target = _same_site(link["href"], url)
            if target is None:
                continue
            path, _, query = target.partition("?")
            paths.add(path)
            if query:
                queries.add((path, tuple(parse_qsl(query, keep_blank_values=True))))
        for form in soup.find_all("form"):
            if form.get("method", "get").lower() != "get":
                continue
            action = _same_site(form.get("action") or url, url)
            if action is None:
                continue
            fields = tuple(
                (field["name"], field.get("value") or "x")
                for field in form.find_all(["input", "select", "textarea"])
                if field.get("name")
            )
            queries.add((action.partition("?")[0], fields))
    return paths, queries


def path_variants(path: str) -> list[str]:
    """The path with each segment replaced by NUL, and with NUL appended to each."""
    segments = path.strip("/").split("/")
    variants = []
    for i, segment in enumerate(segments):
        for bad in (NUL, segment + NUL):
            changed = [*segments[:i], bad, *segments[i + 1 :]]
            variants.append("/" + "/".join(quote(s) for s in changed) + "/")
    return variants


def query_variants(path: str, fields: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """(parameter, address) with NUL in that parameter's value, the others as given."""
    names = dict.fromkeys(name for name, _ in fields)
    return [
        (
            name,
            f"{path}?" + urlencode([(n, NUL if n == name else v) for n, v in fields]),
        )
        for name in names
    ]


def assert_clear_refusal(response, url: str, parameter: str | None) -> None:
    assert response.status_code in (400, 404), f"{url!r} answered {response.status_code}"
    if response["Content-Type"].startswith("application/json"):
        message = json.loads(response.content)["detail"]
    else:
        message = text_of(BeautifulSoup(response.content, "html.parser").find("main"))
    assert "control character (U+0000)" in message, f"{url!r}: {message!r}"
    if parameter is not None:
        assert response.status_code == 400, url
        assert f"'{parameter}'" in message, f"{url!r} does not name {parameter}: {message!r}"
    else:
        assert response.status_code == 404, url


def test_every_reader_address_refuses_nul_clearly(client):
    paths, queries = reader_addresses(client)
    # The walk found the pages the issue is about, so it walks what readers can reach.
    assert {"/models/", "/compare/", "/search/", "/providers/groq/"} <= paths
    assert any(p.startswith("/compare/") and "-vs-" in p for p in paths)
    assert ("/compare/", "a") in {(p, n) for p, f in queries for n, _ in f}
    assert ("/models/", "lab") in {(p, n) for p, f in queries for n, _ in f}
    for path in sorted(paths):
        for url in path_variants(path):
            assert_clear_refusal(client.get(url), url, None)
    for path, fields in sorted(queries):
        for parameter, url in query_variants(path, fields):
            assert_clear_refusal(client.get(url), url, parameter)


def test_every_api_endpoint_refuses_nul_clearly(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert len(schema["paths"]) >= 6
    walked = 0
    for template, operations in schema["paths"].items():
        parameters = operations["get"].get("parameters", [])
        in_path = [p["name"] for p in parameters if p["in"] == "path"]
        in_query = [p["name"] for p in parameters if p["in"] == "query"]
        values = {}
        for name in in_path:
            assert template in API_PATH_EXAMPLES.get(name, {}), f"no example for {template}"
            values[name] = API_PATH_EXAMPLES[name][template]
        required = {
            p["name"]: "gpt" for p in parameters if p["in"] == "query" and p.get("required")
        }

        def address(path_values: dict[str, str], query: dict[str, str], t=template) -> str:
            path = re.sub(r"\{(\w+)\}", lambda m: quote(path_values[m.group(1)]), t)
            return path + (f"?{urlencode(query)}" if query else "")

        good = address(values, required)
        assert client.get(good).status_code == 200, good
        for name in in_path:
            url = address({**values, name: NUL}, required)
            assert_clear_refusal(client.get(url), url, None)
            walked += 1
        for name in in_query:
            url = address(values, {**required, name: NUL})
            assert_clear_refusal(client.get(url), url, name)
            walked += 1
    assert walked >= 12


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/models/?lab=%00", "lab"),
        ("/compare/?a=%00&b=x", "a"),
        ("/api/v1/models?lab=%00", "lab"),
        ("/api/v1/models/suggest?q=%00", "q"),
        ("/api/v1/models/%00", None),
        ("/api/v1/providers/%00", None),
        ("/api/v1/compare/%00/gpt-oss-120b", None),
    ],
)
def test_reported_addresses(client, url, parameter):
    assert_clear_refusal(client.get(url), url, parameter)


@pytest.mark.parametrize("character", ["%01", "%09", "%1F", "%7F", "%C2%85"])
def test_other_control_characters_are_refused(client, character):
    response = client.get(f"/api/v1/models/suggest?q=gpt{character}")
    assert response.status_code == 400
    assert (
        "Invalid query parameter 'q': it contains a control character"
        in (response.json()["detail"])
    )
    response = client.get(f"/models/?lab=open{character}ai")
    assert response.status_code == 400
    assert "'lab'" in text_of(BeautifulSoup(response.content, "html.parser").find("main"))


def test_ordinary_text_still_passes(client):
    assert client.get("/api/v1/models/suggest?q=gpt%20oss").status_code == 200
    assert client.get("/search/?q=Qwen%E2%80%935").status_code == 200


def test_a_cookie_holding_nul_is_ignored(client):
    # Django unquotes octal escapes in cookies: this session key arrives holding NUL.
    response = client.get("/models/", HTTP_COOKIE='sessionid="abcdefghij\\000"')
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").find("h1") is not None
