"""``stc members import``'s one core call: a member-register export counted per branch, and
only the counts recorded. No name, e-mail or personal number leaves the counting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from stc_plan.messages import Msg
from stc_plan.model.plan import Plan


@dataclass(frozen=True)
class Imported:
    """What was recorded where: members per branch id, the branches without rows."""

    path: Path
    day: date
    counts: dict[str, int]
    absent: list[str]


def import_register(
    register: Path,
    day: date,
    plan: Plan,
    facts_path: Path,
    *,
    today: date,
    encoding: str | None = None,
    on_wait: Callable[[Msg | str], None] | None = None,
) -> Imported:
    """Count the export at ``register`` per branch of ``plan`` and record the counts as of
    ``day`` in the progress file at ``facts_path``. Raises FactRejected (a register that
    cannot be counted included) or FileUnreadable, having written nothing."""
    from stc_plan.inputs.register import RegisterError, count_members
    from stc_plan.parse.source import read_bytes
    from stc_plan.write.facts import FactRejected, add_fact, check_not_future

    branches = {b.id: b.name for b in plan.branches}
    raw = read_bytes(register, limit="max_register_bytes", suffix=".csv")
    try:
        counted = count_members(raw, str(register), branches, encoding=encoding)
    except RegisterError as exc:
        raise FactRejected([exc.args[0]]) from exc
    check_not_future(day, today)
    facts = {"date": day, "counts": counted.counts}
    done = add_fact(facts_path, plan, "members", facts, on_wait=on_wait)
    return Imported(done.path, day, counted.counts, counted.absent)
