"""The plan's calendar as iCalendar (RFC 5545): all-day events with stable UIDs, titles in the
chosen language; the same inputs give the same bytes.

**Written here**, not through the icalendar library's components: a national party's 100,000
activities took the library 40 s and most of a gigabyte, this loop a second. The lines are
the ones the library writes (its property order, escaping and folding); the tests hold the
two byte for byte and parse every export back with the library.

**Revisions.** A calendar program keeps the events it was given and takes a new copy with the
same UID as an update only when it is a newer revision: SEQUENCE must rise when an event's
date changes (RFC 5545 3.8.7.4, RFC 5546 2.1.4), and Google Calendar and Outlook are widely
reported to ignore an imported or re-fetched event whose SEQUENCE has not risen. Without a
METHOD (this file has none) DTSTAMP is when the event was last revised, as LAST-MODIFIED is
(RFC 5545 3.8.7.2).

No function of the plan alone can give a SEQUENCE that rises on every change (a deadline
moved and moved back says what it said at first), and the clock would give other bytes on
every run. So the calendar as last published is an input (``inputs/published.py``): an
event that says the same as there keeps its SEQUENCE and stamps, byte for byte; one that
says anything else (its day, title, description) gets SEQUENCE one higher and DTSTAMP and
LAST-MODIFIED newer than before (the newest date the facts know, or one second past the
earlier stamp if that is not later); a new event starts at SEQUENCE 0 with that date. The
same plan, facts and earlier file always give the same bytes, and exporting an unchanged
plan over its own file changes nothing. Without an earlier file every event is at
SEQUENCE 0, as a first export is.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta

from stc_plan.evaluate.calendar import Entry, PlanCalendar
from stc_plan.i18n import Lang, t
from stc_plan.inputs.published import SEQUENCE_MAX, Published


def _summary(e: Entry, lang: Lang) -> str:
    if e.kind == "deadline":
        return t("ics.deadline", lang, title=e.text)
    if e.kind in ("term-start", "term-end"):
        return t(f"ics.{e.kind}", lang, term=e.label)
    if e.kind == "quarter-report":
        return t("ics.quarter-report", lang, quarter=e.label)
    if e.kind == "election":
        return t("ics.election", lang)
    return e.text or ""


def _description(e: Entry, lang: Lang, names: dict[str, str]) -> str | None:
    if e.kind == "deadline":
        said = t("ics.goal", lang, id=e.label)
        return said + ("\n" + t("brief.star", lang).lstrip("* ") if e.derived else "")
    if e.kind == "quarter-report":
        return t("due.report-hint", lang, quarter=e.label)
    if e.kind == "activity":
        units = [t("story.all-branches", lang) if u == "all" else names.get(u, u) for u in e.units]
        kind = t(f"activity1.{e.label}", lang)
        return kind + (f" ({', '.join(units)})" if units else "")
    return None


def _text(value: str) -> str:
    """TEXT as RFC 5545 escapes it: backslash, semicolon, comma, line break."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """A content line folded as RFC 5545 asks: no line longer than 75 octets (the space that
    starts a continuation counts), never inside a character's UTF-8 bytes, and never right
    after a backslash (some programs read an escape only whole), as the icalendar library
    folds."""
    if len(line) < FOLD and (line.isascii() or len(line.encode("utf-8")) < FOLD):
        return line
    parts: list[str] = []
    chars: list[str] = []
    size = 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if chars and size + n >= FOLD:
            if len(chars) > 1 and chars[-1] in "\\^":
                kept = chars.pop()
                parts.append("".join(chars))
                chars, size = [kept], len(kept.encode("utf-8"))
            else:
                parts.append("".join(chars))
                chars, size = [], 0
        chars.append(ch)
        size += n
    if chars:
        parts.append("".join(chars))
    return "\r\n ".join(parts)


FOLD = 75


@functools.cache
def _date(day: date) -> str:
    return f"{day:%Y%m%d}"  # a year has 366 of them; a national party, 100,000 events


def revision(before: Published | None, said: object, base: datetime) -> tuple[int, datetime]:
    """An event's SEQUENCE and last revision, given how it was published (``before``, None
    if it was not) and what it says now (``said``, as ``content`` gives it)."""
    if before is None:
        return 0, base
    if before.content == said and before.stamp is not None:
        return before.sequence, before.stamp  # unchanged: the same bytes as before
    earlier = before.stamp or base
    try:
        later = max(base, earlier + timedelta(seconds=1))
    except OverflowError:  # a stamp at the end of time (not ours): it stays
        later = earlier
    return min(before.sequence + 1, SEQUENCE_MAX), later


def _when(stamp: datetime) -> str:
    """A DATE-TIME in UTC as RFC 5545 writes it (four-digit year, whatever the year)."""
    s = stamp
    return f"{s.year:04d}{s.month:02d}{s.day:02d}T{s.hour:02d}{s.minute:02d}{s.second:02d}Z"


def to_ics(
    cal: PlanCalendar,
    lang: Lang,
    names: dict[str, str],
    previous: Mapping[str, Published] | None = None,
) -> bytes:
    """The calendar as an .ics file's bytes; ``previous``: the events as last published, by
    UID, whose revisions changed events continue (see the module's docstring)."""
    base = datetime.combine(cal.stamp, time(0, 0), tzinfo=UTC)
    before = previous or {}
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:" + _text("-//stc//plan calendar//" + lang.upper()),
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:" + _text(t("ics.name", lang, title=cal.title)),
    ]
    for e in cal.entries:
        described = _description(e, lang, names)
        said = [
            "SUMMARY:" + _text(_summary(e, lang)),
            "DTSTART;VALUE=DATE:" + _date(e.day),
            "DTEND;VALUE=DATE:" + _date(e.day + timedelta(days=1)),
        ]
        if described:
            said.append("DESCRIPTION:" + _text(described))
        said.append("TRANSP:TRANSPARENT")  # a date to know, not time taken
        # What it says: ``content`` of these lines, none of which is the revision's.
        sequence, stamp = revision(before.get(e.uid), "\n".join(said), base)
        when = _when(stamp)
        revised = ["DTSTAMP:" + when, "UID:" + _text(e.uid), f"SEQUENCE:{sequence}"]
        # In the library's order: SUMMARY, DTSTART, DTEND, the revision, then by name.
        lines += ["BEGIN:VEVENT", *said[:3], *revised, *said[3:-1], "LAST-MODIFIED:" + when]
        lines += [said[-1], "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(_fold(x) + "\r\n" for x in lines).encode("utf-8")
