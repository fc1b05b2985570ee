"""Resource limits for reading files: what a hostile or broken file may not make stc do.

Each limit is refused quickly with a message naming it and the environment variable that
raises it (docs/robustness.md lists them with the tests that prove them). The CLI reads the
variables once at start-up and sets them here; the core only reads ``current()``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

from stc_plan.errors import StcError
from stc_plan.messages import Msg


@dataclass(frozen=True)
class Limits:
    """The limits in force."""

    max_bytes: int = 32 * 1024 * 1024  # STC_MAX_BYTES: a file's size
    max_line: int = 20_000  # STC_MAX_LINE: characters on one line
    max_depth: int = 64  # STC_MAX_DEPTH: nesting of lists and mappings
    max_values: int = 5_000_000  # STC_MAX_VALUES: values in one document
    max_alias_values: int = 100_000  # STC_MAX_ALIAS_VALUES: values reached through aliases
    max_digits: int = 18  # STC_MAX_DIGITS: digits in one number
    # A member-register export: 200,000 members with 20 columns of up to 60 characters.
    max_register_bytes: int = 256 * 1024 * 1024  # STC_MAX_REGISTER_BYTES: an export's size
    max_cell: int = 10_000  # STC_MAX_CELL: characters in one cell of an export
    lock_wait: int = 30  # STC_LOCK_WAIT: seconds to wait for another writer's folder lock


ENV = {f.name: "STC_" + f.name.upper() for f in fields(Limits)}
_current = Limits()


class BadLimit(StcError):
    """A limit variable that is not a positive whole number."""


def current() -> Limits:
    """The limits in force."""
    return _current


def configure(limits: Limits) -> None:
    """Set the limits in force (the CLI does, from the environment)."""
    global _current
    _current = limits


def from_env(env: Mapping[str, str]) -> Limits:
    """The default limits, with any STC_MAX_* variables applied."""
    changes: dict[str, int] = {}
    for name, var in ENV.items():
        raw = env.get(var)
        if raw is None or raw == "":
            continue
        # ASCII digits, and few: isdigit() takes "²", and int() of 5,000 digits raises.
        if not re.fullmatch(r"[0-9]{1,15}", raw.strip()) or int(raw) < 1:
            raise BadLimit(
                Msg(
                    "limit.not-a-count",
                    var=var,
                    value=raw if len(raw) <= 40 else raw[:37] + "...",
                )
            )
        changes[name] = int(raw)
    return replace(Limits(), **changes)
