"""Renderers, chosen by name. Each takes the result, the language, a stream and a width."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TextIO

from stc_plan.evaluate.status import StatusReport
from stc_plan.i18n import Lang

StatusRenderer = Callable[[StatusReport, Lang, TextIO, int], None]

# name -> (module, function); imported on use so a command loads only what it prints with
STATUS_FORMATS: dict[str, tuple[str, str]] = {
    "table": ("stc_plan.render.status_rich", "render_table"),
    "plain": ("stc_plan.render.status_plain", "render_plain"),
    "markdown": ("stc_plan.render.status_plain", "render_markdown"),
    "json": ("stc_plan.render.status_json", "render_json"),
}


def status_renderer(name: str) -> StatusRenderer:
    """The status renderer called ``name`` (one of STATUS_FORMATS)."""
    module, func = STATUS_FORMATS[name]
    renderer: StatusRenderer = getattr(import_module(module), func)
    return renderer
