"""A report document for a terminal: headings, paragraphs and bullets wrapped at spaces (bullets
with a hanging indent), tables that fit the width, states in colour beside their words.

Every line fits the width and no word is split across two lines: text breaks only at a
space, never inside a word, after a hyphen or inside a number written with a space ("1 840").
The one exception is a word wider than the whole line, which cannot be kept whole. A table
that cannot fit without splitting a word is written as one line per row instead.

Plan text is data: everything is printed as rich ``Text`` on a console with markup and emoji
codes off. Colour is never the only signal: the state's word is always there.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import TYPE_CHECKING

from stc_plan.i18n import Lang, t
from stc_plan.render.report_doc import (
    Bullets,
    Chart,
    Doc,
    Heading,
    Inline,
    Para,
    StateWord,
    TableBlock,
)
from stc_plan.render.rich_out import STYLE, styled_table
from stc_plan.render.standins import fit
from stc_plan.render.tables import Table
from stc_plan.render.text import plain_table

if TYPE_CHECKING:
    from rich.text import Text

BULLET = "• "
NBSP = "\u00a0"  # joins a state's words: a line never breaks inside "on track"
RULE = {1: "═", 2: "─"}  # under a level-1 and level-2 heading, as long as the heading
INLINE_STYLE = {"strong": "bold", "em": "italic", "code": "cyan"}

# Spaces that are no place to break: inside a number ("1 840", Swedish thousands), around
# the slash of "4 / 6", and before a dash or arrow (a line does not start with "— " or "→ ").
_KEPT_SPACE = re.compile(r"(?<=\d) (?=\d{3}(?!\d))|(?<=\S) (?=/ )|(?<= /) (?=\S)| (?=[—–→] )")
_KEEP = "\u2063"  # such a space while breaks are found: not " ", so no break; one cell wide
_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")  # not NBSP: a space not to break at stays one


def to_terminal(doc: Doc, lang: Lang, *, width: int, colour: bool, encoding: str | None) -> str:
    """``doc`` as text ``width`` columns wide, with colour (ANSI) when ``colour``; in
    characters ``encoding`` can hold (ASCII stand-ins otherwise), measured after."""
    from rich.text import Text

    from stc_plan.render.rich_out import console_for

    writer = _Writer(width, encoding)
    writer.heading(1, doc.title)
    writer.para([(doc.subtitle, None)], style="dim")
    for block in doc.blocks:
        if isinstance(block, Heading):
            writer.heading(block.level, block.text)
        elif isinstance(block, Para):
            writer.para(block.parts)
        elif isinstance(block, Bullets):
            writer.bullets(block.items)
        elif isinstance(block, TableBlock):
            writer.table(block.table)
        elif isinstance(block, Chart):
            writer.para([(t("report.chart_in_html", lang, title=block.title), "em")])
    lines = writer.lines[: _last_filled(writer.lines)]
    for line in lines:
        line.plain = fit(line.plain, encoding)  # the no-break spaces, where they cannot be
    if not colour:
        return "".join(line.plain + "\n" for line in lines)
    out = io.StringIO()
    console = console_for(out, width, colour=True, color_system="standard")
    console.print(Text("\n").join(lines))
    return out.getvalue()


def _last_filled(lines: list[Text]) -> int:
    end = len(lines)
    while end and not lines[end - 1].plain:
        end -= 1
    return end


class _Writer:
    """Collects the document's lines, each at most ``width`` cells wide."""

    def __init__(self, width: int, encoding: str | None) -> None:
        self.width = max(width, 20)
        self.encoding = encoding
        self.lines: list[Text] = []

    def _fit(self, text: str) -> str:
        return fit(_WHITESPACE.sub(" ", text), self.encoding)

    def _text(self, parts: list[Inline], style: str = "") -> Text:
        from rich.text import Text

        text = Text(style=style)
        for part, kind in parts:
            chosen = INLINE_STYLE.get(kind or "", "")
            shown = self._fit(part)
            if isinstance(part, StateWord):
                shown = shown.replace(" ", NBSP)  # "i riskzonen" is one word here
                if kind == "strong":
                    chosen = f"bold {STYLE[part.state]}"
            text.append(shown, style=chosen)
        return text

    def _blank(self) -> None:
        if self.lines and self.lines[-1].plain:
            from rich.text import Text

            self.lines.append(Text())

    def heading(self, level: int, text: str) -> None:
        from rich.cells import cell_len
        from rich.text import Text

        self._blank()
        lines = wrap(self._text([(text, None)], style="bold"), self.width)
        self.lines += lines
        rule = RULE.get(level)
        if rule is not None:
            widest = max(cell_len(line.plain) for line in lines)
            self.lines.append(Text(self._fit(rule * widest), style="dim"))
            self.lines.append(Text())

    def para(self, parts: list[Inline], style: str = "") -> None:
        self.lines += wrap(self._text(parts, style), self.width)
        self.lines.append(self._empty())

    def bullets(self, items: list[list[Inline]]) -> None:
        from rich.cells import cell_len
        from rich.text import Text

        mark = self._fit(BULLET)
        indent = " " * cell_len(mark)
        for item in items:
            for i, line in enumerate(wrap(self._text(item), self.width - len(indent))):
                self.lines.append(Text(mark if i == 0 else indent) + line)
        self.lines.append(self._empty())

    def table(self, table: Table) -> None:
        fitted = Table(
            self._fit(table.title),
            [self._fit(h) for h in table.headers],
            [[self._fit(c) for c in row] for row in table.rows],
            table.states,
            table.numeric,
            table.state_col,
        )
        plain = "\n".join(
            line.rstrip() for line in plain_table(fitted, self.width, whole_words=True).split("\n")
        )
        if _keeps_words(fitted, plain, self.width):
            self.lines += styled_table(fitted, plain)
            self.lines.append(self._empty())
        else:
            self.bullets([_row_line(fitted, i) for i in range(len(fitted.rows))])

    @staticmethod
    def _empty() -> Text:
        from rich.text import Text

        return Text()


