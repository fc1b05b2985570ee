"""Add a fact to a progress file as text, so every byte outside it stays as it was.

ruamel.yaml's round trip re-emits the whole file: it drops a byte-order mark, turns CRLF
into LF (but not on comment lines), re-indents lists written without indentation and
collapses the spaces before comments. Here the file is not re-emitted: the new fact's lines
are written in the file's own style (its line ending, its list and mapping indentation) and
put in at one place (after the section's last item; a same-day member count's new branches
after its last count). The caller proves the result by parsing before and after: the data
must differ by exactly the fact, or this edit is not used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from stc_plan.parse.yamlpos import Document

# The line breaks YAML counts (as libyaml and PyYAML do), so line numbers agree with marks.
_BREAK = re.compile(r"\r\n|\r|\n|\x85|\u2028|\u2029")


@dataclass(frozen=True)
class Style:
    """How the file writes a list of mappings: the column of ``-`` and of the keys after it
    (relative to the section's key), and the indentation of a nested mapping."""

    dash: int = 2
    key: int = 4
    nested: int = 2


def _lines(text: str) -> list[str]:
    """``text`` as lines that keep their own line ending (the last may have none)."""
    out: list[str] = []
    start = 0
    for m in _BREAK.finditer(text):
        out.append(text[start : m.end()])
        start = m.end()
    if start < len(text):
        out.append(text[start:])
    return out


def _newline(lines: list[str], at: int) -> str:
    """The line ending to use for a line put in at ``at``: the one of the line before it,
    else the file's first one, else LF."""
    for line in [*reversed(lines[:at]), *lines]:
        m = _BREAK.search(line)
        if m is not None and m.group() in ("\r\n", "\n", "\r"):  # CR alone: old Mac files
            return m.group()
    return "\n"


def _last_line(node: Node) -> int:
    """The 0-based line of the last character of ``node``'s own content (not of comments
    or blank lines that follow it)."""
    if isinstance(node, ScalarNode):
        end = node.end_mark
        return int(end.line if end.column > 0 or end.line == node.start_mark.line else end.line - 1)
    if getattr(node, "flow_style", False) and node.end_mark is not None:
        return int(node.end_mark.line)
    children: list[Node] = []
    if isinstance(node, SequenceNode):
        children = list(node.value)
    elif isinstance(node, MappingNode):
        children = [n for pair in node.value for n in pair]
    if not children:
        return int(node.start_mark.line)
    return max(_last_line(child) for child in children)


# What YAML 1.2's core schema reads as a number or null or a boolean, besides YAML 1.1's.
_YAML12_OTHER = re.compile(
    r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|null|Null|NULL|~|true|True|TRUE|false|False|FALSE"
)
_YAML11_BOOL_EXTRA = {"y", "Y", "n", "N"}  # booleans PyYAML's resolver leaves out


def ambiguous(text: str) -> bool:
    """Whether some YAML reader would take ``text`` for something other than text: YAML 1.1
    (``no``, ``y``, ``010``, ``1:20``) or YAML 1.2 (``1e3``, ``0o10``, ``.5``, ``null``)."""
    import yaml

    resolver: Any = yaml.resolver.Resolver()  # PyYAML's: YAML 1.1's rules
    if resolver.resolve(yaml.ScalarNode, text, (True, False)) != "tag:yaml.org,2002:str":
        return True
    return text in _YAML11_BOOL_EXTRA or bool(_YAML12_OTHER.fullmatch(text))


def scalar(value: Any) -> str:
    """One value as YAML text that every reader reads back as the same value.

    Text goes through PyYAML's emitter, which quotes whatever a YAML 1.1 reader would take
    for something else (``no``, ``010``, ``1:20``) as well as anything YAML would misread.
    """
    import yaml

    if isinstance(value, bool):  # pragma: no cover - facts hold no booleans
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_flow_item(v) for v in value) + "]"
    if isinstance(value, str) and ambiguous(value):
        return "'" + value.replace("'", "''") + "'"
    text = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_flow_style=True)
    return text.removesuffix("\n...\n").removesuffix("\n")


def _flow_item(value: Any) -> str:
    text = scalar(value)
    if any(c in text for c in ",[]{}") and not text.startswith(("'", '"')):
        return "'" + text.replace("'", "''") + "'"
    return text


