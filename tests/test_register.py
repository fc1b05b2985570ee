"""The member-register import never miscounts and never leaks: CSV as exports really are
(; or , separated, quoted cells, BOMs, Windows code pages, UTF-16) and .xlsx, each either
counted exactly or refused in one line that names a row by its number and quotes no cell."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stc_plan.inputs.register import RegisterError, count_members
from stc_plan.parse import limits
from tests.conftest import SHIPPED_PLAN

Invoke = Callable[..., Any]
BRANCHES = {
    "bromma-kungsholmen": "Bromma-Kungsholmen",
    "norra-innerstaden": "Norra innerstaden",
    "sodermalm-enskede": "Södermalm-Enskede",
}
HEADER = ["Namn", "E-post", "Personnummer", "Adress", "Valkrets"]


def person(i: int) -> list[str]:
    """A made-up member whose every cell is recognisably theirs."""
    branch = list(BRANCHES.values())[i % 3]
    return [
        f"Medlem{i:03d} Karlsson",
        f"medlem{i:03d}@example.se",
        f"19800101-{i:04d}",
        f"Gatan {i}; 1 tr, Stockholm",  # ; and , inside a quoted cell
        branch,
    ]


MEMBERS = [person(i) for i in range(30)]


def export(rows: list[list[str]], sep: str = ";", header: bool = True) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    if header:
        writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue()


def personal(message: str) -> list[str]:
    """Cells of MEMBERS that appear in ``message`` (none may)."""
    return [c for row in MEMBERS for c in row[:4] if c in message]


def refused(raw: bytes, *words: str, **kwargs: Any) -> str:
    with pytest.raises(RegisterError) as caught:
        count_members(raw, "x.csv", BRANCHES, **kwargs)
    message = str(caught.value)
    assert personal(message) == []
    assert "\n" not in message
    for word in words:
        assert word in message, message
    return message


@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_quoted_cells_holding_separators_are_read_right(sep: str) -> None:
    """Each member once, whatever the separator, with ; and , inside quoted cells."""
    counted = count_members(export(MEMBERS, sep).encode(), "x.csv", BRANCHES)
    assert counted.counts == {b: 10 for b in BRANCHES} and counted.rows == 30


def test_a_file_without_its_header_row_is_refused_naming_no_one() -> None:
    """The first row is a member: refused, row 1 named, no cell quoted."""
    refused(export(MEMBERS, header=False).encode(), "row 1 holds data, not column names")
    kretsberg = [["Anna Kretsberg", "anna@example.se", "Bromma-Kungsholmen"]]
    message = refused(export(kretsberg + MEMBERS, header=False).encode(), "row 1")
    assert "Kretsberg" not in message and "anna@" not in message


def test_a_name_that_contains_a_header_word_is_not_the_header() -> None:
    """'Kretsberg' holds 'krets', but only a whole word makes a column the branch column."""
    header = "Namn;Kontakt\nAnna Kretsberg;a\n"
    message = refused(header.encode(), "no column names the constituency or branch")
    assert "Kretsberg" not in message


def test_stray_quote_is_refused_not_miscounted() -> None:
    """One stray quote used to make a 30-member file count 4; now: refused at its row."""
    lines = export(MEMBERS).split("\r\n")
    lines[5] = '"' + lines[5]  # an opening quote that is never closed on its row
    refused("\r\n".join(lines).encode(), "row 6 has a quote", "not closed on that row")


def test_wrong_number_of_cells_is_refused() -> None:
    lines = export(MEMBERS).split("\r\n")
    lines[9] = lines[9] + ";extra"
    refused("\r\n".join(lines).encode(), "row 10 has 6 cells where the header has 5")


def test_lone_carriage_return_is_refused() -> None:
    text = export(MEMBERS).replace("\r\n", "\r", 13).replace("\r", "\r\n", 11)
    refused(text.encode(), "row 12 has a carriage return (CR) that ends no line")


@settings(max_examples=80, deadline=None)
@given(
    st.integers(0, 29),
    st.integers(0, 4),
    st.integers(0, 40),
    st.sampled_from(['"', "\r", ";", "\n", '""', "\x00"]),
)
def test_damaged_exports_count_exactly_or_are_refused(
    row: int, col: int, at: int, junk: str
) -> None:
    """Any one damage anywhere: the count is exact or the file is refused; never a leak."""
    rows = [list(r) for r in MEMBERS]
    cell = rows[row][col]
    rows[row][col] = cell[:at] + junk + cell[at:]
    raw = export(rows).encode()
    try:
        counted = count_members(raw, "x.csv", BRANCHES)
    except RegisterError as exc:
        assert personal(str(exc)) == [] and "\n" not in str(exc)
        return
    assert counted.rows == 30  # the csv writer quoted the damage: still 30 members
    assert sum(counted.counts.values()) <= 30


@settings(max_examples=80, deadline=None)
@given(st.integers(0, 2000), st.sampled_from(['"', "\r", ";", "\r\n", "\n\n", '"\n"']))
def test_damaged_raw_bytes_count_exactly_or_are_refused(at: int, junk: str) -> None:
    """The same for damage to the file's text itself, where no writer quotes it."""
    text = export(MEMBERS)
    at = min(at, len(text))
    damaged = text[:at] + junk + text[at:]
    try:
        counted = count_members(damaged.encode(), "x.csv", BRANCHES)
    except RegisterError as exc:
        assert personal(str(exc)) == []
        return
    physical = [x for x in damaged.replace("\r\n", "\n").split("\n") if x.strip()]
    assert counted.rows == len(physical) - 1  # every non-blank line but the header


