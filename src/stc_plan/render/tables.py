"""Reports laid out as titled tables: one layout per report, styled by each renderer.

Rich, plain text, Markdown and CSV all show the same tables, so they cannot drift apart.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from stc_plan.evaluate.members import MemberLine, MembersReport
from stc_plan.evaluate.states import WEAKEST_FIRST, State
from stc_plan.evaluate.status import ChannelStatus, GoalStatus, OverarchingStatus, StatusReport
from stc_plan.i18n import Lang, day, has, number, percent, t, tn
from stc_plan.model.plan import CountGoal, MetricGoal, MilestoneGoal, OngoingGoal
from stc_plan.render.cells import num, signed, whole
from stc_plan.render.words import (
    bar,
    has_unstated_deadline,
    kind_word,
    short,
    sparkline,
    state_word,
    target_text,
)


@dataclass
class Table:
    """A titled table; ``states`` holds each row's state where the table has one."""

    title: str
    headers: list[str]
    rows: list[list[str]]
    states: list[State | None] = field(default_factory=list)
    numeric: set[int] = field(default_factory=set)  # right-aligned columns
    state_col: int = -1  # the column holding the state word


@dataclass
class Layout:
    """What a report prints: a heading, notes about the date, tables, then notes."""

    heading: str
    subtitle: str
    date_notes: list[str]
    tables: list[Table]
    notes: list[str]


def _date_notes(requested: object, clamped: str | None, lang: Lang) -> list[str]:
    from datetime import date

    assert isinstance(requested, date)
    if clamped == "after":
        return [t("note.clamped", lang, date=day(requested))]
    if clamped == "before":
        return [t("note.clamped_before", lang, date=day(requested))]
    return []


def goal_cells(
    status: GoalStatus, lang: Lang, title_limit: int | None, names: dict[str, str]
) -> list[str]:
    """goal (id, kind, title, details) | actual/target | left | expected | state."""
    g = status.goal
    title = g.title if title_limit is None else short(g.title, title_limit)
    lines = [f"{g.id} ({kind_word(g, lang)})", title]
    if isinstance(g, CountGoal):
        lines.append(t("cell.target", lang, target=target_text(g, lang)))
    if isinstance(g, MilestoneGoal):
        deadline = day(g.deadline) + ("" if g.deadline_stated else "*")
        lines.append(t("cell.by", lang, date=deadline))
    if status.terms:
        lines.append(terms_text(status, lang))
    elif status.missing:
        missing = [names.get(m) or _missing_word(m, lang) for m in status.missing]
        lines.append(t("cell.missing", lang, items=", ".join(missing)))
    if status.here is not None:
        lines.append(t("cell.here", lang, n=num(status.here, lang)))
    if status.reading_on is not None:
        lines.append(reading_text(status, lang))
    if status.checkin is not None:
        c = status.checkin
        line = t("cell.checkin", lang, date=day(c.date), rating=t(f"rating.{c.rating}", lang))
        if c.note:
            line += f". {c.note if title_limit is None else short(c.note, title_limit)}"
        lines.append(line)
    actual, left, expected = _progress_cells(status, lang)
    return ["\n".join(lines), actual, left, expected, state_word(status.state, lang)]


def terms_text(status: GoalStatus, lang: Lang) -> str:
    """ "VT: 2 of 2, done; HT: 0 of 2, not started": each term of a per-term quota."""
    return "; ".join(
        t(
            "cell.term",
            lang,
            term=p.term,
            held=p.held,
            quota=p.quota,
            state=state_word(p.state, lang),
        )
        for p in status.terms
    )


def reading_text(status: GoalStatus, lang: Lang) -> str:
    """When the latest reading was taken, and its change from the baseline where known."""
    text = t("cell.reading", lang, date=day(status.reading_on)) if status.reading_on else ""
    if status.baseline is not None and status.actual is not None:
        text += t(
            "cell.from_baseline",
            lang,
            baseline=num(status.baseline, lang),
            change=signed(status.actual - status.baseline, lang),
        )
    return text


