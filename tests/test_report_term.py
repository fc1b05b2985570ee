"""`stc report` in a terminal: a document laid out for its width (headings, wrapped
paragraphs, tables), never a word split across lines, in colour unless NO_COLOR; piped or
with --format markdown it stays Markdown.

The terminal tests run stc in a real pseudo-terminal of a given size, as a person's shell
would, and read what it wrote there.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from rich.cells import cell_len

from stc_plan.evaluate.reporting import PeriodReport, build_report, parse_period
from stc_plan.i18n import Lang
from stc_plan.inputs.plan import load_plan
from stc_plan.inputs.progress import load_progress
from stc_plan.render.report_doc import Bullets, Doc, Heading, Para, TableBlock, report_doc
from stc_plan.render.report_out import render_report
from stc_plan.render.report_term import to_terminal, wrap
from tests.conftest import EXAMPLE, SHIPPED_PLAN

ANSI = re.compile(r"\x1b\[[0-9;]*m")
DECORATION = {"•", "-", "─", "═"}  # bullets and rules: the layout's, not the text's
ARGS = ["--plan", str(SHIPPED_PLAN), "--facts", str(EXAMPLE)]


@cache
def _report(name: str) -> PeriodReport:
    plan = load_plan(SHIPPED_PLAN)
    kind = "term" if name.startswith(("VT", "HT")) else ("year" if len(name) == 4 else "quarter")
    period = parse_period(
        quarter=name if kind == "quarter" else None,
        term=name if kind == "term" else None,
        year=name if kind == "year" else None,
        plan_year=2025,
    )
    return build_report(plan, load_progress(EXAMPLE, plan), period)


def _tokens(text: str) -> list[str]:
    """The words of ``text``: between spaces (a no-break space too), punctuation that
    the layout adds around them ("Name:", "value;") left off; rules and bullets dropped."""
    words = (w.strip(":;,") for w in text.split())
    return [w for w in words if w and not set(w) <= {"•", "-", "─", "═"}]


def _source_words(doc: Doc) -> set[str]:
    """Every word the document holds, before any layout."""
    texts = [doc.title, doc.subtitle]
    for block in doc.blocks:
        if isinstance(block, Heading):
            texts.append(block.text)
        elif isinstance(block, Para):
            texts.append("".join(text for text, _ in block.parts))
        elif isinstance(block, Bullets):
            texts += ["".join(text for text, _ in item) for item in block.items]
        elif isinstance(block, TableBlock):
            texts += block.table.headers + [c for row in block.table.rows for c in row]
    return set(_tokens("\n".join(texts)))


def run_in_terminal(
    args: list[str], columns: int, *, env: dict[str, str] | None = None
) -> tuple[int, str]:
    """Run ``stc ARGS`` with a pseudo-terminal of ``columns`` columns as its stdin, stdout
    and stderr; its exit code and what it wrote there."""
    import fcntl
    import pty
    import struct
    import termios

    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in ("NO_COLOR", "STC_LANG", "COLUMNS", "LINES", "FORCE_COLOR")
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "stc_plan", *args],
        stdin=child,
        stdout=child,
        stderr=child,
        env={**base, "TERM": "xterm-256color", "LANG": "C.UTF-8", **(env or {})},
        close_fds=True,
    )
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    code = proc.wait()
    return code, b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("columns", [80, 120])
def test_in_a_terminal_the_report_is_a_document(lang: str, columns: int) -> None:
    """In a terminal, by default: headings underlined, paragraphs and bullets wrapped to
    the width with no word split, a real table, states in colour; the same lines as the
    renderer gives for that width, and the attention list on the first screen."""
    code, shown = run_in_terminal(
        ["report", *ARGS, "--quarter", "2025-Q3", "--lang", lang], columns
    )
    assert code == 0, shown
    assert "\x1b[" in shown  # in colour
    plain = ANSI.sub("", shown)
    lines = plain.rstrip("\n").split("\n")
    assert max(cell_len(line) for line in lines) <= columns
    expected = render_report(_report("2025-Q3"), "text", lang, width=columns)  # type: ignore[arg-type]
    assert lines == expected.rstrip("\n").split("\n")
    title = {"sv": "Kvartalsrapport 2025-Q3", "en": "Quarterly report 2025-Q3"}[lang]
    assert lines[:2] == [title, "═" * len(title)]
    attention = {"sv": "Behöver styrelsens uppmärksamhet", "en": "Needs the board's attention"}
    start = lines.index(attention[lang])
    end = lines.index({"sv": "Sammanfattning", "en": "Summary"}[lang])
    assert start < 8 and end < 40  # what needs the board: all of it on the first screen
    assert any(re.match(r"-+  +-+", line) for line in lines)  # the members table's rule
    doc = report_doc(_report("2025-Q3"), lang, charts=False)  # type: ignore[arg-type]
    assert set(_tokens(plain)) <= _source_words(doc)
    # Every state word is coloured where it leads a line of the attention list.
    overdue = {"sv": "försenat", "en": "overdue"}[lang]
    assert re.search(r"• \x1b\[[0-9;]*m" + overdue, shown)


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("columns", [80, 120])
def test_no_colour_changes_only_the_colour(lang: str, columns: int) -> None:
    """NO_COLOR in a terminal: the same document, line for line, without escape codes."""
    args = ["report", *ARGS, "--quarter", "2025-Q3", "--lang", lang]
    _, coloured = run_in_terminal(args, columns)
    code, plain = run_in_terminal(args, columns, env={"NO_COLOR": "1"})
    assert code == 0
    assert "\x1b[" not in plain
    assert plain == ANSI.sub("", coloured)


def test_line_counts_at_80_and_120_columns() -> None:
    """The Q3 report's length in a terminal: wider is shorter, and the counts are stable
    (a change here is a change to the layout, to look at in a terminal)."""
    counts = {
        (lang, w): len(render_report(_report("2025-Q3"), "text", lang, width=w).splitlines())  # type: ignore[arg-type]
        for lang in ("sv", "en")
        for w in (80, 120)
    }
    assert counts == {("sv", 80): 216, ("sv", 120): 171, ("en", 80): 210, ("en", 120): 169}


def test_markdown_in_a_terminal_and_in_a_pipe() -> None:
    """--format markdown in a terminal is Markdown; piped, the default is Markdown too."""
    code, shown = run_in_terminal(
        ["report", *ARGS, "--quarter", "2025-Q3", "-f", "markdown", "--lang", "sv"], 80
    )
    assert code == 0 and shown.startswith("# Kvartalsrapport 2025-Q3\n")
    piped = subprocess.run(
        [sys.executable, "-m", "stc_plan", "report", *ARGS, "--quarter", "2025-Q3"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "LANG": "C.UTF-8"},
    )
    assert piped.returncode == 0 and piped.stdout.startswith("# Quarterly report 2025-Q3\n")


def test_a_file_from_a_terminal_is_markdown(tmp_path: Path) -> None:
    """-o FILE from a terminal writes Markdown, the default for a file; -f text writes the
    terminal's document without colour at 80 columns."""
    out = tmp_path / "q3.md"
    code, _ = run_in_terminal(["report", *ARGS, "--quarter", "2025-Q3", "-o", str(out)], 120)
    assert code == 0 and out.read_text(encoding="utf-8").startswith("# Quarterly report")
    text = tmp_path / "q3.txt"
    code, _ = run_in_terminal(
        ["report", *ARGS, "--quarter", "2025-Q3", "-f", "text", "-o", str(text)], 120
    )
    written = text.read_text(encoding="utf-8")
    assert code == 0 and "\x1b[" not in written
    assert max(cell_len(x) for x in written.splitlines()) <= 80


