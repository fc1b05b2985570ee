"""A period's report: states at its end and how they moved, what happened in it, what is
overdue and what falls due next. Pure: plan + facts + period in, ``PeriodReport`` out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from stc_plan.errors import StcError
from stc_plan.evaluate import periods
from stc_plan.evaluate.goals import GoalStatus, NotCounted, Scope, not_counted
from stc_plan.evaluate.members import MemberLine, MembersReport
from stc_plan.evaluate.states import ATTENTION, State, weakest
from stc_plan.evaluate.status import StatusReport, evaluate
from stc_plan.messages import Msg
from stc_plan.model.facts import Activity, CheckIn, Done, Progress, Reading
from stc_plan.model.plan import CountGoal, Goal, MetricGoal, MilestoneGoal, Plan


class BadPeriod(StcError):
    """A period that is malformed or outside the plan year."""


@dataclass(frozen=True)
class ReportPeriod:
    """A named span of the plan year: a quarter, a term or the year."""

    kind: str  # "quarter", "term", "year"
    name: str  # "2025-Q2", "VT2025", "2025"
    start: date
    end: date

    def contains(self, day: date) -> bool:
        """Whether ``day`` lies in the period."""
        return self.start <= day <= self.end


QUARTER = re.compile(r"(\d{4})-Q([1-4])")
TERM = re.compile(r"(VT|HT)(\d{4})")


def parse_period(
    *, quarter: str | None, term: str | None, year: str | None, plan_year: int
) -> ReportPeriod:
    """The period named by exactly one of ``quarter``, ``term`` and ``year``."""
    given = [v for v in (quarter, term, year) if v is not None]
    if len(given) != 1:
        raise BadPeriod(Msg("period.none"))
    if quarter is not None:
        m = QUARTER.fullmatch(quarter.strip().upper())
        if not m:
            raise BadPeriod(
                Msg(
                    "period.bad-quarter",
                    value=quarter,
                    year=plan_year,
                )
            )
        y, q = int(m.group(1)), int(m.group(2))
        start = date(y, 3 * q - 2, 1)
        end = (date(y + 1, 1, 1) if q == 4 else date(y, 3 * q + 1, 1)) - timedelta(days=1)
        found = ReportPeriod("quarter", f"{y}-Q{q}", start, end)
    elif term is not None:
        m = TERM.fullmatch(term.strip().upper())
        if not m:
            raise BadPeriod(
                Msg(
                    "period.bad-term",
                    value=term,
                    year=plan_year,
                )
            )
        y = int(m.group(2))
        vt, ht = periods.terms(y)
        chosen = vt if m.group(1) == "VT" else ht
        found = ReportPeriod("term", f"{m.group(1)}{y}", chosen.start, chosen.end)
    else:
        assert year is not None
        if not re.fullmatch(r"\d{4}", year.strip()):
            raise BadPeriod(Msg("period.bad-year", value=year, year=plan_year))
        y = int(year)
        found = ReportPeriod("year", str(y), date(y, 1, 1), date(y, 12, 31))
    if found.start.year != plan_year:
        raise BadPeriod(Msg("period.outside-year", period=found.name, year=plan_year))
    return found


def neighbours(period: ReportPeriod) -> tuple[ReportPeriod | None, ReportPeriod | None]:
    """The period before and the one after, of the same kind, within the same year."""
    y = period.start.year
    if period.kind == "quarter":
        q = (period.start.month - 1) // 3 + 1
        return (
            _quarter(y, q - 1) if q > 1 else None,
            _quarter(y, q + 1) if q < 4 else None,
        )
    if period.kind == "term":
        vt, ht = periods.terms(y)
        if period.name.startswith("VT"):
            return None, ReportPeriod("term", f"HT{y}", ht.start, ht.end)
        return ReportPeriod("term", f"VT{y}", vt.start, vt.end), None
    return None, None


def _quarter(y: int, q: int) -> ReportPeriod:
    return parse_period(quarter=f"{y}-Q{q}", term=None, year=None, plan_year=y)


@dataclass(frozen=True)
class Movement:
    """A goal whose state changed since the previous period."""

    goal: Goal
    before: State
    after: State


@dataclass(frozen=True)
class GoalInPeriod:
    """One goal: its state at the end of the period and what happened in it."""

    status: GoalStatus
    activities: list[Activity] = field(default_factory=list)
    done: list[Done] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)
    readings: list[Reading] = field(default_factory=list)
    # Activities of a count goal's kind, by the period's end, that the goal does not count.
    not_counted: list[NotCounted] = field(default_factory=list)

    @property
    def quiet(self) -> bool:
        """Nothing recorded for this goal in the period."""
        return not (self.activities or self.done or self.checkins or self.readings)


@dataclass(frozen=True)
class MemberChange:
    """A branch's (or a total's) members at the start and end of the period."""

    end: MemberLine
    start_count: int | None

    @property
    def change(self) -> int | None:
        """Members gained in the period."""
        if self.start_count is None or self.end.count is None:
            return None
        return self.end.count - self.start_count


@dataclass(frozen=True)
class SectionInPeriod:
    """A section's goals in the period."""

    id: str
    title: str
    goals: list[GoalInPeriod]


