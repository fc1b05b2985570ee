"""``stc check``: validate plan files for CI and pre-commit."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from stc_plan.cli.common import PlanOption, handled, resolve_plan, usage

FORMATS = ("text", "github", "json")


def check(
    ctx: typer.Context,
    plans: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Plan files to check. Default: --plan, $STC_PLAN, or the newest plans/*.yaml.",
            show_default=False,
        ),
    ] = None,
    plan: PlanOption = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="text, github (workflow commands for Actions) or json."
        ),
    ] = "text",
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on warnings too (e.g. a target not yet set).")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also report files that pass, and warnings.")
    ] = False,
) -> None:
    """Check plan files: exit 0 if valid, 1 if not, 2 on wrong usage.

    Silent on success. Problems are printed as FILE:LINE:COL: MESSAGE.
    """
    if fmt not in FORMATS:
        usage(f"--format must be one of {', '.join(FORMATS)}, not '{fmt}'")
    if plans and plan is not None:
        usage("name the plans either as arguments or with --plan, not both")
    from stc_plan.load.plan import check_plan_file
    from stc_plan.render.problems import CHECK_FORMATS, FileResult

    with handled(ctx):
        paths = list(plans) if plans else [resolve_plan(plan)]
        results = []
        for path in paths:
            checked = check_plan_file(path)
            failing = checked.errors + (checked.warnings if strict else [])
            shown = checked.problems if (verbose or strict or fmt == "json") else checked.errors
            summary = ""
            if checked.value is not None:
                n = len(checked.warnings)
                summary = f"{len(checked.value.goals)} goals, {n} warning{'' if n == 1 else 's'}"
            results.append(FileResult(str(path), shown, not failing, summary))
        CHECK_FORMATS[fmt](results, sys.stdout, verbose=verbose)
    if not all(r.valid for r in results):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("check")(check)
