"""`stc status` with recorded facts: states in words, pace columns, filters and formats."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from tests.conftest import EXAMPLE, SHIPPED_PLAN

Invoke = Callable[..., Any]
ARGS = ("--plan", str(SHIPPED_PLAN), "--facts", str(EXAMPLE))


def test_example_shows_every_kind_of_state(invoke: Invoke) -> None:
    """The example facts on 30 September give done, on track, at risk, behind, overdue,
    stale, no data and target not set, and the summary line counts them."""
    doc = json.loads(invoke("status", *ARGS, "--as-of", "2025-09-30", "-f", "json").stdout)
    states = {g["id"]: g["state"] for s in doc["sections"] for g in s["goals"]}
    assert states["aterlosning-varen"] == "done"
    assert states["medlemsaktiviteter"] == "on-track"
    assert states["medlemsvarvning"] == "at-risk"
    assert states["integrerade-kampanjer"] == "behind"
    assert states["ny-i-c"] == "overdue"
    assert states["medlemsregistret"] == "stale"
    assert states["lokalen-oppen"] == "stale"  # never checked in, its first check-in past due
    assert states["nomineringsprocess"] == "no-data"
    assert states["pug-motioner"] == "target-not-set"
    assert doc["summary"]["states"]["done"] == 2
    early = json.loads(invoke("status", *ARGS, "--as-of", "2025-01-25", "-f", "json").stdout)
    early_states = {g["id"]: g["state"] for s in early["sections"] for g in s["goals"]}
    assert early_states["medlemsaktiviteter"] == "not-started"


def test_goal_fields_in_json(invoke: Invoke) -> None:
    """Actual, target, remaining, expected by the date and what is missing, per goal."""
    doc = json.loads(invoke("status", *ARGS, "--as-of", "2025-09-30", "-f", "json").stdout)
    goals = {g["id"]: g for s in doc["sections"] for g in s["goals"]}
    activities = goals["medlemsaktiviteter"]
    assert (activities["actual"], activities["target"], activities["remaining"]) == (8, 10, 2)
    assert activities["expected"] == 7.48
    assert activities["missing"] == ["national"]
    assert goals["medlemsvarvning"]["missing"] == ["norra-innerstaden", "vastra-soderort"]
    assert goals["ny-i-c"]["missing"] == ["VT", "HT"]
    assert goals["kandidatutbildning"]["last_checkin"]["rating"] == "at-risk"


def test_plain_table_shows_pace_and_words(invoke: Invoke) -> None:
    """The table has actual/target, left and expected, and the missing branches by name."""
    result = invoke("status", *ARGS, "--all", "--as-of", "2025-09-30", "--lang", "sv")
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "utfall/målvärde" in result.stdout and "väntat" in result.stdout
    row = next(line for line in result.stdout.splitlines() if line.startswith("medlemsaktiviteter"))
    assert row.split()[-7:] == ["8", "/", "10", "2", "7,5", "i", "fas"]
    flat = " ".join(result.stdout.split())
    assert "saknas: Norra innerstaden, Västra Söderort" in flat
    assert (
        "29 mål: 1 försenat, 2 efter plan, 2 i riskzonen, 14 inaktuella, 3 utan data, "
        "2 med målvärde ej satt, 3 i fas, 2 klara" in flat
    )


def test_section_and_branch_filters(invoke: Invoke) -> None:
    """--section narrows to a section and its subsections; --branch sees one branch."""
    doc = json.loads(
        invoke("status", *ARGS, "--as-of", "2025-09-30", "--section", "3", "-f", "json").stdout
    )
    assert [s["id"] for s in doc["sections"]] == ["3", "3.1", "3.2", "3.3"]
    branch = json.loads(
        invoke(
            "status", *ARGS, "--as-of", "2025-09-30", "--branch", "norra-innerstaden", "-f", "json"
        ).stdout
    )
    goals = {g["id"]: g for s in branch["sections"] for g in s["goals"]}
    assert goals["medlemsvarvning"]["state"] == "behind"  # none held in this branch
    assert goals["medlemsvarvning"]["target"] == 1
    # A count the district makes together stays the district's, with the branch's part.
    assert goals["medlemsaktiviteter"]["actual"] == 8
    assert goals["medlemsaktiviteter"]["here"] == 4  # the activities involving the branch
    assert [x["unit"] for x in branch["membership"]["lines"]] == ["norra-innerstaden"]
    bad = invoke("status", *ARGS, "--branch", "mars")
    assert bad.exit_code == 2 and "--branch must be one of" in bad.stderr


def test_csv_has_a_row_per_goal(invoke: Invoke) -> None:
    """CSV: one row per goal with the documented columns, in plan order, then the channels."""
    out = invoke("status", *ARGS, "--as-of", "2025-09-30", "-f", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    goals = [r for r in rows if r["kind"] != "channel"]
    assert len(goals) == 29 and rows[: len(goals)] == goals
    channel = rows[-1]
    assert (channel["id"], channel["actual"], channel["baseline"]) == (
        "facebook-medlemsgrupp",
        "741",
        "713",
    )
    assert channel["reading_on"] == "2025-06-30"
    assert rows[0]["id"] == "nomineringsprocess" and rows[0]["section"] == "1"
    assert by_id_state(rows, "pug-motioner") == "target-not-set"
    by_id = {r["id"]: r for r in rows}
    assert by_id["ny-i-c"]["missing"] == "VT HT"
    assert by_id["aterlosning-varen"]["done_on"] == "2025-05-17"


def test_late_recorded_fact_counts_for_its_own_date(invoke: Invoke, tmp_path: Any) -> None:
    """A fact recorded after its period ended still counts on the date it carries."""
    facts = tmp_path / "late.progress.yaml"
    facts.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    before = json.loads(
        invoke(
            "status",
            "--plan",
            str(SHIPPED_PLAN),
            "--facts",
            str(facts),
            "--as-of",
            "2025-09-30",
            "-f",
            "json",
        ).stdout
    )
    ny = next(g for s in before["sections"] for g in s["goals"] if g["id"] == "ny-i-c")
    assert ny["missing"] == ["VT", "HT"]
    result = invoke(
        "record",
        "activity",
        "2025-05-20",
        "--kind",
        "ny-i-c",
        "--title",
        "Ny i C i maj, inskriven i efterhand",
        "--all-branches",
        "--plan",
        str(SHIPPED_PLAN),
        "--facts",
        str(facts),
    )
    assert result.exit_code == 0, result.stderr
    after = json.loads(
        invoke(
            "status",
            "--plan",
            str(SHIPPED_PLAN),
            "--facts",
            str(facts),
            "--as-of",
            "2025-09-30",
            "-f",
            "json",
        ).stdout
    )
    ny = next(g for s in after["sections"] for g in s["goals"] if g["id"] == "ny-i-c")
    assert ny["missing"] == ["HT"] and ny["state"] == "on-track"


def by_id_state(rows: list[dict[str, str]], goal_id: str) -> str:
    return next(r["state"] for r in rows if r["id"] == goal_id)
