"""``stc schema``: the plan file's JSON Schema, generated from the models."""

from pathlib import Path
from typing import Annotated

import typer

from stc_plan.cli.common import (
    LangOption,
    PlanOption,
    handled,
    resolve_lang,
    resolve_plan,
    say,
)


def schema(
    out: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the schema to this file and point the plan's first line at it, so "
            "editors validate the plan as it is typed.",
            show_default=False,
        ),
    ] = None,
    plan: PlanOption = None,
    lang: LangOption = None,
) -> None:
    """Print the JSON Schema of the plan file (editors use it to validate and complete)."""
    resolve_lang(lang)
    from stc_plan.model.schema import schema_json

    if out is None or str(out) in ("-", "/dev/stdout"):
        typer.echo(schema_json(), nl=False)
        return
    from stc_plan.inputs.discover import plans_in
    from stc_plan.parse.source import read_bytes
    from stc_plan.write.schemafile import point_plan_at, write_schema

    with handled():
        # The plan named, or else every plan in plans/ here (a district keeps one a year);
        # each is read first, so that a wrong --plan leaves nothing written.
        targets = [resolve_plan(plan)] if plan is not None else plans_in(Path("plans"))
        for target in targets:
            read_bytes(target)
        write_schema(out, schema_json())
        typer.echo(say("cli.wrote", file=out), err=True)
        for target in targets:
            if point_plan_at(target, out):
                typer.echo(say("cli.plan-points", plan=target), err=True)


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("schema")(schema)
