"""`stc status`'s first screen, a goal's story and `stc due`: what needs the board now.

The first screen is measured, not eyeballed: its line count at 80 columns, every line's
width at every width from 60 to 200 in both languages, every goal shown exactly once with
its title cut only at a word boundary, and what needs attention first, worst first.
"""

from __future__ import annotations

import io
import json
import re
import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stc_plan.evaluate.states import ATTENTION, State
from stc_plan.evaluate.status import StatusReport, evaluate
from stc_plan.inputs.plan import load_plan
from stc_plan.inputs.progress import load_progress
from stc_plan.model.facts import Progress
from stc_plan.render.brief import Line, brief_lines, write_brief
from stc_plan.render.story import _wrap
from stc_plan.render.words import state_word
from tests.conftest import EXAMPLE, SHIPPED_PLAN, run_in_terminal

Invoke = Callable[..., Any]
ARGS = ["--plan", str(SHIPPED_PLAN), "--facts", str(EXAMPLE)]
DAYS = [
    date(2025, 1, 15),
    date(2025, 4, 15),
    date(2025, 6, 30),
    date(2025, 10, 1),
    date(2026, 11, 28),
]


@pytest.fixture(scope="module")
def progress() -> Progress:
    return load_progress(EXAMPLE, load_plan(SHIPPED_PLAN), required=True)


def report_on(day: date, progress: Progress, **kw: Any) -> StatusReport:
    return evaluate(load_plan(SHIPPED_PLAN), progress, as_of=day, **kw)


def text(line: Line) -> str:
    return "".join(s.text for s in line)


def goal_lines(lines: list[Line]) -> list[Line]:
    """The lines that show a goal: a segment holds its title (and its id)."""
    return [line for line in lines if any(s.goal for s in line)]


def title_of(line: Line) -> str:
    return next(s.text for s in line if s.goal)


def folded(report: StatusReport) -> int:
    """How many stale goals the attention block counts in one line instead of listing."""
    from stc_plan.render.brief import FOLD_STALE

    stale = [g for g in report.needs_attention() if g.state is State.STALE]
    return len(stale) if len(stale) > FOLD_STALE else 0


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_shipped_plan_fits_one_screen_at_80_columns(invoke: Invoke, lang: str) -> None:
    """At most 40 lines of at most 80 characters, on any day of the year and after it."""
    for day in DAYS:
        out = invoke("status", *ARGS, "--lang", lang, "--as-of", day.isoformat()).stdout
        lines = out.splitlines()
        assert len(lines) <= 40, (day, len(lines))
        assert max(len(line) for line in lines) <= 80, day


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_line_is_wider_than_the_screen_and_no_word_is_split(
    progress: Progress, lang: str
) -> None:
    """At every width from 60 to 200, no line is wider (so a terminal never breaks one) and
    each title is whole or cut after a whole word, marked with "…"."""
    for day in DAYS:
        report = report_on(day, progress)
        titles = {g.goal.title for g in report.goal_statuses()}
        for width in range(60, 201, 5):
            lines = brief_lines(report, lang, width)  # type: ignore[arg-type]
            assert all(len(text(line)) <= width for line in lines), (day, width)
            for line in goal_lines(lines):
                shown = title_of(line)
                if shown in titles:
                    continue
                assert shown.endswith("…"), shown
                cut = shown[:-1]
                whole = next(t for t in titles if t.startswith(cut))
                assert whole[len(cut)] in " ,;:", (shown, whole)


def test_each_goal_once_and_attention_first_worst_first(progress: Progress) -> None:
    """Every goal is on one line: those that need attention at the top (overdue before
    behind before at risk before stale), the others under their sections."""
    for day in DAYS:
        report = report_on(day, progress)
        lines = brief_lines(report, "en", 80)
        shown = goal_lines(lines)
        ids = [next(s.goal for s in line if s.goal) for line in shown]
        assert len(ids) == len(set(ids)), day  # once each
        assert len(ids) + folded(report) == len(report.goal_statuses()), day
        states = [line[1].state for line in shown]
        urgent = [s for s in states if s in ATTENTION]
        assert states[: len(urgent)] == urgent, day  # the attention block comes first
        assert urgent == sorted(urgent, key=ATTENTION.index), day
        assert len(urgent) + folded(report) == len(report.needs_attention())


