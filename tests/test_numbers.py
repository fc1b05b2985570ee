"""One rule for a number a person types, in Swedish or English: `1 500`, `1,5` and `1.5` are
read; `1,500` (1500 or 1,5?) is refused, saying what to write. The rule is the core's
(`parse/numbers.py`), and every place a person's number comes in uses it: `stc record`'s
arguments and options, a form read by `stc record from-issue`, and `stc init`'s counts.

Each expected value below is worked out by hand from the rule, not by running it."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from stc_plan.i18n import number, render
from stc_plan.parse.numbers import NumberRefused, read_number, read_whole
from tests.test_forms import event, send

Invoke = Callable[..., Any]

READ = [
    # typed, the number
    ("1500", 1500),
    ("741", 741),
    (" 741 ", 741),  # spaces around are not part of it
    ("1 500", 1500),
    ("1\u00a0500", 1500),  # no-break space, as Swedish text often has
    ("1\u202f500", 1500),  # narrow no-break space, as Swedish typesetting has
    ("1\u2009500", 1500),  # thin space
    ("12 345 678", 12345678),
    ("1,5", Decimal("1.5")),
    ("1.5", Decimal("1.5")),
    ("12,75", Decimal("12.75")),
    ("0,500", Decimal("0.5")),  # no one writes five hundred as 0,500: decimals
    ("0.500", Decimal("0.5")),
    ("00,500", Decimal("0.5")),
    ("1234,500", Decimal("1234.5")),  # four digits before: not a thousands group
    ("1,5000", Decimal("1.5")),  # four digits after: not a thousands group
    ("1,50", Decimal("1.5")),
    ("1 234,5", Decimal("1234.5")),  # thousands by space, decimals by comma
    ("1 234,500", Decimal("1234.5")),  # a space groups the thousands: the comma is decimal
    ("1,0", 1),  # whole
    ("-3,5", Decimal("-3.5")),
    ("\u22123,5", Decimal("-3.5")),  # the typeset minus sign
    ("+4", 4),
    ("-4", -4),
    ("0", 0),
]

# typed, the message's code, and its words in Swedish and in English
REFUSED = [
    (
        "1,500",
        "number.ambiguous",
        "'1,500' är tvetydigt (tusental eller decimaler?); skriv 1500 eller 1,5",
        "'1,500' is ambiguous (thousands or decimals?); write 1500 or 1.5",
    ),
    (
        "1.500",
        "number.ambiguous",
        "'1.500' är tvetydigt (tusental eller decimaler?); skriv 1500 eller 1,5",
        "'1.500' is ambiguous (thousands or decimals?); write 1500 or 1.5",
    ),
    (
        "12,000",
        "number.ambiguous",
        "'12,000' är tvetydigt (tusental eller decimaler?); skriv 12000 eller 12",
        "'12,000' is ambiguous (thousands or decimals?); write 12000 or 12",
    ),
    (
        "999,999",
        "number.ambiguous",
        "'999,999' är tvetydigt (tusental eller decimaler?); skriv 999999 eller 999,999",
        "'999,999' is ambiguous (thousands or decimals?); write 999999 or 999.999",
    ),
    (
        "1,050",
        "number.ambiguous",
        "'1,050' är tvetydigt (tusental eller decimaler?); skriv 1050 eller 1,05",
        "'1,050' is ambiguous (thousands or decimals?); write 1050 or 1.05",
    ),
    (
        "-1,500",
        "number.ambiguous",
        "'-1,500' är tvetydigt (tusental eller decimaler?); skriv -1500 eller -1,5",
        "'-1,500' is ambiguous (thousands or decimals?); write -1500 or -1.5",
    ),
    (
        "1,500,000",
        "number.grouped",
        "'1,500,000': skriv talet utan komma eller punkt mellan tusentalen: 1500000",
        "'1,500,000': write the number without commas or points between the thousands: 1500000",
    ),
    (
        "1.500.000",
        "number.grouped",
        "'1.500.000': skriv talet utan komma eller punkt mellan tusentalen: 1500000",
        "'1.500.000': write the number without commas or points between the thousands: 1500000",
    ),
    (
        "1,234.5",
        "number.grouped",
        "'1,234.5': skriv talet utan komma eller punkt mellan tusentalen: 1234,5",
        "'1,234.5': write the number without commas or points between the thousands: 1234.5",
    ),
    (
        "1.234,5",
        "number.grouped",
        "'1.234,5': skriv talet utan komma eller punkt mellan tusentalen: 1234,5",
        "'1.234,5': write the number without commas or points between the thousands: 1234.5",
    ),
    (
        "15 00",
        "number.not-a-number",
        "'15 00' är inget tal; skriv det som 741, 1 500 eller 3,5",
        "'15 00' is not a number; write it as 741, 1500 or 3.5",
    ),
    *[
        (
            typed,
            "number.not-a-number",
            f"'{typed}' är inget tal; skriv det som 741, 1 500 eller 3,5",
            f"'{typed}' is not a number; write it as 741, 1500 or 3.5",
        )
        for typed in [
            "1  500",  # two spaces
            "1 500 0",
            "1,5,",
            ".5",
            "5.",
            "1e3",
            "1_000",
            "½",
            "١٢",
            "Infinity",
            "",
            "tre",
            "- 3",
            "1,2,3",
        ]
    ],
    (
        "9" * 19,
        "number.too-many-digits",
        "'9999999999999999999' har fler än 18 siffror (STC_MAX_DIGITS)",
        "'9999999999999999999' has more than 18 digits (STC_MAX_DIGITS)",
    ),
]


@pytest.mark.parametrize(("typed", "expected"), READ)
def test_what_is_read(typed: str, expected: int | Decimal) -> None:
    """Each accepted way of writing a number gives the number meant; a whole one as an int."""
    got = read_number(typed)
    assert got == expected and type(got) is type(expected), typed


@pytest.mark.parametrize(("typed", "code", "sv", "en"), REFUSED)
def test_what_is_refused_and_what_to_write_instead(typed: str, code: str, sv: str, en: str) -> None:
    """Refused with a message that says what to write, in either language."""
    with pytest.raises(NumberRefused) as caught:
        read_number(typed)
    said = caught.value.args[0]
    assert said.code == code
    assert render(said, "sv") == sv
    assert render(said, "en") == en


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("1500", 1500), ("1 500", 1500), ("1,0", 1), ("0", 0), ("-4", -4)],
)
def test_a_whole_number_is_read_by_the_same_rule(typed: str, expected: int) -> None:
    """A count takes the same forms (a negative one is the fact check's to refuse)."""
    assert read_whole(typed) == expected


@pytest.mark.parametrize(
    ("typed", "en"),
    [
        # A count has no decimals, so only the whole reading is offered.
        ("1,500", "'1,500' is ambiguous (thousands or decimals?); write 1500"),
        # Both readings of 12,000 are whole: both are offered.
        ("12,000", "'12,000' is ambiguous (thousands or decimals?); write 12000 or 12"),
        ("1,5", "'1,5' is not a whole number"),
        ("2.25", "'2.25' is not a whole number"),
        ("1,500,000", "write the number without commas or points between the thousands: 1500000"),
        ("tolv", "'tolv' is not a number"),
    ],
)
def test_a_whole_number_refused(typed: str, en: str) -> None:
    """A count refused, saying what to write (only whole readings are offered)."""
    with pytest.raises(NumberRefused) as caught:
        read_whole(typed)
    assert en in render(caught.value.args[0], "en")


@given(st.integers(min_value=-(10**17), max_value=10**17))
def test_a_whole_number_as_stc_writes_it_in_swedish_reads_back(n: int) -> None:
    """stc's own Swedish numbers (1 500, thousands by space) are read back as they were."""
    assert read_number(number(n, "sv")) == n
    assert read_number(str(n)) == n


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=3, min_value=-(10**9), max_value=10**9
    )
)
def test_a_decimal_as_stc_writes_it_reads_back(value: Decimal) -> None:
    """A decimal as stc writes it, in Swedish (comma) or English (point), reads back, or,
    when it has exactly three decimals after one to three digits (1,001), is refused with
    itself among what to write."""
    for lang in ("sv", "en"):
        written = number(value, lang, places=None)  # type: ignore[arg-type]
        try:
            assert read_number(written) == value
        except NumberRefused as exc:
            said = exc.args[0]
            assert said.code == "number.ambiguous", written
            assert value in said.params["choices"].params["items"]


