"""``stc status``: where every goal stands today."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from stc_plan.cli.common import (
    LangOption,
    PlanOption,
    handled,
    parse_date,
    resolve_lang,
    resolve_plan,
    usage,
)

FORMATS = ("table", "plain", "markdown", "json")


def status(
    ctx: typer.Context,
    plan: PlanOption = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="table, plain, markdown or json. Default: table on a terminal, else plain.",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Show the state on this date (YYYY-MM-DD). Default: today.",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Show every goal by section, the overarching goals and the membership table."""
    from stc_plan import output

    if fmt is not None and fmt not in FORMATS:
        usage(f"--format must be one of {', '.join(FORMATS)}, not '{fmt}'")
    chosen = fmt or ("plain" if output.wants_plain() else "table")
    language = resolve_lang(lang)
    day = parse_date(as_of, "--as-of")
    from stc_plan.evaluate.status import evaluate
    from stc_plan.load.plan import load_plan
    from stc_plan.render import status_renderer

    with handled(ctx):
        report = evaluate(load_plan(resolve_plan(plan)), as_of=day)
        status_renderer(chosen)(report, language, sys.stdout, output.width())


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("status")(status)
