"""Output that cannot be turned against its reader: plan text stays text in HTML,
Markdown, CSV and terminals."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from stc_plan.render.escape import csv_cell, md_escape, md_line
from tests.conftest import SHIPPED_PLAN

Invoke = Callable[..., Any]
HOSTILE = '=HYPERLINK("http://x";"y") | `rm` <script>alert(1)</script> *b* [l](u)'


def hostile_plan(tmp_path: Path) -> Path:
    plan = tmp_path / "2025.yaml"
    text = SHIPPED_PLAN.read_text(encoding="utf-8").replace(
        "title: Minst en medlemsvärvning ska genomföras i varje avdelning",
        "title: '" + HOSTILE.replace("'", "''") + "'",
    )
    plan.write_text(text, encoding="utf-8")
    return plan


def test_escape_functions() -> None:
    """The escaping rules themselves."""
    assert csv_cell("=1+1") == "'=1+1" and csv_cell("-5") == "-5" and csv_cell("@x") == "'@x"
    assert csv_cell("+46 70") == "'+46 70"
    assert md_escape("a|b`c*d_e[f]<g>") == r"a\|b\`c\*d\_e\[f\]\<g\>"
    assert md_line("# heading?") == r"\# heading?" and md_line("1. x") == r"\1. x"


def test_csv_cells_cannot_run_as_formulas(invoke: Invoke, tmp_path: Path) -> None:
    """A title starting with = reaches the spreadsheet as text."""
    out = invoke("status", "--plan", str(hostile_plan(tmp_path)), "-f", "csv").stdout
    row = next(r for r in csv.DictReader(io.StringIO(out)) if r["id"] == "medlemsvarvning")
    assert row["title"] == "'" + HOSTILE


def test_markdown_status_keeps_the_table_whole(invoke: Invoke, tmp_path: Path) -> None:
    """Pipes and backticks in a title do not break the Markdown table or become code."""
    out = invoke("status", "--plan", str(hostile_plan(tmp_path)), "-f", "markdown").stdout
    line = next(x for x in out.splitlines() if "`medlemsvarvning`" in x)
    assert r"\| \`rm\` \<script\>" in line
    assert line.count(" | ") == 4  # five cells: the title's own pipe is escaped
    assert "<script>" not in out


def test_html_report_shows_markup_as_text(invoke: Invoke, tmp_path: Path) -> None:
    """In the HTML report a title with <script> is text."""
    out = invoke(
        "report", "--plan", str(hostile_plan(tmp_path)), "--year", "2025", "-f", "html"
    ).stdout
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out


def test_terminal_output_shows_control_characters(invoke: Invoke, tmp_path: Path) -> None:
    """An escape sequence in a file is shown as \\x1b in messages, never sent to a terminal."""
    bad = tmp_path / "x.yaml"
    bad.write_text('"\\e[2J\\e[31mred": 1\n', encoding="utf-8")
    out = invoke("check", str(bad)).stdout
    assert "\x1b" not in out and "\\x1b[2J" in out


def test_control_characters_in_plan_text_are_refused(invoke: Invoke, tmp_path: Path) -> None:
    """A title with an escape sequence never reaches a terminal: the plan is invalid."""
    plan = tmp_path / "2025.yaml"
    plan.write_text(
        SHIPPED_PLAN.read_text(encoding="utf-8").replace(
            "title: Minst en medlemsvärvning ska genomföras i varje avdelning", 'title: "\\e[2Jboo"'
        ),
        encoding="utf-8",
    )
    result = invoke("check", str(plan))
    assert result.exit_code == 1
    assert result.stdout.endswith(
        "goal 'medlemsvarvning': title: contains a control "
        "character (such as an escape sequence); remove it\n"
    )
