"""``stc calendar``: the plan's dates as an iCalendar file to import or subscribe to."""

from pathlib import Path
from typing import Annotated

import typer

from stc_plan.cli.common import (
    FactsOption,
    LangOption,
    PlanOption,
    handled,
    load_inputs,
    read_previous,
    resolve_lang_swedish_first,
    write_output,
)


def calendar(
    out: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file (atomically); - is stdout.",
            show_default=False,
        ),
    ] = None,
    previous: Annotated[
        Path | None,
        typer.Option(
            "--previous",
            help="The calendar as last published: an event that changed since gets a higher "
            "SEQUENCE, so subscribers' calendars update it. Default: the file -o writes.",
            show_default=False,
        ),
    ] = None,
    plan: PlanOption = None,
    facts: FactsOption = None,
    lang: LangOption = None,
) -> None:
    """The plan's dates and activities as an iCalendar file (.ics), in Swedish unless --lang."""
    from stc_plan.evaluate.calendar import plan_calendar
    from stc_plan.render.ics import to_ics

    language = resolve_lang_swedish_first(lang)
    if previous is None and out is not None and str(out) not in ("-", "/dev/stdout"):
        previous = out  # what the file says now is what its subscribers were given
        named = False
    else:
        named = previous is not None
    with handled():
        inputs = load_inputs(plan, facts)
        cal = plan_calendar(inputs.plan, inputs.progress)
        before = read_previous(previous, named=named)
        write_output(out, to_ics(cal, language, inputs.plan.unit_names(), before))


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("calendar")(calendar)
