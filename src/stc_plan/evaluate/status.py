"""Evaluate a plan on a date into a ``StatusReport``: a pure function, no I/O, no clock.

With no progress recorded, every goal is "no data", but for a metric whose target the plan
leaves open, which is "target not set": the report never invents what the plan does not say.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from stc_plan.evaluate.states import State, weakest
from stc_plan.model.growth import growth_percent
from stc_plan.model.plan import Goal, MetricGoal, Plan


@dataclass(frozen=True)
class GoalStatus:
    """One goal and its state."""

    goal: Goal
    state: State


@dataclass(frozen=True)
class SectionStatus:
    """The goals of one section of the plan, in plan order."""

    id: str
    title: str
    goals: list[GoalStatus]


@dataclass(frozen=True)
class OverarchingStatus:
    """An overarching goal, rolled up from the goals that serve it (their weakest state)."""

    id: str
    title: str
    state: State
    served_by: list[str]


@dataclass(frozen=True)
class MembershipLine:
    """One branch's or sibling group's baseline and target, or a total."""

    unit: str
    name: str
    baseline: int
    target: int
    growth: Decimal | None
    rule: Literal["growth", "hold", "total"]


@dataclass(frozen=True)
class MembershipStatus:
    """The membership table with both totals: with and without the sibling organisations."""

    baseline_date: date
    growth_percent: Decimal
    rows: list[MembershipLine]
    total: MembershipLine
    total_without_siblings: MembershipLine
    sibling_names: list[str]


@dataclass(frozen=True)
class StatusReport:
    """Everything ``stc status`` shows, collected before anything is rendered."""

    title: str
    organisation: str
    year: int
    as_of: date
    requested: date
    clamped: Literal["before", "after"] | None
    overarching: list[OverarchingStatus]
    sections: list[SectionStatus]
    membership: MembershipStatus

    def goal_states(self) -> list[State]:
        """The state of every activity goal, in plan order."""
        return [g.state for s in self.sections for g in s.goals]


def clamp(plan: Plan, requested: date) -> tuple[date, Literal["before", "after"] | None]:
    """A date inside the plan year: the year's last day after it, its first day before it."""
    first, last = date(plan.year, 1, 1), date(plan.year, 12, 31)
    if requested > last:
        return last, "after"
    if requested < first:
        return first, "before"
    return requested, None


def goal_state(goal: Goal) -> State:
    """A goal's state with no progress recorded."""
    if isinstance(goal, MetricGoal) and goal.target == "not-set":
        return State.TARGET_NOT_SET
    return State.NO_DATA


def evaluate(plan: Plan, *, as_of: date) -> StatusReport:
    """The plan's status on ``as_of`` (clamped to the plan year)."""
    day, clamped = clamp(plan, as_of)
    statuses = {g.id: GoalStatus(g, goal_state(g)) for g in plan.goals}
    sections = [
        SectionStatus(s.id, s.title, [statuses[g.id] for g in plan.goals if g.section == s.id])
        for s in plan.sections
    ]
    overarching = []
    for o in plan.overarching:
        served_by = [g.id for g in plan.goals if o.id in g.serves]
        rolled = weakest([statuses[i].state for i in served_by])
        overarching.append(OverarchingStatus(o.id, o.title, rolled, served_by))
    return StatusReport(
        title=plan.title,
        organisation=plan.organisation,
        year=plan.year,
        as_of=day,
        requested=as_of,
        clamped=clamped,
        overarching=overarching,
        sections=[s for s in sections if s.goals],
        membership=membership_status(plan),
    )


def membership_status(plan: Plan) -> MembershipStatus:
    """Baselines, targets and growth per unit, and the two totals."""
    m = plan.membership
    names = plan.unit_names()
    siblings = {s.id for s in plan.siblings}
    rows = [
        MembershipLine(
            r.unit,
            names.get(r.unit, r.unit),
            r.baseline,
            r.target,
            growth_percent(r.baseline, r.target),
            r.rule,
        )
        for r in m.rows
    ]

    def total(lines: list[MembershipLine], unit: str) -> MembershipLine:
        base = sum(line.baseline for line in lines)
        target = sum(line.target for line in lines)
        return MembershipLine(unit, unit, base, target, growth_percent(base, target), "total")

    return MembershipStatus(
        baseline_date=m.baseline_date,
        growth_percent=Decimal(m.growth_percent),
        rows=rows,
        total=total(rows, "total"),
        total_without_siblings=total(
            [r for r in rows if r.unit not in siblings], "total-without-siblings"
        ),
        sibling_names=[names[s.id] for s in plan.siblings],
    )
