from django.apps import AppConfig


class ComparisonsConfig(AppConfig):
    name = "comparisons"
    verbose_name = "LLM comparisons"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imports are made here, not at the top: Django loads this module before any
        # app's models, which these modules need.
        from wagtail.signals import workflow_approved

        from comparisons.review.stamps import on_workflow_approved

        workflow_approved.connect(on_workflow_approved, dispatch_uid="comparisons-review-stamp")

        from django.db.models.signals import post_delete, post_save

        from comparisons.model_filters import bump_catalogue_generation
        from comparisons.models import Capability, DecisionTag, Lab, Licence, ModelPage, Provider

        for model in (Capability, DecisionTag, Lab, Licence, Provider, ModelPage):
            for signal in (post_save, post_delete):
                signal.connect(
                    bump_catalogue_generation,
                    sender=model,
                    dispatch_uid=f"catalogue-{model.__name__}",
                )
        # Unpublishing may save a generic Page instance, whose post_save names Page.
        from wagtail.signals import page_unpublished

        page_unpublished.connect(bump_catalogue_generation, dispatch_uid="catalogue-unpublish")
        # Making a page private (or public again) takes it out of (or back into) the
        # catalogue, as unpublishing does.
        from wagtail.models import PageViewRestriction

        for signal in (post_save, post_delete):
            signal.connect(
                bump_catalogue_generation,
                sender=PageViewRestriction,
                dispatch_uid="catalogue-PageViewRestriction",
            )

        # Every rich text field in an admin form refuses links and images that do not
        # resolve. In the form only: a stored page with a since-deleted link target must
        # still save through code (imports), and it renders safely anyway.
        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.fields import RichTextField

        from comparisons.rich_text import validate_rich_text

        register_form_field_override(RichTextField, override={"validators": [validate_rich_text]})

        # The stored "cheapest route" columns are priced at the site's traffic profile and
        # name the provider: when either changes, every model's columns are recomputed.
        from comparisons.models import ReferenceSettings, TrafficProfile
        from comparisons.models.model_page import refresh_all_catalogue_columns

        def refresh_columns(sender: type, created: bool = False, **kwargs: object) -> None:
            if created:
                return  # nothing is priced with a new provider, profile or settings yet
            refresh_all_catalogue_columns()
            bump_catalogue_generation()

        for model in (ReferenceSettings, TrafficProfile, Provider):
            post_save.connect(
                refresh_columns, sender=model, weak=False, dispatch_uid=f"columns-{model.__name__}"
            )
