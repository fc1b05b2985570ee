"""Turn a path in the document into a positioned, self-explaining problem.

Every message about a goal names the goal: ``goal 'ny-i-c': at_least: ...``. The subject is
read from the raw data, so it works for documents that failed validation too.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from stc_plan.errors import DocPath, Problem, Severity
from stc_plan.messages import Msg
from stc_plan.parse.yamlpos import Document

# list key in the plan -> (word for one item, key that names it)
SUBJECTS: dict[str, tuple[str, str]] = {
    "goals": ("subject.goal", "id"),
    "overarching": ("subject.overarching", "id"),
    "sections": ("subject.section", "id"),
    "branches": ("subject.branch", "id"),
    "siblings": ("subject.sibling", "id"),
    "channels": ("subject.channel", "id"),
    "rows": ("subject.membership-row", "unit"),
    # progress files
    "members": ("subject.member-count", "date"),
    "activities": ("subject.activity", "title"),
    "done": ("subject.done", "goal"),
    "readings": ("subject.reading", "goal"),
    "checkins": ("subject.checkin", "goal"),
}


def subject(data: Any, path: DocPath) -> tuple[Msg | str, int]:
    """The words naming what ``path`` is about, and how many path parts they cover.

    The innermost named item wins: ``membership.rows[2].target`` is about membership row
    'östra-söderort', not about the membership as a whole.
    """
    best: tuple[Msg | str, int] = ("", 0)
    node = data
    for i, part in enumerate(path):
        if isinstance(node, dict) and isinstance(part, str):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            parent = path[i - 1] if i > 0 else None
            if isinstance(parent, str) and parent in SUBJECTS:
                word, key = SUBJECTS[parent]
                name = node.get(key) if isinstance(node, dict) else None
                if parent == "readings" and isinstance(node, dict) and not name:
                    name = node.get("channel")  # a reading names a goal or a channel
                label = (
                    Msg("subject.named", word=Msg(word), name=name)
                    if _nameable(name)
                    else Msg("subject.nth", word=Msg(word), n=part + 1)
                )
                best = (label, i + 1)
        else:
            break
    return best


def _nameable(name: Any) -> bool:
    return (isinstance(name, str) and bool(name)) or isinstance(name, date)


def describe(data: Any, path: DocPath) -> Msg | str:
    """What ``path`` is about, e.g. ``goal 'guide'``; empty outside any named item."""
    return subject(data, path)[0]


def field_label(path: DocPath) -> str:
    """``("serves", 1)`` -> ``serves[2]``: keys dotted, list items counted from one."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + part
    return out


def problem_at(
    doc: Document,
    path: DocPath,
    message: Msg | str,
    *,
    severity: Severity = Severity.ERROR,
    key: bool = False,
    field: bool = True,
) -> Problem:
    """A problem at ``path``, its message prefixed with what it is about and which field."""
    path = doc.origin(path)
    who, covered = subject(doc.data, path)
    # For a key itself (unknown, duplicate) the key is in the message, not in the label.
    rest = field_label(path[covered : len(path) - 1 if key else None]) if field else ""
    line, col = doc.locate(path, key=key)
    return Problem(doc.name, line, col, about(who, about(rest, message)), severity)


def about(where: Msg | str, message: Msg | str) -> Msg | str:
    """``message`` prefixed with what it is about: "goal 'x': at_least: ..."."""
    return Msg("at", where=where, message=message) if where else message
