"""The plan's schema for editors: written as a file, and the plan's first line pointing at it.

Editors (VS Code's YAML extension and others using yaml-language-server) validate a plan as
it is typed when its first line is ``# yaml-language-server: $schema=PATH``. PATH must exist
where the plan is, so a plan outside this repository gets a schema file beside it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from stc_plan.parse.source import read_bytes
from stc_plan.write.atomic import locked, read_or_none, real_target, replace_atomically

PREFIX = "# yaml-language-server: $schema="
BESIDE = "plan.schema.json"  # the schema's name when stc writes it beside a plan


def modeline(schema: str) -> str:
    """The first line that points an editor at ``schema`` (a path relative to the plan)."""
    return PREFIX + schema


def pointed_at(first_line: str | None, plan_folder: Path) -> Path | None:
    """The schema file a plan's first line points at, where it is a local path."""
    if first_line is None or not first_line.lstrip("\ufeff").startswith(PREFIX):
        return None
    target = first_line.lstrip("\ufeff")[len(PREFIX) :].strip()
    if not target or "://" in target:
        return None
    return plan_folder / target


def relative(schema: Path, plan: Path) -> str:
    """``schema`` as a path from the plan's folder, with forward slashes."""
    return Path(os.path.relpath(schema.resolve(), plan.resolve().parent)).as_posix()


@dataclass(frozen=True)
class SchemaPlace:
    """Where a new plan's first line should point, and whether stc must write the schema."""

    line: str
    write_to: Path | None


def place_for(new_plan: Path, old_first_line: str | None) -> SchemaPlace:
    """Keep the old plan's modeline where its schema exists beside the new plan too;
    otherwise point at a schema written beside the new plan."""
    kept = pointed_at(old_first_line, new_plan.parent)
    if kept is not None and kept.is_file() and old_first_line is not None:
        return SchemaPlace(old_first_line.lstrip("\ufeff"), None)
    return SchemaPlace(modeline(BESIDE), new_plan.parent / BESIDE)


def with_modeline(text: bytes, line: str) -> bytes:
    """``text`` whose first line is ``line``: an existing modeline replaced, else inserted.
    Every other byte (a BOM, the line endings) is kept."""
    bom = b"\xef\xbb\xbf" if text.startswith(b"\xef\xbb\xbf") else b""
    body = text[len(bom) :]
    first, sep, rest = body.partition(b"\n")
    newline = b"\r\n" if first.endswith(b"\r") else b"\n"
    if first.rstrip(b"\r").decode("utf-8", "replace").startswith(PREFIX):
        ending = b"\r\n" if first.endswith(b"\r") else sep
        return bom + line.encode("utf-8") + ending + rest
    return bom + line.encode("utf-8") + newline + body


def write_schema(path: Path, schema_json: str) -> None:
    """Write the schema to ``path`` atomically, under the folder's lock (through a link, to
    the file it points at)."""
    real = real_target(path)
    with locked(real.parent):
        replace_atomically(real, schema_json.encode("utf-8"), expected=read_or_none(real))


def point_plan_at(plan: Path, schema: Path) -> bool:
    """Make ``plan``'s first line point at ``schema``; False when it already did."""
    real = real_target(plan)  # a linked plan keeps its link; its target gets the line
    with locked(real.parent):
        before = read_bytes(real)
        after = with_modeline(before, modeline(relative(schema, plan)))
        if after == before:
            return False
        replace_atomically(real, after, expected=before)
    return True