def past_target_text(over: Decimal | int, lang: Lang) -> str:
    """ "target reached, +2": said in words instead of a negative number still to go."""
    return t("cell.past_target", lang, over=signed(over, lang))


def _missing_word(item: str, lang: Lang) -> str:
    key = f"level.{item}"
    return t(key, lang) if has(key, lang) else item  # a level, or a term (VT, HT)


def _progress_cells(status: GoalStatus, lang: Lang) -> tuple[str, str, str]:
    g = status.goal
    if isinstance(g, MilestoneGoal):
        if status.done_on:
            key = "cell.done_late" if status.late else "cell.done_on"
            return t(key, lang, date=day(status.done_on)), "", ""
        return t("cell.not_done", lang), "", ""
    if isinstance(g, OngoingGoal):
        return "", "", ""
    if status.actual is None and status.target is None:
        return "–", "", ""
    if status.actual is None:  # no data yet: the target alone
        shown = num(status.target, lang)
        if isinstance(g, CountGoal) and g.per == "branch" and status.target is not None:
            shown = tn("cell.branches", int(status.target), lang)
        return f"– / {shown}", "", ""
    if isinstance(g, MetricGoal) and g.target == "not-set":
        return f"{num(status.actual, lang)} / {t('target.not_set', lang)}", "", ""
    shown_target = num(status.target, lang)
    if isinstance(g, CountGoal) and g.per == "branch" and status.target is not None:
        shown_target = tn("cell.branches", int(status.target), lang)
    actual = f"{num(status.actual, lang)} / {shown_target}"
    over = status.past_target
    left = num(status.remaining, lang) if over is None else past_target_text(over, lang)
    return actual, left, num(status.expected, lang)


def contributing_text(o: OverarchingStatus, lang: Lang) -> str:
    """What an overarching goal is judged by, and how the goals serving it stand:
    "judged by the membership; 8 contributing goals: 1 overdue, 2 behind"."""
    attention = o.attention()
    if attention:
        counts = ", ".join(f"{n} {state_word(s, lang)}" for s, n in attention.items())
        text = tn("cell.contributing", len(o.contributing), lang, counts=counts)
    else:
        text = tn("cell.contributing_fine", len(o.contributing), lang)
    if o.measure == "membership":
        return t("cell.measured_by_members", lang) + "\n" + text
    return text


def summary_line(states: list[State], lang: Lang) -> str:
    """ "22 goals: 1 overdue, 2 behind, ..., 3 done": the weakest states first, as in the
    first screen's headline (what needs attention is read first)."""
    counts = Counter(states)
    order = [s for s in WEAKEST_FIRST if counts[s]]
    text = ", ".join(tn(f"states.{s.value}", counts[s], lang) for s in order)
    return tn("summary", len(states), lang, counts=text)


def status_layout(report: StatusReport, lang: Lang, *, title_limit: int | None) -> Layout:
    """Lay out ``report``; goal titles are cut to ``title_limit`` characters (None: in full)."""

    def title(text: str) -> str:
        return text if title_limit is None else short(text, title_limit)

    tables = []
    if report.branch is None:
        tables.append(
            Table(
                t("heading.overarching", lang),
                [t("col.goal", lang), t("col.state", lang), t("col.serves", lang)],
                [
                    [
                        f"{o.id}\n{title(o.title)}",
                        state_word(o.state, lang),
                        contributing_text(o, lang),
                    ]
                    for o in report.overarching
                ],
                [o.state for o in report.overarching],
                state_col=1,
            )
        )
    headers = [
        t("col.goal", lang),
        t("col.actual", lang),
        t("col.remaining", lang),
        t("col.expected", lang),
        t("col.state", lang),
    ]
    for section in report.sections:
        tables.append(
            Table(
                t("heading.section", lang, id=section.id, title=section.title),
                headers,
                [goal_cells(gs, lang, title_limit, report.unit_names) for gs in section.goals],
                [gs.state for gs in section.goals],
                numeric={2, 3},
            )
        )
    m = report.membership
    lines = [*m.lines] if report.branch else [*m.lines, m.total, m.total_without_siblings]
    tables.append(
        Table(
            t("heading.membership", lang),
            [
                t("col.unit", lang),
                t("col.baseline", lang, year=m.baseline_date.year),
                t("col.goal_target", lang, year=report.year),
                t("col.count", lang),
                t("col.growth", lang),
                t("col.state", lang),
            ],
            [_member_cells(x, m, lang, with_bar=False) for x in lines],
            [x.state for x in lines],
            numeric={1, 2, 3, 4},
        )
    )
    if report.channels:
        tables.append(channels_table(report.channels, lang))
    notes = []
    if has_unstated_deadline([gs.goal for gs in report.goal_statuses()]):
        notes.append(t("note.unstated_deadline", lang))
    if m.sibling_names and report.branch is None:
        notes.append(_growth_truth(m, lang))
    notes.append(summary_line(report.goal_states(), lang))
    heading = t("heading.status", lang, title=report.title, date=day(report.as_of))
    subtitle = report.organisation
    if report.branch:
        subtitle += " · " + t("heading.branch", lang, name=report.branch_name)
    return Layout(
        heading,
        subtitle,
        _date_notes(report.requested, report.clamped, lang)
        + ([t("brief.no-facts", lang, file=report.no_facts_file)] if report.no_facts_file else []),
        tables,
        notes,
    )


