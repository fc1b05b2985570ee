"""The report's charts (render/svg.py, render/charts.py): the members chart shows each
branch's growth against the growth its target asks for, on a scale where one member is a
visible step; states have marks that differ in shape; every chart names and describes
itself; plan text stays text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

import pytest

from stc_plan.evaluate.reporting import build_report, parse_period
from stc_plan.evaluate.states import State
from stc_plan.inputs.plan import load_plan
from stc_plan.inputs.progress import load_progress
from stc_plan.render import charts, svg
from tests.conftest import EXAMPLE, SHIPPED_PLAN

NS = "{http://www.w3.org/2000/svg}"
WORDS = svg.GrowthWords(
    title="Members <gained>", desc="A & B", axis="gained", gained="g", planned="p", expected="e"
)


def growth(*rows: svg.Growth) -> ET.Element:
    return ET.fromstring(svg.growth_against_plan(ident="m", rows=list(rows), words=WORDS))


def rects(root: ET.Element, cls: str) -> list[ET.Element]:
    return [r for r in root.iter(f"{NS}rect") if r.get("class") == cls]


def test_one_member_is_a_visible_step() -> None:
    """Branches 11 and 12 members up differ by a step a reader sees (the old chart drew
    counts on a 0-200 scale, about a pixel a member); the scale starts at no change."""
    root = growth(
        svg.Growth("A", 117, 128, Decimal("126"), 129, "+11 of +12"),
        svg.Growth("B", 160, 172, Decimal("172"), 176, "+12 of +16"),
    )
    a, b = (float(r.get("width", 0)) for r in rects(root, "gained"))
    assert b - a >= 15  # user units of a 400-wide chart: 15 to 25 screen pixels
    ticks = [t.text for t in root.iter(f"{NS}text") if re.fullmatch(r"[+−]?\d+", t.text or "")]
    assert ticks[0] == "0" and ticks[-1] == "+16"


def test_target_and_expected_are_drawn_where_they_are() -> None:
    """The planned box ends at the target's growth; the expected mark sits at the growth
    the pace asks for by the date; the figures and the legend are written out."""
    root = growth(svg.Growth("A", 100, 105, Decimal("108"), 110, "+5 of +10"))
    planned = rects(root, "planned")[0]
    gained = rects(root, "gained")[0]
    assert float(planned.get("width", 0)) == pytest.approx(2 * float(gained.get("width", 0)))
    target = next(x for x in root.iter(f"{NS}line") if x.get("class") == "target")
    zero = float(planned.get("x", 0))
    unit = float(gained.get("width", 0)) / 5
    assert float(target.get("x1", 0)) == pytest.approx(zero + 10 * unit, abs=0.1)
    mark = next(g for g in root.iter(f"{NS}g") if g.get("class") == "expected")
    line = next(mark.iter(f"{NS}line"))
    assert float(line.get("x1", 0)) == pytest.approx(zero + 8 * unit, abs=0.1)
    texts = {t.text for t in root.iter(f"{NS}text")}
    assert {"A", "+5 of +10", "gained", "g", "p", "e"} <= texts


def test_a_loss_and_a_branch_never_counted() -> None:
    """A branch that lost members draws left of 0 (hatched, the axis goes below zero); one
    never counted has its planned box and no bar."""
    root = growth(
        svg.Growth("Down", 50, 47, Decimal("52"), 55, "−3 of +5"),
        svg.Growth("None", 40, None, Decimal("42"), 44, "not counted"),
    )
    (loss,) = rects(root, "gained")
    assert loss.get("fill") == "url(#m-loss)"
    assert len(rects(root, "planned")) == 2
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert "−4" in texts or "−3" in texts or "−5" in texts  # an axis label below zero
    zero = next(x for x in root.iter(f"{NS}line") if x.get("stroke") == "#555")
    assert float(loss.get("x", 0)) + float(loss.get("width", 0)) == pytest.approx(
        float(zero.get("x1", 0)), abs=0.1
    )


def test_charts_name_and_describe_themselves_and_escape_text() -> None:
    """<title> and <desc> carry the words, escaped, and aria-labelledby points at them."""
    text = svg.growth_against_plan(ident="m", rows=[], words=WORDS)
    assert "Members &lt;gained&gt;" in text and "A &amp; B" in text
    root = ET.fromstring(text)
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    assert set((root.get("aria-labelledby") or "").split()) == {"m-t", "m-d"} <= ids
    assert root.get("role") == "img"


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [(0, 16, (0, 16, 2)), (0, 7, (0, 7, 1)), (-3, 12, (-4, 12, 2)), (0, 66, (0, 70, 10))],
)
def test_scale(low: int, high: int, expected: tuple[int, int, int]) -> None:
    """Round axes in steps of 1, 2 or 5 times ten to a power, at most eight steps."""
    assert svg.scale(low, high) == expected


def test_every_state_has_its_own_shape_and_a_colour_that_holds_on_white() -> None:
    """Told apart in black and white by shape alone; colours at least 4.5:1 on white."""

    def luminance(hex_colour: str) -> float:
        def channel(c: int) -> float:
            v = c / 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    shapes = {svg.MARKS[s].shape for s in State}
    assert len(shapes) == len(State)
    for s in State:
        assert 1.05 / (luminance(svg.MARKS[s].colour) + 0.05) >= 4.5, s
        ET.fromstring(f'<svg xmlns="http://www.w3.org/2000/svg">{svg.mark_shape(s)}</svg>')
    assert set(svg.HATCH) == set(State)


def test_the_reports_charts() -> None:
    """The Q3 report's members chart: six branches, each with its expected mark; its
    description says each branch's figures in words; the states chart counts every goal."""
    plan = load_plan(SHIPPED_PLAN)
    report = build_report(
        plan,
        load_progress(EXAMPLE, plan),
        parse_period(quarter="2025-Q3", term=None, year=None, plan_year=2025),
    )
    members = charts.members_chart(report, "en")
    assert members.title == "Members gained per branch by 2025-09-30, against the planned gain"
    root = ET.fromstring(members.svg)
    assert len(rects(root, "gained")) == 6
    assert sum(1 for g in root.iter(f"{NS}g") if g.get("class") == "expected") == 6 + 1
    desc = next(root.iter(f"{NS}desc")).text or ""
    assert "Bromma-Kungsholmen: +11 of the planned +12, expected +9.0 by 2025-09-30." in desc
    states = ET.fromstring(charts.states_chart(report, "sv").svg)
    bars = [r for r in states.iter(f"{NS}rect") if r.get("class") == "bar"]
    counted = [t.text for t in states.iter(f"{NS}text") if t.text and t.text.isdigit()]
    assert len(bars) == len({s for s in report.status.goal_states()})
    assert sum(int(n) for n in counted[-len(bars) :]) == len(report.status.goal_states())