@given(st.text(max_size=30))
def test_any_text_is_a_number_or_refused_never_a_crash(text: str) -> None:
    """Whatever is typed: a number, or NumberRefused (never another exception)."""
    try:
        read_number(text)
    except NumberRefused as exc:
        assert exc.args[0].code.startswith("number.")


# --- through the CLI ------------------------------------------------------------------------


def facts(repo: Path) -> dict[str, Any]:
    path = repo / "plans" / "2025.progress.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("1 500", 1500), ("1\u202f500", 1500), ("1500", 1500), ("3,5", 3.5), ("3.5", 3.5)],
)
def test_stc_record_reading_reads_the_number_meant(
    invoke: Invoke, repo: Path, typed: str, stored: float
) -> None:
    """1 500 (any space), 1500, 3,5 and 3.5 are recorded as the number meant."""
    result = invoke("record", "reading", "facebook-medlemsgrupp", typed, "--date", "2025-06-30")
    assert result.exit_code == 0, result.stderr
    assert facts(repo)["readings"][0]["value"] == stored


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("sv", "stc: '1,500' är tvetydigt (tusental eller decimaler?); skriv 1500 eller 1,5\n"),
        ("en", "stc: '1,500' is ambiguous (thousands or decimals?); write 1500 or 1.5\n"),
    ],
)
def test_stc_record_reading_refuses_1_500(
    invoke: Invoke, repo: Path, lang: str, message: str
) -> None:
    """Wrong usage (exit 2), one line in the user's language, nothing written."""
    result = invoke(
        "record",
        "reading",
        "facebook-medlemsgrupp",
        "1,500",
        "--date",
        "2025-06-30",
        "--lang",
        lang,
    )
    assert result.exit_code == 2
    assert result.stderr == message
    assert not (repo / "plans" / "2025.progress.yaml").exists()


