"""SVG for the HTML report: each state's mark, the members chart and the states chart.

Every state has a shape as well as a colour (and its word beside it wherever it is shown), and
bars carry hatching, so the report reads on a black-and-white printout and to someone who
cannot tell its colours apart. Values are written beside the marks. Each chart names itself
and describes its data in ``<title>`` and ``<desc>`` for screen readers; its visible title is
the HTML page's caption, where it can wrap. All text is XML-escaped.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from stc_plan.evaluate.states import State

FONT = 'font-family="Helvetica, Arial, sans-serif"'
INK = "#1a1a1a"
WIDTH = 400  # user units; 1:1 on a desktop screen, scaled to the column on a phone


@dataclass(frozen=True)
class Mark:
    """How a state looks: a shape (drawn in a 12 by 12 box), its colour and a light tint."""

    shape: str
    colour: str
    tint: str


# Colours hold at least 4.5:1 against white; the shapes alone tell the states apart.
MARKS: dict[State, Mark] = {
    State.DONE: Mark(
        '<circle cx="6" cy="6" r="5.8" fill="{c}"/><path d="M3.1,6.3 5.2,8.4 9,3.9" '
        'fill="none" stroke="#fff" stroke-width="1.7"/>',
        "#1d6b35",
        "#d3ead9",
    ),
    State.ON_TRACK: Mark('<circle cx="6" cy="6" r="5" fill="{c}"/>', "#2a7a3f", "#e2f2e6"),
    State.AT_RISK: Mark('<path d="M6,0.6 11.6,11.2 0.4,11.2Z" fill="{c}"/>', "#8a5300", "#fbe9c8"),
    State.BEHIND: Mark('<path d="M0.4,0.8 11.6,0.8 6,11.4Z" fill="{c}"/>', "#b3261e", "#f9dcd9"),
    State.OVERDUE: Mark(
        '<path d="M6,0.2 11.8,6 6,11.8 0.2,6Z" fill="{c}"/>'
        '<path d="M6,2.9V7.1M6,8.3V9.4" stroke="#fff" stroke-width="1.6"/>',
        "#7a0d0d",
        "#f3d0d0",
    ),
    State.NOT_STARTED: Mark(
        '<circle cx="6" cy="6" r="4.7" fill="#fff" stroke="{c}" stroke-width="1.8"/>',
        "#4f5b66",
        "#e4e8eb",
    ),
    State.NO_DATA: Mark(
        '<rect x="0.8" y="4.4" width="10.4" height="3.2" fill="{c}"/>', "#595959", "#fff"
    ),
    State.TARGET_NOT_SET: Mark(
        '<rect x="1.3" y="1.3" width="9.4" height="9.4" fill="#fff" stroke="{c}" '
        'stroke-width="1.8"/>',
        "#5e3a8c",
        "#e9e0f3",
    ),
    State.STALE: Mark('<path d="M1.2,0.8H10.8L1.2,11.2H10.8Z" fill="{c}"/>', "#6b4a1f", "#efe3d0"),
}

# A hatching per state for the states chart's bars, in the state's colour on its tint.
HATCH: dict[State, str] = {
    State.DONE: "M0,0H6V6H0Z",  # solid
    State.ON_TRACK: "",
    State.AT_RISK: "M0,6 L6,0",
    State.BEHIND: "M0,6 L6,0 M0,0 L6,6",
    State.OVERDUE: "M0,3 L6,3",
    State.NOT_STARTED: "M3,3 h0.01",
    State.NO_DATA: "",
    State.TARGET_NOT_SET: "M3,0 L3,6",
    State.STALE: "M0,0 L6,6",
}


def mark_shape(state: State) -> str:
    """The state's mark as SVG shapes in a 12 by 12 box, in its colour."""
    mark = MARKS[state]
    return mark.shape.format(c=mark.colour)


def mark_symbols() -> str:
    """An invisible SVG defining every state's mark once, as ``#mark-STATE``, for ``use``."""
    symbols = "".join(
        f'<symbol id="mark-{s.value}" viewBox="0 0 12 12">{mark_shape(s)}</symbol>' for s in State
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0" aria-hidden="true" '
        f'style="position:absolute">{symbols}</svg>'
    )


def _text(
    x: float,
    y: float,
    text: str,
    *,
    size: int = 13,
    anchor: str = "start",
    weight: str = "normal",
    fill: str = INK,
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" {FONT} font-size="{size}" text-anchor="{anchor}" '
        f'font-weight="{weight}" fill="{fill}">{escape(text)}</text>'
    )


