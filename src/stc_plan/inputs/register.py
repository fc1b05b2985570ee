"""Read a member-register export (CSV or .xlsx) and keep nothing but the members per branch.

The export holds personal data: names, e-mail addresses, phone and personal numbers. Only
one column is used, the one naming each member's constituency or branch; no other cell is
kept past its row, and no message ever quotes a cell: a bad row is named by its number.

A miscount is worse than a refusal, so the CSV is read one physical line at a time: a stray
quote that would swallow the rows after it, a row with more or fewer cells than the header,
or a carriage return on its own is refused with the row's number. Each record is one line,
so the rows counted are the lines read.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from stc_plan.errors import StcError
from stc_plan.messages import Msg

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
DELIMITERS = {";": "register.semicolon", ",": "register.comma", "\t": "register.tab"}


class RegisterError(StcError):
    """The export cannot be counted; nothing was recorded."""


@dataclass(frozen=True)
class RegisterCounts:
    """Members per branch id, and the branches the export has no rows for."""

    counts: dict[str, int]
    absent: list[str]
    rows: int


@dataclass(frozen=True)
class _Sheet:
    """An export as rows: the header's cells and its row number, then (row number, cells)."""

    header: list[str]
    header_row: int
    rows: Iterator[tuple[int, list[str]]]


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
    from stc_plan.parse import limits

    max_cell = limits.current().max_cell
    lookup = {unit_key(k): unit for unit, n in branches.items() for k in (unit, n)}
    sheet = _xlsx(raw, name) if raw.startswith(b"PK\x03\x04") else _csv(raw, name, encoding)
    header = sheet.header
    column = _unit_column(header)
    if _looks_like_a_member(header, lookup):
        raise RegisterError(
            Msg(
                "register.no-header",
                file=name,
                row=sheet.header_row,
                headers=", ".join(UNIT_HEADERS),
            )
        )
    if column is None:
        raise RegisterError(
            Msg(
                "register.no-branch-column",
                file=name,
                headers=", ".join(UNIT_HEADERS),
                n=len(header),
            )
        )
    named = [i for i, h in enumerate(header) if unit_key(h.lstrip("\ufeff")) in UNIT_HEADERS]
    if len(named) > 1:
        # Two columns could each say where a member belongs, and they may disagree: which
        # one counts is the district's choice, not stc's guess.
        raise RegisterError(
            Msg(
                "register.two-branch-columns",
                file=name,
                columns=tuple(_column_label(header, i) for i in named),
            )
        )
    label = _column_label(header, column)
    counts: Counter[str] = Counter()
    errors: list[Msg | str] = []
    rows = 0
    named_width = max((i + 1 for i, h in enumerate(header) if h.strip()), default=0)
    for number, row in sheet.rows:
        if any(cell.strip() for cell in row[named_width:]):
            # A value under no column name (a CSV row like that is refused by its reader):
            # the columns may have shifted, so the branch column may not be the branch.
            raise RegisterError(Msg("register.beyond-header", file=name, row=number))
        if any(len(cell) > max_cell for cell in row):
            raise RegisterError(
                Msg(
                    "register.cell-too-long",
                    file=name,
                    row=number,
                    n=max_cell,
                    var=limits.ENV["max_cell"],
                )
            )
        rows += 1
        cell = row[column].strip() if column < len(row) else ""
        unit = lookup.get(unit_key(cell)) if cell else None
        if unit is None:
            what = Msg("register.cell-empty") if not cell else Msg("register.cell-no-branch")
            errors.append(Msg("register.row-problem", n=number, column=label, what=what))
            continue
        counts[unit] += 1
    if errors:
        more = len(errors) - MAX_ROW_ERRORS
        shown = errors[:MAX_ROW_ERRORS] + ([Msg("register.more-rows", n=more)] if more > 0 else [])
        raise RegisterError(
            Msg(
                "register.bad-rows",
                file=name,
                errors=Msg("list.semi", items=tuple(shown)),
                branches=", ".join(branches.values()),
            )
        )
    if not counts:
        raise RegisterError(Msg("register.no-rows", file=name))
    absent = [unit for unit in branches if unit not in counts]
    return RegisterCounts(dict(counts), absent, rows)


