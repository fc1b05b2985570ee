"""The rules a well-formed plan must also follow: unique ids, references that resolve, dates
in the plan year, and membership targets that follow the growth rule.

Each rule yields ``Finding``s (a document path, a message, a severity); ``check_plan`` places
them in the file. Rules run only on a plan that passed the schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from stc_plan.errors import DocPath, Problem, Severity
from stc_plan.messages import Msg
from stc_plan.model.growth import grow, rule_target
from stc_plan.model.plan import CountGoal, MetricGoal, MilestoneGoal, Plan
from stc_plan.parse.yamlpos import Document
from stc_plan.validate.where import problem_at


@dataclass(frozen=True)
class Finding:
    """A rule's verdict on one place in the plan."""

    path: DocPath
    message: Msg | str
    severity: Severity = Severity.ERROR
    key: bool = False  # point at the key itself (an unknown name), not at its value


def check_plan(doc: Document, plan: Plan) -> list[Problem]:
    """Every rule's findings on ``plan``, placed in ``doc`` and sorted by position."""
    findings: list[Finding] = []
    for rule in RULES:
        findings.extend(rule(plan))
    return place(doc, findings)


def place(doc: Document, findings: list[Finding]) -> list[Problem]:
    """Findings as problems at their positions in ``doc``, in file order."""
    problems = [
        problem_at(doc, f.path, f.message, severity=f.severity, key=f.key) for f in findings
    ]
    return sorted(problems, key=lambda p: (p.line, p.col))


def _unique(items: list[str], where: str, key: str) -> Iterator[Finding]:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item in seen:
            yield Finding(
                (where, i, key),
                Msg("plan.duplicate-id", item=item),
            )
        seen.add(item)


def unique_ids(plan: Plan) -> Iterator[Finding]:
    """Ids are unique: goals and overarching goals share one namespace, as do units."""
    yield from _unique([s.id for s in plan.sections], "sections", "id")
    yield from _unique([c.id for c in plan.channels], "channels", "id")
    overarching = {g.id: i for i, g in enumerate(plan.overarching)}
    yield from _unique([g.id for g in plan.overarching], "overarching", "id")
    for i, g in enumerate(plan.goals):
        if g.id in overarching:
            yield Finding(
                ("goals", i, "id"),
                Msg("plan.id-clash-overarching", id=g.id),
            )
    yield from _unique([g.id for g in plan.goals], "goals", "id")
    branches = {b.id for b in plan.branches}
    yield from _unique([b.id for b in plan.branches], "branches", "id")
    for i, s in enumerate(plan.siblings):
        if s.id in branches:
            yield Finding(("siblings", i, "id"), Msg("plan.id-clash-branch", id=s.id))
    yield from _unique([s.id for s in plan.siblings], "siblings", "id")


def references(plan: Plan) -> Iterator[Finding]:
    """Every section and overarching goal named by a goal exists."""
    sections = [s.id for s in plan.sections]
    overarching = [g.id for g in plan.overarching]
    for i, g in enumerate(plan.goals):
        if g.section not in sections:
            yield Finding(
                ("goals", i, "section"),
                Msg(
                    "plan.unknown-section",
                    id=g.section,
                    ids=", ".join(sections),
                ),
            )
        yield from _serves(("goals", i), g.serves, overarching)
    yield from _serves(("membership",), plan.membership.serves, overarching)


def _serves(at: DocPath, serves: list[str], overarching: list[str]) -> Iterator[Finding]:
    for j, ref in enumerate(serves):
        if ref not in overarching:
            yield Finding(
                (*at, "serves", j),
                Msg(
                    "plan.unknown-overarching",
                    id=ref,
                    ids=", ".join(overarching),
                ),
            )
        elif ref in serves[:j]:
            yield Finding((*at, "serves", j), Msg("plan.listed-twice", item=ref))


