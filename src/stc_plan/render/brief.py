"""``stc status``'s first screen: what needs the board now, then one line per goal.

Laid out as lines of segments, each line at most ``width`` characters: a title is cut at a
word boundary with "…" so that nothing wraps. The same lines are written plain (a pipe) or
in colour (a terminal), a state's colour coming from the state a segment holds.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TextIO

from stc_plan.evaluate.goals import GoalStatus
from stc_plan.evaluate.members import MemberLine
from stc_plan.evaluate.states import WEAKEST_FIRST, State
from stc_plan.evaluate.status import StatusReport
from stc_plan.i18n import Lang, day, has, number, t, tn
from stc_plan.model.plan import CountGoal, MetricGoal, MilestoneGoal, OngoingGoal
from stc_plan.render.cells import num
from stc_plan.render.words import short, state_word

INDENT = "  "
GAP = "  "
MIN_TITLE = 12  # a title narrower than this says too little: the detail gives way first


@dataclass(frozen=True)
class Seg:
    """A piece of a line: its text, and the state or style it is shown in."""

    text: str
    state: State | None = None
    style: str = ""


Line = tuple[Seg, ...]


def brief_lines(report: StatusReport, lang: Lang, width: int) -> list[Line]:
    """The first screen of ``stc status``: a headline (date, goals by state, members against
    the pace), what needs attention (worst first), each other goal on one line under its
    top-level section, and the membership per branch in one line.

    A goal that needs attention is listed there, not again under its section, and there
    are no blank lines (headings are bold): the shipped plan fits 40 lines at 80 columns.
    """
    names = report.unit_names
    shown = report.goal_statuses()
    if report.branch is not None:  # a branch's view: the goals counted for it
        shown = [g for g in shown if isinstance(g.goal, CountGoal)]
    only = report.only_states
    attention = [g for g in report.needs_attention() if g in shown]

    def state_width(goals: list[GoalStatus]) -> int:  # each block aligned on its own words
        return max((len(state_word(g.state, lang)) for g in goals), default=0)

    out: list[Line] = _headline(report, shown, lang, width)
    if attention:
        out.append((Seg(tn("brief.attention", len(attention), lang), style="bold"),))
        for g in attention:
            detail = gap_text(g, lang, names)
            out.append(_goal_line(g, detail, state_width(attention), width, lang))
    elif only is None or set(only) & {State.OVERDUE, State.BEHIND, State.AT_RISK, State.STALE}:
        out.append((Seg(t("brief.nothing-urgent", lang), style="bold"),))
    rest = [g for g in shown if g not in attention]
    rest_width = state_width(rest)
    for top in dict.fromkeys(_top(g.goal.section) for g in rest):
        title = report.section_titles.get(top, "")
        out.append((Seg(_cut(f"{top} {title}".strip(), width), style="bold"),))
        out += [
            _goal_line(g, _figure(g, lang), rest_width, width, lang)
            for g in rest
            if _top(g.goal.section) == top
        ]
    if report.activities:
        out += _activities(report, lang, width)
    if report.branch is None:
        out.append(_branches_line(report, lang, width))
    if any(
        isinstance(g.goal, MilestoneGoal) and not g.goal.deadline_stated and g.done_on is None
        for g in shown
    ):
        out.append((Seg(_cut(t("brief.star", lang), width), style="dim"),))
    return out


def write_brief(
    lines: list[Line], out: TextIO, width: int, *, rich: bool, colour: bool | None = None
) -> None:
    """The lines as plain text, or in colour through rich (markup off: plan text is data;
    ``colour``: force it on or off; by default rich decides from ``out``)."""
    encoding = getattr(out, "encoding", None)
    if encoding is not None:
        from stc_plan.render.standins import is_unicode

        if not is_unicode(encoding):
            lines = [_fit(line, encoding, width) for line in lines]
    if not rich:
        out.write("".join("".join(s.text for s in line) + "\n" for line in lines))
        return
    from rich.console import Console
    from rich.text import Text

    from stc_plan.render.rich_out import STYLE

    console = Console(
        file=out,
        width=width,
        highlight=False,
        soft_wrap=True,
        markup=False,
        emoji=False,
        force_terminal=colour,
        no_color=False if colour else None,
    )
    for line in lines:
        text = Text()
        for s in line:
            text.append(s.text, style=STYLE[s.state] if s.state is not None else s.style)
        console.print(text)


def _fit(line: Line, encoding: str, width: int) -> Line:
    """A line in characters ``encoding`` holds ("…" as "..."), still ``width`` wide: the
    longer stand-ins take their room from the padding between columns."""
    from stc_plan.render.standins import fit

    segs = [Seg(fit(s.text, encoding), s.state, s.style) for s in line]
    over = sum(len(s.text) for s in segs) - width
    for i in reversed(range(len(segs))):  # the padding before the detail first
        s = segs[i]
        if over <= 0:
            break
        if s.text.strip() == "" and len(s.text) > 2:
            take = min(over, len(s.text) - 2)
            segs[i] = Seg(s.text[: len(s.text) - take], s.state, s.style)
            over -= take
    if over > 0 and segs:
        last = segs[-1]
        segs[-1] = Seg(last.text[: max(0, len(last.text) - over)], last.state, last.style)
    return tuple(segs)


def _headline(report: StatusReport, shown: list[GoalStatus], lang: Lang, width: int) -> list[Line]:
    where = report.title if report.branch is None else f"{report.title} · {report.branch_name}"
    first = t("heading.status", lang, title=where, date=day(report.as_of))
    if report.clamped == "after":
        first += " " + t("brief.year-over", lang, date=day(report.requested))
    counts = Counter(g.state for g in shown)
    parts = [tn(f"states.{s.value}", counts[s], lang) for s in WEAKEST_FIRST if counts[s]]
    said = tn("summary", len(shown), lang, counts=", ".join(parts))
    return [
        (Seg(_cut(first, width), style="bold"),),
        *_wrapped(said, width),
        _members_line(report, lang, width),
    ]


def _wrapped(text: str, width: int) -> list[Line]:
    """A sentence over as many lines as it needs, broken after a comma or a space."""
    import textwrap

    return [(Seg(line),) for line in textwrap.wrap(text, width, subsequent_indent=INDENT)]


def _top(section: str) -> str:
    return section.split(".", 1)[0]


def _goal_line(g: GoalStatus, detail: str, state_width: int, width: int, lang: Lang) -> Line:
    """``  state  title…  detail``: the title and the detail share what the state leaves,
    the title keeping at least half of it (both cut at a word boundary with "…")."""
    word = state_word(g.state, lang)
    room = width - len(INDENT) - state_width - len(GAP)
    title = g.goal.title
    if detail:
        detail_room = max(0, room - len(GAP) - max(MIN_TITLE, min(len(title), room // 2)))
        detail = short(detail, detail_room) if detail_room >= 4 else ""
    title_room = room - (len(GAP) + len(detail) if detail else 0)
    title = short(title, max(1, title_room))
    segs = [Seg(INDENT), Seg(word, g.state), Seg(" " * (state_width - len(word)) + GAP)]
    segs.append(Seg(title))
    if detail:
        pad = " " * (title_room - len(title))
        segs += [Seg(pad + GAP), Seg(detail, style="dim" if g.state is State.DONE else "")]
    return tuple(segs)


def _figure(g: GoalStatus, lang: Lang) -> str:
    """How far a goal has come, in a few characters: "3 / 6", "done 2025-07-04"."""
    goal = g.goal
    if isinstance(goal, MilestoneGoal):
        if g.done_on is not None:
            return t("cell.done_late", lang, date=day(g.done_on)) if g.late else day(g.done_on)
        return t("cell.by", lang, date=day(goal.deadline) + ("" if goal.deadline_stated else "*"))
    if isinstance(goal, OngoingGoal):
        if g.checkin is None:
            return ""
        return t("brief.checked", lang, date=day(g.checkin.date))
    if isinstance(goal, MetricGoal) and goal.target == "not-set":
        return "" if g.actual is None else num(g.actual, lang)
    actual = "–" if g.actual is None else num(g.actual, lang)
    return f"{actual} / {num(g.target, lang)}"


def gap_text(g: GoalStatus, lang: Lang, names: dict[str, str]) -> str:
    """What is missing, in a few words: "VT: 1 of 2", "missing: Bromma", "3 of 6, pace 5"."""
    goal = g.goal
    short_terms = [p for p in g.terms if p.held < p.quota and p.state is not State.NOT_STARTED]
    if short_terms:
        p = short_terms[0]
        return t("brief.term", lang, term=p.term, held=p.held, quota=p.quota)
    if g.missing and isinstance(goal, CountGoal):
        items = [
            names.get(m) or (t(f"level.{m}", lang) if has(f"level.{m}", lang) else m)
            for m in g.missing
        ]
        return t("cell.missing", lang, items=", ".join(items))
    if isinstance(goal, MilestoneGoal):
        if g.checkin is not None and g.state is not State.OVERDUE:
            rating = t(f"rating.{g.checkin.rating}", lang)
            return t("cell.checkin", lang, date=day(g.checkin.date), rating=rating)
        return _figure(g, lang)  # the deadline: the state says whether it has passed
    if isinstance(goal, OngoingGoal):
        if g.checkin is None:
            return t("brief.no-checkin", lang)
        rating = t(f"rating.{g.checkin.rating}", lang)
        return t("cell.checkin", lang, date=day(g.checkin.date), rating=rating)
    if g.actual is not None and g.target is not None and g.expected is not None:
        return t(
            "brief.pace",
            lang,
            actual=num(g.actual, lang),
            target=num(g.target, lang),
            expected=num(g.expected, lang),
        )
    return _figure(g, lang)


def _activities(report: StatusReport, lang: Lang, width: int) -> list[Line]:
    """A branch's latest activities, one line each (the five latest)."""
    lines: list[Line] = [(Seg(tn("brief.activities", len(report.activities), lang), style="bold"),)]
    for a in report.activities[:5]:
        lines.append(
            (
                Seg(INDENT),
                Seg(day(a.date), style="dim"),
                Seg(GAP),
                Seg(_cut(a.title, width - len(INDENT) - 10 - len(GAP))),
            )
        )
    return lines


