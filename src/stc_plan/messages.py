"""Messages as data: a stable code and the values it speaks of.

The core says what happened with a ``Msg`` and never builds a sentence; the words are chosen
at the edge (``i18n.render``), in the user's language, from the catalogs. A value may itself
be a ``Msg`` (a reason inside an error); codes are listed in docs/codes.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Msg:
    """A message: its code (a catalog id, e.g. ``yaml.duplicate-key``) and its values."""

    code: str
    values: tuple[tuple[str, Any], ...]

    def __init__(self, code: str, /, **values: Any) -> None:
        frozen = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in values.items())
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "values", frozen)

    @property
    def params(self) -> Mapping[str, Any]:
        """The values by name."""
        return dict(self.values)

    def as_data(self) -> dict[str, Any]:
        """The message as plain data for machines (JSON): code and values."""
        return {"code": self.code, "values": {k: _plain(v) for k, v in self.values}}

    def __str__(self) -> str:
        # Words belong to the edge (i18n.render); this plain form is for tracebacks only.
        shown = ", ".join(f"{k}={v}" for k, v in self.values)
        return f"{self.code}({shown})"


def _plain(value: Any) -> Any:
    if isinstance(value, Msg):
        return value.as_data()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)
