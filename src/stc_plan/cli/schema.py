"""``stc schema``: the plan file's JSON Schema, generated from the models."""

import typer


def schema() -> None:
    """Print the JSON Schema of the plan file (editors use it to validate and complete)."""
    from stc_plan.model.schema import schema_json

    typer.echo(schema_json(), nl=False)


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("schema")(schema)
