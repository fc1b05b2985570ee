"""What the commands share: the plan option, the language option, and error handling."""

import os
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from stc_plan import output
from stc_plan.errors import PlanInvalid, StcError
from stc_plan.i18n import Lang, language_from_env
from stc_plan.messages import Msg
from stc_plan.render import formats

if TYPE_CHECKING:
    from stc_plan.inputs.published import Published
    from stc_plan.model.facts import Progress
    from stc_plan.model.plan import Plan
    from stc_plan.parse.yamlpos import Document


@dataclass
class State:
    """What holds for the whole run: options given before the command (``stc --debug``)
    and the language of its words, set by ``--lang`` (before or after the command)."""

    debug: bool = False
    lang: Lang = "en"
    lang_said: bool = False  # the language was asked for (--lang or STC_LANG), not guessed


def run_lang() -> Lang:
    """The language of this run: from the run's context (its ``State``), or, outside a
    command, from the environment."""
    from typer._click.globals import get_current_context

    ctx = get_current_context(silent=True)
    state = ctx.find_root().obj if ctx is not None else None
    return state.lang if isinstance(state, State) else language_asked(sys.argv[1:])


def language_asked(args: list[str]) -> Lang:
    """The language a command line asks for before it is parsed: ``--lang X`` or
    ``--lang=X`` anywhere, else the environment."""
    from stc_plan.i18n import LANGS

    for i, arg in enumerate(args):
        value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else None
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value in LANGS:
            return value
    return language_from_env(os.environ)


def say(code: str, **values: object) -> str:
    """A message of the CLI's own, in the run's language."""
    from stc_plan.i18n import render

    return render(Msg(code, **values), run_lang())


PlanOption = Annotated[
    Path | None,
    typer.Option(
        "--plan",
        "-p",
        help="Plan file. Default: $STC_PLAN, else the newest plans/*.yaml here.",
        show_default=False,
    ),
]
FactsOption = Annotated[
    Path | None,
    typer.Option(
        "--facts",
        help="Progress file. Default: the plan's, beside it (plans/2025.progress.yaml).",
        show_default=False,
    ),
]
FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help=formats.STATUS.help(),
        autocompletion=formats.STATUS.complete,
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Show the state on this date (YYYY-MM-DD). Default: today.",
        show_default=False,
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of the output: sv or en. Default: $STC_LANG, else the locale.",
        show_default=False,
    ),
]


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one line on stderr and exit with ``code``."""
    output.error(message)
    raise typer.Exit(code)


def usage(message: str) -> NoReturn:
    """A wrong-usage error: exit 2, like the parser's own."""
    fail(f"stc: {message}", 2)


def words(message: Msg | str) -> str:
    """A message from the core in the user's words (the language --lang chose)."""
    from stc_plan.i18n import render

    return render(message, run_lang())


def waiting(message: Msg | str) -> None:
    """Told by a write that waits for another's folder lock: say who, on stderr."""
    output.note("stc: " + words(message))


def resolve_lang(option: str | None) -> Lang:
    """``--lang``, else the root's ``--lang``, else STC_LANG, else the locale, else English;
    the run's messages follow it."""
    from typer._click.globals import get_current_context

    ctx = get_current_context(silent=True)
    state = ctx.find_root().obj if ctx is not None else None
    if option is None:
        chosen = state.lang if isinstance(state, State) else language_from_env(os.environ)
    elif option not in ("sv", "en"):
        usage(say("cli.bad-lang", value=option))
    else:
        chosen = option  # type: ignore[assignment]
    if isinstance(state, State):
        state.lang = chosen
    return chosen


def resolve_lang_swedish_first(option: str | None) -> Lang:
    """As ``resolve_lang``, but Swedish where nobody asked (no --lang, no STC_LANG): for what
    is made for the district's members to read (forms, calendars, replies on GitHub), whose
    machine's locale (a CI runner's) says nothing about them."""
    from typer._click.globals import get_current_context

    ctx = get_current_context(silent=True)
    state = ctx.find_root().obj if ctx is not None else None
    said = isinstance(state, State) and state.lang_said
    return resolve_lang(option if option is not None or said else "sv")


def resolve_plan(option: Path | None) -> Path:
    """``--plan``, else STC_PLAN, else the newest plans/*.yaml (saying so when ambiguous)."""
    from stc_plan.inputs.discover import find_plan

    if option is not None:
        return option
    path, note = find_plan(os.environ.get("STC_PLAN"), Path.cwd())
    if note:
        output.note("stc: " + words(note))
    return path


def one_of(option: str, value: str | None, options: Sequence[str]) -> None:
    """Wrong usage (exit 2) unless ``value`` is None or one of ``options``."""
    if value is not None and value not in options:
        usage(
            say(
                "cli.one-of",
                option=option,
                options=", ".join(options),
                value=value,
            )
        )


def report_format(fmt: str | None) -> str:
    """The chosen output format, or the default for where stdout goes."""
    if fmt is None:
        return "plain" if output.wants_plain() else "table"
    one_of("--format", fmt, formats.STATUS.names)
    return fmt


