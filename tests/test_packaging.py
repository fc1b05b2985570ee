"""What a release carries: the sdist and the wheel hold no run's caches."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

CACHES = (".hypothesis", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".venv")


@pytest.mark.skipif(importlib.util.find_spec("hatchling") is None, reason="in the test extra")
def test_sdist_and_wheel_carry_no_caches(tmp_path: Path) -> None:
    """Built from a tree where the tests and linters have run, as a developer's is."""
    tree = tmp_path / "stc"
    shutil.copytree(
        ROOT, tree, ignore=shutil.ignore_patterns(".git", ".venv", *CACHES, "dist", "build")
    )
    for cache in CACHES:
        planted = tree / cache / "x" / "data"
        planted.parent.mkdir(parents=True)
        planted.write_text("cached", encoding="utf-8")
    (tree / "src" / "stc_plan" / "__pycache__").mkdir()
    (tree / "src" / "stc_plan" / "__pycache__" / "cli.cpython-311.pyc").write_bytes(b"\0")
    out = tmp_path / "dist"
    built = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-d", str(out)],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    with tarfile.open(sdist) as tar:
        in_sdist = tar.getnames()
    with zipfile.ZipFile(wheel) as whl:
        in_wheel = whl.namelist()
    for names in (in_sdist, in_wheel):
        leaked = [
            n for n in names if any(f"/{c}/" in f"/{n}" for c in CACHES) or n.endswith(".pyc")
        ]
        assert leaked == []
    assert any(n.endswith("stc_plan/cli/__init__.py") for n in in_wheel)
    for lang in ("sv", "en"):  # the words: a wheel without them could say nothing
        assert f"stc_plan/locale/{lang}/LC_MESSAGES/stc.mo" in in_wheel
    assert "stc_plan/render/templates/report.html.j2" in in_wheel  # else no HTML report
    assert any(n.endswith("plans/2025.yaml") for n in in_sdist)
