"""The monthly bill of a workload as readers and API clients get it: the comparison page's
cost section (editorial and on-the-fly pairs), the model page and /api/v1/compare all show
the one figure the engine computes; bad input is explained, never a 500."""

from decimal import Decimal

import pytest

from comparisons.engine.pricing import FORMULA
from comparisons.models import ModelPage
from tests.helpers import section, text_of

pytestmark = pytest.mark.django_db

ON_THE_FLY = "/compare/gpt-oss-120b-vs-qwen3-5-4b/"
EDITORIAL = "/compare/gpt-5-1-codex-vs-gpt-5-2-codex/"
# 1M requests of 10K prompt and 100 output tokens, every prompt token from cache. On
# gpt-oss-120b's routes: Fireworks AI 10B x $0.015 + 100M x $0.60 = $210; OpenRouter has no
# cache price, so 10B x $0.039 + 100M x $0.18 = $408; Groq 10B x $0.075 + $60 = $810.
WORKLOAD = "requests=1M&avg_prompt_tokens=10K&avg_output_tokens=100&cached_percent=100"
API_WORKLOAD = "requests=1000000&avg_prompt_tokens=10000&avg_output_tokens=100&cached_percent=100"


def figures(soup) -> list[str]:
    return [text_of(f) for f in section(soup, "monthly-cost").select(".cost-figure")]


def test_a_workload_with_a_cached_share_picks_the_route_with_the_cache_price(soup_of):
    soup = soup_of(f"{ON_THE_FLY}?{WORKLOAD}")
    cost = section(soup, "monthly-cost")
    assert figures(soup) == ["$210", "Unavailable"]
    card = text_of(cost.select_one(".cost-card"))
    assert "Cheapest tracked route: Fireworks AI ($0.15 input, $0.015 cached input" in card
    assert (
        "1M requests a month of 10K prompt and 100 output tokens on average, 10B input and "
        "100M output tokens a month (your workload), 100 % of prompt tokens served from cache"
    ) in text_of(cost)
    # Every priced route's bill, cheapest first, saying which used the input price.
    rows = [[text_of(c) for c in tr.find_all(["th", "td"])] for tr in cost.select("tbody tr")]
    assert rows[:3] == [
        ["Fireworks AI cheapest", "$210", "standard"],
        ["OpenRouter", "$408", "standard; cached tokens at the input price"],
        ["Groq", "$810", "standard"],
    ]
    assert len(rows) == 6  # NVIDIA NIM has no public price
    # The whole page is priced at the workload: the chart's first, marked row is the same
    # route, and the form keeps what the reader typed.
    marked = soup.select("#pricing svg text.cheapest")
    assert [text_of(t.find("title")) for t in marked] == [
        "Fireworks AI (gpt-oss-120b): the cheapest route"
    ]
    assert cost.find("input", attrs={"name": "cached_percent"})["value"] == "100"


def test_the_formula_is_written_on_the_page(soup_of):
    assert text_of(section(soup_of(EDITORIAL), "monthly-cost").select_one(".cost-formula")) == (
        FORMULA
    )


def test_the_site_profile_still_gives_the_seed_figures(soup_of):
    assert figures(soup_of(ON_THE_FLY)) == ["$76.20", "Unavailable"]
    assert figures(soup_of(EDITORIAL)) == ["$3,500", "$4,900"]
    assert figures(soup_of("/compare/gpt-4-vision-preview-vs-gpt-5-2-codex/")) == [
        "$18,000",
        "$4,900",
    ]


def test_the_same_workload_gives_the_same_number_on_the_page_and_the_api(client, soup_of):
    for query, expected in (("", "$76.20"), (f"?{WORKLOAD}", "$210")):
        page = figures(soup_of(f"{ON_THE_FLY}{query}"))[0]
        api_query = API_WORKLOAD if query else ""
        data = client.get(f"/api/v1/compare/gpt-oss-120b/qwen3-5-4b?{api_query}").json()
        assert page == data["monthly_cost"]["a"]["display"] == expected
        assert data["a"]["cheapest_route"]["monthly_cost_display"] == expected
        routes = {r["provider_slug"]: r["monthly_cost"] for r in data["a"]["routes"]}
        assert routes["openrouter"] == ("76.2" if not query else "408")
    # The model page prices the site profile with the same function.
    model = soup_of("/models/gpt-oss-120b/").select_one("#pricing tr.cheapest")
    assert "$76.20" in [text_of(td) for td in model.find_all("td")]


def test_the_api_takes_a_workload(client):
    data = client.get(f"/api/v1/compare/gpt-oss-120b/qwen3-5-4b?{API_WORKLOAD}").json()
    assert data["traffic"] == {
        "name": "Custom workload",
        "slug": "custom",
        "monthly_input_tokens": 10_000_000_000,
        "monthly_output_tokens": 100_000_000,
        "requests": 1_000_000,
        "cached_percent": "100",
        "source": "custom",
    }
    assert data["monthly_cost"]["a"]["route"]["provider_slug"] == "fireworks-ai"
    assert Decimal(data["monthly_cost"]["a"]["amount"]) == Decimal("210")


