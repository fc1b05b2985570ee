"""What changed between two versions of a plan (and its facts), in the plan's terms.

Compares the validated models, never the text: whitespace, comments and key order are no
difference. Pure: two plans (and optionally two sets of facts) in, a ``PlanDiff`` out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from stc_plan.model.facts import Progress
from stc_plan.model.growth import growth_percent
from stc_plan.model.plan import TARGET_FIELDS, Plan


@dataclass(frozen=True)
class Change:
    """One difference: what kind, about what, which field, and the old and new values."""

    kind: str  # added, removed, retitled, moved, changed
    what: str  # goal, overarching, section, branch, sibling, channel, membership, plan, fact
    id: str
    field: str = ""
    old: Any = None
    new: Any = None


@dataclass
class PlanDiff:
    """Every change between ``old`` and ``new``."""

    old_name: str
    new_name: str
    changes: list[Change] = field(default_factory=list)
    growth: tuple[Decimal | None, Decimal | None] | None = None  # district total, old -> new

    @property
    def empty(self) -> bool:
        """Whether the versions mean the same."""
        return not self.changes


def _by_id(items: list[Any]) -> dict[str, Any]:
    return {i.id: i for i in items}


def _plain(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _named(
    out: list[Change], what: str, old: list[Any], new: list[Any], title: str = "title"
) -> None:
    before, after = _by_id(old), _by_id(new)
    for key in after.keys() - before.keys():
        out.append(Change("added", what, key, new=getattr(after[key], title)))
    for key in before.keys() - after.keys():
        out.append(Change("removed", what, key, old=getattr(before[key], title)))
    for key in sorted(before.keys() & after.keys()):
        a, b = before[key], after[key]
        if getattr(a, title) != getattr(b, title):
            out.append(Change("retitled", what, key, title, getattr(a, title), getattr(b, title)))


def diff_plans(
    old: Plan | None,
    new: Plan,
    *,
    old_name: str,
    new_name: str,
    old_facts: Progress | None = None,
    new_facts: Progress | None = None,
) -> PlanDiff:
    """The changes from ``old`` to ``new``. ``old`` is None for a plan that did not exist
    (just drafted by ``stc new``): then everything in ``new`` is added. A progress file on
    one side only is compared with no facts on the other."""
    out: list[Change] = []
    if old is None:
        _everything(out, new)
        if new_facts is not None:
            _facts(out, _no_facts(new.year), new_facts)
        total = new.membership.total
        planned = growth_percent(total.baseline, total.target)
        return PlanDiff(old_name, new_name, _ordered(out), (None, planned))
    for key in ("year", "organisation", "title"):
        if getattr(old, key) != getattr(new, key):
            out.append(Change("changed", "plan", key, key, getattr(old, key), getattr(new, key)))
    _named(out, "section", old.sections, new.sections)
    _named(out, "overarching", old.overarching, new.overarching)
    _named(out, "branch", old.branches, new.branches, "name")
    _named(out, "sibling", old.siblings, new.siblings, "name")
    _named(out, "channel", old.channels, new.channels, "name")
    _goals(out, old, new)
    _membership(out, old, new)
    if old_facts is not None or new_facts is not None:
        _facts(out, old_facts or _no_facts(old.year), new_facts or _no_facts(new.year))
    o, n = old.membership.total, new.membership.total
    growth = (growth_percent(o.baseline, o.target), growth_percent(n.baseline, n.target))
    return PlanDiff(old_name, new_name, _ordered(out), growth if growth[0] != growth[1] else None)


def _no_facts(year: int) -> Progress:
    return Progress(version=1, year=year)


def _everything(out: list[Change], new: Plan) -> None:
    """A new plan: each of its parts added."""
    out.append(Change("added", "plan", str(new.year), new=new.title))
    for what, items, title in (
        ("section", new.sections, "title"),
        ("overarching", new.overarching, "title"),
        ("goal", new.goals, "title"),
        ("branch", new.branches, "name"),
        ("sibling", new.siblings, "name"),
        ("channel", new.channels, "name"),
    ):
        for item in items:
            out.append(Change("added", what, item.id, new=getattr(item, title)))
    for row in new.membership.rows:
        out.append(Change("added", "membership", row.unit, new=f"{row.baseline} → {row.target}"))


def _goals(out: list[Change], old: Plan, new: Plan) -> None:
    before, after = _by_id(old.goals), _by_id(new.goals)
    added = [g.id for g in new.goals if g.id not in before]
    removed = [g.id for g in old.goals if g.id not in after]
    # A goal whose id changed but whose words did not was renamed, not replaced.
    for key in list(added):
        twin = next((r for r in removed if before[r].title == after[key].title), None)
        if twin is not None:
            out.append(Change("renamed", "goal", twin, "id", twin, key))
            added.remove(key)
            removed.remove(twin)
    for key in added:
        out.append(Change("added", "goal", key, new=after[key].title))
    for key in removed:
        out.append(Change("removed", "goal", key, old=before[key].title))
    for key in [g.id for g in new.goals if g.id in before]:
        a, b = before[key], after[key]
        if a.title != b.title:
            out.append(Change("retitled", "goal", key, "title", a.title, b.title))
        if a.section != b.section:
            out.append(Change("moved", "goal", key, "section", a.section, b.section))
        if a.kind != b.kind:
            out.append(Change("changed", "goal", key, "kind", a.kind, b.kind))
            continue
        for name in sorted(TARGET_FIELDS[a.kind] | {"serves", "note"}):
            va, vb = _plain(getattr(a, name, None)), _plain(getattr(b, name, None))
            if va != vb:
                out.append(Change("changed", "goal", key, name, va, vb))


def _membership(out: list[Change], old: Plan, new: Plan) -> None:
    a, b = old.membership, new.membership
    for name in ("growth_percent", "baseline_date", "rounding", "serves"):
        va, vb = _plain(getattr(a, name)), _plain(getattr(b, name))
        if va != vb:
            out.append(Change("changed", "membership", "rule", name, va, vb))
    rows_a = {r.unit: r for r in a.rows}
    rows_b = {r.unit: r for r in b.rows}
    for unit in rows_b.keys() - rows_a.keys():
        out.append(
            Change(
                "added", "membership", unit, new=f"{rows_b[unit].baseline} → {rows_b[unit].target}"
            )
        )
    for unit in rows_a.keys() - rows_b.keys():
        out.append(Change("removed", "membership", unit))
    for unit in [r.unit for r in b.rows if r.unit in rows_a]:
        for name in ("baseline", "target", "rule"):
            va, vb = getattr(rows_a[unit], name), getattr(rows_b[unit], name)
            if va != vb:
                out.append(Change("changed", "membership", unit, name, va, vb))
    for name in ("baseline", "target"):
        va, vb = getattr(a.total, name), getattr(b.total, name)
        if va != vb:
            out.append(Change("changed", "membership", "total", name, va, vb))


def _facts(out: list[Change], old: Progress, new: Progress) -> None:
    for section in ("members", "activities", "done", "readings", "checkins"):
        seen = [f.model_dump(mode="json") for f in getattr(old, section)]
        for fact in getattr(new, section):
            dumped = fact.model_dump(mode="json")
            if dumped in seen:
                seen.remove(dumped)
                continue
            label = dumped.get("title") or dumped.get("goal") or dumped.get("channel") or ""
            out.append(Change("added", "fact", section, new=f"{dumped['date']} {label}".strip()))
        for gone in seen:
            label = gone.get("title") or gone.get("goal") or gone.get("channel") or ""
            out.append(Change("removed", "fact", section, old=f"{gone['date']} {label}".strip()))


ORDER = (
    "plan",
    "section",
    "overarching",
    "goal",
    "membership",
    "branch",
    "sibling",
    "channel",
    "fact",
)


def _ordered(changes: list[Change]) -> list[Change]:
    return sorted(changes, key=lambda c: ORDER.index(c.what))
