"""The rows a catalogue's models refer to: providers, labs, capabilities and licences.

Each is found (by catalogue id, slug or name) or added, and every addition is reported.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.text import slugify

from comparisons.importers.catalogue.group import CatalogueModel
from comparisons.importers.catalogue.parse import Catalogue, CatalogueProvider
from comparisons.importers.catalogue.vocabulary import CAPABILITIES, LAB_ALIASES, LAB_NAMES
from comparisons.importers.report import ImportReport
from comparisons.models import Capability, Lab, Licence, Provider


class ReferenceData:
    def __init__(self, catalogue: Catalogue, report: ImportReport) -> None:
        self.report = report
        self.providers = self._providers(catalogue.providers.values())
        self.labs = {lab.slug: lab for lab in Lab.objects.all()}
        self.capabilities = {cap.slug: cap for cap in Capability.objects.all()}
        next_order = max((c.sort_order for c in self.capabilities.values()), default=0) + 10
        for slug, (name, phrase) in CAPABILITIES.items():
            if slug not in self.capabilities:
                self.capabilities[slug] = Capability.objects.create(
                    slug=slug, name=name, reader_phrase=phrase, sort_order=next_order
                )
                next_order += 10
                self.report.add("added", f"Capability {name}")
        self.licences = {
            "open_weights": self._licence(
                "open-weights", "Open weights", Licence.Openness.OPEN_WEIGHTS
            ),
            "proprietary": self._licence(
                "proprietary", "Proprietary", Licence.Openness.PROPRIETARY
            ),
        }

    def _licence(self, slug: str, name: str, openness: str) -> Licence:
        found = Licence.objects.filter(slug=slug).first()
        if found is None:
            found = Licence.objects.create(slug=slug, name=name, openness=openness)
            self.report.add("added", f"Licence {name}")
        return found

    def _providers(self, items: Iterable[CatalogueProvider]) -> dict[str, Provider]:
        existing = list(Provider.objects.all())
        by_catalogue = {p.catalogue_id: p for p in existing if p.catalogue_id}
        by_slug = {p.slug: p for p in existing}
        by_name = {p.name.lower(): p for p in existing}
        out: dict[str, Provider] = {}
        for item in items:
            slug = slugify(item.id) or "provider"
            # A provider another catalogue id already points at is not this one.
            candidates = (
                by_catalogue.get(item.id),
                by_slug.get(slug),
                by_name.get(item.name.lower()),
            )
            found = next(
                (p for p in candidates if p is not None and p.catalogue_id in ("", item.id)), None
            )
            if found is None:
                name = item.name if item.name.lower() not in by_name else f"{item.name} ({item.id})"
                candidate, n = slug, 2
                while candidate in by_slug:
                    candidate, n = f"{slug[:110]}-{n}", n + 1
                found = Provider.objects.create(
                    name=name[:120],
                    slug=candidate,
                    catalogue_id=item.id,
                    docs_url=item.doc,
                    kind=Provider.Kind.LAB_API if item.id in LAB_ALIASES else "",
                )
                by_slug[found.slug] = by_name[found.name.lower()] = found
                self.report.tally["providers added"] += 1
                self.report.add("added", f"Provider {found.name}")
            elif not found.catalogue_id:
                found.catalogue_id = item.id
                found.docs_url = found.docs_url or item.doc
                found.save()
                self.report.add(
                    "changed", f"Provider {found.name}", field="catalogue id", old="—", new=item.id
                )
            by_catalogue[item.id] = found
            out[item.id] = found
        return out

    def lab(self, slug: str | None) -> Lab | None:
        if not slug:
            return None
        if slug not in self.labs:
            name = LAB_NAMES.get(slug, slug.replace("-", " ").title())
            lab = Lab.objects.filter(name__iexact=name).first() or Lab.objects.create(
                slug=slug, name=name
            )
            self.labs[slug] = lab
            self.report.add("added", f"Lab {lab.name}")
        return self.labs[slug]

    def licence_for(self, model: CatalogueModel) -> Licence | None:
        if model.open_weights is None:
            return None
        return self.licences["open_weights" if model.open_weights else "proprietary"]
