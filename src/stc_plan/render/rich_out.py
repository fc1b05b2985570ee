"""Layouts for a terminal: the plain text layout, with states in colour and headings bold.

The tables are the plain renderer's, so a terminal and a pipe show the same columns at the
same widths; colour is added to the state words, which are always there, so nothing is
said by colour alone.

Plan text is data: everything is printed as ``Text`` objects on a console with markup and
emoji codes off, so ``[/bold]`` or ``[link=...]`` in a name prints as written (rich's markup
parser would raise on the first and make the second a live link).
"""

from __future__ import annotations

import re
from typing import TextIO

from stc_plan.evaluate.states import State
from stc_plan.render.tables import Layout, Table
from stc_plan.render.text import plain_table, wrap

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


def write_rich(layout: Layout, out: TextIO, width: int) -> None:
    """The layout in colour, ``width`` columns wide."""
    from rich.console import Console
    from rich.text import Text

    console = Console(
        file=out, width=width, highlight=False, soft_wrap=True, markup=False, emoji=False
    )
    console.print(Text(layout.heading, style="bold"))
    console.print(Text(layout.subtitle, style="dim"))
    console.print()
    for n in layout.date_notes:
        console.print(Text(wrap(n, width), style="yellow"))
        console.print()
    for table in layout.tables:
        console.print(Text(table.title, style="bold"))
        console.print()
        words = _state_words(table)
        pattern = (
            re.compile(
                "(?<=  )("
                + "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
                + ")(?=  |$)"
            )
            if words
            else None
        )
        lines = plain_table(table, width).split("\n")
        for i, line in enumerate(lines):
            text = Text(line, style="bold" if i == 0 else ("dim" if i == 1 else ""))
            if pattern is not None and i > 1:
                for match in pattern.finditer(line):
                    text.stylize(STYLE[words[match.group(1)]], match.start(), match.end())
            console.print(text)
        console.print()
    for n in layout.notes:
        console.print(Text(wrap(n, width)))
        console.print()
