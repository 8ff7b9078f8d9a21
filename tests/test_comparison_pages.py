"""Every fact of the five specimen comparison pages, read back from our rendered pages."""

import pytest

from tests.helpers import column_headers, row_table, section, text_of
from tests.seed_comparisons import PAIRS
from tests.seed_facts import MODELS

pytestmark = pytest.mark.django_db

SECTION_IDS = [
    "intro", "verdict", "scorecard", "tradeoffs", "monthly-cost", "switch-friction", "specs",
    "pricing", "capabilities", "benchmarks", "deep-dive", "faq", "continue",
]  # fmt: skip


def join(names):
    return (
        names[0]
        if len(names) == 1
        else ", ".join(names[:-1]) + f", and {names[-1]}"
        if len(names) > 2
        else " and ".join(names)
    )


@pytest.fixture(params=sorted(PAIRS))
def seed(request, soup_of):
    slug = request.param
    spec = PAIRS[slug]
    return slug, spec, MODELS[spec["a"]], MODELS[spec["b"]], soup_of(f"/compare/{slug}/")


def test_sections_in_the_seed_order(seed):
    _, _, a, b, soup = seed
    ids = [s["id"] for s in soup.select("main section[id]")]
    assert ids == SECTION_IDS
    assert text_of(soup.find("h1")) == f"{a['name']} vs {b['name']}"


def test_tables_have_row_headers_and_model_columns_in_order(seed):
    _, _, a, b, soup = seed
    for section_id in ("scorecard", "specs", "pricing", "capabilities"):
        table = section(soup, section_id).find("table")
        assert column_headers(table)[1:] == [a["name"], b["name"]], section_id
        for tr in table.select("tbody tr"):
            assert tr.find("th", attrs={"scope": "row"}) is not None


def test_scorecard(seed):
    _, spec, a, b, soup = seed
    rows = row_table(section(soup, "scorecard"))
    assert rows["Decision fit"] == [join(a["tags"]), join(b["tags"])]
    assert rows["Context window"] == [a["context"], b["context"]]
    assert rows["Provider routes"] == list(spec["routes"])
    assert rows["Shared benchmarks"] == ["0 rows", "0 rows"]
    if spec["cheapest_output"] is None:
        assert "Cheapest route" not in rows  # no data on either side
    else:
        # The cheapest route with its prices: "OpenRouter: $0.039 input, $0.18 output per
        # 1M tokens", the output price the specimen page showed.
        for cell, output in zip(rows["Cheapest route"], spec["cheapest_output"], strict=True):
            if output == "—":
                assert cell == "—"
            else:
                assert cell.endswith(f" {output.removesuffix('/1M tokens')} output per 1M tokens")
    for label, key in (("Product type", "product_type"), ("Best for", "best_for")):
        if a[key] == b[key] == "—":
            assert label not in rows
        else:
            assert rows[label] == [a[key], b[key]]


def test_specs(seed):
    _, _, a, b, soup = seed
    rows = row_table(section(soup, "specs"))
    for label, key in [
        ("Released", "released"), ("Context window", "context"), ("Parameters", "parameters"),
        ("Architecture", "architecture"), ("License", "licence"), ("Openness", "openness"),
        ("Commercial use", "commercial_use"), ("Knowledge cutoff", "knowledge_cutoff"),
    ]:  # fmt: skip
        assert rows[label] == [a[key], b[key]], label


def test_pricing(seed):
    _, _spec, a, b, soup = seed
    pricing = section(soup, "pricing")
    rows = row_table(pricing)
    for model, column in ((a, 0), (b, 1)):
        cheapest = model["cheapest"]
        if cheapest is None:
            assert rows["Input price"][column] == rows["Output price"][column] == "—"
            assert rows["Providers"][column] == "—"
        else:
            input_price, output_price = model["routes"][cheapest]
            assert rows["Input price"][column] == f"{input_price}/1M tokens"
            assert rows["Output price"][column] == f"{output_price}/1M tokens"
            assert rows["Cheapest route"][column] == cheapest
            assert rows["Providers"][column] == ", ".join(model["routes"])
    neither = a["cheapest"] is None and b["cheapest"] is None
    assert ("Pricing is not yet sourced for either model." in text_of(pricing)) == neither


