"""A catalogue model's lifecycle status (alpha, beta, deprecated), from its rows.

The catalogue gives a status per provider row. A model takes a status when every row that
serves it carries that same status: one provider deprecating its copy of a model does not
make the model deprecated. The status follows the editor-owns-the-value rule; one the
catalogue drops is cleared only when the importer set it.
"""

from __future__ import annotations

from comparisons.importers.catalogue.group import CatalogueModel
from comparisons.importers.ownership import Provenance, text, write
from comparisons.importers.report import Entry
from comparisons.models import ModelPage

LABEL = "lifecycle status"


def model_status(model: CatalogueModel) -> str:
    statuses = {route.row.status for route in model.routes}
    return statuses.pop() if len(statuses) == 1 else ""


def write_status(
    page: ModelPage,
    model: CatalogueModel,
    provenance: Provenance,
    subject: str,
    changes: list[Entry],
) -> None:
    incoming = model_status(model)
    if incoming:
        write(page, "lifecycle", incoming, LABEL, provenance, subject, changes)
        return
    recorded = provenance.recorded("lifecycle")
    if recorded is not None and recorded == text(page.lifecycle or None):
        # The catalogue no longer gives the status it gave: the model is current again.
        changes.append(Entry("changed", subject, LABEL, text(page.lifecycle), "current"))
        page.lifecycle = ""
        provenance.values.pop("lifecycle", None)
