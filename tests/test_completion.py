"""Shell completion through Typer's own mechanism: shown, installed and answering, for bash,
zsh and fish, by the real `stc` script."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

STC = shutil.which("stc", path=str(Path(sys.executable).parent))
pytestmark = pytest.mark.skipif(STC is None, reason="needs the installed stc script")


def run(*args: str, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    assert STC is not None
    base = {k: v for k, v in os.environ.items() if not k.startswith("_STC")}
    return subprocess.run(
        [STC, *args],
        capture_output=True,
        text=True,
        env={**base, "HOME": str(home), "SHELL": "/bin/bash", **env},
        check=False,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o default -F _stc_completion stc"),
        ("zsh", "#compdef stc"),
        ("fish", "complete --command stc"),
    ],
)
def test_show_completion_prints_the_script(tmp_path: Path, shell: str, marker: str) -> None:
    # A shell named is taken (otherwise it is detected from the running processes), so
    # each is tested here whichever shell runs the tests.
    shown = run("--show-completion", shell, home=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert marker in shown.stdout
    assert "_STC_COMPLETE" in shown.stdout


@pytest.mark.parametrize(
    ("shell", "written"),
    [
        ("bash", ".bash_completions/stc.sh"),
        ("zsh", ".zfunc/_stc"),
        ("fish", ".config/fish/completions/stc.fish"),
    ],
)
def test_install_completion_writes_it_where_the_shell_looks(
    tmp_path: Path, shell: str, written: str
) -> None:
    installed = run("--install-completion", shell, home=tmp_path)
    assert installed.returncode == 0, installed.stderr
    script = tmp_path / written
    assert script.is_file()
    assert "_STC_COMPLETE" in script.read_text(encoding="utf-8")


def test_completion_answers_with_commands_and_options(tmp_path: Path) -> None:
    bash = run(home=tmp_path, _STC_COMPLETE="complete_bash", COMP_WORDS="stc sta", COMP_CWORD="1")
    assert bash.stdout.split() == ["status"]
    zsh = run(home=tmp_path, _STC_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS="stc st")
    assert '"status"' in zsh.stdout
    fish = run(
        home=tmp_path,
        _STC_COMPLETE="complete_fish",
        _TYPER_COMPLETE_ARGS="stc re",
        _TYPER_COMPLETE_FISH_ACTION="get-args",
    )
    assert [line.split("\t")[0] for line in fish.stdout.splitlines()] == ["report", "record"]
    options = run(
        home=tmp_path,
        _STC_COMPLETE="complete_bash",
        COMP_WORDS="stc status --as",
        COMP_CWORD="2",
    )
    assert options.stdout.split() == ["--as-of"]