@dataclass(frozen=True)
class PeriodReport:
    """Everything ``stc report`` writes, collected before anything is rendered."""

    plan: Plan
    period: ReportPeriod
    previous: ReportPeriod | None
    following: ReportPeriod | None
    status: StatusReport
    movements: list[Movement]
    sections: list[SectionInPeriod]
    members: list[MemberChange]
    total: MemberChange
    total_without_siblings: MemberChange
    overdue: list[GoalStatus]
    due_next: list[Goal]
    facts_in_period: int
    # The goals that need attention at the period's end (overdue, behind, at risk, stale),
    # weakest first, then in plan order.
    attention: list[GoalInPeriod] = field(default_factory=list)
    # The membership's state for that list, where it or a branch needs attention: the
    # total's, else the weakest branch's; None when neither does (or nothing is counted).
    members_attention: State | None = None

    def needs_attention(self) -> list[tuple[State, GoalInPeriod | None]]:
        """The goals needing attention and the membership (as None) among them, most
        pressing first; plan order within a state, the membership after the goals."""
        found: list[tuple[State, GoalInPeriod | None]] = [
            (g.status.state, g) for g in self.attention
        ]
        if self.members_attention is not None:
            found.append((self.members_attention, None))
        return sorted(found, key=lambda item: ATTENTION.index(item[0]))

    @property
    def membership(self) -> MembersReport:
        """The membership at the end of the period."""
        return self.status.membership


