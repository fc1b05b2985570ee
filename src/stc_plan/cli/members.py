"""``stc members``: membership per constituency against the growth target."""

from __future__ import annotations

import sys

import typer

from stc_plan.cli.common import (
    AsOfOption,
    FactsOption,
    FormatOption,
    LangOption,
    PlanOption,
    handled,
    load_inputs,
    parse_date,
    report_format,
    resolve_lang,
)

members_app = typer.Typer(
    help="Membership per branch: counts, growth, gap, pace and projection.",
    invoke_without_command=True,
    no_args_is_help=False,
)


@members_app.callback()
def members(
    ctx: typer.Context,
    plan: PlanOption = None,
    facts: FactsOption = None,
    fmt: FormatOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> None:
    """Show each branch's latest count against its baseline and target, with totals."""
    if ctx.invoked_subcommand is not None:
        return
    from stc_plan import output

    chosen = report_format(fmt)
    language = resolve_lang(lang)
    day = parse_date(as_of, "--as-of")
    from stc_plan.evaluate.status import evaluate
    from stc_plan.render import render_members

    with handled(ctx):
        inputs = load_inputs(plan, facts)
        report = evaluate(inputs.plan, inputs.progress, as_of=day)
        render_members(report, chosen, language, sys.stdout, output.width())


def register(app: typer.Typer) -> None:
    """Add the command group to ``app``."""
    app.add_typer(members_app, name="members")
