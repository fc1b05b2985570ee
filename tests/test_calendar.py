"""`stc calendar`: the plan's dates as iCalendar that parses back, imports as all-day events
and updates rather than duplicates when exported again."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Mapping
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
from stc_plan.inputs.published import Published, content, published
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


def library_ics(
    cal: PlanCalendar,
    lang: Lang,
    names: dict[str, str],
    previous: Mapping[str, Published] | None = None,
) -> bytes:
    """The calendar as the icalendar library writes it: what stc's own writer must equal."""
    from icalendar import Event
    from icalendar.prop import vText

    def text(value: str) -> vText:
        class Escaped(vText):  # escaped as stc does: the library reads a written \N as a break
            def to_ical(self) -> bytes:
                return ics._text(value).encode("utf-8")

        return Escaped(value)

    base = datetime.combine(cal.stamp, time(0, 0), tzinfo=UTC)
    out = Calendar()
    out.add("prodid", "-//stc//plan calendar//" + lang.upper())
    out.add("version", "2.0")
    out.add("calscale", "GREGORIAN")
    out.add("x-wr-calname", text(t("ics.name", lang, title=cal.title)))
    for e in cal.entries:
        event = Event()
        event.add("dtstart", e.day)
        event.add("dtend", e.day + timedelta(days=1))
        event.add("summary", text(ics._summary(e, lang)))
        described = ics._description(e, lang, names)
        if described:
            event.add("description", text(described))
        event.add("transp", "TRANSPARENT")
        written = re.sub(r"\r\n[ \t]", "", event.to_ical().decode("utf-8")).split("\r\n")
        said = content(x for x in written if x and not x.startswith(("BEGIN:", "END:")))
        sequence, stamp = ics.revision((previous or {}).get(e.uid), said, base)
        event.add("uid", e.uid)
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        event.add("sequence", sequence)
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
    # Revised: every event changed since an earlier file (its words), one left alone.
    earlier = published(ics.to_ics(cal, "en", plan.unit_names()), "plan.ics")
    kept = cal.entries[0].uid
    earlier[kept] = published(ics.to_ics(cal, "sv", plan.unit_names()), "plan.ics")[kept]
    ours = ics.to_ics(cal, "sv", plan.unit_names(), earlier)
    assert ours == library_ics(cal, "sv", plan.unit_names(), earlier)
    assert b"SEQUENCE:1" in ours and b"SEQUENCE:0" in ours


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


def _moved(tmp_path: Path, deadline: str) -> Path:
    """The shipped plan with the spring renewal drive's deadline at ``deadline``."""
    plan = tmp_path / "2025.yaml"
    text = SHIPPED_PLAN.read_text(encoding="utf-8")
    old = '    deadline: 2025-06-30 # "under våren"'
    assert old in text
    plan.write_text(text.replace(old, f'    deadline: {deadline} # "under våren"'), "utf-8")
    return plan


RENEWAL = "stc-2025-deadline-aterlosning-varen"


def test_a_moved_deadline_is_a_newer_revision(tmp_path: Path, invoke: Invoke) -> None:
    """Exported over its own file, a moved deadline keeps its UID, gets SEQUENCE one higher
    and a later DTSTAMP and LAST-MODIFIED; every other event stays byte for byte as it was.
    Moved back, it rises again: the revision counts changes, it is not read off the date."""
    ics = tmp_path / "plan.ics"
    facts = ["--facts", str(EXAMPLE), "-o", str(ics)]
    plan = _moved(tmp_path, "2025-06-30")
    assert invoke("calendar", "--plan", str(plan), *facts).exit_code == 0
    first = ics.read_bytes()
    was = events(first)
    assert {int(e["sequence"]) for e in was.values()} == {0}
    assert was[RENEWAL].decoded("last-modified") == was[RENEWAL].decoded("dtstamp")

    _moved(tmp_path, "2025-05-31")
    assert invoke("calendar", "--plan", str(plan), *facts).exit_code == 0
    now = events(ics.read_bytes())
    assert set(now) == set(was)  # the same UIDs: an update, never a second event
    moved = now[RENEWAL]
    assert moved.decoded("dtstart") == date(2025, 5, 31) and int(moved["sequence"]) == 1
    assert moved.decoded("dtstamp") > was[RENEWAL].decoded("dtstamp")
    assert moved.decoded("last-modified") > was[RENEWAL].decoded("last-modified")
    for uid, event in now.items():
        if uid != RENEWAL:
            assert event.to_ical() == was[uid].to_ical(), uid

    _moved(tmp_path, "2025-06-30")  # back where it was: the same words as the first export
    assert invoke("calendar", "--plan", str(plan), *facts).exit_code == 0
    back = events(ics.read_bytes())[RENEWAL]
    assert back.decoded("dtstart") == date(2025, 6, 30) and int(back["sequence"]) == 2
    assert back.decoded("dtstamp") > moved.decoded("dtstamp")


