"""The least a command built on stc's stack can do: a reference for the start-up figures.

One Typer command, set up as stc sets up its own (no rich help, no pydantic plugin scan),
with one path option, that parses one line of YAML with libyaml, validates it against a
one-field pydantic model and prints it. Whatever this costs, any `stc` command that parses
an option and validates with pydantic costs too; `benchmarks/run.py` times it beside stc,
so stc's own share can be read off.
"""

from __future__ import annotations

import os

os.environ.setdefault("TYPER_USE_RICH", "0")
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False)


@app.command()
def check(plan: Annotated[Path, typer.Option("--plan")] = Path("plans/2025.yaml")) -> None:
    """Parse one line of YAML, validate it against a one-field model and print it."""
    import yaml
    from pydantic import BaseModel

    class Plan(BaseModel):
        path: str

    data = yaml.load(f"path: {plan.name}", Loader=yaml.CSafeLoader)
    typer.echo(Plan.model_validate(data).path)


@app.command()
def other() -> None:
    """A second command, so the first is chosen by name as stc's are."""


if __name__ == "__main__":
    app()
