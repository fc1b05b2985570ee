"""Validate raw data against the pydantic models; explain each error in the file's own terms.

Pydantic reports ``loc`` tuples such as ``('goals', 3, 'count', 'at_least')``, where
``'count'`` is the union member it tried, not a key in the file. We walk the models and the
data side by side to turn that into the document path ``('goals', 3, 'at_least')``, find the
model that owns an unknown key (for "did you mean ...?"), and merge the several errors a
union produces for one value into one message.
"""

from __future__ import annotations

import difflib
import re
import types
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from stc_plan.errors import DocPath, Problem
from stc_plan.messages import Msg
from stc_plan.model.plan import SAFE_TEXT, UNSAFE
from stc_plan.parse.yamlpos import Document
from stc_plan.validate.where import problem_at

M = TypeVar("M", bound=BaseModel)

# pydantic's error type -> the code of what was expected instead
_EXPECT = {
    "int_type": "expect.whole-number",
    "int_parsing": "expect.whole-number",
    "decimal_type": "expect.number",
    "float_type": "expect.number",
    "string_type": "expect.text",
    "bool_type": "expect.true-or-false",
    "date_type": "expect.date",
    "date_parsing": "expect.date",
    "date_from_datetime_parsing": "expect.date",
    "list_type": "value.list",
    "dict_type": "value.mapping",
    "model_type": "value.mapping",
    "model_attributes_type": "value.mapping",
    "none_required": "expect.nothing",
}