@pytest.mark.parametrize(
    ("encoding", "advice"),
    [
        ("cp1252", "Windows-1252 export: save it as UTF-8, or pass --encoding cp1252"),
        ("cp850", "DOS (code page 850) export: save it as UTF-8, or pass --encoding cp850"),
    ],
)
def test_eight_bit_exports_get_the_right_advice(encoding: str, advice: str) -> None:
    rows = [[*r[:4], "Södermalm-Enskede"] for r in MEMBERS]
    raw = export(rows).replace("Karlsson", "Åkesson Öberg Ängby").encode(encoding)
    refused(raw, advice)
    counted = count_members(raw, "x.csv", BRANCHES, encoding=encoding)
    assert counted.counts == {"sodermalm-enskede": 30}


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom"])
def test_marked_unicode_exports_are_read(codec: str) -> None:
    """A BOM says which Unicode encoding: UTF-8 with BOM and UTF-16 are read as they are."""
    text = export(MEMBERS)
    if codec == "utf-16-le-bom":
        raw = b"\xff\xfe" + text.encode("utf-16-le")
    elif codec == "utf-16-be-bom":
        raw = b"\xfe\xff" + text.encode("utf-16-be")
    else:
        raw = text.encode(codec)
    assert count_members(raw, "x.csv", BRANCHES).rows == 30


def test_utf16_without_a_mark_gets_the_right_advice() -> None:
    refused(export(MEMBERS).encode("utf-16-le"), "UTF-16 without a byte-order mark", "utf-16-le")
    refused(export(MEMBERS).encode("utf-16-be"), "--encoding utf-16-be")


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"%PDF-1.7\n\x00\x01\x02binary", "not a CSV or .xlsx export"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "an old Excel file (.xls)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a CSV or .xlsx export"),
    ],
)
def test_other_binary_files_are_refused(raw: bytes, words: str) -> None:
    refused(raw, words)


def test_a_zip_that_is_not_xlsx_is_refused() -> None:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("members.csv", export(MEMBERS))
    refused(out.getvalue(), "a ZIP archive, not an .xlsx export")
    refused(b"PK\x03\x04broken", "a ZIP archive")


def xlsx(rows: list[list[Any]]) -> bytes:
    """An .xlsx workbook with ``rows`` on its first sheet, as Excel would save it."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_is_read_directly() -> None:
    counted = count_members(xlsx([HEADER, *MEMBERS]), "x.xlsx", BRANCHES)
    assert counted.counts == {b: 10 for b in BRANCHES} and counted.rows == 30


def test_xlsx_has_the_same_rules_and_privacy() -> None:
    """Header-less, an unknown branch: refused by Excel's row numbers, naming no one."""
    refused(xlsx(MEMBERS), "row 1 holds data, not column names")
    rows = [HEADER, *MEMBERS, ["Eva Ny", "eva@example.se", "19950505-5678", "x", "Mars"]]
    message = refused(xlsx(rows), "row 32: column 'Valkrets' names no branch of the plan")
    assert "Eva" not in message and "Mars" not in message
    refused(xlsx([HEADER, [None] * 5]), "no member rows")
    counted = count_members(
        xlsx([HEADER, [1, None, 19800101, None, "Norra innerstaden"]]), "x", BRANCHES
    )
    assert counted.counts == {"norra-innerstaden": 1}


