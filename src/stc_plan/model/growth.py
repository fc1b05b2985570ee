"""Membership arithmetic, exact: the growth rule and growth percentages.

A board expects 128.7 to become 129 and 152.5 to become 153. Python's ``round()`` rounds
halves to even (``round(152.5) == 152``) and ``1.1 * 117`` is a binary float, so all of it is
done in ``Decimal`` with ROUND_HALF_UP.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)


def grow(baseline: int, percent: int | Decimal) -> Decimal:
    """The exact grown value: ``baseline * (1 + percent / 100)``."""
    return Decimal(baseline) * (HUNDRED + Decimal(percent)) / HUNDRED


def rule_target(baseline: int, percent: int | Decimal, rule: str) -> int:
    """The target the rule gives: grown and rounded to a whole member, halves up; or held."""
    if rule == "hold":
        return baseline
    return int(grow(baseline, percent).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def growth_percent(baseline: int, value: int) -> Decimal | None:
    """Growth from ``baseline`` to ``value`` in percent, exact; None when the baseline is 0."""
    if baseline == 0:
        return None
    return (Decimal(value) - Decimal(baseline)) * HUNDRED / Decimal(baseline)


def round_half_up(value: Decimal, places: int = 1) -> Decimal:
    """Round for display the way people do: 8.53 -> 8.5, 9.95 -> 10.0."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
