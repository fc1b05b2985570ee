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
from stc_plan.i18n import say

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
        raise RegisterError(
            say("{file}: the file is empty; export the member register as CSV", file=name)
        )
    column = _unit_column(header)
    if column is None:
        raise RegisterError(
            say(
                "{file}: no column names the constituency or branch (its header should be one "
                "of: {headers}); the file has {n} columns",
                file=name,
                headers=", ".join(UNIT_HEADERS),
                n=len(header),
            )
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
            what = say("is empty") if not cell else say("names no branch of the plan")
            errors.append(
                say("row {n}: column '{column}' {what}", n=number, column=header[column], what=what)
            )
            continue
        counts[unit] += 1
    if errors:
        more = len(errors) - MAX_ROW_ERRORS
        shown = errors[:MAX_ROW_ERRORS] + ([say("and {n} more rows", n=more)] if more > 0 else [])
        raise RegisterError(
            say(
                "{file}: {errors}; fix the export (branches: {branches})",
                file=name,
                errors="; ".join(shown),
                branches=", ".join(branches.values()),
            )
        )
    if not counts:
        raise RegisterError(
            say("{file}: no member rows; export the member register as CSV", file=name)
        )
    absent = [unit for unit in branches if unit not in counts]
    return RegisterCounts(dict(counts), absent, rows)


def _decode(raw: bytes, name: str, encoding: str | None) -> str:
    if encoding is not None:
        try:
            return raw.decode(encoding)
        except LookupError:
            raise RegisterError(
                say("unknown encoding '{encoding}'; try utf-8 or cp1252", encoding=encoding)
            ) from None
        except UnicodeDecodeError as exc:
            row = raw.count(b"\n", 0, exc.start) + 1
            raise RegisterError(
                say("{file}: row {row} is not {encoding}", file=name, row=row, encoding=encoding)
            ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = raw.count(b"\n", 0, exc.start) + 1
        raise RegisterError(
            say(
                "{file}: not UTF-8 (byte 0x{byte} on row {row}); it looks like a Windows-1252 "
                "export: save it as UTF-8, or pass --encoding cp1252",
                file=name,
                byte=f"{raw[exc.start]:02X}",
                row=row,
            )
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
