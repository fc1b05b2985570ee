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
    issue = event.get("issue") if isinstance(event, dict) else None
    if not isinstance(issue, dict):
        raise FormRejected(Msg("issue.no-issue", file=name))
    number = issue.get("number")
    user = issue.get("user") if isinstance(issue.get("user"), dict) else {}
    login = str(user.get("login", "")) if user else ""
    association = str(issue.get("author_association", ""))
    if association not in TRUSTED and login not in trusted:
        raise FormRejected(Msg("issue.untrusted", login=login or "?"))
    labels = {
        str(label.get("name", "")) for label in issue.get("labels", []) if isinstance(label, dict)
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
    return FormFact(kind, SECTION[kind], values, int(number or 0), login)


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


def _fields(body: str, kind: str, plan: Plan) -> dict[str, str | None]:
    """The answers in the issue's body, by field id (None: left empty)."""
    labels = _labels(kind, plan)
    answers: dict[str, str | None] = {}
    current: str | None = None
    lines: list[str] = []

    def close() -> None:
        if current is not None:
            text = "\n".join(lines).strip()
            if len(text) > MAX_FIELD:
                raise FormRejected(Msg("issue.too-long", field=current, n=MAX_FIELD))
            answers[current] = None if text in ("", NO_RESPONSE) else text

    for line in body.replace("\r\n", "\n").split("\n"):
        if line.startswith("### "):
            close()
            current = labels.get(_key(line[4:]))
            lines = []
        elif current is not None:
            lines.append(line)
    close()
    return answers


def _required(fields: dict[str, str | None], fid: str) -> str:
    value = fields.get(fid)
    if value is None:
        raise FormRejected(Msg("issue.missing", field=fid))
    return value


def _day(fields: dict[str, str | None]) -> date:
    text = _required(fields, "date")
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise FormRejected(Msg("issue.bad-date", value=text[:40])) from None


def _whole(text: str, fid: str) -> int:
    if not re.fullmatch(r"[0-9]{1,9}", text.strip()):
        raise FormRejected(Msg("issue.not-whole", field=fid, value=text[:40]))
    return int(text.strip())


def _choice(text: str, options: dict[str, str], fid: str) -> str:
    """A choice's id: the words of a choice in either language, or the id itself."""
    found = options.get(_key(text))
    if found is None:
        raise FormRejected(Msg("issue.bad-choice", field=fid, value=text[:60]))
    return found


def _goal(text: str, fid: str) -> str:
    return text.split(":", 1)[0].strip()  # "id: title"; the plan check names an unknown id


def _values(kind: str, fields: dict[str, str | None], plan: Plan) -> dict[str, Any]:
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
            else [_choice(c, names, "branches") for c in chosen]
        )
        participants = fields.get("participants")
        return {
            "date": _day(fields),
            "kind": _choice(_required(fields, "kind"), kinds, "kind"),
            "title": _required(fields, "title"),
            "branches": branches,
            "levels": [
                _choice(c.strip(), levels, "levels")
                for c in (fields.get("levels") or "").split(",")
                if c.strip()
            ],
            "participants": None if participants is None else _whole(participants, "participants"),
            "note": note,
        }
    if kind == "done":
        return {
            "goal": _goal(_required(fields, "goal"), "goal"),
            "date": _day(fields),
            "note": note,
            "link": fields.get("link"),
        }
    if kind == "checkin":
        ratings = {_key(t(f"rating.{r}", lang)): r for r in RATINGS for lang in LANGS}
        ratings.update({_key(r): r for r in RATINGS})
        return {
            "goal": _goal(_required(fields, "goal"), "goal"),
            "date": _day(fields),
            "rating": _choice(_required(fields, "rating"), ratings, "rating"),
            "note": note,
        }
    if kind == "members":
        counts = {
            b.id: _whole(value, f"count-{b.id}")
            for b in plan.branches
            if (value := fields.get(f"count-{b.id}")) is not None
        }
        if not counts:
            raise FormRejected(Msg("issue.no-counts"))
        return {"date": _day(fields), "counts": counts, "note": note}
    target = _goal(_required(fields, "target"), "target")
    value = _required(fields, "value").strip().replace(",", ".")
    if not re.fullmatch(r"[+-]?[0-9]{1,12}(\.[0-9]{1,6})?", value):
        raise FormRejected(Msg("issue.bad-number", value=value[:40]))
    figure = Decimal(value)
    number: int | Decimal = int(figure) if figure == figure.to_integral_value() else figure
    key = "channel" if target in {c.id for c in plan.channels} else "goal"
    return {key: target, "date": _day(fields), "value": number, "note": note}
