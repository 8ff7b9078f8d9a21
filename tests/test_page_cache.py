"""The readers' page cache (comparisons.page_cache), through the real views and the
configured cache (local memory, or Redis when REDIS_URL is set): what is cached, under
which key, what is never cached, and that every kind of change is visible on the very
next request."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from comparisons.models import (
    Benchmark,
    Capability,
    ComparisonPage,
    DecisionTag,
    Lab,
    Licence,
    ModelPage,
    ProductType,
    Provider,
    ReferenceSettings,
    TrafficProfile,
)
from tests.helpers import form_data, text_of

pytestmark = pytest.mark.django_db

EDITORIAL = "/compare/gpt-5-2-codex-vs-qwen3-5-4b/"
ON_THE_FLY = "/compare/codex-1-vs-gpt-5-2-codex/"
MODEL = "/models/gpt-5-2-codex/"

READER_URLS = [
    "/",
    "/models/",
    "/models/?lab=openai&sort=-output",
    MODEL,
    "/compare/",
    EDITORIAL,
    f"{EDITORIAL}?input_tokens=10M&output_tokens=2M",
    ON_THE_FLY,
    "/providers/",
    "/providers/vercel-ai-gateway/",
    "/labs/",
    "/labs/openai/",
    "/sitemap.xml",
    "/feeds/reviewed/",
    "/robots.txt",
    "/api/v1/models",
    "/api/v1/models/gpt-5-2-codex",
    "/api/v1/models/suggest?q=codex",
    "/api/v1/providers",
    "/api/v1/providers/vercel-ai-gateway",
    "/api/v1/compare/gpt-5-2-codex/qwen3-5-4b",
]


def text(response) -> str:
    return text_of(BeautifulSoup(response.content, "html.parser"))


@pytest.mark.parametrize("url", READER_URLS)
def test_a_reader_page_is_rendered_once_then_served_from_the_cache(client, url):
    first = client.get(url)
    assert first.status_code == 200
    assert first["X-Cache"] == "miss"
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    assert first["ETag"].startswith('"')
    second = client.get(url)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["ETag"] == first["ETag"]


def test_a_cache_hit_runs_one_query_the_generation(client, django_assert_max_num_queries):
    client.get(EDITORIAL)
    with django_assert_max_num_queries(1):
        assert client.get(EDITORIAL)["X-Cache"] == "hit"


def test_conditional_get_with_the_etag_is_a_304(client):
    first = client.get(EDITORIAL)
    again = client.get(EDITORIAL, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    other = client.get(EDITORIAL, headers={"if-none-match": '"something-else"'})
    assert other.status_code == 200 and other.content == first.content


def test_the_first_request_may_be_conditional_too(client):
    etag = client.get(MODEL)["ETag"]
    from django.core.cache import cache

    from comparisons.page_cache import local_pages

    cache.clear()
    local_pages.clear()
    response = client.get(MODEL, headers={"if-none-match": etag})
    assert response.status_code == 304 and response["X-Cache"] == "miss"


def test_the_query_string_is_part_of_the_key(client):
    plain = client.get(EDITORIAL)
    priced = client.get(f"{EDITORIAL}?input_tokens=1B&output_tokens=1B")
    assert priced["X-Cache"] == "miss"
    assert plain.content != priced.content
    assert "1B" in text(priced) or "1,000,000,000" in text(priced)


def test_the_host_is_part_of_the_key(client):
    client.get(MODEL)
    assert client.get(MODEL, HTTP_HOST="localhost")["X-Cache"] == "miss"
    assert client.get(MODEL, HTTP_HOST="localhost")["X-Cache"] == "hit"


def test_pages_outside_the_readers_views_never_touch_the_cache(client):
    for url in ("/search/?q=codex", "/admin/login/", "/health/"):
        response = client.get(url)
        assert "X-Cache" not in response, url


def test_a_signed_in_editors_page_is_never_cached_nor_given_a_cached_page(
    client, admin_client_logged_in
):
    anonymous = type(client)()
    editor_view = admin_client_logged_in.get(EDITORIAL)
    assert editor_view["X-Cache"] == "bypass"
    assert "private" in editor_view["Cache-Control"]
    assert "wagtail-userbar" in editor_view.content.decode()
    reader_view = anonymous.get(EDITORIAL)
    assert reader_view["X-Cache"] == "miss"
    assert "wagtail-userbar" not in reader_view.content.decode()
    # And the other way round: a page cached for readers is not served to the editor.
    assert admin_client_logged_in.get(EDITORIAL)["X-Cache"] == "bypass"


def test_any_session_cookie_bypasses_the_cache(client):
    client.get(MODEL)
    client.cookies["sessionid"] = "not-a-real-session"
    assert client.get(MODEL)["X-Cache"] == "bypass"


def test_a_flash_message_cookie_bypasses_the_cache(client):
    client.get(MODEL)
    client.cookies["messages"] = "anything"
    assert client.get(MODEL)["X-Cache"] == "bypass"


def test_an_authorization_header_bypasses_the_cache(client):
    client.get("/api/v1/models")
    response = client.get("/api/v1/models", headers={"authorization": "Bearer x"})
    assert response["X-Cache"] == "bypass"


def test_error_pages_are_not_cached(client):
    for _ in range(2):
        response = client.get("/compare/codex-1-vs-no-such-model/")
        assert response.status_code == 404 and response["X-Cache"] == "bypass"
        assert "public" not in response.get("Cache-Control", "")
    # A redirect is not stored either (only 200s are).
    assert client.get("/compare/qwen3-5-4b-vs-gpt-5-2-codex/")["X-Cache"] == "bypass"


def test_a_page_with_a_csrf_token_is_not_cached(client):
    page = ModelPage.objects.get(slug="gpt-5-2-codex")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    for _ in range(2):
        response = client.get(MODEL)
        assert response.status_code == 200
        assert "csrfmiddlewaretoken" in response.content.decode()
        assert response["X-Cache"] == "bypass"


def test_post_is_never_cached(client):
    client.get(MODEL)
    assert "X-Cache" not in client.post(MODEL, {})


def test_a_draft_and_its_preview_never_reach_readers(client, admin_client_logged_in):
    anonymous = type(client)()
    before = text(anonymous.get(MODEL))
    assert anonymous.get(EDITORIAL)["X-Cache"] == "miss"
    page = ModelPage.objects.get(slug="gpt-5-2-codex")
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = form_data(admin_client_logged_in.get(edit).content)
    data["title"] = ["GPT-5.2 Codex Draft Title"]
    preview = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    assert admin_client_logged_in.post(preview, data).status_code == 200
    shown = admin_client_logged_in.get(preview)
    assert "Draft Title" in shown.content.decode()
    assert admin_client_logged_in.post(edit, data).status_code == 302  # saved as a draft
    after = anonymous.get(MODEL)
    assert "Draft Title" not in after.content.decode()
    assert text(after) == before
    # Saving a draft (or an autosave) changes nothing readers see, so it keeps the pages
    # already cached: the model's comparison is still a hit.
    assert after["X-Cache"] == "hit"
    assert anonymous.get(EDITORIAL)["X-Cache"] == "hit"


def publish_price(admin_client, slug: str, price: str) -> None:
    page = ModelPage.objects.get(slug=slug)
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = form_data(admin_client.get(edit).content)
    data["routes-0-input_price"] = [price]
    data["action-publish"] = ["action-publish"]
    response = admin_client.post(edit, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_published_price_change_shows_on_the_next_request(client, admin_client_logged_in):
    anonymous = type(client)()
    urls = [EDITORIAL, ON_THE_FLY, MODEL, "/api/v1/models/gpt-5-2-codex", "/models/"]
    for url in urls:
        anonymous.get(url)
        assert anonymous.get(url)["X-Cache"] == "hit"
    publish_price(admin_client_logged_in, "gpt-5-2-codex", "7.77")
    for url in urls:
        response = anonymous.get(url)
        assert response["X-Cache"] == "miss", url
        assert "7.77" in response.content.decode(), url


def test_unpublishing_a_model_takes_its_pages_out_at_once(client, admin_client_logged_in):
    anonymous = type(client)()
    assert anonymous.get(MODEL).status_code == 200
    assert anonymous.get(EDITORIAL).status_code == 200
    page = ModelPage.objects.get(slug="gpt-5-2-codex")
    response = admin_client_logged_in.post(reverse("wagtailadmin_pages:unpublish", args=(page.pk,)))
    assert response.status_code == 302
    assert anonymous.get(MODEL).status_code == 404
    assert anonymous.get(EDITORIAL).status_code == 404


def test_deleting_and_moving_a_page_show_at_once(client, admin_client_logged_in):
    anonymous = type(client)()
    comparison = ComparisonPage.objects.get(url_path__endswith="/gpt-5-2-codex-vs-qwen3-5-4b/")
    assert comparison.title in text(anonymous.get("/compare/"))
    response = admin_client_logged_in.post(
        reverse("wagtailadmin_pages:delete", args=(comparison.pk,))
    )
    assert response.status_code == 302
    assert comparison.title not in text(anonymous.get("/compare/"))

    # The admin allows model pages under /models/ only; Wagtail's move (what the admin's
    # move runs) changes the address all the same.
    home = Page.objects.get(depth=2)
    model = ModelPage.objects.get(slug="codex-1")
    assert anonymous.get("/models/codex-1/").status_code == 200
    model.move(home, pos="last-child")
    moved = anonymous.get("/models/codex-1/")
    assert moved.status_code == 301 and moved["Location"] == "/codex-1/"
    assert anonymous.get("/codex-1/").status_code == 200


def test_a_page_made_private_leaves_the_cache_at_once(client):
    client.get(EDITORIAL)
    PageViewRestriction.objects.create(
        page=ModelPage.objects.get(slug="qwen3-5-4b"), restriction_type="login"
    )
    assert client.get(EDITORIAL).status_code == 404


SNIPPET_EDITS = [
    # (model, lookup, field, new value, a reader page that shows it)
    (Lab, {"slug": "openai"}, "name", "OpenAI Renamed Lab", MODEL),
    (Provider, {"slug": "vercel-ai-gateway"}, "name", "Vercel Renamed Gateway", EDITORIAL),
    (Capability, {"slug": "reasoning"}, "name", "Deliberate Reasoning", EDITORIAL),
    (Licence, {"slug": "proprietary"}, "name", "Closed Licence Renamed", MODEL),
    (DecisionTag, {"slug": "coding"}, "name", "Coding Renamed Tag", "/api/v1/models/gpt-5-2-codex"),
    (ProductType, {}, "name", "Product Type Renamed", "/api/v1/models/gpt-5-2-codex"),
    (Benchmark, {}, "name", "Benchmark Renamed", None),
    (TrafficProfile, {}, "name", "Traffic Profile Renamed", None),
]


@pytest.mark.parametrize(
    ("model", "lookup", "field", "value", "url"),
    SNIPPET_EDITS,
    ids=[edit[0].__name__ for edit in SNIPPET_EDITS],
)
def test_publishing_any_kind_of_reference_data_shows_at_once(
    client, admin_client_logged_in, model, lookup, field, value, url
):
    """Through the snippet editor: a draft first (readers see nothing new), then publish."""
    obj = model.objects.filter(**lookup).first()
    assert obj is not None
    anonymous = type(client)()
    if url is None:  # shown on a comparison only when chosen there: the generation tells
        from comparisons.content_generation import catalogue_version

        generation = catalogue_version()
    else:
        anonymous.get(url)
        assert anonymous.get(url)["X-Cache"] == "hit"
    name = model._meta.model_name
    edit = reverse(f"wagtailsnippets_comparisons_{name}:edit", args=(obj.pk,))
    data = form_data(admin_client_logged_in.get(edit).content, form_id="w-editor-form")
    data[field] = [value]
    response = admin_client_logged_in.post(edit, data)  # Save draft
    assert response.status_code == 302, response.content.decode()[:3000]
    if url is not None:
        assert value not in anonymous.get(url).content.decode()
    data["action-publish"] = ["action-publish"]
    response = admin_client_logged_in.post(edit, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert getattr(model.objects.get(pk=obj.pk), field) == value
    if url is None:
        assert catalogue_version() != generation
    else:
        response = anonymous.get(url)
        assert response["X-Cache"] == "miss"
        assert value in response.content.decode()


def test_site_settings_show_at_once(client):
    client.get(EDITORIAL)
    from wagtail.models import Site

    settings = ReferenceSettings.for_site(Site.objects.get(is_default_site=True))
    sentence = "Figures checked against the providers pages by the desk."
    settings.data_source_sentence = sentence
    settings.save()
    assert sentence in client.get(EDITORIAL).content.decode()


def test_a_catalogue_import_shows_at_once(client, tmp_path, django_capture_on_commit_callbacks):
    import io

    from django.core.management import call_command

    from tests.catalogue_data import provider, record, snapshot

    client.get("/providers/")
    assert client.get("/providers/")["X-Cache"] == "hit"
    path = tmp_path / "api.json"
    path.write_bytes(
        snapshot(provider("brand-new-cloud", record("fresh-model-9", "Fresh Model 9")))
    )
    # The import bumps the generation once its transaction has committed.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_catalogue", str(path), stdout=io.StringIO())
    response = client.get("/providers/")
    assert response["X-Cache"] == "miss"
    assert "Brand-New-Cloud" in text(response) or "Brand New Cloud" in text(response)


@pytest.mark.usefixtures("no_page_cache")  # what is checked is the fragment's own cache
def test_the_model_pages_pricing_fragment_follows_drafts_previews_and_publishes(
    client, admin_client_logged_in
):
    anonymous = type(client)()

    def route_prices(response) -> list[str]:
        soup = BeautifulSoup(response.content, "html.parser")
        table = soup.select_one("#pricing table")
        return [row.select("td")[0].get_text(strip=True) for row in table.select("tbody tr")]

    before = route_prices(anonymous.get(MODEL))
    assert "$7.77" not in before and route_prices(anonymous.get(MODEL)) == before
    page = ModelPage.objects.get(slug="gpt-5-2-codex")
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = form_data(admin_client_logged_in.get(edit).content)
    data["routes-0-input_price"] = ["7.77"]
    preview = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    assert admin_client_logged_in.post(preview, data).status_code == 200
    assert "$7.77" in route_prices(admin_client_logged_in.get(preview))
    assert admin_client_logged_in.post(edit, data).status_code == 302  # a draft
    assert route_prices(anonymous.get(MODEL)) == before
    publish_price(admin_client_logged_in, "gpt-5-2-codex", "7.77")
    assert "$7.77" in route_prices(anonymous.get(MODEL))


@pytest.mark.usefixtures("no_page_cache")  # what is checked is the fragment's own cache
def test_a_comparisons_sections_follow_publishes_and_the_calculator(client, admin_client_logged_in):
    anonymous = type(client)()

    def monthly(response) -> str:
        return text_of(BeautifulSoup(response.content, "html.parser").select_one("#monthly-cost"))

    default = monthly(anonymous.get(EDITORIAL))
    assert monthly(anonymous.get(EDITORIAL)) == default
    priced = monthly(anonymous.get(f"{EDITORIAL}?input_tokens=10M&output_tokens=2M"))
    assert priced != default and "10M" in priced
    assert monthly(anonymous.get(EDITORIAL)) == default
    publish_price(admin_client_logged_in, "gpt-5-2-codex", "7.77")
    assert "7.77" in text(anonymous.get(EDITORIAL))
