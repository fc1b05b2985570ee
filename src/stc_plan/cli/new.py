"""``stc new``: draft next year's plan from this year's plan and its recorded facts."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from stc_plan import output
from stc_plan.cli.common import (
    FactsOption,
    LangOption,
    handled,
    load_inputs,
    resolve_lang,
    run_lang,
    say,
    usage,
    waiting,
)


def new(
    year: Annotated[str, typer.Argument(help="The new plan's year, e.g. 2026.")],
    source: Annotated[Path, typer.Option("--from", help="This year's plan, e.g. plans/2025.yaml.")],
    facts: FactsOption = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Where to write (- for stdout). Default: YEAR.yaml beside the --from plan.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the output file if it exists.")
    ] = False,
    lang: LangOption = None,
) -> None:
    """Draft next year's plan: goals carried over, deadlines moved a year, membership from
    the latest recorded counts with targets by the growth rule. It passes stc check."""
    resolve_lang(lang)
    from stc_plan.write.newplan import NotNextYear, new_plan

    if not (year.isdigit() and len(year) == 4):
        usage(say("cli.bad-year", value=year))
    with handled():
        inputs = load_inputs(source, facts)
        to_stdout = out is not None and str(out) in ("-", "/dev/stdout")
        try:
            made = new_plan(
                inputs.plan_path,
                inputs.plan,
                inputs.progress,
                int(year),
                target=None if to_stdout else out,
                write=not to_stdout,
                force=force,
                on_wait=waiting,
            )
        except NotNextYear as exc:
            usage(exc.message_in(run_lang()))
        if made.written_to is None:
            sys.stdout.write(made.text)
        else:
            typer.echo(say("cli.new-wrote", file=made.written_to, year=year))
        if made.uncounted:
            output.note("stc: " + say("cli.new-uncounted", units=", ".join(made.uncounted)))


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("new")(new)
