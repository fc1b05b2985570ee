"""``stc record``: add what happened to the progress file, one fact at a time.

Each subcommand builds one fact from its options and hands it to ``write.facts.add_fact``,
which validates the whole file before a locked, atomic write.
"""

import unicodedata
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from stc_plan.cli.common import (
    FactsOption,
    Inputs,
    LangOption,
    PlanOption,
    drop_notes,
    fail,
    handled,
    load_inputs,
    one_of,
    parse_date,
    resolve_lang,
    resolve_lang_swedish_first,
    run_lang,
    say,
    say_drops,
    usage,
    waiting,
    words,
)
from stc_plan.errors import one_line

record_app = typer.Typer(
    help="Record what happened: member counts, activities, milestones done, readings, "
    "check-ins. Each write is validated first and keeps the file's comments.",
    no_args_is_help=True,
)

DateOption = Annotated[
    str | None,
    typer.Option(
        "--date", help="When it happened (YYYY-MM-DD). Default: today.", show_default=False
    ),
]
NoteOption = Annotated[str | None, typer.Option("--note", help="A short note.", show_default=False)]


def _inputs(plan: Path | None, facts: Path | None) -> Inputs:
    with handled():
        return load_inputs(plan, facts, facts_required=False)
    raise AssertionError("unreachable")  # pragma: no cover - handled() exits on errors


def _record(inputs: Inputs, section: str, values: dict[str, Any], what: str) -> None:
    from stc_plan.write.facts import FactRejected, add_fact, check_not_future

    with handled():
        when = values.get("date")
        if when == date.today() and when.year != inputs.plan.year:
            # Most likely no --date was given, after (or before) the plan's year.
            fail(
                "stc: "
                + say(
                    "cli.today-outside-year",
                    date=when,
                    year=inputs.plan.year,
                )
            )
        try:
            if isinstance(when, date):
                check_not_future(when, date.today())
            done = add_fact(inputs.facts_path, inputs.plan, section, values, on_wait=waiting)
        except FactRejected as exc:
            reasons = "; ".join(words(m) for m in exc.messages)
            fail("stc: " + say("cli.not-recorded", reasons=reasons))
        said = "cli.recorded-new-file" if done.created else "cli.recorded"
        typer.echo(one_line(say(said, what=what, file=done.path)))


def _shown(text: str) -> str:
    """A value as quoted in a message: cut, so 5,000 digits do not fill the screen."""
    return text if len(text) <= 40 else text[:37] + "..."


def _number(text: str, what: str | None = None, *, whole: bool = False) -> Any:
    """A number a person typed, by the one rule for numbers (``parse/numbers.py``): 1500,
    1 500, 1,5 and 1.5, never 1,500; wrong usage (exit 2) saying what to write instead,
    after ``what`` (the option or argument) where the value alone does not say which."""
    from stc_plan.parse.numbers import NumberRefused, read_number, read_whole

    try:
        return read_whole(text) if whole else read_number(text)
    except NumberRefused as exc:
        reason = exc.message_in(run_lang())
        usage(reason if what is None else say("cli.option-value", option=what, reason=reason))


def _unit_id(text: str, names: dict[str, str]) -> str:
    """A branch named by id or by name, in any case, composed or decomposed."""

    def key(s: str) -> str:
        return unicodedata.normalize("NFC", s).casefold().replace(" ", "").replace("-", "")

    wanted = key(text)
    for unit, name in names.items():
        if key(unit) == wanted or key(name) == wanted:
            return unit
    return unicodedata.normalize("NFC", text)  # unknown: the file check names it


@record_app.command("members")
def members(
    when: Annotated[str, typer.Argument(help="Date of the count (YYYY-MM-DD).", metavar="DATE")],
    counts: Annotated[
        list[str],
        typer.Argument(
            help="BRANCH=COUNT pairs, e.g. bromma-kungsholmen=121 (id or name).",
            metavar="BRANCH=COUNT...",
        ),
    ],
    plan: PlanOption = None,
    facts: FactsOption = None,
    note: NoteOption = None,
    lang: LangOption = None,
) -> None:
    """Record member counts per branch on a date (from the member register)."""
    resolve_lang(lang)
    day = parse_date(when, "DATE")
    parsed: dict[str, int] = {}
    raw: list[tuple[str, int]] = []
    for pair in counts:
        name, sep, number = pair.partition("=")
        if not sep or not name:
            usage(say("cli.bad-count-pair", value=_shown(pair)))
        raw.append((name, _number(number, _shown(pair), whole=True)))
    inputs = _inputs(plan, facts)
    names = inputs.plan.unit_names()
    for name, count in raw:
        unit = _unit_id(name, names)
        if unit in parsed:
            usage(say("cli.count-twice", value=name))
        parsed[unit] = count
    values = {"date": day, "counts": parsed, "note": note}
    _record(inputs, "members", values, say("cli.what-members", date=day))
    say_drops(inputs, parsed, day)


