"""What both importers raise when they refuse their input: nothing was written, and
`problems` names each record and field at fault (one line each). The background runs
(`importers.runs`) report any of them the same way without knowing which importer ran."""

from __future__ import annotations


class ImportRefused(Exception):
    problems: list[str]
