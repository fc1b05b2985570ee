"""What falls due (``stc due``): deadlines, term and year ends, checkpoints, check-ins and
the board's quarter reports within a window from a date, soonest first. Pure.

What is already past due and still open (a milestone not done, a check-in not made) comes
first: it is the most pressing thing that falls due.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

from stc_plan.evaluate import periods
from stc_plan.evaluate.goals import GoalStatus
from stc_plan.evaluate.states import State
from stc_plan.evaluate.status import evaluate
from stc_plan.model.facts import Progress
from stc_plan.model.plan import CountGoal, MetricGoal, MilestoneGoal, OngoingGoal, Plan

DueKind = Literal["deadline", "term-end", "year-end", "checkpoint", "check-in", "quarter-report"]


@dataclass(frozen=True)
class DueItem:
    """One thing that falls due: when, what, and for which goal (None: the board's report)."""

    date: date
    kind: DueKind
    status: GoalStatus | None = None
    label: str | None = None  # a term (VT), a quarter (2025-Q3)
    value: Decimal | None = None  # a checkpoint's figure
    overdue: bool = False


@dataclass(frozen=True)
class DueReport:
    """Everything ``stc due`` shows: the window and what falls due in it."""

    title: str
    year: int
    start: date
    end: date
    items: list[DueItem]
    # Ongoing goals never checked in whose first check-in is past: one line, not one each.
    unchecked: list[GoalStatus] = field(default_factory=list)
    unchecked_since: date | None = None


def due(plan: Plan, progress: Progress | None, *, as_of: date, days: int) -> DueReport:
    """What falls due from ``as_of`` through ``days`` days after it, and what is overdue."""
    end = as_of + timedelta(days=days)
    report = evaluate(plan, progress, as_of=as_of)
    items: list[DueItem] = []
    unchecked: list[GoalStatus] = []
    since: date | None = None

    def within(day: date) -> bool:
        return as_of <= day <= end

    for s in report.goal_statuses():
        g = s.goal
        if s.state is State.DONE:
            continue
        if isinstance(g, MilestoneGoal):
            if g.deadline < as_of:
                items.append(DueItem(g.deadline, "deadline", s, overdue=True))
            elif within(g.deadline):
                items.append(DueItem(g.deadline, "deadline", s))
        elif isinstance(g, OngoingGoal):
            last = s.checkin.date if s.checkin else date(plan.year, 1, 1) - timedelta(days=1)
            next_due = last + timedelta(days=g.check_in_every_days)
            if s.checkin is None and next_due < as_of:
                unchecked.append(s)
                since = min(since or next_due, next_due)
            elif next_due < as_of and next_due.year == plan.year:
                items.append(DueItem(next_due, "check-in", s, overdue=True))
            elif within(next_due) and next_due.year == plan.year:
                items.append(DueItem(next_due, "check-in", s))
        elif isinstance(g, CountGoal | MetricGoal):
            if isinstance(g, MetricGoal) and g.target == "not-set":
                continue
            if isinstance(g, CountGoal) and g.per == "term":
                for part, term in zip(s.terms, periods.terms(plan.year), strict=False):
                    if within(term.end) and part.held < part.quota:
                        items.append(DueItem(term.end, "term-end", s, label=term.name))
            elif within(date(plan.year, 12, 31)):
                items.append(DueItem(date(plan.year, 12, 31), "year-end", s))
            for c in g.checkpoints:
                if within(c.by):
                    items.append(DueItem(c.by, "checkpoint", s, value=Decimal(c.value)))
    for q in range(1, 5):
        quarter_end = date(plan.year, 3 * q, calendar.monthrange(plan.year, 3 * q)[1])
        if within(quarter_end):
            items.append(DueItem(quarter_end, "quarter-report", label=f"{plan.year}-Q{q}"))
    items.sort(key=lambda i: (not i.overdue, i.date, i.kind == "quarter-report"))
    return DueReport(plan.title, plan.year, as_of, end, items, unchecked, since)
