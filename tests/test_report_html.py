"""The HTML report as written (render/report_html.py and its templates): the document's
blocks in its order, in sections; every state with its mark and its word; a chart kept
with the text before it; the printed footer; plan text escaped everywhere, the footer's
CSS included. The page as a browser shows and prints it: test_report_browser.py."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from stc_plan.evaluate.states import State
from stc_plan.i18n import t
from stc_plan.render.report_doc import Bullets, Chart, Doc, Heading, Para, TableBlock
from stc_plan.render.report_html import css_string, to_html
from stc_plan.render.tables import Table
from tests.conftest import EXAMPLE, SHIPPED_PLAN

Invoke = Callable[..., Any]
CHART = '<svg class="chart"><title>c</title></svg>'


def body(html: str) -> str:
    return html.split("<body>", 1)[1]


def test_states_carry_their_mark_and_their_word(invoke: Invoke, tmp_path: Path) -> None:
    """Each state named in the report, in a table or in a goal's line, has its mark (a shape
    defined once on the page) right before its word, so it reads without colour."""
    out = tmp_path / "q3.html"
    args = ["--plan", str(SHIPPED_PLAN), "--facts", str(EXAMPLE), "--quarter", "2025-Q3"]
    assert invoke("report", *args, "-f", "html", "-o", str(out), "--lang", "sv").exit_code == 0
    html = out.read_text(encoding="utf-8")
    for s in State:
        assert html.count(f'<symbol id="mark-{s.value}"') == 1
    uses = re.findall(r'<use href="#mark-([a-z-]+)"/></svg>([^<]*)</span>', html)
    assert len(uses) > 20
    for value, word in uses:
        assert word == t(f"state.{value}", "sv")
    members = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert members.count('<use href="#mark-') == 8  # every row but the held siblings
    assert '<strong><span class="state state-stale">' in html  # a goal's state, in its line


def test_only_a_state_in_bold_gets_a_mark() -> None:
    """The document writes a goal's state as its word in bold; the same word elsewhere (say,
    in a goal's title) stays plain text."""
    doc = Doc("T", "S", [Para([("klart", "em"), (" ", None), ("klart", "strong")])])
    assert body(to_html(doc, "sv")).count('<use href="#mark-done"/>') == 1


def test_a_chart_is_kept_with_the_block_before_it() -> None:
    """A chart and the block it follows share a group that print keeps on one page; charts
    in a row join the same group; each level-2 heading opens a section."""
    doc = Doc(
        "T",
        "S",
        [
            Heading(2, "One"),
            Para([("text", None)]),
            Chart(CHART, "first"),
            Chart(CHART, "second"),
            Heading(2, "Two"),
            Chart(CHART, "third"),
            Bullets([[("after", None)]]),
        ],
    )
    html = body(to_html(doc, "en"))
    keeps = re.findall(r'<div class="keep">(.*?)</div>', html, re.DOTALL)
    assert len(keeps) == 2
    assert "<p>text</p>" in keeps[0] and keeps[0].count("<figure") == 2
    assert '<h2 id="h4">Two</h2>' in keeps[1] and "third" in keeps[1]
    assert "after" not in keeps[1]
    sections = re.findall(r"<section>\s*(?:<div class=\"keep\">)?\s*<h2 id=\"(\w+)\"", html)
    assert sections == ["h0", "h4"]
    assert "<figcaption>first</figcaption>" in html


def test_tables_name_their_rows_and_label_their_cells() -> None:
    """The first column heads its row; numbers align right; each cell carries its column's
    name, which a phone shows before the value when the row becomes a card."""
    table = Table(
        "Members",
        ["branch", "count", "state"],
        [["A", "12", "on track"]],
        [State.ON_TRACK],
        numeric={1},
    )
    html = body(to_html(Doc("T", "S", [TableBlock(table)]), "en"))
    assert '<th scope="row">A</th>' in html
    assert '<td data-label="count" class="num">12</td>' in html
    assert 'data-label="state"><span class="state state-on-track">' in html
    assert 'role="region" aria-label="Members" tabindex="0"' in html


def test_the_printed_footer_names_the_plan_and_numbers_the_pages() -> None:
    """A4; the subtitle (organisation, plan, period) at the foot's left, "page n of m" in
    the run's language at its right, the title at the top of every page but the first."""
    doc = Doc("Quarterly report 2025-Q3", "Org · Plan 2025 · 2025-07-01 – 2025-09-30")
    html = to_html(doc, "en")
    assert re.search(r"@page \{\s*size: A4;", html)
    assert '@bottom-left { content: "Org · Plan 2025 · 2025-07-01 – 2025-09-30"; }' in html
    assert '@bottom-right { content: "page " counter(page) " of " counter(pages); }' in html
    assert '@top-right { content: "Quarterly report 2025-Q3"; }' in html
    sv = to_html(Doc("T", "S"), "sv")
    assert '"sida " counter(page) " av " counter(pages)' in sv


def test_plan_text_cannot_break_out_of_the_footer_or_the_page() -> None:
    """A title made to end the CSS string, the rule and the <style> stays one CSS string
    meaning exactly the title; in the page's body it is text."""
    hostile = '"; } body { display: none } </style><script>alert(1)</script>\\'
    html = to_html(Doc(hostile, hostile, [Heading(2, hostile), Para([(hostile, "strong")])]), "en")
    assert "<script" not in html
    assert html.count("</style>") == 1
    literal = css_string(hostile)
    assert literal.count('"') == 2 and "<" not in literal and "\\\\" not in literal
    unescaped = re.sub(r"\\([0-9a-f]{6})", lambda m: chr(int(m.group(1), 16)), literal[1:-1])
    assert unescaped == hostile
    assert "&lt;/style&gt;&lt;script&gt;" in body(html)
