"""The real process: `python -m stc_plan` and the `stc` script, exit codes and streams."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import SHIPPED_PLAN


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("STC_PLAN", "STC_LANG")}
    env["LANG"] = "C.UTF-8"
    return subprocess.run(
        [sys.executable, "-m", "stc_plan", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        check=False,
    )


def test_module_runs_status_to_stdout() -> None:
    """Piped, status is plain text on stdout, nothing on stderr, exit 0."""
    result = run("status", "--plan", str(SHIPPED_PLAN), "--as-of", "2025-04-01")
    assert result.returncode == 0
    assert result.stderr == ""
    assert "status on 2025-04-01" in result.stdout
    assert "\x1b[" not in result.stdout  # no colour codes in a pipe


def test_errors_go_to_stderr_with_exit_1(tmp_path: Path) -> None:
    """A broken plan: messages on stdout for check (its output), one line on stderr for status."""
    broken = tmp_path / "plan.yaml"
    broken.write_text("version: 1\nyear: [\n", encoding="utf-8")
    check = run("check", str(broken))
    assert check.returncode == 1
    assert check.stdout.startswith(f"{broken}:3:1: YAML syntax error:")
    status = run("status", "--plan", str(broken))
    assert status.returncode == 1
    assert status.stdout == ""
    assert "Traceback" not in status.stderr


def test_usage_error_exits_2() -> None:
    """An unknown command is wrong usage: exit 2, a message on stderr."""
    result = run("frobnicate")
    assert result.returncode == 2
    assert "No such command 'frobnicate'" in result.stderr
    assert result.stdout == ""


def test_undecodable_plan_is_one_line(tmp_path: Path) -> None:
    """Latin-1 bytes, the way Excel on Windows saves: a position, no traceback."""
    broken = tmp_path / "plan.yaml"
    broken.write_bytes("title: Söder\n".encode("latin-1"))
    result = run("check", str(broken))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{broken}:1:9: not valid UTF-8 (byte 0xF6); save the file as UTF-8 "
        "(it looks like Latin-1 or Windows-1252)"
    ]


def test_an_error_caused_by_ctrl_c_is_an_interruption() -> None:
    """Ctrl-C while Python builds a class surfaces as a RuntimeError caused by the
    KeyboardInterrupt (seen in CI: ipaddress's cached_property); it still is one."""
    from stc_plan.errors import caused_by_interrupt

    try:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as ctrl_c:
            raise RuntimeError("Error calling __set_name__") from ctrl_c
    except RuntimeError as wrapped:
        assert caused_by_interrupt(wrapped)
    assert not caused_by_interrupt(RuntimeError("something else"))
