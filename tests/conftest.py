"""Shared fixtures: the repository's paths, a CLI runner, and a way to write plans."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from stc_plan.cli import app
from stc_plan.inputs.plan import load_plan
from stc_plan.model.facts import Progress
from stc_plan.model.plan import Plan

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_PLAN = ROOT / "plans" / "2025.yaml"
MINIMAL_PLAN = ROOT / "tests" / "plans" / "valid" / "minimal.yaml"
SEED = ROOT / "docs" / "source" / "verksamhetsplan-2025.txt"
EXAMPLE = ROOT / "examples" / "2025.progress.yaml"  # made-up facts for every kind of goal
BRANCHES = [  # the shipped plan's branches, in plan order
    "bromma-kungsholmen",
    "norra-innerstaden",
    "sodermalm-enskede",
    "vastra-soderort",
    "ostra-soderort",
    "yttre-vasterort",
]


def progress(**lists: list[dict[str, Any]]) -> Progress:
    """A 2025 progress file's facts built in a test (dates as ISO text are fine)."""
    return Progress.model_validate({"version": 1, "year": 2025, **lists}, strict=False)


@pytest.fixture(scope="module")
def plan() -> Plan:
    """The shipped 2025 plan, loaded once per test module."""
    return load_plan(SHIPPED_PLAN)


@pytest.fixture
def runner() -> CliRunner:
    """A runner that keeps stdout and stderr apart, as a terminal user sees them."""
    return CliRunner()


@pytest.fixture
def invoke(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> Callable[..., object]:
    """Run ``stc ARGS`` in-process with a clean language environment."""
    for var in ("STC_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "STC_PLAN", "NO_COLOR"):
        monkeypatch.delenv(var, raising=False)

    def run(*args: str, env: dict[str, str] | None = None) -> object:
        return runner.invoke(app, list(args), env=env)

    return run


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A district's plan folder as the current folder: plans/2025.yaml, no facts yet."""
    (tmp_path / "plans").mkdir()
    shutil.copy(SHIPPED_PLAN, tmp_path / "plans" / "2025.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def repo_with_facts(repo: Path) -> Path:
    """The same with the example facts as plans/2025.progress.yaml."""
    shutil.copy(EXAMPLE, repo / "plans" / "2025.progress.yaml")
    return repo


@pytest.fixture
def git_repo(repo: Path) -> Path:
    """The plan folder as a git repository with the plan committed."""
    for args in (
        ["init", "-q"],
        ["config", "user.email", "t@example.org"],
        ["config", "user.name", "T"],
        ["add", "-A"],
        ["commit", "-qm", "plan"],
    ):
        subprocess.run(["git", *args], check=True, cwd=repo)
    return repo


@pytest.fixture
def make_plan(tmp_path: Path) -> Callable[..., Path]:
    """Write a variant of the minimal plan: ``make_plan({"old": "new"})`` or raw text."""

    def make(
        edits: dict[str, str] | None = None, *, text: str | None = None, name: str = "plan.yaml"
    ) -> Path:
        body = MINIMAL_PLAN.read_text(encoding="utf-8") if text is None else text
        for old, new in (edits or {}).items():
            assert old in body, f"edit target not in plan: {old!r}"
            body = body.replace(old, new, 1)
        path = tmp_path / name
        path.write_text(body, encoding="utf-8")
        return path

    return make


def run_in_terminal(
    *args: str, columns: int = 100, env: dict[str, str] | None = None
) -> tuple[int, str]:
    """Run ``stc ARGS`` with stdout and stderr on a real pseudo-terminal ``columns`` wide;
    (exit code, screen)."""
    import os
    import sys

    extra = env or {}
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "STC_LANG", "STC_PLAN")}
    env.update(TERM="xterm-256color", COLUMNS=str(columns), LANG="C.UTF-8", **extra)
    return on_terminal([sys.executable, "-m", "stc_plan", *args], env)


def on_terminal(
    command: list[str],
    env: dict[str, str],
    *,
    cwd: Path | None = None,
    size: tuple[int, int] | None = None,
) -> tuple[int, str]:
    """Run ``command`` with stdout and stderr on a real pseudo-terminal (``size``: its lines
    and columns, where the program asks the terminal); (exit code, all it showed)."""
    import fcntl
    import os
    import pty  # noqa: F401  (POSIX only, as the CI is)
    import struct
    import subprocess
    import termios

    master, slave = os.openpty()
    if size is not None:
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", *size, 0, 0))
    proc = subprocess.Popen(
        command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, env=env
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the terminal's other side has closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return proc.wait(timeout=120), b"".join(chunks).decode("utf-8", "replace")


# The browser tests: the system's Chromium, and a page opener that fails a test on any
# error the page logs, request that fails, or dialog.
CHROMIUM = next(
    (b for b in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if b),
    None,
)
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no chromium on this machine: `apt-get install chromium` to run the browser tests",
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """The system's Chromium driven by Playwright (its own browser download is not reachable
    here), for the browser test modules, which skip where it or the test extra is missing."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is in the test extra")
    with sync_api.sync_playwright() as p:
        # --no-sandbox: CI runs as root, where chromium's sandbox will not start.
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    """Open a file in a fresh page ``width`` pixels wide; the test fails on any error the
    page logs (a request its CSP refused shows there), request that fails or dialog."""
    problems: list[str] = []
    pages: list[Any] = []

    def opener(path: Path, width: int = 1280) -> Any:
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.on("console", lambda m: m.type == "error" and problems.append(m.text))
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("requestfailed", lambda r: problems.append(r.url))
        page.on("dialog", lambda d: (problems.append("dialog: " + d.message), d.dismiss()))
        page.goto(path.as_uri())
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.close()
    assert problems == []


def printed(page: Any, **options: Any) -> bytes:
    """The page printed as a person's Chromium prints it: the page's own A4 size, no
    background colours (the print dialog's default)."""
    page.emulate_media(media="print")
    return bytes(page.pdf(prefer_css_page_size=True, **options))


def page_texts(pdf: bytes) -> list[str]:
    """Each printed page's text, compared without whitespace (lines wrap) and ligatures."""
    import io

    pypdf = pytest.importorskip("pypdf", reason="pypdf is in the test extra")
    return [squeeze(p.extract_text()) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def squeeze(text: str) -> str:
    import re
    import unicodedata

    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def serious_violations(page: Any) -> list[tuple[str, str, list[Any]]]:
    """What axe-core's rules find serious or critical on ``page`` (rule, impact, where)."""
    axe_api = pytest.importorskip(
        "axe_playwright_python.sync_playwright", reason="axe-playwright-python is in the test extra"
    )
    results = axe_api.Axe().run(page)
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
