"""The ``stc`` command line: thin commands over the core, one module per command.

The modules of ``cli/`` do not use ``from __future__ import annotations``: Typer reads every
command's annotations on every run, and as strings it would have to evaluate them each time.
"""

import os
import re
from typing import Any

# Plain click-style help and one-line usage errors, and a faster start than rich panels.
os.environ.setdefault("TYPER_USE_RICH", "0")
# stc uses no pydantic plugins; looking for them scans every installed package's metadata.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer

from stc_plan import __version__
from stc_plan.cli.common import State

app = typer.Typer(
    name="stc",
    help="Track a district's operational plan: check it, see where it stands.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion and --show-completion: bash, zsh, fish
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"stc {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
    debug: bool = typer.Option(
        False, "--debug", help="Show the full Python traceback when something fails."
    ),
    lang: str | None = typer.Option(
        None,
        "--lang",
        help="Language of the output: sv or en. Default: $STC_LANG, else the locale.",
        show_default=False,
    ),
) -> None:
    """stc: the district's operational plan as code."""
    from stc_plan import i18n
    from stc_plan.parse import limits

    # The run's language: a command's own --lang overrides this one.
    chosen = lang if lang in i18n.LANGS else i18n.language_from_env(os.environ)
    said = lang in i18n.LANGS or "STC_LANG" in os.environ
    ctx.obj = State(debug=debug, lang=chosen, lang_said=said)
    try:
        limits.configure(limits.from_env(os.environ))
    except limits.BadLimit as exc:
        typer.echo("stc: " + exc.message_in(chosen), err=True)
        raise typer.Exit(2) from None


from stc_plan.cli import (  # noqa: E402
    calendar,
    check,
    diff,
    digest,
    due,
    forms,
    init,
    members,
    new,
    record,
    report,
    schema,
    site,
    status,
)

check.register(app)
status.register(app)
due.register(app)
calendar.register(app)
forms.register(app)
digest.register(app)
init.register(app)
members.register(app)
record.register(app)
report.register(app)
diff.register(app)
new.register(app)
schema.register(app)
site.register(app)


SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _completion_shell_named(args: list[str]) -> None:
    """`stc --show-completion zsh`: take the shell named instead of detecting it.

    Typer detects the shell from the running processes; with a shell named it must take
    that one (otherwise it would print the detected shell's script). Typer's own switch
    for that makes both options take the shell as their value.
    """
    from itertools import pairwise

    for option, value in pairwise(args):
        if option in ("--show-completion", "--install-completion") and value in SHELLS:
            os.environ["_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION"] = "1"


def _localised(lang: str) -> Any:
    """The command tree with every --help text in ``lang`` (Typer's section titles too)."""
    import typer.core
    import typer.main

    from stc_plan.i18n import help_text

    command = typer.main.get_command(app)
    _plain_metavars(command, lang)
    if lang != "sv":
        return command

    def walk(node: Any) -> None:
        if node.help:
            node.help = help_text(node.help, "sv")
        if getattr(node, "short_help", None):
            node.short_help = help_text(node.short_help, "sv")
        for param in node.params:
            if getattr(param, "help", None):
                param.help = help_text(param.help, "sv")
        made = node.get_help_option  # --help itself is made on first use

        def help_option(ctx: Any, made: Any = made) -> Any:
            option = made(ctx)
            if option is not None:
                option.help = help_text(option.help, "sv")
            return option

        node.get_help_option = help_option
        for sub in getattr(node, "commands", {}).values():
            walk(sub)

    walk(command)
    # Typer's own section titles ("Options", "Commands", "Arguments") come from gettext.
    setattr(typer.core, "_", lambda text: help_text(text, "sv"))  # noqa: B010
    return command


_METAVARS = {
    "sv": {"path": "FIL", "int": "N", "str": "TEXT"},
    "en": {"path": "FILE", "int": "N", "str": "TEXT"},
}


def _plain_metavars(node: Any, lang: str) -> None:
    """--help shows an option's value as a word (``--plan FIL``), not as the Python type
    Typer would print (``<path>``, ``<list[str]>``); an argument shows its name only."""
    from pathlib import Path

    words = _METAVARS.get(lang, _METAVARS["en"])
    for param in node.params:
        if getattr(param, "param_type_name", "") == "argument":
            param.display_type_rich = lambda ctx: None
            continue
        if getattr(param, "is_flag", False) or param.metavar is not None:
            continue
        desc = getattr(param, "type_descriptor", None)
        annotation = getattr(desc, "annotation", None)
        kind = "path" if annotation is Path else "int" if annotation is int else "str"
        param.metavar = words[kind]
    for sub in getattr(node, "commands", {}).values():
        _plain_metavars(sub, lang)


