"""The one module that owns the consoles, the output width and the choice of format.

Data goes to stdout; diagnostics (errors, warnings, notes) go to stderr. Rich is imported
only when a rich console is actually needed, to keep ``stc --help`` fast.
"""

from __future__ import annotations

import os
import shutil
import sys
from typing import TYPE_CHECKING, TextIO

from stc_plan.errors import one_line

if TYPE_CHECKING:
    from rich.console import Console

DEFAULT_WIDTH = 80
MAX_WIDTH = 120


def width(stream: TextIO | None = None) -> int:
    """Columns to lay out for: the terminal's (at most 120), or 80 when not a terminal."""
    stream = stream or sys.stdout
    if stream.isatty():
        return min(shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns, MAX_WIDTH)
    return DEFAULT_WIDTH


def wants_plain(stream: TextIO | None = None) -> bool:
    """Plain text when the stream is not a terminal or NO_COLOR is set (any value)."""
    stream = stream or sys.stdout
    return "NO_COLOR" in os.environ or not stream.isatty()


def console(stream: TextIO | None = None) -> Console:
    """A rich console writing to ``stream`` (stdout by default)."""
    from rich.console import Console

    stream = stream or sys.stdout
    # Markup and emoji codes off: any text printed here may come from a plan.
    return Console(
        file=stream,
        width=width(stream),
        highlight=False,
        soft_wrap=False,
        markup=False,
        emoji=False,
    )


def error(message: str) -> None:
    """One line on stderr: the message a user acts on."""
    print(one_line(message), file=sys.stderr)


def note(message: str) -> None:
    """A diagnostic that is not an error (e.g. which plan was picked), on stderr."""
    print(one_line(message), file=sys.stderr)
