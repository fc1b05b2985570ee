"""The positional YAML loader: safe, exact about types, and honest about positions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from stc_plan.parse.yamlpos import decode, parse


def test_positions_point_at_values_and_keys() -> None:
    """locate() gives 1-based line and column of a value, or of its key."""
    doc = parse("a:\n  b: [1, 2]\n  c: x\n", "f.yaml")
    assert doc.locate(("a", "b", 1)) == (2, 10)
    assert doc.locate(("a", "c"), key=True) == (3, 3)
    assert doc.locate(("a", "missing")) == (2, 3)  # the mapping that should hold it


def test_yaml_11_guesses_stay_text() -> None:
    """yes/no/on/off, octal-looking and sexagesimal values are text, not booleans or numbers."""
    doc = parse("a: no\nb: yes\nc: on\nd: 010\ne: 1:20\nf: .nan\ng: 0x1F\n", "f.yaml")
    assert doc.problems == []
    assert doc.data == {
        "a": "no",
        "b": "yes",
        "c": "on",
        "d": "010",
        "e": "1:20",
        "f": ".nan",
        "g": "0x1F",
    }


def test_plain_scalars_follow_yaml_12_core() -> None:
    """true/false, null, integers, exact decimals and ISO dates are typed."""
    doc = parse("a: true\nb: ~\nc: -3\nd: 10.5\ne: 2025-03-31\nf: '12'\n", "f.yaml")
    assert doc.data == {
        "a": True,
        "b": None,
        "c": -3,
        "d": Decimal("10.5"),
        "e": date(2025, 3, 31),
        "f": "12",
    }


def test_duplicate_keys_are_problems() -> None:
    """PyYAML keeps the last of two keys silently; we report the second."""
    doc = parse("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert [str(p) for p in doc.problems] == [
        "f.yaml:3:1: duplicate key 'a' (first at line 1); keep only one"
    ]


def test_python_tags_are_refused_without_running() -> None:
    """A !!python/object tag is reported at its position; nothing is constructed."""
    doc = parse("a: !!python/object/apply:os.system ['echo hi']\n", "f.yaml")
    assert len(doc.problems) == 1
    assert doc.problems[0].line == 1 and doc.problems[0].col == 4
    assert "tag '!!python/object/apply:os.system' is not allowed" in doc.problems[0].message


def test_impossible_date_and_huge_number() -> None:
    """2025-02-30 and a 5,000-digit integer are problems, not exceptions."""
    doc = parse("a: 2025-02-30\nb: " + "9" * 5000 + "\n", "f.yaml")
    messages = [p.message for p in doc.problems]
    assert messages[0].startswith("'2025-02-30' is not a real date")
    assert messages[1] == "number with 5000 digits is too large"


def test_self_referencing_alias() -> None:
    """An alias inside its own anchor is a problem, not an endless structure."""
    doc = parse("a: &x\n  b: *x\n", "f.yaml")
    assert any("alias refers to the node that contains it" in p.message for p in doc.problems)


def test_syntax_error_has_position() -> None:
    """A YAML syntax error names the line and column the parser stopped at."""
    doc = parse("a: [1, 2\nb: 3\n", "f.yaml")
    assert len(doc.problems) == 1
    assert doc.problems[0].line == 2
    assert doc.problems[0].message.startswith("YAML syntax error:")


def test_nfc_normalisation() -> None:
    """A decomposed å (as typed on macOS) equals the composed one."""
    doc = parse("na\u030ame: Bromma\n", "f.yaml")
    assert doc.data == {"n\u00e5me": "Bromma"}


def test_bom_crlf_and_bad_utf8() -> None:
    """A byte-order mark and CRLF are fine; Latin-1 bytes are placed at their line."""
    text, problem = decode(b"\xef\xbb\xbfa: 1\r\nb: 2\r\n", "f.yaml")
    assert problem is None and text is not None
    assert parse(text, "f.yaml").data == {"a": 1, "b": 2}
    text, problem = decode("a: 1\nb: Söder\n".encode("latin-1"), "f.yaml")
    assert text is None and problem is not None
    assert (problem.line, problem.col) == (2, 5)
    assert "not valid UTF-8 (byte 0xF6)" in problem.message


def test_long_lines_are_found_without_reading_every_line() -> None:
    """The first line over the limit is found wherever it is; shorter ones never are."""
    from stc_plan.parse.yamlpos import _long_line

    assert _long_line("a\n" + "x" * 50 + "\nb\n", 40) == (2, 50)
    assert _long_line("a\n" + "x" * 50 + "\nb\n", 60) is None
    assert _long_line("x" * 41, 40) == (1, 41)
    assert _long_line("ab\n" * 1000, 10) is None
    assert _long_line("ab\n" * 1000 + "y" * 11, 10) == (1001, 11)