def test_headline_says_the_date_the_states_and_the_members(invoke: Invoke) -> None:
    out = invoke("status", *ARGS, "--lang", "sv", "--as-of", "2025-10-01").stdout.splitlines()
    assert out[0] == "Verksamhetsplan 2025: läget per 2025-10-01"
    assert out[1:3] == [  # broken between two counts, never inside one
        "29 mål: 1 försenat, 2 efter plan, 2 i riskzonen, 14 inaktuella, 3 utan data,",
        "  2 med målvärde ej satt, 3 i fas, 2 klara",
    ]
    assert out[3] == "Medlemmar: 707 av 730 per 2025-09-30, enligt takten 713,5 i dag: i riskzonen"
    assert out[4] == "Behöver er nu: 19 mål"
    assert out[5].split()[:2] == ["försenat", "Distriktet"]
    assert out[5].endswith("VT: 1 av 2, HT: 1 av 2")
    stale = next(x for x in out if x.startswith("  inaktuellt"))
    assert stale.split(None, 1)[1] == "14 mål utan aktuell avstämning (stc status --only stale)"
    assert out[-1].startswith("* datumet står inte i planen")  # the star is explained
    after = invoke("status", *ARGS, "--lang", "en", "--as-of", "2026-11-28").stdout
    assert after.startswith(
        "Verksamhetsplan 2025: status on 2025-12-31 (the year ended; asked 2026-11-28)\n"
    )


def test_the_folded_stale_line_s_command_lists_each_stale_goal(invoke: Invoke) -> None:
    """The folded line names `stc status --only stale`; that command lists the 14 stale
    goals one by one, never the same folded line again."""
    out = invoke(
        "status", *ARGS, "--lang", "sv", "--as-of", "2025-10-01", "--only", "stale"
    ).stdout.splitlines()
    assert "Behöver er nu: 14 mål" in out
    listed = [x for x in out if x.startswith("  inaktuellt")]
    assert len(listed) == 14 and not any("--only stale" in x for x in out)


def test_all_gives_every_detail_and_only_filters(invoke: Invoke) -> None:
    full = invoke("status", *ARGS, "--all", "--lang", "sv", "--as-of", "2025-10-01").stdout
    assert "utfall/målvärde" in full and "Övergripande mål" in full
    assert len(full.splitlines()) > 100
    assert invoke("status", *ARGS, "--long", "--as-of", "2025-10-01").stdout.count("\n") > 100
    only = invoke("status", *ARGS, "--only", "overdue,behind", "--as-of", "2025-10-01")
    states = [line.split()[0] for line in only.stdout.splitlines() if line.startswith("  ")]
    assert states == ["overdue", "behind", "behind"]
    doc = json.loads(
        invoke("status", *ARGS, "--only", "done", "-f", "json", "--as-of", "2025-10-01").stdout
    )
    assert {g["state"] for s in doc["sections"] for g in s["goals"]} == {"done"}
    bad = invoke("status", *ARGS, "--only", "overdue,late")
    assert bad.exit_code == 2 and "--only must be one of" in bad.stderr


def test_a_branch_is_named_and_sees_its_own(invoke: Invoke) -> None:
    out = invoke(
        "status", *ARGS, "--branch", "norra-innerstaden", "--lang", "sv", "--as-of", "2025-10-01"
    ).stdout
    first = out.splitlines()[0]
    assert first == "Verksamhetsplan 2025 · Norra innerstaden: läget per 2025-10-01"
    assert "norra-innerstaden" not in out
    assert "Norra innerstaden: 175 av 176" in out  # its own membership row
    assert "Senaste aktiviteter (5 av 9)" in out and "2025-09-27  Höstmingel (exempel)" in out
    full = invoke("status", *ARGS, "--all", "--branch", "norra-innerstaden", "--lang", "sv")
    assert "Sett från avdelning Norra innerstaden" in " ".join(full.stdout.split())


