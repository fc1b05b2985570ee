"""Dates and periods of a plan year: terms, fractions of a period elapsed, months left."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import pairwise


@dataclass(frozen=True)
class Period:
    """A span of days, both ends included."""

    name: str
    start: date
    end: date

    def contains(self, day: date) -> bool:
        """Whether ``day`` lies in the period."""
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        """How many days the period has."""
        return (self.end - self.start).days + 1

    def days_gone(self, day: date) -> int:
        """Days of the period gone by at the end of ``day``: 0 before it, all after it."""
        return max(0, min(self.days, (day - self.start).days + 1))

    def elapsed(self, day: date) -> Decimal:
        """The share of the period gone by at the end of ``day``: 0 before it, 1 after it."""
        return Decimal(self.days_gone(day)) / Decimal(self.days)

    def due(self, total: Decimal, day: date) -> Decimal:
        """What a straight line from nothing to ``total`` over the period has reached at the
        end of ``day``: the one pace line every goal, quota and membership row is held to.

        Multiplied before it is divided, so that an exact share stays exact.
        """
        return total * self.days_gone(day) / Decimal(self.days)

    def projected(self, gained: Decimal, day: date) -> Decimal | None:
        """Where ``gained`` by the end of ``day`` leads at the same pace by the period's end;
        None before the period begins. The inverse of ``due``: ``projected(g) >= total``
        exactly when ``g >= due(total)``."""
        gone = self.days_gone(day)
        return gained * self.days / Decimal(gone) if gone else None


def year(plan_year: int) -> Period:
    """The plan year: the calendar year."""
    return Period(str(plan_year), date(plan_year, 1, 1), date(plan_year, 12, 31))


def terms(plan_year: int) -> tuple[Period, Period]:
    """VT (spring term, January-June) and HT (autumn term, July-December)."""
    return (
        Period("VT", date(plan_year, 1, 1), date(plan_year, 6, 30)),
        Period("HT", date(plan_year, 7, 1), date(plan_year, 12, 31)),
    )


def months_left(day: date, end: date) -> Decimal:
    """Months from the end of ``day`` to the end of ``end``, as a decimal (30.44-day months)."""
    days = (end - day).days
    return max(Decimal(0), Decimal(days) * Decimal(12) / Decimal(365))


def along(points: list[tuple[date, Decimal]], day: date) -> Decimal:
    """The value on ``day`` of the line through ``points`` (in date order), held flat outside.

    With only a start and an end this is the straight line ``Period.elapsed`` gives; the
    plan's checkpoints add corners to it.
    """
    if day <= points[0][0]:
        return points[0][1]
    for (d0, v0), (d1, v1) in pairwise(points):
        if day <= d1:
            return v0 + (v1 - v0) * Decimal((day - d0).days) / Decimal((d1 - d0).days)
    return points[-1][1]