def test_stc_record_members_and_participants_use_the_same_rule(invoke: Invoke, repo: Path) -> None:
    """Counts: 1 500 is 1500; 1,500 is refused with 1500 to write (a count has no decimals),
    after the pair or option it was given in."""
    done = invoke(
        "record", "members", "2025-03-31", "Norra innerstaden=1 500", "bromma-kungsholmen=12"
    )
    assert done.exit_code == 0, done.stderr
    assert facts(repo)["members"][0]["counts"] == {
        "norra-innerstaden": 1500,
        "bromma-kungsholmen": 12,
    }
    refused = invoke("record", "members", "2025-04-30", "syskon=1,500", "--lang", "sv")
    assert refused.exit_code == 2
    assert refused.stderr == (
        "stc: syskon=1,500: '1,500' är tvetydigt (tusental eller decimaler?); skriv 1500\n"
    )
    activity = [
        "record",
        "activity",
        "2025-03-12",
        "--kind",
        "member-activity",
        "--title",
        "Stämma",
        "--all-branches",
        "--participants",
    ]
    assert invoke(*activity, "1 200").exit_code == 0
    assert facts(repo)["activities"][0]["participants"] == 1200
    for typed, said in [
        (
            "1,200",
            "stc: --participants: '1,200' is ambiguous (thousands or decimals?); write 1200\n",
        ),
        ("2,5", "stc: --participants: '2,5' is not a whole number\n"),
        ("många", "stc: --participants: 'många' is not a number; write it as 741, 1500 or 3.5\n"),
    ]:
        result = invoke(*activity, typed, "--lang", "en")
        assert (result.exit_code, result.stderr) == (2, said), typed
    assert len(facts(repo)["activities"]) == 1


