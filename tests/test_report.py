"""`stc report`: periods, content, formats, escaping, output files and bad input."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from stc_plan.evaluate.reporting import BadPeriod, build_report, parse_period
from stc_plan.inputs.plan import load_plan
from stc_plan.inputs.progress import load_progress
from stc_plan.render.escape import md_escape
from tests.conftest import EXAMPLE, SHIPPED_PLAN

Invoke = Callable[..., Any]
ARGS = ("--plan", str(SHIPPED_PLAN), "--facts", str(EXAMPLE))


def period(**kw: str) -> Any:
    return parse_period(
        quarter=kw.get("quarter"), term=kw.get("term"), year=kw.get("year"), plan_year=2025
    )


def test_periods() -> None:
    """Quarters, terms and the year, with their neighbours; bad ones are refused."""
    q2 = period(quarter="2025-Q2")
    assert (q2.start, q2.end) == (date(2025, 4, 1), date(2025, 6, 30))
    q4 = period(quarter="2025-q4")
    assert q4.end == date(2025, 12, 31)
    ht = period(term="HT2025")
    assert (ht.start, ht.end) == (date(2025, 7, 1), date(2025, 12, 31))
    assert period(year="2025").kind == "year"
    for bad in (
        {"quarter": "2025-Q5"},
        {"term": "VT25"},
        {"year": "twenty"},
        {"quarter": "2026-Q1"},
    ):
        with pytest.raises(BadPeriod):
            period(**bad)


def test_quarter_report_content() -> None:
    """Q2: states at the end, moves since Q1, members at start and end, events per goal."""
    plan = load_plan(SHIPPED_PLAN)
    report = build_report(plan, load_progress(EXAMPLE, plan), period(quarter="2025-Q2"))
    assert (
        report.previous and report.previous.name,
        report.following and report.following.name,
    ) == ("2025-Q1", "2025-Q3")
    moves = {m.goal.id: (m.before.value, m.after.value) for m in report.movements}
    assert moves["aterlosning-varen"] == ("no-data", "done")
    assert moves["ny-i-c"] == ("on-track", "overdue")  # VT ended with one Ny i C of two
    assert (report.total.start_count, report.total.end.count, report.total.change) == (788, 803, 15)
    goals = {g.status.goal.id: g for s in report.sections for g in s.goals}
    assert goals["medlemsaktiviteter"].activities[0].title.startswith("Pubkväll")
    # VT ended short; HT has not begun at the end of June, so it is not started, not missing.
    terms = [(p.term, p.held, p.quota, p.state.value) for p in goals["ny-i-c"].status.terms]
    assert terms == [("VT", 1, 2, "overdue"), ("HT", 0, 2, "not-started")]
    assert goals["ny-i-c"].status.missing == ("VT",)
    assert [g.goal.id for g in report.overdue] == ["ny-i-c"]
    assert report.facts_in_period == 13


def test_due_next_and_an_empty_period(tmp_path: Path) -> None:
    """What falls due in the next period; a period without facts says so and does not fail."""
    plan = load_plan(SHIPPED_PLAN)
    progress = load_progress(EXAMPLE, plan)
    q1 = build_report(plan, progress, period(quarter="2025-Q1"))
    assert [g.id for g in q1.due_next] == ["ny-i-c", "aterlosning-varen"]
    q4 = build_report(plan, progress, period(quarter="2025-Q4"))
    assert q4.facts_in_period == 0 and q4.following is None


def test_markdown_report(invoke: Invoke) -> None:
    """Markdown by default: headline, moves, members table, goals, overdue, due next."""
    result = invoke("report", *ARGS, "--quarter", "2025-Q2", "--lang", "sv")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("# Kvartalsrapport 2025-Q2\n")
    assert "Vid periodens slut: 1 försenat, 1 efter plan, 16 inaktuella" in out
    assert (
        "- *En distriktsgemensam återlösningsaktivitet ska ske under våren*: utan data → **klart**"
        in out
    )
    assert "Medlemmar: 788 vid periodens början, 803 vid dess slut (+15)" in out
    assert "| Bromma-Kungsholmen |" in out.replace("  ", "")
    assert "- **försenat** (antal): *Distriktet ska erbjuda Ny i C 2 gånger per termin" in out
    assert "`" not in out  # no goal starts with its id as code: titles name them
    assert "## Förfaller under 2025-Q3" in out


def test_empty_period_says_so(invoke: Invoke) -> None:
    """Q4 of the example has no facts: the report says so and exits 0."""
    result = invoke("report", *ARGS, "--quarter", "2025-Q4", "--lang", "en")
    assert result.exit_code == 0
    assert "No facts were recorded in the period" in result.stdout


def test_year_draft_in_sentences(invoke: Invoke) -> None:
    """--year drafts the annual report: membership outcome and a sentence per goal."""
    sv = invoke("report", *ARGS, "--year", "2025", "--lang", "sv").stdout
    assert sv.startswith("# Verksamhetsberättelse 2025 (utkast)")
    assert "Vid årets början hade distriktet 774 medlemmar" in sv
    assert "Vid den senaste räkningen, 2025-09-30, var antalet 817: +43 (+5,6 %)." in sv
    assert (
        "4 av 6 avdelningar nådde det. Det som saknades var Norra innerstaden, Västra Söderort."
        in sv
    )
    assert "Klart 2025-05-17." in sv
    en = invoke("report", *ARGS, "--year", "2025", "--lang", "en").stdout
    assert en.startswith("# Annual report 2025 (draft)")
    assert "The goal was at least 10 member activities from municipal, regional, national." in en


def test_json_report(invoke: Invoke) -> None:
    """JSON carries the same content in a stable shape."""
    doc = json.loads(invoke("report", *ARGS, "--term", "VT2025", "-f", "json").stdout)
    assert doc["period"] == {
        "kind": "term",
        "name": "VT2025",
        "start": "2025-01-01",
        "end": "2025-06-30",
    }
    assert doc["next"] == "HT2025" and doc["previous"] is None
    goals = {g["id"]: g for s in doc["sections"] for g in s["goals"]}
    assert goals["ny-i-c"]["terms"] == [
        {"term": "VT", "held": 1, "quota": 2, "state": "overdue"},
        {"term": "HT", "held": 0, "quota": 2, "state": "not-started"},
    ]
    assert goals["ny-i-c"]["missing"] == ["VT"]
    assert goals["aterlosning-varen"]["in_period"]["done"][0]["date"] == "2025-05-17"
    assert doc["membership"]["total"]["period_change"] == 15 + 14


def test_html_is_self_contained_with_charts(invoke: Invoke, tmp_path: Path) -> None:
    """HTML: one file, no scripts or external references, two charts with titles."""
    out = tmp_path / "q2.html"
    result = invoke("report", *ARGS, "--quarter", "2025-Q2", "-f", "html", "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert "<script" not in text and "http://" not in text.replace("http://www.w3.org/2000/svg", "")
    assert re.search(r"@page \{\s*size: A4;", text)
    charts = re.findall(r'<svg[^>]* class="chart".*?</svg>', text, re.DOTALL)
    assert len(charts) == 2
    for chart in charts:
        ET.fromstring(chart)  # well-formed


def test_plan_text_is_escaped(invoke: Invoke, tmp_path: Path) -> None:
    """A title with markup shows as text in HTML and cannot break Markdown."""
    plan = tmp_path / "2025.yaml"
    text = SHIPPED_PLAN.read_text(encoding="utf-8").replace(
        "title: Minst en medlemsvärvning ska genomföras i varje avdelning",
        'title: "<script>alert(1)</script> | `x` *y*"',
    )
    plan.write_text(text, encoding="utf-8")
    html_out = invoke("report", "--plan", str(plan), "--quarter", "2025-Q1", "-f", "html").stdout
    assert "<script>" not in html_out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html_out
    md = invoke("report", "--plan", str(plan), "--quarter", "2025-Q1").stdout
    assert r"\<script\>alert(1)\</script\> \| \`x\` \*y\*" in md
    assert md_escape("# a\nb") == "# a b"


def test_bad_input(invoke: Invoke, tmp_path: Path) -> None:
    """Malformed or outside periods are usage errors; unwritable outputs fail cleanly."""
    for args, message in (
        (["--quarter", "2025-Q5"], "'2025-Q5' is not a quarter"),
        (["--term", "VT25"], "'VT25' is not a term"),
        (["--quarter", "2026-Q1"], "2026-Q1 is outside the plan year 2025"),
        (["--quarter", "2025-Q1", "--year", "2025"], "name one period"),
        ([], "name one period"),
    ):
        result = invoke("report", *ARGS, *args)
        assert result.exit_code == 2, args
        assert message in result.stderr
        assert len(result.stderr.splitlines()) == 1
    missing = tmp_path / "nowhere" / "r.md"
    result = invoke("report", *ARGS, "--quarter", "2025-Q1", "-o", str(missing))
    assert result.exit_code == 1
    assert "cannot open the folder" in result.stderr
    assert not missing.parent.exists()
    folder = invoke("report", *ARGS, "--quarter", "2025-Q1", "-o", str(tmp_path))
    assert folder.exit_code == 1 and "is a folder" in folder.stderr


def test_long_lists_are_counted_not_listed(invoke: Invoke, tmp_path: Path) -> None:
    """A goal with many activities in the period lists twelve and counts the rest."""
    facts = tmp_path / "f.yaml"
    lines = ["version: 1", "year: 2025", "activities:"]
    lines += [
        f"  - {{date: 2025-02-{d:02d}, kind: member-activity, title: A{d}}}" for d in range(1, 16)
    ]
    facts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = invoke(
        "report",
        "--plan",
        str(SHIPPED_PLAN),
        "--facts",
        str(facts),
        "--quarter",
        "2025-Q1",
        "--lang",
        "en",
    ).stdout
    line = next(x for x in out.splitlines() if "(count): *Distriktet ska möjliggöra" in x)
    assert "2025-02-12 A12; and 3 more" in line and "A13" not in line


def _never_checked_in() -> list[str]:
    plan = load_plan(SHIPPED_PLAN)
    checked = {c.goal for c in load_progress(EXAMPLE, plan).checkins}
    return [g.id for g in plan.goals if g.kind == "ongoing" and g.id not in checked]


NEVER_CHECKED_IN = _never_checked_in()
STALE = sorted(
    ["medlemsregistret", *NEVER_CHECKED_IN],
    key=[g.id for g in load_plan(SHIPPED_PLAN).goals].index,
)


def test_attention_is_the_weak_goals_weakest_first() -> None:
    """At Q3's end: overdue, then behind, at risk and stale goals, in plan order within a
    state; goals on track, done or without data are not in it."""
    plan = load_plan(SHIPPED_PLAN)
    report = build_report(plan, load_progress(EXAMPLE, plan), period(quarter="2025-Q3"))
    assert [(g.status.goal.id, g.status.state.value) for g in report.attention] == [
        ("ny-i-c", "overdue"),
        ("samverkan-husen", "behind"),
        ("integrerade-kampanjer", "behind"),
        ("medlemsvarvning", "at-risk"),
        ("kandidatutbildning", "at-risk"),
        # ongoing goals checked in long ago or never (stale once a check-in was due)
        *((g, "stale") for g in STALE),
    ]


def test_a_fact_that_does_not_count_says_why() -> None:
    """The spring campaign without three branches is not counted by a goal that asks for
    campaigns with every branch, and the report knows why and which branches were missing;
    counted and not counted together are every campaign recorded."""
    from stc_plan.evaluate.goals import NOT_ALL_BRANCHES

    plan = load_plan(SHIPPED_PLAN)
    report = build_report(plan, load_progress(EXAMPLE, plan), period(quarter="2025-Q3"))
    goals = {g.status.goal.id: g for s in report.sections for g in s.goals}
    campaigns = goals["integrerade-kampanjer"]
    [left_out] = campaigns.not_counted
    assert left_out.activity.title == "Vårkampanj om trygghet (exempel)"
    assert left_out.reason == NOT_ALL_BRANCHES
    assert left_out.branches == ("vastra-soderort", "ostra-soderort", "yttre-vasterort")
    # Goals that count every activity of their kind leave none out.
    assert all(not g.not_counted for i, g in goals.items() if i != "integrerade-kampanjer")
    year = build_report(plan, load_progress(EXAMPLE, plan), period(year="2025"))
    for g in (g for s in year.sections for g in s.goals):
        goal = g.status.goal
        if goal.kind == "count" and goal.per == "year" and g.status.actual is not None:
            recorded = [
                a for a in load_progress(EXAMPLE, plan).activities if a.kind == goal.activity
            ]
            assert int(g.status.actual) + len(g.not_counted) == len(recorded), goal.id


def test_a_campaign_goal_does_not_count_what_is_outside_the_campaign() -> None:
    """A goal counted within the election campaign leaves out, and says so, an activity
    held before the campaign began; one held during it counts."""
    from stc_plan.evaluate.goals import OUTSIDE_CAMPAIGN
    from stc_plan.model.plan import Campaign, CountGoal, Election
    from tests.conftest import progress

    shipped = load_plan(SHIPPED_PLAN)
    goals = [
        g.model_copy(update={"within": "campaign", "each_involving": None})
        if g.id == "integrerade-kampanjer" and isinstance(g, CountGoal)
        else g
        for g in shipped.goals
    ]
    election = Election(
        day=date(2025, 9, 14), campaign=Campaign(start=date(2025, 8, 1), end=date(2025, 9, 14))
    )
    plan = shipped.model_copy(update={"goals": goals, "election": election})
    facts = progress(
        activities=[
            {
                "date": "2025-05-24",
                "kind": "integrated-campaign",
                "title": "Vår",
                "branches": "all",
            },
            {
                "date": "2025-08-24",
                "kind": "integrated-campaign",
                "title": "Höst",
                "branches": "all",
            },
        ]
    )
    report = build_report(plan, facts, period(quarter="2025-Q3"))
    [g] = [
        g for s in report.sections for g in s.goals if g.status.goal.id == "integrerade-kampanjer"
    ]
    assert [(x.activity.title, x.reason) for x in g.not_counted] == [("Vår", OUTSIDE_CAMPAIGN)]
    assert g.status.actual == 1


def test_a_quarter_report_opens_with_what_needs_the_board(invoke: Invoke) -> None:
    """Q3 in Swedish: right after the title, the goals that need attention, most pressing
    first, each named by its title with what it lacks; then the membership behind its pace."""
    out = invoke("report", *ARGS, "--quarter", "2025-Q3", "--lang", "sv").stdout
    head = out.split("## Sammanfattning")[0]
    assert head.splitlines()[4] == "## Behöver styrelsens uppmärksamhet"
    assert "Läget per 2025-09-30, det mest angelägna först:" in head
    items = [x for x in head.splitlines() if x.startswith("- ")]
    assert [x.split("**")[1] for x in items] == [
        "försenat",
        "efter plan",
        "efter plan",
        "i riskzonen",
        "i riskzonen",
        "i riskzonen",
        "inaktuellt",
        "inaktuellt",
    ]
    assert items[0] == (
        "- **försenat**: *Distriktet ska erbjuda Ny i C 2 gånger per termin för nya"
        " medlemmar…* — VT: 1 av 2 genomförda"
    )
    assert "— 4 av 6 avdelningar; saknas: Norra innerstaden, Västra Söderort" in items[3]
    assert items[5].startswith("- **i riskzonen**: Medlemmar: 817 av målvärdet 840; enligt")
    assert "efter plan: Södermalm-Enskede, Östra Söderort" in items[5]
    assert "senaste avstämningen, 2025-02-20, är äldre än 92 dagar" in items[6]
    assert items[7].startswith("- **inaktuellt**: 13 mål har aldrig stämts av: ny politik")


def test_nothing_needing_attention_says_so(invoke: Invoke, tmp_path: Path) -> None:
    """Without facts, nothing is overdue, behind, at risk or stale in Q1: one sentence."""
    facts = tmp_path / "f.yaml"
    facts.write_text("version: 1\nyear: 2025\n", encoding="utf-8")
    out = invoke(
        "report", "--plan", str(SHIPPED_PLAN), "--facts", str(facts), "--quarter", "2025-Q1"
    ).stdout
    assert (
        "## Needs the board's attention\n\n"
        "As of 2025-03-31, no goal is overdue, behind, at risk or stale.\n"
    ) in out


def test_every_goal_that_changed_state_is_named(invoke: Invoke) -> None:
    """Q2's moves since Q1, one line per goal, by title, the weakest new state first."""
    out = invoke("report", *ARGS, "--quarter", "2025-Q2", "--lang", "sv").stdout
    moves = out.split("Sedan 2025-Q1 har 20 mål bytt läge:\n\n")[1].split("\n\n")[0]
    assert moves.splitlines() == [
        "- *Distriktet ska erbjuda Ny i C 2 gånger per termin för nya medlemmar…*:"
        " i fas → **försenat**",
        "- *Att genomföra minst två integrerade gemensamma kampanjer (fysiskt…*:"
        " ej påbörjat → **efter plan**",
        # The ongoing goals never checked in, whose first check-in fell due in Q2: one line.
        "- *15 mål*: utan data → **inaktuellt**",
        "- *Underhålla medlemsregistret så att vi når alla medlemmar med våra…*:"
        " i fas → **inaktuellt**",
        "- *Distriktet ska möjliggöra/hjälpa till med minst 10…*: i riskzonen → **i fas**",
        "- *En distriktsgemensam återlösningsaktivitet ska ske under våren*: utan data → **klart**",
    ]


