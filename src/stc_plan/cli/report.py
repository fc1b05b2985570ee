"""``stc report``: a quarter's or a term's summary for the board, or the year-end draft."""

from pathlib import Path
from typing import Annotated

import typer

from stc_plan import output
from stc_plan.cli.common import (
    FactsOption,
    LangOption,
    PlanOption,
    handled,
    load_inputs,
    one_of,
    resolve_lang,
    run_lang,
    say,
    usage,
    waiting,
)
from stc_plan.render import formats


def report(
    quarter: Annotated[
        str | None, typer.Option("--quarter", help="A quarter, e.g. 2025-Q2.", show_default=False)
    ] = None,
    term: Annotated[
        str | None,
        typer.Option(
            "--term", help="A term: VT2025 (Jan-Jun) or HT2025 (Jul-Dec).", show_default=False
        ),
    ] = None,
    year: Annotated[
        str | None,
        typer.Option(
            "--year",
            help="The whole year: a draft annual report (verksamhetsberättelse).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help=formats.REPORT.help(),
            autocompletion=formats.REPORT.complete,
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file (atomically) instead of stdout; - is stdout.",
            show_default=False,
        ),
    ] = None,
    plan: PlanOption = None,
    facts: FactsOption = None,
    lang: LangOption = None,
) -> None:
    """Summarise a period: what needs the board's attention, then states and how they
    moved, members, what happened, what is due.

    With --year, a draft of the year-end report in full sentences, every claim traceable to
    the plan or a recorded fact.
    """
    from stc_plan.evaluate.reporting import BadPeriod, build_report, parse_period
    from stc_plan.render.report_out import render_report

    one_of("--format", fmt, formats.REPORT.names)
    language = resolve_lang(lang)
    to_stdout = out is None or str(out) in ("-", "/dev/stdout")
    # A person at a terminal gets a document laid out for it; a pipe or a file, Markdown.
    chosen = fmt or ("text" if to_stdout and output.is_terminal() else "markdown")
    with handled():
        inputs = load_inputs(plan, facts)
        try:
            period = parse_period(quarter=quarter, term=term, year=year, plan_year=inputs.plan.year)
        except BadPeriod as exc:
            usage(exc.message_in(run_lang()))
        built = build_report(inputs.plan, inputs.progress, period)
        if to_stdout:
            stream = output.stream_for(chosen)
            text = render_report(
                built,
                chosen,
                language,
                width=output.width(stream),
                colour=not output.wants_plain(stream),
                encoding=getattr(stream, "encoding", None),
            )
            stream.write(text)
            return
        assert out is not None
        text = render_report(built, chosen, language, encoding="utf-8")
        from stc_plan.write.atomic import locked, read_or_none, real_target, replace_atomically

        target = real_target(out)
        with locked(target.parent, on_wait=waiting):
            replace_atomically(target, text.encode("utf-8"), expected=read_or_none(target))
        typer.echo(say("cli.wrote", file=out), err=True)


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("report")(report)