def _row_line(table: Table, i: int) -> list[Inline]:
    """A table's row as one line, each value after its column's header: the layout for a
    table too wide for the terminal."""
    row = table.rows[i]
    state = table.states[i] if i < len(table.states) else None
    col = table.state_col % len(row) if row else 0
    parts: list[Inline] = [(row[0].replace("\n", " "), "strong"), (": ", None)]
    for j, (header, cell) in enumerate(zip(table.headers, row, strict=False)):
        if j == 0:
            continue
        if j > 1:
            parts.append(("; ", None))
        value = cell.replace("\n", " ")
        header = header.replace("\n", " ") + NBSP
        if j == col and state is not None:
            parts += [(header, None), (StateWord(value, state), "strong")]
        else:
            parts += [(header, None), (value, None)]
    return parts


def _keeps_words(table: Table, plain: str, width: int) -> bool:
    """Whether the plain table fits ``width`` and shows every word of its cells whole."""
    from rich.cells import cell_len

    if any(cell_len(line) > width for line in plain.split("\n")):
        return False
    wanted = Counter(
        w for text in (*table.headers, *(c for r in table.rows for c in r)) for w in text.split()
    )
    shown = Counter(plain.split())
    return not wanted - shown


def wrap(text: Text, width: int) -> list[Text]:
    """``text`` in lines of at most ``width`` cells, broken only at spaces (not at those of
    ``_KEPT_SPACE``); a word wider than a line is folded, as nothing else can be done."""
    plain = _KEPT_SPACE.sub(_KEEP, text.plain)  # the same length: offsets stay true
    breaks: list[int] = []
    col = 0  # cells used on the current line
    last_end = 0
    for word in re.finditer(r"[^ ]+", plain):
        start, end = word.span()
        gap = _cells(plain[last_end:start]) if col else 0
        if col and col + gap + _cells(plain[start:end]) > width:
            breaks.append(start)
            col = 0
        else:
            col += gap
        pos = start
        while col + _cells(plain[pos:end]) > width:  # wider than a whole line: fold it
            cut = pos + 1
            while cut < end and _cells(plain[pos : cut + 1]) <= width - col:
                cut += 1
            breaks.append(cut)
            pos, col = cut, 0
        col += _cells(plain[pos:end])
        last_end = end
    lines = list(text.divide(breaks)) if breaks else [text.copy()]
    for line in lines:
        line.rstrip()
    return lines


def _cells(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text.replace(_KEEP, " "))
