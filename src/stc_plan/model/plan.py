"""The plan file's schema: pydantic models, strict, with unknown keys forbidden.

Strict mode means no coercion: a count must be a YAML integer, not the text ``"10"``, and a
title must be text, not ``no`` read as a boolean. Only dates accept both a YAML date and an
ISO string, since quoting a date is harmless.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)

from stc_plan.model.vocab import ActivityKind, Level


def _to_date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value  # left for pydantic to reject with its own message
    return value


PlanDate = Annotated[
    date,
    BeforeValidator(_to_date),
    WithJsonSchema({"type": "string", "format": "date"}),
]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]
SectionId = Annotated[str, StringConstraints(pattern=r"^[0-9]+(\.[0-9]+)*$")]
# Characters no text or link may hold: C0 (a tab aside) and C1 controls, where ESC and CSI
# would act on a terminal; line breaks (LF, CR, U+2028, U+2029), which would break a one-line
# message or start a workflow command in a CI log; and the bidi controls of "Trojan Source",
# which make text read differently from what it is; and the invisible characters that make
# two texts look alike but differ (zero-width space, the bidi marks, word joiners, a BOM,
# interlinear annotations; the zero-width joiners that emoji need stay allowed). Written so
# that Python, pydantic's Rust regex and a JSON Schema validator read the same class.
UNSAFE = (
    r"\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    r"\u200b\u200e\u200f\u061c\u2060-\u2064\ufeff\ufff9-\ufffb"
)
SAFE_TEXT = rf"^[^{UNSAFE}]*$"
# Text a person wrote.
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000, pattern=SAFE_TEXT)]
Count = Annotated[int, Field(ge=0, le=10_000_000)]
Positive = Annotated[int, Field(ge=1, le=10_000_000)]
Number = Annotated[
    int | Decimal,
    WithJsonSchema({"type": "number"}),
]
SeedLine = Annotated[
    int | None,
    Field(
        ge=1,
        description="Line in the source document the text is from (required when "
        "the plan names its source).",
    ),
]


class Model(BaseModel):
    """Base of every model: strict types, unknown keys refused, immutable.

    Validators are built on first use (``defer_build``): reading a file needs only the top
    model's, which holds the nested ones, so the others are never built (faster start).
    """

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class Section(Model):
    """A numbered section of the plan, e.g. 3.1 Organisation."""

    id: SectionId
    title: Text


class Overarching(Model):
    """An overarching goal (övergripande inriktningsmål); activity goals serve these."""

    id: Id
    title: Text
    seed_line: SeedLine = None


class Unit(Model):
    """A branch (avdelning, one per constituency) or a sibling organisation group."""

    id: Id
    name: Text
    note: Text | None = None


class MembershipRow(Model):
    """One branch's or sibling group's members at the baseline and its target."""

    unit: Id
    baseline: Count
    target: Count
    rule: Literal["growth", "hold"] = Field(
        "growth",
        description="growth: target = baseline grown by the plan's percentage; "
        "hold: target = baseline (for siblings, whose target the district cannot set).",
    )


class MembershipTotal(Model):
    """The table's total row as the plan states it."""

    baseline: Count
    target: Count


class Membership(Model):
    """The membership table and its growth rule."""

    serves: list[Id] = Field(min_length=1)
    seed_line: SeedLine = None
    baseline_date: PlanDate
    growth_percent: Number
    rounding: Literal["half-up"] = "half-up"
    rows: list[MembershipRow] = Field(min_length=1)
    total: MembershipTotal


class Channel(Model):
    """A communication channel the plan names, with the figures it gives."""

    id: Id
    name: Text
    medium: Text
    use: Text
    members: Count | None = None
    frequency: Literal["weekly", "monthly", "quarterly", "as-needed"] | None = None
    note: Text | None = None
    seed_line: SeedLine = None


class Checkpoint(Model):
    """Where a count or metric should be by a date, when the plan says so."""

    by: PlanDate
    value: Number


