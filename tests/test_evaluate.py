"""Evaluation: each kind of goal, each state, pace, coverage, roll-up and membership.

Facts are built in the tests; the date is always passed in, never read from a clock.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from stc_plan.evaluate.goals import GoalStatus
from stc_plan.evaluate.states import State
from stc_plan.evaluate.status import StatusReport, evaluate
from stc_plan.inputs.plan import load_plan
from stc_plan.model.facts import Progress
from stc_plan.model.plan import Plan
from tests.conftest import BRANCHES, MINIMAL_PLAN, progress


def act(day: str, kind: str, **extra: Any) -> dict[str, Any]:
    return {"date": day, "kind": kind, "title": f"{kind} {day}", **extra}


def goal(report: StatusReport, goal_id: str) -> GoalStatus:
    return next(g for g in report.goal_statuses() if g.goal.id == goal_id)


def state(plan: Plan, facts: Progress, goal_id: str, day: str) -> GoalStatus:
    return goal(evaluate(plan, facts, as_of=date.fromisoformat(day)), goal_id)


def member_activities(n: int, levels: list[str]) -> list[dict[str, Any]]:
    return [
        act(f"2025-0{1 + i % 4}-1{i % 9}", "member-activity", levels=[levels[i % len(levels)]])
        for i in range(n)
    ]


def test_no_activities_recorded_at_all_is_no_data(plan: Plan) -> None:
    """Nothing recorded is not the same as nothing held: 'no data', not 'behind'."""
    assert state(plan, progress(), "medlemsaktiviteter", "2025-09-30").state is State.NO_DATA


@pytest.mark.parametrize(
    ("held", "expected_state"),
    [(4, State.ON_TRACK), (3, State.AT_RISK), (2, State.BEHIND)],
)
def test_count_pace(plan: Plan, held: int, expected_state: State) -> None:
    """By 1 May a third of the year is gone: 3.3 of 10 expected; 4 on track, 3 at risk, 2 behind."""
    facts = progress(activities=member_activities(held, ["municipal"]))
    status = state(plan, facts, "medlemsaktiviteter", "2025-05-01")
    assert status.state is expected_state
    assert status.actual == held and status.target == 10 and status.remaining == 10 - held
    assert status.expected is not None and round(status.expected, 1) == Decimal("3.3")


def test_count_not_started_early_in_the_year(plan: Plan) -> None:
    """In early January nothing is due yet: no activity of the kind is 'not started'."""
    facts = progress(activities=[act("2025-01-05", "ny-i-c")])
    assert state(plan, facts, "medlemsaktiviteter", "2025-01-10").state is State.NOT_STARTED


def test_coverage_names_missing_levels(plan: Plan) -> None:
    """Ten activities but none from the national level: at risk in the year, overdue after."""
    facts = progress(activities=member_activities(10, ["municipal", "regional"]))
    mid = state(plan, facts, "medlemsaktiviteter", "2025-10-01")
    assert (mid.state, mid.missing) == (State.AT_RISK, ("national",))
    end = state(plan, facts, "medlemsaktiviteter", "2025-12-31")
    assert end.state is State.OVERDUE
    covered = progress(activities=member_activities(10, ["municipal", "regional", "national"]))
    assert state(plan, covered, "medlemsaktiviteter", "2025-10-01").state is State.DONE


def test_facts_after_the_date_do_not_count_yet(plan: Plan) -> None:
    """A status as of a date sees only facts dated on or before it."""
    facts = progress(activities=[act("2025-03-01", "ny-i-c"), act("2025-05-01", "ny-i-c")])
    assert state(plan, facts, "ny-i-c", "2025-04-01").actual == 1
    assert state(plan, facts, "ny-i-c", "2025-06-01").actual == 2


def test_per_term_quota(plan: Plan) -> None:
    """Ny i C twice per term: VT judged in VT, HT in HT, a missed term is overdue and named."""
    both_vt = [act("2025-02-01", "ny-i-c"), act("2025-04-01", "ny-i-c")]
    july = state(plan, progress(activities=both_vt), "ny-i-c", "2025-07-15")
    # Mid-July nothing of HT is due yet: not started, so not missing (issue #11, rule 3).
    assert (july.state, july.missing, july.actual, july.target) == (State.ON_TRACK, (), 2, 4)
    one_vt = progress(activities=both_vt[:1])
    assert state(plan, one_vt, "ny-i-c", "2025-04-20").state is State.AT_RISK  # 1 of 1.2
    late = state(plan, one_vt, "ny-i-c", "2025-08-01")
    assert (late.state, late.missing) == (State.OVERDUE, ("VT",))
    autumn = state(plan, one_vt, "ny-i-c", "2025-10-01")
    assert (autumn.state, autumn.missing) == (State.OVERDUE, ("VT", "HT"))  # HT due by now
    all_four = progress(
        activities=[*both_vt, act("2025-09-01", "ny-i-c"), act("2025-11-01", "ny-i-c")]
    )
    assert state(plan, all_four, "ny-i-c", "2025-11-02").state is State.DONE


def test_per_branch_names_missing_branches(plan: Plan) -> None:
    """One recruitment drive in each branch: 'all' counts for every branch; the rest named."""
    facts = progress(
        activities=[
            act("2025-02-01", "recruitment-drive", branches=["bromma-kungsholmen"]),
            act("2025-03-01", "recruitment-drive", branches=["ostra-soderort", "yttre-vasterort"]),
        ]
    )
    status = state(plan, facts, "medlemsvarvning", "2025-06-30")
    assert status.actual == 3 and status.target == 6
    assert status.missing == ("norra-innerstaden", "sodermalm-enskede", "vastra-soderort")
    everyone = progress(activities=[act("2025-02-01", "recruitment-drive", branches="all")])
    assert state(plan, everyone, "medlemsvarvning", "2025-06-30").state is State.DONE


def test_campaigns_count_only_with_every_branch(plan: Plan) -> None:
    """An integrated campaign counts only when all branches took part."""
    facts = progress(
        activities=[
            act("2025-03-01", "integrated-campaign", branches=BRANCHES[:3]),
            act("2025-04-01", "integrated-campaign", branches=BRANCHES),
            act("2025-05-01", "integrated-campaign", branches="all"),
        ]
    )
    assert state(plan, facts, "integrerade-kampanjer", "2025-06-01").actual == 2


def test_milestones(plan: Plan) -> None:
    """Done when recorded done; overdue past the deadline; otherwise its check-in, or no data."""
    done = progress(done=[{"goal": "aterlosning-varen", "date": "2025-05-17"}])
    status = state(plan, done, "aterlosning-varen", "2025-09-01")
    assert (status.state, status.done_on) == (State.DONE, date(2025, 5, 17))
    assert state(plan, done, "aterlosning-varen", "2025-05-01").state is State.NO_DATA
    assert state(plan, progress(), "aterlosning-varen", "2025-07-01").state is State.OVERDUE
    rated = progress(
        checkins=[{"goal": "kandidatutbildning", "date": "2025-08-01", "rating": "at-risk"}]
    )
    assert state(plan, rated, "kandidatutbildning", "2025-09-01").state is State.AT_RISK


def test_metric_with_target_not_set_reports_its_reading(plan: Plan) -> None:
    """The reading is shown, the state says the target is not set: nothing invented."""
    facts = progress(
        readings=[{"goal": "engagemang-sociala-medier", "date": "2025-06-30", "value": 1840}]
    )
    status = state(plan, facts, "engagemang-sociala-medier", "2025-07-01")
    assert (status.state, status.actual, status.target) == (State.TARGET_NOT_SET, 1840, None)


def test_metric_pace_against_a_set_target() -> None:
    """A metric from 0 to 100 over the year: 60 by 1 July is on track, 30 is behind."""
    data = load_plan(MINIMAL_PLAN).model_dump()
    metric = next(g for g in data["goals"] if g["kind"] == "metric")
    metric.update(target=100, baseline=0, target_note=None)
    plan = Plan.model_validate(data)
    for value, expected_state in ((60, State.ON_TRACK), (30, State.BEHIND), (100, State.DONE)):
        facts = progress(readings=[{"goal": "engagemang", "date": "2025-07-01", "value": value}])
        assert state(plan, facts, "engagemang", "2025-07-01").state is expected_state
    assert state(plan, progress(), "engagemang", "2025-07-01").state is State.NO_DATA


def test_ongoing_goals_follow_their_latest_checkin(plan: Plan) -> None:
    """The latest check-in's rating; stale when older than the goal's set age (92 days)."""
    facts = progress(
        checkins=[
            {"goal": "medlemsresan", "date": "2025-02-01", "rating": "at-risk"},
            {"goal": "medlemsresan", "date": "2025-04-01", "rating": "off-track"},
        ]
    )
    assert state(plan, facts, "medlemsresan", "2025-03-01").state is State.AT_RISK
    assert state(plan, facts, "medlemsresan", "2025-05-01").state is State.BEHIND
    # Gone stale, an "off track" stays behind: ageing never improves a state (issue #11).
    assert state(plan, facts, "medlemsresan", "2025-08-01").state is State.BEHIND
    # Never checked in: no data for the goal's first 92 days, then stale (docs/states.md).
    assert state(plan, progress(), "medlemsresan", "2025-04-02").state is State.NO_DATA
    assert state(plan, progress(), "medlemsresan", "2025-04-03").state is State.STALE
    assert state(plan, progress(), "medlemsresan", "2025-08-01").state is State.STALE
    on_track = progress(
        checkins=[{"goal": "medlemsresan", "date": "2025-02-01", "rating": "on-track"}]
    )
    assert state(plan, on_track, "medlemsresan", "2025-05-10").state is State.STALE


def test_overarching_goal_takes_the_weakest(plan: Plan) -> None:
    """An overarching goal is as weak as the weakest goal serving it."""
    facts = progress(
        checkins=[
            {"goal": "malgrupper-sociala-medier", "date": "2025-05-01", "rating": "off-track"}
        ]
    )
    report = evaluate(plan, facts, as_of=date(2025, 5, 2))
    roll = {o.id: o.state for o in report.overarching}
    assert roll["synlighet-sociala-medier"] is State.BEHIND


def test_membership_on_a_date(plan: Plan) -> None:
    """Latest counts per branch; totals need every branch; Syskon is held at its baseline."""
    counts = {b: n for b, n in zip(BRANCHES, [123, 168, 140, 108, 73, 75], strict=True)}
    facts = progress(members=[{"date": "2025-06-30", "counts": counts}])
    m = evaluate(plan, facts, as_of=date(2025, 7, 1)).membership
    lines = {x.unit: x for x in m.lines}
    bromma = lines["bromma-kungsholmen"]
    assert (bromma.count, bromma.change, bromma.gap) == (123, 6, 6)
    assert bromma.state is State.ON_TRACK  # 6 of 12 by mid-year
    assert lines["ostra-soderort"].state is State.BEHIND
    assert lines["syskon"].count == 110 and lines["syskon"].state is None
    assert m.total.count == sum(counts.values()) + 110
    assert m.total_without_siblings.count == sum(counts.values())
    assert bromma.projection is not None and round(bromma.projection) == 129
    partial = progress(members=[{"date": "2025-06-30", "counts": {"bromma-kungsholmen": 120}}])
    assert evaluate(plan, partial, as_of=date(2025, 7, 1)).membership.total.count is None


def test_checkpoints_bend_the_pace_line() -> None:
    """With a checkpoint of 8 by 30 June, 5 held by then is behind (straight: on track)."""
    data = load_plan(MINIMAL_PLAN).model_dump()
    count = next(g for g in data["goals"] if g["kind"] == "count")
    count["from_levels"] = []
    straight = Plan.model_validate(data)
    count["checkpoints"] = [{"by": date(2025, 6, 30), "value": 8}]
    bent = Plan.model_validate(data)
    facts = progress(activities=member_activities(5, ["municipal"]))
    assert state(straight, facts, "aktiviteter", "2025-06-30").state is State.ON_TRACK
    paced = state(bent, facts, "aktiviteter", "2025-06-30")
    assert paced.state is State.BEHIND and paced.expected == 8
    late = state(bent, facts, "aktiviteter", "2025-09-30")
    assert late.expected is not None and Decimal(8) < late.expected < Decimal(10)


def test_checkpoint_rules(make_plan: Any) -> None:
    """Checkpoints belong to per-year counts, inside the year, in order, within the target."""
    from stc_plan.inputs.plan import check_plan_file

    path = make_plan(
        {
            "    at_least: 10\n": "    at_least: 10\n    checkpoints:\n"
            "      - {by: 2025-09-30, value: 4}\n      - {by: 2025-06-30, value: 12}\n"
        }
    )
    messages = [p.message for p in check_plan_file(path).errors]
    assert messages == [
        "goal 'aktiviteter': checkpoints[2].by: checkpoints must be in date order, one per date",
        "goal 'aktiviteter': checkpoints[2].value: 12 is more than the goal's 10 for the year",
    ]
