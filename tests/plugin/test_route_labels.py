"""Route identity and labels: one rule for telling a model's routes apart (the engine's
routes module), and the labels readers see in tables and the price chart."""

from __future__ import annotations

from decimal import Decimal

from comparisons.engine.chart import price_chart
from comparisons.engine.routes import RouteKey, RouteName, route_labels
from comparisons.engine.values import RouteFacts, label_routes


def labels(*routes: tuple[str, str, str]) -> list[str]:
    return route_labels([RouteName(slug, name, mid, "") for slug, name, mid in routes])


def test_the_identity_is_provider_model_id_and_variant():
    assert RouteKey.of("amazon-bedrock", "us.anthropic.x") != RouteKey.of(
        "amazon-bedrock", "eu.anthropic.x"
    )
    assert RouteKey.of("openrouter", "openai/GPT-OSS-120b ") == RouteKey.of(
        "openrouter", "openai/gpt-oss-120b"
    )
    assert RouteKey.of("openrouter", "openai/gpt-oss-120b", "free") != RouteKey.of(
        "openrouter", "openai/gpt-oss-120b"
    )
    assert str(RouteKey.of("openrouter", "a/b", "Free")) == "openrouter|a/b|free"


def test_labels_say_what_tells_routes_of_one_provider_apart():
    bedrock = ("amazon-bedrock", "Amazon Bedrock")
    assert labels(
        (*bedrock, "au.anthropic.claude-sonnet-4-5-20250929-v1:0"),
        (*bedrock, "jp.anthropic.claude-sonnet-4-5-20250929-v1:0"),
        (*bedrock, "anthropic.claude-sonnet-4-5-20250929-v1:0"),
        ("nano-gpt", "NanoGPT", "TEE/gpt-oss-120b"),
        ("nano-gpt", "NanoGPT", "openai/gpt-oss-120b"),
        ("siliconflow", "SiliconFlow", "Pro/deepseek-ai/DeepSeek-R1"),
        ("siliconflow", "SiliconFlow", "deepseek-ai/DeepSeek-R1"),
        ("helicone", "Helicone", "gpt-oss-120b"),
    ) == [
        "Amazon Bedrock (Australia)",
        "Amazon Bedrock (Japan)",
        "Amazon Bedrock",
        "NanoGPT (TEE)",
        "NanoGPT",
        "SiliconFlow (Pro)",
        "SiliconFlow",
        "Helicone",
    ]
    # Variants name themselves; a bare number is no label, so the whole id is named.
    assert route_labels(
        [
            RouteName("openrouter", "OpenRouter", "openai/gpt-oss-120b", ""),
            RouteName("openrouter", "OpenRouter", "openai/gpt-oss-120b:free", "free"),
            RouteName("amazon-bedrock", "Amazon Bedrock", "openai.gpt-oss-120b", ""),
            RouteName("amazon-bedrock", "Amazon Bedrock", "openai.gpt-oss-120b-1:0", ""),
        ]
    ) == [
        "OpenRouter",
        "OpenRouter (free)",
        "Amazon Bedrock",
        "Amazon Bedrock (openai.gpt-oss-120b-1:0)",
    ]


def test_labels_are_never_alike_and_never_a_clipped_id():
    long_id = "x" * 30 + "-anthropic.claude-sonnet-4-5-20250929-v1:0"
    same_tokens = labels(
        ("cf", "Cloudflare AI Gateway", "anthropic/claude-3-5-haiku"),
        ("cf", "Cloudflare AI Gateway", "anthropic/claude-3.5-haiku"),
        ("b", "Amazon Bedrock", f"us.{long_id}"),
        ("b", "Amazon Bedrock", f"eu.{long_id}"),
    )
    assert len(set(same_tokens)) == 4
    assert same_tokens[:2] == [
        "Cloudflare AI Gateway (anthropic/claude-3-5-haiku)",
        "Cloudflare AI Gateway (anthropic/claude-3.5-haiku)",
    ]
    assert same_tokens[2:] == ["Amazon Bedrock (US)", "Amazon Bedrock (EU)"]


def test_the_price_chart_shortens_labels_at_the_end_and_keeps_them_whole_in_the_tooltip():
    routes = label_routes(
        [
            RouteFacts(
                provider_slug="amazon-bedrock",
                provider_name="Amazon Bedrock",
                provider_model_id=model_id,
                input_price=Decimal("0.15"),
                output_price=Decimal("0.6"),
            )
            for model_id in ("openai.gpt-oss-120b", "openai.gpt-oss-120b-1:0")
        ]
    )
    chart = price_chart([("gpt-oss-120b", routes)])
    full = [row.full_label for row in chart.rows]
    assert full == ["Amazon Bedrock", "Amazon Bedrock (openai.gpt-oss-120b-1:0)"]
    long_row = chart.rows[1]
    assert long_row.label.endswith("…")
    assert full[1].startswith(long_row.label.removesuffix("…"))
