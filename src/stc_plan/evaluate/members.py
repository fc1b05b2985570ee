"""Membership on a date: each branch's latest count against its baseline and target.

Sibling organisations are held at their baseline by the plan and have no counts; totals are
given with and without them. Growth is measured from the baseline date (December of the year
before) on a straight line to the target on 31 December.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from stc_plan.evaluate import periods
from stc_plan.evaluate.index import FactIndex
from stc_plan.evaluate.states import State, pace_state
from stc_plan.model.facts import Progress
from stc_plan.model.growth import growth_percent
from stc_plan.model.plan import Plan


@dataclass(frozen=True)
class MemberLine:
    """One branch, sibling group or total on a date."""

    unit: str
    name: str
    kind: str  # "branch", "siblings", "total", "total-without-siblings"
    baseline: int
    target: int
    count: int | None
    counted_on: date | None
    state: State | None  # None for siblings: held, not tracked
    expected: Decimal | None = None
    projection: Decimal | None = None
    per_month: Decimal | None = None
    history: tuple[tuple[date, int], ...] = ()

    @property
    def planned_growth(self) -> Decimal | None:
        """Growth the plan's target means, in percent."""
        return growth_percent(self.baseline, self.target)

    @property
    def change(self) -> int | None:
        """Members gained (or lost) since the baseline."""
        return None if self.count is None else self.count - self.baseline

    @property
    def growth(self) -> Decimal | None:
        """Growth since the baseline, in percent."""
        return None if self.count is None else growth_percent(self.baseline, self.count)

    @property
    def gap(self) -> int | None:
        """Members still needed to reach the target (negative: past it)."""
        return None if self.count is None else self.target - self.count


@dataclass(frozen=True)
class MembersReport:
    """Every branch and sibling group, and the two totals, on a date."""

    year: int
    as_of: date
    baseline_date: date
    growth_rule: Decimal
    lines: list[MemberLine]
    total: MemberLine
    total_without_siblings: MemberLine
    sibling_names: list[str]
    months_left: Decimal


def evaluate_members(
    plan: Plan, facts: FactIndex, day: date, branch: str | None = None
) -> MembersReport:
    """Membership on ``day`` (facts after it are not yet known)."""
    m = plan.membership
    names = plan.unit_names()
    siblings = {s.id for s in plan.siblings}
    # The baseline is counted at the end of its day; growth is due over the days after it.
    line_period = periods.Period(
        "membership", m.baseline_date + timedelta(days=1), date(plan.year, 12, 31)
    )
    history: dict[str, list[tuple[date, int]]] = {r.unit: [] for r in m.rows}
    for entry in facts.members:
        for unit, count in entry.counts.items():
            if unit in history:
                history[unit].append((entry.date, count))
    left = periods.months_left(day, line_period.end)
    lines = []
    for row in m.rows:
        if row.unit in siblings:
            lines.append(
                MemberLine(
                    row.unit,
                    names[row.unit],
                    "siblings",
                    row.baseline,
                    row.target,
                    row.baseline,
                    None,
                    None,
                )
            )
            continue
        points = history[row.unit]
        lines.append(
            _line(
                row.unit,
                names[row.unit],
                "branch",
                row.baseline,
                row.target,
                points,
                line_period,
                day,
                left,
            )
        )
    branch_lines = [line for line in lines if line.kind == "branch"]
    if branch is not None:
        lines = [line for line in lines if line.unit == branch]
    return MembersReport(
        year=plan.year,
        as_of=day,
        baseline_date=m.baseline_date,
        growth_rule=Decimal(m.growth_percent),
        lines=lines,
        total=_total(
            "total",
            [*branch_lines, *(x for x in _held(plan, names))],
            facts,
            line_period,
            day,
            left,
        ),
        total_without_siblings=_total(
            "total-without-siblings", branch_lines, facts, line_period, day, left
        ),
        sibling_names=[names[s] for s in siblings],
        months_left=left,
    )


def _held(plan: Plan, names: dict[str, str]) -> list[MemberLine]:
    siblings = {s.id for s in plan.siblings}
    return [
        MemberLine(r.unit, names[r.unit], "siblings", r.baseline, r.target, r.baseline, None, None)
        for r in plan.membership.rows
        if r.unit in siblings
    ]


def _line(
    unit: str,
    name: str,
    kind: str,
    baseline: int,
    target: int,
    points: list[tuple[date, int]],
    line: periods.Period,
    day: date,
    left: Decimal,
) -> MemberLine:
    needed = Decimal(target - baseline)
    expected_gain = line.due(needed, day)
    expected = Decimal(baseline) + expected_gain
    if not points:
        return MemberLine(unit, name, kind, baseline, target, None, None, State.NO_DATA, expected)
    on, count = points[-1]
    state = pace_state(Decimal(count - baseline), needed, expected_gain, ended=day >= line.end)
    if needed <= 0 and count >= target:
        state = State.DONE
    # The projection continues the pace since the baseline, measured to the end of the as-of
    # day by the same share of the period that "expected" uses, so that a line projected to
    # reach its target is never judged behind its pace, and the other way round.
    gained = line.projected(Decimal(count - baseline), day)
    projection = None if gained is None else baseline + gained
    per_month = Decimal(target - count) / left if left > 0 and count < target else None
    return MemberLine(
        unit,
        name,
        kind,
        baseline,
        target,
        count,
        on,
        state,
        expected,
        projection,
        per_month,
        tuple(points),
    )


def _total(
    unit: str,
    lines: list[MemberLine],
    facts: FactIndex,
    line: periods.Period,
    day: date,
    left: Decimal,
) -> MemberLine:
    """A total: known only when every line in it has a count (siblings count as held)."""
    baseline = sum(x.baseline for x in lines)
    target = sum(x.target for x in lines)
    if any(x.count is None for x in lines):
        return _line(unit, unit, unit, baseline, target, [], line, day, left)
    count = sum(x.count for x in lines if x.count is not None)
    dates = [x.counted_on for x in lines if x.counted_on is not None]
    on = max(dates) if dates else day
    # History of the total: the dates on which every branch in it was counted.
    held = sum(x.count for x in lines if x.kind == "siblings" and x.count is not None)
    tracked = {x.unit for x in lines if x.kind == "branch"}
    history = [
        (m.date, held + sum(m.counts[u] for u in tracked))
        for m in facts.members
        if tracked <= set(m.counts)
    ]
    points = [*[p for p in history if p[0] < on], (on, count)]
    return _line(unit, unit, unit, baseline, target, points, line, day, left)


@dataclass(frozen=True)
class Drop:
    """A branch's new count well below its count before: worth a second look."""

    unit: str
    count: int
    before: int
    on: date  # the day of the count before


DROP_BELOW = Decimal("0.8")  # under four fifths of the count before


def sharp_drops(progress: Progress | None, counts: Mapping[str, int], day: date) -> list[Drop]:
    """The branches whose count on ``day`` is under four fifths of their latest count before
    it. A mistaken export (a test file, a filtered list) looks like this; a real fall that
    large between two counts is rare. Said, never refused: the count is recorded."""
    latest: dict[str, tuple[date, int]] = {}
    for entry in progress.members if progress else []:
        if entry.date < day:
            for unit, count in entry.counts.items():
                if unit not in latest or latest[unit][0] <= entry.date:
                    latest[unit] = (entry.date, count)
    return [
        Drop(unit, count, latest[unit][1], latest[unit][0])
        for unit, count in counts.items()
        if unit in latest and count < DROP_BELOW * latest[unit][1]
    ]
