"""The editor-owns-the-value rule, without a database: what the importer may write."""

from datetime import date
from decimal import Decimal

from comparisons.importers.ownership import Provenance, decide, judge, text, write
from comparisons.importers.report import Entry
from comparisons.models import Lab

SNAPSHOT = date(2026, 5, 1)


def provenance(**recorded: str) -> Provenance:
    values = {name: {"value": value, "snapshot": "2026-04-01"} for name, value in recorded.items()}
    return Provenance({"source": "models.dev", "values": values}, "models.dev", SNAPSHOT)


def test_an_empty_value_the_importer_never_wrote_is_set():
    assert decide(None, None, Decimal("3")) == "set"
    assert decide("", None, "yes") == "set"


def test_a_value_the_importer_wrote_and_nobody_changed_is_updated():
    assert decide(Decimal("3.00"), "3", Decimal("2.5")) == "set"


def test_a_value_an_editor_changed_or_cleared_is_a_conflict():
    assert decide(Decimal("4"), "3", Decimal("2.5")) == "conflict"
    assert decide(None, "3", Decimal("2.5")) == "conflict"
    assert decide(Decimal("4"), None, Decimal("2.5")) == "conflict"  # set by hand first


def test_an_equal_value_is_adopted_and_no_value_keeps_what_is_there():
    assert decide(Decimal("2.50"), None, Decimal("2.5")) == "adopt"
    assert decide(Decimal("4"), "3", None) == "keep"


def test_a_lab_is_recorded_by_slug_and_compared_by_its_row():
    lab = Lab(pk=7, slug="acme", name="Acme")
    assert text(lab) == "acme"
    assert decide(lab, "acme", Lab(pk=7, slug="acme", name="Acme")) == "adopt"
    assert decide(lab, "acme", Lab(pk=8, slug="other", name="Other")) == "set"


def test_text_shows_values_as_the_report_does():
    assert text(None) == "—"
    assert text(Decimal("0.000")) == "0"
    assert text(Decimal("1.2500")) == "1.25"
    assert text(date(2025, 3, 1)) == "2025-03-01"


def test_judge_reports_a_change_and_records_it_with_the_snapshot():
    record, changes = provenance(input_price="3"), []
    assert judge(Decimal("3"), Decimal("2.5"), "input_price", "input price", record, "M", changes)
    assert changes == [Entry("changed", "M", "input price", "3", "2.5")]
    assert record.values["input_price"] == {"value": "2.5", "snapshot": "2026-05-01"}
    assert record.changed


def test_judge_keeps_an_editors_value_and_says_so():
    record, changes = provenance(input_price="3"), []
    assert not judge(
        Decimal("4"), Decimal("2.5"), "input_price", "input price", record, "M", changes
    )
    [conflict] = changes
    assert conflict.kind == "conflict"
    assert conflict.message == (
        "input price set by an editor to 4; catalogue says 2.5 (kept the editor's value)"
    )
    assert conflict.line() == "conflict  M: " + conflict.message
    assert not record.changed  # what the importer wrote last is still what it wrote


def test_write_sets_the_field_only_when_the_rule_allows():
    class Row:
        input_price = Decimal("4")

    row, changes = Row(), []
    write(
        row, "input_price", Decimal("2.5"), "input price", provenance(input_price="3"), "M", changes
    )
    assert row.input_price == Decimal("4")
    write(
        row, "input_price", Decimal("2.5"), "input price", provenance(input_price="4"), "M", changes
    )
    assert row.input_price == Decimal("2.5")
    assert [c.kind for c in changes] == ["conflict", "changed"]