@record_app.command("activity")
def activity(
    when: Annotated[str, typer.Argument(help="Date it was held (YYYY-MM-DD).", metavar="DATE")],
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            help="member-activity, ny-i-c, "
            "recruitment-drive, integrated-campaign, training, "
            "renewal-drive, event-project, workshop, other.",
        ),
    ],
    title: Annotated[str, typer.Option("--title", help="What it was.")],
    branch: Annotated[
        list[str] | None,
        typer.Option(
            "--branch", help="A branch involved (repeat for several).", show_default=False
        ),
    ] = None,
    all_branches: Annotated[
        bool, typer.Option("--all-branches", help="Every branch took part.")
    ] = False,
    level: Annotated[
        list[str] | None,
        typer.Option(
            "--level",
            help="municipal, regional or national: who initiated it (repeatable).",
            show_default=False,
        ),
    ] = None,
    participants: Annotated[
        str | None,
        typer.Option(
            "--participants",
            help="How many took part (1500 or 1 500, never 1,500).",
            show_default=False,
        ),
    ] = None,
    plan: PlanOption = None,
    facts: FactsOption = None,
    note: NoteOption = None,
    lang: LangOption = None,
) -> None:
    """Record an activity held."""
    resolve_lang(lang)
    day = parse_date(when, "DATE")
    if all_branches and branch:
        usage(say("cli.branch-and-all"))
    branches: list[str] | str = "all" if all_branches else list(branch or [])
    count = None if participants is None else _number(participants, "--participants", whole=True)
    values = {
        "date": day,
        "kind": kind,
        "title": title,
        "branches": branches,
        "levels": list(level or []),
        "participants": count,
        "note": note,
    }
    _record(
        _inputs(plan, facts),
        "activities",
        values,
        say("cli.what-activity", title=title, date=day),
    )


@record_app.command("done")
def done(
    goal: Annotated[str, typer.Argument(help="The milestone goal's id.")],
    when: DateOption = None,
    link: Annotated[
        str | None, typer.Option("--link", help="Where the result is.", show_default=False)
    ] = None,
    plan: PlanOption = None,
    facts: FactsOption = None,
    note: NoteOption = None,
    lang: LangOption = None,
) -> None:
    """Record a milestone goal as done."""
    resolve_lang(lang)
    day = parse_date(when, "--date")
    values = {"goal": goal, "date": day, "note": note, "link": link}
    _record(
        _inputs(plan, facts),
        "done",
        values,
        say("cli.what-done", goal=goal, date=day),
    )


@record_app.command("checkin")
def checkin(
    goal: Annotated[str, typer.Argument(help="The goal's id (any goal).")],
    rating: Annotated[str, typer.Option("--rating", help="on-track, at-risk, off-track or done.")],
    when: DateOption = None,
    plan: PlanOption = None,
    facts: FactsOption = None,
    note: NoteOption = None,
    lang: LangOption = None,
) -> None:
    """Record a check-in: how a goal is going."""
    resolve_lang(lang)
    from stc_plan.model.facts import RATINGS

    one_of("--rating", rating, RATINGS)
    day = parse_date(when, "--date")
    values = {"goal": goal, "date": day, "rating": rating, "note": note}
    _record(
        _inputs(plan, facts),
        "checkins",
        values,
        say("cli.what-checkin", goal=goal, date=day),
    )


