"""The plan's dates as calendar entries (``stc calendar``): deadlines, terms, the board's
quarter reports, election day and the recorded activities. Pure.

Each entry has a UID that stays the same from one export to the next (a goal's deadline is
named by the goal's id, an activity by what it is), so a subscribed calendar updates its
events rather than adding them again.
"""

from __future__ import annotations

import calendar as months
import hashlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Literal

from stc_plan.evaluate import periods
from stc_plan.model.facts import Progress
from stc_plan.model.plan import MilestoneGoal, Plan

EntryKind = Literal["deadline", "term-start", "term-end", "quarter-report", "election", "activity"]


@dataclass(frozen=True)
class Entry:
    """One all-day event: its day, kind, stable UID and what it is about (plan or fact text)."""

    uid: str
    day: date
    kind: EntryKind
    text: str | None = None  # a goal's title or an activity's title
    label: str | None = None  # a term (VT), a quarter (2025-Q2), a goal's id
    units: tuple[str, ...] = ()  # an activity's branches ("all": every one)
    derived: bool = False  # a deadline the plan's words imply


@dataclass(frozen=True)
class PlanCalendar:
    """Every entry, by day, and the stamp every event carries (the newest date known, so the
    same plan and facts give the same file)."""

    title: str
    organisation: str
    year: int
    entries: list[Entry]
    stamp: date


def _uid(plan: Plan, *parts: str) -> str:
    """A UID unique to this organisation's plan: two districts' calendars subscribed side by
    side never take each other's events for their own."""
    org = hashlib.sha256(plan.organisation.encode("utf-8")).hexdigest()[:10]
    return "-".join(["stc", str(plan.year), *parts]) + f"@{org}.stc.plan"


def plan_calendar(plan: Plan, progress: Progress | None) -> PlanCalendar:
    """The calendar of ``plan`` and the activities recorded in ``progress``."""
    entries: list[Entry] = []
    for g in plan.goals:
        if isinstance(g, MilestoneGoal):
            entries.append(
                Entry(
                    _uid(plan, "deadline", g.id),
                    g.deadline,
                    "deadline",
                    g.title,
                    g.id,
                    derived=not g.deadline_stated,
                )
            )
    for term in periods.terms(plan.year):
        entries.append(
            Entry(_uid(plan, "term-start", term.name), term.start, "term-start", label=term.name)
        )
        entries.append(
            Entry(_uid(plan, "term-end", term.name), term.end, "term-end", label=term.name)
        )
    for q in range(1, 5):
        end = date(plan.year, 3 * q, months.monthrange(plan.year, 3 * q)[1])
        quarter = f"{plan.year}-Q{q}"
        entries.append(Entry(_uid(plan, "quarter", quarter), end, "quarter-report", label=quarter))
    if plan.election is not None:
        entries.append(Entry(_uid(plan, "election"), plan.election.day, "election"))
    facts = progress.activities if progress is not None else []
    seen: dict[str, int] = {}
    for a in facts:
        units = ("all",) if a.branches == "all" else tuple(a.branches)
        # JSON, not text joined by a separator a title could hold ("Möte|2").
        key = json.dumps([a.date.isoformat(), a.kind, a.title, list(units)], ensure_ascii=False)
        seen[key] = seen.get(key, 0) + 1  # the same activity twice is two events
        digest = hashlib.sha256(f"{key}#{seen[key]}".encode()).hexdigest()[:16]
        entries.append(
            Entry(_uid(plan, "activity", digest), a.date, "activity", a.title, a.kind, units)
        )
    order = {kind: i for i, kind in enumerate(EntryKind.__args__)}  # type: ignore[attr-defined]
    entries.sort(key=lambda e: (e.day, order[e.kind], e.uid))
    known = [a.date for a in facts] + [date(plan.year, 1, 1)]
    if progress is not None:
        known += [m.date for m in progress.members] + [d.date for d in progress.done]
        known += [c.date for c in progress.checkins] + [r.date for r in progress.readings]
    return PlanCalendar(plan.title, plan.organisation, plan.year, entries, max(known))
