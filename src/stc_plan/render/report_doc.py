"""A period report, or the year-end draft, as a document of neutral blocks.

Headings, paragraphs, bullet lists, tables and charts, with plan text kept apart from our own
formatting (``Inline`` parts), so the Markdown and HTML writers can each escape it their own
way. Every sentence comes from the catalog and rests on the plan or a recorded fact.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from stc_plan.evaluate.goals import NOT_ALL_BRANCHES, NotCounted
from stc_plan.evaluate.members import MemberLine
from stc_plan.evaluate.reporting import GoalInPeriod, MemberChange, PeriodReport
from stc_plan.evaluate.states import ATTENTION, STALE_AFTER_DAYS, WEAKEST_FIRST, State
from stc_plan.i18n import Lang, day, number, percent, t, tn
from stc_plan.model.plan import CountGoal, Goal, MetricGoal, MilestoneGoal, OngoingGoal
from stc_plan.render.cells import num, signed
from stc_plan.render.tables import (
    Table,
    channel_sentence,
    past_target_text,
    reading_text,
    summary_line,
    terms_text,
)
from stc_plan.render.words import kind_word, short, state_word, target_text

Inline = tuple[str, str | None]  # (text, None | "strong" | "code" | "em")
MAX_LISTED = 12  # activities listed per goal; the rest are counted (the JSON has them all)
NAME_LIMIT = 70  # a goal's title in one-line lists (attention, moves); in full under Målen
MAX_NOT_COUNTED = 3  # activities named as not counted in an attention line


class StateWord(str):
    """A state's word in a document, knowing its state: a writer may style it by the state
    (a terminal colours it; an HTML page may give it a class). It is still the word, so a
    writer that does not know it prints the word as it is."""

    state: State

    def __new__(cls, text: str, state: State) -> StateWord:
        word = super().__new__(cls, text)
        word.state = state
        return word


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
    marks: set[str] = set()  # footnote marks used in the text, each explained at the end
    if r.period.kind == "year":
        _year_draft(doc, r, lang, marks, charts)
    else:
        _period(doc, r, lang, marks, charts)
    if "*" in marks:
        doc.blocks.append(Para([(t("note.unstated_deadline", lang), "em")]))
    return doc


def _state(state: State, lang: Lang) -> Inline:
    return (StateWord(state_word(state, lang), state), "strong")


def _name(goal: Goal, limit: int = NAME_LIMIT) -> str:
    """The goal as one line names it: its title, cut at a word if long, without a full
    stop (words follow it on the line)."""
    return short(goal.title.rstrip(". "), limit)


def _deadline(goal: MilestoneGoal, marks: set[str]) -> str:
    """The deadline, marked ``*`` where the plan names no date (explained in a footnote)."""
    if goal.deadline_stated:
        return day(goal.deadline)
    marks.add("*")
    return day(goal.deadline) + "*"


def _period(doc: Doc, r: PeriodReport, lang: Lang, marks: set[str], charts: bool) -> None:
    b = doc.blocks
    _attention(b, r, lang, marks)
    b.append(Heading(2, t("report.summary", lang)))
    b.append(_p(t("report.states_at_end", lang, counts=_counts(r.status.goal_states(), lang))))
    if r.previous is not None:
        if r.movements:
            b.append(_p(tn("report.moved_goals", len(r.movements), lang, previous=r.previous.name)))
            moves = sorted(r.movements, key=lambda m: WEAKEST_FIRST.index(m.after))
            # Many goals making the same move (a dozen ongoing goals never checked in going
            # from no data to stale) are one line, so the moves that matter stay visible.
            same = Counter((m.before, m.after) for m in moves)
            items: list[list[Inline]] = []
            folded: set[tuple[State, State]] = set()
            for m in moves:
                pair = (m.before, m.after)
                if same[pair] > NEVER_FOLD:
                    if pair not in folded:
                        folded.add(pair)
                        items.append(
                            [
                                (tn("report.moved_many", same[pair], lang), "em"),
                                (": ", None),
                                (StateWord(state_word(m.before, lang), m.before), None),
                                (" → ", None),
                                _state(m.after, lang),
                            ]
                        )
                    continue
                items.append(
                    [
                        (_name(m.goal), "em"),
                        (": ", None),
                        (StateWord(state_word(m.before, lang), m.before), None),
                        (" → ", None),
                        _state(m.after, lang),
                    ]
                )
            b.append(Bullets(items))
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
    if charts:  # each chart right after the text it illustrates
        b.append(_states_chart(r, lang))
    b.append(Heading(2, t("heading.membership", lang)))
    b.append(TableBlock(_members_table(r, lang)))
    if charts:
        b.append(_members_chart(r, lang))
    _channels(b, r, lang)
    b.append(Heading(2, t("report.goals", lang)))
    for section in r.sections:
        b.append(Heading(3, t("heading.section", lang, id=section.id, title=section.title)))
        b.append(Bullets([_goal_item(g, r, lang, marks) for g in section.goals]))
    if r.following is not None:
        b.append(Heading(2, t("report.due_next", lang, name=r.following.name)))
        if r.due_next:
            b.append(Bullets([_due_item(g, lang, marks) for g in r.due_next]))
        else:
            b.append(_p(t("report.none_due", lang, name=r.following.name)))


def _due_item(goal: Goal, lang: Lang, marks: set[str]) -> list[Inline]:
    kind = kind_word(goal, lang)
    if isinstance(goal, MilestoneGoal):
        kind += ", " + t("report.due_by", lang, deadline=_deadline(goal, marks))
    return [(goal.title, "em"), (f" ({kind})", None)]


NEVER_FOLD = 3  # more goals never checked in than this are one item of "needs attention"


def _attention(b: list[Block], r: PeriodReport, lang: Lang, marks: set[str]) -> None:
    """What needs the board now: each weak goal on one line, most pressing first, with what
    it lacks in a few words; the membership too, where it or a branch is behind its pace."""
    b.append(Heading(2, t("report.attention", lang)))
    when = day(r.period.end)
    found = r.needs_attention()
    if not found:
        b.append(_p(t("report.attention_none", lang, date=when)))
        return
    # Goals never checked in are one item, not one each: by the summer most ongoing goals of
    # a plan nobody has looked at would fill the page that should show what is urgent.
    never = [
        g
        for state, g in found
        if g is not None and state is State.STALE and g.status.checkin is None
    ]
    if len(never) <= NEVER_FOLD:
        never = []
    never_ids = {id(g) for g in never}
    items: list[list[Inline]] = [
        [
            _state(state, lang),
            (": ", None),
            (_name(g.status.goal), "em"),
            (" — " + _gap(g, r, lang, marks), None),
        ]
        if g is not None
        else [_state(state, lang), (": " + _members_gap(r, lang), None)]
        for state, g in found
        if g is None or id(g) not in never_ids
    ]
    if never:
        names = "; ".join(_name(g.status.goal, 40) for g in never)
        said = tn("report.never_checked", len(never), lang, goals=names)
        items.append([_state(State.STALE, lang), (": " + said, None)])
    b.append(_p(t("report.attention_intro", lang, date=when)))
    b.append(Bullets(items))


def _gap(g: GoalInPeriod, r: PeriodReport, lang: Lang, marks: set[str]) -> str:
    """What a goal in need of attention lacks, in a few words."""
    s = g.status
    goal = s.goal
    said: list[str] = []
    if isinstance(goal, CountGoal):
        if s.terms:
            said += [
                t("report.gap.term", lang, term=p.term, held=p.held, quota=p.quota)
                for p in s.terms
                if p.state in ATTENTION
            ]
        elif goal.per == "branch" and s.actual is not None and s.target is not None:
            said.append(
                t(
                    "report.gap.branches",
                    lang,
                    actual=num(s.actual, lang),
                    total=num(s.target, lang),
                    names=", ".join(r.status.unit_names.get(x, x) for x in s.missing),
                )
            )
        elif s.actual is not None and s.target is not None:
            if s.expected is None or s.state is State.OVERDUE:
                said.append(
                    t("report.gap.of", lang, actual=num(s.actual, lang), target=num(s.target, lang))
                )
            else:
                said.append(
                    t(
                        "report.gap.count",
                        lang,
                        actual=num(s.actual, lang),
                        target=num(s.target, lang),
                        expected=num(s.expected, lang),
                    )
                )
            if s.missing:
                names = [r.status.unit_names.get(x) or _level(x, lang) for x in s.missing]
                said.append(t("cell.missing", lang, items=", ".join(names)))
        said += [_not_counted(x, r, lang) for x in g.not_counted[:MAX_NOT_COUNTED]]
        if len(g.not_counted) > MAX_NOT_COUNTED:
            said.append(t("report.more", lang, n=len(g.not_counted) - MAX_NOT_COUNTED))
    elif isinstance(goal, MetricGoal) and s.actual is not None and s.target is not None:
        said.append(
            t(
                "report.gap.metric",
                lang,
                actual=num(s.actual, lang),
                unit=goal.unit,
                target=num(s.target, lang),
                expected=num(s.expected, lang) if s.expected is not None else "–",
            )
        )
    if isinstance(goal, MilestoneGoal) and s.state is State.OVERDUE:
        said.append(t("report.gap.due", lang, deadline=_deadline(goal, marks)))
    elif s.state is State.STALE and s.checkin is not None:
        days = goal.check_in_every_days if isinstance(goal, OngoingGoal) else STALE_AFTER_DAYS
        said.append(t("report.gap.stale", lang, date=day(s.checkin.date), days=days))
    elif s.checkin is not None and isinstance(goal, MilestoneGoal | OngoingGoal):
        c = s.checkin
        rating = t(f"rating.{c.rating}", lang)
        said.append(t("report.checkin", lang, date=day(c.date), rating=rating, note=_note(c.note)))
        if isinstance(goal, MilestoneGoal):
            said.append(t("report.due_by", lang, deadline=_deadline(goal, marks)))
    return "; ".join(said)


def _not_counted(x: NotCounted, r: PeriodReport, lang: Lang) -> str:
    return t(
        "report.not_counted",
        lang,
        title=x.activity.title,
        date=day(x.activity.date),
        reason=_reason(x, r, lang),
    )


def _reason(x: NotCounted, r: PeriodReport, lang: Lang) -> str:
    """Why an activity is not counted, in words (the reason is a code in the data)."""
    key = (
        "report.reason.not_all_branches"
        if x.reason == NOT_ALL_BRANCHES
        else "report.reason.outside_campaign"
    )
    return t(key, lang, names=", ".join(r.status.unit_names.get(b, b) for b in x.branches))


def _members_gap(r: PeriodReport, lang: Lang) -> str:
    """The membership's line in the attention list: the total against its target and pace,
    then the branches needing attention, by state."""
    total = r.total.end
    assert total.count is not None  # there is a line only where something was counted
    count, target = number(total.count, lang), number(total.target, lang)
    if total.state is State.OVERDUE or total.expected is None:  # the year is over: no pace
        said = [t("report.gap.members_end", lang, count=count, target=target)]
    else:
        expected = num(total.expected, lang)
        said = [t("report.gap.members", lang, count=count, target=target, expected=expected)]
    for state in ATTENTION:
        names = [x.end.name for x in r.members if x.end.kind == "branch" and x.end.state is state]
        if names:
            said.append(f"{state_word(state, lang)}: {', '.join(names)}")
    return "; ".join(said)


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
        expected=num(line.expected, lang),
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
                num(x.end.expected, lang),
                number(x.end.target, lang),
                state(x.end),
            ]
            for x in rows
        ],
        [x.end.state for x in rows],
        numeric={1, 2, 3, 4, 5},
    )


def _goal_item(g: GoalInPeriod, r: PeriodReport, lang: Lang, marks: set[str]) -> list[Inline]:
    s = g.status
    parts: list[Inline] = [
        _state(s.state, lang),
        (f" ({kind_word(s.goal, lang)}): ", None),
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
    if isinstance(s.goal, MilestoneGoal) and s.done_on is None:
        key = "report.gap.due" if s.state is State.OVERDUE else "report.due_by"
        details.append(t(key, lang, deadline=_deadline(s.goal, marks)))
    if s.missing and not s.terms:
        names = [r.status.unit_names.get(x) or _level(x, lang) for x in s.missing]
        details.append(t("cell.missing", lang, items=", ".join(names)))
    if s.reading_on is not None and not g.readings:
        details.append(reading_text(s, lang))  # the latest, from before the period
    left_out = {id(x.activity): x for x in g.not_counted}
    for a in g.activities[:MAX_LISTED]:
        people = t("report.people", lang, n=a.participants) if a.participants else ""
        said = t("report.activity", lang, date=day(a.date), title=a.title, people=people)
        if id(a) in left_out:
            reason = _reason(left_out[id(a)], r, lang)
            said = t("report.activity_not_counted", lang, activity=said, reason=reason)
        details.append(said)
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


def _year_draft(doc: Doc, r: PeriodReport, lang: Lang, marks: set[str], charts: bool) -> None:
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
    if charts:  # each chart right after the text it illustrates
        b.append(_members_chart(r, lang))
    b.append(_p(t("report.states_at_end", lang, counts=_counts(r.status.goal_states(), lang))))
    if charts:
        b.append(_states_chart(r, lang))
    _channels(b, r, lang)
    for section in r.sections:
        b.append(Heading(2, t("heading.section", lang, id=section.id, title=section.title)))
        for g in section.goals:
            b.append(Para([(g.status.goal.title, "strong")]))
            b.append(_p(" ".join(_draft_sentences(g, r, lang, marks))))


def _draft_sentences(g: GoalInPeriod, r: PeriodReport, lang: Lang, marks: set[str]) -> list[str]:
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
        out += [
            t(
                "draft.not_counted",
                lang,
                title=x.activity.title,
                date=day(x.activity.date),
                reason=_reason(x, r, lang),
            )
            for x in g.not_counted
        ]
        out.append(t("draft.reached" if s.state is State.DONE else "draft.not_reached", lang))
    elif isinstance(goal, MilestoneGoal):
        if s.done_on is not None:
            out.append(t("draft.done_late" if s.late else "draft.done", lang, date=day(s.done_on)))
        else:
            out.append(t("draft.not_done", lang, deadline=_deadline(goal, marks)))
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


def _members_chart(r: PeriodReport, lang: Lang) -> Chart:
    from stc_plan.render import charts  # drawn for HTML only

    return Chart(*charts.members_chart(r, lang))


def _states_chart(r: PeriodReport, lang: Lang) -> Chart:
    from stc_plan.render import charts

    return Chart(*charts.states_chart(r, lang))