def test_stc_init_reads_members_by_the_same_rule(invoke: Invoke, tmp_path: Path) -> None:
    """stc init --branch "Norr=1 200" is 1200 members; "Norr=1,200" is refused, nothing made."""
    args = ["--district", "Centerpartiet i Uppsala", "--year", "2026"]
    made = invoke(
        "init", str(tmp_path / "a"), *args, "--branch", "Norr=1 200", "--branch", "Syd=85"
    )
    assert made.exit_code == 0, made.stderr
    plan = (tmp_path / "a" / "plans" / "2026.yaml").read_text(encoding="utf-8")
    assert "baseline: 1200\n      target: 1320" in plan  # 1200 + 10 %
    refused = invoke("init", str(tmp_path / "b"), *args, "--branch", "Norr=1,200", "--lang", "sv")
    assert refused.exit_code == 2
    assert refused.stderr == (
        "stc: Norr=1,200: '1,200' är tvetydigt (tusental eller decimaler?); skriv 1200\n"
    )
    assert not (tmp_path / "b").exists()


# --- through a form -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "answers", "section", "expected"),
    [
        (
            "reading",
            {"target": "facebook-medlemsgrupp: x", "value": "1 500", "date": "2025-06-30"},
            "readings",
            {"value": 1500},
        ),
        (
            "reading",
            {"target": "facebook-medlemsgrupp: x", "value": "0,500", "date": "2025-06-30"},
            "readings",
            {"value": 0.5},
        ),
        (
            "members",
            {"date": "2025-04-30", "count-norra-innerstaden": "1\u00a0500"},
            "members",
            {"counts": {"norra-innerstaden": 1500}},
        ),
        (
            "activity",
            {"date": "2025-03-14", "kind": "workshop", "title": "x", "participants": "1 200"},
            "activities",
            {"participants": 1200},
        ),
    ],
)
def test_a_form_reads_the_number_meant(
    repo: Path,
    invoke: Invoke,
    kind: str,
    answers: dict[str, str],
    section: str,
    expected: dict[str, Any],
) -> None:
    """A form\'s number, typed as a Swede would, is recorded as the number meant."""
    result = send(repo, invoke, event(kind, answers))
    assert result.exit_code == 0, result.stderr
    [entry] = facts(repo)[section]
    assert {k: entry[k] for k in expected} == expected


@pytest.mark.parametrize(
    ("kind", "answers", "said"),
    [
        (
            "reading",
            {"target": "facebook-medlemsgrupp: x", "value": "1,500", "date": "2025-06-30"},
            "stc: fältet 'Värde': '1,500' är tvetydigt (tusental eller decimaler?); "
            "skriv 1500 eller 1,5\n",
        ),
        (
            "reading",
            {"target": "facebook-medlemsgrupp: x", "value": "1,500,000", "date": "2025-06-30"},
            "stc: fältet 'Värde': '1,500,000': skriv talet utan komma eller punkt mellan "
            "tusentalen: 1500000\n",
        ),
        (
            "members",
            {"date": "2025-04-30", "count-norra-innerstaden": "1.500"},
            "stc: fältet 'Medlemmar i Norra innerstaden': '1.500' är tvetydigt "
            "(tusental eller decimaler?); skriv 1500\n",
        ),
        (
            "activity",
            {"date": "2025-03-14", "kind": "workshop", "title": "x", "participants": "2,5"},
            "stc: fältet 'Antal deltagare': '2,5' är inget heltal\n",
        ),
    ],
)
def test_a_form_refuses_an_ambiguous_number_and_says_what_to_write(
    repo: Path, invoke: Invoke, kind: str, answers: dict[str, str], said: str
) -> None:
    """Exit 1, one line naming the field; the reply on the issue says the same; nothing
    written."""
    reply = repo / "reply.md"
    result = send(repo, invoke, event(kind, answers), "--comment", str(reply))
    assert result.exit_code == 1
    assert result.stderr == said
    assert said.removeprefix("stc: ").strip() in reply.read_text(encoding="utf-8")
    assert not facts(repo)
