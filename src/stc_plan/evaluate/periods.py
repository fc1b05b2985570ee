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

    def elapsed(self, day: date) -> Decimal:
        """The share of the period gone by at the end of ``day``: 0 before it, 1 after it."""
        if day < self.start:
            return Decimal(0)
        if day >= self.end:
            return Decimal(1)
        return Decimal((day - self.start).days + 1) / Decimal((self.end - self.start).days + 1)


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
