"""The Swedish guide (docs/sv/) is true: every command it shows runs as shown, in a copy of
the repository as a clone has it (the shipped plan, the example facts), and prints what the
guide says, as a terminal 80 columns wide and 60 lines high shows it; every link between its
pages leads somewhere; its words for states, kinds, levels and ratings are the catalog's.

How a page marks what runs: a ```console block holds ``$ COMMAND`` lines, each followed by
what it prints, all of it, or parts of it with a line ``[…]`` where lines are left out. HTML
comments (GitHub does not show them) prepare the copy before a block:

- ``<!-- test: reset -->`` puts the copy back as a clone has it;
- ``<!-- test: copy FROM TO -->`` copies a file in it;
- ``<!-- test: edit FILE "OLD" "NEW" -->`` changes a file's text (``\\t`` is a tab), to make
  the mistake a page shows;
- ``<!-- test: exit N -->``: the next block's commands exit N (otherwise 0);
- ``<!-- test: file NAME -->``: the next code block is written as the file NAME;
- ``<!-- test: shows FILE -->``: the next code block is part of FILE as it is then.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, ROOT, SHIPPED_PLAN, on_terminal

GUIDE = ROOT / "docs" / "sv"
PAGES = sorted(GUIDE.glob("*.md"))
STC = shutil.which("stc", path=str(Path(sys.executable).parent))
GAP = "[…]"  # a line of expected output: lines left out here
COLUMNS, LINES = 80, 60

# A directive comment or a fenced code block, in the order the page has them.
TOKEN = re.compile(
    r"<!-- test: (?P<directive>.*?) -->|^```(?P<lang>\w*)\n(?P<body>.*?)^```", re.S | re.M
)
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


@dataclass
class Step:
    """A command of a console block: what is typed, what it shows, the exit it gives."""

    command: str
    shown: list[str] = field(default_factory=list)
    exit: int = 0


def clone(folder: Path) -> None:
    """The copy as a clone of the repository has it: the plan, its schema, the example facts;
    no progress file beside the plan (nothing recorded yet)."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "plans").mkdir(parents=True)
    (folder / "examples").mkdir()
    (folder / "schema").mkdir()
    shutil.copy(SHIPPED_PLAN, folder / "plans" / "2025.yaml")
    shutil.copy(EXAMPLE, folder / "examples" / EXAMPLE.name)
    shutil.copy(ROOT / "schema" / "plan.schema.json", folder / "schema" / "plan.schema.json")


def console_steps(body: str, code: int) -> list[Step]:
    """The commands of a ```console block with the lines each shows (a trailing ``\\`` goes
    on to the next line)."""
    steps: list[Step] = []
    lines = body.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("$ "):
            command = line[2:]
            while command.endswith("\\") and i + 1 < len(lines):
                i += 1
                command = command[:-1] + lines[i].lstrip()
            steps.append(Step(command, exit=code))
        else:
            assert steps, f"output before any command: {line!r}"
            steps[-1].shown.append(line.rstrip())
        i += 1
    return steps


