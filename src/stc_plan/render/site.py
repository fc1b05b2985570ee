"""The plan's website (``stc site``) as files: a relative path → its bytes, nothing written.

Pure and deterministic: the plan, its facts, the date and the language in, the same bytes
out (no clock: pages carry the as-of date, never the build time). The pages say what the
terminal says, from the same core: the start page is ``stc status``'s first screen
(``brief_lines``), a goal's page its story (``story_lines``), and the reports so far are
``stc report``'s HTML pages. The lines are drawn by one Jinja2 template with autoescaping:
a line's segments keep their state (drawn with its mark) and the goal they name (a link).

Every link is relative (the site may be served under any path, as GitHub Pages does under
/REPO/). Pages need no script, fit a 360 px screen and print.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from stc_plan.evaluate.index import FactIndex
from stc_plan.evaluate.reporting import ReportPeriod, build_report, parse_period
from stc_plan.evaluate.states import State
from stc_plan.evaluate.status import StatusReport, clamp, evaluate
from stc_plan.evaluate.story import goal_story, overarching_story
from stc_plan.i18n import Lang, day, t, tn
from stc_plan.model.facts import Progress
from stc_plan.model.plan import Plan
from stc_plan.render import svg
from stc_plan.render.brief import (
    FOLD_STALE,
    Line,
    Seg,
    brief_lines,
    gap_text,
    goal_line,
    members_text,
)
from stc_plan.render.charts import growth_chart, year_charts
from stc_plan.render.json_out import status_dict, write_json
from stc_plan.render.report_doc import report_doc
from stc_plan.render.report_html import _env, css_content, css_string, to_html
from stc_plan.render.story import overarching_lines, story_lines
from stc_plan.render.tables import unit_name
from stc_plan.render.words import state_word

if TYPE_CHECKING:
    from stc_plan.inputs.published import Published
    from stc_plan.parse.yamlpos import Document

WIDE = 4000  # the lines' width: wide enough that nothing is cut (the browser wraps them)
MARKER = ".stc-site"
REPORT_NAMES = {
    "quarter": "site.report.quarter",
    "term": "site.report.term",
    "year": "site.report.year",
}  # in every build: the folder is stc's to replace


@dataclass(frozen=True)
class Source:
    """A file the site offers as it is (the plan, the progress file): its name and bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class SegView:
    """A piece of a line as drawn: its words, the state it names, where it links."""

    text: str
    state: str | None = None
    href: str | None = None
    dim: bool = False
    space: bool = True  # a space before it (not before ": " or the line's first)


@dataclass(frozen=True)
class LineView:
    """A line as drawn: a heading (``h2``) or a paragraph (``p``) of segments; or a fold's
    ``summary`` (its lines follow, up to an ``end``)."""

    kind: str
    segs: list[SegView]


@dataclass(frozen=True)
class YearView:
    """A unit's counts through the year as drawn: caption, chart, and its figures."""

    title: str
    svg: Markup
    rows: list[tuple[str, str, str]]


@dataclass
class Page:
    """One page: its title, where it sits (``root`` leads back to the site's top), its lines
    and the links and chart it carries."""

    path: str
    title: str
    lines: list[LineView] = field(default_factory=list)
    links: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    chart: tuple[str, Markup] | None = None
    years: list[YearView] = field(default_factory=list)  # counts through the year
    source: tuple[str, str] | None = None  # the plan file's line: (link, words)

    @property
    def root(self) -> str:
        return "../" * self.path.count("/")


TIMELINE = 50  # a goal's page tells its latest facts; the rest are in raw/
CALENDAR = "plan.ics"  # the plan's dates, to subscribe to