def test_capabilities(seed):
    _, spec, a, b, soup = seed
    rows = row_table(section(soup, "capabilities"))
    expected = spec["capability_rows"] or list(a["capabilities"])
    assert list(rows) == expected
    for name in expected:
        assert rows[name] == [a["capabilities"][name], b["capabilities"][name]], name


def test_monthly_cost(seed):
    _, spec, a, b, soup = seed
    cost = section(soup, "monthly-cost")
    cards = {text_of(card.find("h3")): card for card in cost.select(".cost-card")}
    assert list(cards) == [a["name"], b["name"]]
    for name, expected in spec["monthly"].items():
        card = cards[name]
        if expected is None:
            assert text_of(card.select_one(".cost-figure")) == "Unavailable"
            assert "route" in text_of(card)  # the reason is given
        else:
            amount, route = expected
            assert text_of(card.select_one(".cost-figure")) == amount
            assert f"Cheapest tracked route: {route}" in text_of(card)
    assert (
        "Cost delta unavailable until both models have sourced input and output token prices."
        in text_of(cost)
    )
    assert "800M input and 250M output tokens" in text_of(cost)


def test_tradeoffs(seed):
    _, spec, a, b, soup = seed
    sides = section(soup, "tradeoffs").select(".tradeoff-side")
    texts = {a["name"]: text_of(sides[0]), b["name"]: text_of(sides[1])}
    assert text_of(sides[0].find("h3")) == f"Choose {a['name']} when…"
    assert text_of(sides[1].find("h3")) == f"Choose {b['name']} when…"
    for model in (a, b):
        assert f"tags {model['name']} for {join(model['tags'])}." in texts[model["name"]]
    larger = spec["larger_context"]
    assert "context window" in texts[larger]
    other = b["name"] if larger == a["name"] else a["name"]
    assert "larger context window" not in texts[other]
    coverage = spec["broader_coverage"]
    for name, text in texts.items():
        assert ("broader tracked provider coverage" in text) == (name == coverage)
    assert f"{a['name']} uniquely exposes {spec['only_a']}" in texts[a["name"]]
    if spec["only_b"]:
        assert f"{b['name']} uniquely exposes {spec['only_b']}" in texts[b["name"]]
    else:
        assert "uniquely exposes" not in texts[b["name"]]


def test_switch_friction(seed):
    _, spec, a, b, soup = seed
    directions = section(soup, "switch-friction").select(".friction-direction")
    a_to_b, b_to_a = (text_of(d) for d in directions)
    assert text_of(directions[0].find("h3")) == f"{a['name']} → {b['name']}"
    assert f"No tracked provider route serves both {a['name']} and {b['name']}" in a_to_b
    assert f"No tracked provider route serves both {b['name']} and {a['name']}" in b_to_a
    assert f"Check replacement coverage for {spec['only_a']}" in a_to_b
    assert f"{a['name']} adds {spec['only_a']}" in b_to_a
    if spec["only_b"]:
        assert f"{b['name']} adds {spec['only_b']}" in a_to_b
        assert f"Check replacement coverage for {spec['only_b']}" in b_to_a
    else:
        assert "adds" not in a_to_b and "Check replacement" not in b_to_a


def test_benchmarks_none_shared(seed):
    _, _, _, _, soup = seed
    text = text_of(section(soup, "benchmarks"))
    assert "No shared benchmark rows are currently sourced for this pair." in text


def test_last_reviewed_and_source(seed):
    _, spec, _, _, soup = seed
    footer = soup.find(id="last-reviewed")
    assert " ".join(footer.get_text().split()) == (
        f"Last reviewed: {spec['last_reviewed']}. "
        "Data sourced from public model cards and provider documentation."
    )
    assert footer.find("time")["datetime"] == spec["last_reviewed"]


