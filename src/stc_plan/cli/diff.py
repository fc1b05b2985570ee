"""``stc diff``: what a change to the plan means, between two files or git revisions."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from stc_plan.cli.common import (
    LangOption,
    PlanOption,
    handled,
    one_of,
    resolve_lang,
    resolve_plan,
    say,
    usage,
)
from stc_plan.errors import FileUnreadable
from stc_plan.messages import Msg
from stc_plan.render import formats

if TYPE_CHECKING:  # loaded when a diff runs, not on every start
    from stc_plan.inputs.versions import Side


def _sides(args: list[str], plan_option: Path | None) -> "tuple[Side, Side]":
    """The two versions to compare. The default plan is looked for only when a side needs
    it (a revision, or the working tree): two files name everything themselves."""
    from functools import cache

    from stc_plan.inputs.git import is_revision, require_repository
    from stc_plan.inputs.versions import Side

    @cache
    def plan() -> Path:
        return resolve_plan(plan_option)

    def at(revision: str) -> Side:
        return Side(f"{revision}:{plan().as_posix()}", revision, plan())

    def working() -> Side:
        return Side(plan().as_posix(), None, plan())

    def side(text: str) -> Side:
        if Path(text).is_file() or text.endswith((".yaml", ".yml")):
            return Side(text, None, Path(text))  # a missing file says so when it is read
        return at(text)

    if not args:
        return at("HEAD"), working()
    if len(args) == 1:
        text = args[0]
        if ".." in text and not Path(text).exists():
            a, _, b = text.partition("..")
            return side(a or "HEAD"), side(b or "HEAD")
        if Path(text).is_file():
            return Side(f"HEAD:{text}", "HEAD", Path(text)), Side(text, None, Path(text))
        if text.endswith((".yaml", ".yml")):
            raise FileUnreadable(Path(text), Msg("file.missing"))
        cwd = plan().parent if plan().parent != Path("") else Path.cwd()
        require_repository(cwd)
        if not is_revision(text, cwd):
            usage(say("cli.diff-not-a-version", value=text))
        return side(text), working()
    if len(args) == 2:
        a, b = args

        def is_file(text: str) -> bool:
            return Path(text).is_file() or text.endswith((".yaml", ".yml"))

        # A revision against a file: that file as it was at the revision, not the default plan.
        if is_file(a) and not is_file(b):
            return side(a), Side(f"{b}:{a}", b, Path(a))
        if is_file(b) and not is_file(a):
            return Side(f"{a}:{b}", a, Path(b)), side(b)
        return side(a), side(b)
    usage(say("cli.diff-too-many"))


def diff(
    versions: Annotated[
        list[str] | None,
        typer.Argument(
            help="OLD and NEW: files or git revisions (HEAD~1, main..HEAD). Default: HEAD "
            "against the working tree.",
            show_default=False,
            metavar="[OLD] [NEW]",
        ),
    ] = None,
    plan: PlanOption = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help=formats.DIFF.help(),
            autocompletion=formats.DIFF.complete,
            show_default=False,
        ),
    ] = "text",
    exit_code: Annotated[
        bool,
        typer.Option(
            "--exit-code", help="Exit 1 when there are differences, like git diff --exit-code."
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    """Show what changed in the plan's meaning: goals, targets, deadlines, membership, facts.

    Whitespace, comments and key order are no difference. Exit 0 whether or not there are
    differences, unless --exit-code.
    """
    resolve_lang(lang)
    from stc_plan.evaluate.diff import diff_plans
    from stc_plan.inputs.versions import load_versions
    from stc_plan.render.diff_out import DIFF_FORMATS

    one_of("--format", fmt, formats.DIFF.names)
    with handled():
        old, new = _sides(list(versions or []), plan)
        both = load_versions(old, new)
        result = diff_plans(
            both.old_plan,
            both.new_plan,
            old_name=old.name,
            new_name=new.name,
            old_facts=both.old_facts,
            new_facts=both.new_facts,
        )
        DIFF_FORMATS[fmt](result, sys.stdout)
    if exit_code and not result.empty:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("diff")(diff)
