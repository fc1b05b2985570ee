"""A plan diff as text, as Markdown (a pull-request comment or a job summary), or as JSON."""

from __future__ import annotations

import json
from typing import Any, TextIO

from stc_plan.errors import one_line
from stc_plan.evaluate.diff import Change, PlanDiff
from stc_plan.i18n import percent
from stc_plan.model.growth import round_half_up
from stc_plan.render.escape import md_code, md_escape


def _value(v: Any) -> str:
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {_value(x)}" for k, x in v.items()) + "}"
    if isinstance(v, str) and (" " in v or not v):
        return f'"{v}"'
    return str(v)


def describe(c: Change) -> str:
    """One change in a line."""
    subject = f"{c.what} {c.id}" if c.what != "fact" else f"fact in {c.id}"
    if c.kind == "added":
        return f"{subject}: added {_value(c.new)}" if c.new is not None else f"{subject}: added"
    if c.kind == "removed":
        return f"{subject}: removed {_value(c.old)}" if c.old is not None else f"{subject}: removed"
    if c.kind == "renamed":
        return f"{subject}: renamed to {c.new}"
    if c.kind == "moved":
        return f"{subject}: moved from section {c.old} to {c.new}"
    return f"{subject}: {c.field} {_value(c.old)} → {_value(c.new)}"


def _growth(d: PlanDiff) -> str | None:
    if d.growth is None:
        return None
    old, new = d.growth
    return (
        f"the district's growth by the plan: {percent(old, 'en', places=2)} → "
        f"{percent(new, 'en', places=2)}"
    )


def write_text(d: PlanDiff, out: TextIO) -> None:
    """``old → new`` and a line per change; a single line when nothing changed."""
    out.write(f"{one_line(d.old_name)} → {one_line(d.new_name)}\n")
    if d.empty:
        out.write("no changes\n")
        return
    for c in d.changes:
        out.write(describe(c) + "\n")
    growth = _growth(d)
    if growth:
        out.write(growth + "\n")


def write_markdown(d: PlanDiff, out: TextIO) -> None:
    """A heading and a bullet list, ready for a pull request or ``$GITHUB_STEP_SUMMARY``."""
    out.write(f"### Plan changes: {md_code(d.old_name)} → {md_code(d.new_name)}\n\n")
    if d.empty:
        out.write("No changes to the plan's meaning.\n")
        return
    for c in d.changes:
        out.write(f"- {md_escape(describe(c))}\n")
    growth = _growth(d)
    if growth:
        out.write(f"\n**{md_escape(growth)}**\n")


def diff_dict(d: PlanDiff) -> dict[str, Any]:
    """The diff as plain data."""
    growth = None
    if d.growth is not None:
        growth = {
            "old": None if d.growth[0] is None else float(round_half_up(d.growth[0], 2)),
            "new": None if d.growth[1] is None else float(round_half_up(d.growth[1], 2)),
        }
    return {
        "shape": 1,
        "old": d.old_name,
        "new": d.new_name,
        "changed": not d.empty,
        "changes": [
            {
                "kind": c.kind,
                "what": c.what,
                "id": c.id,
                "field": c.field or None,
                "old": c.old,
                "new": c.new,
            }
            for c in d.changes
        ],
        "district_growth_percent": growth,
    }


def write_json(d: PlanDiff, out: TextIO) -> None:
    """Indented JSON."""
    json.dump(diff_dict(d), out, ensure_ascii=False, indent=2)
    out.write("\n")


DIFF_FORMATS = {"text": write_text, "markdown": write_markdown, "json": write_json}
