"""A period report, or the year-end draft, as a document of neutral blocks.

Headings, paragraphs, bullet lists, tables and charts, with plan text kept apart from our own
formatting (``Inline`` parts), so the Markdown and HTML writers can each escape it their own
way. Every sentence comes from the catalog and rests on the plan or a recorded fact.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from stc_plan.evaluate.members import MemberLine
from stc_plan.evaluate.reporting import GoalInPeriod, MemberChange, PeriodReport
from stc_plan.evaluate.states import State
from stc_plan.i18n import Lang, day, number, percent, t, tn
from stc_plan.model.plan import CountGoal, MetricGoal, MilestoneGoal, OngoingGoal
from stc_plan.render.cells import num, signed, whole
from stc_plan.render.tables import (
    Table,
    channel_sentence,
    past_target_text,
    reading_text,
    summary_line,
    terms_text,
)
from stc_plan.render.words import kind_word, state_word, target_text

Inline = tuple[str, str | None]  # (text, None | "strong" | "code" | "em")
MAX_LISTED = 12  # activities listed per goal; the rest are counted (the JSON has them all)


@dataclass
class Heading:
    """A heading, level 1 to 3."""

    level: int
    text: str


@dataclass
class Para:
    """A paragraph of inline parts."""

    parts: list[Inline]


@dataclass
class Bullets:
    """A bullet list; each item a list of inline parts."""

    items: list[list[Inline]]


@dataclass
class TableBlock:
    """A table."""

    table: Table


@dataclass
class Chart:
    """An SVG chart (HTML only); Markdown shows its title."""

    svg: str
    title: str


Block = Heading | Para | Bullets | TableBlock | Chart


@dataclass
class Doc:
    """A title, a subtitle and blocks."""

    title: str
    subtitle: str
    blocks: list[Block] = field(default_factory=list)


def _p(text: str) -> Para:
    return Para([(text, None)])


def report_doc(r: PeriodReport, lang: Lang, *, charts: bool) -> Doc:
    """The document for a quarter or term report, or the year-end draft for a year."""
    doc = Doc(
        t(f"report.title.{r.period.kind}", lang, name=r.period.name),
        t(
            "report.subtitle",
            lang,
            org=r.plan.organisation,
            plan=r.plan.title,
            start=day(r.period.start),
            end=day(r.period.end),
        ),
    )
    if r.period.kind == "year":
        _year_draft(doc, r, lang)
    else:
        _period(doc, r, lang)
    if charts:
        doc.blocks.append(Heading(2, t("report.charts", lang)))
        doc.blocks.extend(_charts(r, lang))
    return doc


def _period(doc: Doc, r: PeriodReport, lang: Lang) -> None:
    b = doc.blocks
    b.append(Heading(2, t("report.summary", lang)))
    b.append(_p(t("report.states_at_end", lang, counts=_counts(r.status.goal_states(), lang))))
    if r.previous is not None:
        pairs = Counter((m.before, m.after) for m in r.movements)
        if pairs:
            moves = "; ".join(
                tn("report.move", n, lang, before=state_word(a, lang), after=state_word(z, lang))
                for (a, z), n in pairs.items()
            )
            b.append(_p(t("report.moved", lang, previous=r.previous.name, moves=moves)))
        else:
            b.append(_p(t("report.no_moves", lang, previous=r.previous.name)))
    b.append(
        _p(
            t("report.facts", lang, n=r.facts_in_period)
            if r.facts_in_period
            else t("report.no_facts", lang)
        )
    )
    b.append(_p(_members_sentence(r.total, lang)))
    b.append(Heading(2, t("heading.membership", lang)))
    b.append(TableBlock(_members_table(r, lang)))
    _channels(b, r, lang)
    b.append(Heading(2, t("report.goals", lang)))
    for section in r.sections:
        b.append(Heading(3, t("heading.section", lang, id=section.id, title=section.title)))
        b.append(Bullets([_goal_item(g, r, lang) for g in section.goals]))
    b.append(Heading(2, t("report.overdue", lang)))
    if r.overdue:
        b.append(Bullets([[(g.goal.id, "code"), (" " + g.goal.title, None)] for g in r.overdue]))
    else:
        b.append(_p(t("report.none_overdue", lang)))
    if r.following is not None:
        b.append(Heading(2, t("report.due_next", lang, name=r.following.name)))
        if r.due_next:
            b.append(
                Bullets(
                    [
                        [(g.id, "code"), (f" ({kind_word(g, lang)}) ", None), (g.title, None)]
                        for g in r.due_next
                    ]
                )
            )
        else:
            b.append(_p(t("report.none_due", lang, name=r.following.name)))


def _channels(b: list[Block], r: PeriodReport, lang: Lang) -> None:
    """The plan's channels: the figure the plan gives and the latest reading by the end."""
    if r.status.channels:
        b.append(Heading(2, t("heading.channels", lang)))
        b.append(Bullets([[(channel_sentence(c, lang), None)] for c in r.status.channels]))


