"""The states a goal can be in, and how an overarching goal rolls up from its goals.

The rules live here and only here; ``docs/states.md`` explains them to users.
"""

from __future__ import annotations

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


def weakest(states: list[State]) -> State:
    """The weakest of ``states``; no data when there are none."""
    if not states:
        return State.NO_DATA
    return min(states, key=WEAKEST_FIRST.index)
