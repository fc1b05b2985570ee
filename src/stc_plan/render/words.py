"""Words shared by every status renderer: target descriptions, states, short titles."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from stc_plan.evaluate.states import State
from stc_plan.i18n import Lang, t
from stc_plan.model.plan import (
    TARGET_FIELDS,
    CountGoal,
    Goal,
    MetricGoal,
    MilestoneGoal,
    OngoingGoal,
)


def state_word(state: State, lang: Lang) -> str:
    """The state as a word: colour is never the only signal."""
    return t(f"state.{state.value}", lang)


def kind_word(goal: Goal, lang: Lang) -> str:
    """The goal's kind in ``lang``."""
    return t(f"kind.{goal.kind}", lang)


def target_text(goal: Goal, lang: Lang) -> str:
    """What the goal asks for, in a few words."""
    if isinstance(goal, CountGoal):
        if goal.at_least == 1:
            parts = [t("target.at_least_one", lang, what=t(f"activity1.{goal.activity}", lang))]
        else:
            parts = [
                t(
                    "target.at_least",
                    lang,
                    n=goal.at_least,
                    what=t(f"activity.{goal.activity}", lang),
                )
            ]
        if goal.per != "year":
            parts.append(t(f"target.per.{goal.per}", lang))
        if goal.from_levels:
            levels = ", ".join(t(f"level.{lv}", lang) for lv in goal.from_levels)
            parts.append(t("target.levels", lang, levels=levels))
        if goal.each_involving:
            parts.append(t("target.all_branches", lang))
        if goal.within == "campaign":
            parts.append(t("target.campaign", lang))
        return " ".join(parts)
    if isinstance(goal, MilestoneGoal):
        return t("target.deliver", lang)
    if isinstance(goal, MetricGoal):
        if goal.target == "not-set":
            return f"{t('target.not_set', lang)} ({goal.unit})"
        return t("target.metric", lang, target=goal.target, unit=goal.unit)
    assert isinstance(goal, OngoingGoal)
    return t("target.ongoing", lang)


def has_unstated_deadline(goals: list[Goal]) -> bool:
    """Whether any deadline shown is the year-end stand-in (so the footnote is needed)."""
    return any(isinstance(g, MilestoneGoal) and not g.deadline_stated for g in goals)


def short(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, marked with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


BAR_WIDTH = 10
SPARKS = "▁▂▃▄▅▆▇█"


def bar(count: int | None, baseline: int, target: int, expected: Decimal | None) -> str:
    """Growth so far against the planned growth as a 10-cell bar; ``|`` marks today's pace.

    Text, not colour, so it survives a pipe and a black-and-white printer.
    """
    planned = target - baseline
    if count is None or planned <= 0:
        return ""
    share = max(Decimal(0), min(Decimal(1), Decimal(count - baseline) / planned))
    filled = int((share * BAR_WIDTH).to_integral_value(ROUND_HALF_UP))
    cells = ["█"] * filled + ["░"] * (BAR_WIDTH - filled)
    if expected is not None:
        due = (expected - baseline) / planned
        at = int(
            (max(Decimal(0), min(Decimal(1), due)) * BAR_WIDTH).to_integral_value(ROUND_HALF_UP)
        )
        cells.insert(at, "|")
    else:
        cells.insert(0, " ")
    return "".join(cells)


def sparkline(values: list[int]) -> str:
    """A row of block characters, low to high: the shape of a series at a glance."""
    if len(values) < 2:
        return ""
    low, high = min(values), max(values)
    if high == low:
        return SPARKS[3] * len(values)
    span = high - low
    return "".join(SPARKS[(v - low) * (len(SPARKS) - 1) // span] for v in values[-12:])


def target_fields(goal: Goal) -> dict[str, Any]:
    """The kind's target fields, for machine-readable output."""
    return goal.model_dump(mode="json", include=TARGET_FIELDS[goal.kind], exclude_none=True)
