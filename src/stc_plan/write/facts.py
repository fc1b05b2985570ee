"""Add facts to a progress file, changing nothing but what is added.

The fact is written as text in the file's own style and put in at its place
(``insert.py``), and the result is proven by parsing: it must hold exactly the old data plus
the fact. Where that cannot be done, ruamel.yaml's round trip adds it instead (it keeps
comments and order, not every byte). The result is validated in full with the same loader as
``stc check`` before anything is written, and the write is locked and atomic (``atomic.py``).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from stc_plan.errors import StcError
from stc_plan.messages import Msg
from stc_plan.model.facts import progress_header
from stc_plan.model.plan import Plan
from stc_plan.write.atomic import locked, read_or_none, real_target, replace_atomically

SECTIONS = ("members", "activities", "done", "readings", "checkins")


class FactRejected(StcError):
    """The fact, or the file it would go into, is not valid; nothing was written."""

    def __init__(self, messages: Sequence[Msg | str]) -> None:
        super().__init__(Msg("list.semi", items=tuple(messages)))
        self.messages = messages


@dataclass(frozen=True)
class Recorded:
    """What was written where."""

    path: Path
    section: str
    created: bool


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip: comments, order and flow style survive
    yaml.indent(mapping=2, sequence=4, offset=2)
    # Exact decimals stay exact: written as the plain number our loader reads back as Decimal.
    yaml.representer.add_representer(
        Decimal, lambda rep, value: rep.represent_scalar("tag:yaml.org,2002:float", f"{value:f}")
    )
    yaml.width = 4096  # never re-wrap what a person wrote
    yaml.preserve_quotes = True
    return yaml


def _text(value: Any) -> Any:
    """``value``, quoted if it is text a YAML 1.1 reader would take for something else.

    stc reads YAML 1.2, where ``no`` is text; PyYAML and many other tools read 1.1, where
    ``no`` is false, ``010`` is 8 and ``1:20`` is 80. Quoted, every reader sees the text.
    """
    if not isinstance(value, str):
        return value
    from ruamel.yaml.scalarstring import SingleQuotedScalarString

    from stc_plan.write.insert import ambiguous

    return SingleQuotedScalarString(value) if ambiguous(value) else value


def _entry(values: dict[str, Any]) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    entry = CommentedMap()
    for key, value in values.items():
        if value is None or value == []:
            continue
        if isinstance(value, list):
            seq = CommentedSeq([_text(v) for v in value])
            seq.fa.set_flow_style()  # branches: [a, b], as people write short lists
            entry[key] = seq
        elif isinstance(value, dict):
            entry[key] = CommentedMap((_text(k), _text(v)) for k, v in value.items())
        else:
            entry[key] = _text(value)
    return entry


def add_fact(
    path: Path,
    plan: Plan,
    section: str,
    values: dict[str, Any],
    *,
    on_wait: Callable[[Msg | str], None] | None = None,
    dry_run: bool = False,
) -> Recorded:
    """Append one fact to ``section`` of the progress file at ``path`` (created if missing).

    Raises FactRejected with every problem (nothing written) when the result would not be a
    valid progress file for ``plan``. ``on_wait`` hears who holds the folder's lock, if the
    write has to wait for it. ``dry_run``: every check, and nothing written.
    """
    from stc_plan.inputs.progress import check_progress_bytes

    assert section in SECTIONS
    _refuse_unsafe_text(values)
    shown, path = path, real_target(path)  # a linked file is written through, locked there
    with locked(path.parent, on_wait=on_wait):
        before = read_or_none(path)
        if before is not None:
            old = check_progress_bytes(before, str(shown), plan, shown)
            if old.errors:
                raise FactRejected(
                    [
                        Msg(
                            "record.file-invalid",
                            path=shown,
                        ),
                        *(
                            Msg("at-position", file=p.file, line=p.line, col=p.col, message=p.text)
                            for p in old.errors
                        ),
                    ]
                )
        new = _with_fact(before, plan, section, values)
        checked = check_progress_bytes(new, str(shown), plan, shown)
        if checked.errors:
            # The positions are in text that was not written: they would point nowhere useful.
            raise FactRejected([p.text for p in checked.errors])
        if not dry_run:
            replace_atomically(path, new, expected=before)
    return Recorded(shown, section, before is None)


def _with_fact(before: bytes | None, plan: Plan, section: str, values: dict[str, Any]) -> bytes:
    """The file's bytes with the fact added: as text where that is proven to add exactly the
    fact (every other byte kept), else through ruamel.yaml's round trip."""
    import codecs
    import copy

    from stc_plan.parse.yamlpos import parse
    from stc_plan.write.insert import add_counts, append_entry

    raw = before if before is not None else progress_header(plan.title, plan.year).encode("utf-8")
    bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
    text = raw[len(bom) :].decode("utf-8")
    doc = parse(text, "progress")
    data = doc.data if isinstance(doc.data, dict) else {}
    fact = {k: v for k, v in values.items() if v is not None and v != []}
    expected = copy.deepcopy(data)
    entries = data.get(section) or []
    same_day = next(
        (
            i
            for i, entry in enumerate(entries)
            if section == "members"
            and isinstance(entry, dict)
            and entry.get("date") == fact["date"]
        ),
        None,
    )
    if same_day is not None:
        counts = entries[same_day].get("counts") or {}
        _refuse_clashes(counts, fact["counts"], fact["date"])
        added = {k: n for k, n in fact["counts"].items() if k not in counts}
        if not added:
            return raw  # every count is there already, the same
        edited = add_counts(text, doc, same_day, added)
        expected[section][same_day]["counts"].update(_nfc(added))
    else:
        edited = append_entry(text, doc, section, fact)
        if expected.get(section) is None:
            expected[section] = []
        expected[section].append(_nfc(fact))
    if edited is not None:
        after = parse(edited, "progress")
        if not after.problems and after.data == expected:
            return bom + edited.encode("utf-8")
    tripped = _round_trip(raw, plan, section, values)
    again = parse(tripped[len(bom) :].decode("utf-8"), "progress")
    if again.problems or again.data != expected:
        # Never record something other than what was given, whatever YAML made of it.
        raise FactRejected([Msg("record.not-as-given")])
    return tripped


