"""The plan's calendar as iCalendar (RFC 5545): all-day events with stable UIDs, titles in the
chosen language; the same inputs give the same bytes."""

from __future__ import annotations

import functools
from datetime import date, timedelta

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


def to_ics(cal: PlanCalendar, lang: Lang, names: dict[str, str]) -> bytes:
    """The calendar as an .ics file's bytes.

    Written here rather than through the icalendar library's components: a national party's
    100,000 activities took the library 40 s and most of a gigabyte, this loop a second. The
    lines are the ones the library writes (its property order and folding); the tests hold
    the two byte for byte and parse every export back with the library.
    """
    stamp = f"{cal.stamp:%Y%m%d}T000000Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:" + _text("-//stc//plan calendar//" + lang.upper()),
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:" + _text(t("ics.name", lang, title=cal.title)),
    ]
    for e in cal.entries:
        lines += [
            "BEGIN:VEVENT",
            "SUMMARY:" + _text(_summary(e, lang)),
            "DTSTART;VALUE=DATE:" + _date(e.day),
            "DTEND;VALUE=DATE:" + _date(e.day + timedelta(days=1)),
            "DTSTAMP:" + stamp,
            "UID:" + _text(e.uid),
        ]
        described = _description(e, lang, names)
        if described:
            lines.append("DESCRIPTION:" + _text(described))
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]  # a date to know, not time taken
    lines.append("END:VCALENDAR")
    return "".join(_fold(x) + "\r\n" for x in lines).encode("utf-8")