def test_counts_through_the_year_against_the_plans_line() -> None:
    """The total, then each branch: every count of the year, and the plan's line from the
    baseline (117 on 2024-12-31 for Bromma-Kungsholmen) to the target (129 on 2025-12-31),
    worked out by hand: 117 + 12 x 31/365 = 118.02 on 31 January, 117 + 12 x 59/365 = 118.94
    on 28 February, 117 + 12 x 90/365 = 119.96 on 31 March (to one decimal, as everywhere)."""
    from stc_plan.evaluate.status import evaluate
    from stc_plan.render.charts import year_charts

    plan = load_plan(SHIPPED_PLAN)
    m = evaluate(plan, load_progress(EXAMPLE, plan, required=True), as_of=date(2025, 10, 1))
    charts = year_charts(m.membership, "sv")
    branches = [x for x in m.membership.lines if x.kind == "branch"]
    assert len(charts) == 1 + len(branches)
    assert charts[0].drawn.title.startswith("Totalt utan Syskon:")  # what the plan is judged by
    bromma = charts[1 + [x.unit for x in branches].index("bromma-kungsholmen")]
    assert bromma.drawn.title.startswith("Bromma-Kungsholmen:")
    assert bromma.rows[:3] == [
        ("2025-01-31", "118", "118,0"),
        ("2025-02-28", "120", "118,9"),
        ("2025-03-31", "121", "120,0"),
    ]
    drawn = bromma.drawn.svg
    points = re.search(r'class="counted" points="([^"]*)"', drawn)
    assert points is not None and len(points.group(1).split()) == len(bromma.rows)
    # Told apart without colour: the counts solid with square points, the plan's line dashed.
    assert re.search(r'class="planned"[^>]*stroke-dasharray', drawn)
    assert drawn.count("<rect") >= len(bromma.rows)
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", drawn)
    assert desc is not None
    assert "2025-03-31: 121" in desc.group(1) and "från 117 den 2024-12-31" in desc.group(1)
    assert "till 129 den 2025-12-31" in desc.group(1)


def test_a_unit_never_counted_has_its_line_and_says_so() -> None:
    from stc_plan.evaluate.status import evaluate
    from stc_plan.render.charts import year_charts

    plan = load_plan(SHIPPED_PLAN)
    m = evaluate(plan, None, as_of=date(2025, 3, 1))
    charts = year_charts(m.membership, "en")
    assert all(c.rows == [] for c in charts)
    assert all('class="counted"' not in c.drawn.svg for c in charts)
    assert all('class="planned"' in c.drawn.svg for c in charts)
    assert "has not been counted yet" in charts[1].drawn.svg
