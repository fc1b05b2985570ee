"""The status report laid out as titled tables: one layout, styled by each renderer.

Rich, plain text and Markdown all show the same tables, so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from stc_plan.evaluate.states import State
from stc_plan.evaluate.status import MembershipLine, StatusReport
from stc_plan.i18n import Lang, day, number, percent, t
from stc_plan.render.words import (
    deadline_text,
    has_unstated_deadline,
    kind_word,
    short,
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


@dataclass
class Layout:
    """What a status report prints: a heading, notes about the date, tables, then notes."""

    heading: str
    subtitle: str
    date_notes: list[str]
    tables: list[Table]
    notes: list[str]


def status_layout(report: StatusReport, lang: Lang, *, title_limit: int | None) -> Layout:
    """Lay out ``report``; titles are cut to ``title_limit`` characters (None: in full)."""

    def title(text: str) -> str:
        return text if title_limit is None else short(text, title_limit)

    date_notes = []
    if report.clamped == "after":
        date_notes.append(t("note.clamped", lang, date=day(report.requested)))
    elif report.clamped == "before":
        date_notes.append(t("note.clamped_before", lang, date=day(report.requested)))
    tables = [
        Table(
            t("heading.overarching", lang),
            [t("col.goal", lang), t("col.state", lang), t("col.serves", lang)],
            [
                [f"{o.id}\n{title(o.title)}", state_word(o.state, lang), str(len(o.served_by))]
                for o in report.overarching
            ],
            [o.state for o in report.overarching],
            numeric={2},
        )
    ]
    goals = []
    for section in report.sections:
        rows: list[list[str]] = []
        states: list[State | None] = []
        for gs in section.goals:
            g = gs.goal
            rows.append(
                [
                    f"{g.id} ({kind_word(g, lang)})\n{title(g.title)}",
                    target_text(g, lang),
                    deadline_text(g),
                    state_word(gs.state, lang),
                ]
            )
            states.append(gs.state)
            goals.append(g)
        tables.append(
            Table(
                t("heading.section", lang, id=section.id, title=section.title),
                [
                    t("col.goal", lang),
                    t("col.target", lang),
                    t("col.deadline", lang),
                    t("col.state", lang),
                ],
                rows,
                states,
            )
        )
    m = report.membership
    lines = [*m.rows, m.total, m.total_without_siblings]
    held = ", ".join(m.sibling_names)

    def name(line: MembershipLine) -> str:
        if line.unit == "total":
            return t("row.total", lang)
        if line.unit == "total-without-siblings":
            return t("row.total_without", lang, names=held)
        return line.name

    tables.append(
        Table(
            t("heading.membership", lang),
            [
                t("col.unit", lang),
                t("col.baseline", lang, year=m.baseline_date.year),
                t("col.goal_target", lang, year=report.year),
                t("col.growth", lang),
            ],
            [
                [
                    name(x),
                    number(x.baseline, lang),
                    number(x.target, lang),
                    percent(x.growth, lang, signed=True),
                ]
                for x in lines
            ],
            numeric={1, 2, 3},
        )
    )
    notes = []
    if has_unstated_deadline(goals):
        notes.append(t("note.unstated_deadline", lang))
    if m.sibling_names:
        notes.append(
            t(
                "note.growth_truth",
                lang,
                rule=percent(m.growth_percent, lang, places=None),
                held=held,
                total=percent(m.total.growth, lang),
                without=percent(m.total_without_siblings.growth, lang),
            )
        )
    counts: dict[State, int] = {}
    for s in report.goal_states():
        counts[s] = counts.get(s, 0) + 1
    summary = ", ".join(f"{n} {state_word(s, lang)}" for s, n in counts.items())
    notes.append(t("summary", lang, n=len(report.goal_states()), counts=summary))
    heading = t("heading.status", lang, title=report.title, date=day(report.as_of))
    return Layout(heading, report.organisation, date_notes, tables, notes)
