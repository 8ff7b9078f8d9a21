"""Table rows of a legacy page read as facts: which row states what, and its typed value.

A `Statement` is one fact the page states about one of its models ("a" or "b", in the
order of the page title) or about the pair. Values the page leaves blank ("-", "—") are
not statements: the page says nothing there. Pure: no Django, no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from comparisons.importers.legacy.document import collapse


@dataclass(frozen=True)
class Statement:
    side: str  # "a" or "b" (the page title's order), or "pair"
    field: str  # "decision_fit", "context_window", "capability", ...
    shown: str  # the value as the page shows it, for the report
    value: Any  # typed: int, Decimal, date, bool, tuple of names, ...
    where: str  # the section it was read from: "Decision scorecard", "FAQ", ...
    key: str = ""  # the capability named; "complete" for a full list of providers


# Row label -> (field, kind). Kinds name the value patterns below.
ROW_FIELDS: dict[str, tuple[str, str]] = {
    "product type": ("product_type", "text"),
    "best for": ("best_for", "text"),
    "decision fit": ("decision_fit", "list"),
    "context window": ("context_window", "tokens"),
    "max output": ("max_output_tokens", "tokens"),
    "cheapest output": ("cheapest_output", "price"),
    "provider routes": ("provider_routes", "tracked"),
    "shared benchmarks": ("shared_benchmarks", "rows"),
    "released": ("release_date", "date"),
    "release date": ("release_date", "date"),
    "parameters": ("parameters", "parameters"),
    "architecture": ("architecture", "text"),
    "license": ("licence", "licence"),
    "licence": ("licence", "licence"),
    "openness": ("openness", "text"),
    "commercial use": ("commercial_use", "text"),
    "knowledge cutoff": ("knowledge_cutoff", "month"),
    "input price": ("input_price", "price"),
    "output price": ("output_price", "price"),
    "cheapest route": ("cheapest_route", "text"),
    "providers": ("providers", "list"),
}
HEADER_LABELS = ("pricing attribute", "specification", "capability", "signal")

# Numbers are bounded (at most 12 digits before and after the point): a value no page
# could mean is "not understood", never an overflow or a runaway computation.
_NUMBER = r"\d{1,12}(?:\.\d{1,12})?"
_PATTERNS: dict[str, str] = {
    "tokens": rf"(?P<n>{_NUMBER})\s?(?P<unit>[KkMm])?(?:[\s-]?tokens?)?",
    "price": rf"\$\s?(?P<n>{_NUMBER})(?:\s?/\s?1M(?: tokens)?)?",
    "tracked": r"(?P<n>\d{1,6}) tracked",
    "rows": r"(?P<n>\d{1,6}) rows?",
    "date": r"\d{4}-\d{2}-\d{2}",
    "month": r"(?P<y>\d{4})-(?P<m>\d{2})",
    "parameters": rf"(?P<n>{_NUMBER})\s?(?P<unit>[MBT])(?: \((?P<detail>[^)]*)\))?(?P<est>\*)?",
    "yesno": r"Yes|No",
}
_DASHES = ("-", "\u2014", "\u2013")
MAX_RUN_TOGETHER = 300  # characters of two run-together cells; real rows have under 100
SHOWN_MAX = 80  # characters of a cell quoted in a warning  # hyphen, em dash, en dash
BLANK = frozenset({"", *_DASHES, "n/a", "unknown", "not sourced", "not yet sourced", "unavailable"})
_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_CAPABILITY_ROW = re.compile(r"^(?P<label>.+?)(?P<a>Yes|No|-|—)(?P<b>Yes|No|-|—)$")
_LICENCE_OSI = re.compile(r"^(?P<name>.*?)\s*\((?P<osi>OSI)(?:[- ]approved)?\)$", re.IGNORECASE)


def is_blank(value: str) -> bool:
    return collapse(value).casefold() in BLANK


def split_list(text: str) -> tuple[str, ...]:
    """ "Coding, Agents, and Long context" -> ("Coding", "Agents", "Long context")."""
    return tuple(item for item in _LIST_SPLIT.split(collapse(text)) if item)


# --- cells that ran together ("Context window131K262K") ----------------------------------


def _fits(kind: str, text: str) -> bool:
    text = text.strip()
    if text in _DASHES:
        return True
    pattern = _PATTERNS.get(kind)
    return bool(pattern and re.fullmatch(pattern, text))


def _case_boundary(text: str, at: int) -> bool:
    """A lowercase letter, digit or ")" directly followed by a capital: "contextLong"."""
    before, after = text[at - 1], text[at]
    return (before.islower() or before.isdigit() or before == ")") and after.isupper()


def split_cells(kind: str, text: str) -> tuple[str, str] | None:
    """The two values of a row whose cells lost their separator, when only one split
    reads as two values of the row's kind; None when that is ambiguous, or when the text
    is longer than two cells ever are (each split is tried, so it must stay short)."""
    if len(text) > MAX_RUN_TOGETHER:
        return None
    found = []
    for at in range(1, len(text)):
        left, right = text[:at].strip(), text[at:].strip()
        if not left or not right:
            continue
        if kind in _PATTERNS:
            ok = _fits(kind, left) and _fits(kind, right)
        else:
            ok = left in _DASHES or right in _DASHES or _case_boundary(text, at)
        if ok:
            found.append((left, right))
    return found[0] if len(found) == 1 else None


def split_names(rest: str, names: tuple[str, str]) -> tuple[str, ...]:
    """A header row's model names, run together: "gpt-oss-120bQwen3.5-4B"."""
    a, b = names
    folded = rest.strip().casefold()
    if not folded:
        return ()
    for first, second in ((a, b), (b, a)):
        if folded == (first + second).casefold():
            return (first, second)
    return (rest.strip(),)


