"""Layouts for a terminal: the plain text layout, with states in colour and headings bold.

The tables are the plain renderer's, so a terminal and a pipe show the same columns at the
same widths; colour is added to each row's cell in the state column, by the state it names
(words are always there, so nothing is said by colour alone).

Plan text is data: everything is printed as ``Text`` objects on a console with markup and
emoji codes off, so ``[/bold]`` or ``[link=...]`` in a name prints as written (rich's markup
parser would raise on the first and make the second a live link).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from stc_plan.evaluate.states import State
from stc_plan.render.tables import Layout, Table
from stc_plan.render.text import plain_table, wrap

if TYPE_CHECKING:
    from rich.console import Console

if TYPE_CHECKING:
    from rich.text import Text

STYLE: dict[State, str] = {
    State.DONE: "bold green",
    State.ON_TRACK: "green",
    State.AT_RISK: "yellow",
    State.BEHIND: "red",
    State.OVERDUE: "bold red",
    State.NOT_STARTED: "dim",
    State.NO_DATA: "dim",
    State.TARGET_NOT_SET: "magenta",
    State.STALE: "yellow",
}


def _state_words(table: Table) -> dict[str, State]:
    words: dict[str, State] = {}
    for row, state in zip(table.rows, table.states, strict=False):
        if state is not None:
            words.setdefault(row[table.state_col], state)
    return words


def _state_span(lines: list[str], table: Table) -> tuple[int, int] | None:
    """Where the state column stands in the plain table's lines: read from the rule of
    dashes under the headers (tabulate's "simple" format draws one per column)."""
    import re

    rule = next((line for line in lines if line.startswith("-")), None)
    if rule is None:
        return None
    spans = [(m.start(), m.end()) for m in re.finditer(r"-+", rule)]
    index = table.state_col if table.state_col >= 0 else len(spans) + table.state_col
    return spans[index] if 0 <= index < len(spans) else None


def styled_table(table: Table, plain: str) -> list[Text]:
    """``plain``, the plain table of ``table``, line by line: headers bold, the rule dim,
    and each row's state cell coloured by the state it names."""
    from rich.text import Text

    words = _state_words(table)
    lines = plain.split("\n")
    span = _state_span(lines, table) if words else None
    out = []
    for i, line in enumerate(lines):
        text = Text(line, style="bold" if i == 0 else ("dim" if i == 1 else ""))
        if span is not None and i > 1:
            # The state column's cell on this line: coloured by the state it names.
            cell = line[span[0] : span[1]].strip()
            if cell in words:
                start = line.index(cell, span[0])
                text.stylize(STYLE[words[cell]], start, start + len(cell))
        out.append(text)
    return out


def console_for(
    out: TextIO, width: int, *, colour: bool | None = None, color_system: str | None = "auto"
) -> Console:
    """The one way stc makes a rich console: writing to ``out``, ``width`` columns, lines
    already laid out (never wrapped again), markup, emoji and highlighting off (any text
    may come from a plan). ``colour`` forces colour on or off; by default rich decides."""
    from rich.console import Console

    return Console(
        file=out,
        width=width,
        highlight=False,
        soft_wrap=True,
        markup=False,
        emoji=False,
        force_terminal=colour,
        no_color=False if colour else None,
        color_system=color_system,  # type: ignore[arg-type]
    )


def write_rich(layout: Layout, out: TextIO, width: int, *, colour: bool | None = None) -> None:
    """The layout in colour, ``width`` columns wide (``colour``: force it on or off; by
    default rich decides from ``out``)."""
    from rich.text import Text

    console = console_for(out, width, colour=colour)
    console.print(Text(layout.heading, style="bold"))
    console.print(Text(layout.subtitle, style="dim"))
    console.print()
    for n in layout.date_notes:
        console.print(Text(wrap(n, width), style="yellow"))
        console.print()
    for table in layout.tables:
        console.print(Text(table.title, style="bold"))
        console.print()
        for text in styled_table(table, plain_table(table, width)):
            console.print(text)
        console.print()
    for n in layout.notes:
        console.print(Text(wrap(n, width)))
        console.print()
