"""Reports as JSON and CSV: the same fields as the tables, in a stable, versioned shape.

The shapes are documented in docs/formats.md; ``SHAPE_VERSION`` changes when a field is
removed or changes meaning (adding a field does not change it).
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from decimal import Decimal
from typing import Any, TextIO

from stc_plan.evaluate.goals import GoalStatus
from stc_plan.evaluate.members import MemberLine, MembersReport
from stc_plan.evaluate.status import ChannelStatus, StatusReport
from stc_plan.model.growth import round_half_up
from stc_plan.render.escape import csv_cell
from stc_plan.render.words import target_fields

SHAPE_VERSION = 1


def _dec(value: Decimal | None, places: int = 2) -> float | int | None:
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(round_half_up(value, places))


def goal_dict(s: GoalStatus) -> dict[str, Any]:
    """One goal's status as plain data."""
    c = s.checkin
    return {
        "id": s.goal.id,
        "section": s.goal.section,
        "kind": s.goal.kind,
        "title": s.goal.title,
        "serves": list(s.goal.serves),
        "state": s.state.value,
        "actual": _dec(s.actual),
        "target": _dec(s.target),
        "remaining": _dec(s.remaining),
        "expected": _dec(s.expected),
        "percent": _dec(s.percent, 1),
        "missing": list(s.missing),
        "done_on": s.done_on.isoformat() if s.done_on else None,
        "late": s.late,
        "past_target": _dec(s.past_target),
        "terms": [
            {"term": p.term, "held": p.held, "quota": p.quota, "state": p.state.value}
            for p in s.terms
        ],
        "reading_on": s.reading_on.isoformat() if s.reading_on else None,
        "baseline": _dec(s.baseline),
        "here": _dec(s.here),  # a branch's view: the branch's part of a district-wide count
        "last_checkin": None
        if c is None
        else {"date": c.date.isoformat(), "rating": c.rating, "note": c.note},
        "plan_target": target_fields(s.goal),
    }


def member_dict(line: MemberLine) -> dict[str, Any]:
    """One membership line as plain data."""
    return {
        "unit": line.unit,
        "name": line.name,
        "kind": line.kind,
        "baseline": line.baseline,
        "target": line.target,
        "planned_growth_percent": _dec(line.planned_growth),
        "count": line.count,
        "counted_on": line.counted_on.isoformat() if line.counted_on else None,
        "change": line.change,
        "growth_percent": _dec(line.growth),
        "gap": line.gap,
        "expected": _dec(line.expected, 1),
        "per_month": _dec(line.per_month, 1),
        "projection": _dec(line.projection, 1),
        "state": line.state.value if line.state else "held",
    }


def members_dict(m: MembersReport) -> dict[str, Any]:
    """The membership report as plain data."""
    return {
        "as_of": m.as_of.isoformat(),
        "baseline_date": m.baseline_date.isoformat(),
        "growth_rule_percent": _dec(m.growth_rule),
        "months_left": _dec(m.months_left, 1),
        "lines": [member_dict(x) for x in m.lines],
        "total": member_dict(m.total),
        "total_without_siblings": member_dict(m.total_without_siblings),
    }


def status_dict(report: StatusReport) -> dict[str, Any]:
    """The status report as plain data."""
    states = Counter(s.value for s in report.goal_states())
    return {
        "shape": SHAPE_VERSION,
        "plan": {"title": report.title, "organisation": report.organisation, "year": report.year},
        "as_of": report.as_of.isoformat(),
        "requested": report.requested.isoformat(),
        "clamped": report.clamped,
        "branch": report.branch,
        "summary": {"goals": sum(states.values()), "states": dict(states)},
        "overarching": [
            {
                "id": o.id,
                "title": o.title,
                "state": o.state.value,
                "measured_by": o.measure,
                "served_by": o.served_by,
                "contributing": {
                    "goals": len(o.contributing),
                    "needing_attention": {s.value: n for s, n in o.attention().items()},
                },
            }
            for o in report.overarching
        ],
        "sections": [
            {"id": s.id, "title": s.title, "goals": [goal_dict(g) for g in s.goals]}
            for s in report.sections
        ],
        "membership": members_dict(report.membership),
        "channels": [channel_dict(c) for c in report.channels],
    }


