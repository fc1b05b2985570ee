"""`stc record` changes only what it adds: every byte outside the new fact is kept (a BOM,
CRLF, the file's indentation, the spaces before comments), on files written by hand in each
style, and the data before and after differ by exactly the fact."""

from __future__ import annotations

import codecs
import difflib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stc_plan.parse.yamlpos import parse
from tests.conftest import SHIPPED_PLAN

Invoke = Callable[..., Any]
CHECKIN = ["checkin", "fler-medlemmar", "--rating", "on-track", "--date", "2025-03-01"]
NEW_CHECKIN = {"goal": "fler-medlemmar", "date": date(2025, 3, 1), "rating": "on-track"}


def data(raw: bytes) -> Any:
    text = raw.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    doc = parse(text, "x")
    assert not doc.problems
    return doc.data


def record(tmp_path: Path, invoke: Invoke, text: str, *args: str) -> tuple[bytes, bytes]:
    """Write ``text`` as the progress file, run ``stc record ARGS``; (before, after)."""
    plan = tmp_path / "2025.yaml"
    plan.write_bytes(SHIPPED_PLAN.read_bytes())
    facts = tmp_path / "2025.progress.yaml"
    before = text.encode("utf-8")
    facts.write_bytes(before)
    result = invoke("record", *args, "--plan", str(plan))
    assert result.exit_code == 0, result.stderr
    return before, facts.read_bytes()


def only_insertions(before: bytes, after: bytes) -> list[str]:
    """The lines ``after`` adds to ``before``; fails if any line of ``before`` changed."""
    old = before.decode("utf-8").splitlines(keepends=True)
    new = after.decode("utf-8").splitlines(keepends=True)
    added: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        assert op in ("equal", "insert"), (op, old[i1:i2], new[j1:j2])
        if op == "insert":
            added += new[j1:j2]
    return added


STYLES = {
    "bom-crlf": (
        "\ufeff# Framsteg 2025\r\nversion: 1\r\nyear: 2025\r\ncheckins:\r\n"
        "  - goal: fler-medlemmar    # spaced   comment\r\n    date: 2025-02-01\r\n"
        "    rating: at-risk\r\n# a comment after the list\r\n"
    ),
    "unindented-lists": (
        "version: 1\nyear: 2025\ncheckins:\n- goal: fler-medlemmar\n  date: 2025-02-01\n"
        "  rating: at-risk\ndone:\n- goal: guide-filmer-sociala-medier\n  date: 2025-02-02\n"
    ),
    "four-spaces": (
        "version: 1\nyear: 2025\n\ncheckins:\n    -   goal: fler-medlemmar\n"
        "        date: 2025-02-01      #   why\n        rating: at-risk\n\n\n# the end\n"
    ),
    "comments-between-items": (
        "version: 1\nyear: 2025\ncheckins:\n  # January\n  - goal: fler-medlemmar\n"
        "    date: 2025-01-10\n    rating: at-risk\n\n  # February\n"
        "  - goal: fler-medlemmar\n    date: 2025-02-10\n    rating: on-track  #ok\n"
        "readings: []\n"
    ),
    "section-missing": "version: 1   # the format\nyear: 2025\r\n",
}


@pytest.mark.parametrize("name", STYLES)
def test_record_adds_only_the_fact(invoke: Invoke, tmp_path: Path, name: str) -> None:
    """Each hand-written style: old lines untouched, the fact added in the file's style."""
    before, after = record(tmp_path, invoke, STYLES[name], *CHECKIN)
    added = only_insertions(before, after)
    assert any("on-track" in line for line in added)
    assert after.startswith(codecs.BOM_UTF8) == before.startswith(codecs.BOM_UTF8)
    if b"\r\n" in before and b"\n" not in before.replace(b"\r\n", b""):
        assert all(line.endswith("\r\n") for line in added)
    expected = data(before)
    expected.setdefault("checkins", []).append(NEW_CHECKIN)
    assert data(after) == expected


def test_unindented_style_is_kept(invoke: Invoke, tmp_path: Path) -> None:
    before, after = record(tmp_path, invoke, STYLES["unindented-lists"], *CHECKIN)
    assert only_insertions(before, after) == [
        "- goal: fler-medlemmar\n",
        "  date: 2025-03-01\n",
        "  rating: on-track\n",
    ]


def test_four_space_style_is_kept(invoke: Invoke, tmp_path: Path) -> None:
    before, after = record(tmp_path, invoke, STYLES["four-spaces"], *CHECKIN, "--note", "no")
    assert only_insertions(before, after) == [
        "    -   goal: fler-medlemmar\n",
        "        date: 2025-03-01\n",
        "        rating: on-track\n",
        "        note: 'no'\n",
    ]


