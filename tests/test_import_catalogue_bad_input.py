"""The catalogue importer's bad input (every problem named by record and field, nothing
written) and the command's dry run, progress lines and import log."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from comparisons.importers.catalogue.parse import CatalogueError
from comparisons.models import ImportRun
from tests.catalogue_data import provider, record, snapshot
from tests.catalogue_import import counts, run, small_snapshot, with_record

pytestmark = pytest.mark.django_db


# --- bad input ---------------------------------------------------------------------------


GOOD = provider("acme", record("acme/widget-1"))["acme"]


BAD_INPUTS = {
    "malformed JSON": (b'{"acme": {"id": "acme",', "malformed JSON at line 1"),
    "NaN": (
        with_record(cost={"input": 1, "output": 2}).replace(b'"input": 1', b'"input": NaN'),
        "NaN is not a number JSON allows",
    ),
    "Infinity": (
        with_record(cost={"input": 1, "output": 2}).replace(b'"output": 2', b'"output": Infinity'),
        "Infinity is not a number JSON allows",
    ),
    "negative price": (
        with_record(cost={"input": -1, "output": 2}),
        "zeta/z-1.cost.input: must not be negative, got -1",
    ),
    "non-numeric price": (
        with_record(cost={"input": "cheap", "output": 2}),
        "zeta/z-1.cost.input: must be a number (USD per 1M tokens), got text 'cheap'",
    ),
    "duplicate keys": (
        with_record().replace(b'"name": "z-1"', b'"name": "z-1", "name": "z-one"'),
        "zeta/z-1: key 'name' appears more than once",
    ),
    "BOM": (b"\xef\xbb\xbf" + with_record(), "byte-order mark"),
    "wrong type": (
        with_record(limit={"context": "big", "output": 10}),
        "zeta/z-1.limit.context: must be a whole number of tokens, got text 'big'",
    ),
    "missing required field": (with_record(drop=("name",)), "zeta/z-1.name: missing (required)"),
    "absurd size": (
        with_record(limit={"context": 10**12, "output": 10}),
        "zeta/z-1.limit.context: 1,000,000,000,000 tokens is absurd",
    ),
    "absurd price": (
        with_record(cost={"input": 1e9, "output": 2}),
        "zeta/z-1.cost.input: $1000000000.0 per 1M tokens is absurd",
    ),
    "unknown field": (with_record(colour="blue"), "zeta/z-1.colour: unknown field"),
    "not an object": (b"[1, 2]", "must be an object of providers"),
    "not a date": (with_record(release_date="soon"), "zeta/z-1.release_date: 'soon' is not a date"),
    "deep nesting": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "NUL character": (
        with_record(name="bad\x00name"),
        "zeta/z-1.name: contains control characters",
    ),
    "unpaired surrogate": (
        with_record().replace(b'"name": "z-1"', b'"name": "z\\ud800"'),
        "zeta/z-1.name: contains control characters or unpaired surrogates",
    ),
    "too long a name": (
        with_record(name="n" * 300),
        "zeta/z-1.name: 300 characters is longer than 255",
    ),
    "javascript link": (
        snapshot(provider("acme", record("a-1"))).replace(
            b"https://acme.example.com/docs", b"javascript:alert(1)"
        ),
        "acme.doc: 'javascript:alert(1)' is not an http(s) URL",
    ),
    "empty catalogue": (b"{}", "has no provider-model entries"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_names_the_record_and_field_and_writes_nothing(case, tmp_path):
    raw, message = BAD_INPUTS[case]
    before = counts()
    with pytest.raises(CatalogueError) as caught:
        run(raw)
    assert message in str(caught.value)
    assert counts() == before

    path = tmp_path / "bad.json"
    path.write_bytes(raw)
    with pytest.raises(CommandError) as command:
        call_command("import_catalogue", str(path), stdout=io.StringIO())
    assert "Nothing was imported." in str(command.value) and message in str(command.value)
    assert counts() == before


def test_an_error_in_the_last_record_leaves_earlier_good_records_unwritten():
    good = [record(f"model-{i}") for i in range(50)]
    raw = snapshot(provider("acme", *good, record("broken", cost={"input": -5, "output": 1})))
    before = counts()
    with pytest.raises(CatalogueError):
        run(raw)
    assert counts() == before


# --- the command -------------------------------------------------------------------------


def test_dry_run_prints_the_report_and_writes_nothing(tmp_path):
    path = tmp_path / "snap.json"
    path.write_bytes(small_snapshot())
    before = counts()
    out = io.StringIO()
    call_command("import_catalogue", str(path), "--dry-run", stdout=out)
    text = out.getvalue()
    assert "added     Model Widget 1: 2 routes" in text
    assert "Dry run, nothing written: 2 models added" in text
    assert counts() == before


def test_the_command_prints_progress_lines_and_records_the_run(tmp_path):
    path = tmp_path / "snap.json"
    path.write_bytes(small_snapshot())
    out = io.StringIO()
    call_command("import_catalogue", str(path), "--snapshot-date", "2026-07-02", stdout=out)
    text = out.getvalue()
    assert "Imported 2 of 2 models" in text  # plain lines: the output is not a terminal
    assert "2 models added" in text
    run_ = ImportRun.objects.get()
    assert run_.snapshot_date.isoformat() == "2026-07-02" and run_.source == "snap.json"
    assert f"import run #{run_.pk}" in text
