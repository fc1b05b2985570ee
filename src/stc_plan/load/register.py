"""Read a member-register export (CSV) and keep nothing but the number of members per branch.

The export holds personal data: names, e-mail addresses, phone and personal numbers. Only
one column is used, the one naming each member's constituency or branch; no other cell is
kept past its row, and no message ever quotes a cell: a bad row is named by its number.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections import Counter
from dataclasses import dataclass

from stc_plan.errors import StcError

# Headers that name the column with each member's constituency or branch.
UNIT_HEADERS = (
    "valkrets",
    "avdelning",
    "lokalavdelning",
    "distriktsavdelning",
    "krets",
    "constituency",
    "branch",
)
MAX_ROW_ERRORS = 5


class RegisterError(StcError):
    """The export cannot be counted; nothing was recorded."""


@dataclass(frozen=True)
class RegisterCounts:
    """Members per branch id, and the branches the export has no rows for."""

    counts: dict[str, int]
    absent: list[str]
    rows: int


def unit_key(text: str) -> str:
    """A name as compared: case-folded, without accents, spaces and hyphens.

    Exports differ in how they write "Östra Söderort": composed or decomposed (as typed on
    a Mac), or with the dots lost on the way ("Ostra Soderort"). All of them match.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.replace(" ", "").replace("-", "")


def count_members(
    raw: bytes, name: str, branches: dict[str, str], *, encoding: str | None = None
) -> RegisterCounts:
    """Count the rows of the export ``raw`` per branch (``branches``: id -> name)."""
    text = _decode(raw, name, encoding)
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, ";,\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader, None)
    if header is None:
        raise RegisterError(f"{name}: the file is empty; export the member register as CSV")
    column = _unit_column(header)
    if column is None:
        raise RegisterError(
            f"{name}: no column names the constituency or branch (its header should be one "
            f"of: {', '.join(UNIT_HEADERS)}); the file has {len(header)} columns"
        )
    lookup = {unit_key(k): unit for unit, n in branches.items() for k in (unit, n)}
    counts: Counter[str] = Counter()
    errors: list[str] = []
    rows = 0
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue  # blank line
        rows += 1
        cell = row[column].strip() if column < len(row) else ""
        unit = lookup.get(unit_key(cell)) if cell else None
        if unit is None:
            what = "is empty" if not cell else "names no branch of the plan"
            errors.append(f"row {number}: column '{header[column]}' {what}")
            continue
        counts[unit] += 1
    if errors:
        more = len(errors) - MAX_ROW_ERRORS
        shown = errors[:MAX_ROW_ERRORS] + ([f"and {more} more rows"] if more > 0 else [])
        raise RegisterError(
            f"{name}: {'; '.join(shown)}; fix the export (branches: {', '.join(branches.values())})"
        )
    if not counts:
        raise RegisterError(f"{name}: no member rows; export the member register as CSV")
    absent = [unit for unit in branches if unit not in counts]
    return RegisterCounts(dict(counts), absent, rows)


def _decode(raw: bytes, name: str, encoding: str | None) -> str:
    if encoding is not None:
        try:
            return raw.decode(encoding)
        except LookupError:
            raise RegisterError(f"unknown encoding '{encoding}'; try utf-8 or cp1252") from None
        except UnicodeDecodeError as exc:
            row = raw.count(b"\n", 0, exc.start) + 1
            raise RegisterError(f"{name}: row {row} is not {encoding}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = raw.count(b"\n", 0, exc.start) + 1
        raise RegisterError(
            f"{name}: not UTF-8 (byte 0x{raw[exc.start]:02X} on row {row}); it looks like a "
            "Windows-1252 export: save it as UTF-8, or pass --encoding cp1252"
        ) from None


def _unit_column(header: list[str]) -> int | None:
    keys = [unit_key(h).lstrip("\ufeff") for h in header]
    for wanted in UNIT_HEADERS:
        if wanted in keys:
            return keys.index(wanted)
    for i, key in enumerate(keys):
        if any(wanted in key for wanted in UNIT_HEADERS):
            return i
    return None
