"""The cells every table and document shares: numbers, signed changes, whole numbers.

One rounding rule everywhere, halves up (``model.growth.round_half_up``): a board reads 128.5
as 129 in the status, the report and the diff alike.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from stc_plan.i18n import Lang, number

NONE = "–"  # an en dash where a value cannot be known


def num(value: Decimal | int | None, lang: Lang) -> str:
    """A count as a whole number, anything else to one decimal; a dash when unknown."""
    if value is None:
        return NONE
    if isinstance(value, int) or value == value.to_integral_value():
        return number(int(value), lang)
    return number(value, lang, 1)


def signed(value: Decimal | int | None, lang: Lang) -> str:
    """A change with its sign: "+3", "-2", "0"; a dash when unknown."""
    if value is None:
        return NONE
    return ("+" if value > 0 else "") + num(value, lang)


def whole(value: Decimal | None) -> Decimal | None:
    """``value`` rounded to a whole number, halves up (an expected or projected count)."""
    return None if value is None else value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
