"""``stc members``: membership per constituency against the growth target."""

from pathlib import Path
from typing import Annotated

import typer

from stc_plan import output
from stc_plan.cli.common import (
    AsOfOption,
    FactsOption,
    FormatOption,
    LangOption,
    PlanOption,
    fail,
    handled,
    load_inputs,
    parse_date,
    report_format,
    resolve_lang,
    run_lang,
    say,
    say_drops,
    usage,
    waiting,
    words,
)

members_app = typer.Typer(
    help="Membership per branch: counts, growth, gap, pace and projection.",
    invoke_without_command=True,
    no_args_is_help=False,
)


@members_app.callback()
def members(
    ctx: typer.Context,
    plan: PlanOption = None,
    facts: FactsOption = None,
    fmt: FormatOption = None,
    as_of: AsOfOption = None,
    compare: Annotated[
        tuple[int, int] | None,
        typer.Option(
            "--compare",
            help="Two years side by side, e.g. --compare 2025 2026 "
            "(plans/YEAR.yaml beside the plan).",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Show each branch's latest count against its baseline and target, with totals."""
    if ctx.invoked_subcommand is not None:
        return
    if compare is not None:
        _compare(plan, compare, fmt, as_of, lang)
        return
    chosen = report_format(fmt)
    language = resolve_lang(lang)
    day = parse_date(as_of, "--as-of")
    from stc_plan.evaluate.status import evaluate
    from stc_plan.render import render_members

    with handled():
        inputs = load_inputs(plan, facts)
        report = evaluate(inputs.plan, inputs.progress, as_of=day)
        render_members(report, chosen, language, output.stream_for(chosen), output.width())


def _compare(
    plan: Path | None,
    years: tuple[int, int],
    fmt: str | None,
    as_of: str | None,
    lang: str | None,
) -> None:
    from stc_plan.errors import PlanNotFound
    from stc_plan.evaluate.status import evaluate
    from stc_plan.inputs.discover import plan_for_year
    from stc_plan.render import render_comparison

    chosen = report_format(fmt)
    language = resolve_lang(lang)
    day = parse_date(as_of, "--as-of")
    with handled():
        # The years name the plans; --plan only says in which folder they are.
        folder = plan.parent if plan is not None else Path("plans")
        reports = []
        for year in years:
            try:
                path = plan_for_year(folder, year)
            except PlanNotFound as exc:
                usage(exc.message_in(run_lang()))  # a year named that has no plan
            inputs = load_inputs(path, None)
            reports.append(evaluate(inputs.plan, inputs.progress, as_of=day))
        render_comparison(
            reports[0], reports[1], chosen, language, output.stream_for(chosen), output.width()
        )


@members_app.command("import")
def import_register(
    file: Annotated[Path, typer.Argument(help="The member register exported as CSV or .xlsx.")],
    when: Annotated[str, typer.Option("--date", help="Date of the export (YYYY-MM-DD).")],
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding", help="The file's encoding if not UTF-8 (e.g. cp1252).", show_default=False
        ),
    ] = None,
    plan: PlanOption = None,
    facts: FactsOption = None,
    lang: LangOption = None,
) -> None:
    """Count a member-register export per branch and record only the counts.

    No name, e-mail, phone or personal number is read into stc, written or printed.
    """
    from datetime import date

    from stc_plan.write.facts import FactRejected
    from stc_plan.write.members import import_register as record_counts

    resolve_lang(lang)
    day = parse_date(when, "--date")
    with handled():
        inputs = load_inputs(plan, facts, facts_required=False)
        try:
            done = record_counts(
                file,
                day,
                inputs.plan,
                inputs.facts_path,
                today=date.today(),
                encoding=encoding,
                on_wait=waiting,
            )
        except FactRejected as exc:
            reasons = "; ".join(words(m) for m in exc.messages)
            fail("stc: " + say("cli.not-recorded", reasons=reasons))
        names = {b.id: b.name for b in inputs.plan.branches}
        shown = ", ".join(f"{names[u]} {n}" for u, n in done.counts.items())
        typer.echo(say("cli.imported", date=done.day, file=done.path, counts=shown))
        if done.absent:
            absent = ", ".join(names[u] for u in done.absent)
            output.note("stc: " + say("cli.import-absent", names=absent))
        say_drops(inputs, done.counts, done.day)


def register(app: typer.Typer) -> None:
    """Add the command group to ``app``."""
    app.add_typer(members_app, name="members")
