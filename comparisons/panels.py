"""Editor panels."""

from __future__ import annotations

from typing import Any

from wagtail.admin.panels import Panel


class GeneratedDraftsPanel(Panel):
    """Shows, in the comparison editor, the verdict, deep-dive and FAQ drafts generated
    from the two models' published facts, for editors to start from."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "comparisons/panels/generated_drafts.html"

        def get_context_data(self, parent_context: dict | None = None) -> dict[str, Any]:
            from comparisons.engine import prose
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
