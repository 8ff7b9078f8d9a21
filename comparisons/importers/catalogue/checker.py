"""Reading a models.dev file's JSON: decoding it strictly, and checking each field.

`decode` refuses what `json.loads` would quietly accept or mangle; `Checker` reads one
field at a time (text, URL, flag, date, token count, price), collecting every problem
with the record and field it belongs to, and every suspicious value it let through.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from comparisons.importers.errors import ImportRefused

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_TOKENS = 10**9  # a billion-token window is absurd today; it is a typo, not a model
PLACEHOLDER_TOKENS = 50_000_000  # 99,999,999 and the like stand for "unlimited/unknown"
MAX_PRICE = Decimal("10000")  # USD per 1M tokens
MAX_TEXT = 500
PRICE_PLACES = Decimal("0.000001")  # the database keeps six decimal places

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
WHITESPACE = re.compile(r"[\t\n\r]+")
URL = URLValidator(schemes=["http", "https"])
DATE_RE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


class CatalogueError(ImportRefused):
    """The file cannot be imported; `problems` names each record and field at fault."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = problems[:25]
        more = f"\n…and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
        super().__init__("\n".join(shown) + more)


class _Object(dict):
    """A JSON object that remembers keys it saw twice (json would silently keep the last)."""

    duplicates: tuple[str, ...] = ()


