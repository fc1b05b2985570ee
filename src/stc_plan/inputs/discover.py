"""Which plan a command works on when none is named: ``STC_PLAN``, else the newest
``plans/*.yaml`` below the current directory."""

from __future__ import annotations

from pathlib import Path

from stc_plan.errors import PlanNotFound
from stc_plan.messages import Msg


def _newness(path: Path) -> tuple[int, str]:
    # Plans are named by year (plans/2025.yaml); a name that is not a year sorts first.
    year = path.stem.isascii() and path.stem.isdigit() and len(path.stem) <= 9  # not "²"
    return (int(path.stem) if year else -1, path.name)


def plans_in(folder: Path) -> list[Path]:
    """The plans in ``folder`` (its .yaml files but the progress files beside them)."""
    return sorted(
        p
        for p in [*folder.glob("*.yaml"), *folder.glob("*.yml")]
        if not p.name.endswith(".progress.yaml")  # facts live beside their plan
    )


def find_plan(env_value: str | None, cwd: Path) -> tuple[Path, Msg | None]:
    """The plan to use and, when the choice was not obvious, a note saying which it took."""
    if env_value:
        return Path(env_value), None
    candidates = plans_in(cwd / "plans")
    if not candidates:
        raise PlanNotFound(
            Msg(
                "inputs.no-plan",
                cwd=cwd,
            )
        )
    newest = max(candidates, key=_newness)
    shown = newest.relative_to(cwd)
    if len(candidates) == 1:
        return shown, None
    return shown, (
        Msg(
            "inputs.newest-plan",
            plan=shown,
            n=len(candidates),
        )
    )


def plan_for_year(folder: Path, year: int | str) -> Path:
    """The plan of ``year`` in ``folder`` (plans/2026.yaml), or PlanNotFound saying so."""
    path = folder / f"{year}.yaml"
    if not path.exists():
        raise PlanNotFound(Msg("inputs.no-plan-for-year", year=year, path=path))
    return path
