"""The website in real Chromium (the system's, driven by Playwright), at a phone's 390 px and
a desktop's 1280 px: nothing wider than the screen, no console error, axe-core finds nothing
serious or critical. Screenshots stay in pytest's temporary folder under ``site-screens/``
for a person to look at. Skipped, saying why, without chromium or Playwright."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from tests.test_site import build

CHROMIUM = next(
    (b for b in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if b),
    None,
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no chromium on this machine: `apt-get install chromium` to run the browser tests",
)
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is in the test extra: pip install -e '.[test]'"
)
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


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        # --no-sandbox: CI runs as root, where chromium's sandbox will not start.
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    """A page ``width`` pixels wide; the test fails on any error it logs or request that fails."""
    problems: list[str] = []
    pages: list[Any] = []

    def opener(path: Path, width: int) -> Any:
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.on("console", lambda m: m.type == "error" and problems.append(m.text))
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("requestfailed", lambda r: problems.append(r.url))
        page.goto(path.as_uri())
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.close()
    assert problems == []


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