@record_app.command("reading")
def reading(
    target: Annotated[
        str, typer.Argument(help="A metric goal's id or a channel's id.", metavar="GOAL|CHANNEL")
    ],
    value: Annotated[
        str, typer.Argument(help="The figure, e.g. 741, 1 500 or 3.5 (never 1,500: say which).")
    ],
    when: DateOption = None,
    plan: PlanOption = None,
    facts: FactsOption = None,
    note: NoteOption = None,
    lang: LangOption = None,
) -> None:
    """Record a metric goal's or a channel's figure on a date."""
    resolve_lang(lang)
    day = parse_date(when, "--date")
    figure = _number(value)
    inputs = _inputs(plan, facts)
    key = "channel" if target in {c.id for c in inputs.plan.channels} else "goal"
    values = {key: target, "date": day, "value": figure, "note": note}
    _record(
        inputs,
        "readings",
        values,
        say("cli.what-reading", target=target, date=day),
    )


@record_app.command("from-issue")
def from_issue(
    event: Annotated[
        Path, typer.Argument(help="A GitHub issues event: the file at $GITHUB_EVENT_PATH.")
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and show the fact; write nothing.")
    ] = False,
    comment: Annotated[
        Path | None,
        typer.Option(
            "--comment",
            help="Also write a reply for the issue (Markdown) to this file: the fact, or what "
            "to fix.",
            show_default=False,
        ),
    ] = None,
    trusted: Annotated[
        str | None,
        typer.Option(
            "--trusted",
            help="GitHub logins trusted besides the repository's owners, members and "
            "collaborators, separated by commas. Default: $STC_TRUSTED.",
            show_default=False,
        ),
    ] = None,
    trusted_file: Annotated[
        Path | None,
        typer.Option(
            "--trusted-file",
            help="A file of GitHub logins trusted, one a line (# starts a comment); a "
            "missing file trusts no one more.",
            show_default=False,
        ),
    ] = None,
    plan: PlanOption = None,
    facts: FactsOption = None,
    lang: LangOption = None,
) -> None:
    """Record the fact a filled-in stc issue form holds, exactly as stc record would."""
    import os

    from stc_plan.errors import StcError
    from stc_plan.messages import Msg
    from stc_plan.render.issue_reply import fact_yaml, reply
    from stc_plan.write.facts import FactRejected
    from stc_plan.write.from_issue import record_from_issue

    language = resolve_lang_swedish_first(lang)
    if dry_run and comment is not None:  # a reply would say "recorded" for what was not
        usage(say("cli.dry-run-comment"))
    logins = (trusted if trusted is not None else os.environ.get("STC_TRUSTED", "")).split(",")
    if trusted_file is not None and trusted_file.is_file():
        from stc_plan.parse.source import read_bytes

        with handled():
            listed = read_bytes(trusted_file, suffix=".txt").decode("utf-8", errors="replace")
        logins += [line.split("#", 1)[0] for line in listed.splitlines()]
    with handled():
        inputs = _inputs(plan, facts)
        try:
            done = record_from_issue(
                event,
                inputs.plan,
                inputs.facts_path,
                today=date.today(),
                trusted=tuple(x.strip() for x in logins if x.strip()),
                dry_run=dry_run,
                on_wait=waiting,
            )
        except StcError as exc:
            said = exc.message_in(language)
            if isinstance(exc, FactRejected):
                said = say("cli.not-recorded", reasons="; ".join(words(m) for m in exc.messages))
            if comment is not None:
                untrusted = isinstance(exc.args[0], Msg) and exc.args[0].code == "issue.untrusted"
                _reply(comment, reply(None, None, one_line(said), language, untrusted=untrusted))
            fail("stc: " + one_line(said))
        counts = done.fact.values.get("counts") if done.fact.section == "members" else None
        day = done.fact.values["date"]
        if counts:
            say_drops(inputs, counts, day)
        if comment is not None:
            notes = drop_notes(inputs, counts, day, "reply.member-drop") if counts else []
            _reply(comment, reply(done.fact, str(done.path), None, language, notes=notes))
        if dry_run:
            typer.echo(say("cli.would-record", file=done.path))
            typer.echo(fact_yaml(done.fact), nl=False)
        else:
            typer.echo(say("cli.recorded-from-issue", number=done.fact.issue, file=done.path))


def _reply(path: Path, text: str) -> None:
    """The reply written whole or not at all."""
    from stc_plan.write.atomic import read_or_none, real_target, replace_atomically

    target = real_target(path)
    replace_atomically(target, text.encode("utf-8"), expected=read_or_none(target))


def register(app: typer.Typer) -> None:
    """Add the command group to ``app``."""
    app.add_typer(record_app, name="record")
