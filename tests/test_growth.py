"""Membership arithmetic: exact decimals, halves rounded up."""

from __future__ import annotations

from decimal import Decimal

import pytest

from stc_plan.model.growth import growth_percent, round_half_up, rule_target


@pytest.mark.parametrize(
    ("baseline", "target"),
    [(117, 129), (160, 176), (139, 153), (104, 114), (73, 80), (71, 78)],
)
def test_seed_table_follows_the_rule(baseline: int, target: int) -> None:
    """Every row of the plan's own table is the baseline grown 10 %, halves up."""
    assert rule_target(baseline, 10, "growth") == target


def test_halves_round_up_not_to_even() -> None:
    """15 + 10 % = 16.5 -> 17, where round() would give 16; 25 -> 27.5 -> 28."""
    assert round(15 * 1.1) == 16  # what Python would do: the reason for this module
    assert rule_target(15, 10, "growth") == 17
    assert rule_target(25, 10, "growth") == 28
    assert rule_target(5, Decimal("10"), "growth") == 6


def test_hold_keeps_the_baseline() -> None:
    """Sibling organisations are held at their baseline whatever the percentage."""
    assert rule_target(110, 10, "hold") == 110


def test_growth_percent_is_exact() -> None:
    """774 -> 840 is 8.527...%, shown as 8.5; 664 -> 730 as 9.9; zero baseline has none."""
    assert round_half_up(growth_percent(774, 840) or Decimal(0)) == Decimal("8.5")
    assert round_half_up(growth_percent(664, 730) or Decimal(0)) == Decimal("9.9")
    assert growth_percent(0, 5) is None
    assert round_half_up(Decimal("9.95")) == Decimal("10.0")
