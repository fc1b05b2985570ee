"""`stc calendar`: the plan's dates as iCalendar that parses back, imports as all-day events
and updates rather than duplicates when exported again."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from stc_plan.evaluate.calendar import Entry, PlanCalendar, plan_calendar
from stc_plan.i18n import Lang, t
from stc_plan.inputs.plan import load_plan
from stc_plan.inputs.progress import load_progress
from stc_plan.render import ics
from tests.conftest import EXAMPLE, SHIPPED_PLAN

Invoke = Callable[..., Any]
ARGS = ["--plan", str(SHIPPED_PLAN), "--facts", str(EXAMPLE)]


def events(raw: bytes) -> dict[str, Any]:
    """The events by UID, without the organisation's part after the @."""
    return {str(e["uid"]).split("@")[0]: e for e in Calendar.from_ical(raw).walk("VEVENT")}


def test_every_date_of_the_plan_and_every_activity(invoke: Invoke) -> None:
    result = invoke("calendar", *ARGS)
    assert result.exit_code == 0, result.stderr
    found = events(result.stdout_bytes)
    plan = load_plan(SHIPPED_PLAN)
    progress = load_progress(EXAMPLE, plan, required=True)
    milestones = [g for g in plan.goals if g.kind == "milestone"]
    kinds = [uid.split("-")[2] for uid in found]
    assert kinds.count("deadline") == len(milestones)
    assert kinds.count("activity") == len(progress.activities)
    assert kinds.count("quarter") == 4 and kinds.count("term") == 4
    renewal = found["stc-2025-deadline-aterlosning-varen"]
    assert str(renewal["summary"]).startswith("Sista dag: En distriktsgemensam")  # Swedish
    assert renewal.decoded("dtstart") == date(2025, 6, 30)  # all day
    assert renewal.decoded("dtend") == date(2025, 7, 1)
    assert "härlett ur planens ord" in str(renewal["description"])  # "under våren"
    q2 = found["stc-2025-quarter-2025-Q2"]
    assert str(q2["summary"]) == "Kvartalsrapport 2025-Q2 till styrelsen"
    english = events(invoke("calendar", *ARGS, "--lang", "en").stdout_bytes)
    assert str(english["stc-2025-quarter-2025-Q2"]["summary"]).startswith("Quarter")


def test_re_exports_are_identical_and_keep_their_uids(tmp_path: Path, invoke: Invoke) -> None:
    """The same inputs give the same bytes; a fact added adds one event and changes no UID."""
    facts = tmp_path / "facts.yaml"
    shutil.copy(EXAMPLE, facts)
    args = ["--plan", str(SHIPPED_PLAN), "--facts", str(facts)]
    first = invoke("calendar", *args).stdout_bytes
    assert invoke("calendar", *args).stdout_bytes == first
    added = invoke(
        "record",
        "activity",
        "--plan",
        str(SHIPPED_PLAN),
        "--facts",
        str(facts),
        "--kind",
        "member-activity",
        "--title",
        "Julbord; med glögg, och \\ allt",
        "--branch",
        "norra-innerstaden",
        "2025-09-29",
    )
    assert added.exit_code == 0, added.stderr
    second = events(invoke("calendar", *args).stdout_bytes)
    assert set(events(first)) < set(second) and len(second) == len(events(first)) + 1
    new = next(e for uid, e in second.items() if uid not in events(first))
    assert str(new["summary"]) == "Julbord; med glögg, och \\ allt"  # escaped and back


