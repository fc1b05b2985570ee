"""``stc status``: where every goal stands on a date."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from stc_plan.cli.common import (
    AsOfOption,
    FactsOption,
    FormatOption,
    LangOption,
    PlanOption,
    handled,
    load_inputs,
    one_of,
    parse_date,
    report_format,
    resolve_lang,
    run_lang,
    say,
    usage,
)

if TYPE_CHECKING:
    from datetime import date

    from stc_plan.evaluate.states import State
    from stc_plan.i18n import Lang


def status(
    args: Annotated[
        list[str] | None,
        typer.Argument(
            help="A goal's id, to see its whole story; or plan files, to see several years "
            "one after another. Default: --plan.",
            show_default=False,
            metavar="[GOAL | PLAN...]",
        ),
    ] = None,
    plan: PlanOption = None,
    facts: FactsOption = None,
    fmt: FormatOption = None,
    as_of: AsOfOption = None,
    full: Annotated[
        bool,
        typer.Option(
            "--all",
            "--long",
            help="Every goal with all its details in tables, not the first screen only.",
        ),
    ] = False,
    only: Annotated[
        str | None,
        typer.Option(
            "--only",
            help="Only goals in these states, e.g. overdue,behind,at-risk,stale.",
            autocompletion=lambda: [s.value for s in _states()],
            show_default=False,
        ),
    ] = None,
    section: Annotated[
        str | None,
        typer.Option("--section", help="Only this section (e.g. 3, or 3.1).", show_default=False),
    ] = None,
    branch: Annotated[
        str | None,
        typer.Option(
            "--branch",
            help="As seen from one branch (its id, e.g. norra-innerstaden).",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """What needs attention now, then each goal on a line; --all for every detail."""
    from stc_plan import output

    chosen = report_format(fmt)
    language = resolve_lang(lang)
    day = parse_date(as_of, "--as-of")
    states = _parse_states(only)
    from stc_plan.evaluate.status import evaluate
    from stc_plan.render import render_statuses

    plans = [Path(a) for a in args or [] if _names_a_file(a)]
    goals = [a for a in args or [] if not _names_a_file(a)]
    if len(goals) > 1 or (goals and plans):
        usage(say("cli.status-one-goal", names=", ".join(goals)))
    if plans and (plan is not None or facts is not None):
        usage(say("cli.status-plans-twice"))
    with handled():
        if goals:
            _story(goals[0], plan, facts, day, chosen, language)
            return
        reports = []
        named_plans: list[Path | None] = list(plans) if plans else [plan]
        for named in named_plans:
            inputs = load_inputs(named, facts)
            sections = [s.id for s in inputs.plan.sections]
            one_of("--section", section, sections)
            branches = [b.id for b in inputs.plan.branches]
            one_of("--branch", branch, branches)
            report = evaluate(
                inputs.plan, inputs.progress, as_of=day, section=section, branch=branch
            )
            reports.append(report if states is None else report.only(states))
        stream = output.stream_for(chosen)
        # On a terminal the first screen is made to fit it (a pipe or file gets it whole).
        rows = output.height() if chosen in ("table", "plain") else None
        render_statuses(reports, chosen, language, stream, output.width(), full=full, height=rows)


def _story(
    goal: str, plan: Path | None, facts: Path | None, day: "date", fmt: str, lang: "Lang"
) -> None:
    """``stc status GOAL``: one goal's whole story."""
    from stc_plan import output
    from stc_plan.evaluate.story import NoSuchGoal, goal_story
    from stc_plan.render import render_story

    one_of("--format", fmt, ["table", "plain", "json"])
    inputs = load_inputs(plan, facts)
    try:
        story = goal_story(inputs.plan, inputs.progress, goal, as_of=day)
    except NoSuchGoal as exc:
        usage(exc.message_in(run_lang()))
    render_story(story, fmt, lang, output.stream_for(fmt), output.width())


def _states() -> list["State"]:
    from stc_plan.evaluate.states import State

    return list(State)


def _parse_states(text: str | None) -> "frozenset[State] | None":
    """``--only overdue,behind``: state ids, separated by commas."""
    if text is None:
        return None
    known = {s.value: s for s in _states()}
    asked = [part.strip() for part in text.split(",") if part.strip()]
    for part in asked:
        one_of("--only", part, list(known))
    if not asked:
        one_of("--only", text, list(known))
    return frozenset(known[p] for p in asked)


def _names_a_file(arg: str) -> bool:
    """Whether an argument names a plan file (rather than a goal): a path that exists, or a
    name ending in .yaml or .yml."""
    return arg.endswith((".yaml", ".yml")) or "/" in arg or Path(arg).is_file()


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("status")(status)
