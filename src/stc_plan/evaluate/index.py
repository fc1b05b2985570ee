"""Facts indexed once by what they are about, so evaluating a goal never rescans them all."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from stc_plan.model.facts import Activity, CheckIn, Done, MemberCount, Progress, Reading


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

    def latest_checkin(self, goal: str) -> CheckIn | None:
        """The most recent check-in on ``goal``."""
        found = self.checkins.get(goal)
        return found[-1] if found else None