def test_cell_and_file_size_limits(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cell over STC_MAX_CELL and a file over STC_MAX_REGISTER_BYTES: one line each."""
    rows = [list(r) for r in MEMBERS]
    rows[3][3] = "x" * 10_001
    refused(export(rows).encode(), "row 5 has a cell longer than 10000 characters (STC_MAX_CELL)")
    (tmp_path / "plans").mkdir()
    shutil.copy(SHIPPED_PLAN, tmp_path / "plans" / "2025.yaml")
    monkeypatch.chdir(tmp_path)
    register = tmp_path / "register.csv"
    register.write_text(export(MEMBERS), encoding="utf-8")
    result = invoke(
        "members",
        "import",
        str(register),
        "--date",
        "2025-03-31",
        env={"STC_MAX_REGISTER_BYTES": "1000"},
    )
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "more than the limit of 1000 bytes (STC_MAX_REGISTER_BYTES)" in result.stderr
    assert not (tmp_path / "plans" / "2025.progress.yaml").exists()


def test_default_limits_fit_200000_members_with_20_columns() -> None:
    """A generous export (20 columns of 60 characters, 200,000 rows) is under the default."""
    row = (";".join(["x" * 60] * 20) + "\r\n").encode()
    assert 200_000 * len(row) < limits.Limits().max_register_bytes
    assert limits.Limits().max_cell >= 1_000


def test_xlsx_import_through_the_cli_records_only_counts(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`stc members import register.xlsx`: counts recorded; no one in any output."""
    (tmp_path / "plans").mkdir()
    shutil.copy(SHIPPED_PLAN, tmp_path / "plans" / "2025.yaml")
    monkeypatch.chdir(tmp_path)
    register = tmp_path / "register.xlsx"
    register.write_bytes(xlsx([HEADER, *MEMBERS]))
    result = invoke("members", "import", str(register), "--date", "2025-03-31")
    assert result.exit_code == 0, result.stderr
    written = (tmp_path / "plans" / "2025.progress.yaml").read_text(encoding="utf-8")
    assert "norra-innerstaden: 10" in written
    assert personal(written + result.stdout + result.stderr) == []


def test_register_import_does_not_load_openpyxl_for_csv() -> None:
    """openpyxl is imported only for an .xlsx, so start-up stays as fast as before."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from stc_plan.inputs.register import count_members\n"
        "count_members(b'Valkrets\\nNorra innerstaden\\n', 'x', {'n': 'Norra innerstaden'})\n"
        "print('openpyxl' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "False\n"


def test_two_columns_that_could_name_the_branch_are_refused(tmp_path: Path) -> None:
    """Avdelning and Valkrets in one export may disagree: no silent choice, no cell shown."""
    from stc_plan.i18n import render

    export = "Namn;Avdelning;Valkrets\nAnna Testsson;Södermalm-Enskede;Norra innerstaden\n"
    branches = {"sodermalm-enskede": "Södermalm-Enskede", "norra-innerstaden": "Norra innerstaden"}
    with pytest.raises(RegisterError) as caught:
        count_members(export.encode(), "x.csv", branches)
    text = render(caught.value.args[0], "en")
    assert "more than one column could name the branch ('Avdelning', 'Valkrets')" in text
    assert "Anna" not in text and "Norra" not in text


def test_an_xlsx_value_beyond_the_named_columns_is_refused_like_in_a_csv(tmp_path: Path) -> None:
    """A CSV row with more cells than the header is refused; an .xlsx row with a value under
    no column name too, naming only the row."""
    import openpyxl

    from stc_plan.i18n import render

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Namn", "Valkrets"])
    sheet.append(["Test Testsson", "Södermalm-Enskede"])
    sheet.append(["Prov Provsson", "Södermalm-Enskede", "Norra innerstaden"])
    path = tmp_path / "register.xlsx"
    book.save(path)
    branches = {"sodermalm-enskede": "Södermalm-Enskede", "norra-innerstaden": "Norra innerstaden"}
    with pytest.raises(RegisterError) as caught:
        count_members(path.read_bytes(), "register.xlsx", branches)
    text = render(caught.value.args[0], "en")
    assert text == (
        "register.xlsx: row 3 has values beyond the last named column; name every column, "
        "or remove those values"
    )


def test_core_call_records_counts_or_nothing(tmp_path: Path) -> None:
    """`import_register` is `stc members import`'s one core call: counts recorded and
    returned, branches without rows named; a future date or a register that cannot be
    counted writes nothing."""
    from datetime import date

    from stc_plan.inputs.plan import load_plan
    from stc_plan.write.facts import FactRejected
    from stc_plan.write.members import import_register

    plan = load_plan(SHIPPED_PLAN)
    facts = tmp_path / "2025.progress.yaml"
    register = tmp_path / "register.csv"
    register.write_text(export(MEMBERS[:4]), encoding="utf-8")
    with pytest.raises(FactRejected) as future:
        import_register(register, date(2025, 4, 1), plan, facts, today=date(2025, 3, 31))
    assert "2025-04-01" in future.value.message_in("en") and not facts.exists()
    register.write_bytes(b"\x00\x01binary")
    with pytest.raises(FactRejected):
        import_register(register, date(2025, 3, 31), plan, facts, today=date(2025, 3, 31))
    assert not facts.exists()
    register.write_text(export(MEMBERS[:4]), encoding="utf-8")
    done = import_register(register, date(2025, 3, 31), plan, facts, today=date(2025, 3, 31))
    expected = {b: sum(1 for m in MEMBERS[:4] if m[-1] == name) for b, name in BRANCHES.items()}
    assert done.counts == {b: n for b, n in expected.items() if n}
    assert done.path == facts and "bromma-kungsholmen: 2" in facts.read_text(encoding="utf-8")
    assert set(done.absent) >= {b.id for b in plan.branches} - set(BRANCHES)
    assert personal(facts.read_text(encoding="utf-8")) == []


def test_a_sharp_drop_is_said_and_still_recorded(invoke: Invoke, repo: Path) -> None:
    """A count under four fifths of the branch's count before (a test export, a filtered
    list) gets a note naming the branch and both counts, through `stc members import` and
    `stc record members` alike; the counts are recorded (exit 0). 100 -> 80 is exactly four
    fifths: no note; 100 -> 79 is under: a note."""
    from datetime import date

    from stc_plan.evaluate.members import sharp_drops
    from stc_plan.inputs.plan import load_plan
    from stc_plan.inputs.progress import load_progress

    first = invoke(
        "record", "members", "2025-02-28", "bromma-kungsholmen=100", "norra-innerstaden=10",
        "--lang", "en",
    )  # fmt: skip
    assert first.exit_code == 0 and first.stderr == ""
    facts = repo / "plans" / "2025.progress.yaml"
    progress = load_progress(facts, load_plan(repo / "plans" / "2025.yaml"), required=True)
    day = date(2025, 3, 31)
    assert sharp_drops(progress, {"bromma-kungsholmen": 80}, day) == []
    [drop] = sharp_drops(progress, {"bromma-kungsholmen": 79, "norra-innerstaden": 9}, day)
    assert (drop.unit, drop.count, drop.before, drop.on) == (
        "bromma-kungsholmen",
        79,
        100,
        date(2025, 2, 28),
    )
    assert sharp_drops(progress, {"bromma-kungsholmen": 1}, date(2025, 2, 28)) == []  # not before

    register = repo / "register.csv"
    register.write_text("Valkrets\nBromma-Kungsholmen\nNorra innerstaden\n", encoding="utf-8")
    done = invoke("members", "import", str(register), "--date", "2025-03-31", "--lang", "en")
    assert done.exit_code == 0, done.stderr
    notes = [line for line in done.stderr.splitlines() if "more than a fifth fewer" in line]
    assert notes == [
        f"stc: note: Bromma-Kungsholmen 1, but 100 on 2025-02-28: more than a fifth fewer. "
        f"Are the figures right? If not, correct them in {Path('plans') / '2025.progress.yaml'}",
        f"stc: note: Norra innerstaden 1, but 10 on 2025-02-28: more than a fifth fewer. "
        f"Are the figures right? If not, correct them in {Path('plans') / '2025.progress.yaml'}",
    ]
    assert "bromma-kungsholmen: 1" in facts.read_text(encoding="utf-8")  # recorded all the same
    again = invoke("record", "members", "2025-04-30", "Bromma-Kungsholmen=2", "--lang", "sv")
    assert again.exit_code == 0
    assert "obs:" not in again.stderr  # compared with the latest count before (1), not 100
    fell = invoke("record", "members", "2025-05-31", "Bromma-Kungsholmen=1", "--lang", "sv")
    assert fell.stderr.startswith("stc: obs: Bromma-Kungsholmen 1, men 2 den 2025-04-30: ")