def test_the_report_says_why_a_campaign_did_not_count(invoke: Invoke) -> None:
    """The spring campaign without every branch: listed under its goal in Q2 as not
    counted, with the branches missing; in Q3's attention line; in the year's draft."""
    q2 = invoke("report", *ARGS, "--quarter", "2025-Q2", "--lang", "sv").stdout
    assert (
        "2025-05-24 Vårkampanj om trygghet (exempel), räknas inte: inte alla avdelningar var"
        " med (Västra Söderort, Östra Söderort, Yttre Västerort saknades)"
    ) in q2
    q3 = invoke("report", *ARGS, "--quarter", "2025-Q3", "--lang", "en").stdout
    line = next(x for x in q3.splitlines() if x.startswith("- **behind**: *Att genomföra"))
    assert line.endswith(
        "— 0 of 2; 1.5 expected by now; Vårkampanj om trygghet (exempel) (2025-05-24) does not"
        " count: not every branch took part (Västra Söderort, Östra Söderort, Yttre Västerort"
        " did not)"
    )
    year = invoke("report", *ARGS, "--year", "2025", "--lang", "sv").stdout
    assert (
        "Vårkampanj om trygghet (exempel) (2025-05-24) räknades inte: inte alla avdelningar"
        " var med (Västra Söderort, Östra Söderort, Yttre Västerort saknades)."
    ) in year


