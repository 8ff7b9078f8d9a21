"""The home page: editable hero and featured comparisons, latest reviews, new models."""

from pathlib import Path

import pytest

from home.models import HomePage
from tests.helpers import section, text_of

pytestmark = pytest.mark.django_db


def test_home_page_sections(soup_of):
    soup = soup_of("/")
    assert text_of(soup.find("h1")) == "Compare large language models on the facts"
    featured = [text_of(a) for a in section(soup, "featured").select("a")]
    assert featured == ["gpt-oss-120b vs Qwen3.5-4B", "GPT-5.1 Codex vs Qwen3.5-4B"]
    latest = section(soup, "latest-reviewed")
    cards = [text_of(li) for li in latest.select("li.card")]
    assert cards[0].startswith("GPT-5.1 Codex vs Qwen3.5-4B") and "Reviewed 2026-05-22" in cards[0]
    assert cards[-1].startswith("gpt-oss-120b vs Qwen3.5-4B")
    models = [text_of(a) for a in section(soup, "recent-models").select("li a")]
    assert len(models) == 6 and "Qwen3.5-4B" in models


def test_editors_change_the_hero_and_featured_list(soup_of):
    home = HomePage.objects.get()
    home.hero_heading = "Pick your model with evidence"
    home.featured = []
    home.save_revision().publish()
    soup = soup_of("/")
    assert text_of(soup.find("h1")) == "Pick your model with evidence"
    assert soup.find(id="featured") is None


def test_pages_declare_an_icon_that_exists(soup_of):
    from django.conf import settings
    from django.contrib.staticfiles import finders

    icon = soup_of("/").find("link", rel="icon")
    assert icon["type"] == "image/svg+xml"
    assert icon["href"].startswith(settings.STATIC_URL)
    path = finders.find(icon["href"].removeprefix(settings.STATIC_URL))
    assert path and "<svg" in Path(path).read_text(encoding="utf-8")
