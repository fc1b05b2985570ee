"""``stc site``: the plan's website built from the shipped plan and the example facts. Every
file the same bytes for the same inputs, every internal link leading to a file, plan text
as text (the hostile corpus), and a failed build leaving the previous site whole."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from typer.testing import CliRunner

from stc_plan.cli import app
from stc_plan.inputs.plan import check_plan_bytes, check_plan_file, load_plan
from stc_plan.inputs.progress import load_progress
from stc_plan.render.site import MARKER, Source, build_site, goal_lines_of, reports_so_far
from stc_plan.write import site as write_site
from tests.conftest import EXAMPLE, SHIPPED_PLAN

AS_OF = "2025-10-01"


def build(out: Path, *extra: str, plan: Path = SHIPPED_PLAN, facts: Path = EXAMPLE) -> Path:
    args = ["site", "--plan", str(plan), "--facts", str(facts), "--as-of", AS_OF, "-o", str(out)]
    result = CliRunner().invoke(app, [*args, *extra])
    assert result.exit_code == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("site") / "public")


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


class Links(HTMLParser):
    """Every href and src of a page, and its ids."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)


def test_the_site_has_every_page(site: Path) -> None:
    """A start page, a page per section and per goal, members, the reports so far (the
    quarters and the term ended by 1 October), status.json and the raw files."""
    plan = load_plan(SHIPPED_PLAN)
    names = set(files_of(site))
    assert {"index.html", "members.html", "status.json", MARKER} <= names
    assert {f"goals/{g.id}.html" for g in [*plan.goals, *plan.overarching]} <= names
    assert {f"sections/{s.id.replace('.', '-')}.html" for s in plan.sections} <= names
    reports = sorted(n for n in names if n.startswith("reports/"))
    assert reports == [f"reports/{n}.html" for n in ("2025-Q1", "2025-Q2", "2025-Q3", "VT2025")]
    assert (site / "raw" / "2025.yaml").read_bytes() == SHIPPED_PLAN.read_bytes()
    assert (site / "raw" / "2025.progress.yaml").read_bytes() == EXAMPLE.read_bytes()
    # The calendar the board can subscribe to: stc calendar's, byte for byte.
    from icalendar import Calendar

    from stc_plan.evaluate.calendar import plan_calendar
    from stc_plan.inputs.progress import load_progress
    from stc_plan.render.ics import to_ics

    ics = (site / "plan.ics").read_bytes()
    progress = load_progress(EXAMPLE, plan, required=True)
    assert ics == to_ics(plan_calendar(plan, progress), "sv", plan.unit_names())
    assert Calendar.from_ical(ics).walk("VEVENT")
    assert 'href="plan.ics"' in (site / "index.html").read_text(encoding="utf-8")
    report = (site / "reports" / "2025-Q3.html").read_text(encoding="utf-8")
    assert '<a href="../index.html">Start</a>' in report  # a report leads to the site's pages
    assert '<a href="../members.html">Medlemmar</a>' in report
    # A goal's page links the overarching goals it serves.
    goal = (site / "goals" / "ny-i-c.html").read_text(encoding="utf-8")
    assert '<a href="../goals/fler-medlemmar.html">Antalet medlemmar' in goal


def test_reports_so_far() -> None:
    """Quarters and terms that have ended; the year's draft once the year is over."""
    names = [p.name for p in reports_so_far(2025, date(2025, 3, 30))]
    assert names == []
    names = [p.name for p in reports_so_far(2025, date(2025, 12, 31))]
    assert names == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "VT2025", "HT2025", "2025"]


def test_every_internal_link_leads_to_a_file(site: Path) -> None:
    """Each relative href or src of every page names a file of the site (fragments within a
    page name one of its ids); nothing is fetched from elsewhere."""
    checked = 0
    for page in site.rglob("*.html"):
        parser = Links()
        text = page.read_text("utf-8")
        parser.feed(text)
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme:
                assert parts.scheme in ("https", "http"), link
                continue
            if not parts.path:  # within the page
                assert f'id="{parts.fragment}"' in text, (page, link)
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_file(), (page, link)
            assert site.resolve() in target.parents
            checked += 1
    assert checked > 100


def test_the_start_page_says_what_needs_us_now(site: Path) -> None:
    """The start page holds the first screen's headline and attention list, each goal
    linked to its page; a goal's page names its line in the plan file."""
    text = (site / "index.html").read_text("utf-8")
    assert '<html lang="sv">' in text
    assert "Behöver er nu" in text
    assert 'href="goals/ny-i-c.html"' in text
    assert "stc status --only" not in text  # every stale goal listed, not a command to run
    goal = (site / "goals" / "nomineringsprocess.html").read_text("utf-8")
    line = goal_lines_of(check_plan_file(SHIPPED_PLAN).doc, load_plan(SHIPPED_PLAN))
    assert SHIPPED_PLAN.read_text("utf-8").splitlines()[line["nomineringsprocess"] - 1].strip() == (
        "- id: nomineringsprocess"
    )
    assert f"rad {line['nomineringsprocess']}" in goal
    assert 'href="../raw/2025.yaml"' in goal
    assert "<svg" in (site / "members.html").read_text("utf-8")