def build_site(
    plan: Plan,
    progress: Progress,
    *,
    as_of: date,
    lang: Lang,
    plan_file: Source,
    facts_file: Source | None,
    goal_lines: dict[str, int],
    plan_url: str | None = None,
    calendar_before: Mapping[str, Published] | None = None,
) -> dict[str, bytes]:
    """Every file of the site by its relative path (``/`` between folders).

    ``goal_lines`` gives each goal's line in the plan file; a goal's page links there: to
    ``plan_url#L<line>`` where the plan has an address (a GitHub blob), else to the copy of
    the plan in the site, naming the line. ``calendar_before``: the events of the calendar as
    last published, whose revisions the new ``plan.ics`` continues (``render/ics.py``).
    """
    report = evaluate(plan, progress, as_of=as_of)
    names = report.unit_names
    periods = reports_so_far(plan.year, as_of)
    plan_href = f"raw/{plan_file.name}"
    pages: list[Page] = [_start(report, plan, periods, plan_file, facts_file, lang)]
    goals = {s.id: s.goals for s in report.sections}
    for section in plan.sections:
        page = Page(f"sections/{_slug(section.id)}.html", f"{section.id} {section.title}")
        page.lines = [
            _line(goal_line(g, gap_text(g, lang, names), 0, WIDE, lang), page)
            for g in goals.get(section.id, [])
        ]
        parts = [s for s in plan.sections if s.id.startswith(section.id + ".")]
        if parts:
            links = [(f"sections/{_slug(s.id)}.html", f"{s.id} {s.title}") for s in parts]
            page.links = [(t("site.sections", lang), links)]
        pages.append(page)
    for o in plan.overarching:
        page = Page(f"goals/{o.id}.html", o.title)
        told = overarching_story(plan, progress, o.id, as_of=as_of, report=report)
        lines = overarching_lines(told, lang, WIDE)
        page.lines = _story(lines, page)
        _source(page, o.id, goal_lines, plan_href, plan_url, lang)
        pages.append(page)
    day, _ = clamp(plan.year, as_of)
    index = FactIndex.build(progress, day)
    by_id = {g.id: g for g in plan.goals}
    for g in plan.goals:
        page = Page(f"goals/{g.id}.html", g.title)
        page.lines = _story(
            story_lines(
                goal_story(
                    plan, progress, g.id, as_of=as_of, index=index, goals=by_id, latest=TIMELINE
                ),
                lang,
                WIDE,
            ),
            page,
        )
        _source(page, g.id, goal_lines, plan_href, plan_url, lang)
        pages.append(page)
    pages.append(_members(report, plan, lang))
    files = {p.path: _html(p, report, lang).encode("utf-8") for p in pages}
    evaluations = {as_of: report}  # a quarter ends the day its term or the year does

    def evaluated(on: date) -> StatusReport:
        if on not in evaluations:
            evaluations[on] = evaluate(plan, progress, as_of=on)
        return evaluations[on]

    for period in periods:
        built = build_report(plan, progress, period, evaluated=evaluated)
        # On the site a report leads to the site's pages (stc report's own file does not).
        doc = report_doc(built, lang, charts=True)
        html = to_html(doc, lang, back=[(f"../{href}", words) for href, words in _nav(lang)])
        files[f"reports/{period.name}.html"] = html.encode("utf-8")
    out = io.StringIO()
    write_json(status_dict(report), out)
    files["status.json"] = out.getvalue().encode("utf-8")
    files[plan_href] = plan_file.data
    # The plan's calendar, for the board to subscribe to (stc calendar, the same bytes).
    from stc_plan.evaluate.calendar import plan_calendar
    from stc_plan.render.ics import to_ics

    calendar = plan_calendar(plan, progress)
    files[CALENDAR] = to_ics(calendar, lang, plan.unit_names(), calendar_before)
    if facts_file is not None:
        files[f"raw/{facts_file.name}"] = facts_file.data
    files[MARKER] = b"stc site\n"
    return dict(sorted(files.items()))


def reports_so_far(year: int, as_of: date) -> list[ReportPeriod]:
    """Every quarter and term of ``year`` that has ended by ``as_of``, then the year once it
    is over (its draft report)."""
    names = [("quarter", f"{year}-Q{q}") for q in range(1, 5)]
    names += [("term", f"VT{year}"), ("term", f"HT{year}"), ("year", str(year))]
    found = []
    for kind, name in names:
        spec: dict[str, Any] = {"quarter": None, "term": None, "year": None, kind: name}
        period = parse_period(**spec, plan_year=year)
        if period.end <= as_of:
            found.append(period)
    return found


def _slug(section: str) -> str:
    return section.replace(".", "-")


def _start(
    report: StatusReport,
    plan: Plan,
    periods: list[ReportPeriod],
    plan_file: Source,
    facts_file: Source | None,
    lang: Lang,
) -> Page:
    """What needs us now (``stc status``'s first screen), then the way to everything else."""
    page = Page("index.html", plan.title)
    # The plan's overarching goals follow what needs us now: what the rest serves.
    aims: list[Line] = [(Seg(t("heading.overarching", lang), style="bold"),)]
    aims += [
        (Seg(state_word(o.state, lang), o.state), Seg(o.title, goal=o.id))
        for o in report.overarching
    ]
    lines = brief_lines(report, lang, WIDE, fold=False, after_urgent=aims)
    page.lines = _fold_stale([_line(x, page) for x in lines[1:]], lang)  # [0]: the title
    sections = [(f"sections/{_slug(s.id)}.html", f"{s.id} {s.title}") for s in plan.sections]
    reports = [
        (f"reports/{p.name}.html", t(REPORT_NAMES[p.kind], lang, name=p.name)) for p in periods
    ]
    data = [
        (CALENDAR, t("site.calendar", lang)),
        ("status.json", "status.json"),
        (f"raw/{plan_file.name}", plan_file.name),
    ]
    if facts_file is not None:
        data.append((f"raw/{facts_file.name}", facts_file.name))
    page.links = [
        (t("site.sections", lang), sections),
        (t("site.more", lang), [("members.html", t("site.members", lang))]),
        (t("site.reports", lang), reports or [("", t("site.no-reports", lang))]),
        (t("site.data", lang), data),
    ]
    return page