@pytest.mark.parametrize("name", ["2025-Q2", "2025-Q3", "HT2025", "2025"])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_word_is_split_at_any_width_from_60(name: str, lang: Lang) -> None:
    """At every width from 60 to 130 columns (the board's Q3 in Swedish; a spread of them
    for the others), every line fits and every word on it is a whole word of the document;
    where the table fits as a table, the words are exactly those of an unwrapped layout
    (nothing split, nothing lost)."""
    doc = report_doc(_report(name), lang, charts=False)
    words = _source_words(doc)
    unwrapped = Counter(_tokens(to_terminal(doc, lang, width=1000, colour=False, encoding=None)))
    every = (name, lang) == ("2025-Q3", "sv")
    for width in range(60, 131) if every else (60, 63, 71, 79, 80, 81, 97, 119, 120, 130):
        text = to_terminal(doc, lang, width=width, colour=False, encoding=None)
        lines = text.splitlines()
        assert max(cell_len(line) for line in lines) <= width, width
        assert set(_tokens(text)) <= words, (width, set(_tokens(text)) - words)
        if any(re.match(r"-+  +-+", line) for line in lines):  # the table is a table
            assert Counter(_tokens(text)) == unwrapped, width


def test_a_table_too_wide_is_a_line_per_row() -> None:
    """At 60 columns the members table cannot be a table without splitting a branch's name:
    each row is one line, every value after its column's header, the state still a word."""
    text = render_report(_report("2025-Q3"), "text", "sv", width=60).replace("\u00a0", " ")
    assert (
        "• Bromma-Kungsholmen: start 125; slut 128; +/− +3;\n"
        "  väntat 126,0; målvärde 129; läge i fas\n"
    ) in text
    assert "Bromma-\n" not in text


def test_wrapping_keeps_words_numbers_and_states_whole() -> None:
    """Breaks fall at spaces only: never inside "1 840", a "4 / 6" or before a dash; a word
    wider than the line is the one thing folded."""
    from rich.text import Text

    def lines(text: str, width: int) -> list[str]:
        return [x.plain for x in wrap(Text(text), width)]

    assert lines("aaa 1 840 bbb", 8) == ["aaa", "1 840", "bbb"]
    assert lines("count 4 / 6 done", 9) == ["count", "4 / 6", "done"]
    assert lines("title — details here", 9) == ["title —", "details", "here"]
    assert lines("abcdefghij", 4) == ["abcd", "efgh", "ij"]
    assert lines("", 10) == [""]


def test_non_unicode_terminals_get_stand_ins_that_still_fit() -> None:
    """In an ASCII terminal the ellipses, dashes and rules are ASCII, measured after, so
    every line still fits."""
    text = render_report(_report("2025-Q3"), "text", "en", width=80, encoding="ascii")
    text.encode("ascii")
    assert "..." in text and "…" not in text and "?" not in text
    assert text.splitlines()[1] == "=" * len("Quarterly report 2025-Q3")
    assert "\n- overdue: Distriktet" in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_plan_text_is_not_markup_in_a_terminal(tmp_path: Path) -> None:
    """A goal title with rich markup prints as written, in colour too."""
    plan = tmp_path / "2025.yaml"
    plan.write_text(
        SHIPPED_PLAN.read_text(encoding="utf-8").replace(
            "title: Minst en medlemsvärvning ska genomföras i varje avdelning",
            'title: "[bold red]Värvning[/] [link=http://x]här[/link]"',
        ),
        encoding="utf-8",
    )
    code, shown = run_in_terminal(
        ["report", "--plan", str(plan), "--facts", str(EXAMPLE), "--quarter", "2025-Q3"], 100
    )
    assert code == 0
    assert "[bold red]Värvning[/] [link=http://x]här[/link]" in ANSI.sub("", shown)
    assert "\x1b]8;" not in shown  # no live link
