"""Swedish and English: every diagnostic the code can say has its Swedish, and the language
choice reaches reports and diagnostics alike."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from stc_plan import i18n
from tests.conftest import ROOT

Invoke = Callable[..., Any]


PACKAGE = ROOT / "src" / "stc_plan"
LOCALE = PACKAGE / "locale"
CALLS = {"t": "", "tn": "", "has": "", "say": "", "Msg": ""}  # function -> context of its ids


def catalog(lang: str) -> Any:
    from babel.messages.pofile import read_po

    with (LOCALE / lang / "LC_MESSAGES" / "stc.po").open("rb") as f:
        return read_po(f)


def _ids(cat: Any) -> dict[tuple[str, str], Any]:
    """(context, id) -> message, the header left out."""
    return {(m.context or "", m.id if isinstance(m.id, str) else m.id[0]): m for m in cat if m.id}


def _literals(node: ast.expr) -> Iterator[str]:
    """The string constants an argument can be: "a", or "a" if x else "b"."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.IfExp):
        yield from _literals(node.body)
        yield from _literals(node.orelse)


def used() -> Iterator[tuple[str, int, str, str]]:
    """(file, line, context, id) of every literal id given to t, tn, has or say."""
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        keys: dict[str, list[str]] = {}  # key = "a" if x else "b"; t(key, ...)
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
                if isinstance(target, ast.Name) and list(_literals(node.value)):
                    keys.setdefault(target.id, []).extend(_literals(node.value))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in CALLS
                and node.args
            ):
                arg = node.args[0]
                found = list(_literals(arg))
                if isinstance(arg, ast.Name):
                    found = keys.get(arg.id, [])
                for text in found:
                    yield path.name, node.lineno, CALLS[node.func.id], text


def families() -> dict[str, set[str]]:
    """Ids made in code from a prefix and a value of the schema: each value needs its id."""
    from typing import get_args

    from stc_plan.evaluate.states import State
    from stc_plan.model.vocab import ActivityKind, Level

    return {
        "state.": {s.value for s in State},
        "kind.": {"count", "milestone", "metric", "ongoing"},
        "activity.": set(get_args(ActivityKind)),
        "activity1.": set(get_args(ActivityKind)),
        "level.": set(get_args(Level)),
        "rating.": {"on-track", "at-risk", "off-track", "done"},
        "target.per.": {"term", "branch"},
        "report.title.": {"quarter", "term", "year"},
        "count.": {"goals", "warnings", "notes", "facts"},
        "states.": {s.value for s in State},
        "story.": {"done", "deadline", "year-end"},
        "due.": {"deadline", "year-end", "check-in"},
        "brief.clamped-": {"after", "before"},
        "digest.n-": {"activities", "done", "checkins", "readings", "members"},
        "ics.": {"term-start", "term-end"},
        "form.": {
            f"{kind}.{part}"
            for kind in ("activity", "done", "checkin", "members", "reading")
            for part in ("name", "description", "title", "intro")
        },
    }


def test_every_id_used_is_in_both_catalogs() -> None:
    """A literal id given to t/tn/has/say, or one a family makes, that a catalog lacks fails
    here, naming where it is used."""
    for lang in ("sv", "en"):
        ids = _ids(catalog(lang))
        rendered_in_code = {"list.semi"}  # joined by i18n.render itself, no words of its own
        missing = [
            f"{f}:{line}: {text!r}"
            for f, line, ctx, text in used()
            if (ctx, text) not in ids and text not in rendered_in_code
        ]
        missing += [
            f"{prefix}{value}"
            for prefix, values in families().items()
            for value in values
            if ("", prefix + value) not in ids
        ]
        assert missing == [], lang
    assert len(list(used())) > 200