def validate(doc: Document, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate ``doc.data`` as ``model``: the model, or None and the problems found."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, explain(doc, model, exc)


def explain(doc: Document, model: type[BaseModel], exc: ValidationError) -> list[Problem]:
    """One problem per offending place, in document order."""
    grouped: dict[DocPath, list[tuple[dict[str, Any], type[BaseModel] | None]]] = {}
    for err in exc.errors(include_url=False):
        path, owner = _walk(model, doc.data, err["loc"])
        if any(path[: len(bad)] == bad for bad in doc.bad_paths):
            continue  # already reported by the loader; the value was replaced
        grouped.setdefault(path, []).append((dict(err), owner))
    problems = [_one(doc, path, errs) for path, errs in grouped.items()]
    return sorted(problems, key=lambda p: (p.line, p.col))


def _one(
    doc: Document, path: DocPath, errs: list[tuple[dict[str, Any], type[BaseModel] | None]]
) -> Problem:
    err, owner = errs[0]
    kind = err["type"]
    if kind == "missing":
        return problem_at(doc, path[:-1], Msg("schema.missing-key", key=path[-1]))
    if kind == "extra_forbidden":
        name = str(path[-1])
        allowed = sorted(owner.model_fields) if owner else []
        return problem_at(
            doc, path, Msg("schema.unknown-key", key=name, hint=_hint(name, allowed)), key=True
        )
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        tags = _quoted(str(err.get("ctx", {}).get("expected_tags", "")))
        if kind == "union_tag_not_found":
            return problem_at(doc, path, Msg("schema.missing-kind", kinds=", ".join(tags)))
        got = str(err.get("ctx", {}).get("tag", ""))
        return problem_at(
            doc,
            (*path, "kind"),
            Msg("schema.unknown-kind", kind=got, hint=_hint(got, tags, always=True)),
        )
    expectations: list[Msg] = []
    for e, _ in errs:
        phrase = _expectation(e)
        if phrase and phrase not in expectations:
            expectations.append(phrase)
    if Msg("expect.number") in expectations and Msg("expect.whole-number") in expectations:
        expectations.remove(Msg("expect.whole-number"))  # int | Decimal: any number will do
    given = _describe(err.get("input"))
    if expectations and all(_expectation(e) is not None for e, _ in errs):
        value = err.get("input")
        options = [
            o
            for e, _ in errs
            if e["type"] == "literal_error"
            for o in _quoted(str(e.get("ctx", {}).get("expected", "")))
        ]
        # The options are listed already: add only a "did you mean".
        hint = _hint(value, options, list_options=False) if isinstance(value, str) else ""
        wanted = Msg("list.or", items=tuple(expectations))
        return problem_at(doc, path, Msg("schema.wrong-type", wanted=wanted, got=given, hint=hint))
    return problem_at(doc, path, _constraint_message(err, given))


def _expectation(err: dict[str, Any]) -> Msg | None:
    kind = err["type"]
    if kind == "literal_error":
        expected = str(err.get("ctx", {}).get("expected", ""))
        options = _quoted(expected)
        if not options:  # a number, as in version: 1
            if " " not in expected:
                return Msg("value.number", n=expected)
            return Msg("expect.one-of", options=expected)
        return Msg("expect.one-of", options=", ".join(options))
    if kind == "is_instance_of" and err.get("ctx", {}).get("class") == "Decimal":
        return Msg("expect.number")  # the Decimal side of a reading's int | Decimal
    code = _EXPECT.get(kind)
    return Msg(code) if code else None


def _constraint_message(err: dict[str, Any], got: Msg | str) -> Msg:
    kind, ctx = err["type"], err.get("ctx", {})
    if kind == "greater_than_equal":
        return Msg("schema.too-small", n=ctx.get("ge"), got=got)
    if kind == "less_than_equal":
        return Msg("schema.too-large", n=ctx.get("le"), got=got)
    if kind == "too_short":
        if ctx.get("min_length") == 1:
            return Msg("schema.empty")
        return Msg("schema.too-few-items", n=ctx.get("min_length"))
    if kind == "string_too_short":
        return Msg("schema.empty")
    if kind == "string_too_long":
        return Msg("schema.too-long", n=ctx.get("max_length"))
    if kind == "string_pattern_mismatch":
        if str(ctx.get("pattern", "")) == SAFE_TEXT:
            return unsafe_message(str(err.get("input", "")))
        if "\\." in str(ctx.get("pattern", "")):
            return Msg("schema.bad-section-number", got=got)
        return Msg(
            "schema.bad-id",
            got=got,
        )
    return Msg("schema.other", detail=err.get("msg", "invalid value"), got=got)


def unsafe_message(text: str) -> Msg:
    """Which kind of forbidden character ``text`` holds, and what to do."""
    found = re.search(f"[{UNSAFE}]", text)
    char = found.group() if found else ""
    if char in "\n\r\u2028\u2029":
        return Msg("text.line-break")
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return Msg(
            "text.bidi-control",
            code=ord(char),
        )
    if char and ord(char) >= 0x200:  # the invisible ones: they look like nothing at all
        return Msg("text.invisible", code=f"{ord(char):04X}")
    return Msg("text.control-character")


def _describe(value: Any) -> Msg | str:
    if value is None:
        return Msg("value.nothing")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return Msg("value.number", n=value)
    if isinstance(value, date):
        return Msg("value.date", date=value.isoformat())
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return Msg("value.text", text=shown)
    if isinstance(value, list):
        return Msg("value.list")
    if isinstance(value, dict):
        return Msg("value.mapping")
    return type(value).__name__  # pragma: no cover


def _quoted(text: str) -> list[str]:
    return re.findall(r"'([^']*)'", text)


def _hint(
    value: Any, options: list[str], *, always: bool = False, list_options: bool = True
) -> Msg | str:
    if not isinstance(value, str) or not options:
        return ""
    close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    if close:
        return Msg("hint.did-you-mean", name=close[0])
    if list_options and (always or len(options) <= 12):
        return Msg("hint.one-of", options=", ".join(options))
    return ""


def _unwrap(tp: Any) -> Any:
    while get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    return tp


def _union_members(tp: Any) -> list[Any] | None:
    if get_origin(tp) in (Union, types.UnionType):
        return [_unwrap(m) for m in get_args(tp)]
    return None


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _tag_of(member: Any) -> set[str]:
    if _is_model(member) and "kind" in member.model_fields:
        ann = member.model_fields["kind"].annotation
        if get_origin(ann) is Literal:
            return {str(a) for a in get_args(ann)}
    return set()


def _walk(
    model: type[BaseModel], data: Any, loc: tuple[int | str, ...]
) -> tuple[DocPath, type[BaseModel] | None]:
    """Pydantic's loc -> the document path, and the model owning the last key."""
    path: list[str | int] = []
    tp: Any = model
    owner: type[BaseModel] | None = None
    node = data
    for part in loc:
        tp = _unwrap(tp)
        members = _union_members(tp)
        if members is not None:
            tagged = [m for m in members if isinstance(part, str) and part in _tag_of(m)]
            if tagged:
                tp = tagged[0]
                continue  # a discriminator value, not a key
            if isinstance(node, dict):
                fits = [m for m in members if _is_model(m) or get_origin(m) is dict]
            elif isinstance(node, list):
                fits = [m for m in members if get_origin(m) is list]
            else:
                continue  # a union member's name ('int', "literal['not-set']"), not a key
            tp = fits[0] if fits else None
        tp = _unwrap(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            owner = tp
            field = tp.model_fields.get(part) if isinstance(part, str) else None
            tp = field.annotation if field else None
        elif get_origin(tp) is list:
            tp = get_args(tp)[0]
        elif get_origin(tp) is dict:
            tp = get_args(tp)[1]
        else:
            tp = None
        path.append(part)
        if isinstance(node, dict):
            node = node.get(part) if isinstance(part, str) else None
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            node = None
    return tuple(path), owner
