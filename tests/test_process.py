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


def test_machine_formats_are_utf8_whatever_the_terminal(tmp_path: Path) -> None:
    """Under PYTHONIOENCODING=ascii or latin-1, JSON, CSV and HTML still carry every letter
    as UTF-8 (an HTML page says so; a stand-in would change the data); a person's view
    follows the terminal."""
    import json

    base = {k: v for k, v in os.environ.items() if k not in ("STC_PLAN", "STC_LANG")}

    def raw(*args: str, encoding: str) -> bytes:
        env = {**base, "PYTHONIOENCODING": encoding, "LANG": "C.UTF-8"}
        done = subprocess.run(
            [sys.executable, "-m", "stc_plan", *args, "--plan", str(SHIPPED_PLAN)],
            capture_output=True,
            env=env,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    doc = json.loads(raw("status", "-f", "json", encoding="ascii").decode("utf-8"))
    assert doc["sections"][0]["title"] == "Övergripande mål 2025"
    assert "Östra Söderort" in raw("members", "-f", "csv", encoding="latin-1").decode("utf-8")
    html = raw("report", "--quarter", "2025-Q2", "--format", "html", encoding="latin-1")
    assert "Södermalm-Enskede" in html.decode("utf-8")
    plain = raw("status", "-f", "plain", "--lang", "sv", encoding="latin-1")
    assert "läget".encode("latin-1") in plain


def test_output_to_dev_stdout_is_standard_output() -> None:
    """-o /dev/stdout into a pipe writes the report there, as -o - does."""
    result = run("report", "--plan", str(SHIPPED_PLAN), "--quarter", "2025-Q2", "-o", "/dev/stdout")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Quarterly report 2025-Q2")


def test_loading_the_cli_loads_no_heavy_module() -> None:
    """`stc --help` stays fast: building the command tree imports neither pydantic nor the
    models, rich, tabulate or Babel (each command imports what it needs when it runs)."""
    code = (
        "import sys, stc_plan.cli; "
        "print([m for m in ('pydantic', 'stc_plan.model.plan', 'rich', 'tabulate', 'babel') "
        "if m in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout.strip()) == (0, "[]"), done.stderr


def test_a_bug_is_one_line_and_a_traceback_only_with_debug() -> None:
    """A bug in a command (here: the evaluation made to fail) reaches the one handler for
    the unexpected: one line in the user's language, exit 1; --debug shows the traceback."""
    bug = (
        "import sys, stc_plan.evaluate.status as s\n"
        "def broken(*a, **k): raise ZeroDivisionError('division by zero')\n"
        "s.evaluate = broken\n"
        "sys.argv = ['stc', *sys.argv[1:]]\n"
        "import stc_plan\n"
        "stc_plan.main()\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("STC_PLAN", "STC_LANG")}
    for lang, words in (("sv", "internt fel"), ("en", "internal error")):
        args = ["status", "--plan", str(SHIPPED_PLAN), "--lang", lang]
        result = subprocess.run(
            [sys.executable, "-c", bug, *args], capture_output=True, text=True, env=env
        )
        assert result.returncode == 1
        assert result.stdout == ""
        assert result.stderr == f"stc: {words}: ZeroDivisionError: division by zero; " + (
            "kör igen med --debug och rapportera det\n"
            if lang == "sv"
            else "rerun with --debug and report it\n"
        )
    debug = subprocess.run(
        [sys.executable, "-c", bug, "--debug", "status", "--plan", str(SHIPPED_PLAN)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert debug.returncode == 1
    assert "Traceback" in debug.stderr and "in broken" in debug.stderr