def constants() -> set[str]:
    """Every string constant in the package (an id may sit in a table before it is said)."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def help_texts() -> set[str]:
    """Every --help text of the command tree (a format list is composed, not a constant),
    and the words of Typer's and click's own that stc translates."""
    import typer.main

    from stc_plan.cli import app

    found = {"Options", "Arguments", "Commands", "Show this message and exit."}

    def walk(node: Any) -> None:
        found.update(t for t in (node.help, getattr(node, "short_help", None)) if t)
        found.update(p.help for p in node.params if getattr(p, "help", None))
        for sub in getattr(node, "commands", {}).values():
            walk(sub)

    walk(typer.main.get_command(app))
    return found


def test_no_id_is_unused() -> None:
    """Every catalog id is in the code, or a member of a family, or a --help text."""
    written = constants() | help_texts()
    made = {prefix + v for prefix, values in families().items() for v in values}
    for lang in ("sv", "en"):
        unused = [text for _, text in _ids(catalog(lang)) if text not in written | made]
        assert unused == [], lang


def test_every_help_text_is_in_both_catalogs() -> None:
    """Each command's and option's --help text has its entry (context "help")."""
    for lang in ("sv", "en"):
        ids = _ids(catalog(lang))
        missing = sorted(t for t in help_texts() if ("help", t) not in ids)
        assert missing == [], lang


@pytest.mark.parametrize(
    ("args", "env", "words"),
    [
        (["--lang", "sv", "--help"], {}, ["Följ ett distrikts verksamhetsplan", "Flaggor:"]),
        (["status", "--help", "--lang", "sv"], {}, ["Det som behöver er nu", "Argument:"]),
        (["record", "done", "--help"], {"STC_LANG": "sv"}, ["Registrera en milstolpe som klar."]),
        (["record", "--help"], {"STC_LANG": "sv"}, ["Visa detta meddelande och avsluta."]),
        (["check", "--help", "--lang=en"], {"STC_LANG": "sv"}, ["Check plans and", "Options:"]),
    ],
)
def test_help_speaks_the_users_language(
    args: list[str], env: dict[str, str], words: list[str]
) -> None:
    """--help comes in Swedish when the language is Swedish (the real script: --help is
    answered while the options are parsed)."""
    done = run_stc(args, env)
    assert done.returncode == 0, done.stderr
    flat = " ".join(done.stdout.split())
    for word in words:
        assert word in flat


def test_both_languages_have_the_same_ids_and_placeholders() -> None:
    """The same ids, each with the same {placeholders} in every form, singular and plural."""
    import string

    def names(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    sv, en = _ids(catalog("sv")), _ids(catalog("en"))
    assert sv.keys() == en.keys()
    wrong = []
    for key, m in sv.items():
        forms = (
            [*m.string, *en[key].string]
            if isinstance(m.string, tuple)
            else [
                m.string,
                en[key].string,
            ]
        )
        if not all(forms) or len({frozenset(names(x)) for x in forms}) != 1:
            wrong.append(key)
    assert wrong == []


def test_the_compiled_catalogs_are_current() -> None:
    """The .mo files the package reads hold exactly the .po files' messages: compile with
    `pybabel compile -d src/stc_plan/locale -D stc` after editing a .po."""
    from gettext import GNUTranslations

    for lang in ("sv", "en"):
        with (LOCALE / lang / "LC_MESSAGES" / "stc.mo").open("rb") as f:
            compiled = GNUTranslations(f)
        for (ctx, text), m in _ids(catalog(lang)).items():
            if isinstance(m.string, tuple):
                assert compiled.ngettext(text, m.id[1], 1) == m.string[0], text
                assert compiled.ngettext(text, m.id[1], 2) == m.string[1], text
            elif ctx:
                assert compiled.pgettext(ctx, text) == m.string, text
            else:
                assert compiled.gettext(text) == m.string, text


def test_words_come_in_the_language_asked_for() -> None:
    """t and tn read the catalogs: Swedish and English, singular and plural."""
    assert i18n.t("state.on-track", "sv") == "i fas"
    assert i18n.t("state.on-track", "en") == "on track"
    assert i18n.tn("summary", 1, "en", counts="1 done") == "1 goal: 1 done"
    assert i18n.tn("summary", 2, "en", counts="2 done") == "2 goals: 2 done"
    assert i18n.tn("summary", 2, "sv", counts="2 klart") == "2 mål: 2 klart"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"STC_LANG": "sv"}, "okänd nyckel 'at_lest'; menade du 'at_least'?"),
        ({"LANG": "sv_SE.UTF-8"}, "okänd nyckel 'at_lest'; menade du 'at_least'?"),
        ({"LANG": "C.UTF-8"}, "unknown key 'at_lest'; did you mean 'at_least'?"),
    ],
)
def test_check_speaks_the_users_language(
    invoke: Invoke, make_plan: Callable[..., Path], env: dict[str, str], expected: str
) -> None:
    """stc check's problems follow STC_LANG and the locale."""
    broken = make_plan({"at_least: 10": "at_lest: 10"})
    result = invoke("check", str(broken), env=env)
    assert result.exit_code == 1
    assert expected in result.stdout
    # Only that language: the other one's words for the same problem are absent.
    for other in ("okänd nyckel", "unknown key"):
        if other not in expected:
            assert other not in result.stdout