def _open(ident: str, title: str, desc: str, height: float) -> str:
    """The chart's root: scales with its column; named and described for screen readers."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} '
        f'{height:.0f}" width="{WIDTH}" height="{height:.0f}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>'
    )


def scale(
    low: float, high: float, most_ticks: int = 8, *, from_zero: bool = True
) -> tuple[int, int, int]:
    """A round axis (first tick, last tick, step) covering ``low``..``high`` in at most
    ``most_ticks`` steps of 1, 2 or 5 times a power of ten: one member stays visible. The
    axis takes in zero unless ``from_zero`` is False (a line of counts, whose change is the
    point, not its size)."""
    if from_zero:
        low, high = min(low, 0), max(high, 1)
    elif low == high:
        low, high = low - 1, high + 1
    power = 1
    while True:
        for size in (power, 2 * power, 5 * power):
            first, last = math.floor(low / size) * size, math.ceil(high / size) * size
            if (last - first) // size <= most_ticks:
                return first, last, size
        power *= 10


@dataclass(frozen=True)
class Growth:
    """One branch's members on the plan's line: at the baseline, at the latest count (None:
    never counted), expected by the report's date on the plan's pace, and the target."""

    label: str
    baseline: int
    count: int | None
    expected: Decimal | None
    target: int
    figures: str  # the growth in words, written beside the bar ("+11 av +12")


@dataclass(frozen=True)
class GrowthWords:
    """The members chart's words, from the catalog."""

    title: str
    desc: str
    axis: str
    gained: str
    planned: str
    expected: str


def growth_against_plan(*, ident: str, rows: list[Growth], words: GrowthWords) -> str:
    """Per branch, members gained since the baseline (a bar) inside the growth the plan asks
    for (an outlined box ending in a thick line at the target), with a mark where the plan's
    pace says the branch should be by now. The scale starts at no change, so a gap of one
    member is a visible step."""
    left, right, row_h, bar_h = 10, 18, 50, 16  # room for the axis's end labels
    plot_w = WIDTH - left - right
    gains = [r.count - r.baseline for r in rows if r.count is not None]
    planned = [r.target - r.baseline for r in rows]
    first, last, step = scale(min([0, *gains, *planned]), max([1, *gains, *planned]))

    def x(v: float) -> float:
        return left + plot_w * (v - first) / (last - first)

    top = 8
    axis_y = top + row_h * len(rows) + 4
    legend_y = axis_y + 48
    height = legend_y + 3 * 26
    parts = [
        _open(ident, words.title, words.desc, height),
        "<defs>"
        f'<pattern id="{ident}-loss" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#fff"/>'
        f'<path d="M0,6 L6,0" stroke="{INK}" stroke-width="1.4"/></pattern></defs>',
    ]
    for v in range(first, last + 1, step):
        parts.append(
            f'<line x1="{x(v):.1f}" y1="{top}" x2="{x(v):.1f}" y2="{axis_y}" '
            f'stroke="{"#555" if v == 0 else "#ccc"}" stroke-width="{1 if v == 0 else 0.6}"/>'
        )
        shown = f"+{v}" if v > 0 else str(v).replace("-", "−")
        parts.append(_text(x(v), axis_y + 15, shown, size=12, anchor="middle"))
    parts.append(_text(left + plot_w / 2, axis_y + 33, words.axis, size=12, anchor="middle"))
    for n, r in enumerate(rows):
        y = top + n * row_h
        bar_y = y + 26  # the expected mark's pointer fits between the words and the bar
        parts.append(_text(left, y + 14, r.label, weight="bold"))
        parts.append(_text(WIDTH - right, y + 14, r.figures, anchor="end"))
        goal = r.target - r.baseline
        parts.append(
            f'<rect class="planned" x="{min(x(0), x(goal)):.1f}" y="{bar_y}" '
            f'width="{abs(x(goal) - x(0)):.1f}" height="{bar_h}" fill="#fff" stroke="#555" '
            'stroke-width="1"/>'
        )
        if r.count is not None:
            gain = r.count - r.baseline
            fill = "#35597a" if gain >= 0 else f"url(#{ident}-loss)"
            parts.append(
                f'<rect class="gained" x="{min(x(0), x(gain)):.1f}" y="{bar_y + 3}" '
                f'width="{abs(x(gain) - x(0)):.1f}" height="{bar_h - 6}" fill="{fill}" '
                f'stroke="{INK}" stroke-width="0.8"/>'
            )
        parts.append(
            f'<line class="target" x1="{x(goal):.1f}" y1="{bar_y - 3}" x2="{x(goal):.1f}" '
            f'y2="{bar_y + bar_h + 3}" stroke="{INK}" stroke-width="3"/>'
        )
        if r.expected is not None:
            parts.append(_expected_mark(x(float(r.expected - r.baseline)), bar_y, bar_h))
    # The legend, one line each, so that it fits a phone's width.
    ly = legend_y
    parts.append(
        f'<rect x="{left}" y="{ly + 3}" width="26" height="10" fill="#35597a" '
        f'stroke="{INK}" stroke-width="0.8"/>'
    )
    parts.append(_text(left + 38, ly + 13, words.gained, size=12))
    ly += 26
    parts.append(
        f'<rect x="{left}" y="{ly}" width="26" height="16" fill="#fff" stroke="#555"/>'
        f'<line x1="{left + 26}" y1="{ly - 3}" x2="{left + 26}" y2="{ly + 19}" '
        f'stroke="{INK}" stroke-width="3"/>'
    )
    parts.append(_text(left + 38, ly + 13, words.planned, size=12))
    ly += 26
    parts.append(_expected_mark(left + 13, ly + 6, 12))
    parts.append(_text(left + 38, ly + 13, words.expected, size=12))
    parts.append("</svg>")
    return "".join(parts)


