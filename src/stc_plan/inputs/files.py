"""Check files as ``stc check`` does: plans, and the progress file beside each plan.

A plan's progress file is checked with it; a progress file named on its own is checked
against the plan beside it. Each file is checked once however often it is named.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from stc_plan.errors import FileUnreadable, Problem, Severity
from stc_plan.inputs.plan import check_plan_file
from stc_plan.inputs.progress import check_progress_file, is_progress_file, progress_path_for
from stc_plan.messages import Msg
from stc_plan.model.plan import Plan
from stc_plan.parse.source import present


@dataclass(frozen=True)
class FileResult:
    """One checked file: every problem found, whether it passes, and a short summary."""

    name: str
    problems: list[Problem]
    valid: bool
    summary: Msg | str

    def shown(self, *, warnings: bool, notes: bool = False) -> list[Problem]:
        """The problems to print: errors, and warnings and notes when asked for."""
        wanted = {Severity.ERROR}
        if warnings:
            wanted.add(Severity.WARNING)
        if notes:
            wanted.add(Severity.NOTE)
        return [p for p in self.problems if p.severity in wanted]


def plan_path_for(progress_path: Path) -> Path:
    """The plan a progress file belongs to: plans/2025.progress.yaml -> plans/2025.yaml."""
    return progress_path.with_name(progress_path.name.removesuffix(".progress.yaml") + ".yaml")


def _count(n: int, what: str) -> Msg:
    """``count.goals`` with n=3: "3 goals" (the plural chosen at the edge)."""
    return Msg(f"count.{what}", n=n)


def _result(name: str, problems: list[Problem], strict: bool, summary: Msg | str) -> FileResult:
    failing = [
        p
        for p in problems
        if p.severity is Severity.ERROR or (strict and p.severity is Severity.WARNING)
    ]
    return FileResult(name, problems, not failing, summary)


def _expand(paths: list[Path]) -> list[Path]:
    # A folder stands for its YAML files (stc check plans/): plans first, facts with them.
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
            if not found:
                raise FileUnreadable(path, Msg("inputs.empty-folder"))
            out.extend(p for p in found if not is_progress_file(p))
            out.extend(p for p in found if is_progress_file(p))
        else:
            out.append(path)
    return out


def check_paths(paths: list[Path], *, strict: bool, facts: Path | None = None) -> list[FileResult]:
    """Check every named file (and each plan's progress file), in the order named.

    ``facts`` names the progress file of the (single) plan, instead of the one beside it.
    """
    results: list[FileResult] = []
    done: set[Path] = set()
    plans: dict[Path, Plan | None] = {}

    def plan_at(path: Path) -> Plan | None:
        if path not in plans:
            plans[path] = check_plan_file(path).value if path.exists() else None
        return plans[path]

    def progress(path: Path, plan_path: Path) -> None:
        real = Path(os.path.realpath(path))
        if real in done:
            return
        done.add(real)
        plan = plan_at(plan_path)
        if plan is None:
            why = (
                Msg("inputs.plan-missing") if not plan_path.exists() else Msg("inputs.plan-invalid")
            )
            problem = Problem(
                str(path),
                1,
                1,
                Msg(
                    "inputs.progress-plan",
                    plan=plan_path,
                    why=why,
                ),
            )
            results.append(_result(str(path), [problem], strict, ""))
            return
        if not present(path):
            problem = Problem(str(path), 1, 1, Msg("file.missing"))
            results.append(_result(str(path), [problem], strict, ""))
            return
        checked = check_progress_file(path, plan)
        value = checked.value
        n = (
            0
            if value is None
            else len(value.members)
            + len(value.activities)
            + len(value.done)
            + len(value.readings)
            + len(value.checkins)
        )
        results.append(_result(str(path), checked.problems, strict, _count(n, "facts")))

    for path in _expand(paths):
        if is_progress_file(path):
            progress(path, plan_path_for(path))
            continue
        real = Path(os.path.realpath(path))  # unlike resolve(), never raises on a link loop
        if real in done:
            continue
        done.add(real)
        checked = check_plan_file(path)
        plans[path] = checked.value
        summary: Msg | str = ""
        if checked.value is not None:
            summary = Msg(
                "check.summary",
                goals=_count(len(checked.value.goals), "goals"),
                warnings=_count(len(checked.warnings), "warnings"),
                notes=_count(len(checked.notes), "notes"),
            )
        results.append(_result(str(path), checked.problems, strict, summary))
        if checked.value is not None:
            from stc_plan.inputs.issue import stale_forms

            for stale in stale_forms(path, checked.value):
                results.append(_result(stale.file, [stale], strict, ""))
        beside = facts or progress_path_for(path)
        if checked.value is not None and (present(beside) or facts is not None):
            progress(beside, path)
    return results
