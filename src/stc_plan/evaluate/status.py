"""Evaluate a plan and its facts on a date into a ``StatusReport``: pure, no I/O, no clock.

The date is clamped to the plan year: a 2025 plan viewed in 2026 shows its final state as
of 2025-12-31, and the report says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Literal

from stc_plan.evaluate import periods
from stc_plan.evaluate.goals import GoalStatus, Scope, evaluate_goal
from stc_plan.evaluate.index import FactIndex
from stc_plan.evaluate.members import MembersReport, evaluate_members
from stc_plan.evaluate.states import ATTENTION, State, weakest
from stc_plan.model.facts import Activity, Progress
from stc_plan.model.plan import CountGoal, MilestoneGoal, Plan

__all__ = ["GoalStatus", "StatusReport", "clamp", "evaluate"]


@dataclass(frozen=True)
class SectionStatus:
    """The goals of one section of the plan, in plan order."""

    id: str
    title: str
    goals: list[GoalStatus]


@dataclass(frozen=True)
class OverarchingStatus:
    """An overarching goal: judged by its own measure where the plan gives it one (the
    membership table), else rolled up from the goals serving it (the weakest state)."""

    id: str
    title: str
    state: State
    served_by: list[str]
    measure: str | None = None  # "membership" when the goal has a measure of its own
    contributing: tuple[State, ...] = ()  # the states of the goals serving it

    def attention(self) -> dict[State, int]:
        """How many contributing goals are in each state that needs attention, weakest first."""
        return {s: n for s in ATTENTION if (n := sum(1 for c in self.contributing if c is s))}


@dataclass(frozen=True)
class ChannelStatus:
    """A channel the plan names, with the figure the plan gives and the latest reading."""

    id: str
    name: str
    baseline: int | None  # the plan's own figure (e.g. the group's 713 members)
    latest: Decimal | None
    read_on: date | None

    @property
    def change(self) -> Decimal | None:
        """The latest reading less the plan's figure, where both are known."""
        if self.latest is None or self.baseline is None:
            return None
        return self.latest - self.baseline


@dataclass(frozen=True)
class StatusReport:
    """Everything ``stc status`` shows, collected before anything is rendered."""

    title: str
    organisation: str
    year: int
    as_of: date
    requested: date
    clamped: Literal["before", "after"] | None
    branch: str | None
    unit_names: dict[str, str]
    overarching: list[OverarchingStatus]
    sections: list[SectionStatus]
    membership: MembersReport
    channels: list[ChannelStatus] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)  # a branch's, in its view
    only_states: frozenset[State] | None = None  # --only: the goals kept are in these
    section_titles: dict[str, str] = field(default_factory=dict)  # every section's, by id
    section: str | None = None  # --section: the report was narrowed to it
    no_facts_file: str | None = None  # the progress file that was looked for and not found

    @property
    def branch_name(self) -> str | None:
        """The name of the branch the report is seen from (None: the whole district)."""
        return None if self.branch is None else self.unit_names.get(self.branch, self.branch)

    def only(self, states: frozenset[State]) -> StatusReport:
        """The report with only the goals in ``states`` (``stc status --only``); the
        overarching goals and the membership stay as they are."""
        from dataclasses import replace

        kept = [replace(s, goals=[g for g in s.goals if g.state in states]) for s in self.sections]
        return replace(self, sections=[s for s in kept if s.goals], only_states=states)

    def needs_attention(self) -> list[GoalStatus]:
        """The goals that need someone now (overdue, behind, at risk, stale): the worst
        first, then what falls due soonest, then in plan order."""
        order = {id(g): i for i, g in enumerate(self.goal_statuses())}
        return sorted(
            (g for g in self.goal_statuses() if g.state in ATTENTION),
            key=lambda g: (ATTENTION.index(g.state), due_by(g, self.year), order[id(g)]),
        )

    def goal_statuses(self) -> list[GoalStatus]:
        """Every activity goal's status, in plan order."""
        return [g for s in self.sections for g in s.goals]

    def goal_states(self) -> list[State]:
        """The state of every activity goal, in plan order."""
        return [g.state for g in self.goal_statuses()]


