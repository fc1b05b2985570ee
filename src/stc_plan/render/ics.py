"""The plan's calendar as iCalendar (RFC 5545) through the icalendar library: all-day events
with stable UIDs, titles in the chosen language; the same inputs give the same bytes.

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

from collections.abc import Callable, Mapping
from datetime import UTC, datetime, time, timedelta
from functools import cache
from typing import Any

from stc_plan.evaluate.calendar import Entry, PlanCalendar
from stc_plan.i18n import Lang, t
from stc_plan.inputs.published import SEQUENCE_MAX, Published, content


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


def _text(value: str) -> object:
    """TEXT as RFC 5545 escapes it (backslash, semicolon, comma, newline), done here: the
    library turns a written backslash-N into a line break first, so a title holding
    "\\N" would change."""
    return _escaped_text()(value)


@cache
def _escaped_text() -> type:
    """The library's TEXT value written with our escapes (one class, made on first use: the
    library is imported only when a calendar is written)."""
    from icalendar.prop import vText

    class Escaped(vText):
        def to_ical(self) -> bytes:
            return (
                str(self)
                .replace("\\", "\\\\")
                .replace(";", "\\;")
                .replace(",", "\\,")
                .replace("\r\n", "\\n")
                .replace("\n", "\\n")
                .encode("utf-8")
            )

    return Escaped


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


def _shared(made: dict[object, Any]) -> Callable[[object, Callable[[Any], Any]], Any]:
    """A maker of property values that gives the same value object for the same value."""

    def value(said: object, kind: Callable[[Any], Any]) -> Any:
        key = (kind, said)
        if key not in made:
            made[key] = kind(said)
        return made[key]

    return value


def to_ics(
    cal: PlanCalendar,
    lang: Lang,
    names: dict[str, str],
    previous: Mapping[str, Published] | None = None,
) -> bytes:
    """The calendar as an .ics file's bytes; ``previous``: the events as last published, by
    UID, whose revisions changed events continue (see the module's docstring)."""
    from icalendar import Calendar, Event
    from icalendar.prop import vDDDTypes, vInt, vText

    base = datetime.combine(cal.stamp, time(0, 0), tzinfo=UTC)
    before = previous or {}
    out = Calendar()
    out.add("prodid", "-//stc//plan calendar//" + lang.upper())
    out.add("version", "2.0")
    out.add("calscale", "GREGORIAN")
    out.add("x-wr-calname", t("ics.name", lang, title=cal.title))
    # Property values built once and shared: the same day, stamp or SEQUENCE recurs across
    # thousands of events, and building each anew was a fifth of the time at 100,000.
    value = _shared({})
    transparent = vText("TRANSPARENT")  # a date to know, not time taken
    for e in cal.entries:
        event = Event()
        event["DTSTART"] = value(e.day, vDDDTypes)
        event["DTEND"] = value(e.day + timedelta(days=1), vDDDTypes)
        event["SUMMARY"] = _text(_summary(e, lang))
        described = _description(e, lang, names)
        if described:
            event["DESCRIPTION"] = _text(described)
        event["TRANSP"] = transparent
        sequence, stamp = revision(before.get(e.uid), content(event.items()), base)
        event["UID"] = vText(e.uid)
        event["DTSTAMP"] = event["LAST-MODIFIED"] = value(stamp, vDDDTypes)
        event["SEQUENCE"] = value(sequence, vInt)
        out.add_component(event)
    return bytes(out.to_ical())
