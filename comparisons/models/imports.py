"""The import log: one row per importer run, with its change report, for editors to read."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ImportRun(models.Model):
    class Kind(models.TextChoices):
        CATALOGUE = "catalogue", "Catalogue (models.dev)"
        LEGACY = "legacy", "Legacy comparison pages"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    source = models.CharField(
        max_length=300, help_text="The file or files read, as given to the importer."
    )
    source_name = models.CharField(max_length=100, blank=True, help_text='e.g. "models.dev".')
    snapshot_date = models.DateField(null=True, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who ran the import from the admin; empty for the command line.",
    )
    dry_run = models.BooleanField(default=False)
    added = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    retired = models.PositiveIntegerField(default=0)
    conflicts = models.PositiveIntegerField(default=0)
    warnings = models.PositiveIntegerField(default=0)
    summary = models.CharField(max_length=300, blank=True)
    # The change report as data: a list of {"kind", "subject", "field", "old", "new",
    # "message"} entries, the same lines the command prints.
    report = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = "import run"
        ordering = ["-started_at", "-pk"]
        # A real catalogue import writes published prices and pages without review, so
        # it needs more than running imports (add_importrun: dry runs, legacy drafts).
        permissions = [
            ("publish_catalogue_import", "Can run a real catalogue import (changes go live)")
        ]

    def __str__(self) -> str:
        when = self.started_at.strftime("%Y-%m-%d %H:%M") if self.started_at else "?"
        return f"{self.get_kind_display()} import, {when}"

    def entries(self, kind: str) -> list[dict]:
        return [entry for entry in self.report if entry.get("kind") == kind]
