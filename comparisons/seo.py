"""Structured data for search engines (JSON-LD), built from what the page shows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bs4 import BeautifulSoup


def breadcrumbs(items: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """schema.org BreadcrumbList from (name, absolute URL) pairs."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": url}
            for i, (name, url) in enumerate(items, start=1)
        ],
    }


def plain_text(html: str) -> str:
    return " ".join(BeautifulSoup(html or "", "html.parser").get_text(" ", strip=True).split())


def faq_page(items: Sequence[tuple[str, str]]) -> dict[str, Any] | None:
    """schema.org FAQPage from (question, answer text) pairs; None when there are none."""
    entries = [(q.strip(), a.strip()) for q, a in items if q.strip() and a.strip()]
    if not entries:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": question,
                "acceptedAnswer": {"@type": "Answer", "text": answer},
            }
            for question, answer in entries
        ],
    }
