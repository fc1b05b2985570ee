"""The one module that owns the consoles, the output width and the choice of format.

Data goes to stdout; diagnostics (errors, warnings, notes) go to stderr. Rich is imported
only when a rich console is actually needed, to keep ``stc --help`` fast.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
from typing import TextIO, cast

from stc_plan.errors import one_line

DEFAULT_WIDTH = 80
MAX_WIDTH = 120


def width(stream: TextIO | None = None) -> int:
    """Columns to lay out for: the terminal's (at most 120), or 80 when not a terminal."""
    stream = stream or sys.stdout
    if stream.isatty():
        return min(shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns, MAX_WIDTH)
    return DEFAULT_WIDTH


def is_terminal(stream: TextIO | None = None) -> bool:
    """Whether ``stream`` (stdout by default) is a terminal, where a person reads it."""
    stream = stream or sys.stdout
    return stream.isatty()


def height(stream: TextIO | None = None) -> int | None:
    """The terminal's rows, where the stream is a terminal that knows them; else None."""
    stream = stream or sys.stdout
    if not stream.isatty():
        return None
    rows = shutil.get_terminal_size((0, 0)).lines
    return rows if rows > 0 else None


def wants_plain(stream: TextIO | None = None) -> bool:
    """Plain text when the stream is not a terminal or NO_COLOR is set (any value)."""
    stream = stream or sys.stdout
    return "NO_COLOR" in os.environ or not stream.isatty()


def prepare_streams() -> bool:
    """Ready stdout and stderr for a run; False when stdout is closed (``stc status >&-``).

    Where the output's encoding cannot hold every character (Latin-1, ASCII in a C locale),
    symbols are written as ASCII stand-ins rather than failing on the first ellipsis.
    """
    from stc_plan.render.standins import ERRORS, is_unicode, register

    register()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and not is_unicode(getattr(stream, "encoding", None)):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(errors=ERRORS)
    return sys.stdout is not None


MACHINE_FORMATS = ("json", "csv", "html")  # read by programs and browsers: always UTF-8


def stream_for(fmt: str) -> TextIO:
    """Standard output for ``fmt``: a person's view follows the terminal's encoding (with
    stand-ins); JSON, CSV and HTML are always UTF-8, whatever it is, since what reads them
    expects it (an HTML page says so) and a stand-in would change the data."""
    from stc_plan.render.standins import is_unicode

    if fmt not in MACHINE_FORMATS or is_unicode(getattr(sys.stdout, "encoding", None)):
        return sys.stdout
    sys.stdout.flush()
    return cast(TextIO, _Utf8(sys.stdout))  # write() and flush() are all a renderer uses


class _Utf8(io.TextIOBase):
    """Text written as UTF-8 bytes to a text stream's buffer, which it never closes."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._buffer = stream.buffer

    def write(self, text: str) -> int:
        self._buffer.write(text.encode("utf-8"))
        return len(text)

    def flush(self) -> None:
        self._buffer.flush()


def output_failed(exc: OSError) -> bool:
    """Whether ``exc`` is the output failing (full, gone, closed), not a file the core read.

    The core turns its own file errors into ``StcError``s, so a bare OSError of these kinds
    comes from writing to stdout or stderr.
    """
    import errno

    kinds = {errno.ENOSPC, errno.EIO, errno.EPIPE, errno.EBADF, getattr(errno, "EDQUOT", -1)}
    return exc.errno in kinds


def silence_stdout() -> None:
    """Point stdout at /dev/null after it failed, so the exit's own flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass


def error(message: str) -> None:
    """One line on stderr: the message a user acts on (nowhere, if stderr is closed)."""
    if sys.stderr is not None:
        print(one_line(message), file=sys.stderr)


def note(message: str) -> None:
    """A diagnostic that is not an error (e.g. which plan was picked), on stderr."""
    if sys.stderr is not None:
        print(one_line(message), file=sys.stderr)