@dataclass
class Inputs:
    """A plan and its facts, loaded and valid."""

    plan_path: Path
    plan: "Plan"
    facts_path: Path
    progress: "Progress"
    plan_doc: "Document | None" = None  # the plan file as parsed: where each entry is


def load_inputs(
    plan_option: Path | None, facts_option: Path | None, *, facts_required: bool | None = None
) -> Inputs:
    """The plan (found as usual) and its progress file (given, or beside the plan).

    A progress file named with --facts must exist, unless ``facts_required`` is False (as
    for ``stc record``, which creates it).
    """
    from stc_plan.inputs.plan import check_plan_file
    from stc_plan.inputs.progress import load_progress, progress_path_for

    plan_path = resolve_plan(plan_option)
    checked = check_plan_file(plan_path)
    if checked.value is None:
        raise PlanInvalid(checked.errors)
    plan = checked.value
    facts_path = facts_option or progress_path_for(plan_path)
    required = facts_option is not None if facts_required is None else facts_required
    progress = load_progress(facts_path, plan, required=required)
    return Inputs(plan_path, plan, facts_path, progress, checked.doc)


def say_drops(inputs: Inputs, counts: dict[str, int], day: date) -> None:
    """After member counts are recorded: a note on stderr for each branch counted more than a
    fifth below its count before (``evaluate.members.sharp_drops``)."""
    for said in drop_notes(inputs, counts, day, "cli.member-drop"):
        output.note("stc: " + said)


def drop_notes(inputs: Inputs, counts: dict[str, int], day: date, code: str) -> list[str]:
    """The sharp drops in ``counts`` said by the message ``code``, in the run's language."""
    from stc_plan.evaluate.members import sharp_drops

    names = inputs.plan.unit_names()
    return [
        say(
            code,
            name=names.get(d.unit, d.unit),
            count=d.count,
            before=d.before,
            on=d.on,
            file=inputs.facts_path,
        )
        for d in sharp_drops(inputs.progress, counts, day)
    ]


def parse_date(text: str | None, option: str) -> date:
    """An ISO date from an option, or today when not given."""
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        usage(say("cli.bad-date", option=option, value=text))


def parse_days(text: str, option: str) -> int:
    """A span of days from an option: 30, 30d, 6w; in Swedish also 30 dagar, 6v (veckor).
    At least one day, at most 9,999 (wrong usage otherwise)."""
    found = re.fullmatch(r"\s*([0-9]{1,4})\s*(d|dgr|dagar|w|v|veckor)?\s*", text.casefold())
    if found is None or int(found.group(1)) < 1:
        usage(say("cli.bad-within", option=option, value=text))
    return int(found.group(1)) * (7 if found.group(2) in ("w", "v", "veckor") else 1)


@contextmanager
def handled() -> Iterator[None]:
    """Turn the core's exceptions into one-line errors and exit code 1.

    Only what the parser would otherwise take over is caught here too: Ctrl-C (click makes
    it "Aborted!") and a closed pipe (click makes it exit 1). Anything unexpected goes on to
    the one handler for it, ``cli.main``.
    """
    try:
        yield
    except PlanInvalid as exc:
        for problem in exc.problems:
            output.error(problem.line_in(run_lang()))
        name = exc.problems[0].file if exc.problems else "the plan"
        output.error("stc: " + say("cli.plan-invalid", file=name))
        raise typer.Exit(1) from None
    except StcError as exc:
        fail("stc: " + exc.message_in(run_lang()))
    except BrokenPipeError:
        # The reader went away (`stc status | head`): stop quietly, as a pipe expects.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(141) from None
    except KeyboardInterrupt:
        fail("stc: " + say("cli.interrupted"), 130)


def write_output(out: Path | None, data: bytes) -> None:
    """``data`` to stdout (``out`` None or -), else to the file ``out``: locked and atomic,
    so a failed write leaves the old file whole; "wrote FILE" on stderr."""
    if out is None or str(out) in ("-", "/dev/stdout"):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from stc_plan.write.atomic import locked, read_or_none, real_target, replace_atomically

    target = real_target(out)
    with locked(target.parent, on_wait=waiting):
        replace_atomically(target, data, expected=read_or_none(target))
    typer.echo(say("cli.wrote", file=out), err=True)


def read_previous(path: Path | None, *, named: bool) -> "dict[str, Published]":
    """The events of a calendar as last published, to continue their revisions; none (with a
    note on stderr) where a file named with an option is missing or the file is not one stc
    can read: the events then start at SEQUENCE 0, as in a first export."""
    from stc_plan.inputs.published import CalendarUnreadable, read_published
    from stc_plan.parse.source import present

    if path is None:
        return {}
    if not present(path):
        if named:
            output.note("stc: " + say("cli.previous-missing", file=path))
        return {}
    try:
        return read_published(path)
    except CalendarUnreadable as exc:
        output.note("stc: " + exc.message_in(run_lang()))
        return {}
