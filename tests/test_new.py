"""`stc new`: next year's plan drafted from this year's plan and facts; it passes check."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from stc_plan.inputs.plan import check_plan_file, load_plan
from stc_plan.model.plan import MilestoneGoal
from stc_plan.write.nextyear import election_day
from tests.conftest import SHIPPED_PLAN

Invoke = Callable[..., Any]


def test_election_days() -> None:
    """The second Sunday of September every fourth year: 2026-09-13, 2030-09-08."""
    assert election_day(2026) == date(2026, 9, 13)
    assert election_day(2030) == date(2030, 9, 8)
    assert election_day(2027) is None


def test_draft_for_2026(invoke: Invoke, repo_with_facts: Path) -> None:
    """The draft passes stc check, carries every goal, moves deadlines, starts membership
    from the latest counts, and has election day as a milestone."""
    result = invoke("new", "2026", "--from", "plans/2025.yaml")
    assert result.exit_code == 0, result.stderr
    path = repo_with_facts / "plans" / "2026.yaml"
    checked = check_plan_file(path)
    assert checked.errors == []
    new, old = checked.value, load_plan(SHIPPED_PLAN)
    assert new is not None
    text = path.read_text(encoding="utf-8")
    # The repository here has no schema/ folder: the schema is written beside the draft.
    assert text.startswith("# yaml-language-server: $schema=plan.schema.json\n")
    assert (repo_with_facts / "plans" / "plan.schema.json").is_file()
    assert "# UTKAST till verksamhetsplan 2026" in text
    assert "räkningen 2025-09-30" in text  # no December count in the example: the latest
    assert {g.id for g in old.goals} <= {g.id for g in new.goals}
    titles = {g.id: g.title for g in new.goals}
    assert all(titles[g.id] == g.title for g in old.goals)
    renewal = next(g for g in new.goals if g.id == "aterlosning-varen")
    assert isinstance(renewal, MilestoneGoal) and renewal.deadline == date(2026, 6, 30)
    rows = {r.unit: r for r in new.membership.rows}
    assert (rows["bromma-kungsholmen"].baseline, rows["bromma-kungsholmen"].target) == (128, 141)
    assert rows["syskon"].baseline == 110 and rows["syskon"].rule == "hold"
    assert new.membership.baseline_date == date(2025, 9, 30)
    assert new.election is not None and new.election.day == date(2026, 9, 13)
    assert new.goals[0].id == "valdagen" and isinstance(new.goals[0], MilestoneGoal)
    metric = next(g for g in new.goals if g.id == "pug-motioner")
    assert getattr(metric, "baseline", None) == 3  # starts where 2025 ended


def test_refuses_to_overwrite(invoke: Invoke, repo_with_facts: Path) -> None:
    """An existing file is kept unless --force."""
    path = repo_with_facts / "plans" / "2026.yaml"
    path.write_text("# mine\n", encoding="utf-8")
    result = invoke("new", "2026", "--from", "plans/2025.yaml")
    assert result.exit_code == 1
    assert "exists; nothing was written (use --force" in result.stderr
    assert path.read_text(encoding="utf-8") == "# mine\n"
    assert invoke("new", "2026", "--from", "plans/2025.yaml", "--force").exit_code == 0
    assert path.read_text(encoding="utf-8") != "# mine\n"


def test_bad_years(invoke: Invoke, repo_with_facts: Path) -> None:
    """A year that is not a year, or not after the source's, is wrong usage."""
    assert invoke("new", "20x6", "--from", "plans/2025.yaml").exit_code == 2
    past = invoke("new", "2024", "--from", "plans/2025.yaml")
    assert past.exit_code == 2 and "drafts the year after the plan's: 2026" in past.stderr
    assert invoke("new", "2027", "--from", "plans/2025.yaml").exit_code == 2