def test_a_goals_story(invoke: Invoke) -> None:
    """`stc status GOAL`: its words, state and pace, what it serves, and its timeline."""
    out = invoke("status", "ny-i-c", *ARGS, "--lang", "sv", "--as-of", "2025-10-01").stdout
    flat = " ".join(out.split())
    assert "Distriktet ska erbjuda Ny i C 2 gånger per termin för nya medlemmar" in flat
    assert "Läge: försenat · VT: 1 av 2" in flat
    assert "VT: 1 av 2, försenat; HT: 1 av 2, i riskzonen" in flat
    assert "Tjänar: Antalet medlemmar i Centerpartiet i Stockholm stad ska öka med 10%" in flat
    assert "2025-01-22 Ny i C, januari (exempel) (alla avdelningar)" in flat
    assert "2025-06-30 VT slutar" in flat and "2025-12-31 HT slutar (kommer)" in flat
    assert flat.index("2025-01-22") < flat.index("2025-06-30") < flat.index("2025-09-03")
    milestone = invoke("status", "kandidatutbildning", *ARGS, "--as-of", "2025-10-01").stdout
    assert "2025-08-28  check-in: at risk. Två av fem träffar kvar" in milestone
    assert "deadline* (to come)" in milestone and "* the plan states no date" in milestone
    doc = json.loads(
        invoke("status", "ny-i-c", *ARGS, "-f", "json", "--as-of", "2025-10-01").stdout
    )
    assert doc["goal"]["id"] == "ny-i-c" and doc["goal"]["state"] == "overdue"
    assert [e["kind"] for e in doc["events"]] == ["activity", "term-end", "activity", "term-end"]
    wrong = invoke("status", "nyi-c", *ARGS)
    assert wrong.exit_code == 2
    assert wrong.stderr == "stc: the plan has no goal with the id nyi-c; did you mean ny-i-c?\n"
    assert invoke("status", "ny-i-c", "kandidatutbildning", *ARGS).exit_code == 2


