"""What the catalogue's names mean: labs as catalogues spell them, the model families
that name their lab, and the capabilities the catalogue sources.

Tables and lookups only: grouping (`group`) reads them to vote a model's lab, and the
reference data (`reference`) to name the labs and capabilities it adds.
"""

from __future__ import annotations

# Organisation names as catalogues spell them -> one lab slug.
LAB_ALIASES = {
    "openai": "openai", "~openai": "openai", "anthropic": "anthropic",
    "~anthropic": "anthropic", "google": "google", "~google": "google",
    "qwen": "alibaba", "alibaba": "alibaba", "zai-org": "zhipuai", "z-ai": "zhipuai",
    "zai": "zhipuai", "thudm": "zhipuai", "zhipuai": "zhipuai", "moonshotai": "moonshotai",
    "moonshot": "moonshotai", "deepseek": "deepseek", "deepseek-ai": "deepseek",
    "mistralai": "mistral", "mistral": "mistral", "mistral-ai": "mistral",
    "nvidia": "nvidia", "minimax": "minimax", "minimaxai": "minimax", "meta-llama": "meta",
    "meta": "meta", "xai": "xai", "x-ai": "xai", "cohere": "cohere",
    "microsoft": "microsoft", "xiaomi": "xiaomi", "xiaomimimo": "xiaomi", "baidu": "baidu",
    "amazon": "amazon", "perplexity": "perplexity", "bytedance": "bytedance",
    "bytedance-seed": "bytedance", "stepfun": "stepfun", "stepfun-ai": "stepfun",
    "tencent": "tencent", "ibm-granite": "ibm", "sakana": "sakana", "sarvam": "sarvam",
    "deepreinforce": "deepreinforce", "inclusionai": "inclusionai", "arcee-ai": "arcee-ai",
    "nousresearch": "nousresearch", "liquid": "liquid", "upstage": "upstage",
    "poolside": "poolside", "inception": "inception",
}  # fmt: skip
LAB_NAMES = {
    "openai": "OpenAI", "anthropic": "Anthropic", "google": "Google", "alibaba": "Alibaba",
    "zhipuai": "Zhipu AI", "moonshotai": "Moonshot AI", "deepseek": "DeepSeek",
    "mistral": "Mistral AI", "nvidia": "NVIDIA", "minimax": "MiniMax", "meta": "Meta",
    "xai": "xAI", "cohere": "Cohere", "microsoft": "Microsoft", "xiaomi": "Xiaomi",
    "baidu": "Baidu", "amazon": "Amazon", "perplexity": "Perplexity",
    "bytedance": "ByteDance", "stepfun": "StepFun", "tencent": "Tencent", "ibm": "IBM",
    "sakana": "Sakana AI", "sarvam": "Sarvam AI", "deepreinforce": "DeepReinforce",
    "inclusionai": "inclusionAI", "arcee-ai": "Arcee AI", "nousresearch": "Nous Research",
    "liquid": "Liquid AI", "upstage": "Upstage", "poolside": "Poolside",
    "inception": "Inception",
}  # fmt: skip
# Model families (or key prefixes) that name their lab.
FAMILY_LABS = (
    ("gpt", "openai"), ("o1", "openai"), ("o3", "openai"), ("o4", "openai"),
    ("codex", "openai"), ("claude", "anthropic"), ("gemini", "google"), ("gemma", "google"),
    ("qwen", "alibaba"), ("qwq", "alibaba"), ("llama", "meta"), ("mistral", "mistral"),
    ("codestral", "mistral"), ("devstral", "mistral"), ("magistral", "mistral"),
    ("ministral", "mistral"), ("pixtral", "mistral"), ("deepseek", "deepseek"),
    ("grok", "xai"), ("glm", "zhipuai"), ("kimi", "moonshotai"), ("minimax", "minimax"),
    ("nemotron", "nvidia"), ("command", "cohere"), ("phi", "microsoft"), ("mimo", "xiaomi"),
    ("nova", "amazon"), ("sonar", "perplexity"), ("ernie", "baidu"), ("seed", "bytedance"),
    ("step", "stepfun"), ("hunyuan", "tencent"), ("granite", "ibm"),
)  # fmt: skip

# Capabilities the catalogue sources: slug -> (name, reader phrase).
CAPABILITIES = {
    "vision": ("Vision", "vision"),
    "multimodal": ("Multimodal", "multimodal input"),
    "audio-input": ("Audio input", "audio input"),
    "video-input": ("Video input", "video input"),
    "pdf-input": ("PDF input", "PDF input"),
    "file-attachments": ("File attachments", "file attachments"),
    "image-output": ("Image output", "image output"),
    "reasoning": ("Reasoning", "reasoning mode"),
    "function-calling": ("Function calling", "function calling"),
    "structured-outputs": ("Structured outputs", "structured outputs"),
}


def lab_of_prefix(model_id: str) -> str | None:
    if "/" not in model_id:
        return None
    return LAB_ALIASES.get(model_id.split("/", 1)[0].lower())


def lab_of_family(text: str) -> str | None:
    text = text.lower()
    for prefix, lab in FAMILY_LABS:
        if text.startswith(prefix):
            return lab
    return None