def due_by(status: GoalStatus, year: int) -> date:
    """When a goal's next part falls due: a milestone's deadline, the first term of a
    per-term quota still short of it, else the end of the plan year."""
    g = status.goal
    if isinstance(g, MilestoneGoal):
        return g.deadline
    if isinstance(g, CountGoal) and g.per == "term":
        ends = {t.name: t.end for t in periods.terms(year)}
        short = [ends[p.term] for p in status.terms if p.held < p.quota and p.term in ends]
        if short:
            return min(short)
    return date(year, 12, 31)


def clamp(year: int, requested: date) -> tuple[date, Literal["before", "after"] | None]:
    """A date inside the plan year: the year's last day after it, its first day before it."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    if requested > last:
        return last, "after"
    if requested < first:
        return first, "before"
    return requested, None


def evaluate(
    plan: Plan,
    progress: Progress | None = None,
    *,
    as_of: date,
    section: str | None = None,
    branch: str | None = None,
) -> StatusReport:
    """The plan's status on ``as_of`` (clamped to the plan year), optionally narrowed to one
    section or seen from one branch."""
    day, clamped = clamp(plan.year, as_of)
    facts = FactIndex.build(progress or Progress(version=1, year=plan.year), day)
    scope = Scope(branch, tuple(b.id for b in plan.branches))
    statuses = {g.id: evaluate_goal(g, plan, facts, day, scope) for g in plan.goals}
    if branch is not None:
        # A count the district makes together (per year or term) is the district's, in a
        # branch's view too: its target is the district's; the branch's part is beside it.
        # A count per branch (one recruitment drive in each) is the branch's own.
        district = Scope(None, scope.branch_ids)
        for g in plan.goals:
            if isinstance(g, CountGoal) and g.per != "branch":
                own = statuses[g.id]
                whole = evaluate_goal(g, plan, facts, day, district)
                statuses[g.id] = replace(whole, here=own.actual)
    members = evaluate_members(plan, facts, day, branch)
    overarching = []
    for o in plan.overarching:
        served_by = [g.id for g in plan.goals if o.id in g.serves]
        contributing = tuple(statuses[i].state for i in served_by)
        state, measure = weakest(list(contributing)), None
        if o.id in plan.membership.serves:
            # The goal has a measure of its own: it is judged by it, not by its weakest
            # contributor (one missed meeting must not sink a growing membership).
            measure = "membership"
            served_by.append("membership")
            # The goal speaks of the whole district, so its total decides, in a branch's view
            # too (without sibling organisations, whose numbers the district does not set).
            state = members.total_without_siblings.state or State.NO_DATA
        overarching.append(
            OverarchingStatus(o.id, o.title, state, served_by, measure, contributing)
        )
    sections = [
        SectionStatus(s.id, s.title, [statuses[g.id] for g in plan.goals if g.section == s.id])
        for s in plan.sections
        if section is None or s.id == section or s.id.startswith(section + ".")
    ]
    channels = []
    for c in plan.channels:
        read = facts.channel_readings.get(c.id)
        if read or c.members is not None:
            latest = read[-1] if read else None
            channels.append(
                ChannelStatus(
                    c.id,
                    c.name,
                    c.members,
                    Decimal(latest.value) if latest else None,
                    latest.date if latest else None,
                )
            )
    return StatusReport(
        title=plan.title,
        organisation=plan.organisation,
        year=plan.year,
        as_of=day,
        requested=as_of,
        clamped=clamped,
        branch=branch,
        unit_names=plan.unit_names(),
        overarching=overarching,
        sections=[s for s in sections if s.goals],
        membership=members,
        channels=channels if branch is None else [],
        activities=[] if branch is None else _branch_activities(progress, branch, day),
        section_titles={s.id: s.title for s in plan.sections},
        section=section,
    )


def _branch_activities(progress: Progress | None, branch: str, day: date) -> list[Activity]:
    """The activities a branch held or took part in up to ``day``, the latest first."""
    if progress is None:
        return []
    held = [
        a
        for a in progress.activities
        if a.date <= day and (a.branches == "all" or branch in a.branches)
    ]
    return sorted(held, key=lambda a: a.date, reverse=True)