def test_an_unchanged_plan_gives_the_same_bytes(tmp_path: Path, invoke: Invoke) -> None:
    """Exported again over its own file, through --previous to stdout, or after a language
    round trip back to the first, nothing changes that did not change."""
    ics = tmp_path / "plan.ics"
    assert invoke("calendar", *ARGS, "-o", str(ics)).exit_code == 0
    first = ics.read_bytes()
    assert invoke("calendar", *ARGS, "-o", str(ics)).exit_code == 0
    assert ics.read_bytes() == first
    again = invoke("calendar", *ARGS, "--previous", str(ics))
    assert again.exit_code == 0 and again.stdout_bytes == first
    assert again.stderr == ""
    fresh = invoke("calendar", *ARGS)  # nothing published: the same as a first export
    assert fresh.stdout_bytes == first


def test_a_new_fact_leaves_the_other_events_alone(tmp_path: Path, invoke: Invoke) -> None:
    """A recorded activity is a new event at SEQUENCE 0 stamped with its date; the events
    that did not change keep their stamps (the newest date moved, their words did not)."""
    facts = tmp_path / "facts.yaml"
    shutil.copy(EXAMPLE, facts)
    ics = tmp_path / "plan.ics"
    args = ["--plan", str(SHIPPED_PLAN), "--facts", str(facts)]
    assert invoke("calendar", *args, "-o", str(ics)).exit_code == 0
    was = events(ics.read_bytes())
    added = invoke(
        "record", "activity", *args, "--kind", "workshop", "--title", "Verkstad", "2025-11-02"
    )
    assert added.exit_code == 0, added.stderr
    assert invoke("calendar", *args, "-o", str(ics)).exit_code == 0
    now = events(ics.read_bytes())
    (new,) = [e for uid, e in now.items() if uid not in was]
    assert int(new["sequence"]) == 0
    assert new.decoded("dtstamp").date() == date(2025, 11, 2)
    assert all(now[uid].to_ical() == e.to_ical() for uid, e in was.items())


def test_text_that_needs_escapes_reads_back_unchanged(tmp_path: Path, invoke: Invoke) -> None:
    """Titles with every character iCalendar escapes, a tab, a long line that folds and
    letters outside ASCII are read back as written: no change is seen where there is none."""
    facts = tmp_path / "facts.yaml"
    facts.write_text("version: 1\nyear: 2025\n", encoding="utf-8")
    args = ["--plan", str(SHIPPED_PLAN), "--facts", str(facts)]
    titles = ["a\\b; c, d", "Möte \\N \\n \\, \\; \\\\", "tab\there", "Å" * 120 + " 🎉 👩‍👩‍👧"]
    for title in titles:
        done = invoke(
            "record", "activity", *args, "--kind", "workshop", "--title", title, "2025-03-01"
        )
        assert done.exit_code == 0, done.stderr
    ics = tmp_path / "plan.ics"
    assert invoke("calendar", *args, "-o", str(ics)).exit_code == 0
    first = ics.read_bytes()
    assert invoke("calendar", *args, "-o", str(ics)).exit_code == 0
    assert ics.read_bytes() == first
    assert {str(e["summary"]) for e in events(first).values()} >= set(titles)