def test_editor_prose_is_carried_over(seed):
    _slug, _, a, b, soup = seed
    faq = section(soup, "faq")
    questions = [text_of(h) for h in faq.select(".faq-question")]
    assert f"Is {a['name']} or {b['name']} open source?" in questions
    assert len(questions) == 6
    deep_dive = text_of(section(soup, "deep-dive"))
    assert "capability footprints differ most" in deep_dive
    # The seeds' grammar slips are fixed.
    assert "evaluation are" not in deep_dive and "1 tracked routes" not in deep_dive


def test_continue_links_to_the_other_comparisons(seed):
    slug, _, _, _, soup = seed
    links = [a["href"] for a in section(soup, "continue").select("a")]
    others = sorted(f"/compare/{s}/" for s in PAIRS if s != slug)
    assert sorted(links) == others


def test_reverse_order_redirects_permanently(client):
    response = client.get("/compare/qwen3-5-4b-vs-gpt-5-2-codex/")
    assert response.status_code == 301
    assert response["Location"].endswith("/compare/gpt-5-2-codex-vs-qwen3-5-4b/")


def test_unknown_pair_is_a_404(client):
    assert client.get("/compare/qwen3-5-4b-vs-codex-1-typo/").status_code == 404
    assert client.get("/compare/no-separator-here/").status_code == 404


def test_model_pages_link_to_their_comparisons(soup_of):
    links = [a["href"] for a in soup_of("/models/qwen3-5-4b/").select("#comparisons a")]
    assert sorted(links) == sorted(f"/compare/{s}/" for s in PAIRS)
    links = [a["href"] for a in soup_of("/models/codex-1/").select("#comparisons a")]
    assert links == ["/compare/codex-1-vs-qwen3-5-4b/"]


def test_comparisons_index_lists_all(soup_of):
    links = [a["href"] for a in soup_of("/compare/").select("main .card a")]
    assert sorted(links) == sorted(f"/compare/{s}/" for s in PAIRS)


def test_comparison_is_hidden_while_a_model_is_unpublished(client, soup_of):
    from comparisons.models import ModelPage

    ModelPage.objects.get(slug="codex-1").unpublish()
    assert client.get("/compare/codex-1-vs-qwen3-5-4b/").status_code == 404
    hidden = "/compare/codex-1-vs-qwen3-5-4b/"
    for url in ("/compare/", "/models/qwen3-5-4b/", "/compare/gpt-5-2-codex-vs-qwen3-5-4b/"):
        assert hidden not in [a["href"] for a in soup_of(url).select("main a")], url
    assert hidden not in client.get("/sitemap.xml").content.decode()


def test_title_follows_a_change_of_pair_unless_customised():
    from comparisons.models import ComparisonPage, ModelPage

    page = ComparisonPage.objects.get(slug="codex-1-vs-qwen3-5-4b")
    page.model_b = ModelPage.objects.get(slug="gpt-5-1-codex")
    page.full_clean()
    assert (page.title, page.slug) == ("Codex 1 vs GPT-5.1 Codex", "codex-1-vs-gpt-5-1-codex")
    page = ComparisonPage.objects.get(slug="gpt-5-2-codex-vs-qwen3-5-4b")
    page.title = "GPT-5.2 Codex or Qwen3.5-4B for coding agents?"
    page.model_b = ModelPage.objects.get(slug="codex-1")
    page.full_clean()
    assert page.title == "GPT-5.2 Codex or Qwen3.5-4B for coding agents?"


def test_hidden_capability_rows_are_not_named_in_sentences(soup_of):
    """The gpt-oss-120b page shows seven capability rows; no sentence names another."""
    soup = soup_of("/compare/gpt-oss-120b-vs-qwen3-5-4b/")
    generated = " ".join(text_of(section(soup, s)) for s in ("tradeoffs", "switch-friction"))
    for hidden in ("IDE integration", "Computer use", "Parallel agents"):
        assert hidden not in generated
