"""Safe YAML with positions: plain Python data plus a way back to each value's line and column.

PyYAML's own loaders lose positions, keep the last of two duplicate keys without a word and
apply YAML 1.1's guesses (``no`` is false, ``010`` is eight, ``1:20`` is eighty). We compose the
node tree (which only parses, never runs a tag) and build the data ourselves:

* plain scalars follow the YAML 1.2 core rules plus ISO dates: ``true``/``false``, ``null``,
  decimal integers, decimal fractions (as exact ``Decimal``) and ``YYYY-MM-DD``; everything
  else, ``yes``, ``010``, ``1:20`` and ``.nan`` included, stays text, so a field that wants a
  number or a boolean rejects it instead of taking a guess;
* quoted scalars are always text; every string is normalised to NFC, so an ``å`` typed on a
  Mac (decomposed) equals one typed elsewhere;
* duplicate keys, tags beyond plain YAML (``!!python/object`` and friends), merge keys,
  self-referencing aliases, impossible dates and absurdly long numbers are problems with a
  position, collected rather than raised, so one run reports them all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from stc_plan.errors import DocPath, Problem
from stc_plan.load import limits

try:  # libyaml is several times faster; marks (positions) are the same.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_STD = "tag:yaml.org,2002:"
_PLAIN_TAGS = {"null", "bool", "int", "float", "timestamp", "str"}
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\.[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


class _Invalid:
    """Stands in for a value already reported as a problem, so validation skips it."""

    def __repr__(self) -> str:
        return "<invalid>"


INVALID: Any = _Invalid()


@dataclass
class Document:
    """A parsed YAML file: its data, its node tree for positions, and the problems found."""

    name: str
    data: Any
    root: Node | None
    problems: list[Problem] = field(default_factory=list)
    bad_paths: set[DocPath] = field(default_factory=set)

    def locate(self, path: DocPath, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at ``path``, or of its key with ``key``.

        Where the path leads nowhere (a missing key), the deepest node that exists is used:
        for a missing key, that is the mapping that should hold it.
        """
        node, _ = self._walk(path, key=key)
        if node is None:
            return 1, 1
        return node.start_mark.line + 1, node.start_mark.column + 1

    def node_at(self, path: DocPath) -> Node | None:
        """The node at exactly ``path``, or None."""
        node, complete = self._walk(path, key=False)
        return node if complete else None

    def origin(self, path: DocPath) -> DocPath:
        """The path in the file for a path into ``data`` (the same, but for derived views)."""
        return path

    def _walk(self, path: DocPath, *, key: bool) -> tuple[Node | None, bool]:
        node = self.root
        if node is None:
            return None, False
        found: Node = node
        for i, part in enumerate(path):
            nxt: Node | None = None
            if isinstance(node, MappingNode) and isinstance(part, str):
                for k, v in node.value:
                    if isinstance(k, ScalarNode) and _nfc(k.value) == part:
                        nxt = v
                        found = k if (key and i == len(path) - 1) else v
                        break
            elif (
                isinstance(node, SequenceNode)
                and isinstance(part, int)
                and 0 <= part < len(node.value)
            ):
                nxt = found = node.value[part]
            if nxt is None:
                return found, False
            node = nxt
        return found, True

    def problem(self, path: DocPath, message: str, *, key: bool = False) -> Problem:
        """A problem positioned at ``path`` in this document."""
        line, col = self.locate(path, key=key)
        return Problem(self.name, line, col, message)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def decode(raw: bytes, name: str) -> tuple[str | None, Problem | None]:
    """Bytes to text: UTF-8 with or without a byte-order mark, or a problem at the bad byte."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = raw[exc.start]
        return None, Problem(
            name,
            line,
            col,
            f"not valid UTF-8 (byte 0x{byte:02X}); save the file as UTF-8 "
            "(it looks like Latin-1 or Windows-1252)",
        )


Describe = Callable[[Any, DocPath], str]


def parse(text: str, name: str, *, describe: Describe | None = None) -> Document:
    """Parse YAML text into a :class:`Document`; syntax errors become problems, never raise.

    ``describe(data, path)`` names what a path is about (``goal 'ny-i-c'``), to prefix the
    loader's own problems once the data is built.
    """
    lim = limits.current()
    too_long = _long_line(text, lim.max_line)
    if too_long is not None:
        number, length = too_long
        msg = (
            f"line {number} is {length:,} characters long, more than the limit of "
            f"{lim.max_line:,} ({limits.ENV['max_line']}); is this the right file?"
        )
        return Document(name, None, None, [Problem(name, number, 1, msg)])
    try:
        root = _compose(text, lim.max_depth)
    except _TooDeep as exc:
        msg = (
            f"nested more than {lim.max_depth} levels deep "
            f"({limits.ENV['max_depth']}); a plan needs only a few levels"
        )
        return Document(name, None, None, [Problem(name, exc.line, exc.col, msg)])
    except _Second as exc:
        msg = "a second YAML document starts here ('---'); a file holds one: remove it"
        return Document(name, None, None, [Problem(name, exc.line, exc.col, msg)])
    except _Undefined as exc:
        msg = f"alias *{exc.anchor} names no anchor (&{exc.anchor}) before it; define it first"
        return Document(name, None, None, [Problem(name, exc.line, exc.col, msg)])
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "cannot parse"
        where = f" ({exc.context})" if exc.context else ""
        msg = f"YAML syntax error: {what}{where}; fix the indentation or quoting there"
        if "nesting depth" in what:  # libyaml's own guard, met before ours
            msg = (
                f"nested more than {lim.max_depth} levels deep "
                f"({limits.ENV['max_depth']}); a plan needs only a few levels"
            )
        return Document(name, None, None, [Problem(name, line, col, msg)])
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        msg = f"character U+{exc.character:04X} is not allowed in YAML; remove it"
        return Document(name, None, None, [Problem(name, line, col, msg)])
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML's other errors carry no mark
        return Document(name, None, None, [Problem(name, 1, 1, f"YAML error: {exc}")])
    except RecursionError:
        msg = "the YAML is nested too deeply to read; a plan needs only a few levels"
        return Document(name, None, None, [Problem(name, 1, 1, msg)])
    doc = Document(name, None, root)
    if root is None:
        return doc
    builder = _Builder(doc)
    try:
        doc.data = builder.build(root, ())
        for line, col, path, message in builder.failures:
            who = describe(doc.data, path) if describe else ""
            doc.problems.append(Problem(name, line, col, f"{who}: {message}" if who else message))
    except _TooBig as exc:
        doc.data = None
        doc.problems.append(doc.problem((), str(exc)))
    except RecursionError:
        doc.data = None
        doc.problems.append(doc.problem((), "the YAML is nested too deeply to read"))
    return doc


class _TooBig(Exception):
    """More values than the limits allow."""


class _TooDeep(Exception):
    """Nested deeper than the limit."""

    def __init__(self, line: int, col: int) -> None:
        super().__init__()
        self.line, self.col = line, col


class _Second(Exception):
    """A second document in the file."""

    def __init__(self, line: int, col: int) -> None:
        super().__init__()
        self.line, self.col = line, col


class _Undefined(Exception):
    """An alias to an anchor not defined before it."""

    def __init__(self, anchor: str, line: int, col: int) -> None:
        super().__init__()
        self.anchor, self.line, self.col = anchor, line, col


def _long_line(text: str, limit: int) -> tuple[int, int] | None:
    if len(text) <= limit:
        return None
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > limit:
            return number, len(line)
    return None


_RESOLVER = yaml.resolver.Resolver()


def _resolve(kind: type[Node], value: str | None, implicit: Any) -> str:
    """The tag YAML gives an untagged node (what ``yaml.compose`` would give it)."""
    tag: str = _RESOLVER.resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
    return tag


def _compose(text: str, max_depth: int) -> Node | None:
    """The node tree of the first document, built from the event stream without recursion.

    PyYAML's composer recurses once per level (a RecursionError in Python, a crash in
    libyaml's); here depth is counted as the events arrive and refused past ``max_depth``.
    """
    root: Node | None = None
    stack: list[tuple[Node, list[Node]]] = []  # open collections, with a pending key
    anchors: dict[str, Node] = {}

    def attach(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent, pending = stack[-1]
        if isinstance(parent, SequenceNode):
            parent.value.append(node)
        elif pending:
            parent.value.append((pending.pop(), node))
        else:
            pending.append(node)

    events: Iterator[Any] = yaml.parse(text, Loader=_Loader)  # the stubs' marks disagree
    for event in events:
        kind = type(event)  # compared by class, so ``event`` keeps its Any type
        if kind is yaml.AliasEvent:
            target = anchors.get(event.anchor or "")
            if target is None:
                mark = event.start_mark
                raise _Undefined(event.anchor or "", mark.line + 1, mark.column + 1)
            attach(target)
        elif kind is yaml.ScalarEvent:
            tag = event.tag
            if tag is None or tag == "!":
                tag = _resolve(ScalarNode, event.value, event.implicit)
            node: Node = ScalarNode(
                tag, event.value, event.start_mark, event.end_mark, style=event.style
            )
            if event.anchor:
                anchors[event.anchor] = node
            attach(node)
        elif kind in (yaml.SequenceStartEvent, yaml.MappingStartEvent):
            if len(stack) >= max_depth:
                mark = event.start_mark
                raise _TooDeep(mark.line + 1, mark.column + 1)
            is_seq = kind is yaml.SequenceStartEvent
            tag = event.tag
            if tag is None or tag == "!":
                tag = _resolve(SequenceNode if is_seq else MappingNode, None, event.implicit)
            node = (SequenceNode if is_seq else MappingNode)(
                tag, [], event.start_mark, None, flow_style=event.flow_style
            )
            if event.anchor:
                anchors[event.anchor] = node
            attach(node)
            stack.append((node, []))
        elif kind in (yaml.SequenceEndEvent, yaml.MappingEndEvent):
            node, _ = stack.pop()
            node.end_mark = event.end_mark
        elif kind is yaml.DocumentStartEvent and root is not None:
            mark = event.start_mark
            raise _Second(mark.line + 1, mark.column + 1)
    return root


class _Builder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.count = 0
        self.active: set[int] = set()
        self.built: set[int] = set()
        self.again = 0  # values built a second time or more: reached through an alias
        self.limits = limits.current()
        self.failures: list[tuple[int, int, DocPath, str]] = []

    def fail(self, node: Node, path: DocPath, message: str) -> Any:
        mark = node.start_mark
        self.failures.append((mark.line + 1, mark.column + 1, path, message))
        self.doc.bad_paths.add(path)
        return INVALID

    def build(self, node: Node, path: DocPath) -> Any:
        self.count += 1
        lim = self.limits
        if self.count > lim.max_values:
            raise _TooBig(
                f"the document holds more than {lim.max_values:,} values "
                f"({limits.ENV['max_values']}); refusing to read it"
            )
        if id(node) in self.built:
            self.again += 1
            if self.again > lim.max_alias_values:
                raise _TooBig(
                    f"aliases expand to more than {lim.max_alias_values:,} values "
                    f"({limits.ENV['max_alias_values']}), an alias bomb; "
                    "refusing to read it"
                )
        else:
            self.built.add(id(node))
        if isinstance(node, ScalarNode):
            return self.scalar(node, path)
        if id(node) in self.active:
            return self.fail(
                node,
                path,
                "an alias refers to the node that contains it; replace the alias with the values",
            )
        self.active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                if node.tag != _STD + "seq":
                    return self.fail(node, path, _tag_message(node.tag))
                return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
            if isinstance(node, MappingNode):
                return self.mapping(node, path)
            return self.fail(node, path, "unsupported YAML node")  # pragma: no cover
        finally:
            self.active.discard(id(node))

    def mapping(self, node: MappingNode, path: DocPath) -> Any:
        if node.tag != _STD + "map":
            return self.fail(node, path, _tag_message(node.tag))
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.fail(key_node, path, "a key must be plain text, not a list or mapping")
                continue
            if key_node.tag == _STD + "merge":
                self.fail(key_node, path, "merge keys (<<) are not supported; write the keys out")
                continue
            key = _nfc(key_node.value)
            if key in out:
                self.fail(
                    key_node,
                    (*path, key),
                    f"duplicate key '{key}' (first at line {first_line[key]}); keep only one",
                )
                continue
            first_line[key] = key_node.start_mark.line + 1
            out[key] = self.build(value_node, (*path, key))
        return out

    def scalar(self, node: ScalarNode, path: DocPath) -> Any:
        tag = node.tag
        if not tag.startswith(_STD) or tag[len(_STD) :] not in _PLAIN_TAGS:
            return self.fail(node, path, _tag_message(tag))
        value = _nfc(node.value)
        if node.style is not None and tag == _STD + "str":
            return value  # quoted or block text is always text
        if tag == _STD + "str" and (
            _INT.fullmatch(value)
            or value in _NULL
            or value in _TRUE
            or value in _FALSE
            or _DECIMAL.fullmatch(value)
        ):
            return value  # an explicit !!str on what would otherwise be a number
        if value in _NULL:
            return None
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        if _INT.fullmatch(value):
            if len(value.lstrip("+-")) > self.limits.max_digits:
                return self.fail(node, path, f"number with {len(value)} digits is too large")
            return int(value)
        if _DECIMAL.fullmatch(value):
            if len(value) > self.limits.max_digits * 2:
                return self.fail(node, path, f"number with {len(value)} digits is too large")
            return Decimal(value)
        if _DATE.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                return self.fail(
                    node,
                    path,
                    f"'{value}' is not a real date; write a date that exists as YYYY-MM-DD",
                )
        return value


def _tag_message(tag: str) -> str:
    shown = "!!" + tag[len(_STD) :] if tag.startswith(_STD) else tag
    return (
        f"YAML tag '{shown}' is not allowed: a plan holds only plain text, numbers, "
        "dates, lists and mappings; remove the tag"
    )