def _usage_message(error: Any) -> Any:
    """A usage error of the parser (click's, in English) as a message of ours."""
    from typer._click import exceptions as click_errors

    from stc_plan.messages import Msg

    command = error.ctx.command_path if error.ctx is not None else "stc"
    if isinstance(error, click_errors.NoSuchOption):
        near = sorted(error.possibilities or [])
        hint = Msg("usage.did-you-mean", options=", ".join(near)) if near else ""
        said = Msg("usage.no-such-option", option=error.option_name, hint=hint)
    elif isinstance(error, click_errors.MissingParameter):
        name = error.param.get_error_hint() if error.param is not None else ""
        said = Msg("usage.missing", name=name)
    elif isinstance(error, click_errors.BadParameter):
        name = error.param.get_error_hint() if error.param is not None else ""
        said = Msg("usage.bad-value", name=name, detail=error.message.rstrip("."))
    else:
        detail = error.format_message().rstrip(".")
        extra = re.fullmatch(r"Got unexpected extra argument\(s\) \((.*)\)", detail, re.S)
        # An option's value typed without its option (stc record done GOAL 2025-05-17).
        said = (
            Msg("usage.extra", args=extra.group(1)) if extra else Msg("usage.other", detail=detail)
        )
    return Msg("usage.see-help", message=said, command=command)


def _one_line_usage_errors(lang: str) -> None:
    """The parser's usage errors as one line in the run's language, not click's three lines
    in English; still exit 2."""
    from typer._click import exceptions as click_errors

    from stc_plan import output
    from stc_plan.i18n import render

    def show(error: Any, file: Any = None) -> None:
        output.error("stc: " + render(_usage_message(error), lang))  # type: ignore[arg-type]

    setattr(click_errors.UsageError, "show", show)  # noqa: B010


def main() -> None:
    """Console-script entry point; the last guard against a traceback reaching a user.

    Exit codes beyond 0, 1 and 2: 130 when interrupted (Ctrl-C), 141 when the reader of a
    pipe went away. Output that cannot be written (stdout closed, a full disk) is exit 1.
    """
    import gc
    import sys

    from stc_plan import output
    from stc_plan.cli.common import language_asked, say  # outside a command: --lang or the env

    # One short run builds and drops millions of acyclic objects; the cycle collector
    # would keep rescanning them (a third of the time at 100x). Reference counting frees
    # them; the little cyclic garbage a run makes goes with the process.
    gc.disable()
    _completion_shell_named(sys.argv[1:])
    code: int | str | None = 0
    try:
        if not output.prepare_streams():
            output.error("stc: " + say("cli.stdout-closed"))
            sys.exit(1)
        try:
            asked = language_asked(sys.argv[1:])
            _one_line_usage_errors(asked)
            _localised(asked)()
        except SystemExit as exc:
            code = exc.code
            # Typer turns Ctrl-C outside our commands' guard into a silent exit 130.
            if code == 130 and isinstance(
                getattr(exc.__context__, "__cause__", None), KeyboardInterrupt
            ):
                output.error("stc: " + say("cli.interrupted"))
        sys.stdout.flush()  # a full disk shows here, not as a message at exit
    except KeyboardInterrupt:
        output.error("stc: " + say("cli.interrupted"))
        code = 130
    except OSError as exc:
        if "--debug" in sys.argv[1:] or not output.output_failed(exc):
            raise
        output.silence_stdout()
        output.error("stc: " + say("cli.output-failed", reason=exc.strerror))
        code = 1
    except Exception as exc:  # commands handle their own errors; this is for the rest
        from stc_plan.errors import caused_by_interrupt

        if caused_by_interrupt(exc):  # Ctrl-C while a module was being imported
            output.error("stc: " + say("cli.interrupted"))
            sys.exit(130)
        if "--debug" in sys.argv[1:]:
            raise
        output.error(
            "stc: "
            + say(
                "cli.internal-error",
                error=f"{type(exc).__name__}: {exc}",
            )
        )
        code = 1
    import stc_plan

    if stc_plan.INTERRUPTED[0] and code != 130:
        # Ctrl-C that a library swallowed: whatever the run printed after it is not to be
        # trusted, so it ends as an interruption, not as a result.
        output.error("stc: " + say("cli.interrupted"))
        code = 130
    sys.exit(code)