def channel_dict(c: ChannelStatus) -> dict[str, Any]:
    """A channel's figure in the plan and its latest reading as plain data."""
    return {
        "id": c.id,
        "name": c.name,
        "in_plan": c.baseline,
        "latest": _dec(c.latest),
        "read_on": c.read_on.isoformat() if c.read_on else None,
        "change": _dec(c.change),
        "target": None,
        "state": "target-not-set",
    }


def write_json_list(items: list[dict[str, Any]], out: TextIO) -> None:
    """Several documents as one JSON list."""
    json.dump(items, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_json(data: dict[str, Any], out: TextIO) -> None:
    """Indented UTF-8 JSON and a newline."""
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


STATUS_CSV = (
    "year",
    "section",
    "id",
    "kind",
    "state",
    "actual",
    "target",
    "remaining",
    "expected",
    "percent",
    "missing",
    "done_on",
    "last_checkin_date",
    "last_checkin_rating",
    "title",
    "reading_on",
    "baseline",
    "late",
)
MEMBERS_CSV = (
    "unit",
    "name",
    "kind",
    "baseline",
    "target",
    "count",
    "counted_on",
    "change",
    "growth_percent",
    "gap",
    "per_month",
    "projection",
    "state",
)


def _cell(value: Any) -> str:
    return csv_cell("" if value is None else str(value))


def write_status_csv(report: StatusReport, out: TextIO, *, header: bool = True) -> None:
    """One row per goal, the columns of STATUS_CSV."""
    writer = csv.writer(out, lineterminator="\n")
    if header:
        writer.writerow(STATUS_CSV)
    for s in report.goal_statuses():
        d = goal_dict(s)
        c = d["last_checkin"] or {}
        row = {
            **d,
            "year": report.year,
            "missing": " ".join(d["missing"]),
            "last_checkin_date": c.get("date"),
            "last_checkin_rating": c.get("rating"),
        }
        writer.writerow([_cell(row[k]) for k in STATUS_CSV])
    for c in report.channels:
        d = channel_dict(c)
        row = {
            **dict.fromkeys(STATUS_CSV),
            "year": report.year,
            "id": c.id,
            "kind": "channel",
            "state": d["state"],
            "actual": d["latest"],
            "title": c.name,
            "reading_on": d["read_on"],
            "baseline": d["in_plan"],
        }
        writer.writerow([_cell(row[k]) for k in STATUS_CSV])


def write_members_csv(m: MembersReport, out: TextIO) -> None:
    """One row per branch, sibling group and total, the columns of MEMBERS_CSV."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(MEMBERS_CSV)
    for line in [*m.lines, m.total, m.total_without_siblings]:
        d = member_dict(line)
        writer.writerow([_cell(d[k]) for k in MEMBERS_CSV])


def write_comparison_csv(a: StatusReport, b: StatusReport, out: TextIO) -> None:
    """Two years side by side: one row per unit, each year's columns named with its year;
    an empty cell where a year has no such unit or no count."""
    writer = csv.writer(out, lineterminator="\n")
    fields = ("baseline", "target", "count")
    writer.writerow(["unit", "name", *(f"{r.year}_{f}" for r in (a, b) for f in fields)])
    units: dict[str, str] = {}
    for r in (a, b):
        for x in r.membership.lines:
            units.setdefault(x.unit, x.name)
    by_year = [{x.unit: x for x in r.membership.lines} for r in (a, b)]
    rows: list[tuple[str, str, list[MemberLine | None]]] = [
        (u, n, [year.get(u) for year in by_year]) for u, n in units.items()
    ]
    rows.append(("total", "total", [r.membership.total for r in (a, b)]))
    rows.append(
        (
            "total-without-siblings",
            "total-without-siblings",
            [r.membership.total_without_siblings for r in (a, b)],
        )
    )
    for unit, name, lines in rows:
        cells: list[int | None] = []
        for line in lines:
            cells += (
                [None, None, None] if line is None else [line.baseline, line.target, line.count]
            )
        writer.writerow([_cell(unit), _cell(name), *(_cell(c) for c in cells)])
