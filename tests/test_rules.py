"""The rules of docs/states.md, each on a case worked out by hand and, where inputs vary, as a
property over generated facts and dates.

1. one pace line for everything; 2. end of day, everywhere; 3. a term not begun is not
missing; 4. ageing never improves a state or a roll-up; 5. an overarching goal with a measure
of its own is judged by it; 6. readings are shown; 7. past a target, say so.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stc_plan.evaluate.periods import Period
from stc_plan.evaluate.states import WEAKEST_FIRST, State
from stc_plan.evaluate.status import StatusReport, evaluate
from stc_plan.model.facts import Progress
from stc_plan.model.plan import MilestoneGoal, Plan
from tests.conftest import BRANCHES, EXAMPLE, SHIPPED_PLAN, progress


def flat(text: str) -> str:
    """Output with its line breaks folded: a table may wrap a cell anywhere."""
    return " ".join(text.split())


def at(plan: Plan, facts: Progress, day: str | date) -> StatusReport:
    when = date.fromisoformat(day) if isinstance(day, str) else day
    return evaluate(plan, facts, as_of=when)


def goal_state(report: StatusReport, goal_id: str) -> State:
    return next(g.state for g in report.goal_statuses() if g.goal.id == goal_id)


def line(report: StatusReport, unit: str) -> Any:
    return next(x for x in report.membership.lines if x.unit == unit)


# 1. One pace line ------------------------------------------------------------------------


def test_the_pace_line_is_the_share_of_days_gone_at_the_end_of_the_day() -> None:
    """30 January is the end of day 30 of 365: 30/365 of the year has gone."""
    year = Period("2025", date(2025, 1, 1), date(2025, 12, 31))
    assert year.elapsed(date(2025, 1, 30)) == Decimal(30) / Decimal(365)
    assert year.due(Decimal(365), date(2025, 1, 30)) == 30
    assert year.due(Decimal(10), date(2024, 12, 31)) == 0
    assert year.due(Decimal(10), date(2025, 12, 31)) == 10
    assert year.projected(Decimal(1), date(2025, 1, 30)) == Decimal(365) / Decimal(30)


def test_bromma_at_118_on_30_january_is_on_track_and_projects_to_its_target(
    plan: Plan,
) -> None:
    """Baseline 117 on 2024-12-31, target 129: 12 members over 365 days. By the end of 30
    January 12 x 30/365 = 0.99 are due and 1 has come, so it is on track, and the same pace
    gives 117 + 1 x 365/30 = 129.2 by 31 December. The state and the projection agree."""
    facts = progress(members=[{"date": "2025-01-30", "counts": {"bromma-kungsholmen": 118}}])
    x = line(at(plan, facts, "2025-01-30"), "bromma-kungsholmen")
    assert x.expected == Decimal(117) + Decimal(12 * 30) / Decimal(365)
    assert x.state is State.ON_TRACK
    assert round(x.projection, 1) == Decimal("129.2")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    count=st.integers(min_value=100, max_value=140),
    day=st.dates(min_value=date(2025, 1, 1), max_value=date(2025, 12, 30)),
)
def test_a_state_never_contradicts_the_projection_beside_it(
    plan: Plan, count: int, day: date
) -> None:
    """On track (or done) exactly when the projection reaches the target, on any day."""
    facts = progress(members=[{"date": day.isoformat(), "counts": {"bromma-kungsholmen": count}}])
    x = line(at(plan, facts, day), "bromma-kungsholmen")
    assert x.projection is not None
    assert (x.state in (State.ON_TRACK, State.DONE)) == (x.projection >= x.target)


def test_count_goals_quotas_coverage_and_membership_share_the_line(plan: Plan) -> None:
    """On 2 July (183 of 365 days; HT's 2nd of 184): 10 activities due 10 x 183/365, a
    term quota of 2 due 2 x 2/184, 6 branches due 6 x 183/365, members 12 x 183/365."""
    facts = progress(
        activities=[{"date": "2025-01-10", "kind": "other", "title": "x"}],
        members=[{"date": "2025-07-02", "counts": {"bromma-kungsholmen": 120}}],
    )
    report = at(plan, facts, "2025-07-02")
    by_id = {g.goal.id: g for g in report.goal_statuses()}
    assert by_id["medlemsaktiviteter"].expected == Decimal(10 * 183) / Decimal(365)
    assert by_id["medlemsvarvning"].expected == Decimal(6 * 183) / Decimal(365)
    assert by_id["ny-i-c"].expected == 2 + Decimal(2 * 2) / Decimal(184)
    assert line(report, "bromma-kungsholmen").expected == 117 + Decimal(12 * 183) / Decimal(365)


# 2. End of day, everywhere ---------------------------------------------------------------


def test_a_milestone_due_today_is_overdue_at_the_end_of_today_like_a_term_quota(
    plan: Plan,
) -> None:
    """30 June: the VT quota and the spring milestone, both due that day, are both overdue."""
    facts = progress(activities=[{"date": "2025-03-01", "kind": "ny-i-c", "title": "x"}])
    assert goal_state(at(plan, facts, "2025-06-29"), "aterlosning-varen") is State.NO_DATA
    report = at(plan, facts, "2025-06-30")
    assert goal_state(report, "aterlosning-varen") is State.OVERDUE
    assert goal_state(report, "ny-i-c") is State.OVERDUE


def test_the_2025_plan_seen_in_2026_leaves_no_undone_milestone_on_track(plan: Plan) -> None:
    """Once the year is over, every milestone not done is overdue, those due 31 December too."""
    from stc_plan.inputs.progress import load_progress

    facts = load_progress(EXAMPLE, plan)
    report = at(plan, facts, "2026-03-01")
    milestones = [g for g in report.goal_statuses() if isinstance(g.goal, MilestoneGoal)]
    assert milestones
    for g in milestones:
        assert g.state in (State.DONE, State.OVERDUE), g.goal.id
    assert sum(g.state is State.OVERDUE for g in milestones) >= 3


# 3. A term that has not begun is not missing ---------------------------------------------


def test_in_june_ht_is_not_started_and_not_missing(plan: Plan) -> None:
    facts = progress(activities=[{"date": "2025-03-01", "kind": "ny-i-c", "title": "x"}] * 2)
    g = next(x for x in at(plan, facts, "2025-06-15").goal_statuses() if x.goal.id == "ny-i-c")
    assert g.missing == ()
    assert [(p.term, p.state) for p in g.terms] == [
        ("VT", State.DONE),
        ("HT", State.NOT_STARTED),
    ]
    assert g.state is State.ON_TRACK  # the year's quota is not met until HT's is


def test_status_and_reports_say_ht_is_not_started(invoke: Any) -> None:
    args = ["--plan", str(SHIPPED_PLAN), "--facts", str(EXAMPLE), "--lang", "en"]
    out = flat(invoke("status", *args, "--all", "--as-of", "2025-06-15", "-f", "plain").stdout)
    assert "VT: 1 of 2, behind; HT: 0 of 2, not started" in out
    assert "missing: VT, HT" not in out
    report = flat(invoke("report", *args, "--term", "VT2025").stdout)
    assert "HT: 0 of 2, not started" in report


# 4. Ageing never improves ----------------------------------------------------------------


def _rank(state: State) -> int:
    return WEAKEST_FIRST.index(state)  # lower is weaker


GOAL_IDS = [
    "coacha-fortroendevalda",
    "guide-filmer-sociala-medier",
    "medlemsregistret",
    "kandidatutbildning",
    "medlemsresan",
]
RATINGS = ["on-track", "at-risk", "off-track", "done"]
KINDS = ["member-activity", "ny-i-c", "recruitment-drive", "integrated-campaign"]


@st.composite
def fact_sets(draw: st.DrawFn) -> tuple[Progress, date, date]:
    """Facts dated up to a day d1, and a later day d2 with nothing new between them."""
    d1 = draw(st.dates(min_value=date(2025, 1, 1), max_value=date(2025, 12, 31)))
    d2 = draw(st.dates(min_value=d1, max_value=date(2026, 2, 1)))
    day = st.dates(min_value=date(2025, 1, 1), max_value=d1).map(date.isoformat)
    checkins = draw(
        st.lists(
            st.fixed_dictionaries(
                {"goal": st.sampled_from(GOAL_IDS), "date": day, "rating": st.sampled_from(RATINGS)}
            ),
            max_size=6,
        )
    )
    activities = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "date": day,
                    "kind": st.sampled_from(KINDS),
                    "title": st.just("x"),
                    "branches": st.one_of(
                        st.just("all"), st.lists(st.sampled_from(BRANCHES), min_size=1, max_size=3)
                    ),
                    "levels": st.lists(
                        st.sampled_from(["municipal", "regional", "national"]), max_size=2
                    ),
                }
            ),
            max_size=12,
        )
    )
    members = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "date": day,
                    "counts": st.fixed_dictionaries(
                        {b: st.integers(min_value=60, max_value=190) for b in BRANCHES}
                    ),
                }
            ),
            max_size=3,
            unique_by=lambda m: m["date"],
        )
    )
    readings = draw(
        st.lists(
            st.fixed_dictionaries(
                {"goal": st.just("pug-motioner"), "date": day, "value": st.integers(0, 9)}
            ),
            max_size=2,
            unique_by=lambda r: r["date"],
        )
    )
    done = draw(
        st.lists(
            st.fixed_dictionaries({"goal": st.just("kandidatutbildning"), "date": day}), max_size=1
        )
    )
    facts = progress(
        checkins=checkins, activities=activities, members=members, readings=readings, done=done
    )
    return facts, d1, d2


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fact_sets())
def test_no_goal_and_no_roll_up_gets_better_as_days_pass_without_new_facts(
    plan: Plan, case: tuple[Progress, date, date]
) -> None:
    facts, d1, d2 = case
    before, after = at(plan, facts, d1), at(plan, facts, d2)
    for a, b in zip(before.goal_statuses(), after.goal_statuses(), strict=True):
        assert _rank(b.state) <= _rank(a.state), (a.goal.id, a.state, b.state)
    for a, b in zip(before.overarching, after.overarching, strict=True):
        assert _rank(b.state) <= _rank(a.state), (a.id, a.state, b.state)
    for a, b in zip(before.membership.lines, after.membership.lines, strict=True):
        if a.state is not None and b.state is not None:
            assert _rank(b.state) <= _rank(a.state), (a.unit, a.state, b.state)


def test_a_stale_off_track_check_in_stays_behind(plan: Plan) -> None:
    facts = progress(
        checkins=[{"goal": "medlemsresan", "date": "2025-02-01", "rating": "off-track"}]
    )
    assert goal_state(at(plan, facts, "2025-02-02"), "medlemsresan") is State.BEHIND
    assert goal_state(at(plan, facts, "2025-09-01"), "medlemsresan") is State.BEHIND
    roll = {o.id: o.state for o in at(plan, facts, "2025-09-01").overarching}
    assert roll["fler-medlemmar"] is not State.STALE


# 5. An overarching goal with its own measure ---------------------------------------------


def test_membership_goal_is_judged_by_the_members_not_a_missed_meeting(plan: Plan) -> None:
    """One Ny i C in VT (of two) makes that goal overdue, but members on pace keep
    fler-medlemmar on track, with the overdue contributor named beside it."""
    on_pace = {b: base + 8 for b, base in zip(BRANCHES, [117, 160, 139, 104, 73, 71], strict=True)}
    facts = progress(
        activities=[{"date": "2025-02-01", "kind": "ny-i-c", "title": "x"}],
        members=[{"date": "2025-08-31", "counts": on_pace}],
    )
    report = at(plan, facts, "2025-08-31")
    assert goal_state(report, "ny-i-c") is State.OVERDUE
    o = next(x for x in report.overarching if x.id == "fler-medlemmar")
    assert o.measure == "membership"
    assert o.state is report.membership.total_without_siblings.state is State.ON_TRACK
    # ny-i-c and the spring renewal drive are overdue; no check-in was recorded for the rest.
    assert o.attention()[State.OVERDUE] == 2
    assert len(o.contributing) == len([g for g in plan.goals if "fler-medlemmar" in g.serves])


def test_the_overarching_table_names_the_measure_and_the_contributors(invoke: Any) -> None:
    args = ["--plan", str(SHIPPED_PLAN), "--facts", str(EXAMPLE), "--as-of", "2025-09-30"]
    out = invoke("status", *args, "--lang", "en", "-f", "markdown").stdout
    assert "judged by the membership" in out
    assert "contributing goals: 1 overdue" in out
    doc = json.loads(invoke("status", *args, "-f", "json").stdout)
    o = doc["overarching"][0]
    assert o["measured_by"] == "membership"
    assert o["state"] == doc["membership"]["total_without_siblings"]["state"]
    assert o["contributing"]["needing_attention"]["overdue"] == 1


# 6. Readings are shown -------------------------------------------------------------------


def test_a_recorded_channel_reading_appears_in_every_format(invoke: Any) -> None:
    """The example records the Facebook group at 741 on 2025-06-30 (713 in the plan)."""
    args = ["--plan", str(SHIPPED_PLAN), "--facts", str(EXAMPLE), "--as-of", "2025-09-30"]
    for fmt in ("plain", "markdown", "table"):
        out = flat(invoke("status", *args, "--all", "--lang", "en", "-f", fmt).stdout)
        assert "Centerpartiet i Stockholm" in out and "741" in out and "+28" in out, fmt
        assert "2025-06-30" in out and "not set" in out, fmt
    doc = json.loads(invoke("status", *args, "-f", "json").stdout)
    assert doc["channels"][0] == {
        "id": "facebook-medlemsgrupp",
        "name": "Centerpartiet i Stockholm medlemsgrupp",
        "in_plan": 713,
        "latest": 741,
        "read_on": "2025-06-30",
        "change": 28,
        "target": None,
        "state": "target-not-set",
    }
    csv_out = invoke("status", *args, "-f", "csv").stdout
    assert "facebook-medlemsgrupp,channel,target-not-set,741," in csv_out
    report = invoke(
        "report",
        "--plan",
        str(SHIPPED_PLAN),
        "--facts",
        str(EXAMPLE),
        "--year",
        "2025",
        "--lang",
        "sv",
    ).stdout
    assert "741 per 2025-06-30; 713 i planen; +28; målvärde ej satt" in report


def test_a_metric_reading_shows_its_date_baseline_and_change(invoke: Any) -> None:
    args = ["--plan", str(SHIPPED_PLAN), "--facts", str(EXAMPLE), "--as-of", "2025-09-30"]
    out = invoke("status", *args, "--all", "--lang", "en", "-f", "plain").stdout
    # pug-motioner: baseline 0 in the plan, read 3 on 2025-04-30.
    assert "measured 2025-04-30; baseline 0, +3" in flat(out)


def test_the_plans_own_figure_is_shown_before_any_reading(plan: Plan) -> None:
    c = at(plan, progress(), "2025-03-01").channels
    assert [(x.id, x.baseline, x.latest) for x in c] == [("facebook-medlemsgrupp", 713, None)]


# 7. Past a target ------------------------------------------------------------------------


def test_past_its_target_a_branch_says_so_instead_of_a_negative_gap(
    invoke: Any, tmp_path: Any
) -> None:
    facts = tmp_path / "2025.progress.yaml"
    facts.write_text(
        "version: 1\nyear: 2025\nmembers:\n  - date: 2025-10-31\n    counts:\n"
        "      bromma-kungsholmen: 131\n",
        encoding="utf-8",
    )
    args = ["--plan", str(SHIPPED_PLAN), "--facts", str(facts), "--as-of", "2025-10-31"]
    out = flat(invoke("members", *args, "--lang", "en", "-f", "plain").stdout)
    assert "target reached, +2" in out
    assert "-2" not in out and "-0.3" not in out
    sv = flat(invoke("members", *args, "--lang", "sv", "-f", "plain").stdout)
    assert "målvärdet nått, +2" in sv
    doc = json.loads(invoke("members", *args, "-f", "json").stdout)
    row = next(x for x in doc["lines"] if x["unit"] == "bromma-kungsholmen")
    assert (row["gap"], row["per_month"], row["state"]) == (-2, None, "done")


def test_a_derived_deadline_missed_is_late_in_words(invoke: Any, tmp_path: Any) -> None:
    facts = tmp_path / "2025.progress.yaml"
    facts.write_text(
        "version: 1\nyear: 2025\ndone:\n  - goal: aterlosning-varen\n    date: 2025-07-04\n",
        encoding="utf-8",
    )
    args = ["--plan", str(SHIPPED_PLAN), "--facts", str(facts), "--as-of", "2025-08-01"]
    out = flat(invoke("status", *args, "--all", "--lang", "en", "-f", "plain").stdout)
    assert "done 2025-07-04, late" in out
    assert "2025-06-30*" in out  # "under våren": a deadline the plan implies, not states
    sv = invoke("status", *args, "--lang", "sv", "-f", "markdown").stdout
    assert "klart 2025-07-04, efter tidsgränsen" in sv
    doc = json.loads(invoke("status", *args, "-f", "json").stdout)
    goals = {g["id"]: g for s in doc["sections"] for g in s["goals"]}
    assert goals["aterlosning-varen"]["late"] is True
    assert goals["aterlosning-varen"]["plan_target"]["deadline_stated"] is False
    args = ["--plan", str(SHIPPED_PLAN), "--facts", str(facts)]
    report = flat(invoke("report", *args, "--quarter", "2025-Q3", "--lang", "en").stdout)
    assert "2025-07-04 done, late" in report


def test_day_after_the_year_the_membership_line_is_whole() -> None:
    """The membership line runs over the days after its baseline day."""
    base = date(2024, 12, 31)
    p = Period("membership", base + timedelta(days=1), date(2025, 12, 31))
    assert p.days == 365
    assert p.due(Decimal(12), base) == 0


def test_the_year_reports_members_chart_is_dated_by_its_counts(invoke: Any, tmp_path: Any) -> None:
    """The example's last count is 2025-09-30: the year report's chart says so, not 12-31."""
    out = tmp_path / "year.html"
    args = ["--plan", str(SHIPPED_PLAN), "--facts", str(EXAMPLE), "--year", "2025"]
    result = invoke("report", *args, "--format", "html", "-o", str(out), "--lang", "en")
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert "Members gained per branch by 2025-09-30, against the planned gain" in html
    assert "gained by 2025-09-30" in html
    assert "Members gained per branch by 2025-12-31" not in html
    doc = json.loads(invoke("report", *args, "--format", "json").stdout)
    assert doc["channels"][0]["latest"] == 741


def test_recording_without_a_date_after_the_plan_year_says_to_give_one(
    invoke: Any, tmp_path: Any
) -> None:
    """Once 2025 is over, a fact without --date would be dated today: refused, with advice."""
    facts = tmp_path / "2025.progress.yaml"
    args = ["--plan", str(SHIPPED_PLAN), "--facts", str(facts)]
    result = invoke("record", "checkin", "medlemsresan", "--rating", "at-risk", *args)
    today = date.today()
    if today.year == 2025:
        pytest.skip("today lies in the plan year")
    assert result.exit_code == 1
    assert result.stderr == (
        f"stc: not recorded: today, {today.isoformat()}, is outside the plan year 2025; give "
        "the date it happened with --date YYYY-MM-DD\n"
    )
    assert not facts.exists()


def test_one_rounding_rule_halves_up_everywhere(invoke: Any, tmp_path: Any) -> None:
    """Norra innerstaden, baseline 160, counted 161 at the end of day 146 (2025-05-26):
    1 x 365/146 = 2.5 gained by the year's end, a projection of 162.5, shown as 163 (Python's
    round() and Decimal's default would show 162)."""
    facts = tmp_path / "2025.progress.yaml"
    facts.write_text(
        "version: 1\nyear: 2025\nmembers:\n  - date: 2025-05-26\n    counts:\n"
        "      norra-innerstaden: 161\n",
        encoding="utf-8",
    )
    args = ["--plan", str(SHIPPED_PLAN), "--facts", str(facts), "--as-of", "2025-05-26"]
    doc = json.loads(invoke("members", *args, "-f", "json").stdout)
    row = next(x for x in doc["lines"] if x["unit"] == "norra-innerstaden")
    assert row["projection"] == 162.5
    out = invoke("members", *args, "-f", "csv").stdout
    assert "norra-innerstaden,Norra innerstaden,branch,160,176,161,2025-05-26,1,0.63,15," in out
    table = invoke("members", *args, "-f", "markdown", "--lang", "en").stdout
    row_text = next(
        x for x in table.splitlines() if x.startswith("| Norra innerstaden") and "2025-05-26" in x
    )
    assert [c.strip() for c in row_text.split("|")][5:7] == ["2.1", "163"]


def test_count_goals_with_nothing_recorded_fall_due_too(plan: Plan) -> None:
    """No activity recorded at all is no data while nothing is due; once VT has ended the
    per-term quota is overdue, and once the year has, every count goal (rule 2)."""
    empty = progress()
    assert goal_state(at(plan, empty, "2025-06-29"), "ny-i-c") is State.NO_DATA
    assert goal_state(at(plan, empty, "2025-06-30"), "ny-i-c") is State.OVERDUE
    assert goal_state(at(plan, empty, "2025-12-30"), "medlemsaktiviteter") is State.NO_DATA
    year_end = at(plan, empty, "2026-03-01")
    for goal_id in ("medlemsaktiviteter", "ny-i-c", "medlemsvarvning", "integrerade-kampanjer"):
        assert goal_state(year_end, goal_id) is State.OVERDUE, goal_id


def test_a_term_begun_with_nothing_yet_due_is_not_missing(plan: Plan) -> None:
    """On 1 July HT has begun but is not started: not missing. In September, one of two
    held in HT, it is on track and still missing one."""
    facts = progress(
        activities=[
            {"date": "2025-03-01", "kind": "ny-i-c", "title": "a"},
            {"date": "2025-04-01", "kind": "ny-i-c", "title": "b"},
            {"date": "2025-09-03", "kind": "ny-i-c", "title": "c"},
        ]
    )
    july = next(g for g in at(plan, facts, "2025-07-01").goal_statuses() if g.goal.id == "ny-i-c")
    assert july.missing == () and july.terms[1].state is State.NOT_STARTED
    sept = next(g for g in at(plan, facts, "2025-09-30").goal_statuses() if g.goal.id == "ny-i-c")
    assert sept.missing == ("HT",) and sept.terms[1].state is State.ON_TRACK


def test_in_a_branch_view_the_membership_goal_is_still_the_districts(plan: Plan) -> None:
    """Bromma at its target on 31 December while the district is short: the overarching
    goal speaks of the district, so it is overdue in Bromma's view too, as the total is."""
    counts = {b: 70 for b in BRANCHES} | {"bromma-kungsholmen": 129}
    facts = progress(members=[{"date": "2025-12-31", "counts": counts}])
    report = evaluate(plan, facts, as_of=date(2025, 12, 31), branch="bromma-kungsholmen")
    o = next(x for x in report.overarching if x.id == "fler-medlemmar")
    assert report.membership.lines[0].state is State.DONE
    assert o.state is report.membership.total_without_siblings.state is State.OVERDUE


def test_reports_show_the_latest_reading_targets_reached_and_what_is_missing(
    invoke: Any,
) -> None:
    """Q3: the metrics' readings were taken before it, yet the report shows them with their
    baseline and change; medlemsaktiviteter names its missing level."""
    args = ["--plan", str(SHIPPED_PLAN), "--facts", str(EXAMPLE), "--lang", "en"]
    out = invoke("report", *args, "--quarter", "2025-Q3").stdout
    pug = next(x for x in out.splitlines() if "(metric): *Politikutvecklingsgrupperna" in x)
    assert "3 / not set; measured 2025-04-30; baseline 0, +3" in pug
    activities = next(x for x in out.splitlines() if "(count): *Distriktet ska möjliggöra" in x)
    assert "missing: national" in activities


def test_reports_say_target_reached(invoke: Any, tmp_path: Any) -> None:
    facts = tmp_path / "2025.progress.yaml"
    acts = "".join(
        f"  - {{date: 2025-0{m}-10, kind: member-activity, title: a{m}{i}, "
        "levels: [municipal, regional, national]}\n"
        for m in range(1, 7)
        for i in range(2)
    )
    facts.write_text(f"version: 1\nyear: 2025\nactivities:\n{acts}", encoding="utf-8")
    args = ["--plan", str(SHIPPED_PLAN), "--facts", str(facts), "--lang", "en"]
    out = invoke("report", *args, "--quarter", "2025-Q2").stdout
    line = next(x for x in out.splitlines() if "(count): *Distriktet ska möjliggöra" in x)
    assert "12 / 10, target reached, +2" in line