def test_lang_option_sets_diagnostics_too(invoke: Invoke, tmp_path: Path) -> None:
    """--lang sv on a command gives Swedish errors as well as a Swedish report."""
    result = invoke("status", "--plan", str(tmp_path / "nope.yaml"), "--lang", "sv")
    assert result.exit_code == 1
    assert "kan inte läsas" in result.stderr


def _commands() -> list[str]:
    from stc_plan.cli import app

    names = [c.name or "" for c in app.registered_commands]
    for group in app.registered_groups:
        assert group.typer_instance is not None
        names += [f"{group.name} {c.name}" for c in group.typer_instance.registered_commands]
    return sorted(names)


@pytest.mark.parametrize("name", _commands())
def test_every_command_takes_lang(invoke: Invoke, name: str) -> None:
    """`--lang sv|en` is an option of every command."""
    result = invoke(*name.split(), "--help")
    assert result.exit_code == 0 and "--lang" in result.stdout


@pytest.mark.parametrize(
    ("args", "swedish"),
    [
        (["check", "--lang", "sv", "nope.yaml"], "kan inte läsas: filen finns inte"),
        (["diff", "--lang", "sv", "a.yaml", "b.yaml"], "kan inte läsas: filen finns inte"),
        (["schema", "--lang", "sv", "-o", "s.json", "--plan", "nope.yaml"], "kan inte läsas"),
        (["new", "2030", "--from", "nope.yaml", "--lang", "sv"], "kan inte läsas"),
        (
            ["record", "done", "x", "--date", "2025-01-01", "--plan", "nope.yaml", "--lang", "sv"],
            "kan inte läsas",
        ),
        (
            ["members", "import", "nope.csv", "--date", "2025-01-01", "--lang", "sv"],
            "kan inte läsas",
        ),
    ],
)
def test_lang_reaches_every_commands_errors(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], swedish: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "2025.yaml").write_bytes((ROOT / "plans" / "2025.yaml").read_bytes())
    result = invoke(*args)
    assert result.exit_code == 1, result.stderr
    assert swedish in result.stderr


