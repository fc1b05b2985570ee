"""The HTML report in a real headless browser (Debian's chromium): it loads without errors,
its charts render, and it prints to PDF on A4. Skipped, saying why, where there is no
chromium (.ci/run installs it where it can)."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLE, SHIPPED_PLAN

BROWSER = next(
    (b for b in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if b),
    None,
)
pytestmark = pytest.mark.skipif(
    BROWSER is None,
    reason="no chromium on this machine: `apt-get install chromium` to run the browser tests",
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def browser(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    profile = tmp_path / "profile"
    return subprocess.run(
        [BROWSER, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def report_html(invoke: Callable[..., Any], tmp_path: Path) -> Path:
    out = tmp_path / "q3.html"
    result = invoke(
        "report",
        "--plan",
        str(SHIPPED_PLAN),
        "--facts",
        str(EXAMPLE),
        "--quarter",
        "2025-Q3",
        "-f",
        "html",
        "-o",
        str(out),
        "--lang",
        "sv",
    )
    assert result.exit_code == 0, result.stderr
    return out


def test_loads_without_errors(report_html: Path, tmp_path: Path) -> None:
    """The page loads: its DOM has both charts and no request was refused or failed."""
    run = browser(tmp_path, "--enable-logging=stderr", "--v=0", "--dump-dom", report_html.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 2
    assert "Kvartalsrapport 2025-Q3" in run.stdout
    assert "Refused to" not in run.stderr  # the page's CSP would refuse any fetch
    assert "Uncaught" not in run.stderr


def _png_pixels(data: bytes) -> bytes:
    """The decompressed image data of a PNG (filtered rows; enough to see if it varies)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, []
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        if kind == b"IDAT":
            chunks.append(data[pos + 8 : pos + 8 + length])
        pos += 12 + length
    return zlib.decompress(b"".join(chunks))


def test_charts_render(report_html: Path, tmp_path: Path) -> None:
    """A page of only the report's two charts, screenshotted, is not blank."""
    html = report_html.read_text(encoding="utf-8")
    figures = re.findall(r'<figure class="chart">.*?</figure>', html, re.DOTALL)
    assert len(figures) == 2
    page = tmp_path / "charts.html"
    page.write_text(
        "<!DOCTYPE html><html><body style='margin:0;background:#fff'>"
        + "".join(figures)
        + "</body></html>",
        encoding="utf-8",
    )
    shot = tmp_path / "charts.png"
    run = browser(tmp_path, f"--screenshot={shot}", "--window-size=680,760", page.as_uri())
    assert run.returncode == 0 and shot.exists(), run.stderr[-2000:]
    pixels = _png_pixels(shot.read_bytes())
    assert len(set(pixels)) > 16  # bars, hatching, text: far from a blank page


def test_prints_to_pdf_on_a4(report_html: Path, tmp_path: Path) -> None:
    """Printing gives A4 pages (595 x 842 points)."""
    pdf = tmp_path / "q3.pdf"
    run = browser(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", report_html.as_uri())
    assert run.returncode == 0 and pdf.exists(), run.stderr[-2000:]
    data = pdf.read_bytes()
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert boxes
    for w, h in boxes:
        assert abs(float(w) - 595.3) < 2 and abs(float(h) - 841.9) < 2
    assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 2