def count_goals(plan: Plan) -> Iterator[Finding]:
    """A coverage condition names each political level once."""
    for i, g in enumerate(plan.goals):
        if not isinstance(g, CountGoal):
            continue
        if g.checkpoints and g.per != "year":
            yield Finding(
                ("goals", i, "checkpoints"),
                Msg(
                    "plan.checkpoints-per",
                    per=g.per,
                ),
            )
        for j, level in enumerate(g.from_levels):
            if level in g.from_levels[:j]:
                yield Finding(("goals", i, "from_levels", j), f"'{level}' is listed twice")


def dates(plan: Plan) -> Iterator[Finding]:
    """Deadlines lie in the plan year; the membership baseline just before it."""
    year = plan.year
    first, last = date(year, 1, 1), date(year, 12, 31)
    for i, g in enumerate(plan.goals):
        if isinstance(g, MilestoneGoal):
            if not first <= g.deadline <= last:
                yield Finding(
                    ("goals", i, "deadline"),
                    Msg(
                        "plan.deadline-outside-year",
                        date=g.deadline,
                        year=year,
                        first=first,
                        last=last,
                    ),
                )
            if g.started is not None and not date(year - 1, 1, 1) <= g.started <= g.deadline:
                yield Finding(
                    ("goals", i, "started"),
                    Msg(
                        "plan.started",
                        date=g.started,
                        start=date(year - 1, 1, 1),
                        deadline=g.deadline,
                    ),
                )
        if (
            isinstance(g, MetricGoal)
            and g.baseline_date is not None
            and not date(year - 1, 1, 1) <= g.baseline_date <= last
        ):
            yield Finding(
                ("goals", i, "baseline_date"),
                Msg(
                    "plan.date-two-years",
                    date=g.baseline_date,
                    before=year - 1,
                    year=year,
                ),
            )
    baseline = plan.membership.baseline_date
    if not date(year - 1, 1, 1) <= baseline <= first:
        yield Finding(
            ("membership", "baseline_date"),
            Msg(
                "plan.baseline-date",
                date=baseline,
                before=year - 1,
                first=first,
            ),
        )


def checkpoints(plan: Plan) -> Iterator[Finding]:
    """Checkpoints lie in the plan year, in date order, on the way to the target."""
    for i, g in enumerate(plan.goals):
        if not isinstance(g, CountGoal | MetricGoal) or not g.checkpoints:
            continue
        target = g.at_least if isinstance(g, CountGoal) else g.target
        previous = None
        for j, c in enumerate(g.checkpoints):
            at = ("goals", i, "checkpoints", j)
            if c.by.year != plan.year:
                yield Finding(
                    (*at, "by"),
                    Msg("plan.date-outside-year", date=c.by, year=plan.year),
                )
            if previous is not None and c.by <= previous:
                yield Finding((*at, "by"), Msg("plan.checkpoints-order"))
            previous = c.by
            if target != "not-set" and isinstance(g, CountGoal) and c.value > target:
                yield Finding(
                    (*at, "value"),
                    Msg(
                        "plan.checkpoint-over-target",
                        value=c.value,
                        target=target,
                    ),
                )


def metrics(plan: Plan) -> Iterator[Finding]:
    """A target is set with its direction, or explicitly not set with a reason."""
    for i, g in enumerate(plan.goals):
        if not isinstance(g, MetricGoal):
            continue
        if g.target == "not-set":
            if g.target_note is None:
                yield Finding(
                    ("goals", i, "target"),
                    Msg("plan.not-set-needs-note"),
                )
            else:
                yield Finding(
                    ("goals", i, "target"),
                    Msg("plan.target-not-set", note=g.target_note),
                    Severity.NOTE,  # the plan's own decision, with its reason: nothing to fix
                )
        elif g.baseline is not None:
            wrong = g.target <= g.baseline if g.direction == "up" else g.target >= g.baseline
            if wrong:
                side = Msg("word.above") if g.direction == "up" else Msg("word.below")
                yield Finding(
                    ("goals", i, "target"),
                    Msg(
                        "plan.target-direction",
                        target=g.target,
                        side=side,
                        baseline=g.baseline,
                        direction=g.direction,
                    ),
                )


