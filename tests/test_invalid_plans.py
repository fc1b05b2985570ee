"""Every broken plan in tests/plans/invalid/ gets exactly the errors its header expects.

Each file starts with a comment saying what is wrong with it and one ``# expect:
LINE:COL: MESSAGE`` line per error, in order. The same files go through the CLI to prove
that no broken plan ever produces a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from stc_plan.inputs.plan import check_plan_file
from tests.conftest import ROOT

INVALID = sorted((ROOT / "tests" / "plans" / "invalid").glob("*.yaml"))
EXPECT = re.compile(rb"^# expect: (.*)$", re.MULTILINE)


def expected(path: Path) -> list[str]:
    return [m.decode("utf-8") for m in EXPECT.findall(path.read_bytes())]


def test_there_are_enough_broken_plans() -> None:
    """At least fifteen kinds of broken plan, each expecting at least one error."""
    assert len(INVALID) >= 15
    assert all(expected(p) for p in INVALID)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_broken_plan_reports_expected_errors(path: Path) -> None:
    """The loader finds exactly the expected errors, at the expected lines and columns."""
    result = check_plan_file(path, name=path.name)
    assert result.value is None
    assert [f"{p.line}:{p.col}: {p.message}" for p in result.errors] == expected(path)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_broken_plan_through_the_cli(path: Path, invoke) -> None:  # type: ignore[no-untyped-def]
    """`stc check` exits 1 with one file:line:col line per error; `stc status` refuses."""
    result = invoke("check", str(path))
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines == [f"{path}:{e}" for e in expected(path)]
    status = invoke("status", "--plan", str(path), "--format", "plain")
    assert status.exit_code == 1
    assert status.stdout == ""
    assert "Traceback" not in status.stderr
    assert status.stderr.splitlines()[-1] == (
        f"stc: {path} is not valid; fix the lines above (stc check lists them)"
    )


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("version: 1\nyear: [\n", "ett värde saknas här"),
        ("version: 1\nyear: 2025\n  bad: indent\n", "ett kolon (:) kan inte stå här"),
        ("version: 1\n\tyear: 2025\n", "ett tabbtecken i indraget: använd mellanslag"),
        ('version: 1\ntitle: "abc\n', "filen tar slut mitt i ett värde"),
        ("a: {b: 1\nc: 2\n", "ett ',' eller '}' saknas"),
        ("a: @x\n", "ett värde kan inte börja med det här tecknet"),
    ],
)
def test_yaml_syntax_errors_in_swedish(invoke: Any, tmp_path: Path, text: str, words: str) -> None:
    """The syntax errors a person meets most are said in Swedish, not in libyaml's English."""
    plan = tmp_path / "2025.yaml"
    plan.write_text(text, encoding="utf-8")
    result = invoke("check", str(plan), "--lang", "sv")
    assert result.exit_code == 1
    assert f"YAML-syntaxfel: {words}" in result.stdout, result.stdout
