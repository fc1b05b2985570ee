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
    from dataclasses import replace

    from stc_plan.evaluate.status import evaluate
    from stc_plan.parse.source import present
    from stc_plan.render import render_statuses

    plans = [Path(a) for a in args or [] if _names_a_file(a)]
    goals = [a for a in args or [] if not _names_a_file(a)]
    if len(goals) > 1 or (goals and plans):
        usage(say("cli.status-one-goal", names=", ".join(goals)))
    if goals and (full or only is not None or section is not None or branch is not None):
        usage(say("cli.story-options", goal=goals[0]))
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
            names = {b.id: b.name for b in inputs.plan.branches}
            unit = _branch_id(branch, names)
            report = evaluate(inputs.plan, inputs.progress, as_of=day, section=section, branch=unit)
            if not present(inputs.facts_path):  # nothing recorded: say so, or all looks late
                report = replace(report, no_facts_file=str(inputs.facts_path))
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
    from stc_plan.evaluate.story import NoSuchGoal, find_goal, goal_story, overarching_story
    from stc_plan.render import render_story

    one_of("--format", fmt, ["table", "plain", "json"])
    inputs = load_inputs(plan, facts)
    try:
        found = find_goal(inputs.plan, goal)
    except NoSuchGoal as exc:
        usage(exc.message_in(run_lang()))
    if found in {o.id for o in inputs.plan.overarching}:
        story: object = overarching_story(inputs.plan, inputs.progress, found, as_of=day)
    else:
        story = goal_story(inputs.plan, inputs.progress, found, as_of=day)
    render_story(story, fmt, lang, output.stream_for(fmt), output.width())


def _states() -> list["State"]:
    from stc_plan.evaluate.states import State

    return list(State)


def _key(text: str) -> str:
    """Words compared loosely: any case, composed or not, spaces and hyphens alike."""
    import unicodedata

    return unicodedata.normalize("NFC", text).casefold().replace(" ", "-").strip("-")


def _parse_states(text: str | None) -> "frozenset[State] | None":
    """``--only overdue,behind`` (or ``försenat,efter plan``): states by id or by their
    word in either language, separated by commas."""
    if text is None:
        return None
    from stc_plan.i18n import LANGS, t

    known: dict[str, State] = {}
    for state in _states():
        known[_key(state.value)] = state
        for lang in LANGS:
            known[_key(t(f"state.{state.value}", lang))] = state
    asked = [part for part in text.split(",") if part.strip()] or [text]
    lang = run_lang()
    shown = [s.value if lang == "en" else _key(t(f"state.{s.value}", lang)) for s in _states()]
    for part in asked:
        if _key(part) not in known:
            one_of("--only", part.strip(), shown)
    return frozenset(known[_key(p)] for p in asked)


def _branch_id(text: str | None, names: dict[str, str]) -> str | None:
    """``--branch``: a branch by its id or its name, loosely."""
    if text is None:
        return None
    for unit, name in names.items():
        if _key(text) in (_key(unit), _key(name)):
            return unit
    one_of("--branch", text, list(names))
    return None


def _names_a_file(arg: str) -> bool:
    """Whether an argument names a plan file rather than a goal: a name ending in .yaml or
    .yml, or a path with a folder in it (a goal's id has neither, so a file in the current
    folder that is called like a goal does not take its place)."""
    return arg.endswith((".yaml", ".yml")) or "/" in arg


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("status")(status)