def _branches_line(report: StatusReport, lang: Lang, width: int) -> Line:
    """The branches' membership counted by state, weakest first, in one line."""
    m = report.membership
    counts = Counter(x.state for x in m.lines if x.state is not None)
    parts = [tn(f"states.{s.value}", counts[s], lang) for s in WEAKEST_FIRST if counts[s]]
    text = t("brief.branches", lang, counts=", ".join(parts) or "–")
    return (Seg(_cut(text, width)),)


def _members_line(report: StatusReport, lang: Lang, width: int) -> Line:
    """The membership in one line: the total (a branch's own row in its view) against the
    target and the pace, and its state."""
    m = report.membership
    line: MemberLine = (
        m.lines[0] if report.branch is not None and m.lines else m.total_without_siblings
    )
    if line.count is None:
        text = t("brief.members-none", lang, target=number(line.target, lang))
    elif line.expected is None:
        text = t(
            "brief.members", lang, count=number(line.count, lang), target=number(line.target, lang)
        )
    else:
        text = t(
            "brief.members-pace",
            lang,
            count=number(line.count, lang),
            target=number(line.target, lang),
            expected=num(line.expected, lang),
        )
    head = t("brief.members-head", lang) if report.branch is None else line.name
    state = line.state
    word = state_word(state, lang) if state is not None else ""
    room = width - len(head) - 2 - (len(word) + 2 if word else 0)
    segs = [Seg(head + ": ", style="bold"), Seg(_cut(text, room))]
    if state is not None:
        segs += [Seg(": "), Seg(word, state)]
    return tuple(segs)


def _cut(text: str, width: int) -> str:
    return short(text, max(1, width))