def _expected_mark(cx: float, bar_y: float, bar_h: float) -> str:
    """Where the plan's pace says a branch should be: a dashed line through the bar under a
    small downward pointer, like a pin on a ruler."""
    return (
        f'<g class="expected"><line x1="{cx:.1f}" y1="{bar_y - 2}" x2="{cx:.1f}" '
        f'y2="{bar_y + bar_h + 2}" stroke="{INK}" stroke-width="1.6" stroke-dasharray="3,2"/>'
        f'<path d="M{cx - 5:.1f},{bar_y - 8} h10 l-5,6Z" fill="{INK}"/></g>'
    )


@dataclass(frozen=True)
class Slice:
    """One state: its word and how many goals are in it."""

    state: State
    label: str
    count: int


def states_bars(*, ident: str, title: str, desc: str, items: list[Slice], axis: str) -> str:
    """One horizontal bar per state, in the state's colour and hatching, its mark and word
    beside it and its count at its end."""
    left, right, top, row = 150, 30, 6, 26
    plot_w = WIDTH - left - right
    height = top + row * len(items) + 44
    _, last, step = scale(0, max([i.count for i in items] + [1]), most_ticks=6)
    patterns = "".join(
        f'<pattern id="{ident}-{i.state.value}" width="6" height="6" '
        'patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="6" fill="{MARKS[i.state].tint}"/>'
        + (
            f'<path d="{HATCH[i.state]}" fill="{MARKS[i.state].colour}" '
            f'stroke="{MARKS[i.state].colour}" stroke-width="1.3" stroke-linecap="round"/>'
            if HATCH[i.state]
            else ""
        )
        + "</pattern>"
        for i in items
    )
    parts = [_open(ident, title, desc, height), f"<defs>{patterns}</defs>"]
    dashed = ' stroke-dasharray="4,2"'  # nothing to show: an empty, dashed box
    base = top + row * len(items) + 2
    for v in range(0, last + 1, step):
        gx = left + plot_w * v / last
        parts.append(
            f'<line x1="{gx:.1f}" y1="{top}" x2="{gx:.1f}" y2="{base}" stroke="#ccc" '
            'stroke-width="0.6"/>'
        )
        parts.append(_text(gx, base + 15, str(v), size=12, anchor="middle"))
    for n, item in enumerate(items):
        y = top + n * row
        w = plot_w * item.count / last
        parts.append(f'<g transform="translate(4 {y + 6}) scale(1.1)">{mark_shape(item.state)}</g>')
        parts.append(_text(24, y + 17, item.label))
        parts.append(
            f'<rect class="bar" x="{left}" y="{y + 4}" width="{w:.1f}" height="18" '
            f'fill="url(#{ident}-{item.state.value})" stroke="{MARKS[item.state].colour}" '
            f'stroke-width="1.2"{dashed if item.state is State.NO_DATA else ""}/>'
        )
        parts.append(_text(left + w + 6, y + 18, str(item.count), size=12))
    parts.append(
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{base}" stroke="{INK}"/>'
        f'<line x1="{left}" y1="{base}" x2="{left + plot_w}" y2="{base}" stroke="{INK}"/>'
    )
    parts.append(_text(left + plot_w / 2, base + 34, axis, size=12, anchor="middle"))
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class YearWords:
    """The words of a chart of counts over the year, from the catalog."""

    title: str
    desc: str
    counted: str  # the legend's words for the counts
    planned: str  # and for the plan's line
    today: str  # the as-of date's label


