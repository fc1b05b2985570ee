"""``stc new``: draft next year's plan from this year's plan and its recorded facts."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from stc_plan.cli.common import (
    FactsOption,
    LangOption,
    fail,
    handled,
    load_inputs,
    resolve_lang,
    run_lang,
    say,
    usage,
    waiting,
)


def new(
    ctx: typer.Context,
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
    from stc_plan.inputs.plan import check_plan_bytes
    from stc_plan.model.schema import schema_json
    from stc_plan.write.atomic import locked, read_or_none, real_target, replace_atomically
    from stc_plan.write.nextyear import draft_next_year
    from stc_plan.write.schemafile import place_for, write_schema

    if not (year.isdigit() and len(year) == 4):
        usage(say("cli.bad-year", value=year))
    with handled(ctx):
        inputs = load_inputs(source, facts)
        if int(year) != inputs.plan.year + 1:
            usage(
                say(
                    "cli.new-next-year",
                    next=inputs.plan.year + 1,
                    value=year,
                )
            )
        to_stdout = out is not None and str(out) in ("-", "/dev/stdout")
        target = out or inputs.plan_path.with_name(f"{year}.yaml")
        if not to_stdout and target.exists() and not force:
            fail("stc: " + say("cli.exists", file=target))
        first = inputs.plan_path.read_text(encoding="utf-8").splitlines()[:1]
        schema = place_for(target, first[0] if first else None)
        draft = draft_next_year(inputs.plan, inputs.progress, int(year), modeline=schema.line)
        checked = check_plan_bytes(draft.text.encode("utf-8"), str(target), target)
        if checked.errors:  # a bug in the drafting, never the user's: say so plainly
            reasons = "; ".join(p.message_in(run_lang()) for p in checked.errors[:3])
            fail("stc: " + say("cli.draft-invalid", reasons=reasons))
        if to_stdout:
            sys.stdout.write(draft.text)
        else:
            real = real_target(target)
            with locked(real.parent, on_wait=waiting):
                expected = read_or_none(real)
                replace_atomically(real, draft.text.encode("utf-8"), expected=expected)
            if schema.write_to is not None:  # for editors, wherever the plan lives
                write_schema(schema.write_to, schema_json())
            typer.echo(
                say(
                    "cli.new-wrote",
                    file=target,
                    year=year,
                )
            )
        if draft.uncounted:
            typer.echo(
                "stc: "
                + say(
                    "cli.new-uncounted",
                    units=", ".join(draft.uncounted),
                ),
                err=True,
            )


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("new")(new)