def _fold_stale(lines: list[LineView], lang: Lang) -> list[LineView]:
    """What needs us now with more than a few stale goals: those in a fold, as the terminal
    folds them into a line, so that the rest and the sections stay near the top."""
    start = next((n for n, x in enumerate(lines) if x.kind == "h2"), len(lines)) + 1
    end = next((n for n in range(start, len(lines)) if lines[n].kind != "p"), len(lines))
    stale = [n for n in range(start, end) if lines[n].segs[0].state == State.STALE.value]
    if len(stale) <= FOLD_STALE:
        return lines
    said = tn("site.stale-fold", len(stale), lang)
    word = SegView(state_word(State.STALE, lang), State.STALE.value, space=False)
    summary = LineView("summary", [word, SegView(said)])
    folded = [summary, *(lines[n] for n in stale), LineView("end", [])]
    kept = [x for n, x in enumerate(lines[start:end], start) if n not in set(stale)]
    return [*lines[:start], *kept, *folded, *lines[end:]]


def _members(report: StatusReport, plan: Plan, lang: Lang) -> Page:
    """The members per branch against the pace: the chart, and each count in words."""
    m = report.membership
    page = Page("members.html", t("site.members", lang))
    drawn = growth_chart(m, report.as_of, plan.year, lang)
    page.chart = (drawn.title, Markup(drawn.svg))
    for x in [*m.lines, m.total, m.total_without_siblings]:
        state = SegView(state_word(x.state, lang), x.state.value) if x.state else None
        words = SegView(f"{unit_name(x, m, lang)}: {members_text(x, report.as_of, lang, WIDE)}")
        page.lines.append(LineView("p", [s for s in (state, words) if s is not None]))
    page.years = [
        YearView(c.drawn.title, Markup(c.drawn.svg), c.rows) for c in year_charts(m, lang)
    ]
    return page


def _source(
    page: Page, goal: str, lines: dict[str, int], plan_href: str, url: str | None, lang: Lang
) -> None:
    if goal in lines:
        n = lines[goal]
        href = f"{url}#L{n}" if url else page.root + plan_href
        page.source = (href, t("site.plan-line", lang, line=n))


def _story(lines: list[Line], page: Page) -> list[LineView]:
    """A story's lines without its first two (the title and the date: the page's own)."""
    return [_line(x, page) for x in lines[2:] if x][1:]


def _line(line: Line, page: Page) -> LineView:
    """A line of segments as drawn: a bold line alone is a heading; spaces that aligned
    columns on a terminal go (the page lays out its own), one space stays where the line
    had any between two pieces."""
    segs: list[SegView] = []
    spaced = False
    for s in line:
        text = s.text.strip()
        if text:
            space = bool(segs) and (spaced or s.text[:1].isspace())
            state = s.state.value if isinstance(s.state, State) else None
            href = f"{page.root}goals/{s.goal}.html" if s.goal else None
            segs.append(SegView(text, state, href, s.style == "dim", space))
        spaced = (spaced and not text) or s.text[-1:].isspace()
    heading = len(line) == 1 and line[0].style == "bold"
    return LineView("h2" if heading else "p", segs)


def _nav(lang: Lang) -> list[tuple[str, str]]:
    """The links at the top of every page (addresses from the site's top)."""
    return [("index.html", t("site.start", lang)), ("members.html", t("site.members", lang))]


def _html(page: Page, report: StatusReport, lang: Lang) -> str:
    return (
        _env()
        .get_template("site.html.j2")
        .render(
            lang=lang,
            page=page,
            root=page.root,
            plan_title=report.title,
            stamp=t("site.as-of", lang, date=day(report.as_of)),
            nav=_nav(lang),
            words={
                "nav": t("site.nav", lang),
                "source": t("site.source", lang),
                # The members page's counts through the year.
                "year": t("site.members.year", lang),
                "figures": t("site.members.figures", lang),
                "day": t("site.members.day", lang),
                "counted": t("site.members.counted", lang),
                "planned": t("site.members.planned", lang),
            },
            marks=Markup(svg.mark_symbols()),
            # Printed: the plan and the date at the foot of each sheet, and its number.
            footer=Markup(css_string(f"{report.title} · {day(report.as_of)}")),
            page_number=Markup(
                css_content(t("report.html.page", lang, page="\0page\0", pages="\0pages\0"))
            ),
        )
    )


def goal_lines_of(doc: Document | None, plan: Plan) -> dict[str, int]:
    """Each goal's line in the plan file (where its entry starts), by id, from the file as
    parsed (none where it could not be)."""
    if doc is None:
        return {}
    found = {}
    for key, items in (("overarching", plan.overarching), ("goals", plan.goals)):
        for n, g in enumerate(items):
            found[g.id] = doc.locate((key, n))[0]
    return found
