"""Status as JSON: the same content as the tables, in a stable shape (docs/formats.md)."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from typing import Any, TextIO

from stc_plan.evaluate.status import MembershipLine, StatusReport
from stc_plan.i18n import Lang
from stc_plan.model.growth import round_half_up
from stc_plan.render.words import target_fields

SHAPE_VERSION = 1


def _pct(value: Decimal | None) -> float | None:
    return None if value is None else float(round_half_up(value, 2))


def _line(line: MembershipLine) -> dict[str, Any]:
    return {
        "unit": line.unit,
        "name": line.name,
        "baseline": line.baseline,
        "target": line.target,
        "growth_percent": _pct(line.growth),
        "rule": line.rule,
    }


def status_dict(report: StatusReport) -> dict[str, Any]:
    """The report as plain JSON-ready data."""
    m = report.membership
    states = Counter(s.value for s in report.goal_states())
    return {
        "shape": SHAPE_VERSION,
        "plan": {"title": report.title, "organisation": report.organisation, "year": report.year},
        "as_of": report.as_of.isoformat(),
        "requested": report.requested.isoformat(),
        "clamped": report.clamped,
        "summary": {"goals": sum(states.values()), "states": dict(states)},
        "overarching": [
            {"id": o.id, "title": o.title, "state": o.state.value, "served_by": o.served_by}
            for o in report.overarching
        ],
        "sections": [
            {
                "id": s.id,
                "title": s.title,
                "goals": [
                    {
                        "id": g.goal.id,
                        "kind": g.goal.kind,
                        "title": g.goal.title,
                        "state": g.state.value,
                        "serves": list(g.goal.serves),
                        "target": target_fields(g.goal),
                    }
                    for g in s.goals
                ],
            }
            for s in report.sections
        ],
        "membership": {
            "baseline_date": m.baseline_date.isoformat(),
            "growth_percent": _pct(m.growth_percent),
            "rows": [_line(r) for r in m.rows],
            "total": _line(m.total),
            "total_without_siblings": _line(m.total_without_siblings),
        },
    }


def render_json(report: StatusReport, lang: Lang, out: TextIO, width: int) -> None:
    """Indented JSON; ``lang`` and ``width`` do not apply (machines read English keys)."""
    json.dump(status_dict(report), out, ensure_ascii=False, indent=2)
    out.write("\n")
