"""The website in real Chromium (the system's, driven by Playwright), at a phone's 390 px and
a desktop's 1280 px: nothing wider than the screen, no console error, axe-core finds nothing
serious or critical. Screenshots stay in pytest's temporary folder under ``site-screens/``
for a person to look at. Skipped, saying why, without chromium or Playwright."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import needs_chromium, page_texts, printed, serious_violations, squeeze
from tests.test_site import build

pytestmark = needs_chromium
pytest.importorskip("playwright.sync_api", reason="Playwright is in the test extra")
pytest.importorskip("pypdf", reason="pypdf is in the test extra")
pytest.importorskip(
    "axe_playwright_python.sync_playwright", reason="axe-playwright-python is in the test extra"
)

WIDTHS = (390, 1280)
PAGES = ("index.html", "goals/ny-i-c.html", "members.html", "sections/3-1.html")


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("site-screens", numbered=False)


@pytest.fixture(scope="module")
def site(shots: Path) -> Path:
    return build(shots / "public")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_page(name: str, width: int, site: Path, open_page: Any, shots: Path) -> None:
    """Nothing scrolls sideways; one h1, headings in order; axe: nothing serious or critical."""
    page = open_page(site / name, width)
    page.screenshot(path=str(shots / f"{name.replace('/', '-')}-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    levels = page.eval_on_selector_all("h1, h2, h3", "els => els.map(e => +e.tagName[1])")
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in pairwise(levels))
    assert page.eval_on_selector_all("main, nav, header, footer", "els => els.length") == 4
    assert serious_violations(page) == []


def test_the_site_prints_on_a4(site: Path, open_page: Any, shots: Path) -> None:
    """Printed as a person's Chromium prints a page: A4 with the plan, its date and the
    sheet's number at the foot of each sheet, the site's links left out, the members' figures
    printed open (a closed <details> on screen), each branch's chart on
    one sheet with its figures, nothing cut at the sheet's side."""
    import re

    from stc_plan.inputs.plan import load_plan
    from tests.conftest import SHIPPED_PLAN

    for name in ("index.html", "goals/ny-i-c.html", "members.html"):
        page = open_page(site / name, 1280)
        pdf = printed(page)
        assert page.eval_on_selector("nav", "e => getComputedStyle(e).display") == "none"
        (shots / f"{name.replace('/', '-')}.pdf").write_bytes(pdf)
        boxes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf))
        assert {(round(float(w)), round(float(h))) for w, h in boxes} == {(595, 842)}  # A4
        texts = page_texts(pdf)
        assert texts and all(texts)
        for n, text in enumerate(texts, 1):  # the foot of each sheet: the plan, date, number
            assert f"sida{n}av{len(texts)}" in text and "Verksamhetsplan2025·2025-10-01" in text
        if name != "members.html":
            continue
        plan = load_plan(SHIPPED_PLAN)
        for branch in plan.branches:
            title = squeeze(f"{branch.name}: medlemmar under året")
            sheets = [n for n, text in enumerate(texts) if title in text]
            assert len(sheets) == 1, branch.name
            sheet = texts[sheets[0]]
            after = sheet[sheet.index(title) :]
            assert "PlanenslinjeDatum" in after or "DatumRäknatPlanenslinje" in after
            assert "2025-09-30" in after  # the last count of the figures, on the same sheet