def terminal(command: str, cwd: Path) -> tuple[int, list[str]]:
    """Run ``command`` in bash on a terminal COLUMNS x LINES, as a person would; (exit code,
    the lines it showed, colours taken out)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STC_", "GITHUB_", "LC_"))}
    env.pop("NO_COLOR", None)
    env.update(
        LANG="sv_SE.UTF-8",  # a Swedish computer: stc speaks Swedish without --lang
        TERM="xterm-256color",
        COLUMNS=str(COLUMNS),
        LINES=str(LINES),
        PATH=f"{Path(sys.executable).parent}:{env.get('PATH', '')}",
    )
    code, shown = on_terminal(
        ["bash", "--norc", "-c", command], env, cwd=cwd, size=(LINES, COLUMNS)
    )
    text = ANSI.sub("", shown).replace("\r\n", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return code, lines


def matches(shown: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` is what ``shown`` says: the same lines, where ``[…]`` stands for
    any lines (none too) and every other line is in its place."""
    parts: list[list[str]] = [[]]
    for line in shown:
        if line.strip() == GAP:
            parts.append([])
        else:
            parts[-1].append(line)
    if len(parts) == 1:
        return shown == actual
    first, *middle, last = parts
    if actual[: len(first)] != first or (last and actual[-len(last) :] != last):
        return False
    at = len(first)
    end = len(actual) - len(last)
    for part in middle:
        while at + len(part) <= end and actual[at : at + len(part)] != part:
            at += 1
        if at + len(part) > end:
            return False
        at += len(part)
    return at <= end


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    old, new = (s.replace("\\t", "\t") for s in (old, new))
    assert old in text, f"{path.name} has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run_page(page: Path, folder: Path) -> int:
    """Every block of ``page`` in order, in the copy at ``folder``; the commands run."""
    clone(folder)
    code = 0
    pending: list[str] = []  # a directive waiting for the next code block
    ran = 0
    text = page.read_text(encoding="utf-8")
    for token in TOKEN.finditer(text):
        where = f"{page.name}:{text.count(chr(10), 0, token.start()) + 1}"
        if token.group("directive") is not None:
            words = shlex.split(token.group("directive"))
            if words[0] == "reset":
                clone(folder)
            elif words[0] == "copy":
                shutil.copy(folder / words[1], folder / words[2])
            elif words[0] == "edit":
                edit(folder / words[1], words[2], words[3])
            elif words[0] == "exit":
                code = int(words[1])
            elif words[0] in ("file", "shows"):
                pending = words
            else:
                raise AssertionError(f"{where}: unknown directive {words[0]!r}")
            continue
        body = token.group("body")
        if pending:
            target = folder / pending[1]
            if pending[0] == "file":
                target.write_text(body, encoding="utf-8")
            else:
                assert body in target.read_text(encoding="utf-8"), f"{where}: not in {target}"
            pending = []
            continue
        if token.group("lang") != "console":
            continue
        for step in console_steps(body, code):
            got, lines = terminal(step.command, folder)
            said = "\n".join(lines)
            assert "Traceback" not in said, f"{where}: {step.command}\n{said}"
            assert got == step.exit, f"{where}: {step.command} exited {got}\n{said}"
            assert matches(step.shown, lines), (
                f"{where}: {step.command} shows\n{said}\n--- the guide says ---\n"
                + "\n".join(step.shown)
            )
            ran += 1
        code = 0
    assert not pending, f"{page.name}: a directive with no code block after it"
    return ran


@pytest.mark.skipif(STC is None, reason="needs the installed stc script")
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_command_shows_what_the_guide_says(page: Path, tmp_path: Path) -> None:
    """Each page's console blocks, run in order in a fresh copy of the repository."""
    ran = run_page(page, tmp_path / "stc")
    assert ran > 0 or "```console" not in page.read_text(encoding="utf-8")


def test_the_guide_runs_commands_on_every_page_that_shows_them() -> None:
    """Guards the collection: the pages exist and their blocks are found, each as console."""
    names = {p.name for p in PAGES}
    assert {"README.md", "kom-igang.md", "rapportera.md", "lasa-laget.md"} <= names
    assert "nar-kontrollen-sager-nej.md" in names
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for token in TOKEN.finditer(text):
            body = token.group("body") or ""
            if token.group("lang") in ("sh", "bash", "shell", "text") and "stc " in body:
                assert page.name == "kom-igang.md", f"{page.name}: stc in a block that never runs"
    found = [
        step.command
        for page in PAGES
        for token in TOKEN.finditer(page.read_text(encoding="utf-8"))
        if token.group("lang") == "console"
        for step in console_steps(token.group("body"), 0)
    ]
    for command in ("stc status", "stc due", "stc report", "stc record", "stc check"):
        assert any(c.startswith(command) for c in found), command
    assert any(c.startswith("stc members import") for c in found)