def _counts(states: list[State], lang: Lang) -> str:
    line = summary_line(states, lang)
    return line.split(": ", 1)[1] if ": " in line else line


def _members_sentence(total: MemberChange, lang: Lang) -> str:
    line = total.end
    if line.count is None or total.start_count is None:
        return t("report.members_unknown", lang)
    return t(
        "report.members_line",
        lang,
        start=number(total.start_count, lang),
        end=number(line.count, lang),
        change=signed(total.change, lang),
        target=number(line.target, lang),
        expected=num(whole(line.expected), lang),
    )


def _members_table(r: PeriodReport, lang: Lang) -> Table:
    rows = [*r.members, r.total, r.total_without_siblings]
    names = {
        "total": t("row.total", lang),
        "total-without-siblings": t(
            "row.total_without", lang, names=", ".join(r.membership.sibling_names)
        ),
    }

    def state(line: MemberLine) -> str:
        return t("cell.held", lang) if line.state is None else state_word(line.state, lang)

    return Table(
        t("heading.membership", lang),
        [
            t("col.unit", lang),
            t("report.col.start", lang),
            t("report.col.end", lang),
            t("col.change", lang),
            t("col.expected", lang),
            t("col.target_short", lang),
            t("col.state", lang),
        ],
        [
            [
                names.get(x.end.unit, x.end.name),
                "–" if x.start_count is None else number(x.start_count, lang),
                "–" if x.end.count is None else number(x.end.count, lang),
                signed(x.change, lang),
                num(whole(x.end.expected), lang),
                number(x.end.target, lang),
                state(x.end),
            ]
            for x in rows
        ],
        [x.end.state for x in rows],
        numeric={1, 2, 3, 4, 5},
    )


def _goal_item(g: GoalInPeriod, r: PeriodReport, lang: Lang) -> list[Inline]:
    s = g.status
    parts: list[Inline] = [
        (s.goal.id, "code"),
        (f" ({kind_word(s.goal, lang)}): ", None),
        (state_word(s.state, lang), "strong"),
        (". ", None),
        (s.goal.title, "em"),
    ]
    details = []
    if s.terms:
        details.append(terms_text(s, lang))
    elif (
        isinstance(s.goal, CountGoal | MetricGoal) and s.actual is not None and s.target is not None
    ):
        shown = f"{num(s.actual, lang)} / {num(s.target, lang)}"
        over = s.past_target
        details.append(shown if over is None else f"{shown}, {past_target_text(over, lang)}")
    elif isinstance(s.goal, MetricGoal) and s.actual is not None:
        details.append(f"{num(s.actual, lang)} / {t('target.not_set', lang)}")
    if s.missing and not s.terms:
        names = [r.status.unit_names.get(x) or _level(x, lang) for x in s.missing]
        details.append(t("cell.missing", lang, items=", ".join(names)))
    if s.reading_on is not None and not g.readings:
        details.append(reading_text(s, lang))  # the latest, from before the period
    for a in g.activities[:MAX_LISTED]:
        people = t("report.people", lang, n=a.participants) if a.participants else ""
        details.append(t("report.activity", lang, date=day(a.date), title=a.title, people=people))
    if len(g.activities) > MAX_LISTED:
        details.append(t("report.more", lang, n=len(g.activities) - MAX_LISTED))
    for d in g.done:
        key = "report.done_late" if s.late else "report.done"
        details.append(t(key, lang, date=day(d.date), note=_note(d.note)))
    for c in g.checkins:
        details.append(
            t(
                "report.checkin",
                lang,
                date=day(c.date),
                rating=t(f"rating.{c.rating}", lang),
                note=_note(c.note),
            )
        )
    for reading in g.readings:
        details.append(
            t(
                "report.reading",
                lang,
                date=day(reading.date),
                value=num(Decimal(reading.value), lang),
            )
        )
    if g.quiet and not s.terms:
        details.append(t("report.nothing", lang))
    parts.append((" — " + "; ".join(details) if details else "", None))
    return parts


