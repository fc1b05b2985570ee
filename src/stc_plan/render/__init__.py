"""Renderers, chosen by name: each report is laid out once and written in any format.

Imported on use, so a command loads only what it prints with.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # imported for types only: `stc check` needs none of the evaluation
    from stc_plan.evaluate.due import DueReport
    from stc_plan.evaluate.members import MembersReport
    from stc_plan.evaluate.status import StatusReport
    from stc_plan.i18n import Lang
    from stc_plan.render.tables import Layout

TITLE_LIMIT = 70  # goal titles are cut to this in terminal and plain tables, never in Markdown


def _fitted(layout: Layout, encoding: str | None) -> Layout:
    """The layout in characters ``encoding`` holds, before widths are measured, so a table
    in ASCII stand-ins (``...`` for an ellipsis) still lines up."""
    from stc_plan.render.standins import fit, is_unicode
    from stc_plan.render.tables import Layout, Table

    if encoding is None or is_unicode(encoding):
        return layout

    def f(text: str) -> str:
        return fit(text, encoding)

    tables = [
        Table(
            f(x.title),
            [f(h) for h in x.headers],
            [[f(c) for c in row] for row in x.rows],
            x.states,
            x.numeric,
            x.state_col,
        )
        for x in layout.tables
    ]
    return Layout(
        f(layout.heading),
        f(layout.subtitle),
        [f(n) for n in layout.date_notes],
        tables,
        [f(n) for n in layout.notes],
    )


def _write_layout(fmt: str, layout: object, out: TextIO, width: int) -> None:
    from stc_plan.render.tables import Layout

    assert isinstance(layout, Layout)
    layout = _fitted(layout, getattr(out, "encoding", None))
    if fmt == "table":
        from stc_plan.render.rich_out import write_rich

        write_rich(layout, out, width)
    elif fmt == "markdown":
        from stc_plan.render.text import write_markdown

        write_markdown(layout, out, width)
    else:
        from stc_plan.render.text import write_plain

        write_plain(layout, out, width)


def render_status(
    report: StatusReport,
    fmt: str,
    lang: Lang,
    out: TextIO,
    width: int,
    *,
    full: bool = True,
    height: int | None = None,
) -> None:
    """Write ``report`` to ``out`` as ``fmt`` (one of formats.STATUS.names); in a terminal
    or plain text, unless ``full``, the first screen only (``render/brief.py``)."""
    if fmt == "json":
        from stc_plan.render.json_out import status_dict, write_json

        write_json(status_dict(report), out)
    elif fmt == "csv":
        from stc_plan.render.json_out import write_status_csv

        write_status_csv(report, out)
    elif not full and fmt in ("table", "plain"):
        from stc_plan.render.brief import brief_lines, write_brief

        lines = brief_lines(report, lang, width, height)
        write_brief(lines, out, width, rich=fmt == "table")
    else:
        from stc_plan.render.tables import status_layout

        limit = None if fmt == "markdown" else TITLE_LIMIT
        _write_layout(fmt, status_layout(report, lang, title_limit=limit), out, width)


def render_story(story: object, fmt: str, lang: Lang, out: TextIO, width: int) -> None:
    """One goal's story (a ``GoalStory`` or an ``OverarchingStory``) as ``fmt``: table
    (colour), plain or json."""
    from stc_plan.evaluate.story import GoalStory, OverarchingStory
    from stc_plan.render.brief import write_brief
    from stc_plan.render.json_out import write_json
    from stc_plan.render.story import overarching_dict, overarching_lines, story_dict, story_lines

    if isinstance(story, OverarchingStory):
        if fmt == "json":
            write_json(overarching_dict(story), out)
        else:
            write_brief(overarching_lines(story, lang, width), out, width, rich=fmt == "table")
        return
    assert isinstance(story, GoalStory)
    if fmt == "json":
        write_json(story_dict(story), out)
    else:
        write_brief(story_lines(story, lang, width), out, width, rich=fmt == "table")


def render_due(report: DueReport, fmt: str, lang: Lang, out: TextIO, width: int) -> None:
    """What falls due as ``fmt`` (one of formats.DUE.names)."""
    if fmt == "json":
        from stc_plan.render.due_out import due_dict
        from stc_plan.render.json_out import write_json

        write_json(due_dict(report), out)
        return
    from stc_plan.render.brief import write_brief
    from stc_plan.render.due_out import due_lines

    write_brief(due_lines(report, lang, width), out, width, rich=fmt == "table")


def render_statuses(
    reports: list[StatusReport],
    fmt: str,
    lang: Lang,
    out: TextIO,
    width: int,
    *,
    full: bool = True,
    height: int | None = None,
) -> None:
    """Several plans' statuses: one after another; JSON as a list; CSV as one table."""
    if len(reports) == 1:
        render_status(reports[0], fmt, lang, out, width, full=full, height=height)
        return
    if fmt == "json":
        from stc_plan.render.json_out import status_dict, write_json_list

        write_json_list([status_dict(r) for r in reports], out)
    elif fmt == "csv":
        from stc_plan.render.json_out import write_status_csv

        for i, report in enumerate(reports):
            write_status_csv(report, out, header=i == 0)
    else:
        for i, report in enumerate(reports):
            if i:
                out.write("\n")
            render_status(report, fmt, lang, out, width, full=full)


def render_members(report: StatusReport, fmt: str, lang: Lang, out: TextIO, width: int) -> None:
    """Write the membership part of ``report`` as ``fmt`` (one of formats.STATUS.names)."""
    m: MembersReport = report.membership
    if fmt == "json":
        from stc_plan.render.json_out import members_dict, write_json

        write_json(
            {
                "shape": 1,
                "plan": {"title": report.title, "year": report.year},
                "requested": report.requested.isoformat(),
                "clamped": report.clamped,
                **members_dict(m),
            },
            out,
        )
    elif fmt == "csv":
        from stc_plan.render.json_out import write_members_csv

        write_members_csv(m, out)
    else:
        from stc_plan.render.tables import members_layout

        layout = members_layout(
            m,
            lang,
            requested=report.requested,
            clamped=report.clamped,
            organisation=report.organisation,
            title=report.title,
        )
        _write_layout(fmt, layout, out, width)


def render_comparison(
    a: StatusReport, b: StatusReport, fmt: str, lang: Lang, out: TextIO, width: int
) -> None:
    """Two years' membership side by side (``stc members --compare``)."""
    from stc_plan.render.tables import comparison_layout

    layout = comparison_layout(a, b, lang)
    if fmt == "json":
        from stc_plan.render.json_out import members_dict, write_json_list

        write_json_list(
            [{"shape": 1, "year": r.year, **members_dict(r.membership)} for r in (a, b)], out
        )
    elif fmt == "csv":
        from stc_plan.render.json_out import write_comparison_csv

        write_comparison_csv(a, b, out)
    else:
        _write_layout(fmt, layout, out, width)
