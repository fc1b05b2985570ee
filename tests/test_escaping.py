"""Output that cannot be turned against its reader: plan text stays text in HTML,
Markdown, CSV and terminals."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stc_plan.render.escape import csv_cell, md_escape, md_line
from tests.conftest import SHIPPED_PLAN, run_in_terminal

Invoke = Callable[..., Any]
HOSTILE = '=HYPERLINK("http://x";"y") | `rm` <script>alert(1)</script> *b* [l](u)'


def hostile_plan(tmp_path: Path) -> Path:
    plan = tmp_path / "2025.yaml"
    text = SHIPPED_PLAN.read_text(encoding="utf-8").replace(
        "title: Minst en medlemsvärvning ska genomföras i varje avdelning",
        "title: '" + HOSTILE.replace("'", "''") + "'",
    )
    plan.write_text(text, encoding="utf-8")
    return plan


def test_escape_functions() -> None:
    """The escaping rules themselves."""
    from stc_plan.render.escape import md_code

    assert md_code("a`b") == "``a`b``" and md_code("`x") == "`` `x ``" and md_code("p") == "`p`"
    assert csv_cell("=1+1") == "'=1+1" and csv_cell("-5") == "-5" and csv_cell("@x") == "'@x"
    assert csv_cell("+46 70") == "'+46 70"
    assert md_escape("a|b`c*d_e[f]<g>") == r"a\|b\`c\*d\_e\[f\]\<g\>"
    assert md_line("# heading?") == r"\# heading?" and md_line("1. x") == r"\1. x"


def test_csv_cells_cannot_run_as_formulas(invoke: Invoke, tmp_path: Path) -> None:
    """A title starting with = reaches the spreadsheet as text."""
    out = invoke("status", "--plan", str(hostile_plan(tmp_path)), "-f", "csv").stdout
    row = next(r for r in csv.DictReader(io.StringIO(out)) if r["id"] == "medlemsvarvning")
    assert row["title"] == "'" + HOSTILE


def test_markdown_status_keeps_the_table_whole(invoke: Invoke, tmp_path: Path) -> None:
    """Pipes and backticks in a title do not break the Markdown table or become code."""
    out = invoke("status", "--plan", str(hostile_plan(tmp_path)), "-f", "markdown").stdout
    line = next(x for x in out.splitlines() if "`medlemsvarvning`" in x)
    assert r"\| \`rm\` \<script\>" in line
    assert line.count(" | ") == 4  # five cells: the title's own pipe is escaped
    assert "<script>" not in out


def test_html_report_shows_markup_as_text(invoke: Invoke, tmp_path: Path) -> None:
    """In the HTML report a title with <script> is text."""
    out = invoke(
        "report", "--plan", str(hostile_plan(tmp_path)), "--year", "2025", "-f", "html"
    ).stdout
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out


def test_terminal_output_shows_control_characters(invoke: Invoke, tmp_path: Path) -> None:
    """An escape sequence in a file is shown as \\x1b in messages, never sent to a terminal."""
    bad = tmp_path / "x.yaml"
    bad.write_text('"\\e[2J\\e[31mred": 1\n', encoding="utf-8")
    out = invoke("check", str(bad)).stdout
    assert "\x1b" not in out and "\\x1b[2J" in out


def test_control_characters_in_plan_text_are_refused(invoke: Invoke, tmp_path: Path) -> None:
    """A title with an escape sequence never reaches a terminal: the plan is invalid."""
    plan = tmp_path / "2025.yaml"
    plan.write_text(
        SHIPPED_PLAN.read_text(encoding="utf-8").replace(
            "title: Minst en medlemsvärvning ska genomföras i varje avdelning", 'title: "\\e[2Jboo"'
        ),
        encoding="utf-8",
    )
    result = invoke("check", str(plan))
    assert result.exit_code == 1
    assert result.stdout.endswith(
        "goal 'medlemsvarvning': title: contains a control "
        "character (such as an escape sequence); remove it\n"
    )


# --- round two: every channel -------------------------------------------------------------

MARKUP_NAME = "Syskon [/bold] [link=https://evil.example]klick[/link] :smile: [red]x"


def sibling_named(tmp_path: Path, name: str) -> Path:
    """The shipped plan with its sibling group renamed to ``name``."""
    plan = tmp_path / "2025.yaml"
    text = SHIPPED_PLAN.read_text(encoding="utf-8")
    assert "    name: Syskon\n" in text
    quoted = "'" + name.replace("'", "''") + "'"
    plan.write_text(text.replace("    name: Syskon\n", f"    name: {quoted}\n"), encoding="utf-8")
    return plan


def test_markup_in_plan_text_prints_as_written_on_a_terminal(tmp_path: Path) -> None:
    """`stc status` on a real terminal: rich markup in a name is text, not a crash or a link."""
    plan = sibling_named(tmp_path, MARKUP_NAME)
    code, screen = run_in_terminal("status", "--all", "--plan", str(plan), "--as-of", "2025-06-01")
    assert code == 0, screen[-500:]
    assert "\x1b[" in screen  # really rendered in colour
    flat = " ".join(screen.replace("\r", "").split())
    assert "Syskon [/bold] [link=https://evil.example]klick[/link] :smile: [red]x" in flat
    assert "\x1b]8;" not in screen  # no hyperlink escape (OSC 8)
    assert "😄" not in screen


def test_rich_renderer_never_parses_markup() -> None:
    """The renderer itself, on a stream that says it is a terminal, for any text."""
    from stc_plan.render.rich_out import write_rich
    from stc_plan.render.tables import Layout, Table

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    text = "[/bold] [link=x]y[/link] :smile: [bold"
    layout = Layout(text, text, [text], [Table(text, [text, "b"], [[text, "1"]])], [text])
    out = Terminal()
    write_rich(layout, out, 80)
    assert "\x1b[" in out.getvalue() and "\x1b]8;" not in out.getvalue()
    assert out.getvalue().count("[link=x]y[/link]") == 7  # every piece of text, once


def markdown_tokens(text: str) -> list[Any]:
    """Every token a CommonMark parser (with tables) finds in ``text``, nested ones too."""
    from markdown_it import MarkdownIt

    found = []
    stack = MarkdownIt("commonmark").enable("table").parse(text)
    while stack:
        token = stack.pop()
        found.append(token)
        stack.extend(token.children or [])
    return found


LIVE = {"link_open", "image", "html_inline", "html_block", "em_open", "strong_open"}


def test_markdown_status_and_members_escape_every_field(invoke: Invoke, tmp_path: Path) -> None:
    """Title, organisation, section headings and notes: no link, image, HTML or emphasis."""
    plan = sibling_named(tmp_path, "[s](https://evil.example) *x*")
    text = plan.read_text(encoding="utf-8")
    for old, new in [
        ("title: Verksamhetsplan 2025\n", "title: '![t](https://evil.example/t.png) &lt;b&gt;'\n"),
        (
            "organisation: Centerpartiet i Stockholm stad (Stockholmscentern)\n",
            "organisation: '<img src=x> _o_'\n",
        ),
        ("    title: Organisation\n", "    title: '[h](https://evil.example) **h**'\n"),
    ]:
        assert old in text, old
        text = text.replace(old, new, 1)
    plan.write_text(text, encoding="utf-8")
    for command in ("status", "members"):
        result = invoke(command, "--plan", str(plan), "-f", "markdown", "--as-of", "2025-06-01")
        assert result.exit_code == 0, result.stderr
        live = [t.type for t in markdown_tokens(result.stdout) if t.type in LIVE]
        assert live == [], command
        assert "evil.example" in result.stdout  # shown, as text


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=40))
def test_markdown_layout_shows_any_text_as_text(text: str) -> None:
    """Whatever a field holds, the Markdown layout makes no link, image, HTML or heading."""
    from stc_plan.render.tables import Layout, Table
    from stc_plan.render.text import write_markdown

    out = io.StringIO()
    layout = Layout(text, text, [text], [Table(text, ["h"], [[text]])], [text])
    write_markdown(layout, out, 80)
    tokens = markdown_tokens(out.getvalue())
    assert not [t for t in tokens if t.type in LIVE]
    assert sum(t.type == "heading_open" for t in tokens) == 2  # the heading and the table's


@pytest.mark.parametrize(
    ("char", "words"),
    [
        ("\n", "contains a line break"),
        ("\r", "contains a line break"),
        ("\u2028", "contains a line break"),
        ("\x1b", "contains a control character"),
        ("\x07", "contains a control character"),
        ("\u202e", "invisible direction control (U+202E)"),
        ("\u2066", "invisible direction control (U+2066)"),
        ("\u2069", "invisible direction control (U+2069)"),
    ],
)
def test_unsafe_characters_refused_in_plan_text(
    invoke: Invoke, tmp_path: Path, char: str, words: str
) -> None:
    """stc check refuses each at file:line:col, and the message shows it only as an escape."""
    plan = tmp_path / "2025.yaml"
    escaped = char.encode("unicode_escape").decode("ascii")
    plan.write_text(
        SHIPPED_PLAN.read_text(encoding="utf-8").replace(
            "title: Minst en medlemsvärvning ska genomföras i varje avdelning",
            f'title: "a{escaped}::error::b"',
        ),
        encoding="utf-8",
    )
    line = next(
        i for i, x in enumerate(plan.read_text(encoding="utf-8").splitlines(), 1) if "::error" in x
    )
    result = invoke("check", str(plan))
    assert result.exit_code == 1
    assert f"{plan}:{line}:" in result.stdout and words in result.stdout
    assert char not in result.stdout.rstrip("\n") and result.stdout.count("\n") == 1


@pytest.mark.parametrize(
    "fact",
    [
        "done:\n  - goal: guide-filmer-sociala-medier\n    date: 2025-03-01\n"
        '    link: "https://x\\n::error::y"\n',
        "done:\n  - goal: guide-filmer-sociala-medier\n    date: 2025-03-01\n"
        '    link: "https://x/\\u202egnp.exe"\n',
        "checkins:\n  - goal: fler-medlemmar\n    date: 2025-03-01\n    rating: at-risk\n"
        '    note: "a\\rb"\n',
    ],
)
def test_unsafe_characters_refused_in_facts_by_check_and_record(
    invoke: Invoke, tmp_path: Path, fact: str
) -> None:
    """A progress file holding one is invalid for stc check and stc record, with a position."""
    plan = tmp_path / "2025.yaml"
    plan.write_bytes(SHIPPED_PLAN.read_bytes())
    facts = tmp_path / "2025.progress.yaml"
    facts.write_text("version: 1\nyear: 2025\n" + fact, encoding="utf-8")
    before = facts.read_bytes()
    checked = invoke("check", str(plan))
    assert checked.exit_code == 1 and f"{facts}:" in checked.stdout
    recorded = invoke(
        "record", "checkin", "fler-medlemmar", "--rating", "on-track", "--plan", str(plan)
    )
    assert recorded.exit_code == 1 and f"{facts}:" in recorded.stderr
    assert facts.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ["activity", "2025-03-01", "--kind", "other", "--title", "a\n::error::b", "--all-branches"],
        ["done", "guide-filmer-sociala-medier", "--date", "2025-03-01", "--link", "x\u202ey"],
        ["checkin", "fler-medlemmar", "--rating", "at-risk", "--note", "a\x1b[2Jb"],
    ],
)
def test_record_refuses_unsafe_characters_from_options(
    invoke: Invoke, tmp_path: Path, args: list[str]
) -> None:
    """Nothing is written; the one-line error shows the character only as an escape."""
    plan = tmp_path / "2025.yaml"
    plan.write_bytes(SHIPPED_PLAN.read_bytes())
    result = invoke("record", *args, "--plan", str(plan))
    assert result.exit_code == 1
    assert result.stderr.startswith("stc: not recorded: ") and result.stderr.count("\n") == 1
    assert not any(c in result.stderr for c in "\x1b\u202e\r") and result.stdout == ""
    assert not (tmp_path / "2025.progress.yaml").exists()


def test_github_format_ok_lines_cannot_start_a_command(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--verbose 'ok' lines escape the file name, so '::error::' in a name stays text."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "::error file=x::pwned,"
    folder.mkdir()
    (folder / "2025.yaml").write_bytes(SHIPPED_PLAN.read_bytes())
    result = invoke("check", "--format", "github", "--verbose", "::error file=x::pwned,/2025.yaml")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    ok = [x for x in lines if not x.startswith(("::warning ", "::notice "))]
    assert len(ok) == 1 and ok[0].startswith("%3A%3Aerror file=x%3A%3Apwned%2C/2025.yaml: ok (")
    assert all(
        x.startswith(("::warning file=%3A%3Aerror", "::notice file=%3A%3Aerror"))
        and x.split(" ", 1)[1].startswith("file=%3A%3Aerror file=x%3A%3Apwned%2C/")
        for x in lines[:-1]
    )


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('a;=HYPERLINK("http://x")', 'a;\'=HYPERLINK("http://x")'),
        ("  =1+1", "'  =1+1"),
        ("a; +46 70", "a;' +46 70"),
        ('x;"=cmd', "x;'\"=cmd"),
        ("-5;3", "-5;3"),
        ("a;b", "a;b"),
    ],
)
def test_csv_guard_covers_semicolon_parts_and_leading_spaces(cell: str, safe: str) -> None:
    """Each part Swedish Excel would make a cell of is guarded on its own."""
    assert csv_cell(cell) == safe


@given(st.text(max_size=30))
def test_no_csv_part_can_start_a_formula(text: str) -> None:
    """For any text: every ;-part, spaces and a quote skipped, starts harmlessly."""
    for part in csv_cell(text).split(";"):
        start = part.lstrip(' "')
        if start[:1] in ("=", "+", "-", "@", "\t", "\r"):
            try:
                float(start)
            except ValueError:
                pytest.fail(f"{part!r} would run")


def test_members_compare_csv_is_guarded(invoke: Invoke, tmp_path: Path) -> None:
    """`stc members --compare -f csv` writes its cells through the same guard."""
    plan = sibling_named(tmp_path, "=cmd|' /C calc'!A0")
    result = invoke("members", "--plan", str(plan), "--compare", "2025", "2025", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert "'=cmd" in result.stdout and "\n=cmd" not in result.stdout


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "y", "N", "010", "1:20", "~", "1e3"])
def test_record_quotes_what_yaml_11_would_misread(
    invoke: Invoke, tmp_path: Path, word: str
) -> None:
    """A YAML 1.1 reader (PyYAML) reads the recorded title and note back as the same text."""
    import yaml

    plan = tmp_path / "2025.yaml"
    plan.write_bytes(SHIPPED_PLAN.read_bytes())
    args = ["--kind", "other", "--title", word, "--note", word, "--all-branches"]
    result = invoke("record", "activity", "2025-03-01", *args, "--plan", str(plan))
    assert result.exit_code == 0, result.stderr
    data = yaml.safe_load((tmp_path / "2025.progress.yaml").read_text(encoding="utf-8"))
    assert data["activities"][0]["title"] == word and data["activities"][0]["note"] == word


def test_file_names_with_a_newline_stay_on_one_line(invoke: Invoke, tmp_path: Path) -> None:
    """A file name is data too: --verbose lines and problems keep it on one line."""
    folder = tmp_path / "a\n::error::b"
    folder.mkdir()
    (folder / "2025.yaml").write_bytes(SHIPPED_PLAN.read_bytes())
    (folder / "bad.yaml").write_text("version: 2\n", encoding="utf-8")
    for fmt in ("text", "github"):
        result = invoke(
            "check", "-v", "-f", fmt, str(folder / "2025.yaml"), str(folder / "bad.yaml")
        )
        assert result.exit_code == 1
        assert not [x for x in result.stdout.splitlines() if x.startswith("::error::b")]


UNSAFE = [
    *map(chr, range(0x00, 0x09)),
    *map(chr, range(0x0A, 0x20)),
    *map(chr, range(0x7F, 0xA0)),
    "\u2028",
    "\u2029",
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
]


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=20),
    st.sampled_from(UNSAFE),
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=20),
)
def test_any_unsafe_character_in_a_title_is_refused_at_its_line(
    before: str, char: str, after: str
) -> None:
    """Whatever surrounds it, the character makes the plan invalid, at the title's line."""
    import json

    from stc_plan.inputs.plan import check_plan_bytes

    title = "title: Minst en medlemsvärvning ska genomföras i varje avdelning"
    text = SHIPPED_PLAN.read_text(encoding="utf-8")
    line = text[: text.index(title)].count("\n") + 1
    value = json.dumps(before + char + after, ensure_ascii=True)  # a YAML double-quoted string
    checked = check_plan_bytes(text.replace(title, f"title: {value}").encode(), "p.yaml")
    assert checked.value is None
    assert [p.line for p in checked.errors] == [line]
    assert char not in str(checked.errors[0])