def test_the_overarching_goals_follow_what_needs_us_now(site: Path) -> None:
    """The plan's overarching goals, each with its state and a link to its page, come after
    the attention list and before the sections; the page is titled once."""
    from stc_plan.evaluate.status import evaluate

    plan = load_plan(SHIPPED_PLAN)
    report = evaluate(plan, load_progress(EXAMPLE, plan, required=True), as_of=date(2025, 10, 1))
    text = (site / "index.html").read_text("utf-8")
    assert f"<title>{plan.title}</title>" in text
    headings = re.findall(r"<h2>(.*?)</h2>", text)
    assert headings[headings.index("Övergripande mål") - 1].startswith("Behöver er nu")
    block = text[text.index("<h2>Övergripande mål</h2>") :]
    block = block[: block.index("<h2>", 5)]
    for o in report.overarching:
        link = f'<a href="goals/{o.id}.html">{re.escape(o.title)}</a>'
        found = re.search(rf'state-{o.state.value}"[^\n]*\n*\s*{link}', block)
        assert found, o.id
    assert len(re.findall(r'<p class="line">', block)) == len(plan.overarching)


def test_stale_goals_are_folded_after_the_rest_of_what_needs_us(site: Path) -> None:
    """More than a few stale goals share a fold (the terminal's one line), each still listed
    and linked inside it, after the other goals that need attention."""
    from stc_plan.evaluate.states import State
    from stc_plan.evaluate.status import evaluate

    plan = load_plan(SHIPPED_PLAN)
    report = evaluate(plan, load_progress(EXAMPLE, plan, required=True), as_of=date(2025, 10, 1))
    stale = [g for g in report.needs_attention() if g.state is State.STALE]
    others = [g for g in report.needs_attention() if g.state is not State.STALE]
    assert len(stale) > 3 and others
    text = (site / "index.html").read_text("utf-8")
    fold = text[text.index('<details class="fold">') : text.index("</details>")]
    assert f"{len(stale)} mål utan aktuell avstämning</summary>" in fold
    assert all(f'href="goals/{g.goal.id}.html"' in fold for g in stale)
    assert not any(f'href="goals/{g.goal.id}.html"' in fold for g in others)
    last = max(text.index(f'href="goals/{g.goal.id}.html"') for g in others)
    assert last < text.index('<details class="fold">') < text.index("<h2>Övergripande mål</h2>")


def test_pieces_of_a_line_keep_the_terminals_spacing(site: Path) -> None:
    """Where a line's pieces met with no space ("i dag" and ": i riskzonen"), the page puts
    none: no page has a space before a colon or a comma in its words."""
    for page in site.rglob("*.html"):
        if "reports" in page.parts:
            continue
        words = re.sub(r"<[^>]+>", "", page.read_text("utf-8"))
        assert re.search(r"\w [:,]", words) is None, page.name


def test_the_members_page_gives_both_totals(site: Path) -> None:
    """The total with the sibling groups and the one the plan is judged by (without them,
    as the start page's headline), so the two pages agree; the chart is of the latter."""
    text = (site / "members.html").read_text("utf-8")
    assert "Totalt: 817 av 840" in text
    assert "Totalt utan Syskon: 707 av 730" in text
    assert "Medlemmar: 707 av 730" in (site / "index.html").read_text("utf-8")
    assert "<figcaption>Totalt utan Syskon: medlemmar under året" in text


def test_english_and_links_to_the_plan_on_github(tmp_path: Path) -> None:
    """--lang en builds the site in English; --plan-url makes the lines links to it."""
    url = "https://github.com/o/r/blob/main/plans/2025.yaml"
    out = build(tmp_path / "public", "--lang", "en", "--plan-url", url)
    assert '<html lang="en">' in (out / "index.html").read_text("utf-8")
    assert f'href="{url}#L' in (out / "goals" / "nomineringsprocess.html").read_text("utf-8")


def test_the_same_inputs_give_the_same_bytes(site: Path, tmp_path: Path) -> None:
    """Two builds are byte for byte the same (no clock, no random order)."""
    assert files_of(build(tmp_path / "again")) == files_of(site)


