"""`stc check` end to end: exit codes, silence, formats, strictness, usage errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.conftest import MINIMAL_PLAN, SHIPPED_PLAN

Invoke = Callable[..., Any]


def test_shipped_plan_is_valid_and_check_is_silent(invoke: Invoke) -> None:
    """The 2025 plan passes; on success nothing is printed."""
    result = invoke("check", str(SHIPPED_PLAN))
    assert result.exit_code == 0
    assert result.stdout == "" and result.stderr == ""


def test_verbose_lists_notes_and_passing_files(invoke: Invoke) -> None:
    """--verbose shows the two targets the plan leaves open, and a line per passing file."""
    result = invoke("check", "--verbose", str(SHIPPED_PLAN))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[-1] == f"{SHIPPED_PLAN}: ok (29 goals, 0 warnings, 2 notes)"
    notes = [line for line in lines if ": note: " in line]
    assert len(notes) == 2
    assert "goal 'engagemang-sociala-medier': target: not yet set" in notes[1]


def test_a_target_left_open_with_its_reason_passes_strict(invoke: Invoke) -> None:
    """`target: not-set` with its note is the plan's own decision: --strict passes, silently,
    on the shipped plan and on the minimal one (issue #11)."""
    for plan in (SHIPPED_PLAN, MINIMAL_PLAN):
        result = invoke("check", "--strict", str(plan))
        assert (result.exit_code, result.stdout) == (0, ""), plan


def test_strict_fails_on_warnings(invoke: Invoke, tmp_path: Path) -> None:
    """An activity recorded twice is a warning: fine normally, a failure with --strict."""
    facts = tmp_path / "2025.progress.yaml"
    facts.write_text(
        "version: 1\nyear: 2025\nactivities:\n"
        "  - {date: 2025-03-01, kind: ny-i-c, title: Ny i C}\n"
        "  - {date: 2025-03-01, kind: ny-i-c, title: ny i c }\n",
        encoding="utf-8",
    )
    args = ["check", "--plan", str(SHIPPED_PLAN), "--facts", str(facts)]
    assert (invoke(*args).exit_code, invoke(*args).stdout) == (0, "")
    result = invoke(*args, "--strict")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{facts}:5:45: warning: activity 'ny i c': title: the same activity as number 1 in "
        "the list (date, kind and title): recorded twice? Remove one, or tell them apart in "
        "the title"
    ]


def test_several_files_one_broken(invoke: Invoke, make_plan: Callable[..., Path]) -> None:
    """All files are checked; the run fails if any does, naming only the broken one."""
    broken = make_plan({"at_least: 10": "at_least: -1"})
    result = invoke("check", str(SHIPPED_PLAN), str(broken))
    assert result.exit_code == 1
    assert result.stdout == (
        f"{broken}:50:15: goal 'aktiviteter': at_least: must be at least 1, got the number -1\n"
    )


def test_github_format_annotates_lines(invoke: Invoke, make_plan: Callable[..., Path]) -> None:
    """--format github prints workflow commands that Actions shows on the offending line."""
    broken = make_plan({"at_least: 10": "at_lest: 10"})
    result = invoke("check", "--format", "github", str(broken))
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"::error file={broken},line=43,col=5,title=stc check::")
    assert first.endswith("goal 'aktiviteter': missing key 'at_least'; add it")


def test_github_format_escapes_injected_commands(
    invoke: Invoke, make_plan: Callable[..., Path]
) -> None:
    """A value with a newline and '::' cannot start a workflow command of its own."""
    broken = make_plan({"kind: milestone": 'kind: "x\\n::warning::pwned %"'})
    result = invoke("check", "--format", "github", str(broken))
    assert result.exit_code == 1
    (line,) = result.stdout.splitlines()
    assert line.startswith("::error ")
    assert "x\\n::warning::pwned %25" in line  # the newline shown, not acted on


def test_github_escaping_rules() -> None:
    """Workflow command data escapes %, CR and LF; properties also : and ,."""
    from stc_plan.render.escape import github_data, github_property

    assert github_data("50%\r\n::x") == "50%25%0D%0A::x"
    assert github_property("a:b,c") == "a%3Ab%2Cc"


def test_json_format(invoke: Invoke, make_plan: Callable[..., Path]) -> None:
    """--format json is one document with every file, valid or not, and every problem."""
    broken = make_plan({"target: 129": "target: 128"})
    result = invoke("check", "--format", "json", str(MINIMAL_PLAN), str(broken))
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["valid"] is False
    assert [f["valid"] for f in doc["files"]] == [True, False]
    assert doc["files"][0]["problems"][0]["severity"] == "note"  # a target left open
    problem = doc["files"][1]["problems"][0]
    assert (problem["line"], problem["col"], problem["severity"]) == (31, 15, "error")
    assert problem["message"].startswith("membership row 'norr': target: 128 does not follow")


def test_missing_file_is_one_line(invoke: Invoke, tmp_path: Path) -> None:
    """A path that does not exist: one line on stderr, exit 1."""
    missing = tmp_path / "nope.yaml"
    result = invoke("check", str(missing))
    assert result.exit_code == 1
    assert result.stderr == f"stc: {missing}: cannot read: no such file; check the path\n"


def test_folder_instead_of_file(invoke: Invoke, tmp_path: Path) -> None:
    """A folder stands for its YAML files; one without any is a clear error."""
    result = invoke("check", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == f"stc: {tmp_path}: cannot read: no .yaml files in this folder\n"
    assert invoke("status", "--plan", str(tmp_path)).stderr.endswith(
        "cannot read: it is a folder; name a .yaml file in it\n"
    )


def test_wrong_usage_exits_2(invoke: Invoke) -> None:
    """An unknown format or option is wrong usage: exit 2."""
    result = invoke("check", "--format", "xml", str(SHIPPED_PLAN))
    assert result.exit_code == 2
    assert result.stderr == "stc: --format must be one of text, github, json, not 'xml'\n"
    assert invoke("check", "--no-such-option").exit_code == 2
    both = invoke("check", "--plan", str(SHIPPED_PLAN), str(SHIPPED_PLAN))
    assert both.exit_code == 2