def test_due_lists_what_falls_due_soonest_first(invoke: Invoke) -> None:
    result = invoke("due", *ARGS, "--as-of", "2025-06-20", "--within", "3w", "-f", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert (doc["from"], doc["to"]) == ("2025-06-20", "2025-07-11")
    coming = [i for i in doc["items"] if not i["overdue"]]
    assert [(i["date"], i["kind"], i["goal"] or i["quarter"]) for i in coming] == [
        ("2025-06-30", "term-end", "ny-i-c"),
        ("2025-06-30", "quarter-report", "2025-Q2"),
    ]
    overdue = [i for i in doc["items"] if i["overdue"]]
    # Every check-in that is due and not made, by name: the ongoing goals never checked in
    # (their first check-in due 92 days into the year), then the one checked in long ago.
    never = [i["goal"] for i in overdue if i["date"] == "2025-04-02"]
    assert len(never) == 15 and all(i["kind"] == "check-in" for i in overdue)
    assert overdue[-1]["goal"] == "medlemsregistret" and overdue[-1]["date"] == "2025-05-23"
    text_out = invoke("due", *ARGS, "--as-of", "2025-06-20", "--within", "3w", "--lang", "sv")
    lines = text_out.stdout.splitlines()
    assert lines[0] == "Verksamhetsplan 2025: det som förfaller 2025-06-20 – 2025-07-11"
    assert lines[1] == "Försenat (16)"
    assert "2025-06-30  VT slutar  Distriktet ska erbjuda" in text_out.stdout
    assert max(len(line) for line in lines) <= 80
    # A term's quota missed is overdue from the term's end, with the term's own state, by
    # the same rules as stc status; the quota of a term still running is to come.
    autumn = json.loads(invoke("due", *ARGS, "--as-of", "2025-12-01", "-f", "json").stdout)
    terms = [
        (i["term"], i["overdue"], i["state"]) for i in autumn["items"] if i["goal"] == "ny-i-c"
    ]
    assert terms == [("VT", True, "overdue"), ("HT", False, "behind")]
    late = json.loads(invoke("due", *ARGS, "--as-of", "2025-12-31", "-f", "json").stdout)
    assert {i["goal"] for i in late["items"] if i["kind"] == "deadline"} >= {"kandidatutbildning"}
    after = invoke("due", *ARGS, "--as-of", "2026-01-10").stdout
    assert "2025-12-31  deadline*  Slutföra kandidatutbildningen" in after
    assert after.endswith("* the plan states no date; it is derived from the plan's words\n")
    for spelled in ("21", "21d", "3w", "3v", "3 veckor"):
        same = json.loads(
            invoke("due", *ARGS, "--as-of", "2025-06-20", "--within", spelled, "-f", "json").stdout
        )
        assert same["to"] == "2025-07-11", spelled
    bad = invoke("due", *ARGS, "--within", "soon")
    assert bad.exit_code == 2 and "--within takes days or weeks" in bad.stderr


def test_states_in_colour_and_plan_text_as_written(progress: Progress) -> None:
    """On a terminal each state word has its state's colour; markup in plan text is text."""
    report = report_on(date(2025, 10, 1), progress)
    goal = report.sections[0].goals[0]
    odd = goal.goal.model_copy(update={"title": "[bold]Listorna[/bold] :smile: [link=x]y"})
    from dataclasses import replace

    sections = [replace(report.sections[0], goals=[replace(goal, goal=odd)])]
    out = io.StringIO()
    write_brief(
        brief_lines(replace(report, sections=sections), "sv", 100), out, 100, rich=True, colour=True
    )
    screen = out.getvalue()
    assert "[bold]Listorna[/bold] :smile: [link=x]y" in screen
    assert "\x1b]8;" not in screen
    overdue = state_word(State.OVERDUE, "sv")
    coloured = io.StringIO()
    write_brief(brief_lines(report, "sv", 100), coloured, 100, rich=True, colour=True)
    assert f"\x1b[1;31m{overdue}\x1b[0m" in coloured.getvalue()
    plain = io.StringIO()
    write_brief(brief_lines(report, "sv", 100), plain, 100, rich=True, colour=False)
    assert "\x1b[" not in plain.getvalue()


ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("colour", [True, False])
def test_the_first_screen_in_a_real_terminal(columns: int, lang: str, colour: bool) -> None:
    """In a pseudo-terminal 80 or 120 columns wide, with colour and with NO_COLOR: no line
    reaches the edge (so the terminal wraps none), 40 lines at most, states in colour."""
    env = {} if colour else {"NO_COLOR": "1"}
    code, screen = run_in_terminal(
        "status", *ARGS, "--as-of", "2025-10-01", "--lang", lang, columns=columns, env=env
    )
    assert code == 0, screen[-300:]
    assert ("\x1b[" in screen) is colour
    lines = ANSI.sub("", screen).replace("\r\n", "\n").rstrip("\n").split("\n")
    assert len(lines) <= 40
    assert max(len(line) for line in lines) <= columns
    assert lines[0].startswith("Verksamhetsplan 2025")
    attention = "Behöver er nu: 19 mål" if lang == "sv" else "Needs attention: 19 goals"
    assert attention in lines[3:5]  # right under the headline


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_on_a_short_terminal_the_view_fits_it(progress: Progress, lang: str) -> None:
    """Given the terminal's height, the headline and what needs attention stay on the
    screen: the sections become a line each, then the attention list is counted."""
    for day in DAYS:
        report = report_on(day, progress)
        for height in (24, 30):
            lines = brief_lines(report, lang, 80, height)  # type: ignore[arg-type]
            assert len(lines) <= height, (day, height)
            said = [text(line) for line in lines]
            assert said[0].startswith("Verksamhetsplan 2025")
            heading = (
                ("Behöver er nu", "Inget mål behöver")
                if lang == "sv"
                else (
                    "Needs attention",
                    "No goal needs",
                )
            )
            assert any(x.startswith(heading) for x in said), (day, height)
        tall = brief_lines(report, lang, 80, 200)  # type: ignore[arg-type]
        assert tall == brief_lines(report, lang, 80)  # room enough: a line per goal
    report = report_on(date(2025, 10, 1), progress)
    short = [text(x) for x in brief_lines(report, "sv", 80, 16)]
    assert len(short) <= 16
    assert any(x.startswith("  … och") for x in short)  # the rest of the list counted


def test_a_real_80_by_24_terminal_shows_the_headline(tmp_path: Path) -> None:
    code, screen = run_in_terminal(
        "status",
        *ARGS,
        "--as-of",
        "2025-10-01",
        "--lang",
        "sv",
        columns=80,
        env={"LINES": "24"},
    )
    assert code == 0
    lines = ANSI.sub("", screen).replace("\r\n", "\n").rstrip("\n").split("\n")
    assert len(lines) <= 24 and lines[0] == "Verksamhetsplan 2025: läget per 2025-10-01"
    assert "Behöver er nu: 19 mål" in lines


def test_swedish_words_and_names_are_understood(invoke: Invoke) -> None:
    """--only takes the states' words in either language, --branch a branch's name, and a
    goal is found by its id in any case or by words only its title has."""
    sv = invoke("status", *ARGS, "--only", "Försenat, efter plan", "--as-of", "2025-10-01")
    states = [x.split()[0] for x in sv.stdout.splitlines() if x.startswith("  ")]
    assert states == ["overdue", "behind", "behind"]
    named = invoke("status", *ARGS, "--branch", "norra INNERSTADEN", "--as-of", "2025-10-01")
    assert named.stdout.startswith("Verksamhetsplan 2025 · Norra innerstaden:")
    wrong = invoke("status", *ARGS, "--only", "sen", "--lang", "sv")
    assert wrong.exit_code == 2 and "klart, i-fas, i-riskzonen" in wrong.stderr
    story = invoke("status", "NY-I-C", *ARGS, "--as-of", "2025-10-01", "-f", "json")
    assert json.loads(story.stdout)["goal"]["id"] == "ny-i-c"
    by_title = invoke("status", "kandidatutbildningen", *ARGS, "-f", "json")
    assert json.loads(by_title.stdout)["goal"]["id"] == "kandidatutbildning"
    many = invoke("status", "medlem", *ARGS)
    assert many.exit_code == 2 and "several goals have the words medlem" in many.stderr


def test_an_overarching_goal_and_what_did_not_count(invoke: Invoke) -> None:
    """The plan's headline goal has a story too; a goal's timeline shows what was recorded
    of its kind but does not count, and why."""
    out = invoke("status", "fler-medlemmar", *ARGS, "--as-of", "2025-10-01", "--lang", "sv")
    lines = out.stdout.splitlines()
    assert "Läge: i riskzonen" in lines
    assert "  707 av 730 per 2025-09-30, enligt takten 713,5 i dag" in lines
    assert "Bidragande mål (8)" in lines
    serving = lines[lines.index("Bidragande mål (8)") + 1 :]
    assert serving[0].split()[0] == "försenat" and serving[-1].split()[0] == "klart"
    doc = json.loads(
        invoke("status", "fler-medlemmar", *ARGS, "--as-of", "2025-10-01", "-f", "json").stdout
    )
    assert doc["overarching"]["measure"] == "membership" and len(doc["serving"]) == 8
    campaign = invoke(
        "status", "integrerade-kampanjer", *ARGS, "--as-of", "2025-10-01", "--lang", "sv"
    )
    flat = " ".join(campaign.stdout.split())
    assert (
        "2025-05-24 Vårkampanj om trygghet (exempel) (Norra innerstaden, Södermalm-Enskede,"
        " Bromma-Kungsholmen), räknas inte: inte alla avdelningar var med (Västra Söderort,"
        " Östra Söderort, Yttre Västerort saknades)"
    ) in flat
    assert "inget registrerat ännu" not in flat


@pytest.mark.parametrize("width", [60, 72, 80])
def test_a_story_never_runs_past_the_edge(progress: Progress, width: int) -> None:
    from stc_plan.evaluate.story import goal_story
    from stc_plan.render.story import story_lines

    plan = load_plan(SHIPPED_PLAN)
    for goal in plan.goals:
        for lang in ("sv", "en"):
            story = goal_story(plan, progress, goal.id, as_of=date(2025, 10, 1))
            lines = story_lines(story, lang, width)  # type: ignore[arg-type]
            assert max(len(text(line)) for line in lines) <= width, (goal.id, lang)


def test_no_progress_file_is_said_not_hidden(invoke: Invoke, repo: Path) -> None:
    """Without a progress file the overdue goals are overdue for want of any record: the
    view says there is none, on the first screen and in the full view."""
    for args in ([], ["--all"]):
        out = invoke("status", *args, "--as-of", "2025-10-01", "--lang", "sv").stdout
        assert "Ingen uppgiftsfil (plans/2025.progress.yaml): inget är registrerat ännu." in out
    (repo / "plans" / "2025.progress.yaml").write_text("version: 1\nyear: 2025\n", "utf-8")
    assert "Ingen uppgiftsfil" not in invoke("status", "--as-of", "2025-10-01").stdout


def test_a_story_shows_readings_levels_and_refuses_list_options(invoke: Invoke) -> None:
    metric = invoke("status", "pug-motioner", *ARGS, "--as-of", "2025-10-01", "--lang", "sv")
    assert "  mätt 2025-04-30; utgångsläge 0, +3" in metric.stdout.splitlines()
    count = invoke("status", "medlemsaktiviteter", *ARGS, "--as-of", "2025-10-01", "--lang", "sv")
    assert "Frukostmöte om skolpolitik (exempel) (Norra innerstaden; kommun)" in count.stdout
    for option in (["--all"], ["--only", "overdue"], ["--branch", "norra-innerstaden"]):
        refused = invoke("status", "ny-i-c", *ARGS, *option)
        assert refused.exit_code == 2 and "tells one goal's whole story" in refused.stderr


def test_a_story_can_tell_only_its_latest_facts(progress: Progress) -> None:
    """The website's goal pages tell the latest facts (a national party's goal may have
    thousands) and say how many earlier ones are in the progress file."""
    from stc_plan.evaluate.story import goal_story
    from stc_plan.render.story import story_lines

    plan = load_plan(SHIPPED_PLAN)
    whole = goal_story(plan, progress, "ny-i-c", as_of=date(2025, 10, 1))
    cut = goal_story(plan, progress, "ny-i-c", as_of=date(2025, 10, 1), latest=1)
    facts_whole = [e for e in whole.events if not e.planned]
    facts_cut = [e for e in cut.events if not e.planned]
    assert (len(facts_whole), len(facts_cut), cut.earlier, whole.earlier) == (2, 1, 1, 0)
    assert facts_cut[0] == facts_whole[-1]  # the latest kept
    said = [text(x) for x in story_lines(cut, "sv", 100)]
    assert "  … och 1 tidigare uppgift (alla finns i uppgiftsfilen under raw/)" in said


@given(
    text=st.text(st.sampled_from(list("ab  \t\n\r\x0b\x0cé😀-.")), max_size=40),
    width=st.integers(16, 60),  # wider than the indent: textwrap itself hangs otherwise
    first=st.sampled_from(["", "  ", "  2025-01-01  "]),
)
@settings(max_examples=500, deadline=None)
def test_a_story_wraps_as_textwrap_does(text: str, width: int, first: str) -> None:
    """The short way for a line that fits gives textwrap's lines, white space and all."""
    rest = " " * len(first)
    expected = textwrap.wrap(
        text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    )
    assert _wrap(text, width, first, rest) == expected
