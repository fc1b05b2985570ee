"""The reading pipeline every file goes through: bytes -> text -> YAML with positions ->
validated model -> the model's own rules. Every problem found on the way is collected.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel

from stc_plan.errors import DocPath, Problem, Severity
from stc_plan.messages import Msg
from stc_plan.parse.yamlpos import Document, decode, parse

M = TypeVar("M", bound=BaseModel)
Rules = Callable[[Document, M], list[Problem]]


@dataclass
class Checked(Generic[M]):
    """The outcome of reading one file: its model if valid, and every problem found."""

    path: Path
    value: M | None
    doc: Document | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Problems that make the file invalid."""
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """Problems worth knowing that do not make the file invalid."""
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def notes(self) -> list[Problem]:
        """Decisions the file records that are worth showing, never a reason to fail."""
        return [p for p in self.problems if p.severity is Severity.NOTE]


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while a file becomes data and models.

    Reading builds millions of small objects, none of them in cycles (an alias that would
    make one is refused), and the collector would otherwise walk them again and again:
    at 100x it took more time than the parsing. Reference counting still frees everything.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@_without_cycle_collection()
def check_bytes(
    raw: bytes,
    name: str,
    path: Path,
    *,
    model: type[M],
    rules: Rules[M],
    what: str,
    empty_hint: str,
    prunable: tuple[str, ...] = (),
) -> Checked[M]:
    """Read ``raw`` as ``model`` and apply ``rules``; problems are named after ``name``.

    Items of the ``prunable`` lists that fail the schema are set aside so the rules still run
    on the rest: one run then reports a type error and a broken rule together.
    """
    from stc_plan.validate.shape import validate
    from stc_plan.validate.where import describe

    text, problem = decode(raw, name)
    if text is None:
        assert problem is not None
        return Checked(path, None, None, [problem])
    doc = parse(text, name, describe=describe)
    if doc.empty and not doc.problems:
        return Checked(
            path, None, doc, [Problem(name, 1, 1, Msg("inputs.empty", hint=Msg(empty_hint)))]
        )
    if not isinstance(doc.data, dict):
        if doc.problems:  # the loader said why already (a bad tag, an alias bomb, ...)
            return Checked(path, None, doc, list(doc.problems))
        msg = Msg(
            "inputs.not-a-mapping",
            what=Msg(what),
        )
        return Checked(path, None, doc, [Problem(name, 1, 1, msg)])
    value, shape_problems = validate(doc, model)
    problems = [*doc.problems, *shape_problems]
    if value is not None:
        problems.extend(rules(doc, value))
    elif prunable:
        problems.extend(_rules_on_the_rest(doc, model, rules, prunable, problems))
    problems.sort(key=lambda p: (p.line, p.col))
    if any(p.severity is Severity.ERROR for p in problems):
        value = None
    return Checked(path, value, doc, problems)


def _rules_on_the_rest(
    doc: Document,
    model: type[M],
    rules: Rules[M],
    prunable: tuple[str, ...],
    found: list[Problem],
) -> list[Problem]:
    """The rules' findings without the invalid items of ``prunable`` lists, if that is valid.

    Findings are placed through the original document, with list indices mapped back.
    """
    from stc_plan.validate.shape import validate

    data = doc.data
    assert isinstance(data, dict)
    keep: dict[str, list[int]] = {}
    pruned = dict(data)
    for key in prunable:
        items = data.get(key)
        if not isinstance(items, list):
            continue
        spans = [(doc.locate((key, i))[0], _last_line(doc, (key, i))) for i in range(len(items))]
        keep[key] = [
            i
            for i, (first, last) in enumerate(spans)
            if not any(first <= p.line <= last for p in found)
        ]
        pruned[key] = [items[i] for i in keep[key]]
    value, problems = validate(Document(doc.name, pruned, None), model)
    if value is None or problems:
        return []  # errors outside the prunable lists: the rules would only guess
    return rules(_Remapped(doc, keep), value)


def _last_line(doc: Document, path: DocPath) -> int:
    node = doc.node_at(path)
    return node.end_mark.line + 1 if node is not None else 0


class _Remapped(Document):
    """A view of a document whose pruned lists' indices map back to the file's."""

    def __init__(self, doc: Document, keep: dict[str, list[int]]) -> None:
        super().__init__(doc.name, doc.data, doc.text, doc.problems, doc.bad_paths)
        self._keep = keep

    def origin(self, path: DocPath) -> DocPath:
        if len(path) >= 2 and path[0] in self._keep and isinstance(path[1], int):
            return (path[0], self._keep[str(path[0])][path[1]], *path[2:])
        return path
