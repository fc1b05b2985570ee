"""Two small SVG charts for the HTML report, with titles, axis labels, units and legends.

They are drawn in black, greys and hatching, with values written beside the marks, so they
read on a black-and-white printout. All text is XML-escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

FONT = 'font-family="Helvetica, Arial, sans-serif"'
# Fill patterns, one per state, distinguishable without colour.
PATTERNS = {
    "solid-dark": '<pattern id="p-solid-dark" width="6" height="6" patternUnits="userSpaceOnUse">'
    '<rect width="6" height="6" fill="#333"/></pattern>',
    "solid-light": '<pattern id="p-solid-light" width="6" height="6" patternUnits="userSpaceOnUse">'
    '<rect width="6" height="6" fill="#bbb"/></pattern>',
    "diagonal": '<pattern id="p-diagonal" width="6" height="6" patternUnits="userSpaceOnUse">'
    '<rect width="6" height="6" fill="#fff"/><path d="M0,6 L6,0" stroke="#000" '
    'stroke-width="1.2"/></pattern>',
    "cross": '<pattern id="p-cross" width="6" height="6" patternUnits="userSpaceOnUse">'
    '<rect width="6" height="6" fill="#fff"/><path d="M0,6 L6,0 M0,0 L6,6" stroke="#000" '
    'stroke-width="1"/></pattern>',
    "dots": '<pattern id="p-dots" width="6" height="6" patternUnits="userSpaceOnUse">'
    '<rect width="6" height="6" fill="#fff"/><circle cx="3" cy="3" r="1.3" fill="#000"/>'
    "</pattern>",
    "horizontal": '<pattern id="p-horizontal" width="6" height="6" '
    'patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#fff"/>'
    '<path d="M0,3 L6,3" stroke="#000" stroke-width="1.2"/></pattern>',
    "vertical": '<pattern id="p-vertical" width="6" height="6" patternUnits="userSpaceOnUse">'
    '<rect width="6" height="6" fill="#fff"/><path d="M3,0 L3,6" stroke="#000" '
    'stroke-width="1.2"/></pattern>',
    "empty": '<pattern id="p-empty" width="6" height="6" patternUnits="userSpaceOnUse">'
    '<rect width="6" height="6" fill="#fff"/></pattern>',
    "grey-diagonal": '<pattern id="p-grey-diagonal" width="6" height="6" '
    'patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#ddd"/>'
    '<path d="M0,0 L6,6" stroke="#555" stroke-width="1"/></pattern>',
}


def _text(
    x: float,
    y: float,
    text: str,
    *,
    size: int = 11,
    anchor: str = "start",
    weight: str = "normal",
    extra: str = "",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" {FONT} font-size="{size}" text-anchor="{anchor}" '
        f'font-weight="{weight}"{extra}>{escape(text)}</text>'
    )


def _nice_max(value: float) -> int:
    """A round axis maximum at or above ``value``."""
    if value <= 0:
        return 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000):
        top = -(-int(value) // step) * step
        if top / step <= 8:
            return top
    return int(value) + 1


@dataclass(frozen=True)
class Bar:
    """One category: its label, its value (None: not known) and its target."""

    label: str
    value: int | None
    target: int


def bars_against_targets(
    *,
    title: str,
    bars: list[Bar],
    y_label: str,
    x_label: str,
    value_legend: str,
    target_legend: str,
    width: int = 640,
    height: int = 320,
) -> str:
    """Vertical bars, each with a dashed target line across it; values written above."""
    left, right, top, bottom = 56, 16, 56, 70
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _nice_max(max([b.target for b in bars] + [b.value or 0 for b in bars]) * 1.05)
    slot = plot_w / max(1, len(bars))
    bar_w = slot * 0.55

    def y(v: float) -> float:
        return top + plot_h - plot_h * v / top_value

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        _text(width / 2, 20, title, size=14, anchor="middle", weight="bold"),
    ]
    steps = 4
    for i in range(steps + 1):
        v = top_value * i / steps
        parts.append(
            f'<line x1="{left}" y1="{y(v):.1f}" x2="{left + plot_w}" y2="{y(v):.1f}" '
            f'stroke="#ccc" stroke-width="0.6"/>'
        )
        parts.append(_text(left - 6, y(v) + 4, f"{v:g}", size=10, anchor="end"))
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#000"/>')
    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" '
        f'y2="{top + plot_h}" stroke="#000"/>'
    )
    for i, b in enumerate(bars):
        cx = left + slot * (i + 0.5)
        if b.value is not None:
            parts.append(
                f'<rect class="bar" x="{cx - bar_w / 2:.1f}" y="{y(b.value):.1f}" '
                f'width="{bar_w:.1f}" height="{top + plot_h - y(b.value):.1f}" '
                f'fill="#777" stroke="#000" stroke-width="0.8"/>'
            )
            # The value inside the top of the bar, white on grey, clear of the target line.
            inside = top + plot_h - y(b.value) > 18
            parts.append(
                _text(
                    cx,
                    y(b.value) + (13 if inside else -4),
                    str(b.value),
                    size=10,
                    anchor="middle",
                    extra=' fill="#fff"' if inside else "",
                )
            )
        parts.append(
            f'<line class="target" x1="{cx - slot * 0.4:.1f}" y1="{y(b.target):.1f}" '
            f'x2="{cx + slot * 0.4:.1f}" y2="{y(b.target):.1f}" stroke="#000" '
            'stroke-width="2" stroke-dasharray="5,3"/>'
        )
        parts.append(_text(cx, top + plot_h + 14, b.label, size=9, anchor="middle"))
    parts.append(_text(left + plot_w / 2, height - 28, x_label, anchor="middle"))
    parts.append(
        _text(
            14,
            top + plot_h / 2,
            y_label,
            anchor="middle",
            extra=f' transform="rotate(-90 14 {top + plot_h / 2:.1f})"',
        )
    )
    lx = left
    parts.append(
        f'<rect x="{lx}" y="{height - 16}" width="14" height="10" fill="#777" '
        'stroke="#000" stroke-width="0.8"/>'
    )
    parts.append(_text(lx + 20, height - 7, value_legend, size=10))
    lx += 40 + 6 * len(value_legend)
    parts.append(
        f'<line x1="{lx}" y1="{height - 11}" x2="{lx + 18}" y2="{height - 11}" '
        'stroke="#000" stroke-width="2" stroke-dasharray="5,3"/>'
    )
    parts.append(_text(lx + 24, height - 7, target_legend, size=10))
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class Slice:
    """One state: its label, how many goals, and its fill pattern (a key of PATTERNS)."""

    label: str
    count: int
    pattern: str


def horizontal_bars(*, title: str, items: list[Slice], x_label: str, width: int = 640) -> str:
    """One horizontal bar per item, its pattern in a legend, its count written beside it."""
    left, right, top = 150, 40, 44
    row = 24
    height = top + row * len(items) + 44
    plot_w = width - left - right
    step = max(1, -(-max([i.count for i in items] + [1]) // 4))  # whole goals per tick
    top_value = step * 4
    used = sorted({i.pattern for i in items})
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        "<defs>" + "".join(PATTERNS[p] for p in used) + "</defs>",
        _text(width / 2, 20, title, size=14, anchor="middle", weight="bold"),
    ]
    for n, item in enumerate(items):
        y = top + n * row
        w = plot_w * item.count / top_value
        parts.append(_text(left - 8, y + 15, item.label, anchor="end"))
        parts.append(
            f'<rect class="bar" x="{left}" y="{y + 4}" width="{w:.1f}" height="15" '
            f'fill="url(#p-{item.pattern})" stroke="#000" stroke-width="0.8"/>'
        )
        parts.append(_text(left + w + 6, y + 15, str(item.count), size=10))
    base = top + row * len(items) + 4
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{base}" stroke="#000"/>')
    parts.append(f'<line x1="{left}" y1="{base}" x2="{left + plot_w}" y2="{base}" stroke="#000"/>')
    for i in range(5):
        x = left + plot_w * i / 4
        parts.append(_text(x, base + 14, str(step * i), size=10, anchor="middle"))
    parts.append(_text(left + plot_w / 2, base + 32, x_label, anchor="middle"))
    parts.append("</svg>")
    return "".join(parts)
