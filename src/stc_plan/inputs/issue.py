"""A GitHub ``issues`` event holding a filled-in stc form, read back into a fact.

The event is untrusted input: only an author the repository trusts may turn a form into a
fact, every field is read as text and checked like ``stc record``'s options, and nothing
from it is ever run. The form's fields are found by their labels (in either language),
its kind by its label (``stc-activity``...), and its choices mapped back to the plan's ids.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args

from stc_plan.errors import Problem, Severity, StcError
from stc_plan.i18n import LANGS, t
from stc_plan.messages import Msg
from stc_plan.model.facts import RATINGS
from stc_plan.model.plan import Plan
from stc_plan.model.vocab import ActivityKind, Level
from stc_plan.parse.numbers import NumberRefused, read_number, read_whole

FOLDER = ".github/ISSUE_TEMPLATE"  # where GitHub looks for issue forms
FINGERPRINT = "# stc forms for plan "  # a form's first line: which plan choices it offers
TRUSTED = ("OWNER", "MEMBER", "COLLABORATOR")  # GitHub's author associations we trust
SECTION = {
    "activity": "activities",
    "done": "done",
    "checkin": "checkins",
    "members": "members",
    "reading": "readings",
}
NO_RESPONSE = "_No response_"  # GitHub's words for a field left empty
MAX_FIELD = 2000  # characters in one field: a form's answers are short


def fingerprint(plan: Plan) -> str:
    """What the forms offer, as a short digest: the year, goals, branches and channels."""
    parts = [str(plan.year)]
    parts += [f"g:{g.id}:{g.kind}:{g.title}" for g in plan.goals]
    parts += [f"b:{b.id}:{b.name}" for b in plan.branches]
    parts += [f"c:{c.id}:{c.name}" for c in plan.channels]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def stale_forms(plan_path: Path, plan: Plan) -> list[Problem]:
    """A warning for each stc form of the repository the plan is in that offers another
    version of this plan's choices (the plan changed since ``stc forms`` ran)."""
    folder = plan_path.resolve().parent
    for place in (folder, *folder.parents):
        forms = place / FOLDER
        if forms.is_dir() or (place / ".git").exists():
            break
    else:
        return []
    found = []
    head = f"{FINGERPRINT}{plan.year}: "
    for form in sorted(forms.glob("stc-*.yml")) if forms.is_dir() else []:
        try:
            with form.open(encoding="utf-8") as f:
                first = f.readline()
        except (OSError, UnicodeDecodeError):
            continue
        if first.startswith(head) and not first[len(head) :].startswith(fingerprint(plan)):
            said = Msg("forms.stale", plan=plan_path)
            found.append(Problem(str(form), 1, 1, said, Severity.WARNING))
    return found


class FormRejected(StcError):
    """The event cannot become a fact; its message says why and what to do, in one line."""


@dataclass(frozen=True)
class FormFact:
    """A fact read from a form: its section and values, and the issue it came from."""

    kind: str
    section: str
    values: dict[str, Any]
    issue: int
    author: str