def test_the_install_command_is_the_readme_s_quick_start() -> None:
    """The guide installs stc with exactly the README's quick start (its first line), which
    CI runs; the guide's other shell blocks are git, never stc."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    first = re.search(r"```sh\n(.*?)\n", section)
    assert first is not None
    start = (GUIDE / "kom-igang.md").read_text(encoding="utf-8")
    blocks = [m.group("body") for m in TOKEN.finditer(start) if m.group("lang") == "sh"]
    assert first.group(1) + "\n" in blocks


def _inline_commands() -> list[tuple[str, str]]:
    """(page, command) for every `stc ...` in running text (not in code blocks)."""
    out = []
    for page in PAGES:
        text = TOKEN.sub("", page.read_text(encoding="utf-8"))
        out += [(page.name, c) for c in re.findall(r"`(stc [^`]*)`", text)]
    return out


@pytest.mark.parametrize(("page", "command"), _inline_commands())
def test_commands_named_in_the_text_exist(page: str, command: str, invoke: object) -> None:
    """A command the text names (`stc status --only stale`, `stc status MÅL`) is one of
    stc's, and every option it names is that command's."""
    words = shlex.split(command)[1:]
    path = [w for w in words[:2] if not w.startswith("-") and w.islower() and w.isalpha()]
    helped = invoke(*path, "--help")  # type: ignore[operator]
    assert helped.exit_code == 0, f"{page}: {command}"
    for option in (w.split("=")[0] for w in words if w.startswith("--")):
        assert re.search(rf"(^|[\s,]){re.escape(option)}\b", helped.stdout), f"{page}: {option}"


def _slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as -."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def test_every_link_in_the_guide_leads_somewhere() -> None:
    """Every relative link in docs/sv/ names a file that exists, and an anchor a heading
    there; the README links the guide's index."""
    checked = 0
    for page in PAGES:
        text = TOKEN.sub("", page.read_text(encoding="utf-8"))
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue  # https:, mailto:: not ours to check here
            path, _, anchor = target.partition("#")
            file = (page.parent / path).resolve() if path else page
            assert file.is_file(), f"{page.name}: {target}"
            if anchor and file.suffix == ".md":
                headings = re.findall(r"^#+ (.*)$", file.read_text(encoding="utf-8"), re.M)
                assert anchor in {_slug(h) for h in headings}, f"{page.name}: {target}"
            checked += 1
    assert checked >= 10
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/sv/README.md)" in readme
    index = (GUIDE / "README.md").read_text(encoding="utf-8")
    for page in PAGES:
        if page.name != "README.md":
            assert f"]({page.name})" in index, f"the index does not link {page.name}"


def test_the_words_are_the_ones_stc_prints() -> None:
    """The tables of states, activity kinds, levels and check-in ratings give stc's own
    Swedish words (the catalog's), each with the value to type where there is one."""
    from typing import get_args

    from stc_plan.evaluate.states import State
    from stc_plan.i18n import t
    from stc_plan.model.facts import RATINGS
    from stc_plan.model.vocab import ActivityKind, Level

    reading = (GUIDE / "lasa-laget.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| \*\*(.+?)\*\* \| (.+?) \|$", reading, re.M))
    assert set(rows) == {t(f"state.{s.value}", "sv") for s in State}
    recording = (GUIDE / "rapportera.md").read_text(encoding="utf-8")
    typed = dict(re.findall(r"^\| `([a-z-]+)` \| (.+?) \|", recording, re.M))
    for kind in get_args(ActivityKind):
        assert typed.get(kind) == t(f"activity1.{kind}", "sv"), kind
    for level in get_args(Level):
        assert typed.get(level) == t(f"level.{level}", "sv"), level
    for rating in RATINGS:
        assert typed.get(rating) == t(f"rating.{rating}", "sv"), rating


def test_the_forms_and_their_replies_are_named_as_github_shows_them(tmp_path: Path) -> None:
    """Each form `stc forms` writes is named by its title, and the reply on a form that
    cannot be recorded is quoted in the catalog's words."""
    import yaml

    from stc_plan.i18n import t

    clone(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "stc_plan", "forms", "--root", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    recording = (GUIDE / "rapportera.md").read_text(encoding="utf-8")
    for form in (tmp_path / ".github" / "ISSUE_TEMPLATE").glob("stc-*.yml"):
        name = yaml.safe_load(form.read_text(encoding="utf-8"))["name"]
        assert f"**{name}**" in recording, name
    fails = (GUIDE / "nar-kontrollen-sager-nej.md").read_text(encoding="utf-8")
    for code in ("reply.refused", "reply.how-to-fix"):
        assert t(code, "sv") in fails, code


def test_a_wrong_line_fails_the_page(tmp_path: Path) -> None:
    """The checker itself: `[…]` stands for any lines, anything else must be in its place;
    a page whose shown output is not what stc prints, or whose exit is not the one said,
    fails."""
    assert matches(["a", GAP, "d"], ["a", "b", "c", "d"])
    assert matches(["a", GAP], ["a"]) and matches([GAP, "c", GAP], ["a", "b", "c", "d"])
    assert not matches(["a", "d"], ["a", "b", "c", "d"])
    assert not matches(["a", GAP, "c", GAP, "b"], ["a", "b", "c", "d"])
    assert not matches([], ["stc: something"])
    page = tmp_path / "sida.md"
    page.write_text("```console\n$ stc check\nnågot som inte skrivs\n```\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="the guide says"):
        run_page(page, tmp_path / "stc")
    page.write_text("<!-- test: exit 1 -->\n```console\n$ stc check\n```\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="exited 0"):
        run_page(page, tmp_path / "stc")