def split_row(section: str, line: str, names: tuple[str, str]) -> tuple[str, ...] | None:
    """Cells of a table row printed without separators, or None for a line that is not a
    row (a caption or a note under the table)."""
    folded = line.casefold()
    for label in HEADER_LABELS:
        if folded.startswith(label):
            return (line[: len(label)], *split_names(line[len(label) :], names))
    if section == "capabilities":
        match = _CAPABILITY_ROW.match(line)
        return (match["label"].strip(), match["a"], match["b"]) if match else None
    label = max((lb for lb in ROW_FIELDS if folded.startswith(lb)), key=len, default=None)
    if label is None:
        return None
    rest = line[len(label) :].strip()
    if not rest:
        return (line[: len(label)],)
    cells = split_cells(ROW_FIELDS[label][1], rest)
    return (line[: len(label)], *(cells or (rest,)))


# --- typed values --------------------------------------------------------------------------

_UNITS = {"k": Decimal(1_000), "m": Decimal(1_000_000)}
_BILLIONS = {"M": Decimal("0.001"), "B": Decimal(1), "T": Decimal(1_000)}


def parse_value(kind: str, text: str) -> Any:
    """The typed value of a cell; None if it does not read as one."""
    text = collapse(text)
    if kind == "text":
        return text
    if kind == "list":
        return split_list(text) or None
    if kind == "yesno":
        return {"yes": True, "no": False}.get(text.casefold())
    if kind == "licence":
        match = _LICENCE_OSI.match(text)
        return (match["name"], True) if match else (text, None)
    match = re.fullmatch(_PATTERNS[kind], text)
    if match is None:
        return None
    if kind == "tokens":
        return int(Decimal(match["n"]) * _UNITS.get((match["unit"] or "").lower(), Decimal(1)))
    if kind == "price":
        return Decimal(match["n"])
    if kind in ("tracked", "rows"):
        return int(match["n"])
    if kind == "month":
        year, month = int(match["y"]), int(match["m"])
        return date(year, month, 1) if year >= 1 and 1 <= month <= 12 else None
    if kind == "parameters":
        return (
            Decimal(match["n"]) * _BILLIONS[match["unit"]],
            match["detail"] or "",
            bool(match["est"]),
        )
    try:  # kind == "date"
        return date.fromisoformat(text)
    except ValueError:
        return None


def shown(kind: str, text: str, value: Any) -> str:
    if kind == "list":
        return ", ".join(value)
    return collapse(text)


def row_statements(
    section: str, where: str, cells: tuple[str, ...]
) -> tuple[list[Statement], list[str]]:
    """Statements of one table row (label, value A, value B), and warnings about it."""
    label, values = collapse(cells[0]), tuple(collapse(v) for v in cells[1:])
    if section == "capabilities":
        field, kind, key = "capability", "yesno", label
    elif label.casefold() in ROW_FIELDS:
        (field, kind), key = ROW_FIELDS[label.casefold()], ""
    else:
        return [], [f"{where}: row “{clip(label)}” is not one we know; not checked."]
    if len(values) != 2:
        found = clip(" | ".join(values)) or "nothing"
        return [], [
            f"{where}: row “{clip(label)}” should have a value for each model, found “{found}”; "
            "not checked."
        ]
    statements, warnings = [], []
    for side, text in zip(("a", "b"), values, strict=True):
        if is_blank(text):
            continue
        value = parse_value(kind, text)
        if value is None:
            warnings.append(
                f"{where}: “{clip(text)}” in row “{clip(label)}” is not understood; not checked."
            )
            continue
        statements.append(
            Statement(side, field, shown(kind, text, value), value, where, key or _complete(field))
        )
    if field == "shared_benchmarks":
        # One number for the pair, printed under both models.
        statements = [Statement("pair", s.field, s.shown, s.value, where) for s in statements[:1]]
    return statements, warnings


def clip(text: str) -> str:
    """A cell as quoted in a warning: at most SHOWN_MAX characters."""
    return text if len(text) <= SHOWN_MAX else text[: SHOWN_MAX - 1] + "…"


def _complete(field: str) -> str:
    # The pricing table's "Providers" row lists every route of the model.
    return "complete" if field == "providers" else ""
