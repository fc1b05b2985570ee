"""``stc check``: validate plan files for CI and pre-commit."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from stc_plan.cli.common import (
    FactsOption,
    LangOption,
    PlanOption,
    handled,
    one_of,
    resolve_lang,
    resolve_plan,
    say,
    usage,
)
from stc_plan.render import formats


def check(
    plans: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Plan files to check. Default: --plan, $STC_PLAN, or the newest plans/*.yaml.",
            show_default=False,
        ),
    ] = None,
    plan: PlanOption = None,
    facts: FactsOption = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help=formats.CHECK.help(),
            autocompletion=formats.CHECK.complete,
            show_default=False,
        ),
    ] = "text",
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Fail on warnings too (e.g. an activity recorded twice)."),
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="Also report files that pass, warnings and notes."),
    ] = False,
    lang: LangOption = None,
) -> None:
    """Check plans and their progress files: exit 0 if valid, 1 if not, 2 on wrong usage.

    Silent on success. Problems are printed as FILE:LINE:COL: MESSAGE. A plan's progress
    file (plans/2025.progress.yaml beside plans/2025.yaml) is checked with it.
    """
    language = resolve_lang(lang)
    one_of("--format", fmt, formats.CHECK.names)
    if plans and plan is not None:
        usage(say("cli.plans-twice"))
    if facts is not None and plans and len(plans) > 1:
        usage(say("cli.facts-one-plan"))
    from stc_plan.inputs.files import check_paths
    from stc_plan.render.problems import CHECK_FORMATS

    with handled():
        paths = list(plans) if plans else [resolve_plan(plan)]
        results = check_paths(paths, strict=strict, facts=facts)
        CHECK_FORMATS[fmt](
            results,
            sys.stdout,
            warnings=verbose or strict or fmt == "json",
            verbose=verbose,
            lang=language,
        )
    if not all(r.valid for r in results):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("check")(check)
