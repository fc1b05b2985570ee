"""Numbers as people type them, Swedes and English speakers alike: one rule for every number
stc reads from a person (a form's field, ``stc record``'s arguments and options, ``stc
init``'s member counts).

Swedes write decimals with a comma (``1,5``) and thousands with a space (``1 500``, often a
no-break space); English speakers write ``1.5`` and ``1,500``. So:

- accepted: digits with an optional sign (``1500``, ``-3``); thousands in groups of three
  split by single spaces (``1 500``, also U+00A0, U+202F and U+2009); at most one comma or
  point, before the decimals (``1,5``, ``1.5``, ``12,75``, ``1 234,5``);
- refused as ambiguous: a comma or point followed by exactly three digits after one to
  three digits that do not start with 0 (``1,500``, ``1.500``, ``12,000``), which one
  reader takes for 1500 and another for 1.5. ``0,500`` is 0.5 (no one writes a thousand as
  0,500), ``1234,500`` is 1234.5 (a thousands group has at most three digits before it) and
  ``1,5000`` is 1.5;
- refused: commas or points between thousands (``1,500,000``, ``1.234,5``), and anything
  else (``1e3``, ``1_000``, ``½``, digits of other scripts, ``.5``).

Every refusal says what to write instead. The digits are counted against STC_MAX_DIGITS
first: ``Decimal`` and ``int`` of thousands of digits would take long.
"""

from __future__ import annotations

import re
from decimal import Decimal

from stc_plan.errors import StcError
from stc_plan.messages import Msg
from stc_plan.parse import limits

SPACES = " \u00a0\u202f\u2009"  # a space, no-break space, narrow no-break space, thin space
_SIGN = r"(?P<sign>[+\-\u2212]?)"  # U+2212 is the minus sign of typeset text
_NUMBER = re.compile(
    _SIGN + rf"(?P<whole>[0-9]+|[0-9]{{1,3}}(?:[{SPACES}][0-9]{{3}})+)(?:[.,](?P<frac>[0-9]+))?"
)
# One to three digits, not starting with 0, then a comma or point and exactly three digits.
_AMBIGUOUS = re.compile(_SIGN + r"(?P<lead>[1-9][0-9]{0,2})[.,](?P<three>[0-9]{3})")
# Thousands split by commas or points: 1,500,000 and 1.500.000; 1,234.5 and 1.234,5.
_GROUPED = re.compile(
    _SIGN + r"(?P<lead>[1-9][0-9]{0,2})(?P<groups>(?P<sep>[.,])[0-9]{3}(?:(?P=sep)[0-9]{3})*)"
    r"(?:(?!(?P=sep))[.,](?P<frac>[0-9]+))?"
)


class NumberRefused(StcError):
    """A number as typed is not one stc reads (its message says what to write instead)."""


def _shown(text: str) -> str:
    """A value as quoted in a message: cut, so 5,000 digits do not fill the screen."""
    return text if len(text) <= 40 else text[:37] + "..."


def _value(sign: str, whole: str, frac: str | None) -> int | Decimal:
    number = Decimal(f"{'-' if sign in ('-', '−') else ''}{whole}.{frac or '0'}")
    return int(number) if number == number.to_integral_value() else number


def _readings(typed: str) -> tuple[int | Decimal, int | Decimal] | None:
    """The two numbers an ambiguous ``typed`` could be (thousands, decimals), or None."""
    found = _AMBIGUOUS.fullmatch(typed)
    if found is None:
        return None
    sign, lead, three = found["sign"], found["lead"], found["three"]
    return _value(sign, lead + three, None), _value(sign, lead, three)


def _ambiguous(typed: str, readings: tuple[int | Decimal, ...]) -> NumberRefused:
    return NumberRefused(
        Msg("number.ambiguous", value=typed, choices=Msg("list.or", items=readings))
    )


def read_number(text: str) -> int | Decimal:
    """The number ``text`` writes (an int when it is whole), by the rule above; raises
    NumberRefused saying what to write instead."""
    typed = text.strip()
    lim = limits.current().max_digits
    if sum(c.isdigit() for c in typed) > lim:
        said = Msg(
            "number.too-many-digits", value=_shown(typed), n=lim, var=limits.ENV["max_digits"]
        )
        raise NumberRefused(said)
    if readings := _readings(typed):
        raise _ambiguous(typed, readings)
    if found := _NUMBER.fullmatch(typed):
        return _value(found["sign"], re.sub(f"[{SPACES}]", "", found["whole"]), found["frac"])
    if found := _GROUPED.fullmatch(typed):
        whole = found["lead"] + found["groups"].replace(found["sep"], "")
        suggestion = _value(found["sign"], whole, found["frac"])
        raise NumberRefused(Msg("number.grouped", value=_shown(typed), example=suggestion))
    raise NumberRefused(Msg("number.not-a-number", value=_shown(typed)))


def read_whole(text: str) -> int:
    """A whole number (a count) by the same rule: ``1 500`` and ``1500``; ``1,5`` is refused,
    and so is ``1,500``, with only 1500 offered instead (a count has no decimals)."""
    typed = text.strip()
    if readings := _readings(typed):
        raise _ambiguous(typed, tuple(r for r in readings if isinstance(r, int)))
    number = read_number(typed)
    if not isinstance(number, int):
        raise NumberRefused(Msg("number.not-whole", value=_shown(typed)))
    return number