def membership(plan: Plan) -> Iterator[Finding]:
    """Each branch and sibling group has one row; stated targets and totals follow the rule."""
    m = plan.membership
    units = plan.unit_names()
    siblings = {s.id for s in plan.siblings}
    seen: dict[str, int] = {}
    for i, row in enumerate(m.rows):
        at: DocPath = ("membership", "rows", i)
        if row.unit not in units:
            yield Finding(
                (*at, "unit"),
                Msg(
                    "plan.unknown-unit",
                    id=row.unit,
                    ids=", ".join(units),
                ),
            )
            continue
        if row.unit in seen:
            yield Finding((*at, "unit"), Msg("plan.duplicate-row", id=row.unit))
            continue
        seen[row.unit] = i
        rule = _effective_rule(row.unit, row.rule, siblings)
        if rule != row.rule:
            yield Finding(
                (*at, "rule"),
                Msg("plan.sibling-growth"),
            )
        expected = rule_target(row.baseline, m.growth_percent, rule)
        if row.target != expected:
            if rule == "hold":
                why = Msg("plan.rule-hold-why", baseline=row.baseline)
            else:
                exact = grow(row.baseline, m.growth_percent).normalize()
                why = Msg(
                    "plan.rule-growth-why",
                    baseline=row.baseline,
                    percent=m.growth_percent,
                    exact=exact,  # a Decimal: the edge writes it in the reader's style
                    expected=expected,
                )
            yield Finding(
                (*at, "target"),
                Msg(
                    "plan.target-off-rule",
                    target=row.target,
                    why=why,
                    expected=expected,
                ),
            )
    for unit in units:
        if unit not in seen:
            yield Finding(
                ("membership", "rows"),
                Msg("plan.missing-row", id=unit),
            )
    base_sum = sum(r.baseline for r in m.rows)
    rule_sum = sum(
        rule_target(r.baseline, m.growth_percent, _effective_rule(r.unit, r.rule, siblings))
        for r in m.rows
    )
    if m.total.baseline != base_sum:
        yield Finding(
            ("membership", "total", "baseline"),
            Msg(
                "plan.total-not-sum",
                stated=m.total.baseline,
                sum=base_sum,
            ),
        )
    if m.total.target != rule_sum:
        yield Finding(
            ("membership", "total", "target"),
            Msg(
                "plan.total-not-rule",
                stated=m.total.target,
                sum=rule_sum,
            ),
        )


def _effective_rule(unit: str, rule: str, siblings: set[str]) -> str:
    # A sibling row is judged as held even where it says otherwise, so that the one mistake
    # (the rule) is reported once, not again as a wrong target and a wrong total.
    return "hold" if unit in siblings else rule


def election(plan: Plan) -> Iterator[Finding]:
    """Election day and the campaign lie in the plan year; the campaign ends by election day;
    campaign-only goals need a campaign."""
    e = plan.election
    if e is not None:
        if e.day.year != plan.year:
            yield Finding(
                ("election", "day"),
                Msg("plan.date-outside-year", date=e.day, year=plan.year),
            )
        c = e.campaign
        if c is not None and not date(plan.year, 1, 1) <= c.start <= c.end <= e.day:
            yield Finding(
                ("election", "campaign"),
                Msg(
                    "plan.campaign",
                    start=c.start,
                    end=c.end,
                    year=plan.year,
                    day=e.day,
                ),
            )
    for i, g in enumerate(plan.goals):
        if (
            isinstance(g, CountGoal)
            and g.within == "campaign"
            and (e is None or e.campaign is None)
        ):
            yield Finding(
                ("goals", i, "within"),
                Msg("plan.within-no-campaign"),
            )


def sources(plan: Plan) -> Iterator[Finding]:
    """A plan that names its source document says where in it each goal comes from."""
    if plan.source is None:
        return
    for key, items in (("overarching", plan.overarching), ("goals", plan.goals)):
        for i, g in enumerate(items):
            if g.seed_line is None:
                yield Finding(
                    (key, i),
                    Msg("plan.seed-line"),
                )


RULES = (
    unique_ids,
    references,
    count_goals,
    checkpoints,
    dates,
    metrics,
    membership,
    election,
    sources,
)