def test_what_is_not_a_calendar_starts_afresh_saying_so(tmp_path: Path, invoke: Invoke) -> None:
    """An earlier file that is not iCalendar, or one named that is missing: a note on
    stderr naming it (and the line), then every event at SEQUENCE 0; exit 0."""
    junk = tmp_path / "plan.ics"
    junk.write_text("BEGIN:VCALENDAR\nBEGIN:VEVENT\nthis is not a property\n", "utf-8")
    result = invoke("calendar", *ARGS, "-o", str(junk), "--lang", "en")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (
        f"stc: {junk}:3: not an iCalendar file stc can read; every event starts again at SEQUENCE 0"
    )
    assert {int(e["sequence"]) for e in events(junk.read_bytes()).values()} == {0}
    missing = tmp_path / "nothing.ics"
    result = invoke("calendar", *ARGS, "--previous", str(missing))
    assert result.exit_code == 0 and result.stdout_bytes.startswith(b"BEGIN:VCALENDAR")
    assert result.stderr == (
        f"stc: {missing} finns inte: inget har publicerats förut, "
        "så varje händelse börjar på SEQUENCE 0\n"
    )


def test_the_website_continues_its_published_calendar(tmp_path: Path, invoke: Invoke) -> None:
    """stc site compares with the plan.ics it replaces (or --previous-calendar, as the
    workflow fetches it from Pages): a moved deadline rises, the rest stays."""
    site = tmp_path / "public"
    plan = _moved(tmp_path, "2025-06-30")
    args = ["--plan", str(plan), "--facts", str(EXAMPLE), "--as-of", "2025-10-01"]
    assert invoke("site", *args, "-o", str(site)).exit_code == 0
    published = tmp_path / "published.ics"
    shutil.copy(site / "plan.ics", published)
    _moved(tmp_path, "2025-05-31")
    assert invoke("site", *args, "-o", str(site)).exit_code == 0
    assert int(events((site / "plan.ics").read_bytes())[RENEWAL]["sequence"]) == 1
    elsewhere = tmp_path / "fresh"
    built = invoke("site", *args, "-o", str(elsewhere), "--previous-calendar", str(published))
    assert built.exit_code == 0, built.stderr
    assert (elsewhere / "plan.ics").read_bytes() == (site / "plan.ics").read_bytes()