@given(
    st.text(max_size=30).filter(lambda s: s.strip()),
    st.text(max_size=60),
    st.booleans(),
)
def test_github_lines_never_start_a_command_of_the_data(name: str, message: str, ok: bool) -> None:
    """Any file name, any message: each line is a command stc meant, or starts with no '::'."""
    from stc_plan.errors import Problem
    from stc_plan.inputs.files import FileResult
    from stc_plan.render.problems import render_github

    problems = [] if ok else [Problem(name, 3, 4, message)]
    out = io.StringIO()
    render_github(
        [FileResult(name, problems, ok, "1 goal")], out, warnings=True, verbose=True, lang="en"
    )
    text = out.getvalue()
    lines = text.split("\n")[:-1]
    assert len(lines) == 1  # one line, whatever the name and message hold
    if ok:
        assert not lines[0].startswith("::")
    else:
        assert lines[0].startswith("::error file=") and "\r" not in lines[0]
        props, _, _ = lines[0][len("::error ") :].partition("::")
        assert props.count(",") == 3 and props.split(",")[0].count(":") == 0


def test_github_lines_show_control_characters_in_names_as_escapes(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ESC and BEL in a file name reach neither a problem's file= nor a --verbose ok line."""
    monkeypatch.chdir(tmp_path)
    name = "2025\x1b[8mhidden\x1b[0m\x07.yaml"
    (tmp_path / name).write_bytes(SHIPPED_PLAN.read_bytes())
    result = invoke("check", "--format", "github", "--verbose", name)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\\x1b[8mhidden" in result.stdout and "\\x07" in result.stdout


def test_the_terminal_view_colours_each_state_cell_by_its_state() -> None:
    """A console that really emits colour: each row's state cell in its state's colour
    (overdue bold red, on track green); with colour off, no escape codes at all."""
    import io
    from datetime import date

    from stc_plan.evaluate.status import evaluate
    from stc_plan.inputs.plan import load_plan
    from stc_plan.inputs.progress import load_progress
    from stc_plan.render.rich_out import write_rich
    from stc_plan.render.tables import status_layout
    from tests.conftest import EXAMPLE

    plan = load_plan(SHIPPED_PLAN)
    report = evaluate(plan, load_progress(EXAMPLE, plan), as_of=date(2025, 9, 30))
    out = io.StringIO()
    write_rich(status_layout(report, "en", title_limit=70), out, 100, colour=True)
    text = out.getvalue()
    assert "\x1b[1;31moverdue\x1b[0m" in text
    assert "\x1b[32mon track\x1b[0m" in text
    plain = io.StringIO()
    write_rich(status_layout(report, "en", title_limit=70), plain, 100, colour=False)
    assert "\x1b[" not in plain.getvalue()
