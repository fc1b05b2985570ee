"""``stc record from-issue``'s one core call: the fact a filled-in issue form holds, recorded
with the same checks and the same write as ``stc record``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from stc_plan.inputs.issue import FormFact, read_event
from stc_plan.messages import Msg
from stc_plan.model.plan import Plan


@dataclass(frozen=True)
class IssueRecorded:
    """The fact, and the progress file it went into (or would go into, in a dry run)."""

    fact: FormFact
    path: Path
    written: bool


def record_from_issue(
    event: Path,
    plan: Plan,
    facts_path: Path,
    *,
    today: date,
    trusted: tuple[str, ...] = (),
    dry_run: bool = False,
    on_wait: Callable[[Msg | str], None] | None = None,
) -> IssueRecorded:
    """Read the event at ``event``, then record its fact in ``facts_path`` (unless
    ``dry_run``). Raises FormRejected, FactRejected or FileUnreadable; nothing written."""
    from stc_plan.parse.source import read_bytes
    from stc_plan.write.facts import add_fact, check_not_future

    fact = read_event(read_bytes(event, suffix=".json"), str(event), plan, trusted=trusted)
    check_not_future(fact.values["date"], today)
    done = add_fact(facts_path, plan, fact.section, fact.values, on_wait=on_wait, dry_run=dry_run)
    return IssueRecorded(fact, done.path, not dry_run)
