"""What falls due (``stc due``): deadlines, term and year ends, checkpoints, check-ins and
the board's quarter reports within a window from a date, soonest first. Pure.

What is already past due and still open (a milestone not done, a check-in not made) comes
first: it is the most pressing thing that falls due.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

from stc_plan.evaluate import periods
from stc_plan.evaluate.goals import GoalStatus
from stc_plan.evaluate.states import State
from stc_plan.evaluate.status import StatusReport, clamp, evaluate
from stc_plan.model.facts import Progress
from stc_plan.model.plan import CountGoal, MetricGoal, MilestoneGoal, OngoingGoal, Plan

DueKind = Literal["deadline", "term-end", "year-end", "checkpoint", "check-in", "quarter-report"]


@dataclass(frozen=True)
class DueItem:
    """One thing that falls due: when, what, for which goal (None: the board's report), and
    the state it is in (a term's own state for a term's quota)."""

    date: date
    kind: DueKind
    status: GoalStatus | None = None
    label: str | None = None  # a term (VT), a quarter (2025-Q2)
    value: Decimal | None = None  # a checkpoint's figure
    overdue: bool = False
    state: State | None = None


@dataclass(frozen=True)
class DueReport:
    """Everything ``stc due`` shows: the window and what falls due in it, what is overdue."""

    title: str
    year: int
    start: date
    end: date
    items: list[DueItem]
    requested: date
    clamped: Literal["before", "after"] | None = None


def due(
    plan: Plan,
    progress: Progress | None,
    *,
    as_of: date,
    days: int,
    report: StatusReport | None = None,
) -> DueReport:
    """What falls due from ``as_of`` through ``days`` days after it, and what is overdue on
    ``as_of``, by the same states as ``stc status`` (a date outside the plan year is moved
    into it, as there)."""
    day, clamped = clamp(plan.year, as_of)
    end = min(day + timedelta(days=days), date(plan.year, 12, 31))
    if report is None or report.as_of != day:  # the caller's evaluation, where it has one
        report = evaluate(plan, progress, as_of=day)
    items: list[DueItem] = []

    def within(when: date) -> bool:
        return day <= when <= end

    for s in report.goal_statuses():
        g = s.goal
        if s.state is State.DONE:
            continue
        if isinstance(g, MilestoneGoal):
            if s.state is State.OVERDUE:
                items.append(DueItem(g.deadline, "deadline", s, overdue=True, state=s.state))
            elif within(g.deadline):
                items.append(DueItem(g.deadline, "deadline", s, state=s.state))
        elif isinstance(g, OngoingGoal):
            last = s.checkin.date if s.checkin else date(plan.year, 1, 1) - timedelta(days=1)
            next_due = last + timedelta(days=g.check_in_every_days)
            if next_due < day:
                items.append(DueItem(next_due, "check-in", s, overdue=True, state=s.state))
            elif within(next_due):
                items.append(DueItem(next_due, "check-in", s, state=s.state))
        else:
            if isinstance(g, MetricGoal) and g.target == "not-set":
                continue
            if isinstance(g, CountGoal) and g.per == "term":
                for part, term in zip(s.terms, periods.terms(plan.year), strict=False):
                    if part.held >= part.quota:
                        continue
                    if part.state is State.OVERDUE:
                        items.append(
                            DueItem(term.end, "term-end", s, term.name, None, True, part.state)
                        )
                    elif within(term.end):
                        items.append(
                            DueItem(term.end, "term-end", s, term.name, None, False, part.state)
                        )
            elif s.state is State.OVERDUE:
                year_end = date(plan.year, 12, 31)
                items.append(DueItem(year_end, "year-end", s, overdue=True, state=s.state))
            elif within(date(plan.year, 12, 31)):
                items.append(DueItem(date(plan.year, 12, 31), "year-end", s, state=s.state))
            checkpoints = g.checkpoints if isinstance(g, CountGoal | MetricGoal) else []
            for c in checkpoints:
                if within(c.by):
                    items.append(
                        DueItem(c.by, "checkpoint", s, value=Decimal(c.value), state=s.state)
                    )
    for q in range(1, 5):
        quarter_end = date(plan.year, 3 * q, calendar.monthrange(plan.year, 3 * q)[1])
        if within(quarter_end):
            items.append(DueItem(quarter_end, "quarter-report", label=f"{plan.year}-Q{q}"))
    items.sort(key=lambda i: (not i.overdue, i.date, i.kind == "quarter-report"))
    return DueReport(plan.title, plan.year, day, end, items, as_of, clamped)