def _object_pairs(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object()
    dupes = []
    for key, value in pairs:
        if key in obj:
            dupes.append(key)
        obj[key] = value
    obj.duplicates = tuple(dupes)
    return obj


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def decode(raw: bytes, *, source: str = "the file") -> Any:
    """Bytes -> JSON values, refusing what json.loads would quietly accept or mangle."""
    if len(raw) > MAX_FILE_BYTES:
        raise CatalogueError(
            [f"{source}: {len(raw):,} bytes is larger than the {MAX_FILE_BYTES:,}-byte limit"]
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raise CatalogueError(
            [f"{source}: starts with a byte-order mark (BOM); save it as UTF-8 without a BOM"]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CatalogueError([f"{source}: not UTF-8 text (byte {exc.start})"]) from None
    try:
        return json.loads(text, object_pairs_hook=_object_pairs, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise CatalogueError(
            [f"{source}: malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"]
        ) from None
    except ValueError as exc:  # NaN / Infinity
        raise CatalogueError([f"{source}: {exc}"]) from None
    except RecursionError:
        raise CatalogueError([f"{source}: nested too deeply to be a catalogue"]) from None


class Checker:
    """Walks one decoded file, collecting problems and warnings with their paths."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.warnings: list[tuple[str, str]] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def duplicates(self, obj: Any, where: str) -> None:
        for key in getattr(obj, "duplicates", ()):
            self.fail(where, f"key {key!r} appears more than once")

    def present(self, obj: dict, key: str, where: str, required: bool) -> Any:
        """The field's value, or None (failing the record when the field is required)."""
        value = obj.get(key)
        if value is None and required:
            self.fail(f"{where}.{key}", "missing (required)")
        return value

    def text(
        self, obj: dict, key: str, where: str, *, required: bool = True, limit: int = MAX_TEXT
    ) -> str:
        value = self.present(obj, key, where, required)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.fail(f"{where}.{key}", f"must be text, got {describe(value)}")
            return ""
        if len(value) > limit:
            self.fail(f"{where}.{key}", f"{len(value)} characters is longer than {limit}")
            return ""
        if CONTROL.search(value):
            self.fail(f"{where}.{key}", "contains control characters or unpaired surrogates")
            return ""
        value = WHITESPACE.sub(" ", value).strip()  # a stray newline in a name is harmless
        if required and not value:
            self.fail(f"{where}.{key}", "is empty")
        return value

    def url(self, obj: dict, key: str, where: str) -> str:
        value = self.text(obj, key, where, required=False, limit=200)
        if value:
            try:
                URL(value)
            except ValidationError:
                self.fail(f"{where}.{key}", f"{value[:60]!r} is not an http(s) URL")
                return ""
        return value

    def kind_of(self, obj: dict, key: str, where: str, kinds: tuple[type, ...], name: str) -> None:
        """Fields the importer does not use must still have the shape the format gives."""
        value = obj.get(key)
        if value is not None and not isinstance(value, kinds):
            self.fail(f"{where}.{key}", f"must be {name}, got {describe(value)}")

    def flag(self, obj: dict, key: str, where: str, *, required: bool = True) -> bool | None:
        value = self.present(obj, key, where, required)
        if value is None:
            return None
        if not isinstance(value, bool):
            self.fail(f"{where}.{key}", f"must be true or false, got {describe(value)}")
            return None
        return value

    def day(self, obj: dict, key: str, where: str, *, required: bool = True) -> date | None:
        raw = self.text(obj, key, where, required=required)
        if not raw:
            return None
        match = DATE_RE.match(raw)
        if not match:
            self.fail(f"{where}.{key}", f"{raw!r} is not a date (YYYY-MM-DD or YYYY-MM)")
            return None
        year, month, dom = match.groups()
        try:
            return date(int(year), int(month), int(dom or 1))
        except ValueError:
            # Shaped like a date but impossible (2025-02-31): a typo upstream, not a
            # broken file, so the record comes in with this one value unknown.
            self.warnings.append((where, f"{key} {raw!r} is not a real date: left unknown"))
            return None

    def tokens(self, obj: dict, key: str, where: str, *, required: bool = True) -> int | None:
        value = self.present(obj, key, where, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(f"{where}.{key}", f"must be a whole number of tokens, got {describe(value)}")
            return None
        if isinstance(value, float) and not value.is_integer():
            self.fail(f"{where}.{key}", f"must be a whole number of tokens, got {value}")
            return None
        number = int(value)
        if number < 0:
            self.fail(f"{where}.{key}", f"must not be negative, got {number}")
            return None
        if number > MAX_TOKENS:
            self.fail(f"{where}.{key}", f"{number:,} tokens is absurd (limit {MAX_TOKENS:,})")
            return None
        if number == 0:
            self.warnings.append((where, f"{key} limit is 0: left unknown"))
            return None
        if number >= PLACEHOLDER_TOKENS:
            self.warnings.append(
                (where, f"{key} limit {number:,} looks like a placeholder: left unknown")
            )
            return None
        return number

    def price(self, obj: dict, key: str, where: str, *, required: bool = False) -> Decimal | None:
        value = self.present(obj, key, where, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(
                f"{where}.{key}", f"must be a number (USD per 1M tokens), got {describe(value)}"
            )
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.fail(f"{where}.{key}", f"{value} is not a price")
            return None
        try:
            amount = Decimal(str(value))
        except InvalidOperation:  # pragma: no cover - str() of a finite number always parses
            self.fail(f"{where}.{key}", f"{value!r} is not a price")
            return None
        if amount < 0:
            self.fail(f"{where}.{key}", f"must not be negative, got {value}")
            return None
        if amount > MAX_PRICE:
            self.fail(f"{where}.{key}", f"${value} per 1M tokens is absurd (limit ${MAX_PRICE})")
            return None
        rounded = amount.quantize(PRICE_PLACES, rounding=ROUND_HALF_UP)
        if amount and not rounded:
            # Not free, just below what is stored: unknown rather than "listed at $0".
            self.warnings.append((where, f"{key} {value} is below $0.000001: left unknown"))
            return None
        return rounded

    def unknown_fields(self, obj: dict, allowed: set[str], where: str) -> None:
        for key in sorted(set(obj) - allowed):
            self.fail(f"{where}.{key}", "unknown field")

    def mapping(self, value: Any, where: str) -> dict | None:
        if not isinstance(value, dict):
            self.fail(where, f"must be an object, got {describe(value)}")
            return None
        self.duplicates(value, where)
        return value


def describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"number {value}"
    if isinstance(value, str):
        return f"text {value[:40]!r}"
    if isinstance(value, list):
        return "a list"
    return "an object"