# --- CSV --------------------------------------------------------------------------------


def _csv(raw: bytes, name: str, encoding: str | None) -> _Sheet:
    text = _decode(raw, name, encoding)
    lone_cr = re.search(r"\r(?!\n)", text)
    if lone_cr is not None:
        raise RegisterError(
            Msg(
                "register.lone-cr",
                file=name,
                row=text.count("\n", 0, lone_cr.start()) + 1,
            )
        )
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the last line's own line feed
    lines = [line.removesuffix("\r") for line in lines]
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise RegisterError(Msg("register.empty", file=name))
    delimiter = _delimiter(lines[first], name, first + 1)
    header = _cells(lines[first], delimiter, name, first + 1)
    return _Sheet(header, first + 1, _csv_rows(lines, first + 1, delimiter, len(header), name))


def _csv_rows(
    lines: list[str], start: int, delimiter: str, width: int, name: str
) -> Iterator[tuple[int, list[str]]]:
    """Each non-blank line after the header as (row number, cells), checked as it goes."""
    for index in range(start, len(lines)):
        line = lines[index]
        if not line.strip():
            continue  # a blank line
        row = index + 1
        cells = _cells(line, delimiter, name, row)
        if len(cells) != width:
            raise RegisterError(
                Msg(
                    "register.cell-count",
                    file=name,
                    row=row,
                    n=len(cells),
                    width=width,
                    delimiter=Msg(DELIMITERS[delimiter]),
                )
            )
        yield row, cells


def _cells(line: str, delimiter: str, name: str, row: int) -> list[str]:
    """One physical line's cells; a quote left open (or text after a closing one) is refused,
    since a lenient reader would take the rows after it into one cell."""
    try:
        cells = next(csv.reader([line], delimiter=delimiter, quotechar='"', strict=True), [])
    except csv.Error:
        raise RegisterError(
            Msg(
                "register.stray-quote",
                file=name,
                row=row,
            )
        ) from None
    return cells


def _delimiter(header: str, name: str, row: int) -> str:
    """The separator that makes a branch column of the header (Swedish Excel writes ;)."""
    best: tuple[bool, int, str] | None = None
    for delimiter in DELIMITERS:
        try:
            cells = next(csv.reader([header], delimiter=delimiter, strict=True), [])
        except csv.Error:
            continue
        score = (_unit_column(cells) is not None, len(cells), delimiter)
        if best is None or score[:2] > best[:2]:
            best = score
    if best is None:
        _cells(header, ";", name, row)  # raises the quote error
    assert best is not None
    return best[2]


def _decode(raw: bytes, name: str, encoding: str | None) -> str:
    if encoding is not None:
        try:
            return raw.decode("utf-8-sig" if _is_utf8(encoding) else encoding)
        except LookupError:
            raise RegisterError(Msg("register.unknown-encoding", encoding=encoding)) from None
        except UnicodeError as exc:
            row = raw.count(b"\n", 0, getattr(exc, "start", 0)) + 1
            raise RegisterError(
                Msg("register.wrong-encoding", file=name, row=row, encoding=encoding)
            ) from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")  # the byte-order mark says so: nothing to guess
        except UnicodeDecodeError:
            pass
    _refuse_binary(raw, name)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = raw.count(b"\n", 0, exc.start) + 1
        guess = _eight_bit_guess(raw)
        raise RegisterError(
            Msg(
                "register.not-utf8",
                file=name,
                byte=f"{raw[exc.start]:02X}",
                row=row,
                what=Msg(guess[1]),
                encoding=guess[0],
            )
        ) from None


def _is_utf8(encoding: str) -> bool:
    import codecs

    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def _eight_bit_guess(raw: bytes) -> tuple[str, str]:
    """Windows-1252 (Excel on Windows) or the old DOS code page 850: whichever makes more
    Swedish letters of the bytes."""
    swedish = set("åäöÅÄÖéÉü")
    best = ("cp1252", "register.windows-1252")
    best_score = -1
    for codec, words in (("cp1252", "register.windows-1252"), ("cp850", "register.dos-850")):
        text = raw.decode(codec, errors="replace")
        score = sum(c in swedish for c in text) - 10 * text.count("\ufffd")
        if score > best_score:
            best, best_score = (codec, words), score
    return best