def build_report(
    plan: Plan,
    progress: Progress,
    period: ReportPeriod,
    *,
    evaluated: Callable[[date], StatusReport] | None = None,
) -> PeriodReport:
    """The report for ``period``. ``evaluated(day)``: the plan evaluated on a day, for many
    reports at once (a quarter ends the day its term or the year does)."""
    if evaluated is None:

        def evaluated(day: date) -> StatusReport:
            return evaluate(plan, progress, as_of=day)

    previous, following = neighbours(period)
    end = evaluated(period.end)
    before_day = period.start - timedelta(days=1)
    before = evaluated(before_day) if before_day.year == plan.year else None
    before_states = {g.goal.id: g.state for g in before.goal_statuses()} if before else {}
    movements = [
        Movement(g.goal, before_states[g.goal.id], g.state)
        for g in end.goal_statuses()
        if before is not None and before_states[g.goal.id] != g.state
    ]

    # Each fact once, grouped by what it is about: no goal rescans them all.
    by_kind: dict[str, list[Activity]] = {}
    for a in progress.activities:
        if period.contains(a.date):
            by_kind.setdefault(a.kind, []).append(a)
    done = _by_goal(d for d in progress.done if period.contains(d.date))
    checkins = _by_goal(c for c in progress.checkins if period.contains(c.date))
    in_period = [r for r in progress.readings if period.contains(r.date)]
    readings = _by_goal(r for r in in_period if r.goal is not None)
    members = [m for m in progress.members if period.contains(m.date)]
    # What the states at the end rest on: every activity up to then, not just the period's.
    so_far = [a for a in progress.activities if a.date <= period.end]
    scope = Scope(None, tuple(b.id for b in plan.branches))
    sections = []
    for s in end.sections:
        goals = [
            GoalInPeriod(
                g,
                by_kind.get(g.goal.activity, []) if isinstance(g.goal, CountGoal) else [],
                done.get(g.goal.id, []),
                checkins.get(g.goal.id, []),
                readings.get(g.goal.id, []),
                not_counted(g.goal, plan, so_far, scope) if isinstance(g.goal, CountGoal) else [],
            )
            for g in s.goals
        ]
        sections.append(SectionInPeriod(s.id, s.title, goals))
    in_plan_order = [g for s in sections for g in s.goals]
    attention = sorted(
        (g for g in in_plan_order if g.status.state in ATTENTION),
        key=lambda g: ATTENTION.index(g.status.state),  # stable: plan order within a state
    )
    facts_in_period = (
        sum(len(v) for v in by_kind.values())
        + _count(done)
        + _count(checkins)
        + len(in_period)
        + len(members)
    )
    start_members = before.membership if before else None

    def change(line: MemberLine, start: MemberLine | None) -> MemberChange:
        if start is None:
            return MemberChange(line, line.baseline if line.kind != "siblings" else line.count)
        return MemberChange(line, start.count)

    start_lines = {x.unit: x for x in start_members.lines} if start_members else {}
    m = end.membership
    return PeriodReport(
        plan=plan,
        period=period,
        previous=previous,
        following=following,
        status=end,
        movements=movements,
        sections=sections,
        members=[change(x, start_lines.get(x.unit)) for x in m.lines],
        total=change(m.total, start_members.total if start_members else None),
        total_without_siblings=change(
            m.total_without_siblings,
            start_members.total_without_siblings if start_members else None,
        ),
        overdue=[g for g in end.goal_statuses() if g.state is State.OVERDUE],
        due_next=_due_in(plan, following, end) if following else [],
        facts_in_period=facts_in_period,
        attention=attention,
        members_attention=_members_attention(m),
    )


def _members_attention(m: MembersReport) -> State | None:
    total = m.total
    weak = [x.state for x in m.lines if x.kind == "branch" and x.state in ATTENTION]
    if total.count is None:
        return None
    if total.state in ATTENTION:
        return total.state
    return weakest([s for s in weak if s is not None]) if weak else None


def _by_goal(facts: Any) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for fact in facts:
        out.setdefault(fact.goal, []).append(fact)
    return out


def _count(groups: dict[str, list[Any]]) -> int:
    return sum(len(v) for v in groups.values())


def _due_in(plan: Plan, period: ReportPeriod, status: StatusReport) -> list[Goal]:
    """Goals that fall due in ``period`` and are not done: milestones whose deadline is in
    it, term quotas for a term ending in it, and yearly goals when it ends the year."""
    done = {g.goal.id for g in status.goal_statuses() if g.state is State.DONE}
    due: list[Goal] = []
    for goal in plan.goals:
        if goal.id in done:
            continue
        if isinstance(goal, MilestoneGoal) and period.contains(goal.deadline):
            due.append(goal)
        elif isinstance(goal, CountGoal) and goal.per == "term":
            if any(period.contains(t.end) for t in periods.terms(plan.year)):
                due.append(goal)
        elif (
            isinstance(goal, CountGoal | MetricGoal)
            and period.contains(date(plan.year, 12, 31))
            and not (isinstance(goal, MetricGoal) and goal.target == "not-set")
        ):
            due.append(goal)
    return due
