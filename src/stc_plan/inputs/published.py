"""A calendar as it was last published (``stc calendar -o``'s file, the website's
``plan.ics``), read back for its events' revisions: what each event says, its SEQUENCE and
when it was last revised.

Why stc reads its own output back: a calendar program that has an event decides whether a
new copy with the same UID is an update by its revision, SEQUENCE first (RFC 5545 3.8.7.4
and RFC 5546 2.1.4: it must rise when the event's date changes). Google Calendar and
Outlook are widely reported to apply an imported or re-fetched event only when it has. A revision
cannot be worked out from the plan alone: a deadline moved from June to May and back again
must rise twice, while its text is the same as at the start. So the one place that knows
what subscribers were last given, that file, is an input like the plan: the same plan,
facts and earlier file give the same bytes.

The file is untrusted (the website's copy comes over the network): it is read with the
size limit every input has, only its top-level events are looked at, and a file that is not
iCalendar at all raises ``CalendarUnreadable`` (the command then starts afresh, saying so).
A SEQUENCE outside RFC 5545's INTEGER is held within it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from stc_plan.errors import StcError
from stc_plan.messages import Msg

# Properties that say which revision an event is, not what it says.
REVISION = frozenset({"UID", "DTSTAMP", "LAST-MODIFIED", "SEQUENCE", "CREATED"})
SEQUENCE_MAX = 2**31 - 1  # RFC 5545 INTEGER: a signed 32-bit value


class CalendarUnreadable(StcError):
    """The earlier calendar is not an iCalendar file stc can read its events from."""


@dataclass(frozen=True)
class Published:
    """One event as published: what it says (every property but its revision's, as text),
    its SEQUENCE and when it was last revised (LAST-MODIFIED, else DTSTAMP; UTC)."""

    content: tuple[tuple[str, str], ...]
    sequence: int
    stamp: datetime | None


def content(properties: Iterable[tuple[str, Any]]) -> tuple[tuple[str, str], ...]:
    """What an event says, comparable between a new event and one read back from a file:
    each property but UID and the revision's, by name, with text as it reads (escapes undone,
    a CRLF in text the same as LF) and any other value as iCalendar writes it."""
    out = []
    for name, value in properties:
        key = name.upper()
        if key in REVISION:
            continue
        for one in value if isinstance(value, list) else [value]:
            if isinstance(one, str):  # vText is a str: the text itself
                said = one.replace("\r\n", "\n")
            elif hasattr(one, "to_ical"):
                said = one.to_ical().decode("utf-8", "replace")
            else:
                said = str(one)
            out.append((key, said))
    return tuple(sorted(out))


def read_published(path: Path) -> dict[str, Published]:
    """The events of the calendar at ``path`` by UID; none when nothing is there (a first
    export) or the file is empty."""
    from stc_plan.parse.source import present, read_bytes

    if not present(path):
        return {}
    return published(read_bytes(path), str(path))


def published(raw: bytes, name: str) -> dict[str, Published]:
    """The events of an .ics file's bytes by UID (``name`` for messages).

    Read line by line here rather than by the icalendar library, which takes 40 seconds for
    the 100,000 events of a national party's year: content lines are unfolded, the top-level
    VEVENTs kept, and each property's value taken after the first colon outside quotes, text
    with its escapes undone. What this cannot read is not a calendar stc wrote: the line
    where reading stopped is named.
    """
    if not raw.strip():
        return {}
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _unreadable(name, raw[: exc.start].count(b"\n") + 1) from None
    lines = _UNFOLD.sub("", text).split("\n")
    found: dict[str, Published] = {}
    depth = 0
    event: list[tuple[str, str]] | None = None
    seen = False
    for index, line in enumerate(lines):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        parsed = _property(line)
        if parsed is None or (not seen and _words(parsed) != ("BEGIN", "VCALENDAR")):
            raise _unreadable(name, _line_number(text, index))
        seen = True
        key, value = parsed
        if key == "BEGIN":
            depth += 1
            if depth == 2 and _words(parsed)[1] == "VEVENT":
                event = []
        elif key == "END":
            if depth == 2 and event is not None:
                _keep(found, event)
                event = None
            depth -= 1
            if depth < 0:
                raise _unreadable(name, _line_number(text, index))
        elif depth == 2 and event is not None:
            event.append((key, value))
    if depth != 0:  # cut short: its end is missing
        raise _unreadable(name, text.rstrip().count("\n") + 1)  # its last line
    return found


_UNFOLD = re.compile(r"\r?\n[ \t]")  # a folded line goes on after a space or a tab
_NAME = re.compile(r"[A-Za-z0-9-]+")
_ESCAPE = re.compile(r"\\([\\;,nN])")
_STAMP = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})(?:T([0-9]{2})([0-9]{2})([0-9]{2})Z?)?")


def _line_number(text: str, index: int) -> int:
    """The number of the line where the ``index``-th unfolded content line starts."""
    starts = [0] + [m.end() for m in re.finditer(r"\n(?![ \t])", text)]
    return text.count("\n", 0, starts[index]) + 1 if index < len(starts) else 1


def _property(line: str) -> tuple[str, str] | None:
    """(NAME, value) of a content line, the value after the first colon not in quotes."""
    name = _NAME.match(line)
    if name is None:
        return None
    colon = line.find(":", name.end())
    if colon >= 0 and '"' not in line[name.end() : colon]:  # no quoted parameter: the usual
        return name.group().upper(), line[colon + 1 :]
    quoted = False
    for i in range(name.end(), len(line)):
        c = line[i]
        if c == '"':
            quoted = not quoted
        elif c == ":" and not quoted:
            return name.group().upper(), line[i + 1 :]
    return None


def _words(parsed: tuple[str, str]) -> tuple[str, str]:
    """A BEGIN or END line as compared: ``begin:vevent`` is ``BEGIN:VEVENT``."""
    return parsed[0], parsed[1].strip().upper()


def _unescaped(value: str) -> str:
    """TEXT with RFC 5545's escapes undone (a backslash-N is a line break)."""
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _keep(found: dict[str, Published], event: list[tuple[str, str]]) -> None:
    """One event read: kept under its UID (the same UID twice: the higher SEQUENCE)."""
    said = dict(event)
    uid = said.get("UID")
    if uid is None:
        return
    try:
        sequence = min(max(int(said.get("SEQUENCE", "0").strip()), 0), SEQUENCE_MAX)
    except ValueError:
        sequence = 0
    stamp = _stamp(said.get("LAST-MODIFIED")) or _stamp(said.get("DTSTAMP"))
    now = Published(content((k, _unescaped(v)) for k, v in event), sequence, stamp)
    before = found.get(uid)
    if before is None or now.sequence >= before.sequence:
        found[uid] = now


def _stamp(value: str | None) -> datetime | None:
    """A DATE-TIME (UTC with Z; floating taken as UTC) or a DATE, as UTC; else None."""
    found = _STAMP.fullmatch(value.strip()) if value is not None else None
    if found is None:
        return None
    try:
        y, mo, d, h, mi, sec = (int(part or 0) for part in found.groups())
        return datetime(y, mo, d, h, mi, sec, tzinfo=UTC)
    except ValueError:  # 20251399: not a day
        return None


def _unreadable(name: str, line: int) -> CalendarUnreadable:
    return CalendarUnreadable(Msg("ics.previous-unreadable", file=name, line=line))
