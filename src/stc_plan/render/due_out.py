"""``stc due`` as lines (plain or colour, like the first screen of ``stc status``) or JSON."""

from __future__ import annotations

from typing import Any

from stc_plan.evaluate.due import DueItem, DueReport
from stc_plan.evaluate.states import State
from stc_plan.i18n import Lang, day, t, tn
from stc_plan.render.brief import GAP, INDENT, Line, Seg
from stc_plan.render.cells import num
from stc_plan.render.words import short, state_word


def due_lines(report: DueReport, lang: Lang, width: int) -> list[Line]:
    """A heading with the window, then what is overdue, then what falls due, soonest first:
    ``  2025-06-30  term ends (VT)  Title…  state``, each line at most ``width`` wide."""
    heading = t(
        "due.heading", lang, title=report.title, start=day(report.start), end=day(report.end)
    )
    out: list[Line] = [(Seg(short(heading, width), style="bold"),)]
    overdue = [i for i in report.items if i.overdue]
    coming = [i for i in report.items if not i.overdue]
    if report.clamped is not None:
        note = t(f"brief.clamped-{report.clamped}", lang, date=day(report.requested))
        out.append((Seg(short(note, width), style="dim"),))
    if not report.items:
        out.append((Seg(short(t("due.nothing", lang), width)),))
    if overdue:
        out.append((Seg(tn("due.overdue", len(overdue), lang), style="bold"),))
        out += [_item(i, lang, width, _column(overdue, lang)) for i in overdue]
    if coming:
        out.append((Seg(tn("due.coming", len(coming), lang), style="bold"),))
        out += [_item(i, lang, width, _column(coming, lang)) for i in coming]
    if any(_derived(i) for i in report.items):
        out.append((Seg(short(t("brief.star", lang), width), style="dim"),))
    return out


def _derived(i: DueItem) -> bool:
    """A deadline the plan's words imply rather than state (shown with "*")."""
    from stc_plan.model.plan import MilestoneGoal

    g = i.status.goal if i.status is not None else None
    return i.kind == "deadline" and isinstance(g, MilestoneGoal) and not g.deadline_stated


def _what(i: DueItem, lang: Lang) -> str:
    if _derived(i):
        return t("due.deadline", lang) + "*"
    if i.kind == "term-end":
        return t("due.term-end", lang, term=i.label)
    if i.kind == "checkpoint":
        return t("due.checkpoint", lang, value=num(i.value, lang))
    if i.kind == "quarter-report":
        return t("due.quarter-report", lang, quarter=i.label)
    return t(f"due.{i.kind}", lang)


def _column(items: list[DueItem], lang: Lang) -> int:
    """How wide the "what" column of a block is: its longest word for a goal's item."""
    return max((len(_what(i, lang)) for i in items if i.status is not None), default=0)


def _item(i: DueItem, lang: Lang, width: int, column: int) -> Line:
    lead = [Seg(INDENT), Seg(day(i.date), style="dim"), Seg(GAP)]
    room = width - len(INDENT) - 10 - len(GAP)
    what = _what(i, lang).ljust(column)
    if i.status is None:  # the board's quarter report
        hint = t("due.report-hint", lang, quarter=i.label)
        return (*lead, Seg(short(f"{what}: {hint}", room)))
    state: State = i.state or i.status.state
    word = state_word(state, lang)
    title_room = room - len(what) - len(GAP) - len(word) - len(GAP)
    title = short(i.status.goal.title, max(1, title_room))
    pad = " " * max(0, title_room - len(title))
    return (*lead, Seg(what + GAP), Seg(title + pad + GAP), Seg(word, state))


def due_dict(report: DueReport) -> dict[str, Any]:
    """``stc due`` for machines: ISO dates, kinds and goal ids, no words."""
    return {
        "shape": 1,
        "plan": report.title,
        "from": report.start.isoformat(),
        "to": report.end.isoformat(),
        "items": [
            {
                "date": i.date.isoformat(),
                "kind": i.kind,
                "overdue": i.overdue,
                "goal": None if i.status is None else i.status.goal.id,
                "state": None if i.state is None else i.state.value,
                "term": i.label if i.kind == "term-end" else None,
                "quarter": i.label if i.kind == "quarter-report" else None,
                "value": None if i.value is None else str(i.value),
            }
            for i in report.items
        ],
    }
