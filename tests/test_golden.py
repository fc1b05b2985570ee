"""Golden outputs: each renderer on one fixed result, compared with the file it must give.

The result is the minimal plan with a few facts on a fixed date, so a change to any
renderer's output shows here as a diff to review. After an intended change, rewrite the
files with `STC_UPDATE_GOLDEN=1 pytest tests/test_golden.py` and read the diff before
committing it.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from datetime import date

import pytest

from stc_plan.evaluate.reporting import build_report, parse_period
from stc_plan.evaluate.status import StatusReport, evaluate
from stc_plan.inputs.plan import load_plan
from stc_plan.model.facts import Progress
from tests.conftest import MINIMAL_PLAN, ROOT

GOLDEN = ROOT / "tests" / "golden"
FACTS = {
    "version": 1,
    "year": 2025,
    "members": [{"date": "2025-06-30", "counts": {"norr": 124}}],
    "activities": [
        {
            "date": "2025-02-10",
            "kind": "member-activity",
            "title": "Frukost",
            "levels": ["municipal"],
        },
        {
            "date": "2025-05-20",
            "kind": "member-activity",
            "title": "Pub & <debatt>",
            "levels": ["regional"],
        },
    ],
    "checkins": [
        {"goal": "medlemsresan", "date": "2025-04-01", "rating": "at-risk", "note": "Få möten"}
    ],
}


def _report() -> StatusReport:
    plan = load_plan(MINIMAL_PLAN)
    facts = Progress.model_validate(FACTS, strict=False)
    return evaluate(plan, facts, as_of=date(2025, 6, 30))


def _status(fmt: str, lang: str) -> str:
    from stc_plan.render import render_status

    out = io.StringIO()
    render_status(_report(), fmt, lang, out, 80)  # type: ignore[arg-type]
    return out.getvalue()


def _members(fmt: str, lang: str) -> str:
    from stc_plan.render import render_members

    out = io.StringIO()
    render_members(_report(), fmt, lang, out, 80)  # type: ignore[arg-type]
    return out.getvalue()


def _report_markdown(lang: str) -> str:
    from stc_plan.render.report_doc import report_doc
    from stc_plan.render.report_out import to_markdown

    plan = load_plan(MINIMAL_PLAN)
    facts = Progress.model_validate(FACTS, strict=False)
    period = parse_period(quarter="2025-Q2", term=None, year=None, plan_year=2025)
    return to_markdown(report_doc(build_report(plan, facts, period), lang, charts=False))  # type: ignore[arg-type]


def _report_text(lang: str) -> str:
    from stc_plan.render.report_out import render_report

    plan = load_plan(MINIMAL_PLAN)
    facts = Progress.model_validate(FACTS, strict=False)
    period = parse_period(quarter="2025-Q2", term=None, year=None, plan_year=2025)
    return render_report(build_report(plan, facts, period), "text", lang, width=80)  # type: ignore[arg-type]


CASES: dict[str, Callable[[], str]] = {
    "status.plain.sv.txt": lambda: _status("plain", "sv"),
    "status.plain.en.txt": lambda: _status("plain", "en"),
    "status.markdown.sv.md": lambda: _status("markdown", "sv"),
    "status.json": lambda: _status("json", "en"),
    "status.csv": lambda: _status("csv", "en"),
    "members.plain.sv.txt": lambda: _members("plain", "sv"),
    "branch-counts.csv": lambda: _members("csv", "en"),  # stc members -f csv: counts only
    "report.q2.sv.md": lambda: _report_markdown("sv"),
    "report.q2.sv.txt": lambda: _report_text("sv"),  # a terminal's, 80 columns, no colour
    "report.q2.en.txt": lambda: _report_text("en"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_renderer_output_is_the_golden_file(name: str) -> None:
    made = CASES[name]()
    path = GOLDEN / name
    if os.environ.get("STC_UPDATE_GOLDEN"):
        path.write_text(made, encoding="utf-8")
    assert path.exists(), f"no golden file {name}: run with STC_UPDATE_GOLDEN=1"
    assert made == path.read_text(encoding="utf-8")


def test_every_golden_file_is_checked() -> None:
    assert {p.name for p in GOLDEN.iterdir()} == set(CASES)
