"""The HTML report in real Chromium (the system's, driven by Playwright): on a desktop
(1280 px) and a phone (390 px) screen, and printed to A4 PDF. It checks the layout's key
facts - what comes first, nothing wider than a phone, the page count, the footer, each
chart printed with its text - and runs axe-core's accessibility rules: nothing serious or
critical. Screenshots and PDFs stay in pytest's temporary folder, under ``screens/``
(``pytest --basetemp=DIR`` puts them in DIR), for a person to look at.

Skipped, saying why, where there is no chromium (.ci/run installs it where it can) or no
Playwright (in the test extra)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from stc_plan.cli import app
from stc_plan.evaluate.reporting import build_report, parse_period
from stc_plan.i18n import t
from stc_plan.inputs.plan import load_plan
from stc_plan.inputs.progress import load_progress
from stc_plan.render.report_doc import Heading, report_doc
from tests.conftest import (
    EXAMPLE,
    SHIPPED_PLAN,
    needs_chromium,
    page_texts,
    printed,
    serious_violations,
    squeeze,
)

pytestmark = needs_chromium
pytest.importorskip("playwright.sync_api", reason="Playwright is in the test extra")
pytest.importorskip(
    "axe_playwright_python.sync_playwright", reason="axe-playwright-python is in the test extra"
)
pytest.importorskip("pypdf", reason="pypdf is in the test extra")

WIDTHS = (1280, 390)
REPORTS = {  # name: (period option, language)
    "q3-sv": (("--quarter", "2025-Q3"), "sv"),
    "year-en": (("--year", "2025"), "en"),
}


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screens", numbered=False)


def write_report(out: Path, period: tuple[str, ...], lang: str, plan: Path = SHIPPED_PLAN) -> Path:
    args = ["report", "--plan", str(plan), "--facts", str(EXAMPLE), *period, "-f", "html"]
    result = CliRunner().invoke(app, [*args, "--lang", lang, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def reports(shots: Path) -> dict[str, Path]:
    return {
        name: write_report(shots / f"{name}.html", period, lang)
        for name, (period, lang) in REPORTS.items()
    }


def doc_of(name: str) -> Any:
    period, lang = REPORTS[name]
    plan = load_plan(SHIPPED_PLAN)
    kind, value = period[0].lstrip("-"), period[1]
    spec = {"quarter": None, "term": None, "year": None, kind: value}
    r = build_report(plan, load_progress(EXAMPLE, plan), parse_period(**spec, plan_year=2025))
    return report_doc(r, lang, charts=True)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", REPORTS)
def test_screen(
    name: str, width: int, reports: dict[str, Path], open_page: Any, shots: Path
) -> None:
    """Nothing is wider than the screen (a table becomes cards on a phone rather than
    scroll); the sections come in the document's order, top to bottom; both charts show,
    inside the screen, their text at 10 px or more."""
    page = open_page(reports[name], width)
    page.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    if width < 480:  # a phone: tables are cards, none scrolls (the year has no table)
        boxes = page.eval_on_selector_all(
            ".table-box", "els => els.map(e => [e.scrollWidth, e.clientWidth])"
        )
        assert all(scroll <= client for scroll, client in boxes)
    headings = page.eval_on_selector_all(
        "h2", "els => els.map(e => [e.textContent, e.getBoundingClientRect().top])"
    )
    tops = [top for _, top in headings]
    assert tops == sorted(tops)
    doc = doc_of(name)
    assert [text for text, _ in headings] == [
        b.text for b in doc.blocks if isinstance(b, Heading) and b.level == 2
    ]
    charts = page.eval_on_selector_all(
        "svg.chart",
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return [r.left, r.right, r.height]; })",
    )
    assert len(charts) == 2
    for left, right, height in charts:
        assert left >= 0 and right <= width and height > 100
        assert (right - left) / 400 * 12 >= 10  # the smallest chart text, 12 of 400 units


def test_attention_comes_first(reports: dict[str, Path], open_page: Any) -> None:
    """The first heading after the title, in the page and on the screen, is the section of
    what needs the board's attention."""
    word = t("report.attention", "sv")
    page = open_page(reports["q3-sv"])
    first = page.eval_on_selector_all(
        "h1, h2", "els => els.map(e => [e.tagName, e.textContent, e.getBoundingClientRect().top])"
    )
    assert [tag for tag, _, _ in first[:2]] == ["H1", "H2"]
    assert first[1][1] == word
    assert first[1][2] == min(top for tag, _, top in first if tag == "H2")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", REPORTS)
