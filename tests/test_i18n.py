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


def said() -> Iterator[tuple[str, int, str]]:
    """(file, line, English text) of every say("...") call in the package."""
    for path in sorted((ROOT / "src" / "stc_plan").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "say"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                yield path.name, node.lineno, node.args[0].value


def test_every_diagnostic_has_its_swedish() -> None:
    """A text given to say() without a Swedish entry fails here, naming where it is."""
    missing = [f"{f}:{line}: {text!r}" for f, line, text in said() if text not in i18n.SV]
    assert missing == []
    assert len(list(said())) > 60


def test_every_catalog_entry_has_both_languages() -> None:
    """The report catalog has sv and en for every key."""
    assert all(set(entry) == {"sv", "en"} for entry in i18n.CATALOG.values())


def test_swedish_entries_keep_their_placeholders() -> None:
    """A Swedish text uses the same {placeholders} as its English key."""
    import string

    def names(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    wrong = [k for k, v in i18n.SV.items() if names(k) != names(v)]
    assert wrong == []


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
