"""``stc digest`` as text, Markdown, JSON or a Slack Block Kit message.

Slack shows its own markup (``*bold*``, ``<url|links>``, ``<!channel>``): every text from the
plan or the facts is escaped as Slack asks (``&``, ``<``, ``>``), so no title can mention
anyone or link anywhere. Slack's limits hold: at most 50 blocks and 3,000 characters in a
text; a longer list is summed up ("… and 12 more") between two items, never inside one.
"""

from __future__ import annotations

from typing import Any

from stc_plan.evaluate.digest import Digest
from stc_plan.evaluate.states import State
from stc_plan.i18n import Lang, day, t, tn
from stc_plan.render.brief import FOLD_STALE, gap_text, members_text
from stc_plan.render.due_out import _what
from stc_plan.render.words import short, state_word

LIST_LIMIT = 8  # items of a list before the rest is counted
TEXT_LIMIT = 3000  # Slack's limit for a section's text
TITLE_LIMIT = 70


def slack_escape(text: str) -> str:
    """Text Slack shows as written: its three control characters escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _parts(d: Digest, lang: Lang) -> list[tuple[str, list[str]]]:
    """The digest as (heading, items): the words of each part, plan text not yet escaped."""
    r = d.recorded
    counts = [
        tn(f"digest.n-{kind}", n, lang)
        for kind, n in (
            ("activities", r.activities),
            ("done", r.done),
            ("checkins", r.checkins),
            ("readings", r.readings),
            ("members", r.members),
        )
        if n
    ]
    parts: list[tuple[str, list[str]]] = []
    recorded = (
        t("digest.recorded", lang, counts=", ".join(counts))
        if counts
        else t("digest.nothing-recorded", lang)
    )
    parts.append((recorded, [short(x, TITLE_LIMIT) for x in d.activity_titles]))
    if d.movements:
        parts.append(
            (
                tn("digest.moves", len(d.movements), lang),
                [
                    f"{short(m.goal.title, TITLE_LIMIT)}: {state_word(m.before, lang)} → "
                    f"{state_word(m.after, lang)}"
                    for m in d.movements
                ],
            )
        )
    stale = [g for g in d.attention if g.state is State.STALE]
    folded = stale if len(stale) > FOLD_STALE else []
    attention = [
        f"{state_word(g.state, lang)}: {short(g.goal.title, TITLE_LIMIT)}"
        f" ({gap_text(g, lang, d.unit_names)})"
        for g in d.attention
        if not any(g is f for f in folded)
    ]
    if folded:
        attention.append(
            f"{state_word(State.STALE, lang)}: {tn('brief.stale-fold', len(folded), lang)}"
        )
    heading = (
        tn("brief.attention", len(d.attention), lang)
        if attention
        else t("brief.nothing-urgent", lang)
    )
    parts.append((heading, attention))
    coming = [
        f"{day(i.date)} {_what(i, lang)}"
        + (f": {short(i.status.goal.title, TITLE_LIMIT)}" if i.status is not None else "")
        for i in d.coming
    ]
    parts.append(
        (tn("digest.coming", len(coming), lang) if coming else t("digest.no-coming", lang), coming)
    )
    members = members_text(d.members, d.end, lang, 200)
    if d.members.state is not None:
        members += ": " + state_word(d.members.state, lang)
    parts.append((t("brief.members-head", lang) + ": " + members, []))
    return parts


def _listed(items: list[str], lang: Lang) -> list[str]:
    """At most LIST_LIMIT items, the rest counted."""
    if len(items) <= LIST_LIMIT:
        return items
    rest = len(items) - (LIST_LIMIT - 1)
    return [*items[: LIST_LIMIT - 1], tn("digest.more", rest, lang)]


def heading(d: Digest, lang: Lang) -> str:
    return t("digest.heading", lang, title=d.title, start=day(d.start), end=day(d.end))


def to_text(d: Digest, lang: Lang, *, markdown: bool = False, width: int | None = None) -> str:
    """Plain text (or Markdown, plan text escaped): a heading, then each part's line and its
    items as a list. Plain text is wrapped at spaces to ``width`` where given (a terminal)."""
    import textwrap

    from stc_plan.render.escape import md_escape

    def said(text: str) -> str:
        return md_escape(text) if markdown else text

    def item(text: str) -> list[str]:
        if markdown or width is None:
            return [f"- {said(text)}"]
        return textwrap.wrap(
            text, width, initial_indent="- ", subsequent_indent="  ", break_on_hyphens=False
        )

    lines = [("# " if markdown else "") + said(heading(d, lang)), ""]
    for head, items in _parts(d, lang):
        lines.append(f"**{said(head)}**" if markdown else head)
        lines += [line for x in _listed(items, lang) for line in item(x)]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def to_slack(d: Digest, lang: Lang) -> dict[str, Any]:
    """A Block Kit message: a header, then a section per part (bold line, then its items),
    each within Slack's limits."""
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": heading(d, lang)[:150]}}
    ]
    for head, items in _parts(d, lang):
        text = f"*{slack_escape(head)}*"
        for item in _listed(items, lang):
            line = "\n• " + slack_escape(item)
            if len(text) + len(line) > TEXT_LIMIT - 50:
                text += "\n• " + slack_escape(tn("digest.more", len(items), lang))
                break
            text += line
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": text}})
    return {"text": heading(d, lang), "blocks": blocks[:50]}


def to_dict(d: Digest) -> dict[str, Any]:
    """The digest for programs: ids, states and dates."""
    r = d.recorded
    return {
        "shape": 1,
        "plan": d.title,
        "from": d.start.isoformat(),
        "to": d.end.isoformat(),
        "recorded": {
            "activities": r.activities,
            "done": r.done,
            "checkins": r.checkins,
            "readings": r.readings,
            "members": r.members,
        },
        "movements": [
            {"id": m.goal.id, "before": m.before.value, "after": m.after.value} for m in d.movements
        ],
        "needs_attention": [{"id": g.goal.id, "state": g.state.value} for g in d.attention],
        "coming": [
            {
                "date": i.date.isoformat(),
                "kind": i.kind,
                "goal": None if i.status is None else i.status.goal.id,
            }
            for i in d.coming
        ],
        "members": {
            "count": d.members.count,
            "target": d.members.target,
            "state": None if d.members.state is None else d.members.state.value,
        },
    }
