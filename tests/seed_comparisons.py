"""The five specimen comparison pages (../shared/seeds/): the facts each page states
beyond the per-model facts in seed_facts.MODELS."""

SEVEN_CAPABILITIES = [
    "Vision", "Multimodal", "Reasoning", "Function calling", "Tool use", "Structured outputs",
    "Code execution",
]  # fmt: skip

PAIRS = {
    "gpt-5-2-codex-vs-qwen3-5-4b": {
        "a": "gpt-5-2-codex",
        "b": "qwen3-5-4b",
        "last_reviewed": "2026-05-22",
        "monthly": {"GPT-5.2 Codex": ("$4,900", "Vercel AI Gateway"), "Qwen3.5-4B": None},
        "cheapest_output": ("$14/1M tokens", "—"),
        "routes": ("1 tracked", "0 tracked"),
        "larger_context": "Qwen3.5-4B",  # GPT-5.2 Codex's is not sourced
        "broader_coverage": "GPT-5.2 Codex",
        "only_a": "Reasoning, Function calling, Tool use",
        "only_b": None,
        "capability_rows": None,  # all ten
    },
    "gpt-5-1-codex-vs-qwen3-5-4b": {
        "a": "gpt-5-1-codex",
        "b": "qwen3-5-4b",
        "last_reviewed": "2026-05-22",
        "monthly": {"GPT-5.1 Codex": ("$3,500", "Vercel AI Gateway"), "Qwen3.5-4B": None},
        "cheapest_output": ("$10/1M tokens", "—"),
        "routes": ("1 tracked", "0 tracked"),
        "larger_context": "GPT-5.1 Codex",
        "broader_coverage": "GPT-5.1 Codex",
        "only_a": "Function calling, Tool use, Structured outputs",
        "only_b": None,
        "capability_rows": None,
    },
    "codex-1-vs-qwen3-5-4b": {
        "a": "codex-1",
        "b": "qwen3-5-4b",
        "last_reviewed": "2026-05-19",
        "monthly": {"Codex 1": None, "Qwen3.5-4B": None},
        "cheapest_output": None,  # no data on either side: the row is left out
        "routes": ("0 tracked", "0 tracked"),
        "larger_context": "Qwen3.5-4B",
        "broader_coverage": None,
        "only_a": "Reasoning and Code execution",
        "only_b": "Vision and Multimodal",
        "capability_rows": None,
    },
    "gpt-4-vision-preview-vs-qwen3-5-4b": {
        "a": "gpt-4-vision-preview",
        "b": "qwen3-5-4b",
        "last_reviewed": "2026-05-19",
        "monthly": {"GPT-4 Vision Preview": ("$18,000", "Azure OpenAI"), "Qwen3.5-4B": None},
        "cheapest_output": ("$40/1M tokens", "—"),
        "routes": ("1 tracked", "0 tracked"),
        "larger_context": "Qwen3.5-4B",
        "broader_coverage": "GPT-4 Vision Preview",
        "only_a": "Code execution",
        "only_b": None,
        "capability_rows": SEVEN_CAPABILITIES,
    },
    "gpt-oss-120b-vs-qwen3-5-4b": {
        "a": "gpt-oss-120b",
        "b": "qwen3-5-4b",
        "last_reviewed": "2026-05-14",
        "monthly": {"gpt-oss-120b": ("$76.20", "OpenRouter"), "Qwen3.5-4B": None},
        "cheapest_output": ("$0.18/1M tokens", "—"),
        "routes": ("7 tracked", "0 tracked"),
        "larger_context": "Qwen3.5-4B",
        "broader_coverage": "gpt-oss-120b",
        "only_a": "Function calling, Tool use, and Structured outputs",
        "only_b": "Vision and Multimodal",
        "capability_rows": SEVEN_CAPABILITIES,
    },
}
