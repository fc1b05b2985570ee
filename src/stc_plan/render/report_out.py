"""Write a report document as Markdown (HTML: ``report_html.py``), or the report as JSON.
Plan text is escaped for each format: it can never become markup."""

from __future__ import annotations

import json
from typing import Any

from tabulate import tabulate

from stc_plan.evaluate.reporting import PeriodReport
from stc_plan.i18n import Lang
from stc_plan.render.escape import md_escape, md_line
from stc_plan.render.json_out import channel_dict, goal_dict, member_dict
from stc_plan.render.report_doc import (
    Bullets,
    Chart,
    Doc,
    Heading,
    Inline,
    Para,
    TableBlock,
)


def _md_inline(parts: list[Inline]) -> str:
    out = []
    for text, style in parts:
        if style == "code":
            out.append("`" + text.replace("`", "'") + "`")
        elif style == "strong":
            out.append(f"**{md_escape(text)}**")
        elif style == "em":
            out.append(f"*{md_escape(text)}*")
        else:
            out.append(md_escape(text))
    return "".join(out)


def to_markdown(doc: Doc) -> str:
    """GitHub-flavoured Markdown that pastes into an e-mail, a wiki or a pull request."""
    lines = [f"# {md_escape(doc.title)}", "", md_line(md_escape(doc.subtitle)), ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            lines += ["#" * block.level + " " + md_escape(block.text), ""]
        elif isinstance(block, Para):
            lines += [md_line(_md_inline(block.parts)), ""]
        elif isinstance(block, Bullets):
            lines += ["- " + md_line(_md_inline(item)) for item in block.items] + [""]
        elif isinstance(block, TableBlock):
            table = block.table
            rows = [[md_escape(c).replace("\\\n", " ") for c in row] for row in table.rows]
            align = ["right" if i in table.numeric else "left" for i in range(len(table.headers))]
            lines += [
                tabulate(
                    rows,
                    headers=[md_escape(h) for h in table.headers],
                    tablefmt="github",
                    colalign=align,
                    disable_numparse=True,
                ),
                "",
            ]
        elif isinstance(block, Chart):
            lines += [f"*{md_escape(block.title)}* (diagram: se HTML / see HTML)", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def report_dict(r: PeriodReport) -> dict[str, Any]:
    """The report as plain data, the same content as the documents (docs/formats.md)."""

    def change(x: Any) -> dict[str, Any]:
        return {**member_dict(x.end), "start_count": x.start_count, "period_change": x.change}

    return {
        "shape": 1,
        "plan": {"title": r.plan.title, "organisation": r.plan.organisation, "year": r.plan.year},
        "period": {
            "kind": r.period.kind,
            "name": r.period.name,
            "start": r.period.start.isoformat(),
            "end": r.period.end.isoformat(),
        },
        "previous": r.previous.name if r.previous else None,
        "next": r.following.name if r.following else None,
        "facts_in_period": r.facts_in_period,
        "summary": {s.value: r.status.goal_states().count(s) for s in set(r.status.goal_states())},
        "movements": [
            {"id": m.goal.id, "title": m.goal.title, "from": m.before.value, "to": m.after.value}
            for m in r.movements
        ],
        "needs_attention": [
            {"id": g.status.goal.id if g else "membership", "state": state.value}
            for state, g in r.needs_attention()
        ],
        "membership": {
            "lines": [change(x) for x in r.members],
            "total": change(r.total),
            "total_without_siblings": change(r.total_without_siblings),
        },
        "sections": [
            {
                "id": s.id,
                "title": s.title,
                "goals": [
                    {
                        **goal_dict(g.status),
                        "in_period": {
                            "activities": [
                                a.model_dump(mode="json", exclude_none=True) for a in g.activities
                            ],
                            "done": [d.model_dump(mode="json", exclude_none=True) for d in g.done],
                            "checkins": [
                                c.model_dump(mode="json", exclude_none=True) for c in g.checkins
                            ],
                            "readings": [
                                x.model_dump(mode="json", exclude_none=True) for x in g.readings
                            ],
                        },
                        "not_counted": [
                            {
                                **x.activity.model_dump(mode="json", exclude_none=True),
                                "reason": x.reason,
                                "branches_missing": list(x.branches),
                            }
                            for x in g.not_counted
                        ],
                    }
                    for g in s.goals
                ],
            }
            for s in r.sections
        ],
        "channels": [channel_dict(c) for c in r.status.channels],
        "overdue": [g.goal.id for g in r.overdue],
        "due_next": [g.id for g in r.due_next],
    }


def render_report(
    r: PeriodReport,
    fmt: str,
    lang: Lang,
    *,
    width: int = 80,
    colour: bool = False,
    encoding: str | None = None,
) -> str:
    """The report as ``fmt`` (one of formats.REPORT): a document for a terminal ``width``
    columns wide (in colour when ``colour``, in characters ``encoding`` holds), the board's
    Markdown, a printable HTML page with charts, or JSON for programs."""
    from stc_plan.render.report_doc import report_doc

    if fmt == "json":
        return json.dumps(report_dict(r), ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        from stc_plan.render.report_html import to_html

        return to_html(report_doc(r, lang, charts=True), lang)
    if fmt == "text":
        from stc_plan.render.report_term import to_terminal

        doc = report_doc(r, lang, charts=False)
        return to_terminal(doc, lang, width=width, colour=colour, encoding=encoding)
    return to_markdown(report_doc(r, lang, charts=False))
