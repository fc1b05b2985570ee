"""`stc status` end to end, and the evaluation and renderers beneath it."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from stc_plan.evaluate.states import State
from stc_plan.evaluate.status import evaluate
from stc_plan.inputs.plan import load_plan
from tests.conftest import MINIMAL_PLAN, SHIPPED_PLAN

Invoke = Callable[..., Any]


def test_evaluate_without_progress() -> None:
    """No facts yet: every goal is 'no data' but open metric targets, 'target not set'."""
    report = evaluate(load_plan(SHIPPED_PLAN), as_of=date(2025, 5, 1))
    states = report.goal_states()
    assert len(states) == 29
    assert states.count(State.TARGET_NOT_SET) == 2
    assert states.count(State.NO_DATA) == 11
    assert states.count(State.STALE) == 16  # ongoing goals: no check-in 92 days into the year
    assert report.as_of == date(2025, 5, 1) and report.clamped is None
    roll = {o.id: o.state for o in report.overarching}
    assert roll["synlighet-sociala-medier"] is State.STALE  # weakest of its goals


def test_membership_truth() -> None:
    """The table's 10 % is per branch: 8.5 % for the whole district, 9.9 % without Syskon."""
    m = evaluate(load_plan(SHIPPED_PLAN), as_of=date(2025, 5, 1)).membership
    assert (m.total.baseline, m.total.target) == (774, 840)
    assert (m.total_without_siblings.baseline, m.total_without_siblings.target) == (664, 730)
    planned, planned_without = m.total.planned_growth, m.total_without_siblings.planned_growth
    assert planned is not None and planned_without is not None
    assert planned.quantize(Decimal("0.1")) == Decimal("8.5")
    assert planned_without.quantize(Decimal("0.1")) == Decimal("9.9")


def test_as_of_is_clamped_to_the_plan_year() -> None:
    """A 2025 plan viewed in 2026 shows its state at 2025-12-31, and says so."""
    plan = load_plan(SHIPPED_PLAN)
    after = evaluate(plan, as_of=date(2026, 11, 27))
    assert (after.as_of, after.clamped) == (date(2025, 12, 31), "after")
    before = evaluate(plan, as_of=date(2024, 6, 1))
    assert (before.as_of, before.clamped) == (date(2025, 1, 1), "before")


def test_plain_status_in_swedish_fits_80_columns(invoke: Invoke) -> None:
    """Plain output (as when piped) is Swedish with --lang sv and no line exceeds 80 columns."""
    result = invoke(
        "status", "--all", "--plan", str(SHIPPED_PLAN), "--lang", "sv", "--as-of", "2025-05-01"
    )
    assert result.exit_code == 0, result.stderr
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    out = " ".join(result.stdout.split())
    assert "läget per 2025-05-01" in out
    assert "utan data" in out and "målvärde ej satt" in out
    assert "växer därför 8,5 % enligt planen, 9,9 % utan Syskon" in out
    assert "29 mål: 16 inaktuella, 11 utan data, 2 med målvärde ej satt" in out
    for goal_id in ("ny-i-c", "medlemsvarvning", "integrerade-kampanjer", "kandidatutbildning"):
        assert goal_id in out


def test_english_and_clamping_note(invoke: Invoke) -> None:
    """In English, a date after the plan year is noted and the year-end state shown."""
    result = invoke(
        "status", "--all", "--plan", str(SHIPPED_PLAN), "--lang", "en", "--as-of", "2026-03-01"
    )
    assert result.exit_code == 0
    flat = " ".join(result.stdout.split())  # undo the wrapping at 80 columns
    assert "status on 2025-12-31" in flat
    assert "2026-03-01 is after the plan year; showing the state at its end." in flat
    assert "grows 8.5% by this plan, 9.9% without Syskon" in flat
    md = invoke("status", "--plan", str(SHIPPED_PLAN), "--lang", "en", "-f", "markdown")
    assert "| `medlemsaktiviteter` (count) Distriktet ska möjliggöra/hjälpa till" in md.stdout


def test_language_from_environment(invoke: Invoke) -> None:
    """STC_LANG, then the locale, choose the language when --lang is not given."""
    args = ("status", "--plan", str(MINIMAL_PLAN), "--as-of", "2025-05-01")
    assert "utan data" in invoke(*args, env={"STC_LANG": "sv"}).stdout
    assert "utan data" in invoke(*args, env={"LANG": "sv_SE.UTF-8"}).stdout
    assert "no data" in invoke(*args, env={"LANG": "C.UTF-8"}).stdout
    assert invoke(*args, "--lang", "fi").exit_code == 2


