"""A hand-edited progress file is checked like a plan: every problem, at its line."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.conftest import EXAMPLE, SHIPPED_PLAN

Invoke = Callable[..., Any]

BROKEN = """\
version: 1
year: 2025
members:
  - date: 2025-01-31
    counts:
      bromma-kungsholmen: -3
      syskon: 110
  - date: 2026-01-31
    counts:
      narra-innerstaden: 160
activities:
  - date: 2025-02-01
    kind: medlemsaktivitet
    title: Frukost
  - date: 2025-02-02
    kind: ny-i-c
    title: Ny i C
    branches: [mars]
    levels: [kommun]
done:
  - goal: medlemsresan
    date: 2025-03-01
checkins:
  - goal: medlemsresn
    date: 2025-03-01
    rating: on-track
"""


def test_example_facts_are_valid(invoke: Invoke) -> None:
    """The shipped example progress file passes against the shipped plan."""
    result = invoke("check", "--plan", str(SHIPPED_PLAN), "--facts", str(EXAMPLE))
    assert (result.exit_code, result.stdout) == (0, "")


def test_every_problem_at_its_line(invoke: Invoke, repo: Path) -> None:
    """`stc check` on the plan also checks the progress file beside it, all problems at once.

    (An entry with a schema error is set aside before the rules run, so the Syskon count
    next to the -3 is not judged in this run: once the -3 is fixed, it is.)
    """
    (repo / "plans" / "2025.progress.yaml").write_text(BROKEN, encoding="utf-8")
    result = invoke("check")
    assert result.exit_code == 1
    name = "plans/2025.progress.yaml"
    assert result.stdout.splitlines() == [
        f"{name}:6:27: member count of '2025-01-31': counts.bromma-kungsholmen: "
        "must be at least 0, got the number -3",
        f"{name}:8:11: member count of '2026-01-31': date: 2026-01-31 is outside the plan "
        "year 2025; facts are dated in it",
        f"{name}:10:7: member count of '2026-01-31': counts: no branch "
        "'narra-innerstaden' in the plan; did you mean 'norra-innerstaden'?",
        f"{name}:13:11: activity 'Frukost': kind: expected one of member-activity, ny-i-c, "
        "recruitment-drive, integrated-campaign, training, renewal-drive, event-project, "
        "workshop, campaign-activity, other, got text 'medlemsaktivitet'",
        f"{name}:19:14: activity 'Ny i C': levels[1]: expected one of municipal, regional, "
        "national, got text 'kommun'",
        f"{name}:21:11: done of goal 'medlemsresan': goal: 'medlemsresan' is not a milestone "
        "(it is ongoing); only milestones are marked done: record activities, readings or "
        "check-ins instead",
        f"{name}:24:11: check-in of goal 'medlemsresn': goal: no goal 'medlemsresn' in the "
        "plan; did you mean 'medlemsresan'?",
    ]


def test_progress_file_named_alone(invoke: Invoke, repo: Path) -> None:
    """A progress file named on its own is checked against the plan beside it."""
    shutil.copy(EXAMPLE, repo / "plans" / "2025.progress.yaml")
    assert invoke("check", "plans/2025.progress.yaml").exit_code == 0
    shutil.copy(EXAMPLE, repo / "plans" / "2024.progress.yaml")
    orphan = invoke("check", "plans/2024.progress.yaml")
    assert orphan.exit_code == 1
    assert orphan.stdout == (
        "plans/2024.progress.yaml:1:1: its plan plans/2024.yaml does not exist; a progress "
        "file is checked against the plan beside it\n"
    )


def test_status_refuses_broken_facts(invoke: Invoke, repo: Path) -> None:
    """`stc status` will not report from invalid facts: it lists them and exits 1."""
    (repo / "plans" / "2025.progress.yaml").write_text(BROKEN, encoding="utf-8")
    result = invoke("status")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        "stc: plans/2025.progress.yaml is not valid; fix the lines above (stc check lists them)"
    )
