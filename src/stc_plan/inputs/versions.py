"""Two versions of a plan and its facts, each from a file or a git revision (``stc diff``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from stc_plan.errors import PlanInvalid

if TYPE_CHECKING:  # the models (pydantic) load only when a diff is read, not for --help
    from stc_plan.model.facts import Progress
    from stc_plan.model.plan import Plan


@dataclass(frozen=True)
class Side:
    """One side of a comparison: a file, or the plan at a revision."""

    name: str
    revision: str | None
    path: Path


@dataclass(frozen=True)
class Versions:
    """Both sides loaded; the old plan is None when it did not exist yet (new since)."""

    old_plan: Plan | None
    old_facts: Progress | None
    new_plan: Plan
    new_facts: Progress | None


def load_versions(old: Side, new: Side) -> Versions:
    """Both sides, checked; a plan missing on the newer side is an error (nothing to show)."""
    old_plan, old_facts = load_side(old)
    new_plan, new_facts = load_side(new, missing_ok=False)
    assert new_plan is not None  # missing_ok=False raises instead
    return Versions(old_plan, old_facts, new_plan, new_facts)


def load_side(side: Side, *, missing_ok: bool = True) -> tuple[Plan | None, Progress | None]:
    """The plan and facts of one side; (None, None) for a plan not yet in the revision
    (new since: compared as empty) when ``missing_ok``."""
    from stc_plan.inputs.git import GitError, NotAtRevision, show
    from stc_plan.inputs.plan import check_plan_bytes
    from stc_plan.inputs.progress import check_progress_bytes, progress_path_for
    from stc_plan.parse.source import present, read_bytes

    # git runs in the plan's folder, so --plan may point anywhere inside a repository.
    folder = side.path.parent
    try:
        raw = (
            show(side.revision, Path(side.path.name), folder)
            if side.revision
            else read_bytes(side.path)
        )
    except NotAtRevision:
        if not missing_ok:
            raise
        return None, None
    checked = check_plan_bytes(raw, side.name, side.path)
    if checked.value is None:
        raise PlanInvalid(checked.errors)
    facts_path = progress_path_for(side.path)
    facts_raw: bytes | None = None
    if side.revision:
        try:
            facts_raw = show(side.revision, Path(facts_path.name), folder)
        except GitError:
            facts_raw = None
    elif present(facts_path):  # a link loop is an error here too, not "no facts"
        facts_raw = read_bytes(facts_path)
    if facts_raw is None:
        return checked.value, None
    name = f"{side.revision}:{facts_path.as_posix()}" if side.revision else str(facts_path)
    facts = check_progress_bytes(facts_raw, name, checked.value, facts_path)
    if facts.value is None:
        raise PlanInvalid(facts.errors)
    return checked.value, facts.value
