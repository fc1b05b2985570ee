"""One goal's story (``stc status GOAL``) as lines: its words, state, target and pace, what it
serves, then its timeline; plain or in colour like the first screen, or as JSON."""

from __future__ import annotations

import textwrap
from typing import Any

from stc_plan.evaluate.story import Event, GoalStory, OverarchingStory
from stc_plan.i18n import Lang, day, t, tn
from stc_plan.model.plan import OngoingGoal
from stc_plan.render.brief import GAP, INDENT, Line, Seg, gap_text
from stc_plan.render.cells import num
from stc_plan.render.tables import reading_text, terms_text
from stc_plan.render.words import kind_word, short, state_word, target_text


def story_lines(story: GoalStory, lang: Lang, width: int) -> list[Line]:
    """The story, each line at most ``width`` wide: long text wraps at word boundaries
    under its own indent."""
    s = story.status
    g = s.goal
    out: list[Line] = [
        (Seg(t("heading.status", lang, title=story.title, date=day(story.as_of)), style="bold"),),
        (),
    ]
    out += _para(g.title, width, "", style="bold")
    section = t("heading.section", lang, id=story.section[0], title=story.section[1])
    out += _para(f"{g.id} · {kind_word(g, lang)} · {section}", width, "", style="dim")
    if story.clamped is not None:
        out += _para(
            t(f"brief.clamped-{story.clamped}", lang, date=day(story.requested)), width, ""
        )
    out.append(())
    word = state_word(s.state, lang)
    detail = gap_text(s, lang, story.unit_names)
    label = t("story.state", lang) + " "
    room = width - len(label) - len(word) - 3
    shown = f" · {short(detail, room)}" if detail and room > 8 else ""
    out.append((Seg(label), Seg(word, s.state), Seg(shown)))
    if not isinstance(g, OngoingGoal):  # an ongoing goal has no target, only check-ins
        out += _para(t("story.target", lang, target=target_text(g, lang)), width, INDENT)
    if s.terms:
        out += _para(terms_text(s, lang), width, INDENT)
    if s.reading_on is not None:
        out += _para(reading_text(s, lang), width, INDENT)
    if s.expected is not None and s.actual is not None:
        out += _para(
            t("story.pace", lang, actual=num(s.actual, lang), expected=num(s.expected, lang)),
            width,
            INDENT,
        )
    serves = "; ".join(title.rstrip(". ") for _, title in story.serves)
    said = t("story.serves", lang, goals=serves)
    if len(INDENT + said) <= width and story.serves:
        # One line: each goal served is a segment of its own, so a page can link it.
        lead = said[: said.index(serves)]
        segs = [Seg(INDENT + lead)]
        for i, (ident, title) in enumerate(story.serves):
            segs.append(Seg(title.rstrip(". "), goal=ident))
            if i < len(story.serves) - 1:
                segs.append(Seg("; "))
        out.append(tuple(segs))
    else:
        out += _para(said, width, INDENT)
    if g.note:
        out += _para(g.note, width, INDENT, style="dim")
    out += [(), (Seg(t("story.timeline", lang), style="bold"),)]
    if not any(not e.planned for e in story.events):
        out.append((Seg(INDENT + t("story.nothing-recorded", lang), style="dim"),))
    if story.earlier:
        out += _para(tn("story.earlier", story.earlier, lang), width, INDENT, style="dim")
    for e in story.events:
        out += _event(e, story, lang, width)
    if _derived(story):
        out += _para(t("brief.star", lang), width, "", style="dim")
    return out


def _derived(story: GoalStory) -> bool:
    """Whether the goal's deadline is one the plan's words imply, not one it states."""
    from stc_plan.model.plan import MilestoneGoal

    g = story.status.goal
    return isinstance(g, MilestoneGoal) and not g.deadline_stated


