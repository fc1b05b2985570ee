"""stc: the Stockholmscentern operational plan as code: checked, tracked and reported."""

__version__ = "0.1.0"


def main() -> None:
    """The ``stc`` command. Kept here, where importing costs nothing, so that Ctrl-C while the
    libraries load is "stc: interrupted" (exit 130) rather than a traceback."""
    import sys

    try:
        from stc_plan.cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("stc: interrupted\n")  # the catalog is not loaded yet: English
        sys.exit(130)
    run()