def test_empty_flow_list_and_missing_last_newline(invoke: Invoke, tmp_path: Path) -> None:
    """The two changes outside the fact it may take: `[]` goes when the first item comes,
    and a last line without a line feed gets one."""
    _, after = record(tmp_path, invoke, "version: 1\nyear: 2025\ncheckins: []  # none\n", *CHECKIN)
    assert after.decode().startswith("version: 1\nyear: 2025\ncheckins:  # none\n  - goal: ")
    text = "version: 1\nyear: 2025\ncheckins:\n  - goal: fler-medlemmar\n    date: 2025-02-01\n"
    text += "    rating: at-risk"
    _, after = record(tmp_path, invoke, text, *CHECKIN)
    assert after.decode().startswith(text + "\n  - goal: fler-medlemmar\n")


@pytest.mark.parametrize(
    ("counts", "added"),
    [
        (
            "    counts:\n        norra-innerstaden: 110   # register\n",
            "        bromma-kungsholmen: 5\n",
        ),
        ("    counts: {norra-innerstaden: 110}   # register\n", None),
    ],
)
def test_same_day_counts_are_added_in_place(
    invoke: Invoke, tmp_path: Path, counts: str, added: str | None
) -> None:
    """A second branch's count for a date joins that date's counts, block or flow."""
    text = "\ufeffversion: 1\r\nyear: 2025\r\nmembers:\r\n  - date: 2025-03-01\r\n"
    text += counts.replace("\n", "\r\n") + "# end\r\n"
    before, after = record(tmp_path, invoke, text, "members", "2025-03-01", "bromma-kungsholmen=5")
    if added is not None:
        assert only_insertions(before, after) == [added.replace("\n", "\r\n")]
    else:
        assert after == before.replace(b"110}", b"110, bromma-kungsholmen: 5}")
    expected = data(before)
    expected["members"][0]["counts"]["bromma-kungsholmen"] = 5
    assert data(after) == expected


def test_what_text_cannot_do_goes_through_the_round_trip(invoke: Invoke, tmp_path: Path) -> None:
    """A file written as one flow mapping: the fact is still added, the data proven."""
    before, after = record(tmp_path, invoke, "{version: 1, year: 2025}\n", *CHECKIN)
    assert data(after) == {**data(before), "checkins": [NEW_CHECKIN]}


@settings(max_examples=40, deadline=None)
@given(
    dash=st.integers(0, 4),
    gap=st.integers(1, 3),
    crlf=st.booleans(),
    bom=st.booleans(),
    spaces=st.integers(1, 6),
    items=st.integers(1, 3),
    blank_after=st.booleans(),
)
def test_any_hand_written_style_is_kept(
    tmp_path_factory: pytest.TempPathFactory,
    dash: int,
    gap: int,
    crlf: bool,
    bom: bool,
    spaces: int,
    items: int,
    blank_after: bool,
) -> None:
    """Generated styles: indentation, line endings, BOM, comment spacing. Only lines are
    added, in the file's line ending, and the data gains exactly the fact."""
    from stc_plan.cli import app

    nl = "\r\n" if crlf else "\n"
    key = " " * (dash + 1 + gap)
    lines = ["\ufeff" if bom else "", f"version: 1{' ' * spaces}# v{nl}", f"year: 2025{nl}"]
    lines.append(f"checkins:{nl}")
    for i in range(items):
        lines.append(f"{' ' * dash}-{' ' * gap}goal: fler-medlemmar{' ' * spaces}#  c{i}{nl}")
        lines.append(f"{key}date: 2025-02-0{i + 1}{nl}{key}rating: at-risk{nl}")
    if blank_after:
        lines.append(f"{nl}# after{nl}")
    text = "".join(lines)
    tmp_path = tmp_path_factory.mktemp("style")
    before, after = _record_with(app, tmp_path, text)
    added = only_insertions(before, after)
    assert added == [
        f"{' ' * dash}-{' ' * gap}goal: fler-medlemmar{nl}",
        f"{key}date: 2025-03-01{nl}",
        f"{key}rating: on-track{nl}",
    ]
    expected = data(before)
    expected["checkins"].append(NEW_CHECKIN)
    assert data(after) == expected


def _record_with(app: Any, tmp_path: Path, text: str) -> tuple[bytes, bytes]:
    from typer.testing import CliRunner

    def invoke(*args: str) -> Any:
        return CliRunner().invoke(app, list(args))

    return record(tmp_path, invoke, text, *CHECKIN)


def test_a_file_with_cr_line_endings_keeps_them(tmp_path: Path) -> None:
    """Old Mac files end lines with CR alone: the added fact does too."""
    from stc_plan.inputs.plan import load_plan
    from stc_plan.write.facts import add_fact
    from tests.conftest import SHIPPED_PLAN

    path = tmp_path / "2025.progress.yaml"
    before = (
        "version: 1\ryear: 2025\rdone:\r  - goal: extra-stod-avdelningar\r    date: 2025-03-10\r"
    )
    path.write_bytes(before.encode())
    plan = load_plan(SHIPPED_PLAN)
    add_fact(path, plan, "done", {"goal": "aterlosning-varen", "date": date(2025, 5, 17)})
    after = path.read_bytes()
    assert after.startswith(before.encode()) and b"\n" not in after
