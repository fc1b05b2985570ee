"""The website in real Chromium (the system's, driven by Playwright), at a phone's 390 px and
a desktop's 1280 px: nothing wider than the screen, no console error, axe-core finds nothing
serious or critical. Screenshots stay in pytest's temporary folder under ``site-screens/``
for a person to look at. Skipped, saying why, without chromium or Playwright."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import needs_chromium
from tests.test_site import build

pytestmark = needs_chromium
pytest.importorskip("playwright.sync_api", reason="Playwright is in the test extra")
axe_api = pytest.importorskip(
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
    results = axe_api.Axe().run(page)
    found = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert found == []
