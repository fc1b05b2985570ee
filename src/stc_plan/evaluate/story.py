"""One goal's whole story on a date (``stc status GOAL``): its words, its state and pace,
what serves and what it serves, and every fact and plan date on one timeline. Pure."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from stc_plan.errors import StcError
from stc_plan.evaluate import periods
from stc_plan.evaluate.goals import GoalStatus, Scope, evaluate_goal, not_counted
from stc_plan.evaluate.index import FactIndex
from stc_plan.evaluate.members import MemberLine
from stc_plan.evaluate.status import OverarchingStatus, StatusReport, clamp, evaluate
from stc_plan.messages import Msg
from stc_plan.model.facts import Progress
from stc_plan.model.plan import CountGoal, Goal, MetricGoal, MilestoneGoal, Plan

EventKind = Literal[
    "activity", "done", "reading", "checkin", "checkpoint", "deadline", "term-end", "year-end"
]


class NoSuchGoal(StcError):
    """The plan has no goal with the id asked for (wrong usage)."""


@dataclass(frozen=True)
class Event:
    """A dated entry on a goal's timeline: a recorded fact, or a date the plan sets
    (``planned``: a checkpoint, the deadline, a term's or the year's end)."""

    date: date
    kind: EventKind
    text: str | None = None  # an activity's title, a fact's note (the file's words)
    value: Decimal | None = None
    rating: str | None = None
    units: tuple[str, ...] = ()  # the branches an activity involved ("all": every one)
    planned: bool = False
    not_counted: str | None = None  # why an activity of the goal's kind does not count
    missing: tuple[str, ...] = ()  # the branches it did not involve, where that is why
    levels: tuple[str, ...] = ()  # the political levels an activity was initiated from


@dataclass(frozen=True)
class GoalStory:
    """Everything ``stc status GOAL`` tells."""

    title: str  # the plan's
    as_of: date
    requested: date
    clamped: Literal["before", "after"] | None
    status: GoalStatus
    section: tuple[str, str]  # id, title
    serves: list[tuple[str, str]]  # the overarching goals it serves: id, title
    events: list[Event]
    unit_names: dict[str, str]
    earlier: int = 0  # recorded facts left out, the oldest, where only the latest are told


@dataclass(frozen=True)
class OverarchingStory:
    """``stc status GOAL`` for an overarching goal: its state and the goals serving it."""

    title: str  # the plan's
    as_of: date
    requested: date
    clamped: Literal["before", "after"] | None
    goal: OverarchingStatus
    serving: list[GoalStatus]
    members: MemberLine | None = None  # the district's total, where the goal is judged by it


def find_goal(plan: Plan, asked: str) -> str:
    """The id of the goal (or overarching goal) ``asked`` names: its id in any case, or
    words of its title that only it has. Raises NoSuchGoal, with the closest ids."""
    ids = [g.id for g in plan.goals] + [o.id for o in plan.overarching]
    key = asked.strip().casefold()
    for i in ids:
        if i.casefold() == key:
            return i
    titles = [(g.id, g.title) for g in plan.goals] + [(o.id, o.title) for o in plan.overarching]
    found = [i for i, title in titles if key and key in title.casefold()]
    if len(found) == 1:
        return found[0]
    if found:
        raise NoSuchGoal(Msg("story.many-goals", words=asked, ids=", ".join(found[:6])))
    near = difflib.get_close_matches(asked, ids, n=3, cutoff=0.5)
    if near:
        raise NoSuchGoal(Msg("story.no-goal-near", id=asked, near=", ".join(near)))
    raise NoSuchGoal(Msg("story.no-goal", id=asked))


def overarching_story(
    plan: Plan,
    progress: Progress | None,
    goal_id: str,
    *,
    as_of: date,
    report: StatusReport | None = None,
) -> OverarchingStory:
    """An overarching goal on ``as_of``: its state, how it is judged, who serves it
    (``report``: the plan already evaluated on that date, for many stories at once)."""
    report = report or evaluate(plan, progress, as_of=as_of)
    goal = next(o for o in report.overarching if o.id == goal_id)
    serving = [g for g in report.goal_statuses() if g.goal.id in goal.served_by]
    members = report.membership.total_without_siblings if goal.measure else None
    return OverarchingStory(plan.title, report.as_of, as_of, report.clamped, goal, serving, members)


def goal_story(
    plan: Plan,
    progress: Progress | None,
    goal_id: str,
    *,
    as_of: date,
    index: FactIndex | None = None,
    goals: Mapping[str, Goal] | None = None,
    latest: int | None = None,
) -> GoalStory:
    """The story of ``goal_id`` on ``as_of`` (clamped to the plan year). Raises NoSuchGoal.
    For many stories at once: ``index``, the facts already indexed on that date; ``goals``,
    the plan's goals by id."""
    if goals is None:
        goals = {g.id: g for g in plan.goals}
    goal = goals.get(goal_id)
    if goal is None:
        raise NoSuchGoal(Msg("story.no-goal", id=goal_id))
    day, clamped = clamp(plan.year, as_of)
    progress = progress or Progress(version=1, year=plan.year)
    facts = index or FactIndex.build(progress, day)
    scope = Scope(None, tuple(b.id for b in plan.branches))
    status = evaluate_goal(goal, plan, facts, day, scope)
    events: list[Event] = []
    skipped = 0
    if isinstance(goal, CountGoal):
        campaign = plan.election.campaign if plan.election else None
        within = None
        if goal.within == "campaign" and campaign is not None:
            within = periods.Period("campaign", campaign.start, campaign.end)
        everyone = scope.branch_ids if goal.each_involving == "all-branches" else None
        counted = facts.matching(goal.activity, everyone, None, within).activities
        skipped = 0
        if latest is not None and len(counted) > latest:  # in date order: keep the latest
            skipped, counted = len(counted) - latest, counted[-latest:]
        for a in counted:
            units = ("all",) if a.branches == "all" else tuple(a.branches)
            events.append(Event(a.date, "activity", a.title, units=units, levels=tuple(a.levels)))
        # What was recorded of the goal's kind but does not count, and why, on the timeline.
        kind = facts.activities.get(goal.activity, [])
        for left in not_counted(goal, plan, kind if latest is None else kind[-latest:], scope):
            a = left.activity
            units = ("all",) if a.branches == "all" else tuple(a.branches)
            events.append(
                Event(
                    a.date,
                    "activity",
                    a.title,
                    units=units,
                    not_counted=left.reason,
                    missing=left.branches,
                )
            )
        if goal.per == "term":
            events += [
                Event(t.end, "term-end", t.name, planned=True) for t in periods.terms(plan.year)
            ]
        else:
            events.append(Event(date(plan.year, 12, 31), "year-end", planned=True))
        events += [
            Event(c.by, "checkpoint", value=Decimal(c.value), planned=True)
            for c in goal.checkpoints
        ]
    elif isinstance(goal, MilestoneGoal):
        events.append(Event(goal.deadline, "deadline", planned=True))
    elif isinstance(goal, MetricGoal):
        events += [
            Event(r.date, "reading", r.note, value=Decimal(r.value))
            for r in facts.readings.get(goal.id, [])
        ]
        events += [
            Event(c.by, "checkpoint", value=Decimal(c.value), planned=True)
            for c in goal.checkpoints
        ]
        events.append(Event(date(plan.year, 12, 31), "year-end", planned=True))
    done = facts.done.get(goal.id)
    if done is not None:
        events.append(Event(done.date, "done", done.note))
    events += [
        Event(c.date, "checkin", c.note, rating=c.rating) for c in facts.checkins.get(goal.id, [])
    ]
    order = {kind: i for i, kind in enumerate(EventKind.__args__)}  # type: ignore[attr-defined]
    events.sort(key=lambda e: (e.date, e.planned, order[e.kind]))
    earlier = skipped if isinstance(goal, CountGoal) else 0
    if latest is not None:  # only the latest facts (a page per goal of a national party)
        facts_told = [e for e in events if not e.planned]
        extra = max(0, len(facts_told) - latest)
        earlier += extra
        if extra:
            dropped = {id(e) for e in facts_told[:extra]}
            events = [e for e in events if id(e) not in dropped]
    section = next(s for s in plan.sections if s.id == goal.section)
    overarching = {o.id: o.title for o in plan.overarching}
    return GoalStory(
        title=plan.title,
        as_of=day,
        requested=as_of,
        clamped=clamped,
        status=status,
        section=(section.id, section.title),
        serves=[(i, overarching[i]) for i in goal.serves if i in overarching],
        events=events,
        unit_names=plan.unit_names(),
        earlier=earlier,
    )
