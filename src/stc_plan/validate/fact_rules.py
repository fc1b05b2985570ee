"""The rules recorded facts must follow against their plan: known goals, branches and kinds,
dates inside the plan year, one count per date, one completion per milestone."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from datetime import date

from stc_plan.errors import Problem, Severity
from stc_plan.messages import Msg
from stc_plan.model.facts import Progress
from stc_plan.model.plan import MetricGoal, MilestoneGoal, Plan
from stc_plan.parse.yamlpos import Document
from stc_plan.validate.rules import Finding, place


def check_progress(doc: Document, progress: Progress, plan: Plan) -> list[Problem]:
    """Every finding on ``progress`` against ``plan``, placed in ``doc``, in file order."""
    findings = [
        *_year(progress, plan),
        *_members(progress, plan),
        *_activities(progress, plan),
        *_done(progress, plan),
        *_readings(progress, plan),
        *_checkins(progress, plan),
    ]
    return place(doc, findings)


def _suggest(value: str, options: list[str]) -> Msg | str:
    close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    if not close:  # "bromma" for "bromma-kungsholmen"
        close = [o for o in options if o.startswith(value) or value in o.split("-")][:1]
    return Msg("hint.did-you-mean", name=close[0]) if close else ""


def _in_year(path: tuple[str | int, ...], day: date, year: int) -> Iterator[Finding]:
    if day.year != year:
        yield Finding(
            path,
            Msg("facts.date-outside-year", date=day, year=year),
        )


def _year(progress: Progress, plan: Plan) -> Iterator[Finding]:
    if progress.year != plan.year:
        yield Finding(
            ("year",),
            Msg(
                "facts.year",
                year=progress.year,
                plan_year=plan.year,
            ),
        )


def _members(progress: Progress, plan: Plan) -> Iterator[Finding]:
    branches = [b.id for b in plan.branches]
    known = set(branches)
    siblings = {s.id: s.name for s in plan.siblings}
    seen: set[date] = set()
    for i, entry in enumerate(progress.members):
        yield from _in_year(("members", i, "date"), entry.date, plan.year)
        if entry.date in seen:
            yield Finding(("members", i, "date"), Msg("facts.duplicate-count"))
        seen.add(entry.date)
        for unit in entry.counts:
            at = ("members", i, "counts", unit)
            if unit in siblings:
                yield Finding(
                    at,
                    Msg(
                        "facts.sibling-count",
                        name=siblings[unit],
                    ),
                    key=True,
                )
            elif unit not in known:
                yield Finding(
                    at,
                    Msg("facts.unknown-branch", id=unit, hint=_suggest(unit, branches)),
                    key=True,
                )


def _activities(progress: Progress, plan: Plan) -> Iterator[Finding]:
    branches = [b.id for b in plan.branches]
    known = set(branches)
    year = plan.year
    seen: dict[tuple[object, ...], int] = {}
    for i, activity in enumerate(progress.activities):
        same = (activity.date, activity.kind, " ".join(activity.title.casefold().split()))
        if same in seen:
            # Two people recording the same meeting: it would count twice.
            yield Finding(
                ("activities", i, "title"),
                Msg(
                    "facts.duplicate-activity",
                    n=seen[same] + 1,
                ),
                Severity.WARNING,
            )
        seen.setdefault(same, i)
        if activity.date.year != year:
            yield from _in_year(("activities", i, "date"), activity.date, year)
        if activity.branches != "all":
            for j, branch in enumerate(activity.branches):
                if branch not in known:
                    yield Finding(
                        ("activities", i, "branches", j),
                        Msg("facts.unknown-branch", id=branch, hint=_suggest(branch, branches)),
                    )


def _done(progress: Progress, plan: Plan) -> Iterator[Finding]:
    goals = {g.id: g for g in plan.goals}
    seen: set[str] = set()
    for i, done in enumerate(progress.done):
        yield from _in_year(("done", i, "date"), done.date, plan.year)
        goal = goals.get(done.goal)
        if goal is None:
            yield Finding(
                ("done", i, "goal"),
                Msg("facts.unknown-goal", id=done.goal, hint=_suggest(done.goal, list(goals))),
            )
        elif not isinstance(goal, MilestoneGoal):
            yield Finding(
                ("done", i, "goal"),
                Msg(
                    "facts.done-not-milestone",
                    id=done.goal,
                    kind=goal.kind,
                ),
            )
        elif done.goal in seen:
            yield Finding(("done", i, "goal"), Msg("facts.done-twice"))
        seen.add(done.goal)


def _readings(progress: Progress, plan: Plan) -> Iterator[Finding]:
    metrics = [g.id for g in plan.goals if isinstance(g, MetricGoal)]
    channels = [c.id for c in plan.channels]
    for i, reading in enumerate(progress.readings):
        yield from _in_year(("readings", i, "date"), reading.date, plan.year)
        if (reading.goal is None) == (reading.channel is None):
            yield Finding(("readings", i), Msg("facts.reading-goal-or-channel"))
        elif reading.goal is not None and reading.goal not in metrics:
            yield Finding(
                ("readings", i, "goal"),
                Msg(
                    "facts.unknown-metric",
                    id=reading.goal,
                    ids=", ".join(metrics),
                ),
            )
        elif reading.channel is not None and reading.channel not in channels:
            yield Finding(
                ("readings", i, "channel"),
                Msg(
                    "facts.unknown-channel",
                    id=reading.channel,
                    hint=_suggest(reading.channel, channels),
                ),
            )


def _checkins(progress: Progress, plan: Plan) -> Iterator[Finding]:
    goals = sorted(plan.goal_ids())
    known = set(goals)
    for i, checkin in enumerate(progress.checkins):
        yield from _in_year(("checkins", i, "date"), checkin.date, plan.year)
        if checkin.goal not in known:
            yield Finding(
                ("checkins", i, "goal"),
                Msg("facts.unknown-goal", id=checkin.goal, hint=_suggest(checkin.goal, goals)),
            )
