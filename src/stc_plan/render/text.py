"""Layouts as plain text or Markdown, through tabulate: for pipes, files, e-mail and wikis."""

from __future__ import annotations

import textwrap
from typing import TextIO

from tabulate import tabulate

from stc_plan.render.tables import Layout, Table


def write_plain(layout: Layout, out: TextIO, width: int) -> None:
    """Plain text tables that fit ``width`` columns."""
    lines = [textwrap.fill(layout.heading, width), textwrap.fill(layout.subtitle, width), ""]
    for n in layout.date_notes:
        lines += [textwrap.fill(n, width), ""]
    for table in layout.tables:
        lines += [table.title, ""]
        lines += [plain_table(table, width), ""]
    for n in layout.notes:
        lines += [textwrap.fill(n, width), ""]
    out.write("\n".join(lines).rstrip("\n") + "\n")


def write_markdown(layout: Layout, out: TextIO, width: int) -> None:
    """GitHub-flavoured Markdown, every piece of text escaped; ``width`` does not apply."""
    # Every line holds plan text (the title in the heading, the organisation, section titles,
    # branch names in the notes), so every line is escaped: nothing in it can become a link,
    # an image, HTML or a heading.
    from stc_plan.render.escape import md_escape, md_line

    def para(text: str) -> str:
        return md_line(md_escape(text))

    lines = [f"# {md_escape(layout.heading)}", "", para(layout.subtitle), ""]
    for n in layout.date_notes:
        lines += [para(n), ""]
    for table in layout.tables:
        lines += [f"## {md_escape(table.title)}", ""]
        lines += [_markdown(table), ""]
    for n in layout.notes:
        lines += [para(n), ""]
    out.write("\n".join(lines).rstrip("\n") + "\n")


def _align(table: Table) -> list[str]:
    return ["right" if i in table.numeric else "left" for i in range(len(table.headers))]


def plain_table(table: Table, width: int, *, whole_words: bool = False) -> str:
    """One table as plain text at most ``width`` columns wide (when its cells allow).

    ``whole_words``: cells wrap only at spaces, never inside a word or after a hyphen
    ("Bromma-" / "Kungsholmen"); a word wider than its column then overflows it, for the
    caller to see and lay the table out another way.
    """

    # Later columns keep their widest line (up to 24) and their header on one line; only when
    # that would cut into the first column's text does a header wrap to its longest word
    # ("dec 2024" over two lines costs less than a branch name cut). The first column takes
    # what is left; tabulate pads some headers, so measure the result and give the first
    # column less if it overflows.
    def widths(header_words: bool) -> list[int]:
        return [
            min(
                24,
                max(
                    [len(word) for word in h.split()] if header_words else [len(h)],
                    default=0,
                )
                if not table.rows
                else max(
                    *([len(word) for word in h.split()] if header_words else [len(h)]),
                    *(len(line) for r in table.rows for line in r[i].split("\n")),
                ),
            )
            for i, h in enumerate(table.headers)
            if i > 0
        ]

    natural = max(
        [len(line) for r in table.rows for line in r[0].split("\n")] + [len(table.headers[0])]
    )

    def fitted(others: list[int]) -> tuple[str, int]:
        # The width is worked out from the wrapped cells (cheap); tabulate, which is not,
        # runs once, and again only if its result is wider than worked out.
        first = max(20, width - sum(others) - 2 * len(others))
        while True:
            rows, headers = _wrapped(table, first, others, whole_words)
            overflow = _width(rows, headers) - width
            if overflow <= 0 or first <= 12:
                break
            first = max(12, first - overflow)
        while True:
            text = _tabulated(table, rows, headers)
            overflow = max(len(line) for line in text.splitlines()) - width
            if overflow <= 0 or first <= 12:
                return text, first
            first = max(12, first - overflow)
            rows, headers = _wrapped(table, first, others, whole_words)

    text, first = fitted(widths(header_words=False))
    if first < natural:  # the first column's text would be cut: let the headers wrap
        text, _ = fitted(widths(header_words=True))
    return text


_GAP = "\u2063"  # INVISIBLE SEPARATOR: not whitespace, so tabulate keeps the row
_HEADER_PADDING = 2  # tabulate's MIN_PADDING: a header is this much narrower than its column


def _wrapped(
    table: Table, first: int, others: list[int], whole_words: bool = False
) -> tuple[list[list[str]], list[str]]:
    """The rows and headers with each cell wrapped to its column's width."""
    rows: list[list[str]] = []
    for row in table.rows:
        wrapped = [
            _wrap(cell, first if i == 0 else others[i - 1], whole_words)
            for i, cell in enumerate(row)
        ]
        if rows and any("\n" in cell for cell in wrapped):
            rows.append([_GAP] + [""] * (len(row) - 1))  # a blank line between tall rows
        rows.append(wrapped)
    headers = [
        h if i == 0 else _wrap(h, others[i - 1], whole_words) for i, h in enumerate(table.headers)
    ]
    return rows, headers


def _width(rows: list[list[str]], headers: list[str]) -> int:
    """How wide tabulate's "simple" table of these cells is: each column as wide as its
    widest line (a header's plus padding), two spaces between columns."""

    def widest(cell: str) -> int:
        return max(len(line) for line in cell.split("\n"))

    columns = [
        max([widest(h) + _HEADER_PADDING, *(widest(r[i]) for r in rows)])
        for i, h in enumerate(headers)
    ]
    return sum(columns) + 2 * (len(columns) - 1)


def _tabulated(table: Table, rows: list[list[str]], headers: list[str]) -> str:
    text = tabulate(
        rows,
        headers=headers,
        tablefmt="simple",
        colalign=_align(table),
        disable_numparse=True,
    )
    # tabulate drops empty rows, so the gap is a marker row turned blank afterwards.
    return "\n".join("" if line.startswith(_GAP) else line for line in text.split("\n"))


def wrap(text: str, width: int) -> str:
    """A paragraph wrapped to ``width`` columns."""
    return textwrap.fill(text, width)


def _wrap(cell: str, width: int, whole_words: bool = False) -> str:
    split = not whole_words
    return "\n".join(
        textwrap.fill(part, width, break_long_words=split, break_on_hyphens=split) if part else ""
        for part in cell.split("\n")
    )


def _markdown(table: Table) -> str:
    rows = [[_md_cell(c, goal=i == 0) for i, c in enumerate(row)] for row in table.rows]
    return tabulate(
        rows,
        headers=[_md_cell(h) for h in table.headers],
        tablefmt="github",
        colalign=_align(table),
        disable_numparse=True,
    )


def _md_cell(text: str, *, goal: bool = False) -> str:
    # Plan text is escaped (a pipe would start a new cell, a backtick code); the goal's id,
    # on the first line of a goal cell (the first column), is shown as code.
    from stc_plan.render.escape import md_escape

    first, _, rest = text.partition("\n")
    if rest and goal:
        ident, _, kind = first.partition(" ")
        return f"`{ident}` {md_escape(kind)} {md_escape(rest)}".replace("  ", " ")
    return md_escape(text)
