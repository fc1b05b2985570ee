"""Each report's output formats, in one place: the option's choices, its help text, its shell
completion, and the names its renderers are dispatched by (as pip-audit's
``OutputFormatChoice`` or check-jsonschema's ``REPORTER_BY_NAME``). A format name is typed
here once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Formats:
    """One report's formats: (name, what it is for), in the order the help lists them."""

    choices: tuple[tuple[str, str], ...]
    default: str = ""  # how the default is chosen, for the help text

    @property
    def names(self) -> tuple[str, ...]:
        """The format names, the option's choices."""
        return tuple(name for name, _ in self.choices)

    def help(self) -> str:
        """The --format help: each name with what it is for, then the default."""
        listed = "; ".join(f"{name}: {use}" for name, use in self.choices)
        return f"{listed}. {self.default}".strip()

    def complete(self, incomplete: str) -> list[str]:
        """Shell completion of the option's value."""
        return [name for name in self.names if name.startswith(incomplete)]


STATUS = Formats(
    (
        ("table", "a terminal, states in colour and in words"),
        ("plain", "pipes and files, 80 columns"),
        ("markdown", "e-mail, wikis, pull requests"),
        ("json", "programs"),
        ("csv", "spreadsheets"),
    ),
    "Default: table on a terminal, else plain.",
)
REPORT = Formats(
    (
        ("text", "a document for the terminal, wrapped to its width, states in colour"),
        ("markdown", "e-mail, wikis, pull requests"),
        ("html", "one self-contained, printable page"),
        ("json", "programs"),
    ),
    "Default: text on a terminal, else markdown.",
)
CHECK = Formats(
    (
        ("text", "FILE:LINE:COL: message"),
        ("github", "workflow commands that GitHub Actions shows on the lines"),
        ("json", "programs, with each problem's code"),
    ),
    "Default: text.",
)
DIFF = Formats(
    (
        ("text", "a line per change"),
        ("markdown", "a pull request or job summary"),
        ("json", "programs"),
    ),
    "Default: text.",
)
DUE = Formats(
    (
        ("table", "a terminal, states in colour and in words"),
        ("plain", "pipes and files"),
        ("json", "programs"),
    ),
    "Default: table on a terminal, else plain.",
)
DIGEST = Formats(
    (
        ("text", "a terminal or an e-mail"),
        ("markdown", "wikis and chat that reads Markdown"),
        ("slack", "a Slack message (Block Kit JSON)"),
        ("json", "programs"),
    ),
    "Default: text.",
)
