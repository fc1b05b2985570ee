"""``stc check`` results as text, GitHub Actions workflow commands, or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TextIO

from stc_plan.errors import Severity, one_line
from stc_plan.i18n import Lang, render
from stc_plan.inputs.files import FileResult
from stc_plan.render.escape import github_data, github_property


def render_text(
    results: list[FileResult], out: TextIO, *, warnings: bool, verbose: bool, lang: Lang
) -> None:
    """``file:line:col: message`` lines; with --verbose also a line per file that passed."""
    for r in results:
        for p in r.shown(warnings=warnings, notes=verbose):
            out.write(p.line_in(lang) + "\n")
        if verbose and r.valid:
            summary = render(r.summary, lang)
            out.write(f"{one_line(r.name)}: ok ({summary})\n")  # a name may hold a newline


def render_github(
    results: list[FileResult], out: TextIO, *, warnings: bool, verbose: bool, lang: Lang
) -> None:
    """``::error file=...,line=...,col=...::message``, which Actions shows on the line."""
    for r in results:
        for p in r.shown(warnings=warnings, notes=verbose):
            level = {Severity.ERROR: "error", Severity.WARNING: "warning"}.get(p.severity, "notice")
            # The message repeats the position so the raw log reads well too.
            props = (
                f"file={github_property(p.file)},line={p.line},col={p.col},"
                f"title={github_property('stc check')}"
            )
            body = github_data(p.message_in(lang))
            out.write(f"::{level} {props}::{body}\n")
        if verbose and r.valid:
            # Not a command, but the runner reads every line: a file named "::error::x"
            # must not start one, so the name is escaped as a property (":" becomes %3A).
            summary = github_data(render(r.summary, lang))
            out.write(f"{github_property(r.name)}: ok ({summary})\n")


def render_json(
    results: list[FileResult], out: TextIO, *, warnings: bool, verbose: bool, lang: Lang
) -> None:
    """One JSON document for all files; always printed, whatever the outcome."""
    doc = {
        "valid": all(r.valid for r in results),
        "files": [
            {
                "file": r.name,
                "valid": r.valid,
                "problems": [
                    {
                        "line": p.line,
                        "col": p.col,
                        "severity": p.severity.value,
                        "code": p.code,
                        "message": p.message_in(lang),
                    }
                    for p in r.problems
                ],
            }
            for r in results
        ],
    }
    json.dump(doc, out, ensure_ascii=False, indent=2)
    out.write("\n")


CHECK_FORMATS: dict[str, Callable[..., None]] = {
    "text": render_text,
    "github": render_github,
    "json": render_json,
}
