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