def _key(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold().strip()


def read_event(raw: bytes, name: str, plan: Plan, *, trusted: tuple[str, ...] = ()) -> FormFact:
    """The fact the issue in the event ``raw`` (the file at ``$GITHUB_EVENT_PATH``) holds.
    Raises FormRejected, naming the field and what to fix."""
    try:
        event = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise FormRejected(Msg("issue.not-utf8", file=name, at=exc.start)) from None
    except json.JSONDecodeError as exc:
        raise FormRejected(
            Msg("issue.bad-json", file=name, line=exc.lineno, col=exc.colno, reason=exc.msg)
        ) from None
    except (RecursionError, ValueError):  # nested past Python's limit, or a huge number
        raise FormRejected(Msg("issue.bad-json", file=name, line=1, col=1, reason="-")) from None
    issue = event.get("issue") if isinstance(event, dict) else None
    if not isinstance(issue, dict):
        raise FormRejected(Msg("issue.no-issue", file=name))
    given = issue.get("number")
    number = given if type(given) is int and 0 < given < 10**9 else 0
    user = issue.get("user") if isinstance(issue.get("user"), dict) else {}
    login = str(user.get("login", "")) if user else ""
    association = str(issue.get("author_association", ""))
    if association not in TRUSTED and login.casefold() not in {x.casefold() for x in trusted}:
        raise FormRejected(Msg("issue.untrusted", login=login or "?"))
    found = issue.get("labels")
    labels = {
        str(label.get("name", ""))
        for label in (found if isinstance(found, list) else [])
        if isinstance(label, dict)
    }
    kinds = [k for k in SECTION if f"stc-{k}" in labels]
    if len(kinds) != 1:
        raise FormRejected(Msg("issue.no-form", number=number))
    kind = kinds[0]
    body = issue.get("body")
    if not isinstance(body, str):
        raise FormRejected(Msg("issue.empty", number=number))
    fields = _fields(body, kind, plan)
    values = _values(kind, fields, plan)
    return FormFact(kind, SECTION[kind], values, number, login)


# Each form's fields: id -> the catalog id of its label (also used to write the forms).
FIELDS: dict[str, dict[str, str]] = {
    "activity": {
        "date": "form.date",
        "kind": "form.kind",
        "title": "form.title",
        "branches": "form.branches",
        "levels": "form.levels",
        "participants": "form.participants",
        "note": "form.note",
    },
    "done": {
        "goal": "form.milestone",
        "date": "form.date",
        "link": "form.link",
        "note": "form.note",
    },
    "checkin": {
        "goal": "form.goal",
        "rating": "form.rating",
        "date": "form.date",
        "note": "form.note",
    },
    "members": {"date": "form.date", "note": "form.note"},  # and a count per branch
    "reading": {
        "target": "form.measured",
        "value": "form.value",
        "date": "form.date",
        "note": "form.note",
    },
}


def label(kind: str, fid: str, lang: str, plan: Plan) -> str:
    """The label of field ``fid`` of the ``kind`` form in ``lang``."""
    if fid.startswith("count-"):
        unit = fid.removeprefix("count-")
        return t("form.count", lang, branch=plan.unit_names().get(unit, unit))  # type: ignore[arg-type]
    return t(FIELDS[kind][fid], lang)  # type: ignore[arg-type]


def _labels(kind: str, plan: Plan) -> dict[str, str]:
    """Each field's label, in every language, to its id."""
    ids = list(FIELDS[kind]) + (
        [f"count-{b.id}" for b in plan.branches] if kind == "members" else []
    )
    return {_key(label(kind, fid, lang, plan)): fid for fid in ids for lang in LANGS}


def _field_name(kind: str, fid: str, plan: Plan) -> Msg:
    """A field as the form names it (its label), for messages in the reader's language."""
    if fid.startswith("count-"):
        unit = fid.removeprefix("count-")
        return Msg("form.count", branch=plan.unit_names().get(unit, unit))
    return Msg(FIELDS[kind].get(fid, fid))


def _fields(body: str, kind: str, plan: Plan) -> dict[str, str | None]:
    """The answers in the issue's body, by field id (None: left empty). Every field of the
    form must be there once, and nothing else: a heading the form does not have, or one
    twice, means the form is not the plan's (an old form, or a note that holds headings)."""
    labels = _labels(kind, plan)
    answers: dict[str, str | None] = {}
    current: str | None = None
    lines: list[str] = []

    def close() -> None:
        if current is not None:
            text = "\n".join(lines).strip()
            if len(text) > MAX_FIELD:
                name = _field_name(kind, current, plan)
                raise FormRejected(Msg("issue.too-long", field=name, n=MAX_FIELD))
            if current == "note":  # a note is one line in the progress file
                text = " ".join(text.split())
            answers[current] = None if text in ("", NO_RESPONSE) else text

    for line in body.replace("\r\n", "\n").split("\n"):
        if line.startswith("### "):
            close()
            current = labels.get(_key(line[4:]))
            if current is None:
                raise FormRejected(Msg("issue.unknown-field", heading=line[4:64]))
            if current in answers:
                name = _field_name(kind, current, plan)
                raise FormRejected(Msg("issue.field-twice", field=name))
            lines = []
        elif current is not None:
            lines.append(line)
    close()
    expected = set(labels.values())
    missing = sorted(expected - set(answers))
    if missing:
        raise FormRejected(Msg("issue.field-missing", field=_field_name(kind, missing[0], plan)))
    return answers


@dataclass(frozen=True)
class _Answers:
    """A form's answers, and the names of its fields (their labels) for messages."""

    fields: dict[str, str | None]
    names: dict[str, Msg]

    def get(self, fid: str) -> str | None:
        return self.fields.get(fid)

    def required(self, fid: str) -> str:
        value = self.fields.get(fid)
        if value is None:
            raise FormRejected(Msg("issue.missing", field=self.names[fid]))
        return value

    def day(self) -> date:
        text = self.required("date").strip()
        try:
            if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):  # not 20250314
                raise ValueError(text)
            return date.fromisoformat(text)
        except ValueError:
            raise FormRejected(Msg("issue.bad-date", value=text[:40])) from None

    def number(self, fid: str, *, whole: bool = False) -> int | Decimal:
        """A number typed in a field, by the one rule for numbers people type
        (``parse/numbers.py``): 1500, 1 500, 1,5 and 1.5, never 1,500."""
        text = self.required(fid)
        try:
            return read_whole(text) if whole else read_number(text)
        except NumberRefused as exc:
            reason = exc.args[0]
            raise FormRejected(Msg("issue.number", field=self.names[fid], reason=reason)) from None

    def choice(self, text: str, options: dict[str, str], fid: str) -> str:
        """A choice's id: the words of a choice in either language, or the id itself."""
        found = options.get(_key(text))
        if found is None:
            raise FormRejected(Msg("issue.bad-choice", field=self.names[fid], value=text[:60]))
        return found