def _refuse_unsafe_text(values: dict[str, Any]) -> None:
    """Text with a line break or a control character is refused before anything is written
    (YAML would fold some of them away, recording other words than were given)."""
    import re

    from stc_plan.model.plan import UNSAFE
    from stc_plan.validate.shape import unsafe_message

    def texts(value: Any) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [t for k, v in value.items() for t in (*texts(k), *texts(v))]
        if isinstance(value, list | tuple):
            return [t for v in value for t in texts(v)]
        return []

    for key, value in values.items():
        for text in texts(value):
            if re.search(f"[{UNSAFE}]", text):
                raise FactRejected([Msg("at", where=key, message=unsafe_message(text))])


def _nfc(value: Any) -> Any:
    """``value`` as the loader reads it back: text normalised to NFC."""
    import unicodedata

    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    return value


def _refuse_clashes(existing: dict[str, Any], counts: dict[str, int], day: Any) -> None:
    clashes = [
        Msg(
            "record.count-exists",
            unit=unit,
            n=existing[unit],
            date=day,
        )
        for unit, n in counts.items()
        if unit in existing and existing[unit] != n
    ]
    if clashes:
        raise FactRejected(clashes)


def _round_trip(raw: bytes, plan: Plan, section: str, values: dict[str, Any]) -> bytes:
    """The fact added by ruamel.yaml's round trip, which keeps comments and order but not
    every byte (used where a text insertion could not be proven)."""
    yaml = _yaml()
    doc = yaml.load(raw.decode("utf-8-sig"))
    if doc is None:
        doc = yaml.load(progress_header(plan.title, plan.year))
    if doc.get(section) is None:
        from ruamel.yaml.comments import CommentedSeq

        doc[section] = CommentedSeq()
    same_day = _same_day_counts(doc[section], values) if section == "members" else None
    if same_day is not None:
        _merge_counts(same_day, values["counts"])
    else:
        doc[section].append(_entry(values))
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue().encode("utf-8")


def _same_day_counts(entries: Any, values: dict[str, Any]) -> Any:
    # Counts can come in one branch at a time: a second call for a date adds to its entry.
    for entry in entries:
        if hasattr(entry, "get") and entry.get("date") == values["date"]:
            return entry
    return None


def _merge_counts(entry: Any, counts: dict[str, int]) -> None:
    from ruamel.yaml.comments import CommentedMap

    existing = entry.get("counts")
    if not isinstance(existing, dict):
        existing = entry["counts"] = CommentedMap()
    _refuse_clashes(existing, counts, entry["date"])
    for unit, n in counts.items():
        existing[_text(unit)] = n


def check_not_future(day: date, today: date) -> None:
    """Facts are what happened: a date after today is refused."""
    if day > today:
        raise FactRejected([Msg("record.future", date=day)])
