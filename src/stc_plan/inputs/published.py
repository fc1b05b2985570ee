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

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from stc_plan.errors import StcError
from stc_plan.messages import Msg

# Properties that say which revision an event is, not what it says.
REVISION = frozenset({"UID", "DTSTAMP", "LAST-MODIFIED", "SEQUENCE", "CREATED"})
SEQUENCE_MAX = 2**31 - 1  # RFC 5545 INTEGER: a signed 32-bit value


class CalendarUnreadable(StcError):
    """The earlier calendar is not an iCalendar file stc can read its events from."""


@dataclass(frozen=True)
class Published:
    """One event as published: what it says (``content`` of its lines), its SEQUENCE and
    when it was last revised (LAST-MODIFIED, else DTSTAMP; UTC)."""

    content: str
    sequence: int
    stamp: datetime | None


def content(lines: Iterable[str]) -> str:
    """What an event says, comparable between a new event and one read back from a file: its
    content lines as written (unfolded), in order, but for UID and the revision's. Compared
    as written, a file another program wrote in other words (its own escapes, another order)
    reads as changed once, and its events rise by one: never a change missed."""
    return "\n".join(line for line in lines if _name(line) not in REVISION)


def _name(line: str) -> str:
    found = _NAME.match(line)
    return found.group().upper() if found else ""


def read_published(path: Path) -> dict[str, Published]:
    """The events of the calendar at ``path`` by UID; none when nothing is there (a first
    export) or the file is empty."""
    from stc_plan.parse.source import present, read_bytes

    if not present(path):
        return {}
    return published(read_bytes(path, suffix=".ics"), str(path))


def published(raw: bytes, name: str) -> dict[str, Published]:
    """The events of an .ics file's bytes by UID (``name`` for messages).

    Read here rather than by the icalendar library, which takes 40 seconds for the 100,000
    events of a national party's year: content lines are unfolded and the top-level VEVENTs
    kept, each with its lines (a component inside it included) and its revision's values
    (after the first colon outside quotes). A file in the shape stc writes is read a whole
    event at a time; any other line by line. What this cannot read is not a calendar stc
    wrote: the line where reading stopped is named.
    """
    if not raw.strip():
        return {}
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _unreadable(name, raw[: exc.start].count(b"\n") + 1) from None
    unfolded = _UNFOLD.sub("", text)
    fast = _as_stc_writes(unfolded)
    if fast is not None:
        return fast
    lines = unfolded.split("\n")
    found: dict[str, Published] = {}
    depth = 0
    event: list[str] | None = None  # the event's lines
    own: dict[str, str] = {}  # its own revision's values (not a component's inside it)
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
                event, own = [], {}
            elif event is not None:
                event.append(line)  # a component inside the event: part of what it says
        elif key == "END":
            if depth == 2 and event is not None:
                _found(found, own, content(event))
                event = None
            elif event is not None:
                event.append(line)
            depth -= 1
            if depth < 0:
                raise _unreadable(name, _line_number(text, index))
        elif event is not None:
            event.append(line)
            if depth == 2 and key in REVISION:
                own.setdefault(key, value)
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


def _found(found: dict[str, Published], own: dict[str, str], said: str) -> None:
    """One event read: what it ``said`` and its revision's values (``own``), kept under its
    UID (the same UID twice: the higher SEQUENCE)."""
    if "UID" not in own:
        return
    uid = _unescaped(own["UID"])
    try:
        number = min(max(int(own.get("SEQUENCE", "0").strip()), 0), SEQUENCE_MAX)
    except ValueError:
        number = 0
    stamp = _stamp(own.get("LAST-MODIFIED")) or _stamp(own.get("DTSTAMP"))
    now = Published(said, number, stamp)
    before = found.get(uid)
    if before is None or now.sequence >= before.sequence:
        found[uid] = now


# A calendar as stc writes it: events one after the other, each only properties (no
# component inside), nothing but events in the calendar. Read with a few expressions per
# event rather than line by line: 100,000 events in under a second, not five.
_LINE = r"[A-Z-]+(?:;[^:\"\r\n]*)?:[^\r\n]*\r\n"  # a property, its parameters unquoted
_STC_FILE = re.compile(
    rf"BEGIN:VCALENDAR\r\n(?:(?!BEGIN:|END:){_LINE})*"
    rf"(?P<events>(?:BEGIN:VEVENT\r\n(?:(?!BEGIN:|END:){_LINE})*END:VEVENT\r\n)*)"
    r"END:VCALENDAR\r\n"
)
_STC_EVENT = re.compile(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT\r\n", re.S)
# An event exactly as ``render/ics.py`` writes it: what it says, DTSTAMP, UID, SEQUENCE, a
# DESCRIPTION or none, LAST-MODIFIED, TRANSP; the quickest way of all.
_STC_NOW = re.compile(
    r"BEGIN:VEVENT\r\n(SUMMARY:[^\r\n]*\r\nDTSTART;VALUE=DATE:[0-9]{8}\r\n"
    r"DTEND;VALUE=DATE:[0-9]{8})\r\nDTSTAMP:([0-9]{8}T[0-9]{6}Z)\r\nUID:([^\r\n]*)\r\n"
    r"SEQUENCE:([0-9]{1,10})\r\n((?:DESCRIPTION:[^\r\n]*\r\n)?)"
    r"LAST-MODIFIED:([0-9]{8}T[0-9]{6}Z)\r\n(TRANSP:[A-Z]+)\r\nEND:VEVENT\r\n"
)
_REVISION_LINE = re.compile(r"^(UID|DTSTAMP|LAST-MODIFIED|SEQUENCE|CREATED)[;:][^\r\n]*\r\n", re.M)


def _as_stc_writes(unfolded: str) -> dict[str, Published] | None:
    """The events of a calendar in the shape stc writes (see ``_STC_FILE``), or None for any
    other (read line by line then, with the line where reading stops)."""
    whole = _STC_FILE.fullmatch(unfolded)
    if whole is None:
        return None
    events = whole.group("events")
    found: dict[str, Published] = {}
    rows = _STC_NOW.findall(events)
    if len(rows) == events.count("BEGIN:VEVENT\r\n"):  # every event as stc writes it today
        for said, stamp, uid, sequence, described, modified, transp in rows:
            if "\\" in uid:
                uid = _unescaped(uid)
            said = said.replace("\r\n", "\n") + "\n" + described.replace("\r\n", "\n") + transp
            now = Published(said, min(int(sequence), SEQUENCE_MAX), _stamp(modified or stamp))
            before = found.get(uid)
            if before is None or now.sequence >= before.sequence:
                found[uid] = now
        return found
    for event in _STC_EVENT.finditer(events):
        block = event.group(1)
        own: dict[str, str] = {}
        for revision in _REVISION_LINE.finditer(block):
            line = revision.group()
            own.setdefault(revision.group(1), line[line.index(":") + 1 :].rstrip("\r\n"))
        _found(found, own, _REVISION_LINE.sub("", block)[:-2].replace("\r\n", "\n"))
    return found


@functools.lru_cache(maxsize=4096)  # a calendar's events share a few stamps
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