@pytest.mark.parametrize("fmt", ["markdown", "html"])
@pytest.mark.parametrize("args", [("--year", "2025"), ("--quarter", "2025-Q3")])
def test_footnote_marks_are_explained(invoke: Invoke, fmt: str, args: tuple[str, str]) -> None:
    """A deadline the plan does not state is shown as 2025-12-31* and the mark explained."""
    out = invoke("report", *ARGS, *args, "-f", fmt, "--lang", "sv").stdout
    assert "2025-12-31\\*" in out or "2025-12-31*" in out
    assert "planen anger inget datum; det är härlett ur planens ord" in out


def test_no_footnote_without_a_mark(invoke: Invoke) -> None:
    """Q2 of the minimal plan shows no derived deadline, so no footnote either."""
    from tests.conftest import MINIMAL_PLAN

    out = invoke("report", "--plan", str(MINIMAL_PLAN), "--quarter", "2025-Q2").stdout
    assert "2025-06-30" in out and "2025-06-30\\*" not in out
    assert "names no date" not in out


def test_json_carries_attention_moves_and_what_did_not_count(invoke: Invoke) -> None:
    """JSON: the goals needing attention (ids and states, in order), moves with titles,
    and each activity a goal did not count with the reason as a code; older fields kept."""
    doc = json.loads(invoke("report", *ARGS, "--quarter", "2025-Q3", "-f", "json").stdout)
    assert doc["shape"] == 1
    assert doc["needs_attention"][0] == {"id": "ny-i-c", "state": "overdue"}
    assert [(x["id"], x["state"]) for x in doc["needs_attention"]] == [
        ("ny-i-c", "overdue"),
        ("samverkan-husen", "behind"),
        ("integrerade-kampanjer", "behind"),
        ("medlemsvarvning", "at-risk"),
        ("kandidatutbildning", "at-risk"),
        ("membership", "at-risk"),
        # ongoing goals checked in long ago or never (stale once a check-in was due)
        *((g, "stale") for g in STALE),
    ]
    move = next(m for m in doc["movements"] if m["id"] == "medlemsvarvning")
    assert move == {
        "id": "medlemsvarvning",
        "title": "Minst en medlemsvärvning ska genomföras i varje avdelning",
        "from": "on-track",
        "to": "at-risk",
    }
    goals = {g["id"]: g for s in doc["sections"] for g in s["goals"]}
    [left_out] = goals["integrerade-kampanjer"]["not_counted"]
    assert left_out["date"] == "2025-05-24"
    assert left_out["reason"] == "not-all-branches"
    assert left_out["branches_missing"] == ["vastra-soderort", "ostra-soderort", "yttre-vasterort"]
    assert goals["ny-i-c"]["not_counted"] == []
    assert doc["overdue"] == ["ny-i-c"]  # kept as it was


