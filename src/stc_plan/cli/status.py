"""``stc status``: where every goal stands on a date."""

from pathlib import Path
from typing import Annotated

import typer

from stc_plan.cli.common import (
    AsOfOption,
    FactsOption,
    FormatOption,
    LangOption,
    PlanOption,
    handled,
    load_inputs,
    one_of,
    parse_date,
    report_format,
    resolve_lang,
    say,
    usage,
)


def status(
    plans: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Plan files, to see several years one after another. Default: --plan.",
            show_default=False,
        ),
    ] = None,
    plan: PlanOption = None,
    facts: FactsOption = None,
    fmt: FormatOption = None,
    as_of: AsOfOption = None,
    section: Annotated[
        str | None,
        typer.Option("--section", help="Only this section (e.g. 3, or 3.1).", show_default=False),
    ] = None,
    branch: Annotated[
        str | None,
        typer.Option(
            "--branch",
            help="As seen from one branch (its id, e.g. norra-innerstaden).",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Show every goal by section with actual, target, pace and state, and the membership."""
    from stc_plan import output

    chosen = report_format(fmt)
    language = resolve_lang(lang)
    day = parse_date(as_of, "--as-of")
    from stc_plan.evaluate.status import evaluate
    from stc_plan.render import render_statuses

    if plans and (plan is not None or facts is not None):
        usage(say("cli.status-plans-twice"))
    with handled():
        reports = []
        named_plans: list[Path | None] = list(plans) if plans else [plan]
        for named in named_plans:
            inputs = load_inputs(named, facts)
            sections = [s.id for s in inputs.plan.sections]
            one_of("--section", section, sections)
            branches = [b.id for b in inputs.plan.branches]
            one_of("--branch", branch, branches)
            reports.append(
                evaluate(inputs.plan, inputs.progress, as_of=day, section=section, branch=branch)
            )
        render_statuses(reports, chosen, language, output.stream_for(chosen), output.width())


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("status")(status)