def _refuse_binary(raw: bytes, name: str) -> None:
    """An export that is no text at all: an old Excel file, a PDF, UTF-16 without a mark."""
    head = raw[:4096]
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise RegisterError(
            Msg(
                "register.old-excel",
                file=name,
            )
        )
    if b"\x00" not in head:
        return
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if odd > len(head) // 4 or even > len(head) // 4:
        raise RegisterError(
            Msg(
                "register.utf16",
                file=name,
                encoding="utf-16-le" if odd > even else "utf-16-be",
            )
        )
    raise RegisterError(
        Msg(
            "register.binary",
            file=name,
        )
    )


# --- .xlsx ------------------------------------------------------------------------------


def _xlsx(raw: bytes, name: str) -> _Sheet:
    """The first worksheet, read with openpyxl in read-only mode (rows streamed, not kept).

    Imported here, only for an .xlsx: openpyxl takes a while to load and no other command
    needs it.
    """
    import io
    import zipfile

    from stc_plan.parse import limits

    lim = limits.current().max_register_bytes
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        names, unpacked = [], 0
    if "xl/workbook.xml" not in names:
        raise RegisterError(
            Msg(
                "register.zip",
                file=name,
            )
        )
    if unpacked > lim:  # a small file that unpacks to gigabytes
        raise RegisterError(
            Msg(
                "register.unpacks-too-big",
                file=name,
                n=lim,
                var=limits.ENV["max_register_bytes"],
            )
        )
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken file; none is ours to show
        raise RegisterError(Msg("register.bad-xlsx", file=name)) from None
    rows = _xlsx_rows(book, name)
    first = next(rows, None)
    if first is None:
        book.close()
        raise RegisterError(Msg("register.empty", file=name))
    return _Sheet(first[1], first[0], rows)


def _xlsx_rows(book: object, name: str) -> Iterator[tuple[int, list[str]]]:
    """Non-empty rows of the first sheet as text cells, numbered as Excel shows them."""
    try:
        sheet = book.worksheets[0]  # type: ignore[attr-defined]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = ["" if v is None else str(v) for v in values]
            if any(c.strip() for c in cells):
                yield number, cells
    except RegisterError:
        raise
    except Exception:
        raise RegisterError(Msg("register.bad-xlsx", file=name)) from None
    finally:
        book.close()  # type: ignore[attr-defined]


# --- the header ---------------------------------------------------------------------------


def _words(header: str) -> list[str]:
    return [unit_key(w) for w in re.split(r"[\s_/()\-.:]+", header.lstrip("\ufeff")) if w]


def _unit_column(header: list[str]) -> int | None:
    """The column whose header is, or has as a word, one of UNIT_HEADERS (in that order)."""
    keys = [unit_key(h.lstrip("\ufeff")) for h in header]
    for wanted in UNIT_HEADERS:
        if wanted in keys:
            return keys.index(wanted)
    for wanted in UNIT_HEADERS:
        for i, cell in enumerate(header):
            if wanted in _words(cell):
                return i
    return None


def _column_label(header: list[str], column: int) -> Msg | str:
    """How messages name the column: its header if that is exactly a known word (so never a
    person's name by chance), else its number."""
    cell = header[column].lstrip("\ufeff").strip()
    if unit_key(cell) in UNIT_HEADERS:
        return f"'{cell}'"
    return Msg("register.branch-column", n=column + 1)


def _looks_like_a_member(header: list[str], lookup: dict[str, str]) -> bool:
    """Whether the first row is data: a branch's name, an e-mail address or a long number
    where column names should be."""
    for cell in header:
        text = cell.strip()
        if unit_key(text) in lookup or "@" in text or sum(c.isdigit() for c in text) >= 6:
            return True
    return False
