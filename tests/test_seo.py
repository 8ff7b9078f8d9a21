"""Search-engine and sharing metadata."""

import json
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def ld(soup, kind):
    for script in soup.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        if data["@type"] == kind:
            return data
    return None


def test_comparison_has_valid_json_ld_breadcrumbs_and_faq(soup_of):
    soup = soup_of("/compare/gpt-oss-120b-vs-qwen3-5-4b/")
    crumbs = ld(soup, "BreadcrumbList")
    assert [item["name"] for item in crumbs["itemListElement"]] == [
        "Home",
        "Comparisons",
        "gpt-oss-120b vs Qwen3.5-4B",
    ]
    faq = ld(soup, "FAQPage")
    questions = [q["name"] for q in faq["mainEntity"]]
    shown = [h.get_text(strip=True) for h in soup.select("#faq .faq-question")]
    assert questions == shown and len(questions) == 6
    assert faq["mainEntity"][0]["acceptedAnswer"]["text"].startswith(
        "Qwen3.5-4B supports 262K tokens"
    )


def test_on_the_fly_faq_uses_the_drafts_shown(soup_of):
    soup = soup_of("/compare/codex-1-vs-gpt-oss-120b/")
    faq = ld(soup, "FAQPage")
    assert [q["name"] for q in faq["mainEntity"]] == [
        h.get_text(strip=True) for h in soup.select("#faq .faq-question")
    ]


def test_json_ld_cannot_be_broken_out_of(admin_client_logged_in):
    from comparisons.models import ComparisonPage

    page = ComparisonPage.objects.get(slug="codex-1-vs-qwen3-5-4b")
    raw = page.sections.raw_data
    for block in raw:
        if block["type"] == "faq":
            block["value"]["items"] = [
                {"question": "</script><script>alert(1)</script>?", "answer": "<p>x</p>"}
            ]
    page.sections = raw
    page.save_revision().publish()
    body = admin_client_logged_in.get(page.url).content.decode()
    assert "</script><script>alert(1)" not in body
    soup = BeautifulSoup(body, "html.parser")
    assert ld(soup, "FAQPage")["mainEntity"][0]["name"] == "</script><script>alert(1)</script>?"


@pytest.mark.parametrize(
    "url",
    [
        "/models/gpt-oss-120b/",
        "/compare/gpt-5-2-codex-vs-qwen3-5-4b/",
        "/providers/groq/",
        "/models/?sort=-output",
    ],
)
def test_canonical_and_sharing_meta(soup_of, url):
    soup = soup_of(url)
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical == "http://testserver" + url.split("?")[0]
    assert soup.find("meta", property="og:url")["content"] == canonical
    assert soup.find("meta", property="og:title")["content"]
    assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"
    assert soup.find("meta", attrs={"name": "description"})["content"]


def test_model_page_breadcrumbs(soup_of):
    crumbs = ld(soup_of("/models/codex-1/"), "BreadcrumbList")
    assert crumbs["itemListElement"][-1] == {
        "@type": "ListItem",
        "position": 3,
        "name": "Codex 1",
        "item": "http://testserver/models/codex-1/",
    }


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body and "Sitemap: http://testserver/sitemap.xml" in body


def test_feed_of_recently_reviewed_comparisons(client):
    response = client.get("/feeds/reviewed/")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    items = root.findall("./channel/item")
    assert [i.findtext("title") for i in items][:2] == [
        "GPT-5.1 Codex vs Qwen3.5-4B",
        "GPT-5.2 Codex vs Qwen3.5-4B",
    ]
    assert items[-1].findtext("link").endswith("/compare/gpt-oss-120b-vs-qwen3-5-4b/")
    assert len(items) == 5


def test_sitemap_lists_pages_providers_and_labs(client):
    from urllib.parse import urlsplit

    body = client.get("/sitemap.xml").content.decode()
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
    locs = [urlsplit(el.text).path for el in ET.fromstring(body).iter(ns)]
    assert "/models/gpt-oss-120b/" in locs
    assert "/compare/gpt-5-2-codex-vs-qwen3-5-4b/" in locs
    assert "/providers/openrouter/" in locs and "/labs/alibaba/" in locs
    assert not any("codex-1-vs-gpt-oss-120b" in loc for loc in locs)


def test_feed_titles_and_descriptions_are_text_not_markup(client):
    from comparisons.models import ComparisonPage

    hostile = "<svg onload=alert(1)>"
    # The title normally follows the two models; set it directly, as a crafted save could.
    ComparisonPage.objects.filter(slug="gpt-5-1-codex-vs-qwen3-5-4b").update(title=hostile)
    response = client.get("/feeds/reviewed/")
    assert response.status_code == 200
    item = ET.fromstring(response.content).find("./channel/item")
    title, description = item.findtext("title"), item.findtext("description")
    # Feed readers render these as HTML: what they hold must be the escaped text.
    assert title == "&lt;svg onload=alert(1)&gt;"
    assert description.startswith("&lt;svg onload=alert(1)&gt;: reviewed on ")
    assert BeautifulSoup(title, "html.parser").find("svg") is None
    assert BeautifulSoup(description, "html.parser").find("svg") is None
