"""`stc diff`: semantic differences between plan versions, from files or git revisions."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stc_plan.evaluate.diff import diff_plans
from stc_plan.inputs.plan import load_plan
from tests.conftest import SHIPPED_PLAN

Invoke = Callable[..., Any]


def edit(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


CHANGED = (
    ("at_least: 10", "at_least: 12"),
    ("baseline: 117\n      target: 129", "baseline: 118\n      target: 130"),
    ("    baseline: 774\n    target: 840", "    baseline: 775\n    target: 841"),
    (
        '  - id: kandidatutbildning\n    section: "3.2"',
        '  - id: kandidatutbildning\n    section: "3.1"',
    ),
    (
        "title: Identifiera avdelningar som ev. behöver extra stöd",
        "title: Identifiera avdelningar som behöver extra stöd",
    ),
    ('    deadline: 2025-06-30 # "under våren"', "    deadline: 2025-05-31 #"),
    ("  - id: malgrupper-sociala-medier", "  - id: malgrupper-i-sociala-medier"),
    ("  - id: coacha-fortroendevalda", "  - id: coacha"),
    ("title: Fortsätt coacha förtroendevalda", "title: Coacha förtroendevalda"),
)


def commit(message: str) -> None:
    subprocess.run(["git", "commit", "-qam", message], check=True)


def test_core_names_each_kind_of_change(tmp_path: Path) -> None:
    """Added, removed, renamed, re-titled, moved and changed goals; membership and growth."""
    new = tmp_path / "new.yaml"
    new.write_text(edit(SHIPPED_PLAN.read_text(encoding="utf-8"), *CHANGED), encoding="utf-8")
    d = diff_plans(load_plan(SHIPPED_PLAN), load_plan(new), old_name="a", new_name="b")
    seen = {(c.kind, c.id, c.field) for c in d.changes}
    assert ("renamed", "malgrupper-sociala-medier", "id") in seen
    assert ("added", "coacha", "") in seen and ("removed", "coacha-fortroendevalda", "") in seen
    assert ("changed", "medlemsaktiviteter", "at_least") in seen
    assert ("changed", "aterlosning-varen", "deadline") in seen
    assert ("retitled", "extra-stod-avdelningar", "title") in seen
    assert ("moved", "kandidatutbildning", "section") in seen
    assert ("changed", "bromma-kungsholmen", "target") in seen
    assert d.growth is not None


def test_formatting_alone_is_no_difference(invoke: Invoke, tmp_path: Path) -> None:
    """Comments, blank lines, quoting and key order changed: no changes, exit 0 even with
    --exit-code."""
    text = SHIPPED_PLAN.read_text(encoding="utf-8")
    shuffled = edit(
        text,
        ("version: 1\nyear: 2025\n", "year: 2025   # år\nversion: 1\n\n\n"),
        ('  - id: ny-i-c\n    section: "3"', "  - section: '3'\n    id: \"ny-i-c\""),
    )
    other = tmp_path / "other.yaml"
    other.write_text(shuffled, encoding="utf-8")
    result = invoke("diff", str(SHIPPED_PLAN), str(other), "--exit-code")
    assert result.exit_code == 0
    assert result.stdout.endswith("no changes\n")


def test_files_text_markdown_json(invoke: Invoke, tmp_path: Path) -> None:
    """Two files: a line per change; Markdown for a PR; JSON; --exit-code gives 1."""
    new = tmp_path / "new.yaml"
    new.write_text(edit(SHIPPED_PLAN.read_text(encoding="utf-8"), *CHANGED), encoding="utf-8")
    text = invoke("diff", str(SHIPPED_PLAN), str(new))
    assert text.exit_code == 0
    lines = text.stdout.splitlines()
    assert "goal medlemsaktiviteter: at_least 10 → 12" in lines
    assert "goal kandidatutbildning: moved from section 3.2 to 3.1" in lines
    assert "goal malgrupper-sociala-medier: renamed to malgrupper-i-sociala-medier" in lines
    assert "membership bromma-kungsholmen: target 129 → 130" in lines
    assert lines[-1] == "the district's growth by the plan: 8.53% → 8.52%"
    md = invoke("diff", str(SHIPPED_PLAN), str(new), "-f", "markdown", "--exit-code")
    assert md.exit_code == 1
    assert md.stdout.startswith("### Plan changes:")
    assert "- goal medlemsaktiviteter: at\\_least 10 → 12" in md.stdout
    doc = json.loads(invoke("diff", str(SHIPPED_PLAN), str(new), "-f", "json").stdout)
    assert doc["changed"] is True
    assert {
        "kind": "changed",
        "what": "goal",
        "id": "medlemsaktiviteter",
        "field": "at_least",
        "old": 10,
        "new": 12,
    } in doc["changes"]


def test_revisions(invoke: Invoke, git_repo: Path) -> None:
    """HEAD against the work tree, REV against the work tree, and A..B."""
    plan = git_repo / "plans" / "2025.yaml"
    assert invoke("diff").stdout.endswith("no changes\n")
    plan.write_text(edit(plan.read_text(encoding="utf-8"), CHANGED[0]), encoding="utf-8")
    working = invoke("diff")
    assert working.stdout.splitlines() == [
        "HEAD:plans/2025.yaml → plans/2025.yaml",
        "goal medlemsaktiviteter: at_least 10 → 12",
    ]
    commit("more activities")
    assert invoke("diff", "HEAD~1").stdout.splitlines()[1:] == [
        "goal medlemsaktiviteter: at_least 10 → 12"
    ]
    ranged = invoke("diff", "HEAD~1..HEAD")
    assert ranged.stdout.splitlines()[0] == "HEAD~1:plans/2025.yaml → HEAD:plans/2025.yaml"


def test_facts_added(invoke: Invoke, git_repo: Path) -> None:
    """New facts in the progress file beside the plan are listed."""
    facts = git_repo / "plans" / "2025.progress.yaml"
    facts.write_text("version: 1\nyear: 2025\n", encoding="utf-8")
    subprocess.run(["git", "add", "-A"], check=True)
    commit("facts")
    assert invoke("record", "done", "aterlosning-varen", "--date", "2025-05-17").exit_code == 0
    out = invoke("diff").stdout.splitlines()
    assert out[1:] == ['fact in done: added "2025-05-17 aterlosning-varen"']


def test_facts_on_one_side_only(invoke: Invoke, git_repo: Path) -> None:
    """A progress file new since HEAD: its facts are listed as added (issue #11)."""
    facts = git_repo / "plans" / "2025.progress.yaml"
    facts.write_text(
        "version: 1\nyear: 2025\ndone:\n  - goal: aterlosning-varen\n    date: 2025-05-17\n",
        encoding="utf-8",
    )
    out = invoke("diff").stdout.splitlines()
    assert out[1:] == ['fact in done: added "2025-05-17 aterlosning-varen"']
    subprocess.run(["git", "add", "-A"], check=True)
    commit("facts")
    facts.unlink()
    assert invoke("diff").stdout.splitlines()[1:] == [
        'fact in done: removed "2025-05-17 aterlosning-varen"'
    ]


def test_a_new_plan_is_compared_with_nothing(invoke: Invoke, git_repo: Path) -> None:
    """Right after `stc new 2026`, `stc diff` lists the whole draft as added."""
    made = invoke("new", "2026", "--from", "plans/2025.yaml")
    assert made.exit_code == 0, made.stderr
    result = invoke("diff", "--plan", "plans/2026.yaml")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "HEAD:plans/2026.yaml → plans/2026.yaml"
    assert lines[1] == 'plan 2026: added "Verksamhetsplan 2026"'
    assert 'goal medlemsaktiviteter: added "Distriktet ska' in result.stdout
    assert "membership bromma-kungsholmen: added" in result.stdout
    assert lines[-1] == "the district's growth by the plan: – → 8.53%"
    doc = json.loads(invoke("diff", "--plan", "plans/2026.yaml", "-f", "json").stdout)
    assert all(c["kind"] == "added" for c in doc["changes"])
    assert doc["district_growth_percent"] == {"old": None, "new": 8.53}


def test_errors(invoke: Invoke, git_repo: Path, tmp_path: Path) -> None:
    """Unknown revision, a path missing at a revision, no repository, an invalid side."""
    bad = invoke("diff", "nosuchrev")
    assert (bad.exit_code, bad.stderr) == (2, "stc: 'nosuchrev' is neither a file nor a revision\n")
    other = git_repo / "plans" / "2026.yaml"
    shutil.copy(SHIPPED_PLAN, other)
    # Not at HEAD on both sides: nothing to compare.
    missing = invoke("diff", "HEAD..HEAD", "--plan", "plans/2026.yaml")
    assert missing.exit_code == 1
    assert missing.stderr == "stc: 2026.yaml does not exist at HEAD\n"
    plan = git_repo / "plans" / "2025.yaml"
    plan.write_text(
        edit(plan.read_text(encoding="utf-8"), ("at_least: 10", "at_least: x")), encoding="utf-8"
    )
    commit("broken")
    other.unlink()
    broken = invoke("diff", "HEAD~1", "HEAD")
    assert broken.exit_code == 1
    assert broken.stderr.splitlines()[0].startswith(
        "HEAD:plans/2025.yaml:222:15: goal 'medlemsaktiviteter': at_least: expected a whole"
    )
    outside = tmp_path.parent / f"{tmp_path.name}-nogit"
    outside.mkdir()
    shutil.copy(SHIPPED_PLAN, outside / "2025.yaml")
    nogit = invoke("diff", "HEAD", "--plan", str(outside / "2025.yaml"))
    assert nogit.exit_code == 1
    assert "is not in a git repository; compare two files instead" in nogit.stderr


def test_missing_file_is_named_as_a_file(invoke: Invoke, tmp_path: Path) -> None:
    """A .yaml argument that does not exist is a missing file, not an unknown revision."""
    missing = tmp_path / "old.yaml"
    for args in ([str(missing)], [str(SHIPPED_PLAN), str(missing)]):
        result = invoke("diff", *args, "--plan", str(SHIPPED_PLAN))
        assert result.exit_code == 1
        assert result.stderr == f"stc: {missing}: cannot read: no such file; check the path\n"


def test_two_files_need_no_plan_here(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two files name both sides: no plans/ folder is needed, and nothing is said about one."""
    monkeypatch.chdir(tmp_path)  # no plans/ here
    new = tmp_path / "new.yaml"
    new.write_text(edit(SHIPPED_PLAN.read_text(encoding="utf-8"), *CHANGED[:1]), encoding="utf-8")
    result = invoke("diff", str(SHIPPED_PLAN), str(new))
    assert (result.exit_code, result.stderr) == (0, "")
    assert "goal medlemsaktiviteter: at_least 10 → 12" in result.stdout.splitlines()


def test_a_revision_against_a_file_is_that_file_then(invoke: Invoke, git_repo: Path) -> None:
    """With 2025 and a 2026 draft in plans/, `stc diff HEAD plans/2025.yaml` compares 2025
    with itself at HEAD, not the newest plan; either order."""
    assert invoke("new", "2026", "--from", "plans/2025.yaml").exit_code == 0
    forward = invoke("diff", "HEAD", "plans/2025.yaml")
    assert forward.stdout == "HEAD:plans/2025.yaml → plans/2025.yaml\nno changes\n"
    backward = invoke("diff", "plans/2025.yaml", "HEAD")
    assert backward.stdout == "plans/2025.yaml → HEAD:plans/2025.yaml\nno changes\n"