def channel_sentence(c: ChannelStatus, lang: Lang) -> str:
    """A channel in a sentence: its latest reading, the plan's figure, the change, the target."""
    parts = [c.name]
    if c.latest is not None and c.read_on is not None:
        parts.append(t("channel.latest", lang, value=num(c.latest, lang), date=day(c.read_on)))
    else:
        parts.append(t("channel.no_reading", lang))
    if c.baseline is not None:
        parts.append(t("channel.in_plan", lang, value=number(c.baseline, lang)))
    if c.change is not None:
        parts.append(signed(c.change, lang))
    parts.append(t("channel.target_not_set", lang))
    return parts[0] + ": " + "; ".join(parts[1:]) + "."


def channels_table(channels: list[ChannelStatus], lang: Lang) -> Table:
    """The plan's channels: the figure the plan gives, the latest reading and the change."""
    return Table(
        t("heading.channels", lang),
        [
            t("col.channel", lang),
            t("col.in_plan", lang),
            t("col.latest", lang),
            t("col.read_on", lang),
            t("col.change", lang),
            t("col.target_short", lang),
        ],
        [
            [
                c.name,
                "–" if c.baseline is None else number(c.baseline, lang),
                num(c.latest, lang),
                day(c.read_on) if c.read_on else "–",
                signed(c.change, lang),
                t("target.not_set", lang),
            ]
            for c in channels
        ],
        numeric={1, 2, 4},
    )


def _member_cells(x: MemberLine, m: MembersReport, lang: Lang, *, with_bar: bool) -> list[str]:
    """A membership row: name, baseline, target, count, growth, [bar,] state."""
    cells = [
        unit_name(x, m, lang),
        number(x.baseline, lang),
        number(x.target, lang),
        _count(x, lang),
        percent(x.growth, lang, signed=True),
    ]
    if with_bar:
        cells.append(bar(x.count, x.baseline, x.target, x.expected))
    return [*cells, _member_state(x, lang)]


def _growth_truth(m: MembersReport, lang: Lang) -> str:
    """What the table hides: the rule is per branch, so the district grows less."""
    return t(
        "note.growth_truth",
        lang,
        rule=percent(m.growth_rule, lang, places=None),
        held=", ".join(m.sibling_names),
        total=percent(m.total.planned_growth, lang),
        without=percent(m.total_without_siblings.planned_growth, lang),
    )


def unit_name(line: MemberLine, m: MembersReport, lang: Lang) -> str:
    """A line's name: a branch's own, or the total's in words."""
    if line.kind == "total":
        return t("row.total", lang)
    if line.kind == "total-without-siblings":
        return t("row.total_without", lang, names=", ".join(m.sibling_names))
    return line.name


def _count(line: MemberLine, lang: Lang) -> str:
    return "–" if line.count is None else number(line.count, lang)


