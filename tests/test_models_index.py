"""The models index: filters, sorting and pagination through query parameters."""

import pytest

from tests.helpers import text_of

pytestmark = pytest.mark.django_db


def index_rows(soup_of, query=""):
    soup = soup_of(f"/models/{query}")
    table = soup.find("table", class_="models-index")
    rows = [[text_of(c) for c in tr.find_all(["th", "td"])] for tr in table.select("tbody tr")]
    return soup, rows


def names(rows):
    return [r[0] for r in rows]


def test_all_published_models_with_their_facts(soup_of):
    _, rows = index_rows(soup_of)
    by_name = {r[0]: r for r in rows}
    assert names(rows) == [
        "Codex 1",
        "GPT-4 Vision Preview",
        "GPT-5.1 Codex",
        "GPT-5.2 Codex",
        "gpt-oss-120b",
        "Qwen3.5-4B",
    ]
    assert by_name["gpt-oss-120b"][1:9] == [
        "OpenAI",
        "2025-08-05",
        "131K",
        "OpenRouter",
        "$0.039",
        "$0.18",
        "7",
        "Open Source",
    ]
    assert by_name["Qwen3.5-4B"][4:8] == ["—", "—", "—", "0"]
    assert "Vision" in by_name["Qwen3.5-4B"][9] and "Reasoning" not in by_name["Qwen3.5-4B"][9]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?lab=alibaba", ["Qwen3.5-4B"]),
        ("?provider=openrouter", ["gpt-oss-120b"]),
        ("?provider=vercel-ai-gateway", ["GPT-5.1 Codex", "GPT-5.2 Codex", "gpt-oss-120b"]),
        ("?capability=reasoning", ["Codex 1", "GPT-5.2 Codex"]),
        ("?openness=open_source", ["gpt-oss-120b", "Qwen3.5-4B"]),
        ("?tag=rag", ["GPT-5.1 Codex", "gpt-oss-120b"]),
        (
            "?tag=coding&capability=vision",
            ["GPT-4 Vision Preview", "GPT-5.1 Codex", "GPT-5.2 Codex"],
        ),
    ],
)
def test_filters(soup_of, query, expected):
    _, rows = index_rows(soup_of, query)
    assert names(rows) == expected


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (
            "context",
            [
                "GPT-4 Vision Preview",
                "gpt-oss-120b",
                "Codex 1",
                "Qwen3.5-4B",
                "GPT-5.1 Codex",
                "GPT-5.2 Codex",
            ],
        ),
        (
            "-context",
            [
                "GPT-5.1 Codex",
                "Qwen3.5-4B",
                "Codex 1",
                "gpt-oss-120b",
                "GPT-4 Vision Preview",
                "GPT-5.2 Codex",
            ],
        ),
        (
            "-output",
            [
                "GPT-4 Vision Preview",
                "GPT-5.2 Codex",
                "GPT-5.1 Codex",
                "gpt-oss-120b",
                "Codex 1",
                "Qwen3.5-4B",
            ],
        ),
        (
            "-providers",
            [
                "gpt-oss-120b",
                "GPT-4 Vision Preview",
                "GPT-5.1 Codex",
                "GPT-5.2 Codex",
                "Codex 1",
                "Qwen3.5-4B",
            ],
        ),
        (
            "released",
            [
                "GPT-4 Vision Preview",
                "Codex 1",
                "gpt-oss-120b",
                "GPT-5.1 Codex",
                "GPT-5.2 Codex",
                "Qwen3.5-4B",
            ],
        ),
    ],
)
def test_sorting_puts_unknown_last(soup_of, sort, expected):
    soup, rows = index_rows(soup_of, f"?sort={sort}")
    assert names(rows) == expected
    active = soup.select_one("th[aria-sort]")
    assert active["aria-sort"] == ("descending" if sort.startswith("-") else "ascending")


def test_sort_links_keep_filters_and_toggle_direction(soup_of):
    soup, _ = index_rows(soup_of, "?capability=vision&sort=output")
    link = soup.select_one("th[aria-sort] a")["href"]
    assert link == "?capability=vision&sort=-output"


def test_bad_parameters_get_a_message_not_an_error(soup_of):
    soup, rows = index_rows(soup_of, "?sort=bogus&page=abc&openness=free")
    alert = text_of(soup.find(role="alert"))
    assert (
        "Unknown sort “bogus”" in alert
        and "Page “abc”" in alert
        and "Unknown openness “free”" in alert
    )
    assert len(rows) == 6


def test_pagination(soup_of, monkeypatch):
    monkeypatch.setattr("comparisons.views.models_index.PAGE_SIZE", 4)
    soup, rows = index_rows(soup_of, "?sort=-context")
    assert len(rows) == 4
    next_link = soup.find("a", rel="next")["href"]
    assert next_link == "?sort=-context&page=2"
    soup, rows = index_rows(soup_of, next_link)
    assert names(rows) == ["GPT-4 Vision Preview", "GPT-5.2 Codex"]
    assert soup.find("a", rel="prev")["href"] == "?sort=-context"
    _, rows = index_rows(soup_of, "?page=99")
    assert len(rows) == 2  # past the end: the last page


def test_cached_results_follow_published_changes(soup_of):
    from decimal import Decimal

    from comparisons.models import Lab, ModelPage

    _, rows = index_rows(soup_of, "?sort=-output")  # fills the cache
    page = ModelPage.objects.get(slug="gpt-5-2-codex")
    routes = list(page.routes.all())
    routes[0].output_price = Decimal("99")
    page.routes = routes
    page.save_revision().publish()
    _, rows = index_rows(soup_of, "?sort=-output")
    assert rows[0][0] == "GPT-5.2 Codex" and rows[0][6] == "$99"

    lab = Lab.objects.get(slug="alibaba")
    lab.name = "Alibaba Cloud"
    lab.save()
    _, rows = index_rows(soup_of, "?sort=-output")
    assert {r[1] for r in rows} == {"OpenAI", "Alibaba Cloud"}
