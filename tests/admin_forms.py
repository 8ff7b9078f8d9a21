"""POST data for the comparison editor, as Wagtail's admin form submits it."""

from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from comparisons.models import ComparisonIndexPage, ModelPage

DEFAULT_ORDER = [
    "intro", "verdict", "scorecard", "tradeoffs", "monthly_cost", "switch_friction", "specs",
    "pricing", "capabilities", "benchmarks", "deep_dive", "faq", "continue",
]  # fmt: skip


def sections_form(verdict: str = "", faq: list[tuple[str, str]] = (), deep_dive: str = "") -> dict:
    def value(name):
        if name == "verdict":
            return {"heading": "", "text": rich_text(verdict)}
        if name == "deep_dive":
            return {"heading": "", "body": rich_text(deep_dive)}
        if name == "monthly_cost":
            return {"heading": "", "traffic_profile": ""}
        if name == "capabilities":
            return {"heading": "", "capabilities": {"count": "0"}}
        if name == "faq":
            items = {
                str(i): {
                    "value": {"question": q, "answer": rich_text(a)},
                    "deleted": "",
                    "order": str(i),
                    "id": "",
                }
                for i, (q, a) in enumerate(faq)
            }
            return {"heading": "", "items": {"count": str(len(faq)), **items}}
        return {"heading": ""}

    return streamfield([(name, value(name)) for name in DEFAULT_ORDER])


def add_url():
    index = ComparisonIndexPage.objects.get()
    return reverse("wagtailadmin_pages:add", args=("comparisons", "comparisonpage", index.pk))


def comparison_form(a: str, b: str, **extra) -> dict:
    data = {
        "model_a": ModelPage.objects.get(slug=a).pk,
        "model_b": ModelPage.objects.get(slug=b).pk,
        "title": "",
        "slug": "",
        "sections": sections_form(**extra),
    }
    return nested_form_data(data)