def test_a_failed_build_leaves_the_previous_site_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write that fails part-way leaves the old build as it was, and nothing beside it."""
    out = build(tmp_path / "public")
    before = files_of(out)
    real = Path.write_bytes
    written = []

    def failing(self: Path, data: bytes) -> int:
        written.append(self)
        if len(written) > 5:
            raise OSError(28, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing)
    result = CliRunner().invoke(
        app,
        ["site", "--plan", str(SHIPPED_PLAN), "--facts", str(EXAMPLE), "-o", str(out)],
    )
    monkeypatch.undo()
    assert result.exit_code == 1
    assert "disken är full" in result.stderr
    assert files_of(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_a_swap_cut_short_is_put_right(tmp_path: Path) -> None:
    """Killed between its two renames, a build leaves the old site beside; the next build
    finds it and replaces it."""
    out = build(tmp_path / "public")
    out.rename(tmp_path / ".public.old")
    build(out)
    assert (out / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_a_folder_stc_did_not_build_is_kept(tmp_path: Path) -> None:
    """A folder with someone's files is not replaced without --force."""
    out = tmp_path / "public"
    out.mkdir()
    (out / "mine.txt").write_text("keep me")
    args = ["site", "--plan", str(SHIPPED_PLAN), "--facts", str(EXAMPLE), "-o", str(out)]
    result = CliRunner().invoke(app, [*args, "--lang", "en"])
    assert result.exit_code == 1
    assert "is not a website stc built" in result.stderr
    assert (out / "mine.txt").read_text() == "keep me"
    result = CliRunner().invoke(app, [*args, "--force"])
    assert result.exit_code == 0
    assert not (out / "mine.txt").exists()


def test_write_site_writes_exactly_the_files(tmp_path: Path) -> None:
    """The core's writer: the files and folders given, nothing else."""
    write_site.write_site(tmp_path / "o", {"a/b.txt": b"x", MARKER: b""}, marker=MARKER)
    assert files_of(tmp_path / "o") == {"a/b.txt": b"x", MARKER: b""}


HOSTILE = sorted(p for p in (Path(__file__).parent / "hostile").iterdir() if p.is_file())


@pytest.mark.parametrize("case", HOSTILE, ids=lambda p: p.name)
def test_hostile_text_is_text_on_every_page(case: Path, tmp_path: Path) -> None:
    """Each kept hostile case that loads, as a plan or as the shipped plan's facts, gives
    pages where its text is text: no tag but the site's own reaches any page."""
    from stc_plan.errors import StcError

    raw = case.read_bytes()
    (tmp_path / "p.yaml").write_bytes(raw)
    try:
        plan = load_plan(tmp_path / "p.yaml")
        plan_raw, facts = raw, load_progress(tmp_path / "none.yaml", plan, required=False)
    except StcError:
        plan = load_plan(SHIPPED_PLAN)
        plan_raw = SHIPPED_PLAN.read_bytes()
        try:
            facts = load_progress(tmp_path / "p.yaml", plan)
        except StcError:
            return  # refused as both: it reaches no page
    files = build_site(
        plan,
        facts,
        as_of=date(2025, 10, 1),
        lang="sv",
        plan_file=Source("p.yaml", plan_raw),
        facts_file=None,
        goal_lines=goal_lines_of(check_plan_bytes(plan_raw, "p.yaml").doc, plan),
    )
    for path, data in files.items():
        if path.endswith(".html"):
            for tag in re.findall(r"<\s*/?\s*([a-zA-Z][\w-]*)", data.decode("utf-8")):
                assert tag.lower() in ALLOWED, (path, tag)


ALLOWED = {
    "html", "head", "meta", "title", "style", "body", "header", "nav", "ul", "li", "a", "h1",
    "h2", "h3", "p", "main", "footer", "span", "svg", "use", "symbol", "path", "rect", "circle",
    "polygon", "line", "g", "text", "desc", "figure", "figcaption", "section", "strong", "em",
    "code", "table", "caption", "thead", "tbody", "tr", "th", "td", "div", "tspan", "defs",
    "pattern", "polyline", "ellipse", "details", "summary",
}  # fmt: skip


def test_markup_in_the_plan_is_text(tmp_path: Path) -> None:
    """A title holding HTML, a note holding a link: shown as the words they are."""
    evil = '<script>alert(1)</script> \\"><img src=x onerror=alert(2)> {{ 7*7 }}'
    text = SHIPPED_PLAN.read_text("utf-8").replace(
        "title: Listorna ska genom en nomineringsprocess sättas", f'title: "{evil}"'
    )
    plan_path = tmp_path / "2025.yaml"
    plan_path.write_text(text, "utf-8")
    out = build(tmp_path / "public", plan=plan_path)
    page = (out / "goals" / "nomineringsprocess.html").read_text("utf-8")
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "{{ 7*7 }}" in page
    assert "<script" not in (out / "index.html").read_text("utf-8")
