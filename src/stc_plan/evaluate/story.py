"""One goal's whole story on a date (``stc status GOAL``): its words, its state and pace,
what serves and what it serves, and every fact and plan date on one timeline. Pure."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from stc_plan.errors import StcError
from stc_plan.evaluate import periods
from stc_plan.evaluate.goals import GoalStatus, Scope, evaluate_goal
from stc_plan.evaluate.index import FactIndex
from stc_plan.evaluate.status import clamp
from stc_plan.messages import Msg
from stc_plan.model.facts import Progress
from stc_plan.model.plan import CountGoal, MetricGoal, MilestoneGoal, Plan

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


def goal_story(plan: Plan, progress: Progress | None, goal_id: str, *, as_of: date) -> GoalStory:
    """The story of ``goal_id`` on ``as_of`` (clamped to the plan year). Raises NoSuchGoal."""
    goals = {g.id: g for g in plan.goals}
    goal = goals.get(goal_id)
    if goal is None:
        near = difflib.get_close_matches(goal_id, list(goals), n=3, cutoff=0.5)
        if near:
            raise NoSuchGoal(Msg("story.no-goal-near", id=goal_id, near=", ".join(near)))
        raise NoSuchGoal(Msg("story.no-goal", id=goal_id))
    day, clamped = clamp(plan.year, as_of)
    progress = progress or Progress(version=1, year=plan.year)
    facts = FactIndex.build(progress, day)
    scope = Scope(None, tuple(b.id for b in plan.branches))
    status = evaluate_goal(goal, plan, facts, day, scope)
    events: list[Event] = []
    if isinstance(goal, CountGoal):
        campaign = plan.election.campaign if plan.election else None
        within = None
        if goal.within == "campaign" and campaign is not None:
            within = periods.Period("campaign", campaign.start, campaign.end)
        everyone = scope.branch_ids if goal.each_involving == "all-branches" else None
        for a in facts.matching(goal.activity, everyone, None, within).activities:
            units = ("all",) if a.branches == "all" else tuple(a.branches)
            events.append(Event(a.date, "activity", a.title, units=units))
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
    )
