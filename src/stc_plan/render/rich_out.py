"""Layouts as rich tables for a terminal: states in colour, and always in words too."""

from __future__ import annotations

from typing import TextIO

from stc_plan.evaluate.states import State
from stc_plan.render.tables import Layout

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


def write_rich(layout: Layout, out: TextIO, width: int) -> None:
    """Rich tables sized to ``width``."""
    from rich import box
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    console = Console(file=out, width=width, highlight=False)
    console.print(Text(layout.heading, style="bold"))
    console.print(Text(layout.subtitle, style="dim"))
    for n in layout.date_notes:
        console.print(Text(n, style="yellow"))
    for table in layout.tables:
        rich_table = RichTable(
            title=table.title,
            title_justify="left",
            title_style="bold",
            box=box.SIMPLE_HEAD,
            expand=True,
            leading=1,
            width=width,
        )
        last = len(table.headers) - 1
        for i, header in enumerate(table.headers):
            if i == 0:  # the goal: takes the room the others leave
                rich_table.add_column(header, ratio=1, min_width=24)
            else:  # targets wrap at 24 columns; numbers, dates and states never wrap
                rich_table.add_column(
                    header,
                    justify="right" if i in table.numeric else "left",
                    max_width=24,
                    no_wrap=i in table.numeric or i == last,
                )
        for r, row in enumerate(table.rows):
            state = table.states[r] if r < len(table.states) else None
            cells = []
            for i, cell in enumerate(row):
                text = Text(cell)
                if i == 0 and "\n" in cell:
                    head, _, rest = cell.partition("\n")
                    text = Text(head, style="bold") + Text("\n" + rest)
                if state is not None and i == len(row) - 1:
                    text.stylize(STYLE[state])
                cells.append(text)
            rich_table.add_row(*cells)
        console.print(rich_table)
    for n in layout.notes:
        console.print(n)
