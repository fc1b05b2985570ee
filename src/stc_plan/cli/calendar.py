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
    plan: PlanOption = None,
    facts: FactsOption = None,
    lang: LangOption = None,
) -> None:
    """The plan's dates and activities as an iCalendar file (.ics), in Swedish unless --lang."""
    from stc_plan.evaluate.calendar import plan_calendar
    from stc_plan.render.ics import to_ics

    language = resolve_lang_swedish_first(lang)
    with handled():
        inputs = load_inputs(plan, facts)
        cal = plan_calendar(inputs.plan, inputs.progress)
        write_output(out, to_ics(cal, language, inputs.plan.unit_names()))


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("calendar")(calendar)
