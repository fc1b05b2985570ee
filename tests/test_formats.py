"""One registry per report decides its formats: the option's choices, its help, its
completion and its dispatch agree, since each name is typed once (render/formats.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stc_plan.render import formats
from tests.conftest import SHIPPED_PLAN

Invoke = Callable[..., Any]
COMMANDS = [
    ("status", formats.STATUS),
    ("members", formats.STATUS),
    ("report", formats.REPORT),
    ("check", formats.CHECK),
    ("diff", formats.DIFF),
]


@pytest.mark.parametrize(("command", "registry"), COMMANDS)
def test_help_lists_every_format(invoke: Invoke, command: str, registry: Any) -> None:
    out = " ".join(invoke(command, "--help").stdout.split())
    for name in registry.names:
        assert f"{name}:" in out, name


@pytest.mark.parametrize(("command", "registry"), COMMANDS)
def test_an_unknown_format_is_wrong_usage(invoke: Invoke, command: str, registry: Any) -> None:
    result = invoke(command, "--format", "yaml", "--plan", str(SHIPPED_PLAN))
    assert result.exit_code == 2
    assert result.stderr == (
        f"stc: --format must be one of {', '.join(registry.names)}, not 'yaml'\n"
    )


def test_dispatch_knows_exactly_the_registered_formats() -> None:
    from stc_plan.render.diff_out import DIFF_FORMATS
    from stc_plan.render.problems import CHECK_FORMATS

    assert tuple(CHECK_FORMATS) == formats.CHECK.names
    assert tuple(DIFF_FORMATS) == formats.DIFF.names


def test_every_status_format_renders(invoke: Invoke) -> None:
    for name in formats.STATUS.names:
        result = invoke("status", "--plan", str(SHIPPED_PLAN), "--format", name)
        assert result.exit_code == 0 and result.stdout, name


STC = shutil.which("stc", path=str(Path(sys.executable).parent))


@pytest.mark.skipif(STC is None, reason="needs the installed stc script")
def test_shell_completion_offers_the_formats(tmp_path: Path) -> None:
    assert STC is not None
    env = {**os.environ, "HOME": str(tmp_path), "_STC_COMPLETE": "complete_bash"}
    done = subprocess.run(
        [STC],
        env={**env, "COMP_WORDS": "stc report --format h", "COMP_CWORD": "3"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.split() == ["html"]