def test_accessibility(name: str, width: int, reports: dict[str, Path], open_page: Any) -> None:
    """axe-core's rules find no serious or critical violation."""
    page = open_page(reports[name], width)
    assert serious_violations(page) == []


@pytest.mark.parametrize(("name", "most"), [("q3-sv", 5), ("year-en", 6)])
def test_prints_on_a4_with_the_plan_and_page_numbers_in_the_footer(
    name: str, most: int, reports: dict[str, Path], open_page: Any, shots: Path
) -> None:
    """A4 pages, a handful of them; each page's foot names the organisation, the plan and
    the period and says "page n of m"; the title heads every page after the first. With
    Chromium's own headers and footers on, its date and address are not printed."""
    page = open_page(reports[name])
    pdf = printed(page)
    (shots / f"{name}.pdf").write_bytes(pdf)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes and all(abs(float(w) - 595.3) < 2 and abs(float(h) - 841.9) < 2 for w, h in boxes)
    count = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert 2 <= count <= most
    doc = doc_of(name)
    lang = REPORTS[name][1]
    texts = page_texts(pdf)
    assert len(texts) == count
    for n, text in enumerate(texts, 1):
        page_words = t("report.html.page", lang, page=n, pages=count)
        assert squeeze(doc.subtitle) in text and squeeze(page_words) in text
        assert (squeeze(doc.title) in text) if n > 1 else True
    with_chromes_own = page_texts(printed(page, display_header_footer=True))
    assert not any("file:" in text for text in with_chromes_own)


def probes(page: Any) -> list[tuple[str, str, str]]:
    """Every block on the printed page, in order: (kind, first words, last words)."""
    blocks = page.eval_on_selector_all(
        "main h2, main h3, main p, main ul, main .table-box, main figure",
        "els => els.map(e => [e.tagName === 'FIGURE' ? 'chart' : e.tagName,"
        " e.tagName === 'FIGURE' ? e.querySelector('figcaption').textContent : e.innerText])",
    )
    out = []
    for kind, text in blocks:
        flat = squeeze(text)
        out.append((kind, flat[:40], flat[-40:]))
    return out


@pytest.mark.parametrize("name", REPORTS)
def test_each_chart_is_printed_with_its_text(
    name: str, reports: dict[str, Path], open_page: Any
) -> None:
    """A chart is on the same printed page as the end of the block before it, and no page
    holds charts without any of the report's text."""
    page = open_page(reports[name])
    pdf = printed(page)
    texts = page_texts(pdf)
    blocks = probes(page)
    lonely = []
    for i, (kind, caption, _) in enumerate(blocks):
        if kind != "chart":
            continue
        (on,) = [n for n, text in enumerate(texts) if caption in text]
        before = next(b for b in reversed(blocks[:i]) if b[0] != "chart")
        assert before[2] in texts[on], (caption, before)
        words = [b for b in blocks if b[0] in ("P", "UL", "DIV")]
        if not any(head in texts[on] or tail in texts[on] for _, head, tail in words):
            lonely.append((on + 1, caption))
    assert lonely == []


def test_plan_text_stays_text_in_the_footer(tmp_path: Path, open_page: Any, shots: Path) -> None:
    """A plan title made to end the footer's CSS and the <style> runs no script and is
    printed in the footer exactly as written."""
    hostile = "Plan \"}</style><script>alert(1)</script> \\' @bottom-left{content:'x'}"
    plan = tmp_path / "2025.yaml"
    text = SHIPPED_PLAN.read_text(encoding="utf-8")
    quoted = "'" + hostile.replace("'", "''") + "'"
    plan.write_text(text.replace("title: Verksamhetsplan 2025", f"title: {quoted}", 1), "utf-8")
    out = write_report(tmp_path / "hostile.html", ("--quarter", "2025-Q3"), "en", plan)
    page = open_page(out)
    assert page.eval_on_selector_all("script", "els => els.length") == 0
    pdf = printed(page)
    (shots / "hostile.pdf").write_bytes(pdf)
    first = page_texts(pdf)[0]
    assert first.count(squeeze(hostile)) == 2  # the subtitle on the page and in the footer