def _year_draft(doc: Doc, r: PeriodReport, lang: Lang) -> None:
    b = doc.blocks
    b.append(Para([(t("draft.note", lang), "em")]))
    b.append(Heading(2, t("heading.membership", lang)))
    m = r.membership
    total = m.total
    held = ", ".join(m.sibling_names)
    if total.count is not None and total.counted_on is not None:
        b.append(
            _p(
                t(
                    "draft.members",
                    lang,
                    baseline=number(total.baseline, lang),
                    held=held,
                    target=number(total.target, lang),
                    date=day(total.counted_on),
                    count=number(total.count, lang),
                    change=signed(total.change, lang),
                    growth=percent(total.growth, lang, signed=True),
                )
            )
        )
    else:
        b.append(
            _p(
                t(
                    "draft.members_unknown",
                    lang,
                    baseline=number(total.baseline, lang),
                    target=number(total.target, lang),
                )
            )
        )
    lines: list[list[Inline]] = []
    for x in m.lines:
        if x.kind == "branch":
            key = "draft.branch_unknown" if x.count is None else "draft.branch"
            sentence = t(
                key, lang, name=x.name, baseline=x.baseline, count=x.count, target=x.target
            )
            lines.append([(sentence, None)])
    b.append(Bullets(lines))
    b.append(_p(t("report.states_at_end", lang, counts=_counts(r.status.goal_states(), lang))))
    _channels(b, r, lang)
    for section in r.sections:
        b.append(Heading(2, t("heading.section", lang, id=section.id, title=section.title)))
        for g in section.goals:
            b.append(Para([(g.status.goal.title, "strong")]))
            b.append(_p(" ".join(_draft_sentences(g, r, lang))))


def _draft_sentences(g: GoalInPeriod, r: PeriodReport, lang: Lang) -> list[str]:
    s = g.status
    goal = s.goal
    out: list[str] = []
    if isinstance(goal, CountGoal):
        target = target_text(goal, lang)
        if goal.per == "branch" and s.actual is not None and s.target is not None:
            out.append(
                t(
                    "draft.count_branches",
                    lang,
                    target=target,
                    actual=num(s.actual, lang),
                    total=num(s.target, lang),
                )
            )
        elif s.actual is not None:
            out.append(t("draft.count", lang, target=target, actual=num(s.actual, lang)))
        else:
            out.append(t("draft.count", lang, target=target, actual=0))
            out.append(t("draft.no_activities", lang))
        if s.terms:
            out.append(t("draft.count_terms", lang, terms=terms_text(s, lang)))
        elif s.missing:
            names = [r.status.unit_names.get(x) or _level(x, lang) for x in s.missing]
            out.append(t("draft.count_missing", lang, missing=", ".join(names)))
        out.append(t("draft.reached" if s.state is State.DONE else "draft.not_reached", lang))
    elif isinstance(goal, MilestoneGoal):
        if s.done_on is not None:
            out.append(t("draft.done_late" if s.late else "draft.done", lang, date=day(s.done_on)))
        else:
            deadline = day(goal.deadline) + ("" if goal.deadline_stated else "*")
            out.append(t("draft.not_done", lang, deadline=deadline))
    elif isinstance(goal, MetricGoal):
        if s.actual is not None and s.reading_on is not None:
            out.append(
                t(
                    "draft.metric",
                    lang,
                    date=day(s.reading_on),
                    value=num(s.actual, lang),
                    unit=goal.unit,
                )
            )
        else:
            out.append(t("draft.metric_none", lang))
        if goal.target == "not-set":
            out.append(t("draft.target_not_set", lang, note=(goal.target_note or "").rstrip(". ")))
        else:
            out.append(
                t(
                    "draft.metric_target",
                    lang,
                    target=num(Decimal(goal.target), lang),
                    unit=goal.unit,
                )
            )
    c = s.checkin
    if c is not None:
        out.append(
            t(
                "draft.checkin",
                lang,
                date=day(c.date),
                rating=t(f"rating.{c.rating}", lang),
                note=_note(c.note),
            )
        )
    elif isinstance(goal, OngoingGoal):
        out.append(t("draft.no_checkin", lang))
    return out


def _note(note: str | None) -> str:
    # Notes are people's sentences; the template adds the full stop.
    return f": {note.rstrip('. ')}" if note else ""


def _level(item: str, lang: Lang) -> str:
    from stc_plan.i18n import has

    key = f"level.{item}"
    return t(key, lang) if has(key, lang) else item


def _charts(r: PeriodReport, lang: Lang) -> list[Block]:
    from stc_plan.render import charts  # drawn for HTML only

    return [Chart(*charts.members_chart(r, lang)), Chart(*charts.states_chart(r, lang))]
