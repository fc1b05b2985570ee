"""The report's two charts and the website's counts through the year, for HTML pages: what
each shows, in the catalog's words, drawn by ``svg.py``. Each is returned as its SVG and
its title; the page places them."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from stc_plan.evaluate.members import MemberLine, MembersReport
from stc_plan.evaluate.periods import Period
from stc_plan.evaluate.reporting import PeriodReport
from stc_plan.evaluate.states import WEAKEST_FIRST
from stc_plan.i18n import Lang, day, number, t
from stc_plan.render import svg
from stc_plan.render.cells import num, signed
from stc_plan.render.tables import summary_line, unit_name
from stc_plan.render.words import state_word


class Drawn(NamedTuple):
    """A chart: its SVG and its title (the page's caption for it)."""

    svg: str
    title: str


def members_chart(r: PeriodReport, lang: Lang) -> Drawn:
    """Per branch, members gained since the baseline against the growth the plan asks for
    by the year's end, with where its pace says each should be on the report's date. It is
    titled with the date of the counts it shows, which may be before the report's end."""
    return growth_chart(r.membership, r.status.as_of, r.plan.year, lang)


def growth_chart(m: MembersReport, as_of: date, year: int, lang: Lang) -> Drawn:
    """The members chart of ``members_chart`` for a membership on any date (the site's)."""
    when = day(as_of)
    branches = [x for x in m.lines if x.kind == "branch"]
    counted = [x.counted_on for x in branches if x.counted_on is not None]
    counts_on = day(max(counted)) if counted else when
    rows = []
    sentences = []
    for x in branches:
        planned = signed(x.target - x.baseline, lang)
        if x.count is None:
            figures = t("chart.growth.not_counted", lang)
            sentences.append(t("chart.growth.desc_none", lang, name=x.name, planned=planned))
        else:
            gain = signed(x.count - x.baseline, lang)
            figures = t("chart.growth.row", lang, gain=gain, planned=planned)
            expected = None if x.expected is None else x.expected - x.baseline
            sentences.append(
                t(
                    "chart.growth.desc",
                    lang,
                    name=x.name,
                    gain=gain,
                    planned=planned,
                    expected=signed(expected, lang),
                    date=when,
                )
            )
        rows.append(svg.Growth(x.name, x.baseline, x.count, x.expected, x.target, figures))
    title = t("chart.growth.title", lang, date=counts_on)
    words = svg.GrowthWords(
        title=title,
        desc=" ".join(sentences),
        axis=t("chart.growth.axis", lang, date=day(m.baseline_date)),
        gained=t("chart.growth.gained", lang, date=counts_on),
        planned=t("chart.growth.planned", lang, date=day(date(year, 12, 31))),
        expected=t("chart.growth.expected", lang, date=when),
    )
    return Drawn(svg.growth_against_plan(ident="chart-members", rows=rows, words=words), title)


def states_chart(r: PeriodReport, lang: Lang) -> Drawn:
    """How many goals are in each state at the report's date, strongest first."""
    states = r.status.goal_states()
    counts = Counter(states)
    items = [
        svg.Slice(s, state_word(s, lang), counts[s]) for s in reversed(WEAKEST_FIRST) if counts[s]
    ]
    title = t("chart.states.title", lang, date=day(r.status.as_of))
    drawn = svg.states_bars(
        ident="chart-states",
        title=title,
        desc=summary_line(states, lang),
        items=items,
        axis=t("chart.states.x", lang),
    )
    return Drawn(drawn, title)


class YearChart(NamedTuple):
    """One unit's counts through the year: the chart, and its figures as a table's rows
    (the day, the count, the plan's line that day)."""

    drawn: Drawn
    rows: list[tuple[str, str, str]]


def year_charts(m: MembersReport, lang: Lang) -> list[YearChart]:
    """The district's total (without the sibling groups, which are held: the total the plan
    is judged by), then each branch: its counts through the year against the plan's line,
    from the baseline to the target at the year's end."""
    line = Period("membership", m.baseline_date + timedelta(days=1), date(m.year, 12, 31))
    first = min(m.baseline_date, date(m.year, 1, 1))
    ticks = [((date(m.year, 3 * q - 2, 1) - first).days, f"Q{q}") for q in range(1, 5)]
    shown = [m.total_without_siblings, *(x for x in m.lines if x.kind == "branch")]
    charts = []
    for n, x in enumerate(shown):
        name = unit_name(x, m, lang)

        def planned(on: date, x: MemberLine = x) -> Decimal:
            return x.baseline + line.due(Decimal(x.target - x.baseline), on)

        counts = [(on, count) for on, count in x.history if first <= on <= line.end]
        said = ", ".join(f"{day(on)}: {number(c, lang)}" for on, c in counts)
        title = t("chart.year.title", lang, name=name)
        desc = t(
            "chart.year.desc" if counts else "chart.year.desc_none",
            lang,
            name=name,
            counts=said,
            baseline=number(x.baseline, lang),
            start=day(m.baseline_date),
            target=number(x.target, lang),
            end=day(line.end),
        )
        words = svg.YearWords(
            title=title,
            desc=desc,
            counted=t("chart.year.counted", lang),
            planned=t("chart.year.planned", lang),
            today=t("site.as-of", lang, date=day(m.as_of)),
        )
        drawn = svg.counts_over_year(
            ident=f"chart-year-{n}",
            counts=[((on - first).days, c) for on, c in counts],
            plan=(
                ((m.baseline_date - first).days, x.baseline),
                ((line.end - first).days, x.target),
            ),
            today=(m.as_of - first).days if first <= m.as_of <= line.end else None,
            ticks=ticks,
            words=words,
            label=lambda v: number(v, lang),
        )
        rows = [(day(on), number(c, lang), num(planned(on), lang)) for on, c in counts]
        charts.append(YearChart(Drawn(drawn, title), rows))
    return charts
