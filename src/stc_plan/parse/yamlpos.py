"""Safe YAML with positions: plain Python data plus a way back to each value's line and column.

PyYAML's own loaders lose positions, keep the last of two duplicate keys without a word and
apply YAML 1.1's guesses (``no`` is false, ``010`` is eight, ``1:20`` is eighty). We build
the data ourselves in one pass over libyaml's events (which only parse, never run a tag),
and compose the node tree that positions come from only when a problem needs a position:

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
from stc_plan.messages import Msg
from stc_plan.parse import limits

# libyaml is several times faster; values and positions are the same, save for where each
# parser reports a syntax error (tests/test_yaml_fallback.py).
try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - tested in a subprocess (test_yaml_fallback)
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_STD = "tag:yaml.org,2002:"
_PLAIN_TAGS = {"null", "bool", "int", "float", "timestamp", "str"}
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\.[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
# Plain words that are not text: the rest of the plain scalars not starting like a number.
_WORDS: dict[str, Any] = {
    **dict.fromkeys(_NULL),
    **dict.fromkeys(_TRUE, True),
    **dict.fromkeys(_FALSE, False),
}
_NUMERIC_START = frozenset("0123456789+-")


class _Invalid:
    """Stands in for a value already reported as a problem, so validation skips it."""

    def __repr__(self) -> str:
        return "<invalid>"


INVALID: Any = _Invalid()


@dataclass
class Document:
    """A parsed YAML file: its data, the problems found, and a way to positions.

    The node tree that positions come from is composed only when a position is asked for
    (that is, when something is wrong): reading a valid file never builds it.
    """

    name: str
    data: Any
    text: str | None = None
    problems: list[Problem] = field(default_factory=list)
    bad_paths: set[DocPath] = field(default_factory=set)
    empty: bool = False
    _root: Node | None = field(default=None, repr=False)

    @property
    def root(self) -> Node | None:
        """The node tree, composed on first use."""
        if self._root is None and self.text is not None and not self.empty:
            try:
                self._root = _compose(self.text, 10_000)
            except Exception:  # the data was read; a position falls back to 1:1
                self.text = None
        return self._root

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


# libyaml's problems (the start of its English words) that a person meets most: each is said
# by a code of ours in docs/codes.md.
_PROBLEMS = (
    ("did not find expected node content", "yaml.problem.no-value"),
    ("mapping values are not allowed", "yaml.problem.colon"),
    ("could not find expected ':'", "yaml.problem.no-colon"),
    ("did not find expected key", "yaml.problem.no-key"),
    ("did not find expected '-' indicator", "yaml.problem.no-dash"),
    ("found character that cannot start any plain scalar", "yaml.problem.bad-start"),
    ("found character '\\t' that cannot start any token", "yaml.problem.tab"),
    ("found character that cannot start any token", "yaml.problem.bad-start"),
    ("found unexpected end of stream", "yaml.problem.end"),
    ("found unknown escape character", "yaml.problem.escape"),
    ("found a tab character", "yaml.problem.tab"),
    ("did not find expected ',' or ']'", "yaml.problem.list-end"),
    ("did not find expected ',' or '}'", "yaml.problem.map-end"),
    ("expected <block end>", "yaml.problem.indent"),
)


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
            Msg(
                "file.not-utf8",
                byte=f"{byte:02X}",
            ),
        )


Describe = Callable[[Any, DocPath], "Msg | str"]


def parse(text: str, name: str, *, describe: Describe | None = None) -> Document:
    """Parse YAML text into a :class:`Document`; syntax errors become problems, never raise.

    ``describe(data, path)`` names what a path is about (``goal 'ny-i-c'``), to prefix the
    loader's own problems once the data is built.
    """
    lim = limits.current()
    too_long = _long_line(text, lim.max_line)
    if too_long is not None:
        number, length = too_long
        msg = Msg(
            "limit.line-too-long",
            number=number,
            length=f"{length:,}",
            limit=f"{lim.max_line:,}",
            var=limits.ENV["max_line"],
        )
        return Document(name, None, None, [Problem(name, number, 1, msg)])
    try:
        builder = _EventBuilder(name, lim)
        data, empty = builder.run(text)
    except _TooDeep as exc:
        msg = Msg(
            "limit.too-deep",
            limit=lim.max_depth,
            var=limits.ENV["max_depth"],
        )
        return Document(name, None, None, [Problem(name, exc.line, exc.col, msg)])
    except _Second as exc:
        msg = Msg("yaml.second-document")
        return Document(name, None, None, [Problem(name, exc.line, exc.col, msg)])
    except _Undefined as exc:
        msg = Msg("yaml.undefined-alias", name=exc.anchor)
        return Document(name, None, None, [Problem(name, exc.line, exc.col, msg)])
    except _TooBig as exc:
        return Document(name, None, None, [Problem(name, 1, 1, exc.args[0])])
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "cannot parse"
        where = f" ({exc.context})" if exc.context else ""
        known = next((code for start, code in _PROBLEMS if what.startswith(start)), None)
        # libyaml says what is wrong in English; the common cases are said in the user's
        # words (a code of ours), any other as libyaml words it.
        msg = Msg("yaml.syntax", what=Msg(known) if known else what + where)
        if "nesting depth" in what:  # libyaml's own guard, met before ours
            msg = Msg(
                "limit.too-deep",
                limit=lim.max_depth,
                var=limits.ENV["max_depth"],
            )
        return Document(name, None, None, [Problem(name, line, col, msg)])
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        msg = Msg("yaml.character", code=f"{exc.character:04X}")
        return Document(name, None, None, [Problem(name, line, col, msg)])
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML's other errors carry no mark
        return Document(name, None, None, [Problem(name, 1, 1, f"YAML error: {exc}")])
    doc = Document(name, data, text, empty=empty)
    for line, col, path, message in builder.failures:
        who = describe(data, path) if describe else ""
        said = Msg("at", where=who, message=message) if who else message
        doc.problems.append(Problem(name, line, col, said))
        doc.bad_paths.add(path)
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
    """The first line longer than ``limit`` (its number and length), or None.

    Looks at windows of half the limit, not at every line: a line longer than the limit
    holds a whole window with no newline, so only such windows are measured exactly.
    """
    if len(text) <= limit:
        return None
    step = max(1, limit // 2)
    for start in range(0, len(text), step):
        window = text[start : start + step]
        if len(window) == step and "\n" not in window:
            first = text.rfind("\n", 0, start) + 1
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            if end - first > limit:
                return text.count("\n", 0, first) + 1, end - first
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


_SKIP: Any = object()  # a key that failed: its value is read and dropped


class _Frame:
    """An open list or mapping while its events arrive."""

    __slots__ = ("anchor", "as_key", "container", "invalid", "is_map", "key", "key_mark", "size")

    def __init__(self, container: Any, anchor: str | None, invalid: bool, as_key: bool) -> None:
        self.container = container
        self.is_map = isinstance(container, dict)
        self.anchor = anchor
        self.invalid = invalid  # a tag we refuse: the whole value becomes INVALID
        self.as_key = as_key  # a list or mapping used as a key
        self.key: Any = None  # the key waiting for its value (mappings)
        self.key_mark: Any = None
        self.size = 0  # values inside, for the alias budget


class _EventBuilder:
    """Builds plain data straight from libyaml's events: one pass, no recursion, no nodes.

    Depth, values and alias expansion are counted as the events arrive; problems are kept
    with the path and position they concern.
    """

    def __init__(self, name: str, lim: limits.Limits) -> None:
        self.name = name
        self.limits = lim
        self.failures: list[tuple[int, int, DocPath, Msg | str]] = []
        self.count = 0
        self.aliased = 0

    def fail(self, mark: Any, path: DocPath, message: Msg | str) -> Any:
        self.failures.append((mark.line + 1, mark.column + 1, path, message))
        return INVALID

    def run(self, text: str) -> tuple[Any, bool]:
        """The data of the document in ``text``, and whether it was empty."""
        lim = self.limits
        max_values, max_depth = lim.max_values, lim.max_depth
        stack: list[_Frame] = []
        anchors: dict[str, tuple[Any, int]] = {}
        open_anchors: set[str] = set()
        root: Any = None
        have_root = False
        started = False
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        seq_start, map_start = yaml.SequenceStartEvent, yaml.MappingStartEvent
        seq_end, map_end = yaml.SequenceEndEvent, yaml.MappingEndEvent

        def path() -> DocPath:
            # Only worked out when something is wrong: the hot path never builds paths.
            out: list[str | int] = []
            for f in stack:
                if not f.is_map:
                    out.append(len(f.container))
                elif f.key is not None and f.key is not _SKIP:
                    out.append(f.key)
            return tuple(out)

        def attach(value: Any, size: int, mark: Any) -> None:
            nonlocal root, have_root
            if not stack:
                root, have_root = value, True
                return
            top = stack[-1]
            top.size += size
            if not top.is_map:
                top.container.append(value)
            elif top.key is None:  # this value is a key
                if value is INVALID:
                    top.key = _SKIP
                elif not isinstance(value, str):
                    self.fail(mark, path(), Msg("yaml.complex-key"))
                    top.key = _SKIP
                elif value in top.container:
                    first = top.container.marks[value].line + 1
                    self.fail(
                        mark,
                        (*path(), value),
                        Msg(
                            "yaml.duplicate-key",
                            key=value,
                            first=first,
                        ),
                    )
                    top.key = _SKIP
                else:
                    top.key, top.key_mark = value, mark
            else:
                if top.key is not _SKIP:
                    top.container[top.key] = value
                    top.container.marks[top.key] = top.key_mark
                top.key = None

        def too_many() -> _TooBig:
            return _TooBig(
                Msg(
                    "limit.too-many-values",
                    limit=f"{max_values:,}",
                    var=limits.ENV["max_values"],
                )
            )

        count = 0  # values so far (a local: this loop runs once per event)
        events: Iterator[Any] = yaml.parse(text, Loader=_Loader)
        for event in events:
            kind = type(event)  # compared by class, so ``event`` keeps its Any type
            if kind is scalar_event:
                count += 1
                if count > max_values:
                    raise too_many()
                top = stack[-1] if stack else None
                if top is not None and event.tag is None and not event.anchor:
                    # The common cases, inline: a plain key, a value under a key, an item.
                    raw = event.value
                    if top.is_map and top.key is None:
                        if not event.style and raw != "<<":
                            key = raw if raw.isascii() else _nfc(raw)
                            if key not in top.container:
                                top.key, top.key_mark = key, event.start_mark
                                top.size += 1
                                continue
                    elif top.key is not _SKIP:
                        if event.style:
                            value = raw if raw.isascii() else _nfc(raw)
                        elif raw[:1] in _NUMERIC_START:
                            try:
                                value = self.plain(raw)
                            except _Refused as exc:
                                value = self.fail(event.start_mark, path(), exc.args[0])
                        elif raw in _WORDS:
                            value = _WORDS[raw]
                        else:
                            value = raw if raw.isascii() else _nfc(raw)
                        top.size += 1
                        if top.is_map:
                            container = top.container
                            key = top.key
                            container[key] = value
                            container.marks[key] = top.key_mark
                            top.key = None
                        else:
                            top.container.append(value)
                        continue
                as_key = top is not None and top.is_map and top.key is None
                try:
                    value = self.scalar(event, as_key)
                except _Refused as exc:
                    value = self.fail(event.start_mark, path(), exc.args[0])
                if event.anchor:
                    anchors[event.anchor] = (value, 1)
                attach(value, 1, event.start_mark)
            elif kind is alias_event:
                name = event.anchor or ""
                if name in open_anchors:
                    value = self.fail(
                        event.start_mark,
                        path(),
                        Msg("yaml.recursive-alias"),
                    )
                    attach(value, 1, event.start_mark)
                    continue
                if name not in anchors:
                    mark = event.start_mark
                    raise _Undefined(name, mark.line + 1, mark.column + 1)
                value, size = anchors[name]
                self.aliased += size
                if self.aliased > lim.max_alias_values:
                    raise _TooBig(
                        Msg(
                            "limit.alias-bomb",
                            limit=f"{lim.max_alias_values:,}",
                            var=limits.ENV["max_alias_values"],
                        )
                    )
                attach(value, size, event.start_mark)
            elif kind is seq_start or kind is map_start:
                count += 1
                if count > max_values:
                    raise too_many()
                if len(stack) >= max_depth:
                    mark = event.start_mark
                    raise _TooDeep(mark.line + 1, mark.column + 1)
                is_seq = kind is seq_start
                tag = event.tag
                invalid = False
                if tag is not None and tag != "!" and tag != _STD + ("seq" if is_seq else "map"):
                    self.fail(event.start_mark, path(), _tag_message(tag))
                    invalid = True
                as_key = bool(stack) and stack[-1].is_map and stack[-1].key is None
                if event.anchor:
                    open_anchors.add(event.anchor)
                frame = _Frame([] if is_seq else _Mapping(), event.anchor, invalid, as_key)
                frame.key_mark = event.start_mark
                stack.append(frame)
            elif kind is seq_end or kind is map_end:
                frame = stack.pop()
                value = INVALID if frame.invalid else frame.container
                if frame.anchor:
                    open_anchors.discard(frame.anchor)
                    anchors[frame.anchor] = (value, frame.size + 1)
                mark = frame.key_mark
                if frame.as_key and value is not INVALID:
                    value = _NotAKey()
                attach(value, frame.size + 1, mark)
            elif kind is yaml.DocumentStartEvent:
                if started:
                    mark = event.start_mark
                    raise _Second(mark.line + 1, mark.column + 1)
                started = True
        return (root if have_root else None), not have_root

    def scalar(self, event: Any, as_key: bool) -> Any:
        """A scalar's value; raises _Refused with the reason for one we do not take."""
        tag = event.tag
        raw = event.value
        value = raw if raw.isascii() else _nfc(raw)
        implicit = tag is None or tag == "!"
        plain = not event.style  # libyaml says '' for plain, the Python parser None
        if not implicit and (not tag.startswith(_STD) or tag[len(_STD) :] not in _PLAIN_TAGS):
            raise _Refused(_tag_message(tag))
        if as_key:
            if implicit and plain and value == "<<":
                raise _Refused(Msg("yaml.merge-key"))
            return value  # keys are names: always text
        if not plain and (implicit or tag == _STD + "str"):
            return value  # quoted or block text is always text
        if tag == _STD + "str":
            return value  # an explicit !!str
        return self.plain(value)

    def plain(self, raw: str) -> Any:
        """A plain scalar by YAML 1.2's core rules plus ISO dates; anything else is text."""
        value = raw if raw.isascii() else _nfc(raw)
        first = value[:1]
        if first.isdigit() or first in "+-":
            if _INT.fullmatch(value):
                if len(value.lstrip("+-")) > self.limits.max_digits:
                    raise _Refused(Msg("limit.too-many-digits", n=len(value)))
                return int(value)
            if _DECIMAL.fullmatch(value):
                if len(value) > self.limits.max_digits * 2:
                    raise _Refused(Msg("limit.too-many-digits", n=len(value)))
                return Decimal(value)
            if _DATE.fullmatch(value):
                try:
                    return date.fromisoformat(value)
                except ValueError:
                    raise _Refused(
                        Msg(
                            "yaml.impossible-date",
                            value=value,
                        )
                    ) from None
            return value
        if value in _NULL:
            return None
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        return value


class _Refused(Exception):
    """A scalar we do not take, with the reason."""


class _Mapping(dict[str, Any]):
    """A mapping being built, remembering where each key is (for duplicate messages)."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: dict[str, Any] = {}


class _NotAKey:
    """A list or mapping in a key's place; reported when it is attached."""


def _tag_message(tag: str) -> Msg:
    shown = "!!" + tag[len(_STD) :] if tag.startswith(_STD) else tag
    return Msg(
        "yaml.tag",
        tag=shown,
    )