def test_markdown_keeps_full_titles(invoke: Invoke) -> None:
    """Markdown has the plan's full words and valid table rows."""
    result = invoke(
        "status",
        "--plan",
        str(SHIPPED_PLAN),
        "-f",
        "markdown",
        "--lang",
        "sv",
        "--as-of",
        "2025-05-01",
    )
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("# ")
    assert "| `ny-i-c` (antal) Distriktet ska erbjuda Ny i C 2 gånger per termin" in out
    assert "beroende på antalet nya medlemmar." in out
    rows = [line for line in out.splitlines() if line.startswith("|")]
    assert all(line.endswith("|") for line in rows)


def test_json_status_shape(invoke: Invoke) -> None:
    """JSON carries the same content: states, targets, membership with both totals."""
    result = invoke("status", "--plan", str(SHIPPED_PLAN), "-f", "json", "--as-of", "2025-05-01")
    doc = json.loads(result.stdout)
    assert doc["as_of"] == "2025-05-01" and doc["clamped"] is None
    states = {"stale": 16, "no-data": 11, "target-not-set": 2}
    assert doc["summary"] == {"goals": 29, "states": states}
    goals = {g["id"]: g for s in doc["sections"] for g in s["goals"]}
    assert goals["ny-i-c"]["plan_target"] == {
        "activity": "ny-i-c",
        "at_least": 2,
        "per": "term",
        "from_levels": [],
        "checkpoints": [],
        "within": "year",
    }
    assert goals["engagemang-sociala-medier"]["plan_target"]["target"] == "not-set"
    assert doc["membership"]["total"]["planned_growth_percent"] == 8.53
    assert doc["membership"]["total_without_siblings"]["planned_growth_percent"] == 9.94


def test_rich_table_on_a_terminal() -> None:
    """The rich renderer writes every goal and the state words, sized to the width."""
    import io

    from stc_plan.render import render_status

    report = evaluate(load_plan(SHIPPED_PLAN), as_of=date(2025, 5, 1))
    out = io.StringIO()
    render_status(report, "table", "en", out, 80)
    text = out.getvalue()
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "no data" in text and "target not set" in text
    assert "medlemsaktiviteter" in text


def test_bad_as_of_and_format(invoke: Invoke) -> None:
    """A malformed date or format is wrong usage (exit 2) with a one-line message."""
    result = invoke("status", "--plan", str(SHIPPED_PLAN), "--as-of", "2025-13-01")
    assert result.exit_code == 2
    assert result.stderr == "stc: --as-of takes a date as YYYY-MM-DD, not '2025-13-01'\n"
    assert invoke("status", "--plan", str(SHIPPED_PLAN), "-f", "xml").exit_code == 2


@pytest.mark.parametrize("plans", [["2025.yaml"], ["2024.yaml", "2025.yaml"]])
def test_plan_discovery(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plans: list[str]
) -> None:
    """With no plan named: the newest plans/*.yaml, with a note when there was a choice."""
    (tmp_path / "plans").mkdir()
    for name in plans:
        (tmp_path / "plans" / name).write_text(MINIMAL_PLAN.read_text(encoding="utf-8"))
    monkeypatch.chdir(tmp_path)
    result = invoke("status", "--as-of", "2025-05-01")
    assert result.exit_code == 0
    if len(plans) == 1:
        assert result.stderr == ""
    else:
        assert result.stderr == (
            "stc: using plans/2025.yaml, the newest of 2 plans in plans/; "
            "choose another with --plan FILE\n"
        )


def test_plan_from_environment_and_none_found(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """STC_PLAN names the plan; with nothing to find, the error says what to do."""
    monkeypatch.chdir(tmp_path)
    result = invoke("check", env={"STC_PLAN": str(MINIMAL_PLAN)})
    assert result.exit_code == 0
    result = invoke("status")
    assert result.exit_code == 1
    assert result.stderr == (
        f"stc: no plan named and no plans/*.yaml in {tmp_path}; "
        "name one with --plan FILE or set STC_PLAN\n"
    )


def test_targets_show_before_any_facts(invoke: Invoke) -> None:
    """With nothing recorded, each count goal still shows its target, in words and number."""
    result = invoke(
        "status",
        "--all",
        "--plan",
        str(SHIPPED_PLAN),
        "--as-of",
        "2025-05-01",
        "--section",
        "3",
        "--lang",
        "sv",
    )
    flat = " ".join(result.stdout.split())
    assert "medlemsaktiviteter (antal) – / 10" in flat
    assert "målvärde: minst 10 medlemsaktiviteter från kommun, region, riksdag" in flat
    assert "ny-i-c (antal) – / 4" in flat
    assert "medlemsvarvning (antal) – / 6 avd." in flat
