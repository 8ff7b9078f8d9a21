"""The import log: one row per importer run, with its change report, for editors to read."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ImportRun(models.Model):
    class Kind(models.TextChoices):
        CATALOGUE = "catalogue", "Catalogue (models.dev)"
        LEGACY = "legacy", "Legacy comparison pages"

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    IN_PROGRESS = (State.QUEUED, State.RUNNING)

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
    # A run that reads several files (the legacy import): what it did with each, as
    # {"source", "title", "action", "page_id", "models": [{"side", "name", "title", "how",
    # "created"}]}; the file's entries are those of `report` whose "page" is its source.
    pages = models.JSONField(default=list, blank=True)
    # A run started from the admin or the scheduled refresh is a row from the moment it is
    # queued; the worker moves it on. Runs from before had finished when they were written.
    state = models.CharField(max_length=10, choices=State.choices, default=State.DONE)
    error = models.TextField(blank=True, help_text="Why the run failed: nothing was imported.")
    # What the server said about a fetched catalogue, sent back on the next fetch of the
    # same URL (If-None-Match, If-Modified-Since) so an unchanged file is not downloaded.
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = "import run"
        ordering = ["-started_at", "-pk"]
        # A real catalogue import writes published prices and pages without review, so
        # it needs more than running imports (add_importrun: dry runs, legacy drafts).
        permissions = [
            ("publish_catalogue_import", "Can run a real catalogue import (changes go live)")
        ]
        constraints = [
            # At most one run queued or running, on every database: the second start
            # fails on this index instead of racing the first (`importers.runs.claim`).
            models.UniqueConstraint(
                models.Value(1),
                condition=models.Q(state__in=["queued", "running"]),
                name="comparisons_one_import_in_progress",
            )
        ]

    def __str__(self) -> str:
        when = self.started_at.strftime("%Y-%m-%d %H:%M") if self.started_at else "?"
        return f"{self.get_kind_display()} import, {when}"

    @property
    def in_progress(self) -> bool:
        return self.state in self.IN_PROGRESS

    def entries(self, kind: str) -> list[dict]:
        return [entry for entry in self.report if entry.get("kind") == kind]
