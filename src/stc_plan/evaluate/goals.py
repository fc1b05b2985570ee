"""Each kind of goal evaluated on a date against the recorded facts: pure functions.

Counts count matching activities (per term or per branch where the goal says so) and name
what is still missing; milestones look for their completion; metrics take the latest
reading; ongoing goals take the latest check-in. Pace is a straight line over the goal's
period. The states themselves are decided in ``states.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal

from stc_plan.evaluate import periods
from stc_plan.evaluate.index import FactIndex, Matching, lacking
from stc_plan.evaluate.states import STALE_AFTER_DAYS, State, pace_state, rating_state, weakest
from stc_plan.model.facts import Activity, CheckIn
from stc_plan.model.plan import CountGoal, Goal, MetricGoal, MilestoneGoal, OngoingGoal, Plan


@dataclass(frozen=True)
class TermPart:
    """One term of a per-term quota: held against the quota, and the term's own state."""

    term: str
    held: int
    quota: int
    state: State


@dataclass(frozen=True)
class GoalStatus:
    """One goal on a date: how far it has come, how far it should be, and its state."""

    goal: Goal
    state: State
    actual: Decimal | None = None
    target: Decimal | None = None
    expected: Decimal | None = None
    missing: tuple[str, ...] = ()
    done_on: date | None = None
    reading_on: date | None = None
    checkin: CheckIn | None = None
    terms: tuple[TermPart, ...] = ()
    baseline: Decimal | None = None
    here: Decimal | None = None  # in a branch's view of a district-wide count: its part

    @property
    def late(self) -> bool:
        """Whether a milestone was done after its deadline (stated or derived)."""
        g = self.goal
        return (
            isinstance(g, MilestoneGoal) and self.done_on is not None and self.done_on > g.deadline
        )

    @property
    def past_target(self) -> Decimal | None:
        """How far past its target a goal has come (None: not past it, or no target)."""
        if self.actual is None or self.target is None:
            return None
        if isinstance(self.goal, MetricGoal) and self.goal.direction == "down":
            over = self.target - self.actual
        else:
            over = self.actual - self.target
        return over if over > 0 else None

    @property
    def remaining(self) -> Decimal | None:
        """How much is left to reach the target (never below zero)."""
        if self.actual is None or self.target is None:
            return None
        if isinstance(self.goal, MetricGoal) and self.goal.direction == "down":
            return max(Decimal(0), self.actual - self.target)
        return max(Decimal(0), self.target - self.actual)

    @property
    def percent(self) -> Decimal | None:
        """Actual as a percentage of the target, where both are known."""
        if self.actual is None or not self.target:
            return None
        return self.actual * 100 / self.target


@dataclass(frozen=True)
class Scope:
    """What the evaluation looks at: the whole district, or one branch (``--branch``)."""

    branch: str | None = None
    branch_ids: tuple[str, ...] = field(default_factory=tuple)


def evaluate_goal(goal: Goal, plan: Plan, facts: FactIndex, day: date, scope: Scope) -> GoalStatus:
    """The status of ``goal`` on ``day``."""
    checkin = facts.latest_checkin(goal.id)
    if isinstance(goal, CountGoal):
        status = _count(goal, plan, facts, day, scope)
    elif isinstance(goal, MilestoneGoal):
        status = _milestone(goal, plan, facts, day)
    elif isinstance(goal, MetricGoal):
        status = _metric(goal, plan, facts, day)
    else:
        status = _ongoing(goal, checkin, day, plan.year)
    return replace(status, checkin=checkin)


