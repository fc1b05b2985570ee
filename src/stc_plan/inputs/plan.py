"""Read a plan file into a validated ``Plan``, with every problem in one pass."""

from __future__ import annotations

from pathlib import Path

from stc_plan.errors import PlanInvalid
from stc_plan.inputs.read import Checked, check_bytes
from stc_plan.model.plan import Plan
from stc_plan.parse.source import read_bytes

# Lists whose items nothing else refers to: an invalid one can be set aside for the rules.
PRUNABLE = ("goals", "channels")
EMPTY_HINT = "inputs.empty-plan"  # the code of what to write in an empty plan


def check_plan_bytes(raw: bytes, name: str, path: Path | None = None) -> Checked[Plan]:
    """Validate a plan given as bytes (a file, or a blob from git)."""
    from stc_plan.validate.rules import check_plan

    return check_bytes(
        raw,
        name,
        path or Path(name),
        model=Plan,
        rules=check_plan,
        what="inputs.a-plan",
        empty_hint=EMPTY_HINT,
        prunable=PRUNABLE,
    )


def check_plan_file(path: Path, *, name: str | None = None) -> Checked[Plan]:
    """Read and validate the plan at ``path``; problems are named after ``name`` or the path."""
    return check_plan_bytes(read_bytes(path), name or str(path), path)


def load_plan(path: Path) -> Plan:
    """The valid plan at ``path``, or PlanInvalid carrying its errors."""
    result = check_plan_file(path)
    if result.value is None:
        raise PlanInvalid(result.errors)
    return result.value
