"""Editor panels."""

from __future__ import annotations

from typing import Any

from wagtail.admin.panels import Panel

from comparisons.admin_panels import CompactInlinePanel
from comparisons.engine import prose
from comparisons.engine.routes import RouteName, route_labels
from comparisons.models.reference import Provider


class GeneratedDraftsPanel(Panel):
    """Shows, in the comparison editor, the verdict, deep-dive and FAQ drafts generated
    from the two models' published facts, for editors to start from."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "comparisons/panels/generated_drafts.html"

        def get_context_data(self, parent_context: dict | None = None) -> dict[str, Any]:
            # The page models import these panels; the view reads the page models.
            from comparisons.views.comparison_page import pair_for_page

            context = super().get_context_data(parent_context)
            page = self.instance
            pair = None
            if getattr(page, "model_a_id", None) and getattr(page, "model_b_id", None):
                pair = pair_for_page(page, request=self.request, live_only=False)
            context["pair"] = pair
            if pair is not None:
                context["verdict"] = prose.verdict_suggestion(pair)
                context["deep_dive"] = prose.deep_dive_draft(pair)
                context["faq"] = prose.faq_drafts(pair)
            return context


class RouteInlinePanel(CompactInlinePanel):
    """The model editor's provider routes, each row headed by the route's label
    ("Amazon Bedrock (Australia)", the same label readers see) rather than "Route 7", so
    the outline and the folded rows say which route is which. New rows keep Wagtail's
    numbered heading until they are saved."""

    class BoundPanel(CompactInlinePanel.BoundPanel):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            if self.form is None:
                return
            headings = route_headings([child.form for child in self.children])
            for child, heading in zip(self.children, headings, strict=True):
                child.route_heading = heading


def route_headings(forms: list[Any]) -> list[str]:
    """Each inline form's route label, among the page's other routes; "" for a row with
    no provider yet. Providers are read in one query."""
    values = []
    for form in forms:
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            provider = data.get("provider")
            values.append(
                (
                    provider.pk if provider else None,
                    data.get("provider_model_id") or "",
                    data.get("variant") or "",
                )
            )
        else:
            route = form.instance
            values.append((route.provider_id, route.provider_model_id, route.variant))
    providers = Provider.objects.in_bulk({pk for pk, _, _ in values if pk})
    named = [
        (i, RouteName(providers[pk].slug, providers[pk].name, model_id, variant))
        for i, (pk, model_id, variant) in enumerate(values)
        if pk in providers
    ]
    headings = [""] * len(forms)
    for (i, _), label in zip(named, route_labels([n for _, n in named]), strict=True):
        headings[i] = label
    return headings