def _goal(text: str) -> str:
    return text.split(":", 1)[0].strip()  # "id: title"; the plan check names an unknown id


def _values(kind: str, given: dict[str, str | None], plan: Plan) -> dict[str, Any]:
    ids = list(FIELDS[kind]) + [f"count-{b.id}" for b in plan.branches]
    fields = _Answers(given, {fid: _field_name(kind, fid, plan) for fid in ids})
    note = fields.get("note")
    if kind == "activity":
        kinds = {
            _key(t(f"activity1.{k}", lang)): k for k in get_args(ActivityKind) for lang in LANGS
        }
        kinds.update({_key(k): k for k in get_args(ActivityKind)})
        levels = {_key(t(f"level.{v}", lang)): v for v in get_args(Level) for lang in LANGS}
        levels.update({_key(v): v for v in get_args(Level)})
        names = {_key(b.name): b.id for b in plan.branches} | {
            _key(b.id): b.id for b in plan.branches
        }
        every = {_key(t("form.all-branches", lang)) for lang in LANGS}
        chosen = [c.strip() for c in (fields.get("branches") or "").split(",") if c.strip()]
        branches: list[str] | str = (
            "all"
            if any(_key(c) in every for c in chosen)
            else [fields.choice(c, names, "branches") for c in chosen]
        )
        return {
            "date": fields.day(),
            "kind": fields.choice(fields.required("kind"), kinds, "kind"),
            "title": fields.required("title"),
            "branches": branches,
            "levels": [
                fields.choice(c.strip(), levels, "levels")
                for c in (fields.get("levels") or "").split(",")
                if c.strip()
            ],
            "participants": None
            if fields.get("participants") is None
            else fields.number("participants", whole=True),
            "note": note,
        }
    if kind == "done":
        return {
            "goal": _goal(fields.required("goal")),
            "date": fields.day(),
            "note": note,
            "link": fields.get("link"),
        }
    if kind == "checkin":
        ratings = {_key(t(f"rating.{r}", lang)): r for r in RATINGS for lang in LANGS}
        ratings.update({_key(r): r for r in RATINGS})
        return {
            "goal": _goal(fields.required("goal")),
            "date": fields.day(),
            "rating": fields.choice(fields.required("rating"), ratings, "rating"),
            "note": note,
        }
    if kind == "members":
        counts = {
            b.id: fields.number(f"count-{b.id}", whole=True)
            for b in plan.branches
            if fields.get(f"count-{b.id}") is not None
        }
        if not counts:
            raise FormRejected(Msg("issue.no-counts"))
        return {"date": fields.day(), "counts": counts, "note": note}
    target = _goal(fields.required("target"))
    value = fields.number("value")
    key = "channel" if target in {c.id for c in plan.channels} else "goal"
    return {key: target, "date": fields.day(), "value": value, "note": note}