class GoalBase(Model):
    """What every goal has: an id, the plan's words, where they are from, what it serves."""

    id: Id
    section: SectionId
    title: Text
    serves: list[Id] = Field(min_length=1)
    seed_line: SeedLine = None
    origin: Literal["activity-goal", "text"] = Field(
        "activity-goal",
        description="activity-goal: a bullet under an Aktivitetsmål heading; "
        "text: a commitment stated in the running text.",
    )
    note: Text | None = None


class CountGoal(GoalBase):
    """At least N activities of a kind in the year, or per term, or in each branch."""

    kind: Literal["count"]
    activity: ActivityKind
    at_least: Positive
    per: Literal["year", "term", "branch"] = "year"
    from_levels: list[Level] = Field(
        default_factory=list,
        description="Coverage: the activities counted must, together, be initiated from "
        "each of these political levels.",
    )
    each_involving: Literal["all-branches"] | None = Field(
        None, description="Only activities involving every branch count."
    )
    checkpoints: list[Checkpoint] = Field(
        default_factory=list,
        description="How many by which date, where the plan says; pace is a straight line "
        "between them (only for per: year).",
    )
    within: Literal["year", "campaign"] = Field(
        "year", description="campaign: count only activities in the election campaign period."
    )


class MilestoneGoal(GoalBase):
    """A deliverable with a deadline."""

    kind: Literal["milestone"]
    deadline: PlanDate
    deadline_stated: bool = Field(
        True,
        description="false: the plan names no date; the deadline is derived from its words "
        "(e.g. 'under våren': 30 June; no time given: the end of the year).",
    )
    started: PlanDate | None = None


class MetricGoal(GoalBase):
    """A number to move from a baseline towards a target; the target may be not yet set."""

    kind: Literal["metric"]
    unit: Text
    direction: Literal["up", "down"]
    baseline: Number | None = None
    baseline_date: PlanDate | None = None
    target: Number | Literal["not-set"]
    target_note: Text | None = Field(
        None, description="Why the target is not set, or where it comes from."
    )
    checkpoints: list[Checkpoint] = Field(
        default_factory=list,
        description="The value by which date, where the plan says; pace is a straight line "
        "between them.",
    )


class OngoingGoal(GoalBase):
    """Qualitative work with no number, followed by dated check-ins."""

    kind: Literal["ongoing"]
    check_in_every_days: Positive = Field(
        92, description="A check-in older than this many days is stale."
    )


# What each kind of goal asks for: the fields a target is made of (diffs and JSON use them).
TARGET_FIELDS: dict[str, set[str]] = {
    "count": {
        "activity",
        "at_least",
        "per",
        "from_levels",
        "each_involving",
        "within",
        "checkpoints",
    },
    "milestone": {"deadline", "deadline_stated", "started"},
    "metric": {
        "unit",
        "direction",
        "baseline",
        "baseline_date",
        "target",
        "target_note",
        "checkpoints",
    },
    "ongoing": {"check_in_every_days"},
}


Goal = Annotated[
    CountGoal | MilestoneGoal | MetricGoal | OngoingGoal,
    Field(discriminator="kind"),
]


class Campaign(Model):
    """The election campaign period (valrörelse)."""

    start: PlanDate
    end: PlanDate


class Election(Model):
    """An election year's election: its day, and the campaign period where it is set."""

    day: PlanDate
    campaign: Campaign | None = None


class Plan(Model):
    """A district's operational plan (verksamhetsplan) for one year."""

    version: Literal[1]
    year: int = Field(ge=2000, le=2100)
    organisation: Text
    title: Text
    source: Text | None = Field(
        None, description="The document the plan is transcribed from, relative to the plan."
    )
    sections: list[Section] = Field(min_length=1)
    overarching: list[Overarching] = Field(min_length=1)
    branches: list[Unit] = Field(min_length=1)
    siblings: list[Unit] = Field(default_factory=list)
    membership: Membership
    channels: list[Channel] = Field(default_factory=list)
    election: Election | None = None
    goals: list[Goal] = Field(min_length=1)

    def goal_ids(self) -> set[str]:
        """Ids of every goal, overarching ones included."""
        return {g.id for g in self.overarching} | {g.id for g in self.goals}

    def unit_names(self) -> dict[str, str]:
        """Display name of every branch and sibling group, by id."""
        return {u.id: u.name for u in (*self.branches, *self.siblings)}
