from django.apps import AppConfig


class ComparisonsConfig(AppConfig):
    name = "comparisons"
    verbose_name = "LLM comparisons"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imports are made here, not at the top: Django loads this module before any
        # app's models, which these modules need.
        from wagtail.signals import workflow_approved

        # The system checks for the settings the plugin relies on register on import.
        from comparisons import checks  # noqa: F401
        from comparisons.review.stamps import on_workflow_approved

        workflow_approved.connect(on_workflow_approved, dispatch_uid="comparisons-review-stamp")

        from django.db.models.signals import post_delete, post_save

        from comparisons.content_generation import (
            bump_catalogue_generation,
            bump_unless_bookkeeping,
        )
        from comparisons.models import (
            Benchmark,
            Capability,
            DecisionTag,
            Lab,
            Licence,
            ModelPage,
            ProductType,
            Provider,
            ReferenceSettings,
            ReviewStamp,
            TrafficProfile,
        )

        # Every kind of reference data and the settings readers see (the page cache is
        # keyed on the generation too), and the review stamps behind "Last reviewed".
        for model in (
            Benchmark,
            Capability,
            DecisionTag,
            Lab,
            Licence,
            ProductType,
            Provider,
            ReferenceSettings,
            ReviewStamp,
            TrafficProfile,
            ModelPage,
        ):
            post_save.connect(
                bump_unless_bookkeeping, sender=model, dispatch_uid=f"catalogue-{model.__name__}"
            )
            post_delete.connect(
                bump_catalogue_generation, sender=model, dispatch_uid=f"catalogue-{model.__name__}"
            )
        # Unpublishing may save a generic Page instance, whose post_save names Page.
        from wagtail.signals import page_unpublished

        page_unpublished.connect(bump_catalogue_generation, dispatch_uid="catalogue-unpublish")
        # Any page published, moved or deleted changes what readers see (comparisons,
        # home, indexes), and so every cached page keyed on the generation.
        from wagtail.models import Page, Site
        from wagtail.signals import page_published, post_page_move

        page_published.connect(bump_catalogue_generation, dispatch_uid="catalogue-publish")
        post_page_move.connect(bump_catalogue_generation, dispatch_uid="catalogue-move")
        post_delete.connect(bump_catalogue_generation, sender=Page, dispatch_uid="catalogue-Page")
        for signal in (post_save, post_delete):
            signal.connect(bump_catalogue_generation, sender=Site, dispatch_uid="catalogue-Site")
        # A CDN in front keeps a model's comparisons too: purge them with the model page.
        from comparisons.page_cache import purge_comparisons_of_model

        for signal in (page_published, page_unpublished):
            signal.connect(
                purge_comparisons_of_model, sender=ModelPage, dispatch_uid="purge-comparisons"
            )
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
