"""Provider and lab pages."""

import pytest

from comparisons.models import ModelPage
from tests.helpers import row_table, text_of

pytestmark = pytest.mark.django_db


def test_provider_index_counts_published_models(soup_of):
    rows = row_table(soup_of("/providers/").find("table"))
    assert rows["OpenRouter"] == ["Gateway / router", "1"]
    assert rows["Vercel AI Gateway"][1] == "3"
    assert rows["Azure OpenAI"] == ["Cloud platform", "1"]


def test_provider_page_lists_its_models_and_prices(soup_of):
    soup = soup_of("/providers/vercel-ai-gateway/")
    assert text_of(soup.find("h1")) == "Vercel AI Gateway"
    rows = row_table(soup.find(id="models"))
    assert list(rows) == ["GPT-5.1 Codex", "GPT-5.2 Codex", "gpt-oss-120b"]
    assert rows["GPT-5.2 Codex"][:3] == ["OpenAI", "$1.75", "$14"]
    assert rows["gpt-oss-120b"][1:3] == ["$0.10", "$0.50"]


def test_provider_page_hides_unpublished_models(soup_of, client):
    ModelPage.objects.get(slug="gpt-oss-120b").unpublish()
    assert "gpt-oss-120b" not in row_table(
        soup_of("/providers/vercel-ai-gateway/").find(id="models")
    )
    assert "No published model" in text_of(soup_of("/providers/openrouter/").find(id="models"))


def test_lab_pages(soup_of, client):
    rows = row_table(soup_of("/labs/").find("table"))
    assert rows == {"Alibaba": ["1"], "OpenAI": ["5"]}
    soup = soup_of("/labs/alibaba/")
    assert list(row_table(soup.find(id="models"))) == ["Qwen3.5-4B"]
    openai = list(row_table(soup_of("/labs/openai/").find(id="models")))
    assert openai[0] == "GPT-5.2 Codex" and len(openai) == 5  # newest first


def test_unknown_provider_or_lab_is_a_404(client):
    assert client.get("/providers/no-such-provider/").status_code == 404
    assert client.get("/labs/no-such-lab/").status_code == 404


def test_model_page_links_to_its_lab_and_providers(soup_of):
    soup = soup_of("/models/gpt-oss-120b/")
    assert soup.find(id="identity").find("a")["href"] == "/labs/openai/"
    links = {a["href"] for a in soup.select("#pricing tbody th a")}
    assert "/providers/openrouter/" in links and "/providers/groq/" in links
