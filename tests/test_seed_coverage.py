"""The shipped plan holds the whole seed, in its own words.

Reads the committed copy of the operational plan (docs/source/) and fails if any overarching
goal or any bullet under an "Aktivitetsmål" heading has no goal in plans/2025.yaml, or if a
goal's title is not the seed's text at the line it names.
"""

from __future__ import annotations

import re

import pytest

from stc_plan.inputs.plan import load_plan
from stc_plan.model.plan import Plan
from tests.conftest import SEED, SHIPPED_PLAN

HEADING = re.compile(r"^\s*\d+(\.\d+)*\s+[A-ZÅÄÖ]")  # "3.1 Organisation", " 4 Effektiv ..."


def _norm(text: str) -> str:
    return " ".join(text.split())


def bullets() -> list[tuple[str, int, str]]:
    """(block, line, text) for each bullet of the overarching goals and the Aktivitetsmål.

    The seed is a PDF's text: a bullet continues on the following lines, even across a blank
    line when the next one starts in lower case, until the next bullet or heading.
    """
    lines = SEED.read_text(encoding="utf-8").splitlines()
    found: list[tuple[str, int, str]] = []
    block = None
    current: list[str] | None = None
    start = 0
    gap = False

    def close() -> None:
        nonlocal current
        if current is not None and block is not None:
            found.append((block, start, _norm(" ".join(current))))
        current = None

    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if line.startswith("Övergripande inriktningsmål") or line.startswith("Aktivitetsmål"):
            close()
            block = "overarching" if line.startswith("Övergripande") else "activity"
        elif HEADING.match(raw):
            close()
            block = None
        elif line.startswith("•") and block:
            close()
            current, start, gap = [line.lstrip("• ")], number, False
        elif current is not None:
            if not line:
                gap = True
            elif not gap or line[0].islower():
                current.append(line)
                gap = False
            else:
                close()
    close()
    return found


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(SHIPPED_PLAN)


def test_the_seed_has_what_we_expect_to_find() -> None:
    """The parser sees 4 overarching goals and 20 activity-goal bullets: guards the parser."""
    blocks = [b for b, _, _ in bullets()]
    assert blocks.count("overarching") == 4
    assert blocks.count("activity") == 20


@pytest.mark.parametrize(("block", "line", "text"), bullets(), ids=lambda v: str(v)[:30])
def test_every_seed_goal_is_in_the_plan(plan: Plan, block: str, line: int, text: str) -> None:
    """Each bullet is a goal whose title is the bullet's text and whose seed_line is its line."""
    goals = plan.overarching if block == "overarching" else plan.goals
    matching = [g for g in goals if _norm(g.title) == text]
    assert matching, f"seed line {line}: no goal has the title {text!r}"
    assert matching[0].seed_line == line


def test_goals_from_running_text_quote_the_seed(plan: Plan) -> None:
    """Goals taken from the running text (origin: text) quote it from the line they name."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    for goal in plan.goals:
        if goal.origin == "text":
            following = _norm(" ".join(lines[goal.seed_line - 1 : goal.seed_line + 5]))
            assert _norm(goal.title) in following, goal.id


def test_membership_table_matches_the_seed(plan: Plan) -> None:
    """Baselines and targets are the seed's table, read from the seed itself."""
    text = _norm(SEED.read_text(encoding="utf-8"))
    names = plan.unit_names()
    for row in plan.membership.rows:
        name = names[row.unit]
        seed_name = name.replace("-", " - ")
        assert f"{seed_name} {row.baseline} {row.target}" in text, name
    assert f"Totalt: {plan.membership.total.baseline} {plan.membership.total.target}" in text


def test_channels_carry_the_seed_figures(plan: Plan) -> None:
    """The Facebook member group has the 713 members the seed gives; Slack and e-mail exist."""
    channels = {c.id: c for c in plan.channels}
    assert channels["facebook-medlemsgrupp"].members == 713
    assert "713 medlemmar" in SEED.read_text(encoding="utf-8")
    assert channels["nyhetsbrev"].frequency == "monthly"
    assert "slack" in channels


# Aims stated in the running text (issue #11): each is a goal with origin: text, or the plan
# file says beside the text's line ("Rad N, inget eget mål: ...") why it is not one.
TEXT_AIMS = [
    (4, "Listorna ska genom en nomineringsprocess sättas"),
    (5, "ny politik ska tas fram"),
    (5, "alla kampanjare ska ha fått rätt verktyg"),
    (6, "Partiets synlighet ska öka"),
    (34, "Fokus under 2025 kommer att ligga på att bygga upp en stark organisation"),
    (35, "forma ett lokalt valmanifest till 2026"),
    (37, "De superlokala frågorna ska fångas upp"),
    (206, "ska medlemmar erbjudas en mängd olika aktiviteter"),
    (240, "Målet är att både motståndare och väljare vet"),
    (243, "Kommunikationen ska utgå från kommunikationsstrategin."),
]


@pytest.mark.parametrize(("line", "words"), TEXT_AIMS, ids=lambda v: str(v)[:30])
def test_every_aim_of_the_running_text_is_tracked_or_explained(
    plan: Plan, line: int, words: str
) -> None:
    """A goal with origin: text quotes the aim from its line, or a comment there says why not."""
    seed = _norm(" ".join(SEED.read_text(encoding="utf-8").splitlines()[line - 1 : line + 2]))
    assert words in seed, f"seed line {line} does not say {words!r}"
    tracked = [g for g in plan.goals if g.origin == "text" and words in _norm(g.title)]
    if tracked:
        assert tracked[0].seed_line == line
        return
    comments = _norm(
        " ".join(
            raw.strip().lstrip("# ")
            for raw in SHIPPED_PLAN.read_text(encoding="utf-8").splitlines()
            if raw.strip().startswith("#")
        )
    )
    assert f"Rad {line}, inget eget mål: " in comments, (
        f"seed line {line}: neither tracked nor explained"
    )
    assert words in comments