def overarching_lines(story: OverarchingStory, lang: Lang, width: int) -> list[Line]:
    """An overarching goal: its words, its state and how it is judged, then each goal
    serving it in a line (as on the first screen), weakest first."""
    from stc_plan.evaluate.states import WEAKEST_FIRST
    from stc_plan.render.brief import goal_line

    o = story.goal
    out: list[Line] = [
        (Seg(t("heading.status", lang, title=story.title, date=day(story.as_of)), style="bold"),),
        (),
    ]
    out += _para(o.title, width, "", style="bold")
    out += _para(f"{o.id} · {t('story.overarching', lang)}", width, "", style="dim")
    out.append(())
    out.append((Seg(t("story.state", lang) + " "), Seg(state_word(o.state, lang), o.state)))
    if o.measure == "membership" and story.members is not None:
        from stc_plan.render.brief import members_text

        out += _para(t("cell.measured_by_members", lang), width, INDENT)
        out += _para(members_text(story.members, story.as_of, lang, width - 4), width, INDENT)
    out += [(), (Seg(t("story.serving", lang, n=len(story.serving)), style="bold"),)]
    ordered = sorted(story.serving, key=lambda g: WEAKEST_FIRST.index(g.state))
    wide = max((len(state_word(g.state, lang)) for g in ordered), default=0)
    out += [goal_line(g, "", wide, width, lang) for g in ordered]
    return out


_BREAKS = frozenset("\t\n\x0b\x0c\r")  # the white space textwrap reads as spaces


def _para(text: str, width: int, indent: str, style: str = "") -> list[Line]:
    return [(Seg(line, style=style),) for line in _wrap(text, width, indent, indent)]


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    """``text`` wrapped at spaces under its indents: textwrap's lines. A text that fits,
    starts and ends with no space and holds no other white space (which textwrap would
    turn into spaces) is its own line: the website tells a national party's timelines
    without textwrap's cost."""
    fits = text and len(first) + len(text) <= width
    if fits and text.strip(" ") == text and _BREAKS.isdisjoint(text):
        return [first + text]
    return textwrap.wrap(
        text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    )


def _event(e: Event, story: GoalStory, lang: Lang, width: int) -> list[Line]:
    """``  2025-03-01  check-in: on track. The note``; a date still to come says so."""
    if e.kind == "activity":
        names = ", ".join(
            t("story.all-branches", lang) if u == "all" else story.unit_names.get(u, u)
            for u in e.units
        )
        text = e.text or ""
        levels = ", ".join(t(f"level.{lv}", lang) for lv in e.levels)
        if names or levels:
            text += f" ({'; '.join(x for x in (names, levels) if x)})"
        if e.not_counted is not None:
            key = (
                "report.reason.not_all_branches"
                if e.not_counted == "not-all-branches"
                else "report.reason.outside_campaign"
            )
            missing = ", ".join(story.unit_names.get(b, b) for b in e.missing)
            reason = t(key, lang, names=missing)
            text = t("report.activity_not_counted", lang, activity=text, reason=reason)
    elif e.kind == "reading":
        text = t("story.reading", lang, value=num(e.value, lang))
    elif e.kind == "checkin":
        text = t("story.checkin", lang, rating=t(f"rating.{e.rating}", lang))
    elif e.kind == "checkpoint":
        text = t("story.checkpoint", lang, value=num(e.value, lang))
    elif e.kind == "term-end":
        text = t("story.term-end", lang, term=e.text)
    else:
        text = t(f"story.{e.kind}", lang)
        if e.kind == "deadline" and _derived(story):
            text += "*"
    if e.kind in ("done", "checkin", "reading") and e.text:
        text += f". {e.text}"
    if e.planned and e.date > story.as_of:
        text += " " + t("story.to-come", lang)
    lead = INDENT + day(e.date) + GAP
    lines = _wrap(text, width, lead, " " * len(lead))
    style = "dim" if e.planned else ""
    return [(Seg(line, style=style),) for line in lines]


def story_dict(story: GoalStory) -> dict[str, Any]:
    """The story for machines: the goal as in ``stc status -f json``, then its timeline."""
    from stc_plan.render.json_out import _dec, goal_dict

    return {
        "shape": 1,
        "plan": story.title,
        "as_of": story.as_of.isoformat(),
        "requested": story.requested.isoformat(),
        "goal": goal_dict(story.status),
        "events": [
            {
                "date": e.date.isoformat(),
                "kind": e.kind,
                "planned": e.planned,
                "text": e.text,
                "value": _dec(e.value),
                "rating": e.rating,
                "units": list(e.units),
            }
            for e in story.events
        ],
    }


def overarching_dict(story: OverarchingStory) -> dict[str, Any]:
    """An overarching goal for machines: its state and the goals serving it, as ids."""
    from stc_plan.render.json_out import goal_dict

    o = story.goal
    return {
        "shape": 1,
        "plan": story.title,
        "as_of": story.as_of.isoformat(),
        "requested": story.requested.isoformat(),
        "overarching": {"id": o.id, "title": o.title, "state": o.state.value, "measure": o.measure},
        "serving": [goal_dict(g) for g in story.serving],
    }
