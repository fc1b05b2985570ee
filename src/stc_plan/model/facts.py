"""The progress file's schema: dated facts the district records, never percentages.

One progress file per plan, beside it (``plans/2025.progress.yaml`` for ``plans/2025.yaml``),
edited by hand or by ``stc record``. Facts can be recorded late with their own date.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from stc_plan.model.plan import SAFE_TEXT, Count, Id, Model, Number, PlanDate, Text
from stc_plan.model.vocab import ActivityKind, Level

Rating = Literal["on-track", "at-risk", "off-track", "done"]
RATINGS: tuple[str, ...] = ("on-track", "at-risk", "off-track", "done")


class MemberCount(Model):
    """Members per branch on a date, as the member register gave them (counts only)."""

    date: PlanDate
    counts: dict[Id, Count] = Field(min_length=1)
    note: Text | None = None


class Activity(Model):
    """An activity held: what kind, when, where and who initiated it."""

    date: PlanDate
    kind: ActivityKind
    title: Text
    branches: list[Id] | Literal["all"] = Field(
        default_factory=list, description="Branches involved: a list of ids, or all."
    )
    levels: list[Level] = Field(
        default_factory=list, description="Political levels whose representatives initiated it."
    )
    participants: Count | None = None
    note: Text | None = None


class Done(Model):
    """A milestone goal completed."""

    goal: Id
    date: PlanDate
    note: Text | None = None
    link: (
        Annotated[str, StringConstraints(min_length=1, max_length=2000, pattern=SAFE_TEXT)] | None
    ) = None


class Reading(Model):
    """A metric goal's or a channel's figure on a date."""

    goal: Id | None = None
    channel: Id | None = None
    date: PlanDate
    value: Number
    note: Text | None = None


class CheckIn(Model):
    """How a goal is going, in the words of the people doing it."""

    goal: Id
    date: PlanDate
    rating: Rating
    note: Text | None = None


class Progress(Model):
    """Everything recorded for one plan year."""

    version: Literal[1]
    year: int = Field(ge=2000, le=2100)
    members: list[MemberCount] = Field(default_factory=list)
    activities: list[Activity] = Field(default_factory=list)
    done: list[Done] = Field(default_factory=list)
    readings: list[Reading] = Field(default_factory=list)
    checkins: list[CheckIn] = Field(default_factory=list)


def progress_header(title: str, year: int) -> str:
    """The start of a new progress file (``stc record`` and ``stc init`` write it)."""
    return (
        f"# Framsteg för {title}: fakta som registrerats, med datum.\n"
        "# Redigera för hand eller med `stc record`; kontrollera med `stc check`.\n"
        "version: 1\n"
        f"year: {year}\n"
    )
