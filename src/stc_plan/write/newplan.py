"""``stc new``'s one core call: draft next year's plan, prove it passes ``stc check``, write it
(locked and atomic) and the schema an editor needs beside it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from stc_plan.errors import StcError
from stc_plan.messages import Msg
from stc_plan.model.facts import Progress
from stc_plan.model.plan import Plan


class NotNextYear(StcError):
    """A draft was asked for another year than the one after the plan's (wrong usage)."""


class OutputExists(StcError):
    """The file to write exists and overwriting it was not asked for; nothing was written."""


class DraftInvalid(StcError):
    """The draft failed ``stc check``: a bug in the drafting, never the user's."""


@dataclass(frozen=True)
class NewPlan:
    """The draft, where it went (None: to be shown, not written) and what to review."""

    text: str
    written_to: Path | None
    uncounted: list[str]


def new_plan(
    plan_path: Path,
    plan: Plan,
    progress: Progress,
    year: int,
    *,
    target: Path | None = None,
    write: bool = True,
    force: bool = False,
    on_wait: Callable[[Msg | str], None] | None = None,
) -> NewPlan:
    """Draft ``year``'s plan from ``plan`` and what was recorded, check it and, if ``write``,
    write it to ``target`` (default: ``YEAR.yaml`` beside the plan). Raises NotNextYear,
    OutputExists or DraftInvalid, having written nothing."""
    from stc_plan.inputs.plan import check_plan_bytes
    from stc_plan.model.schema import schema_json
    from stc_plan.parse.source import read_bytes
    from stc_plan.write.atomic import locked, read_or_none, real_target, replace_atomically
    from stc_plan.write.nextyear import draft_next_year
    from stc_plan.write.schemafile import place_for, write_schema

    if year != plan.year + 1:
        raise NotNextYear(Msg("write.not-next-year", next=plan.year + 1, value=year))
    where = target or plan_path.with_name(f"{year}.yaml")
    if write and where.exists() and not force:
        raise OutputExists(Msg("write.exists", file=where))
    first = read_bytes(plan_path).decode("utf-8", errors="replace").splitlines()[:1]
    schema = place_for(where, first[0] if first else None)
    draft = draft_next_year(plan, progress, year, modeline=schema.line)
    checked = check_plan_bytes(draft.text.encode("utf-8"), str(where), where)
    if checked.errors:
        reasons = Msg("list.semi", items=tuple(p.text for p in checked.errors[:3]))
        raise DraftInvalid(Msg("write.draft-invalid", reasons=reasons))
    if not write:
        return NewPlan(draft.text, None, draft.uncounted)
    real = real_target(where)
    with locked(real.parent, on_wait=on_wait):
        expected = read_or_none(real)
        replace_atomically(real, draft.text.encode("utf-8"), expected=expected)
    if schema.write_to is not None:  # for editors, wherever the plan lives
        write_schema(schema.write_to, schema_json())
    return NewPlan(draft.text, where, draft.uncounted)
