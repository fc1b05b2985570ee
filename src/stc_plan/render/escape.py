"""Escaping plan text for each output, so no title or note can act on the reader: in
Markdown, in CSV opened by a spreadsheet, and in GitHub Actions workflow commands. (HTML is
escaped with ``html.escape`` where it is written.)"""

from __future__ import annotations

import re

from stc_plan.errors import one_line

# & too: an entity (&lt;, &#8238;) would otherwise show a character the text does not hold.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_MD_LINE_START = re.compile(r"^([#+=-]|\d+\.)")


def md_escape(text: str) -> str:
    """Text that Markdown shows as written: no emphasis, links, HTML, code or table breaks."""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\r", " ").replace("\n", " ")


def md_code(text: str) -> str:
    """``text`` as an inline code span that no backtick in it can end early."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{one_line(text)}{pad}{fence}"


def md_line(text: str) -> str:
    """A paragraph or list item that cannot start a heading, a list or a numbered list."""
    return _MD_LINE_START.sub(r"\\\1", text)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _formula(part: str) -> bool:
    # Spreadsheets skip leading spaces (and a quote that opens a cell) before a formula.
    start = part.lstrip(' "')
    return start[:1] in _FORMULA_START and not _is_number(start)


def csv_cell(text: str) -> str:
    """A cell a spreadsheet will not run: one starting with = + - @ (or tab, CR) gets a '.

    The same holds for each ``;``-separated part, since Excel set to Swedish splits a
    comma-separated file at ``;`` when it opens it: ``a;=HYPERLINK(...)`` becomes two cells.
    """
    return ";".join("'" + part if _formula(part) else part for part in text.split(";"))


def github_data(text: str) -> str:
    """A workflow command's message: a CR or LF would end the command and start another, and
    other control characters (ESC, BEL) would act on whatever shows the log: shown as escapes."""
    from stc_plan.errors import one_line

    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return one_line(escaped)


def github_property(text: str) -> str:
    """A workflow command's property value (file=..., title=...)."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")
