"""Write a report document as Markdown or as one self-contained, printable HTML file, or the
report as JSON. Plan text is escaped for each format: it can never become markup."""

from __future__ import annotations

import html
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


CSS = """
@page { size: A4; margin: 16mm 14mm; }
body { font-family: Helvetica, Arial, sans-serif; font-size: 10.5pt; color: #000;
       max-width: 180mm; margin: 0 auto; line-height: 1.35; }
h1 { font-size: 18pt; margin: 0 0 2pt; }
h2 { font-size: 13pt; margin: 14pt 0 4pt; border-bottom: 1px solid #999; }
h3 { font-size: 11pt; margin: 10pt 0 3pt; }
.subtitle { color: #333; margin: 0 0 10pt; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; }
th, td { border-bottom: 1px solid #ccc; padding: 2pt 5pt; text-align: left;
         vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
ul { padding-left: 16pt; margin: 2pt 0 6pt; }
li { margin: 2pt 0; }
code { font-family: Menlo, Consolas, monospace; font-size: 9.5pt; }
figure { margin: 8pt 0; break-inside: avoid; }
svg { max-width: 100%; height: auto; }
h2, h3 { break-after: avoid; }
tr, li { break-inside: avoid; }
"""


def _html_inline(parts: list[Inline]) -> str:
    out = []
    for text, style in parts:
        safe = html.escape(text)
        if style == "code":
            out.append(f"<code>{safe}</code>")
        elif style == "strong":
            out.append(f"<strong>{safe}</strong>")
        elif style == "em":
            out.append(f"<em>{safe}</em>")
        else:
            out.append(safe)
    return "".join(out)


def _cell(tag: str, i: int, text: str, numeric: set[int]) -> str:
    cls = ' class="num"' if i in numeric else ""
    return f"<{tag}{cls}>{html.escape(text)}</{tag}>"


def to_html(doc: Doc, lang: str) -> str:
    """One self-contained HTML file: inline CSS and SVG, no scripts, nothing fetched."""
    body = [
        f"<h1>{html.escape(doc.title)}</h1>",
        f'<p class="subtitle">{html.escape(doc.subtitle)}</p>',
    ]
    for block in doc.blocks:
        if isinstance(block, Heading):
            body.append(f"<h{block.level}>{html.escape(block.text)}</h{block.level}>")
        elif isinstance(block, Para):
            body.append(f"<p>{_html_inline(block.parts)}</p>")
        elif isinstance(block, Bullets):
            items = "".join(f"<li>{_html_inline(item)}</li>" for item in block.items)
            body.append(f"<ul>{items}</ul>")
        elif isinstance(block, TableBlock):
            table = block.table
            head = "".join(_cell("th", i, h, table.numeric) for i, h in enumerate(table.headers))
            rows = "".join(
                "<tr>"
                + "".join(_cell("td", i, c, table.numeric) for i, c in enumerate(row))
                + "</tr>"
                for row in table.rows
            )
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        elif isinstance(block, Chart):
            body.append(f'<figure class="chart">{block.svg}</figure>')
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">"
        f"<title>{html.escape(doc.title)}</title><style>{CSS}</style></head>"
        f"<body>{''.join(body)}</body></html>\n"
    )


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
        return to_html(report_doc(r, lang, charts=True), lang)
    if fmt == "text":
        from stc_plan.render.report_term import to_terminal

        doc = report_doc(r, lang, charts=False)
        return to_terminal(doc, lang, width=width, colour=colour, encoding=encoding)
    return to_markdown(report_doc(r, lang, charts=False))