def test_docs_list_every_diagnostic_code() -> None:
    """docs/codes.md is what `python tools/codes_doc.py` writes from the catalog."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("codes_doc", ROOT / "tools" / "codes_doc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (ROOT / "docs" / "codes.md").read_text(encoding="utf-8") == module.page()
    assert "| `yaml.duplicate-key` |" in module.page()


def test_check_json_carries_codes(invoke: Invoke, make_plan: Callable[..., Path]) -> None:
    """A problem with a code gives it in JSON, next to its words in the language asked."""
    import json

    broken = make_plan({"  - id: guide\n": "  - id: guide\n    id: again\n"})
    doc = json.loads(invoke("check", "--format", "json", "--lang", "sv", str(broken)).stdout)
    problem = doc["files"][0]["problems"][0]
    assert problem["code"] == "yaml.duplicate-key"
    assert (
        problem["message"] == "mål 'guide': dubblerad nyckel 'id' (först på rad 52); behåll bara en"
    )


@pytest.mark.parametrize(
    ("args", "env", "line"),
    [
        (
            ["status", "--bogus", "--lang", "sv"],
            {},
            "stc: flaggan --bogus finns inte (menade du --long?); se 'stc status --help'",
        ),
        (
            ["status", "--as"],
            {"STC_LANG": "en"},
            "stc: no such option: --as (did you mean --all, --as-of, --facts?); "
            "see 'stc status --help'",
        ),
        (["record", "done"], {"STC_LANG": "sv"}, "stc: 'goal' saknas; se 'stc record done --help'"),
        (
            ["record", "done"],
            {"STC_LANG": "en"},
            "stc: missing 'goal'; see 'stc record done --help'",
        ),
        (  # the date typed without --date, as `stc record activity DATE` takes it
            ["record", "done", "kandidatutbildning", "2025-10-15"],
            {"STC_LANG": "sv"},
            "stc: oväntat 2025-10-15: kommandot tar inga fler argument (ett värde utan sin "
            "flagga, som --date?); se 'stc record done --help'",
        ),
    ],
)
def test_the_parsers_usage_errors_are_one_line_in_the_users_language(
    args: list[str], env: dict[str, str], line: str
) -> None:
    """Wrong usage caught by the parser itself: one line, exit 2, in the language asked."""
    done = run_stc(args, env)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", line + "\n")


def run_stc(args: list[str], env: dict[str, str]) -> Any:
    """The real `stc` script with ``env`` over a language-free environment (options like
    --help are answered while parsing, which only the script goes through as a user's)."""
    import os
    import shutil
    import subprocess
    import sys

    stc = shutil.which("stc", path=str(Path(sys.executable).parent))
    if stc is None:
        pytest.skip("needs the installed stc script")
    base = {k: v for k, v in os.environ.items() if k not in ("STC_LANG", "LANG", "LC_ALL")}
    return subprocess.run(
        [stc, *args], env={**base, **env}, capture_output=True, text=True, check=False
    )


def test_every_message_in_code_gives_the_values_its_words_use() -> None:
    """A Msg("code", ...) or say("code", ...) without a value its words name would fail as
    "internal error" when shown: each literal call gives every placeholder of its entry."""
    import string

    def names(text: str) -> set[str]:
        return {f.split(".")[0].split("[")[0] for _, f, _, _ in string.Formatter().parse(text) if f}

    words: dict[str, set[str]] = {}
    for m in catalog("en"):
        if m.id and not m.context:
            forms = m.string if isinstance(m.string, tuple) else (m.string,)
            words[m.id if isinstance(m.id, str) else m.id[0]] = set().union(*map(names, forms))
    short = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("Msg", "say")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and node.args[0].value in words
                and node.args[0].value != "list.or"  # its items are joined by render itself
                and all(k.arg for k in node.keywords)  # no **values
            ):
                continue
            given = {k.arg for k in node.keywords}
            lacking = words[node.args[0].value] - given
            if lacking:
                short.append(f"{path.name}:{node.lineno}: {node.args[0].value} lacks {lacking}")
    assert short == []


def test_help_shows_words_not_python_types() -> None:
    """Every command's --help, in both languages, as the `stc` entry point builds it: a
    value is a word (``--plan FIL``), never a Python type (``<list[str]>``), and a default
    is said in the catalog's words."""
    import subprocess
    import sys

    import typer.main

    from stc_plan.cli import app

    root = typer.main.get_command(app)
    names = [
        [name, *([sub] if sub else [])]
        for name, cmd in root.commands.items()  # type: ignore[attr-defined]
        for sub in [None, *getattr(cmd, "commands", {})]
    ]
    script = (
        "import sys\nfrom stc_plan.cli import _localised\n"
        "cmd = _localised(sys.argv[1])\n"
        "for line in sys.stdin:\n"
        "    try:\n"
        "        cmd.main([*line.split(), '--help'], prog_name='stc', standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "    print('@@@')\n"
    )
    for lang in ("sv", "en"):
        done = subprocess.run(
            [sys.executable, "-c", script, lang],
            input="\n".join(" ".join(a) for a in names) + "\n",
            capture_output=True,
            text=True,
            check=True,
            env={"TYPER_USE_RICH": "0", "PATH": "/usr/bin:/bin"},
        )
        pages = done.stdout.split("@@@\n")[:-1]
        assert len(pages) == len(names)
        for args, page in zip(names, pages, strict=True):
            assert "Usage: stc" in page, (args, lang)
            assert "<" not in page and "[default:" not in page, (args, lang, page)
