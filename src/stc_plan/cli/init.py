"""``stc init``: a plan repository for any district: the plan, CI, forms and a README."""

import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from stc_plan.cli.common import (
    LangOption,
    handled,
    resolve_lang_swedish_first,
    run_lang,
    say,
    usage,
)


def init(
    folder: Annotated[Path, typer.Argument(help="The new repository's folder.")],
    district: Annotated[
        str | None,
        typer.Option("--district", help='The district, e.g. "Centerpartiet i Uppsala".'),
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", help="The plan's year, e.g. 2026.", show_default=False)
    ] = None,
    branch: Annotated[
        list[str] | None,
        typer.Option(
            "--branch",
            help='A branch and its members at the year\'s start, e.g. "Norr=120" (repeat).',
            show_default=False,
        ),
    ] = None,
    install: Annotated[
        str,
        typer.Option(
            "--install",
            help="Where the workflows install stc from (pip's argument). Default: stc's "
            "address with OWNER to fill in.",
            show_default=False,
        ),
    ] = "git+https://github.com/OWNER/stc.git",
    force: Annotated[bool, typer.Option("--force", help="Overwrite files that exist.")] = False,
    lang: LangOption = None,
) -> None:
    """Create a plan repository: a plan to fill in that passes stc check, CI, forms, README."""
    from stc_plan.render.forms import INSTALL_SPEC
    from stc_plan.render.repo import Branch, files
    from stc_plan.write.init import write_repo

    language = resolve_lang_swedish_first(lang)
    if not INSTALL_SPEC.fullmatch(install):
        usage(say("cli.bad-install", value=install[:60]))
    asking = sys.stdin.isatty()  # in a terminal, what is missing is asked for
    if district is None:
        if not asking:
            usage(say("cli.init-needs", option="--district"))
        district = typer.prompt(say("cli.ask-district"))
    if year is None:
        if not asking:
            usage(say("cli.init-needs", option="--year"))
        year = typer.prompt(say("cli.ask-year"), type=int)
    if not branch:
        if not asking:
            usage(say("cli.init-needs", option="--branch"))
        # Split at the commas between branches only: "Norr=1,500" reaches the number rule,
        # which asks what was meant, instead of becoming Norr=1 and a stray "500".
        branch = re.split(r",(?=[^,=]*=)", typer.prompt(say("cli.ask-branches")))
    parsed = []
    for item in branch:
        found = re.fullmatch(r"\s*(.+?)\s*=\s*(.+?)\s*", item)
        if found is None:
            usage(say("cli.bad-branch", value=item[:60]))
        parsed.append(Branch(found.group(1), _members(found.group(2), item)))
    if not 2000 <= year <= 2100:
        usage(say("cli.bad-year", value=str(year)))
    if len({b.id for b in parsed}) < len(parsed):
        usage(say("cli.branch-twice"))
    with handled():
        made = files(district, year, parsed, install=install, lang=language)
        written = write_repo(folder, made, force=force)
        typer.echo(say("cli.init-wrote", n=len(written), folder=folder, year=year))


def _members(text: str, item: str) -> int:
    """A branch's members as typed, by the one rule for numbers (1500 or 1 500, never
    1,500): a whole number, 0 or more."""
    from stc_plan.parse.numbers import NumberRefused, read_whole

    try:
        count = read_whole(text)
    except NumberRefused as exc:
        usage(say("cli.option-value", option=item[:60], reason=exc.message_in(run_lang())))
    if count < 0:
        usage(say("cli.bad-branch", value=item[:60]))
    return count


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("init")(init)
