"""A comparison page, its models and the index pages, rendered in the minimal site: every
section generated from the facts, inside the site's own base template with the plugin's
stylesheet and script."""

from __future__ import annotations

import pytest

from tests.helpers import row_table, section, text_of
from tests.plugin.factories import (
    ComparisonPageFactory,
    LabFactory,
    ModelPageFactory,
    ProviderFactory,
    TrafficProfileFactory,
    default_traffic,
    route,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def comparison():
    default_traffic(TrafficProfileFactory())
    lab = LabFactory(name="Example Lab")
    cloud = ProviderFactory(name="Example Cloud")
    other = ProviderFactory(name="Other Cloud")
    alpha = ModelPageFactory(
        title="Alpha One",
        lab=lab,
        context_window=128_000,
        routes=[route(cloud, "0.50", "1.50"), route(other, "0.40", "1.60")],
    )
    beta = ModelPageFactory(
        title="Beta Two", lab=lab, context_window=32_000, routes=[route(cloud, "2", "8")]
    )
    return ComparisonPageFactory(model_a=alpha, model_b=beta)


def assert_in_the_sites_base(soup) -> None:
    hrefs = [link.get("href") for link in soup.find_all("link")]
    assert "/static/css/minimal_site.css" in hrefs  # the minimal site's base.html
    assert "/static/comparisons/css/comparisons.css" in hrefs  # through its extra_css
    assert soup.find("script", src="/static/comparisons/js/picker.js")  # and extra_js


def test_the_page_is_titled_by_its_pair_in_alphabetical_order(comparison):
    assert comparison.title == "Alpha One vs Beta Two"
    assert comparison.url == "/compare/alpha-one-vs-beta-two/"


def test_every_section_is_generated_in_the_sites_base_template(comparison, soup_of):
    soup = soup_of(comparison.url)
    assert_in_the_sites_base(soup)
    assert text_of(soup.find("h1")) == "Alpha One vs Beta Two"
    headings = {s["id"] for s in soup.select("section[id]") if s.find("h2")}
    assert {"scorecard", "pricing", "specs", "monthly-cost", "verdict"} <= headings
    assert not soup.select_one(".on-the-fly")  # an editor's page, not a generated pair
    specs = row_table(section(soup, "specs"))
    assert specs["Context window"] == ["128K", "32K"]
    pricing = text_of(section(soup, "pricing"))
    assert "Example Cloud" in pricing and "Other Cloud" in pricing


def test_the_monthly_cost_uses_the_sites_traffic_profile(comparison, soup_of):
    soup = soup_of(comparison.url)
    cards = {
        text_of(c.find("h3")): text_of(c.select_one(".cost-figure"))
        for c in soup.select(".cost-card")
    }
    # 1,000M input and 500M output tokens: 400 + 800 on Other Cloud; 2,000 + 4,000.
    assert cards == {"Alpha One": "$1,200", "Beta Two": "$6,000"}


def test_the_any_pair_page_uses_the_same_blocks_and_says_it_is_unreviewed(comparison, soup_of):
    gamma = ModelPageFactory(title="Gamma Three", routes=[route(ProviderFactory(), "1", "3")])
    soup = soup_of(f"/compare/alpha-one-vs-{gamma.slug}/")
    assert_in_the_sites_base(soup)
    headings = {s["id"] for s in soup.select("section[id]") if s.find("h2")}
    assert {"scorecard", "pricing", "specs", "monthly-cost"} <= headings
    assert "not yet been reviewed by an editor" in text_of(soup.select_one(".on-the-fly"))
    assert "Alpha One" in text_of(soup.find("h1")) and "Gamma Three" in text_of(soup.find("h1"))


def test_model_index_lab_and_provider_pages_render_in_the_sites_base(comparison, soup_of):
    for url in (
        comparison.model_a.url,
        comparison.model_a.get_parent().url,
        "/labs/example-lab/",
        "/providers/example-cloud/",
        "/compare/",
    ):
        soup = soup_of(url)
        assert_in_the_sites_base(soup)
        assert "Alpha One" in text_of(soup), url


def test_a_draft_model_is_not_compared(comparison, client):
    ModelPageFactory(title="Draft Model", publish=False)
    assert client.get("/compare/alpha-one-vs-draft-model/").status_code == 404