def _count(goal: CountGoal, plan: Plan, facts: FactIndex, day: date, scope: Scope) -> GoalStatus:
    first_due = periods.terms(plan.year)[0].end if goal.per == "term" else date(plan.year, 12, 31)
    if not facts.activities and day < first_due:
        # No activity of any kind recorded yet: nobody has reported, which is not the same
        # as nothing having been held. The target is still known. Once something falls due,
        # nothing recorded is nothing done: it is judged (and overdue) like any count.
        if goal.per == "branch":
            target = 1 if scope.branch else len(scope.branch_ids)
        else:
            target = goal.at_least * (2 if goal.per == "term" else 1)
        return GoalStatus(goal, State.NO_DATA, None, Decimal(target))
    year = periods.year(plan.year)
    within = _campaign(goal, plan)
    if within is not None:
        year = within  # counted, and paced, over the campaign period only
    # Goals of one kind share their filtered activities and counts (facts.matching caches
    # them), so many goals of a kind cost no more than one.
    everyone = scope.branch_ids if goal.each_involving == "all-branches" else None
    if goal.per == "branch":
        found = facts.matching(goal.activity, everyone, None, within)
        branches = [scope.branch] if scope.branch else list(scope.branch_ids)
        return _per_branch(goal, found.per_branch(), branches, year, day)
    found = facts.matching(goal.activity, everyone, scope.branch, within)
    if goal.per == "term":
        return _per_term(goal, plan, found, day)
    matching = found.activities
    need = Decimal(goal.at_least)
    actual = Decimal(len(matching))
    expected = _paced(year, need, [(c.by, Decimal(c.value)) for c in goal.checkpoints], day)
    ended = day >= year.end
    state = pace_state(actual, need, expected, ended=ended)
    missing = tuple(level for level in goal.from_levels if level not in found.levels())
    if missing and state is State.DONE:
        state = State.OVERDUE if ended else State.AT_RISK  # enough of them, not from everywhere
    return GoalStatus(goal, state, actual, need, expected, missing)


def _campaign(goal: CountGoal, plan: Plan) -> periods.Period | None:
    """The period a goal counts within when it is not the year: the election campaign."""
    campaign = plan.election.campaign if plan.election else None
    if goal.within == "campaign" and campaign is not None:
        return periods.Period("campaign", campaign.start, campaign.end)
    return None


# Why an activity of a goal's kind is not counted by it: codes, worded at the edge.
NOT_ALL_BRANCHES = "not-all-branches"  # the goal counts only activities involving every branch
OUTSIDE_CAMPAIGN = "outside-campaign"  # the goal counts only the election campaign's


@dataclass(frozen=True)
class NotCounted:
    """An activity of a count goal's kind that the goal does not count, and why."""

    activity: Activity
    reason: str  # NOT_ALL_BRANCHES or OUTSIDE_CAMPAIGN
    branches: tuple[str, ...] = ()  # NOT_ALL_BRANCHES: the branches it did not involve


def not_counted(
    goal: CountGoal, plan: Plan, activities: Iterable[Activity], scope: Scope
) -> list[NotCounted]:
    """Those of ``activities`` of the goal's kind that ``_count`` leaves out, each with its
    reason: the same two rules (``_campaign``, ``index.lacking``), said as data."""
    within = _campaign(goal, plan)
    if within is None and goal.each_involving != "all-branches":
        return []  # a goal that counts every activity of its kind leaves none out
    out = []
    for a in activities:
        if a.kind != goal.activity:
            continue
        if within is not None and not within.start <= a.date <= within.end:
            out.append(NotCounted(a, OUTSIDE_CAMPAIGN))
        elif goal.each_involving == "all-branches" and (missing := lacking(a, scope.branch_ids)):
            out.append(NotCounted(a, NOT_ALL_BRANCHES, missing))
    return out


def _paced(
    period: periods.Period, total: Decimal, marks: list[tuple[date, Decimal]], day: date
) -> Decimal:
    """Where the line from nothing to ``total`` over ``period`` is on ``day``, through the
    plan's checkpoints where it gives any."""
    if not marks:
        return period.due(total, day)
    start = (period.start - timedelta(days=1), Decimal(0))
    return periods.along([start, *sorted(marks), (period.end, total)], day)


def _per_term(goal: CountGoal, plan: Plan, found: Matching, day: date) -> GoalStatus:
    need = Decimal(goal.at_least)
    states: list[State] = []
    parts: list[TermPart] = []
    missing: list[str] = []
    actual = expected = Decimal(0)
    for term in periods.terms(plan.year):
        held = Decimal(found.in_period(term))
        actual += held
        expected += term.due(need, day)
        if day < term.start:
            # A term that has not begun is not missing anything yet.
            parts.append(TermPart(term.name, int(held), int(need), State.NOT_STARTED))
            continue
        term_state = pace_state(held, need, term.due(need, day), ended=day >= term.end)
        parts.append(TermPart(term.name, int(held), int(need), term_state))
        if held < need and term_state is not State.NOT_STARTED:
            missing.append(term.name)  # begun, something due, and short of its quota
        if term_state is State.NOT_STARTED and states:
            term_state = State.ON_TRACK  # a new term, nothing due in it yet
        states.append(term_state)
    state = weakest(states) if states else State.NOT_STARTED
    if state is State.DONE and any(p.state is not State.DONE for p in parts):
        state = State.ON_TRACK  # this term's quota is met; a later term's is still to come
    return GoalStatus(goal, state, actual, need * 2, expected, tuple(missing), terms=tuple(parts))