def _style(doc: Document, section: str) -> Style:
    """The style of ``section``'s list, else of any list of mappings in the file."""
    root = doc.root
    if not isinstance(root, MappingNode):
        return Style()
    found: Style | None = None
    for key, value in root.value:
        if (
            isinstance(value, SequenceNode)
            and not value.flow_style
            and value.value
            and isinstance(value.value[0], MappingNode)
            and not value.value[0].flow_style
        ):
            base = key.start_mark.column
            item = value.value[0]
            style = Style(
                value.start_mark.column - base,
                item.start_mark.column - base,
                _nested(value) or 2,
            )
            if isinstance(key, ScalarNode) and key.value == section:
                return style
            found = found or style
    return found or Style()


def _nested(seq: SequenceNode) -> int | None:
    """How far a nested block mapping is indented from its key, where the list has one."""
    for item in seq.value:
        if not isinstance(item, MappingNode):
            continue
        for key, value in item.value:
            if isinstance(value, MappingNode) and not value.flow_style and value.value:
                return int(value.value[0][0].start_mark.column - key.start_mark.column)
    return None


def _entry_lines(values: dict[str, Any], style: Style, newline: str) -> list[str]:
    """The fact as the lines of one list item, in ``style``."""
    out: list[str] = []
    for key, value in values.items():
        lead = " " * style.dash + "-" + " " * (style.key - style.dash - 1) if not out else ""
        pad = lead or " " * style.key
        if isinstance(value, dict):
            out.append(f"{pad}{key}:{newline}")
            inner = " " * (style.key + style.nested)
            out += [f"{inner}{scalar(k)}: {scalar(v)}{newline}" for k, v in value.items()]
        else:
            out.append(f"{pad}{key}: {scalar(value)}{newline}")
    return out


def _ensure_ends_line(lines: list[str], at: int, newline: str) -> None:
    """The line before ``at`` ends with a line break (a file's last line may not)."""
    if at > 0 and not _BREAK.search(lines[at - 1][-2:] or ""):
        lines[at - 1] += newline


def append_entry(text: str, doc: Document, section: str, values: dict[str, Any]) -> str | None:
    """``text`` with ``values`` added as the last item of ``section`` (made if missing), or
    None where the file's shape asks for more than an insertion (then the caller uses the
    round trip)."""
    root = doc.root
    if not isinstance(root, MappingNode) or root.flow_style:
        return None
    lines = _lines(text)
    style = _style(doc, section)
    pair = next(
        ((k, v) for k, v in root.value if isinstance(k, ScalarNode) and k.value == section), None
    )
    if pair is None:
        at = len(lines)
        newline = _newline(lines, at)
        _ensure_ends_line(lines, at, newline)
        new = [f"{section}:{newline}", *_entry_lines(values, style, newline)]
        return "".join([*lines, *new])
    key, value = pair
    if key.start_mark.column != 0:
        return None
    if isinstance(value, SequenceNode) and not value.flow_style and value.value:
        at = _last_line(value) + 1
    elif isinstance(value, SequenceNode) and value.flow_style and not value.value:
        # "checkins: []": the brackets go (the one change outside the fact), items follow.
        row = value.start_mark.line
        if value.end_mark is None or value.end_mark.line != row:
            return None
        line = lines[row]
        start, end = value.start_mark.column, value.end_mark.column
        lines[row] = line[:start].rstrip(" ") + line[end:]
        at = row + 1
    else:
        return None
    newline = _newline(lines, at)
    _ensure_ends_line(lines, at, newline)
    return "".join([*lines[:at], *_entry_lines(values, style, newline), *lines[at:]])


def add_counts(text: str, doc: Document, index: int, counts: dict[str, int]) -> str | None:
    """``text`` with ``counts`` added to the ``counts`` of members entry ``index``."""
    node = doc.node_at(("members", index, "counts"))
    if not isinstance(node, MappingNode) or not counts:
        return None
    lines = _lines(text)
    if node.flow_style:
        end = node.end_mark
        if end is None:
            return None
        row, col = end.line, end.column - 1  # the closing brace
        line = lines[row]
        if line[col : col + 1] != "}":
            return None
        items = ", ".join(f"{scalar(k)}: {scalar(v)}" for k, v in counts.items())
        lead = ", " if node.value else ""
        lines[row] = line[:col].rstrip(" ") + lead + items + line[col:]
        return "".join(lines)
    if not node.value:
        return None
    indent = node.value[0][0].start_mark.column
    at = _last_line(node) + 1
    newline = _newline(lines, at)
    _ensure_ends_line(lines, at, newline)
    new = [f"{' ' * indent}{scalar(k)}: {scalar(v)}{newline}" for k, v in counts.items()]
    return "".join([*lines[:at], *new, *lines[at:]])
