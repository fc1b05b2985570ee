"""Facts indexed once by what they are about, so evaluating a goal never rescans them all."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from stc_plan.model.facts import Activity, CheckIn, Done, MemberCount, Progress, Reading


class Matching:
    """The activities of one kind that a goal counts, with counts worked out once."""

    def __init__(self, activities: list[Activity]) -> None:
        self.activities = activities
        self._per_branch: dict[str, int] | None = None
        self._levels: set[str] | None = None
        self._periods: dict[tuple[date, date], int] = {}

    def per_branch(self) -> dict[str, int]:
        """How many involve each branch ("all" counts for every branch)."""
        if self._per_branch is None:
            counts: Counter[str] = Counter()
            everywhere = 0
            for a in self.activities:
                if a.branches == "all":
                    everywhere += 1
                else:
                    counts.update(set(a.branches))
            self._per_branch = _AllCounter(counts, everywhere)
        return self._per_branch

    def levels(self) -> set[str]:
        """The political levels that initiated at least one of them."""
        if self._levels is None:
            self._levels = {level for a in self.activities for level in a.levels}
        return self._levels

    def in_period(self, period: Any) -> int:
        """How many fall in ``period`` (anything with ``start`` and ``end`` dates)."""
        key = (period.start, period.end)
        if key not in self._periods:
            self._periods[key] = sum(
                1 for a in self.activities if period.start <= a.date <= period.end
            )
        return self._periods[key]


def lacking(activity: Activity, branches: tuple[str, ...]) -> tuple[str, ...]:
    """The branches of ``branches`` that ``activity`` does not involve ("all" involves every
    one): where a goal counts only activities involving every branch, any is disqualifying."""
    if activity.branches == "all":
        return ()
    involved = set(activity.branches)
    return tuple(b for b in branches if b not in involved)


class _AllCounter(dict[str, int]):
    """Counts per branch, where activities for all branches count for any branch asked."""

    def __init__(self, counts: Counter[str], everywhere: int) -> None:
        super().__init__(counts)
        self.everywhere = everywhere

    def get(self, key: str, default: int = 0) -> int:  # type: ignore[override]
        return super().get(key, default) + self.everywhere


@dataclass
class FactIndex:
    """Facts by activity kind, goal and channel, each list in date order."""

    activities: dict[str, list[Activity]] = field(default_factory=dict)
    done: dict[str, Done] = field(default_factory=dict)
    readings: dict[str, list[Reading]] = field(default_factory=dict)
    channel_readings: dict[str, list[Reading]] = field(default_factory=dict)
    checkins: dict[str, list[CheckIn]] = field(default_factory=dict)
    members: list[MemberCount] = field(default_factory=list)

    @classmethod
    def build(cls, progress: Progress, as_of: date) -> FactIndex:
        """Index the facts dated on or before ``as_of``; later ones do not exist yet then."""
        activities: dict[str, list[Activity]] = defaultdict(list)
        for a in progress.activities:
            if a.date <= as_of:
                activities[a.kind].append(a)
        readings: dict[str, list[Reading]] = defaultdict(list)
        channel_readings: dict[str, list[Reading]] = defaultdict(list)
        for r in progress.readings:
            if r.date <= as_of:
                if r.goal is not None:
                    readings[r.goal].append(r)
                elif r.channel is not None:
                    channel_readings[r.channel].append(r)
        checkins: dict[str, list[CheckIn]] = defaultdict(list)
        for c in progress.checkins:
            if c.date <= as_of:
                checkins[c.goal].append(c)
        for acts in activities.values():
            acts.sort(key=lambda fact: fact.date)
        for reads in (*readings.values(), *channel_readings.values()):
            reads.sort(key=lambda fact: fact.date)
        for checks in checkins.values():
            checks.sort(key=lambda fact: fact.date)
        return cls(
            activities=dict(activities),
            done={d.goal: d for d in progress.done if d.date <= as_of},
            readings=dict(readings),
            channel_readings=dict(channel_readings),
            checkins=dict(checkins),
            members=sorted((m for m in progress.members if m.date <= as_of), key=lambda m: m.date),
        )

    _matching: dict[tuple[Any, ...], Matching] = field(default_factory=dict)

    def matching(
        self, kind: str, everyone: tuple[str, ...] | None, branch: str | None, within: Any
    ) -> Matching:
        """Activities of ``kind``; only those involving every branch of ``everyone``, or
        ``branch``, or inside the period ``within``, where given. Cached per question."""
        key = (kind, everyone, branch, None if within is None else (within.start, within.end))
        found = self._matching.get(key)
        if found is None:
            acts = self.activities.get(kind, [])
            if everyone is not None:
                acts = [a for a in acts if not lacking(a, everyone)]
            if branch is not None:
                acts = [a for a in acts if a.branches == "all" or branch in a.branches]
            if within is not None:
                acts = [a for a in acts if within.start <= a.date <= within.end]
            found = self._matching[key] = Matching(acts)
        return found

    def latest_checkin(self, goal: str) -> CheckIn | None:
        """The most recent check-in on ``goal``."""
        found = self.checkins.get(goal)
        return found[-1] if found else None