def test_at_the_years_end_the_membership_line_has_no_pace(invoke: Invoke) -> None:
    """Q4 ends the year: the membership is overdue, said against its target alone, with
    every branch short of its own."""
    out = invoke("report", *ARGS, "--quarter", "2025-Q4", "--lang", "sv").stdout
    line = next(x for x in out.splitlines() if "Medlemmar: 817 av målvärdet 840" in x)
    assert line.startswith("- **försenat**: Medlemmar: 817 av målvärdet 840; försenat: Bromma")
    assert "takten" not in line


def test_a_branch_behind_puts_the_membership_on_the_list_when_the_total_is_not() -> None:
    """The district on its pace but Östra Söderort still at its baseline: the membership is
    on the attention list by that branch's state, and the list names the branch."""
    from stc_plan.evaluate.states import State
    from stc_plan.render.report_doc import Bullets, report_doc
    from tests.conftest import progress

    counts = {
        "bromma-kungsholmen": 129,
        "norra-innerstaden": 176,
        "sodermalm-enskede": 153,
        "vastra-soderort": 114,
        "ostra-soderort": 73,
        "yttre-vasterort": 78,
    }
    plan = load_plan(SHIPPED_PLAN)
    facts = progress(members=[{"date": "2025-09-30", "counts": counts}])
    report = build_report(plan, facts, period(quarter="2025-Q3"))
    assert report.total.end.state is State.ON_TRACK
    assert report.members_attention is State.BEHIND
    assert (State.BEHIND, None) in report.needs_attention()
    doc = report_doc(report, "en", charts=False)
    lines = ["".join(text for text, _ in item) for item in doc.blocks[2].items]  # type: ignore[union-attr]
    assert isinstance(doc.blocks[2], Bullets)
    assert (
        "behind: Members: 833 of the target 840; 823.4 expected by now; behind: Östra Söderort"
        in lines
    )
