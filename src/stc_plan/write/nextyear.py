"""Draft next year's plan from this year's plan and what was recorded: pure text in, text out.

Goals carry over with their ids and words, deadlines and checkpoints move one year, and the
membership starts from the latest recorded counts (December's where there are any), with
targets by the same growth rule. In an election year the draft carries election day as a
milestone. Nothing is invented: where a number is missing, the draft says so in a comment.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import yaml

from stc_plan.model.facts import Progress
from stc_plan.model.growth import rule_target
from stc_plan.model.plan import MetricGoal, Plan


@dataclass(frozen=True)
class Draft:
    """The new plan's text and what the person reviewing it should know."""

    text: str
    counted_on: date | None
    uncounted: list[str]


def election_day(year: int) -> date | None:
    """Sweden's general election day in ``year``: the second Sunday of September, every
    fourth year from 2022 (None in other years)."""
    if (year - 2022) % 4 != 0:
        return None
    sundays = [d for d in range(1, 15) if calendar.weekday(year, 9, d) == calendar.SUNDAY]
    return date(year, 9, sundays[1])


def _shift(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _latest_counts(plan: Plan, progress: Progress) -> tuple[date | None, dict[str, int]]:
    """December's counts if any, else the latest; per branch, the latest on or before it."""
    if not progress.members:
        return None, {}
    ordered = sorted(progress.members, key=lambda m: m.date)
    december = [m for m in ordered if m.date.month == 12]
    cutoff = (december or ordered)[-1].date
    counts: dict[str, int] = {}
    for m in ordered:
        if m.date <= cutoff:
            counts.update(m.counts)
    return cutoff, counts


def draft_next_year(plan: Plan, progress: Progress, year: int, *, modeline: str | None) -> Draft:
    """The draft plan for ``year`` (the year after ``plan``'s), as commented YAML."""
    years = year - plan.year
    counted_on, counts = _latest_counts(plan, progress)
    siblings = {s.id for s in plan.siblings}
    m = plan.membership
    rows, uncounted = [], []
    for r in m.rows:
        if r.unit in siblings:
            baseline = r.target  # held: the plan assumes their number stays as it was
        elif r.unit in counts:
            baseline = counts[r.unit]
        else:
            baseline = r.baseline
            uncounted.append(r.unit)
        row: dict[str, Any] = {
            "unit": r.unit,
            "baseline": baseline,
            "target": rule_target(baseline, m.growth_percent, r.rule),
        }
        if r.rule != "growth":
            row["rule"] = r.rule
        rows.append(row)
    latest_readings: dict[str, Any] = {}
    for reading in sorted(progress.readings, key=lambda x: x.date):
        if reading.goal is not None:
            latest_readings[reading.goal] = reading
    goals = []
    for g in plan.goals:
        data = g.model_dump(mode="python", exclude_none=True, exclude={"seed_line"})
        for key in ("deadline", "baseline_date"):
            if key in data:
                data[key] = _shift(data[key], years)
        # When work started is history, not moved; a start before last year means the work
        # runs from the year's beginning, which is what leaving it out says.
        if "started" in data and data["started"].year < year - 1:
            del data["started"]
        if data.get("checkpoints"):
            data["checkpoints"] = [{**c, "by": _shift(c["by"], years)} for c in data["checkpoints"]]
        if isinstance(g, MetricGoal) and g.id in latest_readings:
            # Next year's metric starts where this year's ended.
            data["baseline"] = latest_readings[g.id].value
            data["baseline_date"] = latest_readings[g.id].date
        goals.append(_plain(_trim(data, g)))
    doc: dict[str, Any] = {
        "version": 1,
        "year": year,
        "organisation": plan.organisation,
        "title": plan.title.replace(str(plan.year), str(year))
        if str(plan.year) in plan.title
        else f"{plan.title} {year}",
        "sections": [
            {"id": s.id, "title": s.title.replace(str(plan.year), str(year))} for s in plan.sections
        ],
        "overarching": [
            o.model_dump(exclude_none=True, exclude={"seed_line"}) for o in plan.overarching
        ],
        "branches": [b.model_dump(exclude_none=True) for b in plan.branches],
        "siblings": [s.model_dump(exclude_none=True) for s in plan.siblings],
        "membership": {
            "serves": list(m.serves),
            "baseline_date": counted_on or _shift(m.baseline_date, years),
            "growth_percent": _plain(m.growth_percent),
            "rounding": m.rounding,
            "rows": rows,
            "total": {
                "baseline": sum(r["baseline"] for r in rows),
                "target": sum(r["target"] for r in rows),
            },
        },
        "channels": [c.model_dump(exclude_none=True, exclude={"seed_line"}) for c in plan.channels],
    }
    day = election_day(year)
    if day is not None:
        doc["election"] = {"day": day}
        first = plan.sections[0].id
        goals.insert(
            0,
            {
                "id": "valdagen",
                "section": first,
                "kind": "milestone",
                "title": f"Valdagen {day.day} september {year}.",
                "serves": [o.id for o in plan.overarching],
                "deadline": day,
            },
        )
    doc["goals"] = goals
    body = yaml.dump(
        doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=96, default_flow_style=False
    )
    return Draft(
        _header(plan, year, modeline, counted_on, uncounted, day) + body, counted_on, uncounted
    )


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key, as the plans are written by hand."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _trim(data: dict[str, Any], goal: Any) -> dict[str, Any]:
    # Defaults the original plan did not spell out stay unspelt, to keep the draft readable.
    for key, field in type(goal).model_fields.items():
        unset = key in data and key not in goal.model_fields_set
        if unset and (data[key] == field.default or data[key] == []):
            del data[key]
    return data


def _header(
    plan: Plan,
    year: int,
    modeline: str | None,
    counted_on: date | None,
    uncounted: list[str],
    day: date | None,
) -> str:
    lines = [modeline] if modeline else []
    lines += [
        "#",
        f"# UTKAST till verksamhetsplan {year}, framtaget med `stc new` ur planen för {plan.year}.",
        "# Målen är förda över med sina id och ordalydelser, deadlines flyttade ett år.",
        "# Gå igenom allt, skriv in årets nya mål och ta bort denna rad när planen är antagen.",
    ]
    if counted_on is not None:
        month = "december" if counted_on.month == 12 else "den senaste räkningen (ingen i december)"
        lines.append(f"# Medlemsbaslinjen är {month}: räkningen {counted_on.isoformat()}.")
    else:
        lines.append(
            f"# Inga medlemstal registrerades {plan.year}: baslinjen är förra årets; uppdatera den."
        )
    if uncounted:
        lines.append(f"# Ingen räkning för {', '.join(uncounted)}: förra årets baslinje står kvar.")
    if day is not None:
        lines += [
            f"# {year} är valår: valdagen är {day.isoformat()}. Ange valrörelsens period så:",
            "#   election:",
            f"#     day: {day.isoformat()}",
            f"#     campaign: {{start: {year}-MM-DD, end: {day.isoformat()}}}",
            "# och mål som bara räknar aktiviteter under valrörelsen med `within: campaign`.",
        ]
    return "\n".join(lines) + "\n"
