"""The JSON Schema: generated from the models, committed, and true to an outside validator."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stc_plan.model.schema import schema_json
from tests.conftest import ROOT, SHIPPED_PLAN

COMMITTED = ROOT / "schema" / "plan.schema.json"


def _check_jsonschema() -> str:
    found = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail("check-jsonschema is part of the test extra: pip install -e '.[test]'")
    return found


def test_committed_schema_is_current(invoke: Callable[..., Any]) -> None:
    """schema/plan.schema.json is exactly what `stc schema` prints: regenerate if this fails."""
    result = invoke("schema")
    assert result.exit_code == 0
    assert result.stdout == schema_json()
    assert COMMITTED.read_text(encoding="utf-8") == result.stdout, (
        "stale schema: run `stc schema > schema/plan.schema.json`"
    )
    assert json.loads(result.stdout)["title"] == "Plan"


def test_plan_points_editors_at_the_schema() -> None:
    """The plan's first line is the yaml-language-server modeline, and its path resolves."""
    first = SHIPPED_PLAN.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = (SHIPPED_PLAN.parent / first.split("$schema=", 1)[1]).resolve()
    assert target == COMMITTED.resolve()


def test_independent_validator_accepts_the_plan() -> None:
    """check-jsonschema, a validator that is not ours, accepts plans/2025.yaml."""
    run = subprocess.run(
        [_check_jsonschema(), "--schemafile", str(COMMITTED), str(SHIPPED_PLAN)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_independent_validator_rejects_a_wrong_type(tmp_path: Path) -> None:
    """A count written as text fails the schema in check-jsonschema as it does in stc."""
    broken = tmp_path / "plan.yaml"
    text = SHIPPED_PLAN.read_text(encoding="utf-8").replace("at_least: 10", 'at_least: "10"')
    broken.write_text(text, encoding="utf-8")
    run = subprocess.run(
        [_check_jsonschema(), "--schemafile", str(COMMITTED), str(broken)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert "'10'" in run.stdout + run.stderr


MODELINE = "# yaml-language-server: $schema="


def _district(tmp_path: Path) -> Path:
    """A plan repository elsewhere, without this repository's schema/ folder."""
    plans = tmp_path / "district" / "plans"
    plans.mkdir(parents=True)
    text = SHIPPED_PLAN.read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.startswith("source:"))
    (plans / "2025.yaml").write_text(text + "\n", encoding="utf-8")
    return plans


def test_stc_new_outside_this_repository_writes_the_schema_beside_the_plan(
    invoke: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shipped modeline points at ../schema/, which a district lacks: the draft gets a
    schema file beside it and points there; it is the schema `stc schema` prints."""
    plans = _district(tmp_path)
    monkeypatch.chdir(plans.parent)
    assert invoke("new", "2026", "--from", "plans/2025.yaml").exit_code == 0
    first = (plans / "2026.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == MODELINE + "plan.schema.json"
    assert (plans / "plan.schema.json").read_text(encoding="utf-8") == schema_json()


def test_stc_new_here_keeps_a_modeline_that_resolves(
    invoke: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In this repository the draft beside plans/2025.yaml finds ../schema/ too: kept."""
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    (tmp_path / "plans").mkdir()
    text = SHIPPED_PLAN.read_text(encoding="utf-8")
    (tmp_path / "plans" / "2025.yaml").write_text(
        "\n".join(x for x in text.splitlines() if not x.startswith("source:")) + "\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert invoke("new", "2026", "--from", "plans/2025.yaml").exit_code == 0
    first = (tmp_path / "plans" / "2026.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == MODELINE + "../schema/plan.schema.json"
    assert not (tmp_path / "plans" / "plan.schema.json").exists()


def test_schema_output_points_the_plans_at_it(
    invoke: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`stc schema -o plans/plan.schema.json` writes it and re-points each plan's first line;
    nothing else in the plan changes, a BOM and CRLF line endings included."""
    plans = _district(tmp_path)
    crlf = plans / "2026.yaml"
    body = (plans / "2025.yaml").read_bytes().split(b"\n", 1)[1].replace(b"\n", b"\r\n")
    crlf.write_bytes(b"\xef\xbb\xbf" + body)  # no modeline yet
    monkeypatch.chdir(plans.parent)
    before = {p: p.read_bytes() for p in (plans / "2025.yaml", crlf)}
    result = invoke("schema", "-o", "plans/plan.schema.json")
    assert result.exit_code == 0, result.stderr
    assert "now points editors at it" in result.stderr
    assert (plans / "plan.schema.json").read_text(encoding="utf-8") == schema_json()
    line = (MODELINE + "plan.schema.json").encode()
    old = before[plans / "2025.yaml"]
    assert (plans / "2025.yaml").read_bytes() == line + b"\n" + old.split(b"\n", 1)[1]
    assert crlf.read_bytes() == b"\xef\xbb\xbf" + line + b"\r\n" + body
    again = invoke("schema", "-o", "plans/plan.schema.json")
    assert "now points" not in again.stderr  # nothing left to change
    checked = invoke("check", "plans/")
    assert checked.exit_code == 0, checked.stdout


def test_schema_output_with_a_missing_plan_writes_nothing(
    invoke: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("schema", "-o", "s.json", "--plan", "nope.yaml")
    assert result.exit_code == 1
    assert result.stderr == "stc: nope.yaml: cannot read: no such file; check the path\n"
    assert not (tmp_path / "s.json").exists()


def test_schema_output_writes_through_links(
    invoke: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """-o through a symbolic link writes its target, and a linked plan keeps its link."""
    plans = _district(tmp_path)
    monkeypatch.chdir(plans.parent)
    real_plan = tmp_path / "elsewhere.yaml"
    (plans / "2025.yaml").rename(real_plan)
    (plans / "2025.yaml").symlink_to(real_plan)
    (plans / "target.json").write_text("{}", encoding="utf-8")
    (plans / "plan.schema.json").symlink_to("target.json")
    result = invoke("schema", "-o", "plans/plan.schema.json")
    assert result.exit_code == 0, result.stderr
    assert (plans / "plan.schema.json").is_symlink() and (plans / "2025.yaml").is_symlink()
    assert (plans / "target.json").read_text(encoding="utf-8") == schema_json()
    assert real_plan.read_text(encoding="utf-8").startswith(MODELINE)
