from django.apps import AppConfig


class ComparisonsConfig(AppConfig):
    name = "comparisons"
    verbose_name = "LLM comparisons"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail.signals import workflow_approved

        from comparisons.review.stamps import on_workflow_approved

        workflow_approved.connect(on_workflow_approved, dispatch_uid="comparisons-review-stamp")
