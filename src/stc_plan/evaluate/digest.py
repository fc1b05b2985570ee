"""A week in a few lines (``stc digest``): what was recorded, which goals changed state, what
needs attention, what falls due in the coming week, and the members against the pace. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from stc_plan.evaluate.due import DueItem, due
from stc_plan.evaluate.goals import GoalStatus
from stc_plan.evaluate.members import MemberLine
from stc_plan.evaluate.reporting import Movement
from stc_plan.evaluate.status import clamp, evaluate
from stc_plan.model.facts import Progress
from stc_plan.model.plan import Plan


@dataclass(frozen=True)
class Recorded:
    """How many facts of each kind were recorded in the window (by their dates)."""

    activities: int
    done: int
    checkins: int
    readings: int
    members: int

    @property
    def total(self) -> int:
        return self.activities + self.done + self.checkins + self.readings + self.members


@dataclass(frozen=True)
class Digest:
    """Everything ``stc digest`` says about the days ``start`` through ``end``."""

    title: str
    start: date
    end: date
    recorded: Recorded
    movements: list[Movement]
    attention: list[GoalStatus]
    coming: list[DueItem]
    members: MemberLine
    activity_titles: list[str]  # the activities held in the window, the latest first
    unit_names: dict[str, str]


def digest(plan: Plan, progress: Progress | None, *, as_of: date, days: int) -> Digest:
    """The ``days`` days up to ``as_of`` (within the plan year), and the week after it."""
    end, _ = clamp(plan.year, as_of)
    start = max(date(plan.year, 1, 1), end - timedelta(days=days - 1))
    facts = progress or Progress(version=1, year=plan.year)
    now = evaluate(plan, facts, as_of=end)
    before_day = start - timedelta(days=1)
    moves: list[Movement] = []
    if before_day.year == plan.year:
        before = {
            g.goal.id: g.state for g in evaluate(plan, facts, as_of=before_day).goal_statuses()
        }
        moves = [
            Movement(g.goal, before[g.goal.id], g.state)
            for g in now.goal_statuses()
            if before[g.goal.id] != g.state
        ]

    def inside(day: date) -> bool:
        return start <= day <= end

    held = sorted(
        (a for a in facts.activities if inside(a.date)), key=lambda a: a.date, reverse=True
    )
    recorded = Recorded(
        activities=len(held),
        done=sum(1 for d in facts.done if inside(d.date)),
        checkins=sum(1 for c in facts.checkins if inside(c.date)),
        readings=sum(1 for r in facts.readings if inside(r.date)),
        members=sum(1 for m in facts.members if inside(m.date)),
    )
    coming = [i for i in due(plan, facts, as_of=end, days=7, report=now).items if not i.overdue]
    return Digest(
        title=plan.title,
        start=start,
        end=end,
        recorded=recorded,
        movements=moves,
        attention=now.needs_attention(),
        coming=coming,
        members=now.membership.total_without_siblings,
        activity_titles=[a.title for a in held],
        unit_names=plan.unit_names(),
    )
