"""Small models.dev-shaped snapshots for importer tests, built record by record."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

REAL_SNAPSHOT = Path(__file__).resolve().parents[1] / "fixtures" / "models-dev"


def real_snapshot_path() -> Path:
    """The models.dev snapshot kept in fixtures/ (MIT; see its README)."""
    return REAL_SNAPSHOT / "models-dev.json"


def record(
    model_id: str, name: str | None = None, *, drop: tuple[str, ...] = (), **overrides: Any
) -> dict[str, Any]:
    """A valid provider-model entry; keyword arguments replace or add fields, `drop`
    removes them."""
    entry: dict[str, Any] = {
        "id": model_id,
        "name": name or model_id,
        "attachment": False,
        "reasoning": False,
        "tool_call": True,
        "release_date": "2025-08-05",
        "last_updated": "2026-06-01",
        "modalities": {"input": ["text"], "output": ["text"]},
        "open_weights": True,
        "limit": {"context": 131072, "output": 32768},
        "cost": {"input": 0.1, "output": 0.5},
    }
    entry.update(overrides)
    for key in drop:
        entry.pop(key, None)
    return entry


def provider(provider_id: str, *records: dict[str, Any], name: str | None = None) -> dict:
    return {
        provider_id: {
            "id": provider_id,
            "env": [f"{provider_id.upper()}_API_KEY"],
            "npm": "@ai-sdk/openai-compatible",
            "name": name or provider_id.title(),
            "doc": f"https://{provider_id}.example.com/docs",
            "models": {r["id"]: r for r in records},
        }
    }


def snapshot(*providers: dict) -> bytes:
    data: dict[str, Any] = {}
    for p in providers:
        data.update(p)
    return json.dumps(data).encode()
