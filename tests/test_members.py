"""`stc members` and `stc members import`: the table, its formats, and the privacy promise."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stc_plan.inputs.register import RegisterError, count_members
from tests.conftest import EXAMPLE, SHIPPED_PLAN

Invoke = Callable[..., Any]
ARGS = ("--plan", str(SHIPPED_PLAN), "--facts", str(EXAMPLE), "--as-of", "2025-09-30")
BRANCHES = {
    "bromma-kungsholmen": "Bromma-Kungsholmen",
    "norra-innerstaden": "Norra innerstaden",
    "ostra-soderort": "Östra Söderort",
}

PEOPLE = [  # made-up people with the kinds of data a register export holds
    (
        "Anna Andersson",
        "anna.andersson@example.se",
        "19800101-1234",
        "070-1234567",
        "Bromma-Kungsholmen",
    ),
    ("Bo Ek", "bo.ek@example.se", "19700202-2345", "070-2345678", "Norra innerstaden"),
    ("Cecilia Öst", "cecilia@example.se", "19900303-3456", "070-3456789", "norra innerstaden"),
    ("David Å", "david@example.se", "19850404-4567", "070-4567890", "Ostra Söderort"),
]


def export(rows: list[tuple[str, ...]], sep: str = ";") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\n")
    writer.writerow(["Namn", "E-post", "Personnummer", "Telefon", "Valkrets"])
    writer.writerows(rows)
    return out.getvalue()


def test_members_table_in_swedish_fits_80_columns(invoke: Invoke) -> None:
    """Per branch: baseline, target, latest count, growth, a bar and a state; both totals."""
    result = invoke("members", *ARGS, "--lang", "sv")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    bromma = next(line for line in lines if line.startswith("Bromma-Kungsholmen") and "%" in line)
    assert bromma.split()[1:5] == ["117", "129", "128", "+9,4"]
    assert bromma.endswith("i fas")
    assert any(line.startswith("Totalt utan Syskon") and "707" in line for line in lines)
    assert any(line.startswith("Syskon") and line.endswith("hålls") for line in lines)
    text = " ".join(result.stdout.split())
    assert "Vad som krävs till 31 december" in text
    assert "3,0 månader kvar av året" in text


def test_members_json_and_csv_carry_the_same_fields(invoke: Invoke) -> None:
    """JSON and CSV have each line's count, gap, per-month need, projection and state."""
    doc = json.loads(invoke("members", *ARGS, "-f", "json").stdout)
    lines = {x["unit"]: x for x in doc["lines"]}
    bromma = lines["bromma-kungsholmen"]
    assert (bromma["count"], bromma["gap"], bromma["state"]) == (128, 1, "on-track")
    assert bromma["counted_on"] == "2025-09-30"
    assert lines["syskon"]["state"] == "held"
    assert doc["total"]["count"] == 817 and doc["total_without_siblings"]["count"] == 707
    rows = list(csv.DictReader(io.StringIO(invoke("members", *ARGS, "-f", "csv").stdout)))
    by_unit = {r["unit"]: r for r in rows}
    assert by_unit["bromma-kungsholmen"]["gap"] == "1"
    assert by_unit["total"]["count"] == "817"
    assert set(rows[0]) == {k for k in bromma if k not in ("expected", "planned_growth_percent")}


def test_count_members_core() -> None:
    """Rows are counted per branch by name, any case, with or without accents, ; or ,."""
    for sep in (";", ","):
        counted = count_members(export(PEOPLE, sep).encode(), "x.csv", BRANCHES)
        assert counted.counts == {
            "bromma-kungsholmen": 1,
            "norra-innerstaden": 2,
            "ostra-soderort": 1,
        }
        assert (counted.rows, counted.absent) == (4, [])


def test_bad_exports_name_rows_not_people() -> None:
    """An unknown branch names the row and column only; no cell of it is quoted."""
    rows = [*PEOPLE, ("Eva Ny", "eva@example.se", "19950505-5678", "070-5", "Mars")]
    with pytest.raises(RegisterError) as caught:
        count_members(export(rows).encode(), "x.csv", BRANCHES)
    message = str(caught.value)
    assert "row 6: column 'Valkrets' names no branch of the plan" in message
    for cell in rows[-1]:
        assert cell not in message
    with pytest.raises(RegisterError, match="no column names the constituency or branch"):
        count_members(b"Namn;E-post\nAnna;a@example.se\n", "x.csv", BRANCHES)
    latin = export(PEOPLE).encode("cp1252")
    with pytest.raises(RegisterError, match=r"not UTF-8 .* pass --encoding cp1252"):
        count_members(latin, "x.csv", BRANCHES)
    assert count_members(latin, "x.csv", BRANCHES, encoding="cp1252").rows == 4


def test_import_records_counts_and_nothing_personal(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Import writes counts per branch; no name, e-mail, number or phone appears anywhere."""
    (tmp_path / "plans").mkdir()
    shutil.copy(SHIPPED_PLAN, tmp_path / "plans" / "2025.yaml")
    monkeypatch.chdir(tmp_path)
    register = tmp_path / "medlemmar.csv"
    register.write_text(export(PEOPLE), encoding="utf-8")
    result = invoke("members", "import", str(register), "--date", "2025-03-31")
    assert result.exit_code == 0, result.stderr
    written = (tmp_path / "plans" / "2025.progress.yaml").read_text(encoding="utf-8")
    assert "bromma-kungsholmen: 1" in written and "norra-innerstaden: 2" in written
    everything = written + result.stdout + result.stderr
    for person in PEOPLE:
        for cell in person[:4]:
            assert cell not in everything
    assert "no rows for Södermalm-Enskede" in result.stderr


def test_import_refuses_a_bad_export_and_writes_nothing(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Windows-1252 export: one line with the way out, exit 1, no progress file made."""
    (tmp_path / "plans").mkdir()
    shutil.copy(SHIPPED_PLAN, tmp_path / "plans" / "2025.yaml")
    monkeypatch.chdir(tmp_path)
    register = tmp_path / "medlemmar.csv"
    register.write_bytes(export(PEOPLE).encode("cp1252"))
    result = invoke("members", "import", str(register), "--date", "2025-03-31")
    assert result.exit_code == 1
    assert result.stderr.startswith("stc: not recorded: ")
    assert "--encoding cp1252" in result.stderr
    assert not (tmp_path / "plans" / "2025.progress.yaml").exists()
    ok = invoke("members", "import", str(register), "--date", "2025-03-31", "--encoding", "cp1252")
    assert ok.exit_code == 0


def test_compare_as_csv_names_each_years_columns(invoke: Invoke, repo: Path) -> None:
    """Two years in CSV: unique column names, an empty cell where nothing is known."""
    assert invoke("new", "2026", "--from", "plans/2025.yaml").exit_code == 0
    out = invoke("members", "--compare", "2025", "2026", "-f", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    header = out.splitlines()[0].split(",")
    assert len(header) == len(set(header))
    bromma = next(r for r in rows if r["unit"] == "bromma-kungsholmen")
    assert (bromma["2025_baseline"], bromma["2025_target"], bromma["2025_count"]) == (
        "117",
        "129",
        "",
    )
    assert "–" not in out
    doc = json.loads(invoke("members", "--compare", "2025", "2026", "-f", "json").stdout)
    assert [d["shape"] for d in doc] == [1, 1]
