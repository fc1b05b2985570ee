"""Read a progress file (the recorded facts) against its plan.

By convention a plan's facts live beside it: ``plans/2025.yaml`` has
``plans/2025.progress.yaml``. A plan with no progress file yet has no facts, which is not an
error: every goal is then "no data".
"""

from __future__ import annotations

from pathlib import Path

from stc_plan.errors import PlanInvalid, Problem
from stc_plan.inputs.read import Checked, check_bytes
from stc_plan.model.facts import Progress
from stc_plan.model.plan import Plan
from stc_plan.parse.source import present, read_bytes
from stc_plan.parse.yamlpos import Document

SUFFIX = ".progress.yaml"
PRUNABLE = ("members", "activities", "done", "readings", "checkins")
EMPTY_HINT = "inputs.empty-progress"  # the code of what to write in an empty progress file


def progress_path_for(plan_path: Path) -> Path:
    """Where the facts of the plan at ``plan_path`` are kept."""
    return plan_path.with_name(plan_path.stem + SUFFIX)


def is_progress_file(path: Path) -> bool:
    """Whether ``path`` is named as a progress file."""
    return path.name.endswith(SUFFIX)


def empty_progress(plan: Plan) -> Progress:
    """No facts yet."""
    return Progress(version=1, year=plan.year)


def check_progress_bytes(
    raw: bytes, name: str, plan: Plan, path: Path | None = None
) -> Checked[Progress]:
    """Validate facts given as bytes against ``plan``."""
    from stc_plan.validate.fact_rules import check_progress

    def rules(doc: Document, progress: Progress) -> list[Problem]:
        return check_progress(doc, progress, plan)

    return check_bytes(
        raw,
        name,
        path or Path(name),
        model=Progress,
        rules=rules,
        what="inputs.a-progress-file",
        empty_hint=EMPTY_HINT,
        prunable=PRUNABLE,
    )


def check_progress_file(path: Path, plan: Plan) -> Checked[Progress]:
    """Read and validate the facts at ``path`` against ``plan``."""
    return check_progress_bytes(read_bytes(path), str(path), plan, path)


def load_progress(path: Path, plan: Plan, *, required: bool = False) -> Progress:
    """The valid facts at ``path``; none when the file does not exist (unless ``required``)."""
    if not required and not present(path):
        return empty_progress(plan)
    result = check_progress_file(path, plan)
    if result.value is None:
        raise PlanInvalid(result.errors)
    return result.value