def test_branch_without_counts_keeps_its_baseline(invoke: Invoke, repo_with_facts: Path) -> None:
    """No facts at all: baselines stay, and the draft and stderr say so."""
    (repo_with_facts / "plans" / "2025.progress.yaml").unlink()
    result = invoke("new", "2026", "--from", "plans/2025.yaml")
    assert result.exit_code == 0
    text = (repo_with_facts / "plans" / "2026.yaml").read_text(encoding="utf-8")
    assert "Inga medlemstal registrerades 2025" in text
    assert "no member count recorded for bromma-kungsholmen" in result.stderr


def test_several_plans_and_a_comparison(invoke: Invoke, repo_with_facts: Path) -> None:
    """stc status takes several plans; stc members --compare sets two years side by side."""
    assert invoke("new", "2026", "--from", "plans/2025.yaml").exit_code == 0
    both = invoke("status", "plans/2025.yaml", "plans/2026.yaml", "-f", "json")
    assert both.exit_code == 0
    import json

    assert [d["plan"]["year"] for d in json.loads(both.stdout)] == [2025, 2026]
    text = invoke("status", "plans/2025.yaml", "plans/2026.yaml", "--as-of", "2026-03-01")
    assert "Verksamhetsplan 2025: status on 2025-12-31" in text.stdout
    assert "Verksamhetsplan 2026: status on 2026-03-01" in text.stdout
    compared = invoke("members", "--compare", "2025", "2026", "--as-of", "2026-03-01")
    assert compared.exit_code == 0, compared.stderr
    bromma = next(
        line for line in compared.stdout.splitlines() if line.startswith("Bromma-Kungsholmen")
    )
    assert bromma.split()[1:] == ["117", "129", "128", "128", "141", "–"]
    missing = invoke("members", "--compare", "2025", "2027")
    assert missing.exit_code == 2
    assert "no plan for 2027" in missing.stderr


def test_when_work_started_is_not_moved(invoke: Invoke, repo_with_facts: Path) -> None:
    """kandidatutbildning started HT 2024: history, not moved a year; before 2025 it is left
    out of the 2026 draft (the work runs from the year's start), never invented."""
    assert invoke("new", "2026", "--from", "plans/2025.yaml").exit_code == 0
    text = (repo_with_facts / "plans" / "2026.yaml").read_text(encoding="utf-8")
    assert "2025-07-01" not in text
    new = load_plan(repo_with_facts / "plans" / "2026.yaml")
    goal = next(g for g in new.goals if g.id == "kandidatutbildning")
    assert isinstance(goal, MilestoneGoal) and goal.started is None


def test_core_call_checks_before_it_writes(repo_with_facts: Path) -> None:
    """`new_plan` is the command's one core call: the wrong year and an existing file are
    refused with nothing written; without `write` the draft is returned, no file made."""
    import pytest

    from stc_plan.inputs.progress import load_progress, progress_path_for
    from stc_plan.write.newplan import NotNextYear, OutputExists, new_plan

    source = repo_with_facts / "plans" / "2025.yaml"
    plan = load_plan(source)
    progress = load_progress(progress_path_for(source), plan, required=True)
    target = repo_with_facts / "plans" / "2026.yaml"
    with pytest.raises(NotNextYear) as wrong:
        new_plan(source, plan, progress, 2027)
    assert (
        wrong.value.message_in("sv") == "stc new gör utkast för året efter planens: 2026, inte 2027"
    )
    shown = new_plan(source, plan, progress, 2026, write=False)
    assert shown.written_to is None and not target.exists()
    assert "# UTKAST till verksamhetsplan 2026" in shown.text
    made = new_plan(source, plan, progress, 2026)
    assert made.written_to == target and target.read_text(encoding="utf-8") == made.text
    assert made.uncounted == []
    target.write_text("# mine\n", encoding="utf-8")
    with pytest.raises(OutputExists):
        new_plan(source, plan, progress, 2026)
    assert target.read_text(encoding="utf-8") == "# mine\n"
    assert new_plan(source, plan, progress, 2026, force=True).text == made.text
