"""One row counting changes to the published catalogue, so cached fragments of it (the
models index's rows and filters) can be keyed on a number every process reads alike."""

from __future__ import annotations

from django.db import models
from django.db.models import F


class CatalogueState(models.Model):
    generation = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "catalogue state"

    def __str__(self) -> str:
        return f"Catalogue generation {self.generation}"

    @classmethod
    def bump(cls) -> None:
        if not cls.objects.filter(pk=1).update(generation=F("generation") + 1):
            cls.objects.get_or_create(pk=1, defaults={"generation": 1})

    @classmethod
    def current(cls) -> int:
        return cls.objects.filter(pk=1).values_list("generation", flat=True).first() or 0
