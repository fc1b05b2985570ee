"""``stc due``: what falls due soon (deadlines, term ends, checkpoints, check-ins, reports)."""

from typing import Annotated

import typer

from stc_plan.cli.common import (
    AsOfOption,
    FactsOption,
    LangOption,
    PlanOption,
    handled,
    load_inputs,
    one_of,
    parse_date,
    parse_days,
    resolve_lang,
)
from stc_plan.render import formats


def due(
    within: Annotated[
        str,
        typer.Option(
            "--within",
            help="How far ahead: days or weeks, e.g. 30d or 6w. Default: 30d.",
            show_default=False,
        ),
    ] = "30d",
    plan: PlanOption = None,
    facts: FactsOption = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help=formats.DUE.help(),
            autocompletion=formats.DUE.complete,
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> None:
    """What falls due soon, soonest first, after what is already overdue."""
    from stc_plan import output

    language = resolve_lang(lang)
    chosen = fmt or ("plain" if output.wants_plain() else "table")
    one_of("--format", chosen, formats.DUE.names)
    day = parse_date(as_of, "--as-of")
    days = parse_days(within, "--within")
    from stc_plan.evaluate.due import due as falling_due
    from stc_plan.render import render_due

    with handled():
        inputs = load_inputs(plan, facts)
        report = falling_due(inputs.plan, inputs.progress, as_of=day, days=days)
        render_due(report, chosen, language, output.stream_for(chosen), output.width())


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("due")(due)