def _per_branch(
    goal: CountGoal,
    held: dict[str, int],
    branches: list[str],
    year: periods.Period,
    day: date,
) -> GoalStatus:
    need = goal.at_least
    covered = [b for b in branches if held.get(b, 0) >= need]
    missing = tuple(b for b in branches if held.get(b, 0) < need)
    total = Decimal(len(branches))
    expected = year.due(total, day)
    state = pace_state(Decimal(len(covered)), total, expected, ended=day >= year.end)
    return GoalStatus(goal, state, Decimal(len(covered)), total, expected, missing)


def _milestone(goal: MilestoneGoal, plan: Plan, facts: FactIndex, day: date) -> GoalStatus:
    # A milestone is done or not: it has no pace line, so nothing is "expected" by a date.
    expected = None
    done = facts.done.get(goal.id)
    if done is not None:
        return GoalStatus(goal, State.DONE, Decimal(1), Decimal(1), expected, done_on=done.date)
    if day >= goal.deadline:
        # A status is as of the end of its day: due that day and not done is overdue.
        return GoalStatus(goal, State.OVERDUE, Decimal(0), Decimal(1), expected)
    checkin = facts.latest_checkin(goal.id)
    if checkin is None:
        return GoalStatus(goal, State.NO_DATA, Decimal(0), Decimal(1), expected)
    state = rating_state(checkin.rating, (day - checkin.date).days, STALE_AFTER_DAYS)
    return GoalStatus(goal, state, Decimal(0), Decimal(1), expected)


def _metric(goal: MetricGoal, plan: Plan, facts: FactIndex, day: date) -> GoalStatus:
    readings = facts.readings.get(goal.id, [])
    latest = readings[-1] if readings else None
    actual = Decimal(latest.value) if latest else None
    on = latest.date if latest else None
    if goal.target == "not-set":
        base = Decimal(goal.baseline) if goal.baseline is not None else None
        return GoalStatus(
            goal, State.TARGET_NOT_SET, actual, None, None, reading_on=on, baseline=base
        )
    target = Decimal(goal.target)
    if latest is None or actual is None:
        return GoalStatus(goal, State.NO_DATA, None, target, None)
    # Without a stated baseline, the first reading is where the line starts.
    baseline = Decimal(goal.baseline) if goal.baseline is not None else Decimal(readings[0].value)
    # A baseline is measured at the end of its day, so the line runs over the days after it;
    # a baseline without a date stands at the start of the year.
    if goal.baseline is None:
        start = readings[0].date + timedelta(days=1)
    elif goal.baseline_date is not None:
        start = goal.baseline_date + timedelta(days=1)
    else:
        start = date(plan.year, 1, 1)
    sign = Decimal(1) if goal.direction == "up" else Decimal(-1)
    needed = (target - baseline) * sign
    progress = (actual - baseline) * sign
    line = periods.Period(goal.id, start, date(plan.year, 12, 31))
    marks = [(c.by, (Decimal(c.value) - baseline) * sign) for c in goal.checkpoints]
    expected_gain = _paced(line, needed, marks, day)
    state = pace_state(progress, needed, expected_gain, ended=day >= line.end)
    return GoalStatus(
        goal,
        state,
        actual,
        target,
        baseline + expected_gain * sign,
        reading_on=on,
        baseline=baseline,
    )


def _ongoing(goal: OngoingGoal, checkin: CheckIn | None, day: date, year: int) -> GoalStatus:
    if checkin is None:
        # Never checked in: no data until a first check-in was due (as many days into the
        # year as the goal allows between check-ins), stale after: by rule 4, no better
        # than a check-in that has grown old.
        due = (day - date(year, 1, 1)).days + 1 > goal.check_in_every_days
        return GoalStatus(goal, State.STALE if due else State.NO_DATA)
    state = rating_state(checkin.rating, (day - checkin.date).days, goal.check_in_every_days)
    return GoalStatus(goal, state)
