"""A report document as one self-contained, printable HTML page, from Jinja2 templates.

The page is the document's blocks in the document's order: each level-2 heading opens a
``<section>``, and a chart is kept on one printed page with the block it follows, so it
stands beside the text it illustrates and no page holds a chart alone. Wherever a state is
named it carries its mark (a shape in its colour, from ``svg.MARKS``) before its word. The
printed page is A4 with the report's title at the top and the plan, the period and the page
number at the foot (CSS ``@page`` margin boxes, which Chromium's print honours).

Plan text is data: the templates escape every value (autoescaping); the charts' SVG is
escaped where it is drawn, and the footer's words are escaped for CSS here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from stc_plan.evaluate.states import State
from stc_plan.i18n import Lang, t
from stc_plan.render import svg
from stc_plan.render.report_doc import Block, Bullets, Chart, Doc, Heading, Inline, Para, TableBlock
from stc_plan.render.words import state_word


@dataclass(frozen=True)
class Part:
    """Inline text: its style (None, "strong", "em", "code") and the state it names, if any."""

    text: str
    style: str | None = None
    state: str | None = None


@dataclass(frozen=True)
class Cell:
    """A table cell: its text, right-aligned if a number, and the state it names, if any."""

    text: str
    numeric: bool = False
    state: str | None = None


@dataclass(frozen=True)
class View:
    """One block as the templates draw it; ``kind`` names its partial."""

    kind: str  # "heading", "para", "list", "table", "chart"
    level: int = 0
    ident: str = ""
    text: str = ""
    parts: list[Part] = field(default_factory=list)
    items: list[list[Part]] = field(default_factory=list)
    headers: list[Cell] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    svg: Markup = field(default_factory=Markup)


@dataclass
class Group:
    """Blocks kept together on a printed page (``keep``: a chart and the text before it)."""

    views: list[View]
    keep: bool = False


@dataclass
class Section:
    """A level-2 heading and what follows it, up to the next one."""

    groups: list[Group] = field(default_factory=list)


def to_html(doc: Doc, lang: Lang, *, back: Sequence[tuple[str, str]] = ()) -> str:
    """One self-contained HTML file: inline CSS and SVG, no scripts, nothing fetched.
    ``back``: links (address, words) above it, where the report is a page of a website."""
    states = {state_word(s, lang): s for s in State}
    sections = _sections(doc.blocks, states)
    page = t("report.html.page", lang, page="\0page\0", pages="\0pages\0")
    return (
        _env()
        .get_template("report.html.j2")
        .render(
            lang=lang,
            title=doc.title,
            subtitle=doc.subtitle,
            sections=sections,
            marks=Markup(svg.mark_symbols()),
            page_number=Markup(css_content(page)),
            running_title=Markup(css_string(doc.title)),
            footer=Markup(css_string(doc.subtitle)),
            back=back,
        )
    )


@cache
def _env() -> Environment:
    return Environment(
        loader=PackageLoader("stc_plan", "render/templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _sections(blocks: list[Block], states: dict[str, State]) -> list[Section]:
    """The blocks cut into sections at each level-2 heading; within a section, a chart joins
    the group of the block before it, and charts in a row share one group."""
    sections = [Section()]
    for n, block in enumerate(blocks):
        view = _view(block, n, states)
        if isinstance(block, Heading) and block.level <= 2:
            sections.append(Section())
        groups = sections[-1].groups
        if isinstance(block, Chart) and groups:
            groups[-1].views.append(view)
            groups[-1].keep = True
        else:
            groups.append(Group([view]))
    return [s for s in sections if s.groups]


def _view(block: Block, n: int, states: dict[str, State]) -> View:
    if isinstance(block, Heading):
        return View("heading", level=block.level, ident=f"h{n}", text=block.text)
    if isinstance(block, Para):
        return View("para", parts=_parts(block.parts, states))
    if isinstance(block, Bullets):
        return View("list", items=[_parts(item, states) for item in block.items])
    if isinstance(block, TableBlock):
        table = block.table
        col = table.state_col % len(table.headers) if table.headers else -1

        def cell(i: int, text: str, state: State | None) -> Cell:
            named = state.value if state is not None and i == col else None
            return Cell(text, i in table.numeric, named)

        return View(
            "table",
            text=table.title,
            headers=[Cell(h, i in table.numeric) for i, h in enumerate(table.headers)],
            rows=[
                [
                    cell(i, c, table.states[r] if r < len(table.states) else None)
                    for i, c in enumerate(row)
                ]
                for r, row in enumerate(table.rows)
            ],
        )
    return View("chart", text=block.title, svg=Markup(block.svg))


def _parts(parts: list[Inline], states: dict[str, State]) -> list[Part]:
    """Inline parts; a part in bold that is exactly a state's word names that state (that is
    how the document writes a goal's state)."""
    out = []
    for text, style in parts:
        state = states.get(text) if style == "strong" else None
        out.append(Part(text, style, state.value if state is not None else None))
    return out


CSS_PLAIN = frozenset(" -.,:;()/+!?%'·–—")  # cannot end a CSS string, rule or <style>


def css_string(text: str) -> str:
    """``text`` as a CSS string literal that cannot end the string, the rule or the
    ``<style>`` element: all but letters, digits and harmless punctuation is a hex escape."""
    return (
        '"' + "".join(c if c.isalnum() or c in CSS_PLAIN else f"\\{ord(c):06x}" for c in text) + '"'
    )


def css_content(words: str) -> str:
    """A page-number sentence as CSS ``content``: its words as strings around the page
    counters (the words mark where the numbers go with ``\\0page\\0`` and ``\\0pages\\0``)."""
    out = []
    for n, piece in enumerate(words.split("\0")):
        if n % 2:
            out.append(f"counter({'pages' if piece == 'pages' else 'page'})")
        elif piece:
            out.append(css_string(piece))
    return " ".join(out)