def counts_over_year(
    *,
    ident: str,
    counts: list[tuple[int, int]],
    plan: tuple[tuple[int, int], tuple[int, int]],
    today: int | None,
    ticks: list[tuple[int, str]],
    words: YearWords,
    label: Callable[[int], str] = str,
) -> str:
    """One unit's counts through the year (a solid line through square points, the latest
    labelled) against the plan's line (dashed, from the baseline to the target, which is
    labelled): both readable without colour. ``counts`` and the plan's ends are (day, value),
    days counted from the chart's first; ``ticks`` start spans of the axis (day, words under
    the span's middle); ``today``
    draws a dotted line where the as-of date is; ``label`` writes a count."""
    left, right, top, plot_h = 56, 16, 14, 120
    plot_w = WIDTH - left - right
    last_day = max(plan[1][0], *(d for d, _ in counts), *(d for d, _ in ticks), 1)
    values = [v for _, v in counts] + [plan[0][1], plan[1][1]]
    low, high, step = scale(min(values), max(values), most_ticks=5, from_zero=False)

    def x(d: float) -> float:
        return left + plot_w * d / last_day

    def y(v: float) -> float:
        return top + plot_h * (high - v) / (high - low)

    axis_y = top + plot_h
    legend_y = axis_y + 38
    height = legend_y + 22
    parts = [_open(ident, words.title, words.desc, height)]
    for v in range(low, high + 1, step):
        parts.append(
            f'<line x1="{left}" y1="{y(v):.1f}" x2="{WIDTH - right}" y2="{y(v):.1f}" '
            f'stroke="#ccc" stroke-width="0.6"/>'
        )
        parts.append(_text(left - 6, y(v) + 4, label(v), size=11, anchor="end"))
    for n, (d, tick) in enumerate(ticks):
        parts.append(
            f'<line x1="{x(d):.1f}" y1="{axis_y}" x2="{x(d):.1f}" y2="{axis_y + 6}" '
            f'stroke="#555" stroke-width="1"/>'
        )
        ends = ticks[n + 1][0] if n + 1 < len(ticks) else last_day
        parts.append(_text(x((d + ends) / 2), axis_y + 17, tick, size=11, anchor="middle"))
    parts.append(
        f'<line x1="{left}" y1="{axis_y}" x2="{WIDTH - right}" y2="{axis_y}" stroke="#555" '
        'stroke-width="1"/>'
    )
    if today is not None:
        parts.append(
            f'<line class="today" x1="{x(today):.1f}" y1="{top}" x2="{x(today):.1f}" '
            f'y2="{axis_y}" stroke="#555" stroke-width="1" stroke-dasharray="1,3"/>'
        )
        anchor = "end" if x(today) > left + plot_w / 2 else "start"
        shift = -3 if anchor == "end" else 3
        parts.append(_text(x(today) + shift, top - 3, words.today, size=11, anchor=anchor))
    (d0, v0), (d1, v1) = plan
    parts.append(
        f'<line class="planned" x1="{x(d0):.1f}" y1="{y(v0):.1f}" x2="{x(d1):.1f}" '
        f'y2="{y(v1):.1f}" stroke="{INK}" stroke-width="1.4" stroke-dasharray="6,4"/>'
    )
    parts.append(f'<circle cx="{x(d1):.1f}" cy="{y(v1):.1f}" r="3.5" fill="#fff" stroke="{INK}"/>')
    if counts:
        path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in counts)
        parts.append(
            f'<polyline class="counted" points="{path}" fill="none" stroke="#35597a" '
            'stroke-width="2.2"/>'
        )
        for d, v in counts:
            parts.append(
                f'<rect x="{x(d) - 3.5:.1f}" y="{y(v) - 3.5:.1f}" width="7" height="7" '
                f'fill="#35597a" stroke="{INK}" stroke-width="0.8"/>'
            )
        d, v = counts[-1]  # the latest count, written beside its point
        before = x(d) > WIDTH - right - 40
        parts.append(
            _text(
                x(d) + (-7 if before else 7),
                y(v) + 4,
                label(v),
                size=11,
                anchor="end" if before else "start",
                weight="bold",
            )
        )
    parts.append(
        f'<line x1="{left}" y1="{legend_y - 4}" x2="{left + 26}" y2="{legend_y - 4}" '
        'stroke="#35597a" stroke-width="2.2"/>'
        f'<rect x="{left + 9.5}" y="{legend_y - 7.5}" width="7" height="7" fill="#35597a" '
        f'stroke="{INK}" stroke-width="0.8"/>'
    )
    parts.append(_text(left + 32, legend_y, words.counted, size=12))
    mid = left + plot_w / 2
    parts.append(
        f'<line x1="{mid}" y1="{legend_y - 4}" x2="{mid + 26}" y2="{legend_y - 4}" '
        f'stroke="{INK}" stroke-width="1.4" stroke-dasharray="6,4"/>'
    )
    parts.append(_text(mid + 32, legend_y, words.planned, size=12))
    parts.append("</svg>")
    return "".join(parts)
