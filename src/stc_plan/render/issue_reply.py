"""The reply stc writes for an issue form (posted by the workflow as a comment): the fact as
recorded, or the one-line error and how to fix the form. Anything from the form, the error
included (it may quote a field), is shown inside a fenced block, so nothing its author wrote
can mention anyone, link or format."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from stc_plan.i18n import Lang, t
from stc_plan.inputs.issue import FormFact


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def fact_yaml(fact: FormFact) -> str:
    """The fact as the progress file holds it."""
    import yaml

    entry = {k: _plain(v) for k, v in fact.values.items() if v not in (None, [], "")}
    return str(yaml.safe_dump({fact.section: [entry]}, allow_unicode=True, sort_keys=False))


def fenced(text: str, info: str = "") -> str:
    """``text`` in a fenced code block that no run of backticks in it can close."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text.rstrip()}\n{fence}"


def reply(
    fact: FormFact | None,
    path: str | None,
    error: str | None,
    lang: Lang,
    *,
    untrusted: bool = False,
    notes: Sequence[str] = (),
) -> str:
    """The comment: the fact and where it was recorded (with ``notes`` worth a second look,
    fenced like the fact: they name the plan's words), or the error and what to do."""
    if fact is None or error is not None:
        parts = [t("reply.refused", lang), fenced(error or "")]
        if not untrusted:  # editing the form would not help someone not trusted
            parts.append(t("reply.how-to-fix", lang))
    else:
        # The workflow adds the pull request's address after the last line, once it exists.
        parts = [
            t("reply.recorded", lang, file=path or ""),
            fenced(fact_yaml(fact), "yaml"),
            *([fenced("\n".join(notes))] if notes else []),
            t("reply.pr", lang),
        ]
    return "\n\n".join(parts) + "\n"