def tier_on_gpt_5_1_codex() -> None:
    """Vercel's GPT-5.1 Codex route ($1.25 / $10) gets a long-context tier over 200K tokens."""
    route = ModelPage.objects.get(slug="gpt-5-1-codex").routes.get()
    route.long_context_threshold = 200_000
    route.long_context_input_price = Decimal("2.5")
    route.long_context_output_price = Decimal("15")
    route.save()


@pytest.mark.parametrize(
    ("prompt", "bill", "tier"),
    [
        # 1000 x 300K = 300M x $2.50 + 1M x $15 = $765.
        ("300K", "$765", True),
        # Exactly at the threshold: 200M x $1.25 + 1M x $10 = $260.
        ("200K", "$260", False),
    ],
)
def test_a_long_prompt_takes_the_long_context_prices(client, soup_of, prompt, bill, tier):
    tier_on_gpt_5_1_codex()
    query = f"requests=1000&avg_prompt_tokens={prompt}&avg_output_tokens=1000"
    cost = section(soup_of(f"{EDITORIAL}?{query}"), "monthly-cost")
    card = text_of(cost.select_one(".cost-card"))
    assert text_of(cost.select_one(".cost-figure")) == bill
    assert ("long-context prices" in card) is tier
    api_prompt = prompt.replace("K", "000")
    data = client.get(
        "/api/v1/compare/gpt-5-1-codex/gpt-5-2-codex?requests=1000"
        f"&avg_prompt_tokens={api_prompt}&avg_output_tokens=1000"
    ).json()
    assert data["monthly_cost"]["a"]["display"] == bill


def test_monthly_totals_never_cross_a_tier(soup_of):
    tier_on_gpt_5_1_codex()
    cost = section(soup_of(f"{EDITORIAL}?input_tokens=300M&output_tokens=1M"), "monthly-cost")
    # 300M x $1.25 + 1M x $10 = $385: the prompt length is not known.
    assert text_of(cost.select_one(".cost-figure")) == "$385"
    assert "long-context prices are not applied" in text_of(cost)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "requests=-5&avg_prompt_tokens=1K&avg_output_tokens=1",
            "Requests a month: “-5” is negative",
        ),
        (
            "requests=abc&avg_prompt_tokens=1K&avg_output_tokens=1",
            "“abc” is not a number of requests",
        ),
        ("requests=" + "9" * 40 + "&avg_prompt_tokens=1&avg_output_tokens=1", "more than the"),
        ("requests=1&avg_prompt_tokens=1T&avg_output_tokens=1", "100M tokens a request"),
        ("requests=0&avg_prompt_tokens=1K&avg_output_tokens=1", "every model costs $0"),
        ("requests=1K", "Average prompt tokens: enter a whole number"),
        ("requests=1K&avg_prompt_tokens=1K&avg_output_tokens=1&input_tokens=5M", "not both"),
        ("cached_percent=101", "“101” is more than 100 %"),
        ("cached_percent=-1", "“-1” is negative"),
        ("cached_percent=NaN", "“NaN” is not a percentage"),
        ("cached_percent=1e2", "“1e2” is not a percentage"),
        ("cached_percent=%3Cb%3E", "“<b>” is not a percentage"),
        ("input_tokens=5M&cached_percent=abc", "Prompt tokens served from cache"),
    ],
)
def test_hostile_input_gets_a_message_and_the_default_figures(client, query, message):
    from bs4 import BeautifulSoup

    response = client.get(f"{ON_THE_FLY}?{query}")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    errors = [text_of(li) for li in soup.select("#monthly-cost [role=alert] li")]
    assert any(message in error for error in errors), errors
    assert figures(soup) == ["$76.20", "Unavailable"]


def test_a_cached_share_alone_reprices_the_site_profile(soup_of):
    # 800M input at a 50 % share, 250M output. OpenRouter has no cache price: still $76.20;
    # Fireworks: 400M x $0.015 + 400M x $0.15 + 250M x $0.60 = $216.
    cost = section(soup_of(f"{ON_THE_FLY}?cached_percent=50"), "monthly-cost")
    assert text_of(cost.select_one(".cost-figure")) == "$76.20"
    bills = {text_of(tr.th): text_of(tr.td) for tr in cost.select("tbody tr")}
    assert bills["Fireworks AI"] == "$216"
    assert "50 % of prompt tokens served from cache" in text_of(cost)


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("cached_percent=101", "cached_percent"),
        ("cached_percent=-1", "cached_percent"),
        ("cached_percent=NaN", "cached_percent"),
        ("cached_percent=abc", "cached_percent"),
        ("requests=0&avg_prompt_tokens=1&avg_output_tokens=1", "requests"),
        ("requests=5", "avg_prompt_tokens, avg_output_tokens"),
        ("requests=5&avg_prompt_tokens=1&avg_output_tokens=1&input_tokens=5", "not both"),
        ("requests=5&avg_prompt_tokens=0&avg_output_tokens=0", "avg_prompt_tokens"),
        (f"requests=5&avg_prompt_tokens={10**9}&avg_output_tokens=1", "avg_prompt_tokens"),
    ],
)
def test_bad_workloads_answer_400_naming_the_parameter(client, query, parameter):
    response = client.get(f"/api/v1/compare/gpt-oss-120b/qwen3-5-4b?{query}")
    assert response.status_code == 400, response.content
    assert parameter in response.json()["detail"]
