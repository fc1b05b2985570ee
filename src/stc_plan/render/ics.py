"""The plan's calendar as iCalendar (RFC 5545) through the icalendar library: all-day events
with stable UIDs, titles in the chosen language; the same inputs give the same bytes."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from stc_plan.evaluate.calendar import Entry, PlanCalendar
from stc_plan.i18n import Lang, t


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
    from icalendar.prop import vText

    escaped = (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )

    class _Escaped(vText):
        def to_ical(self) -> bytes:
            return escaped.encode("utf-8")

    return _Escaped(value)


def to_ics(cal: PlanCalendar, lang: Lang, names: dict[str, str]) -> bytes:
    """The calendar as an .ics file's bytes."""
    from icalendar import Calendar, Event

    stamp = datetime.combine(cal.stamp, time(0, 0), tzinfo=UTC)
    out = Calendar()
    out.add("prodid", "-//stc//plan calendar//" + lang.upper())
    out.add("version", "2.0")
    out.add("calscale", "GREGORIAN")
    out.add("x-wr-calname", t("ics.name", lang, title=cal.title))
    for e in cal.entries:
        event = Event()
        event.add("uid", e.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", e.day)
        event.add("dtend", e.day + timedelta(days=1))
        event.add("summary", _text(_summary(e, lang)))
        described = _description(e, lang, names)
        if described:
            event.add("description", _text(described))
        event.add("transp", "TRANSPARENT")  # a date to know, not time taken
        out.add_component(event)
    return bytes(out.to_ical())
