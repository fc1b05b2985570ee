"""``stc status``'s first screen: what needs the board now, then one line per goal.

Laid out as lines of segments, each line at most ``width`` characters: a title is cut at a
word boundary with "…" so that nothing wraps. The same lines are written plain (a pipe) or
in colour (a terminal), a state's colour coming from the state a segment holds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TextIO

from stc_plan.evaluate.goals import GoalStatus
from stc_plan.evaluate.members import MemberLine
from stc_plan.evaluate.states import ATTENTION, WEAKEST_FIRST, State
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
    goal: str | None = None  # the id of the goal whose title this is


Line = tuple[Seg, ...]


FOLD_STALE = 3  # more stale goals than this are one line in "needs attention"


def brief_lines(
    report: StatusReport,
    lang: Lang,
    width: int,
    height: int | None = None,
    *,
    fold: bool = True,
    after_urgent: Sequence[Line] = (),
) -> list[Line]:
    """The first screen of ``stc status``: a headline (date, goals by state, members against
    the pace), what needs attention (worst first), each other goal on one line under its
    section, and the branches' membership in one line.

    A goal that needs attention is listed there, not again under its section; more than a
    few stale goals are one line there (unless not ``fold``: a web page lists each; nor when
    the report keeps only some states: ``--only stale`` asks to see them). There
    are no blank lines (headings are bold): the shipped plan fits 40 lines at 80 columns.
    Given the terminal's ``height``, the view is made to fit it: each section in one line
    first, then the rest of the attention list counted in a line, so the headline and what
    needs attention are on the screen. ``after_urgent``: lines that follow what needs
    attention (the website's overarching goals).
    """
    names = report.unit_names
    shown = report.goal_statuses()
    if report.branch is not None:  # a branch's view: the goals counted for it
        shown = [g for g in shown if isinstance(g.goal, CountGoal)]
    # Goals are told apart by identity: comparing them as values (pydantic's __eq__) in
    # these lists made a plan of thousands of goals take minutes.
    seen = {id(g) for g in shown}
    attention = [g for g in report.needs_attention() if id(g) in seen]
    stale = [g for g in attention if g.state is State.STALE]
    # Asked for by state (--only stale), the stale goals are what was asked for: each listed.
    fold = fold and report.only_states is None
    folded = stale if fold and len(stale) > FOLD_STALE else []
    folded_ids = {id(g) for g in folded}
    listed = [g for g in attention if id(g) not in folded_ids]

    def state_width(goals: list[GoalStatus]) -> int:  # each block aligned on its own words
        return max((len(state_word(g.state, lang)) for g in goals), default=0)

    head = _headline(report, shown, lang, width)
    urgent: list[Line] = []
    if attention:
        urgent.append((Seg(tn("brief.attention", len(attention), lang), style="bold"),))
        wide = state_width(listed + folded[:1])
        urgent += [goal_line(g, gap_text(g, lang, names), wide, width, lang) for g in listed]
        if folded:
            word = state_word(State.STALE, lang)
            said = tn("brief.stale-fold", len(folded), lang)
            urgent.append(
                (
                    Seg(INDENT),
                    Seg(word, State.STALE),
                    Seg(" " * (wide - len(word)) + GAP),
                    Seg(_cut(said, width - len(INDENT) - wide - len(GAP))),
                )
            )
    elif report.only_states is None or report.only_states & set(ATTENTION):
        urgent.append((Seg(t("brief.nothing-urgent", lang), style="bold"),))
    urgent_ids = {id(g) for g in attention}
    rest = [g for g in shown if id(g) not in urgent_ids]
    groups = _groups(report, rest)
    sections: list[Line] = []
    rest_width = state_width(rest)
    for key, title, goals in groups:
        sections.append((Seg(_cut(f"{key} {title}".strip(), width), style="bold"),))
        sections += [goal_line(g, _figure(g, lang), rest_width, width, lang) for g in goals]
    tail: list[Line] = []
    if report.activities:
        tail += _activities(report, lang, width)
    if report.branch is None:
        tail.append(_branches_line(report, lang, width))
    if any(
        isinstance(g.goal, MilestoneGoal) and not g.goal.deadline_stated and g.done_on is None
        for g in shown
    ):
        tail.append((Seg(_cut(t("brief.star", lang), width), style="dim"),))
    urgent += after_urgent
    out = [*head, *urgent, *sections, *tail]
    if height is None or len(out) <= height:
        return out
    # Too tall for the terminal: each section in a line, its goals counted by state.
    sections = [_section_line(key, title, goals, lang, width) for key, title, goals in groups]
    if sections:
        sections.append((Seg(_cut(t("brief.more", lang), width), style="dim"),))
    out = [*head, *urgent, *sections, *tail]
    if len(out) <= height or len(urgent) < 3:
        return out
    keep = max(1, len(urgent) - (len(out) - height) - 1)
    cut = len(urgent) - keep
    more = tn("brief.more-urgent", cut, lang)
    urgent = [*urgent[:keep], (Seg(INDENT + _cut(more, width - len(INDENT)), style="dim"),)]
    return [*head, *urgent, *sections, *tail]


def _groups(
    report: StatusReport, goals: list[GoalStatus]
) -> list[tuple[str, str, list[GoalStatus]]]:
    """The goals by section: top-level sections, or the sections themselves when the report
    was narrowed to one (``--section 3.2`` is headed "3.2 Utbildningar")."""

    def key(g: GoalStatus) -> str:
        return g.goal.section if report.section is not None else _top(g.goal.section)

    grouped: dict[str, list[GoalStatus]] = {}
    for g in goals:
        grouped.setdefault(key(g), []).append(g)
    return [(k, report.section_titles.get(k, ""), found) for k, found in grouped.items()]


def _section_line(key: str, title: str, goals: list[GoalStatus], lang: Lang, width: int) -> Line:
    """A section in one line: its number and title, then its goals counted by state."""
    counts = Counter(g.state for g in goals)
    said = ", ".join(tn(f"states.{s.value}", counts[s], lang) for s in WEAKEST_FIRST if counts[s])
    head = f"{key} {title}".strip()
    room = width - len(said) - 2
    if room < 12:
        return (Seg(_cut(f"{key}: {said}", width)),)
    return (Seg(_cut(head, room) + ": ", style="bold"), Seg(said))


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
    from rich.text import Text

    from stc_plan.render.rich_out import STYLE, console_for

    console = console_for(out, width, colour=colour)
    for line in lines:
        text = Text()
        for s in line:
            text.append(s.text, style=STYLE[s.state] if s.state is not None else s.style)
        console.print(text)


def _fit(line: Line, encoding: str, width: int) -> Line:
    """A line in characters ``encoding`` holds ("…" as "..."), still ``width`` wide: the
    longer stand-ins take their room from the padding between columns."""
    from stc_plan.render.standins import fit

    segs = [Seg(fit(s.text, encoding), s.state, s.style, s.goal) for s in line]
    over = sum(len(s.text) for s in segs) - width
    for i in reversed(range(len(segs))):  # the padding before the detail first
        s = segs[i]
        if over <= 0:
            break
        if s.text.strip() == "" and len(s.text) > 2:
            take = min(over, len(s.text) - 2)
            segs[i] = Seg(s.text[: len(s.text) - take], s.state, s.style, s.goal)
            over -= take
    if over > 0 and segs:
        last = segs[-1]
        segs[-1] = Seg(
            last.text[: max(0, len(last.text) - over)], last.state, last.style, last.goal
        )
    return tuple(segs)


def _headline(report: StatusReport, shown: list[GoalStatus], lang: Lang, width: int) -> list[Line]:
    where = report.title if report.branch is None else f"{report.title} · {report.branch_name}"
    first = t("heading.status", lang, title=where, date=day(report.as_of))
    if report.clamped is not None:  # a date outside the plan year: say which was asked
        first += " " + t(f"brief.clamped-{report.clamped}", lang, date=day(report.requested))
    counts = Counter(g.state for g in shown)
    parts = [tn(f"states.{s.value}", counts[s], lang) for s in WEAKEST_FIRST if counts[s]]
    said = tn("summary", len(shown), lang, counts="") if parts else t("brief.no-goals", lang)
    lines = [
        (Seg(_cut(first, width), style="bold"),),
        *_items(said.rstrip(), parts, width),
        _members_line(report, lang, width),
    ]
    if report.no_facts_file is not None:
        note = t("brief.no-facts", lang, file=report.no_facts_file)
        lines.insert(1, (Seg(_cut(note, width), style="bold"),))
    return lines


def _items(lead: str, items: list[str], width: int) -> list[Line]:
    """``lead`` and the items, separated by commas, over as many lines as they need: a line
    breaks only between two items, never inside one ("16 | no data")."""
    lines: list[str] = []
    current = lead
    for i, item in enumerate(items):
        piece = item + ("," if i < len(items) - 1 else "")
        if current.strip() and len(current) + 1 + len(piece) > width:
            lines.append(current)
            current = INDENT + piece
        else:
            current = f"{current} {piece}" if current else piece
    lines.append(current)
    return [(Seg(_cut(line, width)),) for line in lines if line.strip()]


def _top(section: str) -> str:
    return section.split(".", 1)[0]


def goal_line(g: GoalStatus, detail: str, state_width: int, width: int, lang: Lang) -> Line:
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
    segs.append(Seg(title, goal=g.goal.id))
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
    shown = f"{actual} / {num(g.target, lang)}"
    if g.here is not None:  # a branch's part of a district-wide count
        shown += " · " + t("brief.here", lang, n=num(g.here, lang))
    return shown


def gap_text(g: GoalStatus, lang: Lang, names: dict[str, str]) -> str:
    """Why a goal is in its state, in a few words: "8 of 10, 9 by now · missing: national",
    "VT: 1 of 2, HT: 0 of 2", "last check-in 2025-02-20"."""
    goal = g.goal
    missing = ""
    if g.missing and isinstance(goal, CountGoal) and not g.terms:
        items = [
            names.get(m) or (t(f"level.{m}", lang) if has(f"level.{m}", lang) else m)
            for m in g.missing
        ]
        missing = t("cell.missing", lang, items=", ".join(items))
    short_terms = [p for p in g.terms if p.held < p.quota and p.state is not State.NOT_STARTED]
    if short_terms:
        return ", ".join(
            t("brief.term", lang, term=p.term, held=p.held, quota=p.quota) for p in short_terms
        )
    if isinstance(goal, MilestoneGoal):
        if g.checkin is not None and g.state is not State.OVERDUE:
            rating = t(f"rating.{g.checkin.rating}", lang)
            return t("cell.checkin", lang, date=day(g.checkin.date), rating=rating)
        return _figure(g, lang)  # the deadline: the state says whether it has passed
    if isinstance(goal, OngoingGoal):
        if g.checkin is None:
            return t("brief.no-checkin", lang)
        if g.state is State.STALE:
            return t("brief.last-checkin", lang, date=day(g.checkin.date))
        rating = t(f"rating.{g.checkin.rating}", lang)
        return t("cell.checkin", lang, date=day(g.checkin.date), rating=rating)
    pace = ""
    if g.actual is not None and g.target is not None:
        if isinstance(goal, CountGoal) and goal.per == "branch" and g.target == 1:
            if g.actual < 1:
                return t("brief.not-here-yet", lang)  # a branch's view: it is what lacks
        elif isinstance(goal, CountGoal) and goal.per == "branch":
            pace = t(
                "brief.branches-of", lang, actual=num(g.actual, lang), target=num(g.target, lang)
            )
        elif g.expected is not None and g.state is not State.OVERDUE and g.actual < g.expected:
            pace = t(
                "brief.pace",
                lang,
                actual=num(g.actual, lang),
                target=num(g.target, lang),
                expected=num(g.expected, lang),
            )
        elif g.actual < g.target:
            pace = _figure(g, lang)
    if g.here is not None and pace:
        pace += " · " + t("brief.here", lang, n=num(g.here, lang))
    if pace and missing:
        return f"{pace} · {missing}"
    return pace or missing or _figure(g, lang)


def _activities(report: StatusReport, lang: Lang, width: int) -> list[Line]:
    """A branch's latest activities, one line each (the five latest)."""
    n = len(report.activities)
    said = tn("brief.activities", n, lang, shown=min(5, n))
    lines: list[Line] = [(Seg(said, style="bold"),)]
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


def members_text(line: MemberLine, as_of: date, lang: Lang, room: int) -> str:
    """A count against its target, when it was counted and the pace by ``as_of``; where
    ``room`` is short, the pace gives way first, then the count's date; the numbers stay."""
    if line.count is None:
        options = [t("brief.members-none", lang, target=number(line.target, lang))]
    else:
        count, target = number(line.count, lang), number(line.target, lang)
        counted = day(line.counted_on) if line.counted_on else ""
        options = []
        year_over = as_of.month == 12 and as_of.day == 31
        if line.expected is not None and not year_over and counted:
            said = t(
                "brief.members-pace",
                lang,
                count=count,
                target=target,
                date=counted,
                expected=num(line.expected, lang),
            )
            options.append(said)
        if counted:  # a row held at its baseline (siblings) has no count of its own
            options.append(t("brief.members-dated", lang, count=count, target=target, date=counted))
        options.append(t("brief.members", lang, count=count, target=target))
    return next((o for o in options if len(o) <= room), _cut(options[-1], room))


def _members_line(report: StatusReport, lang: Lang, width: int) -> Line:
    """The membership in one line: the total (a branch's own row in its view) against the
    target, when it was counted, the pace by the date, and its state. Where the line is too
    narrow, the pace gives way first, then the count's date; the numbers stay."""
    m = report.membership
    line: MemberLine = (
        m.lines[0] if report.branch is not None and m.lines else m.total_without_siblings
    )
    head = t("brief.members-head", lang) if report.branch is None else line.name
    head = _cut(head, max(4, width // 3))  # a long branch name gives way to the numbers
    state = line.state
    word = state_word(state, lang) if state is not None else ""
    room = width - len(head) - 2 - (len(word) + 2 if word else 0)
    text = members_text(line, report.as_of, lang, room)
    segs = [Seg(head + ": ", style="bold"), Seg(text)]
    if state is not None:
        segs += [Seg(": "), Seg(word, state)]
    return tuple(segs)


def _cut(text: str, width: int) -> str:
    return short(text, max(1, width))
