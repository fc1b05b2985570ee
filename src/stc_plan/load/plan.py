"""Read a plan file: bytes -> text -> YAML with positions -> validated ``Plan``.

``read_plan`` collects every problem it can find in one pass: decoding, YAML syntax,
loader-level problems (duplicate keys, tags), schema errors, then the plan's own rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from stc_plan.errors import FileUnreadable, PlanInvalid, Problem, Severity
from stc_plan.load.yamlpos import Document, decode, parse
from stc_plan.model.plan import Plan


@dataclass
class PlanCheck:
    """The outcome of reading one plan file: the plan if it is valid, and every problem."""

    path: Path
    plan: Plan | None
    doc: Document | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Problems that make the plan invalid."""
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """Problems worth knowing that do not make the plan invalid."""
        return [p for p in self.problems if p.severity is Severity.WARNING]


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or FileUnreadable with a reason a person understands."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise FileUnreadable(path, "no such file; check the path") from None
    except IsADirectoryError:
        raise FileUnreadable(path, "it is a folder; name a .yaml file in it") from None
    except PermissionError:
        raise FileUnreadable(path, "permission denied") from None
    except OSError as exc:
        raise FileUnreadable(path, exc.strerror or str(exc)) from None


def check_plan_file(path: Path, *, name: str | None = None) -> PlanCheck:
    """Read and validate the plan at ``path``; problems are named after ``name`` or the path."""
    shown = name or str(path)
    raw = read_bytes(path)
    return check_plan_bytes(raw, shown, path)


def check_plan_bytes(raw: bytes, name: str, path: Path | None = None) -> PlanCheck:
    """Validate a plan given as bytes (a file, or a blob from git)."""
    from stc_plan.validate.rules import check_plan
    from stc_plan.validate.shape import validate
    from stc_plan.validate.where import describe

    where = path or Path(name)
    text, problem = decode(raw, name)
    if text is None:
        assert problem is not None
        return PlanCheck(where, None, None, [problem])
    doc = parse(text, name, describe=describe)
    if doc.root is None and not doc.problems:
        msg = "the file is empty; a plan starts with 'version: 1' and 'year:' (see plans/2025.yaml)"
        return PlanCheck(where, None, doc, [Problem(name, 1, 1, msg)])
    if doc.data is not None and not isinstance(doc.data, dict):
        msg = "a plan is a mapping of keys (version, year, goals, ...), not a list or a value"
        return PlanCheck(where, None, doc, [*doc.problems, Problem(name, 1, 1, msg)])
    if doc.data is None:
        return PlanCheck(where, None, doc, list(doc.problems))
    plan, shape_problems = validate(doc, Plan)
    problems = [*doc.problems, *shape_problems]
    if plan is not None:
        problems.extend(check_plan(doc, plan))
    else:
        problems.extend(_rules_on_the_rest(doc, shape_problems))
    problems.sort(key=lambda p: (p.line, p.col))
    if any(p.severity is Severity.ERROR for p in problems):
        plan = None
    return PlanCheck(where, plan, doc, problems)


# Lists whose items nothing else refers to: an invalid item can be set aside and the plan's
# rules still run on the rest, so one run reports a type error and a wrong target together.
_PRUNABLE = ("goals", "channels")


def _rules_on_the_rest(doc: Document, shape_problems: list[Problem]) -> list[Problem]:
    """The rules' findings on the plan without its invalid goals and channels, if that is valid.

    Findings are placed through the original document, with list indices mapped back.
    """
    from stc_plan.validate.rules import check_plan
    from stc_plan.validate.shape import validate

    data = doc.data
    assert isinstance(data, dict)
    bad: dict[str, set[int]] = {k: set() for k in _PRUNABLE}
    for problem in [*doc.problems, *shape_problems]:
        for key in _PRUNABLE:
            items = data.get(key)
            if not isinstance(items, list):
                continue
            for i in range(len(items)):
                if doc.locate((key, i))[0] <= problem.line <= _last_line(doc, (key, i)):
                    bad[key].add(i)
    keep = {k: [i for i in range(len(data.get(k) or [])) if i not in bad[k]] for k in _PRUNABLE}
    pruned = dict(data)
    for key, indices in keep.items():
        if isinstance(data.get(key), list):
            pruned[key] = [data[key][i] for i in indices]
    shadow = Document(doc.name, pruned, None)
    plan, problems = validate(shadow, Plan)
    if plan is None or problems:
        return []  # errors outside goals and channels: the rules would only guess

    remapped = _Remapped(doc, keep)
    return check_plan(remapped, plan)


def _last_line(doc: Document, path: tuple[str | int, ...]) -> int:
    node = doc.node_at(path)
    return node.end_mark.line + 1 if node is not None else 0


class _Remapped(Document):
    """A document view whose list indices for pruned lists map back to the original file."""

    def __init__(self, doc: Document, keep: dict[str, list[int]]) -> None:
        super().__init__(doc.name, doc.data, doc.root, doc.problems, doc.bad_paths)
        self._keep = keep

    def origin(self, path: tuple[str | int, ...]) -> tuple[str | int, ...]:
        if len(path) >= 2 and path[0] in self._keep and isinstance(path[1], int):
            return (path[0], self._keep[str(path[0])][path[1]], *path[2:])
        return path


def load_plan(path: Path) -> Plan:
    """The valid plan at ``path``, or PlanInvalid carrying its errors."""
    result = check_plan_file(path)
    if result.plan is None or result.errors:
        raise PlanInvalid(result.errors)
    return result.plan