def test_revisions_in_the_core() -> None:
    """The rule itself: new at 0 with the base stamp; unchanged keeps; changed rises by one
    with a stamp later than both; a SEQUENCE at RFC 5545's ceiling or a stamp at the end of
    time stays; a file's revisions are read back within range."""
    from datetime import UTC, datetime

    from stc_plan.inputs.published import SEQUENCE_MAX, Published, published
    from stc_plan.render.ics import revision

    base = datetime(2025, 9, 30, tzinfo=UTC)
    said = (("SUMMARY", "x"),)
    assert revision(None, said, base) == (0, base)
    old = Published(said, 3, datetime(2025, 10, 1, tzinfo=UTC))
    assert revision(old, said, base) == (3, old.stamp)
    later = datetime(2025, 10, 1, 0, 0, 1, tzinfo=UTC)
    assert revision(old, (("SUMMARY", "y"),), base) == (4, later)
    older = Published(said, 0, datetime(2025, 1, 1, tzinfo=UTC))
    assert revision(older, (("SUMMARY", "y"),), base) == (1, base)
    top = Published(said, SEQUENCE_MAX, datetime.max.replace(tzinfo=UTC))
    assert revision(top, (), base) == (SEQUENCE_MAX, top.stamp)
    raw = (
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nSEQUENCE:-4\r\nSUMMARY:x\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:b\r\nSEQUENCE:99999999999\r\nDTSTAMP:20250101\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nSUMMARY:no uid\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    read = published(raw, "f")
    assert sorted(read) == ["a", "b"]
    assert read["a"].sequence == 0 and read["a"].stamp is None
    assert read["b"].sequence == SEQUENCE_MAX
    assert read["b"].stamp == datetime(2025, 1, 1, tzinfo=UTC)


def test_a_calendar_from_before_revisions_is_continued(tmp_path: Path, invoke: Invoke) -> None:
    """A plan.ics written before stc gave SEQUENCE and LAST-MODIFIED (its events at the
    default 0): what is unchanged keeps its DTSTAMP, so the first export after is no news."""
    current = invoke("calendar", *ARGS).stdout_bytes
    older = tmp_path / "plan.ics"
    older.write_bytes(
        b"".join(
            line
            for line in current.splitlines(keepends=True)
            if not line.startswith((b"SEQUENCE:", b"LAST-MODIFIED:"))
        )
    )
    assert invoke("calendar", *ARGS, "-o", str(older)).exit_code == 0
    assert older.read_bytes() == current


def test_stcs_own_shape_is_read_whole_events_at_a_time_and_says_the_same() -> None:
    """A calendar as stc writes it is read by the quick path (a few expressions an event);
    the same calendar in any other shape (LF line ends, a blank line) line by line. Both
    read the same events, revisions and words."""
    from stc_plan.inputs import published as pub

    plan = load_plan(SHIPPED_PLAN)
    cal = plan_calendar(plan, load_progress(EXAMPLE, plan, required=True))
    earlier = published(ics.to_ics(cal, "en", plan.unit_names()), "plan.ics")
    kept = cal.entries[0].uid
    earlier[kept] = published(ics.to_ics(cal, "sv", plan.unit_names()), "plan.ics")[kept]
    raw = ics.to_ics(cal, "sv", plan.unit_names(), earlier)  # SEQUENCE 1 and 0 in it
    text = raw.decode("utf-8")
    assert pub._as_stc_writes(re.sub(r"\r\n[ \t]", "", text)) is not None
    quick = published(raw, "plan.ics")
    for other in (
        raw.replace(b"\r\n", b"\n"),
        raw.replace(b"END:VEVENT\r\n", b"END:VEVENT\r\n\r\n", 1),
    ):
        assert pub._as_stc_writes(re.sub(r"\r?\n[ \t]", "", other.decode("utf-8"))) is None
        assert published(other, "plan.ics") == quick
    assert {p.sequence for p in quick.values()} == {0, 1}
    assert ics.to_ics(cal, "sv", plan.unit_names(), quick) == raw  # unchanged: the same bytes
    # Without SEQUENCE (stc before revisions): the shape, not the exact layout of today.
    older = re.sub(rb"SEQUENCE:[0-9]+\r\n", b"", raw)
    assert pub._as_stc_writes(re.sub(r"\r\n[ \t]", "", older.decode("utf-8"))) is not None
    assert published(older, "f") == published(older.replace(b"\r\n", b"\n"), "f")
    assert {p.sequence for p in published(older, "f").values()} == {0}


def test_a_folder_named_as_the_calendar_asks_for_an_ics_file(
    tmp_path: Path, invoke: Invoke
) -> None:
    """Reading a folder is refused asking for the kind of file the command reads (a plan's
    .yaml elsewhere): here a calendar."""
    result = invoke("calendar", *ARGS, "--previous", str(tmp_path), "--lang", "en")
    assert result.exit_code == 1
    assert (
        result.stderr == f"stc: {tmp_path}: cannot read: it is a folder; name a .ics file in it\n"
    )
    register = invoke("members", "import", str(tmp_path), "--date", "2025-03-31", "--lang", "sv")
    assert register.exit_code == 1 and "det är en mapp; ange en .csv-fil i den" in register.stderr


def test_a_broken_line_in_stcs_own_shape_is_named_as_any_other() -> None:
    """A property line without its colon in a calendar otherwise as stc writes it: the
    quick reading leaves it to the line-by-line one, which names its line."""
    from stc_plan.inputs.published import CalendarUnreadable

    plan = load_plan(SHIPPED_PLAN)
    raw = ics.to_ics(plan_calendar(plan, None), "sv", plan.unit_names())
    lines = raw.split(b"\r\n")
    n = next(i for i, line in enumerate(lines) if line.startswith(b"UID:"))
    lines[n] = b"UID;X=1"
    try:
        published(b"\r\n".join(lines), "plan.ics")
    except CalendarUnreadable as exc:
        assert exc.message_in("en").startswith(f"plan.ics:{n + 1}: not an iCalendar file")
    else:
        raise AssertionError("read as a calendar")
