"""``stc digest``: the week in a few lines, for Slack or e-mail."""

import os
from typing import Annotated

import typer

from stc_plan.cli.common import (
    AsOfOption,
    FactsOption,
    LangOption,
    PlanOption,
    handled,
    load_inputs,
    one_of,
    parse_date,
    parse_days,
    resolve_lang_swedish_first,
    say,
    usage,
)
from stc_plan.render import formats


def digest(
    since: Annotated[
        str,
        typer.Option(
            "--since",
            help="How many days back: days or weeks, e.g. 7d or 2w. Default: 7d.",
            show_default=False,
        ),
    ] = "7d",
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help=formats.DIGEST.help(),
            autocompletion=formats.DIGEST.complete,
            show_default=False,
        ),
    ] = "text",
    plan: PlanOption = None,
    facts: FactsOption = None,
    as_of: AsOfOption = None,
    post: Annotated[
        bool,
        typer.Option(
            "--post", help="Send it to the Slack webhook in $SLACK_WEBHOOK_URL (as --format slack)."
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    """The week in a few lines: recorded, changed, needing attention, falling due, members."""
    import json

    from stc_plan import output
    from stc_plan.evaluate.digest import digest as make_digest
    from stc_plan.render.digest_out import to_dict, to_slack, to_text

    language = resolve_lang_swedish_first(lang)
    one_of("--format", fmt, formats.DIGEST.names)
    day = parse_date(as_of, "--as-of")
    days = parse_days(since, "--since")
    url = os.environ.get("SLACK_WEBHOOK_URL", "")
    if post and not url.startswith(("https://", "http://")):
        usage(say("cli.no-webhook"))
    with handled():
        inputs = load_inputs(plan, facts)
        d = make_digest(inputs.plan, inputs.progress, as_of=day, days=days)
        if post:
            from stc_plan.write.slack import post as send

            send(url, to_slack(d, language))
            output.note("stc: " + say("cli.posted"))
            return
        out = output.stream_for(fmt)
        if fmt == "json":
            out.write(json.dumps(to_dict(d), ensure_ascii=False, indent=2) + "\n")
        elif fmt == "slack":
            out.write(json.dumps(to_slack(d, language), ensure_ascii=False, indent=2) + "\n")
        else:
            out.write(to_text(d, language, markdown=fmt == "markdown", width=output.width()))


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("digest")(digest)
