"""stc: a district's operational plan as code: checked, tracked and reported."""

from typing import NoReturn

__version__ = "0.1.0"

# Set when Ctrl-C arrives: a library that catches the KeyboardInterrupt and raises something
# else (pydantic building a validator, a regex compiled in a callback) must not turn an
# interruption into "internal error" or into problems that are not there.
INTERRUPTED = [False]


def _on_sigint(signum: int, frame: object) -> None:
    INTERRUPTED[0] = True
    raise KeyboardInterrupt


def main() -> None:
    """The ``stc`` command. Kept here, where importing costs nothing, so that Ctrl-C while the
    libraries load is "stc: interrupted" (exit 130) rather than a traceback."""
    import signal

    signal.signal(signal.SIGINT, _on_sigint)
    try:
        from stc_plan.cli import main as run
    except KeyboardInterrupt:
        _leave_interrupted()
    except Exception as exc:
        # Ctrl-C while Python builds a class (e.g. in ipaddress) surfaces as a RuntimeError
        # "Error calling __set_name__" caused by the KeyboardInterrupt: still an interruption.
        from stc_plan.errors import caused_by_interrupt

        if not caused_by_interrupt(exc):
            raise
        _leave_interrupted()
    try:
        run()
    except KeyboardInterrupt:  # between run's first line and its own guard, or in a handler
        _leave_interrupted()


def _leave_interrupted() -> NoReturn:
    import sys

    sys.stderr.write(f"stc: {_interrupted()}\n")
    sys.exit(130)


def _interrupted() -> str:
    """ "interrupted" in the user's language, if the catalog can still be loaded."""
    import os

    try:
        from stc_plan import i18n
        from stc_plan.messages import Msg

        return i18n.render(Msg("cli.interrupted"), i18n.language_from_env(os.environ))
    except BaseException:  # a second Ctrl-C, or the catalog half-imported: English
        return "interrupted"
