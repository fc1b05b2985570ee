"""Problems found in a file, and the exceptions the core raises.

The core never prints or exits: it returns problems or raises one of these. The CLI turns
them into one-line messages and exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from stc_plan.messages import Msg

# A path into the YAML document: mapping keys and sequence indices, e.g. ("goals", 3, "deadline").
DocPath = tuple[str | int, ...]


class Severity(StrEnum):
    """How much a problem matters: errors fail a check, warnings only with --strict, and
    notes (a decision the file records, such as a target left open on purpose) never."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a file, at a position a person can jump to."""

    file: str
    line: int  # 1-based
    col: int  # 1-based
    text: Msg | str  # a message as data, or (until every rule has a code) its words
    severity: Severity = Severity.ERROR

    @property
    def code(self) -> str | None:
        """The message's stable code, where it has one (docs/codes.md)."""
        said = self.text
        while isinstance(said, Msg) and said.code == "at":  # "goal 'x': ..." around it
            said = said.params["message"]
        return said.code if isinstance(said, Msg) else None

    def message_in(self, lang: str) -> str:
        """The message in ``lang``, on one line: it quotes what the file says, and control
        characters there (a newline in a key, an escape sequence) must not break the
        one-line format or a terminal."""
        from stc_plan.i18n import render

        return one_line(render(self.text, lang))  # type: ignore[arg-type]

    def line_in(self, lang: str) -> str:
        """``file:line:col: message`` in ``lang``, the severity named unless it is an error."""
        from stc_plan.i18n import render

        tag = {
            Severity.ERROR: "",
            Severity.WARNING: render(Msg("severity.warning"), lang),  # type: ignore[arg-type]
            Severity.NOTE: render(Msg("severity.note"), lang),  # type: ignore[arg-type]
        }[self.severity]
        return f"{one_line(self.file)}:{self.line}:{self.col}: {tag}{self.message_in(lang)}"

    @property
    def message(self) -> str:
        """The message in English (logs, tests); a user sees ``message_in`` their language."""
        return self.message_in("en")

    def __str__(self) -> str:
        return self.line_in("en")


# C0, DEL and C1 (0x9b is CSI, an escape sequence's start on some terminals), the Unicode
# line and paragraph separators, and the bidi controls that reorder what a terminal shows.
_CONTROL = {c: f"\\x{c:02x}" for c in [*range(0x20), *range(0x7F, 0xA0)] if c != 0x09}
_CONTROL.update({0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t"})
_CONTROL.update(
    {c: f"\\u{c:04x}" for c in [0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]}
)


def one_line(text: str) -> str:
    """``text`` with control characters shown as escapes (``\\n``), never acted on."""
    return text.translate(_CONTROL)


class StcError(Exception):
    """Base of every error the core raises on purpose: its argument is a message (as data,
    or until every error has a code, as words)."""

    def message_in(self, lang: str) -> str:
        """The error in ``lang``."""
        from stc_plan.i18n import render

        first = self.args[0] if self.args else ""
        return render(first, lang) if isinstance(first, Msg) else str(first)  # type: ignore[arg-type]

    def __str__(self) -> str:
        return self.message_in("en")  # for logs and tracebacks; the CLI asks in its language


class PlanNotFound(StcError):
    """No plan file was named and none could be found."""


class FileUnreadable(StcError):
    """A file could not be read (missing, a folder, no permission)."""

    def __init__(self, path: Path, reason: Msg | str) -> None:
        super().__init__(Msg("file.unreadable", path=path, reason=reason))
        self.path = path


class PlanInvalid(StcError):
    """A plan file failed to load or validate; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def caused_by_interrupt(exc: BaseException) -> bool:
    """Whether a KeyboardInterrupt lies behind ``exc`` (as its cause or context), or Ctrl-C was
    pressed during the run at all (a library may have swallowed the interrupt itself)."""
    import stc_plan

    if stc_plan.INTERRUPTED[0]:
        return True
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, KeyboardInterrupt):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False