def _member_state(line: MemberLine, lang: Lang) -> str:
    return t("cell.held", lang) if line.state is None else state_word(line.state, lang)


def members_layout(
    m: MembersReport,
    lang: Lang,
    *,
    requested: object,
    clamped: str | None,
    organisation: str,
    title: str,
) -> Layout:
    """``stc members``: where each branch stands, then what it takes to reach the target."""
    lines = [*m.lines, m.total, m.total_without_siblings]
    standing = Table(
        t("heading.members", lang, date=day(m.as_of)),
        [
            t("col.unit", lang),
            t("col.baseline", lang, year=m.baseline_date.year),
            t("col.target_short", lang),
            t("col.count", lang),
            t("col.growth", lang),
            t("col.progress", lang),
            t("col.state", lang),
        ],
        [_member_cells(x, m, lang, with_bar=True) for x in lines],
        [x.state for x in lines],
        numeric={1, 2, 3, 4},
    )
    tracked = [x for x in lines if x.kind != "siblings"]
    needed = Table(
        t("heading.members_needed", lang),
        [
            t("col.unit", lang),
            t("col.counted_on", lang),
            t("col.change", lang),
            t("col.gap", lang),
            t("col.per_month", lang),
            t("col.projection", lang),
            t("col.trend", lang),
        ],
        [
            [
                unit_name(x, m, lang),
                day(x.counted_on) if x.counted_on else "–",
                signed(x.change, lang),
                _gap(x, lang),
                num(x.per_month, lang),
                num(whole(x.projection), lang),
                sparkline([count for _, count in x.history]),
            ]
            for x in tracked
        ],
        numeric={2, 3, 4, 5},
    )
    notes = [
        t(
            "note.members_dates",
            lang,
            held=", ".join(m.sibling_names),
            n=sum(x.baseline for x in m.lines if x.kind == "siblings"),
        ),
        t("note.bar", lang),
        t(
            "note.months_left",
            lang,
            months=number(m.months_left, lang, 1),
            base=day(m.baseline_date),
            date=day(m.as_of),
        ),
    ]
    if m.sibling_names:
        notes.append(_growth_truth(m, lang))
    heading = t("heading.status", lang, title=title, date=day(m.as_of))
    return Layout(
        heading, organisation, _date_notes(requested, clamped, lang), [standing, needed], notes
    )


def _gap(x: MemberLine, lang: Lang) -> str:
    if x.gap is None:
        return "–"
    return number(x.gap, lang) if x.gap > 0 else past_target_text(-x.gap, lang)


def comparison_layout(a: StatusReport, b: StatusReport, lang: Lang) -> Layout:
    """Two years' membership side by side: each year's baseline, target and latest count."""
    lines_b = {x.unit: x for x in b.membership.lines}

    def cells(x: MemberLine | None) -> list[str]:
        if x is None:
            return ["–", "–", "–"]
        return [number(x.baseline, lang), number(x.target, lang), _count(x, lang)]

    rows = []
    seen = set()
    for x in a.membership.lines:
        seen.add(x.unit)
        rows.append([x.name, *cells(x), *cells(lines_b.get(x.unit))])
    for x in b.membership.lines:
        if x.unit not in seen:
            rows.append([x.name, *cells(None), *cells(x)])
    for key in ("total", "total_without_siblings"):
        ta, tb = getattr(a.membership, key), getattr(b.membership, key)
        rows.append([unit_name(ta, a.membership, lang), *cells(ta), *cells(tb)])
    headers = [t("col.unit", lang)]
    for r in (a, b):
        headers += [
            f"{r.year} " + t("col.baseline_short", lang),
            t("col.target_short", lang),
            t("col.count", lang),
        ]
    table = Table(
        t("heading.compare", lang, a=a.year, b=b.year), headers, rows, numeric=set(range(1, 7))
    )
    heading = t("heading.compare", lang, a=a.year, b=b.year)
    notes = [t("note.compare", lang, a=day(a.as_of), b=day(b.as_of))]
    return Layout(heading, a.organisation, [], [table], notes)
