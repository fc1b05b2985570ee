"""The states a goal can be in, and the rules that decide them: here and only here.

``docs/states.md`` explains the same rules to users; keep the two in step.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum


class State(StrEnum):
    """Where a goal stands on a date."""

    DONE = "done"
    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    BEHIND = "behind"
    OVERDUE = "overdue"
    NOT_STARTED = "not-started"
    NO_DATA = "no-data"
    TARGET_NOT_SET = "target-not-set"
    STALE = "stale"


# Weakest first: an overarching goal takes the weakest state among the goals serving it.
WEAKEST_FIRST: tuple[State, ...] = (
    State.OVERDUE,
    State.BEHIND,
    State.AT_RISK,
    State.STALE,
    State.NO_DATA,
    State.TARGET_NOT_SET,
    State.NOT_STARTED,
    State.ON_TRACK,
    State.DONE,
)

# The states that need someone's attention, weakest first.
ATTENTION: tuple[State, ...] = (State.OVERDUE, State.BEHIND, State.AT_RISK, State.STALE)

# Progress at or above this share of what was expected by the date is "at risk", below it
# "behind": 3 activities where 4 were expected is at risk, 2 is behind.
AT_RISK_SHARE = Decimal("0.75")

# A milestone's check-in older than this is stale (ongoing goals set their own age).
STALE_AFTER_DAYS = 92

# Nothing done while less than this share of the target was due yet is "not started";
# later, nothing done is "behind".
NOT_STARTED_SHARE = Decimal("0.25")

RATING_STATE: dict[str, State] = {
    "done": State.DONE,
    "on-track": State.ON_TRACK,
    "at-risk": State.AT_RISK,
    "off-track": State.BEHIND,
}


def weakest(states: list[State]) -> State:
    """The weakest of ``states``; no data when there are none."""
    if not states:
        return State.NO_DATA
    return min(states, key=WEAKEST_FIRST.index)


def pace_state(progress: Decimal, needed: Decimal, expected: Decimal, *, ended: bool) -> State:
    """The state of something measured against a straight line from nothing to ``needed``.

    ``progress`` is how far it has come, ``expected`` how far the line says it should be by
    the date, and ``ended`` whether its period is over.
    """
    if progress >= needed:
        return State.DONE
    if ended:
        return State.OVERDUE
    if progress <= 0 and expected < needed * NOT_STARTED_SHARE:
        return State.NOT_STARTED  # nothing yet, early in the period
    if progress >= expected:
        return State.ON_TRACK
    if progress >= expected * AT_RISK_SHARE:
        return State.AT_RISK
    return State.BEHIND


def rating_state(rating: str, age_days: int, stale_after_days: int) -> State:
    """The state a check-in gives: its rating, or stale when it is too old to go by.

    Ageing never improves a state: an old "off track" stays behind and an old "at risk" at
    risk, since both already rank below stale; only better ratings fall to stale.
    """
    state = RATING_STATE[rating]
    if rating != "done" and age_days > stale_after_days:
        return weakest([state, State.STALE])
    return state