def test_written_atomically_to_a_file(tmp_path: Path, invoke: Invoke) -> None:
    target = tmp_path / "plan.ics"
    result = invoke("calendar", *ARGS, "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert str(target) in result.stderr


def test_the_stamp_is_the_newest_date_known() -> None:
    """DTSTAMP comes from the facts, not the clock, so a rebuild changes nothing."""
    plan = load_plan(SHIPPED_PLAN)
    cal = plan_calendar(plan, load_progress(EXAMPLE, plan, required=True))
    assert cal.stamp == date(2025, 9, 30)
    assert plan_calendar(plan, None).stamp == date(2025, 1, 1)


def test_uids_are_unique_and_text_survives(tmp_path: Path, invoke: Invoke) -> None:
    """Titles a separator could confuse get UIDs of their own; a written backslash-N stays
    text; another district's calendar has other UIDs."""
    facts = tmp_path / "facts.yaml"
    facts.write_text("version: 1\nyear: 2025\n", encoding="utf-8")
    args = ["--plan", str(SHIPPED_PLAN), "--facts", str(facts)]
    for title in ("Möte", "Möte", "Möte|2", "Möte \\N inte en radbrytning"):
        done = invoke(
            "record", "activity", *args, "--kind", "workshop", "--title", title, "2025-03-01"
        )
        assert done.exit_code == 0, done.stderr
    raw = invoke("calendar", *args).stdout_bytes
    uids = [str(e["uid"]) for e in Calendar.from_ical(raw).walk("VEVENT")]
    assert len(uids) == len(set(uids))
    titles = [str(e["summary"]) for e in Calendar.from_ical(raw).walk("VEVENT")]
    assert "Möte \\N inte en radbrytning" in titles
    other = tmp_path / "2025.yaml"
    other.write_text(
        SHIPPED_PLAN.read_text(encoding="utf-8").replace(
            "organisation: Centerpartiet i Stockholm stad",
            "organisation: Centerpartiet i Uppsala",
            1,
        ),
        encoding="utf-8",
    )
    theirs = invoke("calendar", "--plan", str(other), "--facts", str(facts)).stdout_bytes
    their_uids = {str(e["uid"]) for e in Calendar.from_ical(theirs).walk("VEVENT")}
    assert not their_uids & set(uids)


def library_ics(cal: PlanCalendar, lang: Lang, names: dict[str, str]) -> bytes:
    """The calendar as the icalendar library writes it: what stc's own writer must equal."""
    from icalendar import Event
    from icalendar.prop import vText

    def text(value: str) -> vText:
        class Escaped(vText):  # escaped as stc does: the library reads a written \N as a break
            def to_ical(self) -> bytes:
                return ics._text(value).encode("utf-8")

        return Escaped(value)

    out = Calendar()
    out.add("prodid", "-//stc//plan calendar//" + lang.upper())
    out.add("version", "2.0")
    out.add("calscale", "GREGORIAN")
    out.add("x-wr-calname", text(t("ics.name", lang, title=cal.title)))
    for e in cal.entries:
        event = Event()
        event.add("uid", e.uid)
        event.add("dtstamp", datetime.combine(cal.stamp, time(0, 0), tzinfo=UTC))
        event.add("dtstart", e.day)
        event.add("dtend", e.day + timedelta(days=1))
        event.add("summary", text(ics._summary(e, lang)))
        described = ics._description(e, lang, names)
        if described:
            event.add("description", text(described))
        event.add("transp", "TRANSPARENT")
        out.add_component(event)
    return bytes(out.to_ical())


def test_the_file_is_the_one_the_icalendar_library_writes() -> None:
    """stc writes the lines itself (the library's components are too slow for a national
    party); the bytes are the library's, in both languages."""
    plan = load_plan(SHIPPED_PLAN)
    cal = plan_calendar(plan, load_progress(EXAMPLE, plan, required=True))
    for lang in ("sv", "en"):
        ours = ics.to_ics(cal, lang, plan.unit_names())
        assert ours == library_ics(cal, lang, plan.unit_names())
        assert len(Calendar.from_ical(ours).walk("VEVENT")) == len(cal.entries)


TITLES = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=200
)


@given(titles=st.lists(TITLES, min_size=1, max_size=4))
@settings(max_examples=300, deadline=None)
def test_any_title_folds_and_escapes_as_the_library_does(titles: list[str]) -> None:
    """Backslashes, commas, semicolons, line breaks, emoji and long words: the same bytes,
    every line at most 75 octets, and each title reads back whole."""
    entries = [
        Entry(f"stc-2025-activity-{n}@x", date(2025, 3, 1), "activity", text=title, label="meeting")
        for n, title in enumerate(titles)
    ]
    cal = PlanCalendar("Plan — 2025; test, \\N", "Org", 2025, entries, date(2025, 3, 1))
    ours = ics.to_ics(cal, "sv", {})
    assert ours == library_ics(cal, "sv", {})
    assert all(len(line) <= 75 for line in ours.split(b"\r\n"))
    back = [str(e["summary"]) for e in Calendar.from_ical(ours).walk("VEVENT")]
    assert back == [x.replace("\r\n", "\n") for x in titles]
