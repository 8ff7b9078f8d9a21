"""Compare any two models: the picker's redirects, on-the-fly comparisons, canonical URLs
(the picker form and its name resolution: test_picker.py)."""

from datetime import date

import pytest
from bs4 import BeautifulSoup

from tests.helpers import row_table, section, text_of
from tests.plugin.factories import (
    ComparisonPageFactory,
    ModelPageFactory,
    ProviderFactory,
    TrafficProfileFactory,
    default_traffic,
    route,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def models():
    """Three published models on two providers, Alpha One and Gamma Three compared by an
    editor; costed at 1,000M input and 500M output tokens a month."""
    default_traffic(TrafficProfileFactory())
    shared = ProviderFactory(name="Shared Cloud")
    other = ProviderFactory(name="Other Cloud")
    alpha = ModelPageFactory(
        title="Alpha One", release_date=date(2025, 1, 10), routes=[route(shared, "1", "2")]
    )
    beta = ModelPageFactory(
        title="Beta Two",
        release_date=date(2025, 2, 20),
        routes=[route(shared, "2", "8"), route(other, "3", "9")],
    )
    gamma = ModelPageFactory(title="Gamma Three", routes=[route(other, "1", "1")])
    ComparisonPageFactory(model_a=alpha, model_b=gamma)
    return alpha, beta, gamma


def test_picker_goes_to_the_editorial_page_in_either_order(client, models):
    for a, b in (("alpha-one", "gamma-three"), ("gamma-three", "alpha-one")):
        response = client.get("/compare/", {"a": a, "b": b})
        assert response.status_code == 302
        assert response["Location"] == "/compare/alpha-one-vs-gamma-three/"


def test_picker_goes_to_the_canonical_on_the_fly_url(client, models):
    for a, b in (("gamma-three", "beta-two"), ("beta-two", "gamma-three")):
        response = client.get("/compare/", {"a": a, "b": b})
        assert response["Location"] == "/compare/beta-two-vs-gamma-three/"


def test_other_order_redirects_permanently_to_the_canonical_url(client, models):
    response = client.get("/compare/gamma-three-vs-beta-two/")
    assert response.status_code == 301
    assert response["Location"] == "/compare/beta-two-vs-gamma-three/"


def test_on_the_fly_comparison_uses_the_same_engine_and_is_marked(client, models):
    response = client.get("/compare/alpha-one-vs-beta-two/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    # noindex and the canonical address reach a base that offers extra_head and reads
    # canonical_url (this repository's: tests/test_pairs_site.py); `wagtail start`'s does not.
    assert "not yet been reviewed by an editor" in text_of(soup.select_one(".on-the-fly"))
    assert soup.find("link", href="/static/css/minimal_site.css")  # the site's own base
    cards = {
        text_of(c.find("h3")): text_of(c.select_one(".cost-figure"))
        for c in soup.select(".cost-card")
    }
    assert cards == {"Alpha One": "$2,000", "Beta Two": "$6,000"}
    assert "Alpha One costs $4,000 less a month than Beta Two" in text_of(
        section(soup, "monthly-cost")
    )
    friction = text_of(section(soup, "switch-friction"))
    assert "Shared Cloud serves both Alpha One and Beta Two" in friction
    assert row_table(section(soup, "specs"))["Released"] == ["2025-01-10", "2025-02-20"]
    assert "not reviewed by an editor" in text_of(soup.find(id="last-reviewed"))


def test_model_against_itself_explains_why_not(client, models):
    for response in (
        client.get("/compare/alpha-one-vs-alpha-one/"),
        client.get("/compare/", {"a": "alpha-one", "b": "alpha-one"}),
    ):
        assert response.status_code == 400
        assert "A comparison needs two models" in response.content.decode()


def test_unknown_or_unpublished_slugs_are_a_404(client, models):
    # What the 404 page says is the site's 404 template's (this repository's site shows
    # the reason: tests/test_pairs_site.py); the minimal site's is `wagtail start`'s.
    assert client.get("/compare/alpha-one-vs-no-such-model/").status_code == 404
    models[1].unpublish()
    assert client.get("/compare/alpha-one-vs-beta-two/").status_code == 404
    assert client.get("/compare/", {"a": "alpha-one", "b": "beta-two"}).status_code == 404
