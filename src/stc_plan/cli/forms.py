"""``stc forms``: GitHub issue forms for recording facts, and the workflow that records them."""

from pathlib import Path
from typing import Annotated

import typer

from stc_plan.cli.common import (
    LangOption,
    PlanOption,
    fail,
    handled,
    resolve_lang_swedish_first,
    resolve_plan,
    say,
    usage,
)

INSTALL = "git+https://github.com/OWNER/stc.git"


def forms(
    root: Annotated[
        Path,
        typer.Option("--root", help="The plan repository's top folder.", show_default=False),
    ] = Path("."),
    install: Annotated[
        str,
        typer.Option(
            "--install",
            help="What the workflow installs stc from (pip's argument). Default: this "
            "repository's address with OWNER to fill in.",
            show_default=False,
        ),
    ] = INSTALL,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite files stc did not write.")
    ] = False,
    plan: PlanOption = None,
    lang: LangOption = None,
) -> None:
    """Write the issue forms (choices from the plan) and the workflow that records them."""
    from stc_plan import output
    from stc_plan.inputs.issue import FINGERPRINT, FOLDER
    from stc_plan.inputs.plan import load_plan
    from stc_plan.render.forms import WORKFLOW, settings, workflow
    from stc_plan.render.forms import forms as made

    language = resolve_lang_swedish_first(lang)
    from stc_plan.render.forms import INSTALL_SPEC

    if not INSTALL_SPEC.fullmatch(install):
        usage(say("cli.bad-install", value=install[:60]))
    with handled():
        the_plan = load_plan(resolve_plan(plan))
        made_forms = made(the_plan, language)
        files = {root / FOLDER / f.name: f.text for f in made_forms}
        files[root / ".github" / "workflows" / WORKFLOW] = workflow(language)
        for path in files:
            if path.exists() and not force and not _ours(path, FINGERPRINT):
                fail("stc: " + say("write.exists", file=path))
        # The settings are the district's: written once, never overwritten.
        for name, text in settings(install, language).items():
            if not (root / name).exists():
                files[root / name] = text
        from stc_plan.write.atomic import (
            make_folder,
            read_or_none,
            real_target,
            replace_atomically,
        )

        for path, text in files.items():
            make_folder(path.parent)
            target = real_target(path)
            replace_atomically(target, text.encode("utf-8"), expected=read_or_none(target))
            typer.echo(say("cli.wrote", file=path))
        names = ["stc", *(f"stc-{f.kind}" for f in made_forms)]
        labels = " && ".join(f"gh label create {name}" for name in names)
        output.note("stc: " + say("cli.forms-labels", commands=labels))


def _ours(path: Path, fingerprint: str) -> bool:
    """Whether stc wrote the file (its first line says so), so it may be written again."""
    try:
        with path.open(encoding="utf-8") as f:
            first = f.readline()
    except (OSError, UnicodeDecodeError):
        return False
    return first.startswith(fingerprint) or first.startswith("# Written by stc forms")


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("forms")(forms)
