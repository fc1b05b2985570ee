"""``stc site``: the plan's website, a folder of static pages."""

from pathlib import Path
from typing import Annotated

import typer

from stc_plan.cli.common import (
    AsOfOption,
    FactsOption,
    LangOption,
    PlanOption,
    handled,
    load_inputs,
    parse_date,
    read_previous,
    resolve_lang_swedish_first,
    say,
    waiting,
)


def site(
    out: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The folder to build the site in (replaced whole). Default: public.",
            show_default=False,
        ),
    ] = Path("public"),
    plan: PlanOption = None,
    facts: FactsOption = None,
    as_of: AsOfOption = None,
    plan_url: Annotated[
        str | None,
        typer.Option(
            "--plan-url",
            help="The plan file's address on the web (a GitHub blob URL): goals link to its lines.",
            show_default=False,
        ),
    ] = None,
    previous_calendar: Annotated[
        Path | None,
        typer.Option(
            "--previous-calendar",
            help="The site's calendar as last published (plan.ics): an event that changed "
            "since gets a higher SEQUENCE. Default: plan.ics in the output folder.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace the output folder even if stc did not build it."),
    ] = False,
    lang: LangOption = None,
) -> None:
    """Build the plan's website: what needs us now, sections, goals, members, reports."""
    from stc_plan.parse.source import present, read_bytes
    from stc_plan.render.site import CALENDAR, MARKER, Source, build_site, goal_lines_of
    from stc_plan.write.site import write_site

    language = resolve_lang_swedish_first(lang)
    day = parse_date(as_of, "--as-of")
    named = previous_calendar is not None
    before_path = previous_calendar or out / CALENDAR
    with handled():
        inputs = load_inputs(plan, facts)
        before = read_previous(before_path, named=named)
        raw = read_bytes(inputs.plan_path)
        facts_file = None
        if present(inputs.facts_path):
            facts_file = Source(inputs.facts_path.name, read_bytes(inputs.facts_path))
        files = build_site(
            inputs.plan,
            inputs.progress,
            as_of=day,
            lang=language,
            plan_file=Source(inputs.plan_path.name, raw),
            facts_file=facts_file,
            goal_lines=goal_lines_of(inputs.plan_doc, inputs.plan),
            plan_url=plan_url,
            calendar_before=before,
        )
        write_site(out, files, marker=MARKER, force=force, on_wait=waiting)
    typer.echo(say("site.wrote", folder=out), err=True)


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("site")(site)
