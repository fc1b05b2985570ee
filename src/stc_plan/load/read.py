"""The reading pipeline every file goes through: bytes -> text -> YAML with positions ->
validated model -> the model's own rules. Every problem found on the way is collected.
"""

from __future__ import annotations

import errno
import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel

from stc_plan.errors import DocPath, FileUnreadable, Problem, Severity
from stc_plan.i18n import say
from stc_plan.load.yamlpos import Document, decode, parse

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


def read_bytes(path: Path, *, limit: str = "max_bytes") -> bytes:
    """The file's bytes, or FileUnreadable with a reason a person understands.

    Only a regular file is read: a FIFO would block for ever and a device such as /dev/zero
    never ends, so anything else is refused before it is opened for reading. It is opened
    without blocking and checked again on the open descriptor (the path could be swapped in
    between), and at most the size limit plus one byte is read, whatever the size it reports.
    """
    import stat

    from stc_plan.load import limits

    cap: int = getattr(limits.current(), limit)  # which limit: a plan's or an export's
    try:
        _check_kind(path, os.stat(path).st_mode)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise FileUnreadable(path, reason_for(exc)) from None
    try:
        info = os.fstat(fd)
        _check_kind(path, info.st_mode)
        if stat.S_ISREG(info.st_mode) and info.st_size > cap:
            raise _too_big(path, info.st_size, cap, limit)
        chunks: list[bytes] = []
        total = 0
        while total <= cap:
            chunk = os.read(fd, min(1 << 20, cap + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > cap:  # the file grew, or its size was not what stat said
            raise _too_big(path, None, cap, limit)
        return b"".join(chunks)
    except OSError as exc:
        raise FileUnreadable(path, reason_for(exc)) from None
    finally:
        os.close(fd)


def present(path: Path) -> bool:
    """Whether something is at ``path``: a file, or a link loop or a FIFO to be refused when
    read (``Path.exists()`` says False for a loop, and the file would pass as missing)."""
    try:
        os.stat(path)
    except FileNotFoundError:
        return False
    except OSError:
        return True
    return True


def _check_kind(path: Path, mode: int) -> None:
    import stat

    if stat.S_ISDIR(mode):
        raise FileUnreadable(path, say("it is a folder; name a .yaml file in it"))
    if not stat.S_ISREG(mode):
        kind = (
            say("a FIFO (named pipe)")
            if stat.S_ISFIFO(mode)
            else say("a device")
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else say("a socket")
            if stat.S_ISSOCK(mode)
            else say("not a regular file")
        )
        raise FileUnreadable(
            path, say("it is {kind}, not a file; name a file saved on disk", kind=kind)
        )


def _too_big(path: Path, size: int | None, limit: int, name: str) -> FileUnreadable:
    """Over the size limit: ``size`` as stat gave it, or None when found by reading."""
    from stc_plan.load import limits

    var = limits.ENV[name]
    if size is None:
        return FileUnreadable(
            path,
            say(
                "it holds more than the limit of {limit} ({var}); is this the right file?",
                limit=_size(limit),
                var=var,
            ),
        )
    return FileUnreadable(
        path,
        say(
            "it is {size}, more than the limit of {limit} ({var}); is this the right file?",
            size=_size(size),
            limit=_size(limit),
            var=var,
        ),
    )


def reason_for(exc: OSError) -> str:
    """An OSError as a reason a person can act on."""
    if exc.errno == errno.ENOENT:
        return say("no such file; check the path")
    if exc.errno == errno.EISDIR:
        return say("it is a folder; name a .yaml file in it")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return say("permission denied")
    if exc.errno == errno.ELOOP:
        return say("a symbolic link that leads back to itself; point it at a file")
    if exc.errno == errno.ENOTDIR:
        return say("a part of the path is a file, not a folder; check the path")
    if exc.errno == errno.ENAMETOOLONG:
        return say("the name is too long; check the path")
    return exc.strerror or str(exc)


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1048576:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} kB"
    return f"{n} bytes"


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
            path, None, doc, [Problem(name, 1, 1, say("the file is empty; ") + say(empty_hint))]
        )
    if not isinstance(doc.data, dict):
        if doc.problems:  # the loader said why already (a bad tag, an alias bomb, ...)
            return Checked(path, None, doc, list(doc.problems))
        msg = say(
            "a {what} is a mapping of keys (version, year, ...), not a list or a single value",
            what=say(what),
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
