"""Every word a report shows, in Swedish and English, and numbers in each language's style.

The language is chosen by the CLI (``--lang``, else ``STC_LANG``, else the locale) and passed
in: nothing here reads the environment except ``language_from_env``, which the CLI calls.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Literal

from stc_plan.model.growth import round_half_up

Lang = Literal["sv", "en"]
LANGS: tuple[Lang, ...] = ("sv", "en")

CATALOG: dict[str, dict[Lang, str]] = {
    # goal kinds
    "kind.count": {"sv": "antal", "en": "count"},
    "kind.milestone": {"sv": "milstolpe", "en": "milestone"},
    "kind.metric": {"sv": "mått", "en": "metric"},
    "kind.ongoing": {"sv": "löpande", "en": "ongoing"},
    # states
    "state.done": {"sv": "klart", "en": "done"},
    "state.on-track": {"sv": "i fas", "en": "on track"},
    "state.at-risk": {"sv": "risk", "en": "at risk"},
    "state.behind": {"sv": "efter", "en": "behind"},
    "state.overdue": {"sv": "försenat", "en": "overdue"},
    "state.not-started": {"sv": "ej påbörjat", "en": "not started"},
    "state.no-data": {"sv": "ingen data", "en": "no data"},
    "state.target-not-set": {"sv": "mål ej satt", "en": "target not set"},
    "state.stale": {"sv": "inaktuellt", "en": "stale"},
    # activity kinds
    "activity.member-activity": {"sv": "medlemsaktiviteter", "en": "member activities"},
    "activity.ny-i-c": {"sv": "Ny i C", "en": "Ny i C meetings"},
    "activity.recruitment-drive": {"sv": "medlemsvärvningar", "en": "recruitment drives"},
    "activity.integrated-campaign": {"sv": "integrerade kampanjer", "en": "integrated campaigns"},
    "activity.training": {"sv": "utbildningar", "en": "trainings"},
    "activity.renewal-drive": {"sv": "återlösningsaktiviteter", "en": "renewal drives"},
    "activity.event-project": {"sv": "evenemangsprojekt", "en": "event projects"},
    "activity.workshop": {"sv": "workshops", "en": "workshops"},
    "activity.other": {"sv": "aktiviteter", "en": "activities"},
    "activity.campaign-activity": {"sv": "valrörelseaktiviteter", "en": "campaign activities"},
    # one activity of a kind (for "at least 1 ...")
    "activity1.member-activity": {"sv": "medlemsaktivitet", "en": "member activity"},
    "activity1.ny-i-c": {"sv": "Ny i C", "en": "Ny i C meeting"},
    "activity1.recruitment-drive": {"sv": "medlemsvärvning", "en": "recruitment drive"},
    "activity1.integrated-campaign": {"sv": "integrerad kampanj", "en": "integrated campaign"},
    "activity1.training": {"sv": "utbildning", "en": "training"},
    "activity1.renewal-drive": {"sv": "återlösningsaktivitet", "en": "renewal drive"},
    "activity1.event-project": {"sv": "evenemangsprojekt", "en": "event project"},
    "activity1.workshop": {"sv": "workshop", "en": "workshop"},
    "activity1.other": {"sv": "aktivitet", "en": "activity"},
    "activity1.campaign-activity": {"sv": "valrörelseaktivitet", "en": "campaign activity"},
    # political levels
    "level.municipal": {"sv": "kommun", "en": "municipal"},
    "level.regional": {"sv": "region", "en": "regional"},
    "level.national": {"sv": "riksdag", "en": "national"},
    # target descriptions
    "target.at_least": {"sv": "minst {n} {what}", "en": "at least {n} {what}"},
    "target.at_least_one": {"sv": "minst en {what}", "en": "at least one {what}"},
    "target.per.term": {"sv": "per termin (VT, HT)", "en": "per term (VT, HT)"},
    "target.per.branch": {"sv": "i varje avdelning", "en": "in each branch"},
    "target.levels": {"sv": "från {levels}", "en": "from {levels}"},
    "target.all_branches": {"sv": "med alla avdelningar", "en": "with all branches"},
    "target.campaign": {"sv": "under valrörelsen", "en": "in the campaign"},
    "target.deliver": {"sv": "klart", "en": "done"},
    "target.not_set": {"sv": "ej satt", "en": "not set"},
    "target.metric": {"sv": "{target} {unit}", "en": "{target} {unit}"},
    "target.ongoing": {"sv": "avstämningar", "en": "check-ins"},
    "deadline.unstated": {"sv": "{date}*", "en": "{date}*"},
    # columns
    "col.id": {"sv": "id", "en": "id"},
    "col.goal": {"sv": "mål", "en": "goal"},
    "col.kind": {"sv": "typ", "en": "kind"},
    "col.target": {"sv": "målnivå", "en": "target"},
    "col.deadline": {"sv": "senast", "en": "deadline"},
    "col.state": {"sv": "läge", "en": "state"},
    "col.unit": {"sv": "avdelning", "en": "branch"},
    "col.baseline": {"sv": "dec {year}", "en": "Dec {year}"},
    "col.goal_target": {"sv": "mål {year}", "en": "target {year}"},
    "col.growth": {"sv": "ökning", "en": "growth"},
    "col.serves": {"sv": "bidrar från", "en": "served by"},
    "col.actual": {"sv": "utfall/mål", "en": "actual/target"},
    "col.remaining": {"sv": "kvar", "en": "left"},
    "col.expected": {"sv": "väntat", "en": "expected"},
    "col.count": {"sv": "nu", "en": "now"},
    "col.change": {"sv": "+/−", "en": "+/−"},
    "col.progress": {"sv": "mot målet", "en": "progress"},
    "col.target_short": {"sv": "mål", "en": "target"},
    "col.baseline_short": {"sv": "bas", "en": "base"},
    "heading.compare": {"sv": "Medlemmar {a} och {b}", "en": "Membership {a} and {b}"},
    "note.compare": {
        "sv": "Senaste räkning per {a} respektive {b}.",
        "en": "Latest count as of {a} and {b} respectively.",
    },
    "col.gap": {"sv": "kvar", "en": "to go"},
    "col.per_month": {"sv": "per mån", "en": "per month"},
    "col.projection": {"sv": "prognos", "en": "projected"},
    "col.trend": {"sv": "trend", "en": "trend"},
    "col.counted_on": {"sv": "räknat", "en": "counted"},
    # headings and lines
    "heading.status": {"sv": "{title}: läget {date}", "en": "{title}: status on {date}"},
    "heading.overarching": {"sv": "Övergripande mål", "en": "Overarching goals"},
    "heading.membership": {"sv": "Medlemmar", "en": "Membership"},
    "heading.section": {"sv": "{id} {title}", "en": "{id} {title}"},
    "row.total": {"sv": "Totalt", "en": "Total"},
    "row.total_without": {"sv": "Totalt utan {names}", "en": "Total without {names}"},
    "note.growth_truth": {
        "sv": "Regeln är {rule} per avdelning; {held} hålls på sin nivå. Distriktet som helhet "
        "växer därför {total} enligt planen, {without} utan {held}.",
        "en": "The rule is {rule} per branch; {held} is held at its baseline. So the district "
        "as a whole grows {total} by this plan, {without} without {held}.",
    },
    "note.unstated_deadline": {
        "sv": "* planen anger ingen tidpunkt; verksamhetsårets slut används.",
        "en": "* the plan names no date; the end of the plan year is used.",
    },
    "note.clamped": {
        "sv": "{date} ligger efter planens år; visar läget vid årets slut.",
        "en": "{date} is after the plan year; showing the state at its end.",
    },
    "note.clamped_before": {
        "sv": "{date} ligger före planens år; visar läget vid årets början.",
        "en": "{date} is before the plan year; showing the state at its start.",
    },
    "summary": {"sv": "{n} mål: {counts}", "en": "{n} goals: {counts}"},
    "cell.done_on": {"sv": "klart {date}", "en": "done {date}"},
    "cell.not_done": {"sv": "ej klart", "en": "not done"},
    "cell.by": {"sv": "senast {date}", "en": "by {date}"},
    "cell.missing": {"sv": "saknas: {items}", "en": "missing: {items}"},
    "cell.checkin": {"sv": "avstämt {date}: {rating}", "en": "checked in {date}: {rating}"},
    "cell.reading": {"sv": "mätt {date}", "en": "measured {date}"},
    "cell.branches": {"sv": "{n} avd.", "en": "{n} branches"},
    "cell.held": {"sv": "hålls", "en": "held"},
    "rating.on-track": {"sv": "i fas", "en": "on track"},
    "rating.at-risk": {"sv": "risk", "en": "at risk"},
    "rating.off-track": {"sv": "ur fas", "en": "off track"},
    "rating.done": {"sv": "klart", "en": "done"},
    "heading.members": {"sv": "Medlemmar {date}", "en": "Membership on {date}"},
    "heading.members_needed": {
        "sv": "Vad som krävs till 31 december",
        "en": "What it takes by 31 December",
    },
    "heading.branch": {"sv": "Sett från avdelning {name}", "en": "As seen from branch {name}"},
    "note.members_dates": {
        "sv": "Senaste räkning per avdelning; {held} hålls på sin nivå ({n}) enligt planen.",
        "en": "Latest count per branch; {held} is held at its baseline ({n}) by the plan.",
    },
    "note.months_left": {
        "sv": "{months} månader kvar av året. Prognos: rak linje från {base} genom "
        "senaste räkningen.",
        "en": "{months} months left in the year. Projection: a straight line from {base} "
        "through the latest count.",
    },
    "note.bar": {
        "sv": "Stapeln: ökningen hittills mot den planerade; | markerar var den borde vara i dag.",
        "en": "The bar: growth so far against the planned growth; | marks where it should "
        "be today.",
    },
    # reports
    "report.title.quarter": {"sv": "Kvartalsrapport {name}", "en": "Quarterly report {name}"},
    "report.title.term": {"sv": "Terminsrapport {name}", "en": "Term report {name}"},
    "report.title.year": {
        "sv": "Verksamhetsberättelse {name} (utkast)",
        "en": "Annual report {name} (draft)",
    },
    "report.subtitle": {
        "sv": "{org} · {plan} · {start} – {end}",
        "en": "{org} · {plan} · {start} – {end}",
    },
    "report.summary": {"sv": "Sammanfattning", "en": "Summary"},
    "report.states_at_end": {
        "sv": "Vid periodens slut: {counts}.",
        "en": "At the end of the period: {counts}.",
    },
    "report.moved": {"sv": "Sedan {previous}: {moves}.", "en": "Since {previous}: {moves}."},
    "report.move": {"sv": "{n} från {before} till {after}", "en": "{n} from {before} to {after}"},
    "report.no_moves": {
        "sv": "Inga mål har bytt läge sedan {previous}.",
        "en": "No goal has changed state since {previous}.",
    },
    "report.facts": {
        "sv": "{n} uppgifter registrerades under perioden.",
        "en": "{n} facts were recorded in the period.",
    },
    "report.no_facts": {
        "sv": "Inga uppgifter registrerades under perioden: läget nedan bygger på det som "
        "registrerats tidigare.",
        "en": "No facts were recorded in the period: the states below rest on what was "
        "recorded before it.",
    },
    "report.members_line": {
        "sv": "Medlemmar: {start} vid periodens början, {end} vid dess slut ({change}); "
        "takten mot målet {target} väntade {expected}.",
        "en": "Members: {start} at the start of the period, {end} at its end ({change}); "
        "the pace towards the target of {target} expected {expected}.",
    },
    "report.members_unknown": {
        "sv": "Medlemmar: inga fullständiga räkningar för alla avdelningar i perioden.",
        "en": "Members: no complete count of every branch in the period.",
    },
    "report.col.start": {"sv": "start", "en": "start"},
    "report.col.end": {"sv": "slut", "en": "end"},
    "report.goals": {"sv": "Målen", "en": "The goals"},
    "report.nothing": {
        "sv": "Inget registrerat under perioden.",
        "en": "Nothing recorded in the period.",
    },
    "report.activity": {"sv": "{date} {title}{people}", "en": "{date} {title}{people}"},
    "report.more": {"sv": "och {n} till", "en": "and {n} more"},
    "report.people": {"sv": " ({n} deltagare)", "en": " ({n} taking part)"},
    "report.done": {"sv": "{date} klart{note}", "en": "{date} done{note}"},
    "report.checkin": {
        "sv": "{date} avstämning: {rating}{note}",
        "en": "{date} check-in: {rating}{note}",
    },
    "report.reading": {"sv": "{date} mätt: {value}", "en": "{date} measured: {value}"},
    "report.term_quota": {"sv": "{term}: {held} av {quota}", "en": "{term}: {held} of {quota}"},
    "report.overdue": {"sv": "Försenat", "en": "Overdue"},
    "report.none_overdue": {"sv": "Inget mål är försenat.", "en": "No goal is overdue."},
    "report.due_next": {"sv": "Förfaller under {name}", "en": "Falling due in {name}"},
    "report.none_due": {
        "sv": "Inget förfaller under {name}.",
        "en": "Nothing falls due in {name}.",
    },
    "report.charts": {"sv": "Diagram", "en": "Charts"},
    "chart.members.title": {
        "sv": "Medlemmar per avdelning {date}, mot målet",
        "en": "Members per branch on {date}, against the target",
    },
    "chart.members.y": {"sv": "medlemmar", "en": "members"},
    "chart.members.x": {"sv": "avdelning", "en": "branch"},
    "chart.members.count": {"sv": "antal {date}", "en": "count on {date}"},
    "chart.members.target": {"sv": "mål {year}", "en": "target {year}"},
    "chart.states.title": {"sv": "Målen efter läge {date}", "en": "Goals by state on {date}"},
    "chart.states.x": {"sv": "antal mål", "en": "number of goals"},
    "draft.note": {
        "sv": "Utkast framtaget av stc ur verksamhetsplanen och de uppgifter som registrerats. "
        "Varje påstående bygger på planen eller en registrerad uppgift; redigera fritt.",
        "en": "Draft written by stc from the operational plan and the recorded facts. Every "
        "claim rests on the plan or a recorded fact; edit freely.",
    },
    "draft.members": {
        "sv": "Vid årets början hade distriktet {baseline} medlemmar ({held} inräknade, "
        "vars antal planen håller oförändrat). Målet var {target}. Vid den senaste "
        "räkningen, {date}, var antalet {count}: {change} ({growth}).",
        "en": "At the start of the year the district had {baseline} members (counting "
        "{held}, whose number the plan holds unchanged). The target was {target}. At the "
        "latest count, on {date}, the number was {count}: {change} ({growth}).",
    },
    "draft.members_unknown": {
        "sv": "Vid årets början hade distriktet {baseline} medlemmar och målet var {target}. "
        "Någon fullständig räkning för alla avdelningar finns inte registrerad.",
        "en": "At the start of the year the district had {baseline} members and the target "
        "was {target}. No complete count of every branch is recorded.",
    },
    "draft.branch": {
        "sv": "{name}: {baseline} → {count} (mål {target}).",
        "en": "{name}: {baseline} → {count} (target {target}).",
    },
    "draft.branch_unknown": {
        "sv": "{name}: {baseline} (mål {target}); ingen räkning registrerad.",
        "en": "{name}: {baseline} (target {target}); no count recorded.",
    },
    "draft.count": {
        "sv": "Målet var {target}. {actual} registrerades under året.",
        "en": "The goal was {target}. {actual} were recorded during the year.",
    },
    "draft.count_terms": {"sv": "Per termin: {terms}.", "en": "Per term: {terms}."},
    "draft.count_missing": {"sv": "Det saknades: {missing}.", "en": "Still missing: {missing}."},
    "draft.count_branches": {
        "sv": "Målet var {target}. {actual} av {total} avdelningar nådde det.",
        "en": "The goal was {target}. {actual} of {total} branches reached it.",
    },
    "draft.reached": {"sv": "Målet nåddes.", "en": "The goal was reached."},
    "draft.not_reached": {"sv": "Målet nåddes inte.", "en": "The goal was not reached."},
    "draft.no_activities": {
        "sv": "Inga aktiviteter registrerades.",
        "en": "No activities were recorded.",
    },
    "draft.done": {"sv": "Klart {date}.", "en": "Done on {date}."},
    "draft.not_done": {
        "sv": "Inte registrerat som klart (senast {deadline}).",
        "en": "Not recorded as done (due {deadline}).",
    },
    "draft.metric": {
        "sv": "Senaste mätningen, {date}, visade {value} {unit}.",
        "en": "The latest reading, on {date}, showed {value} {unit}.",
    },
    "draft.metric_none": {
        "sv": "Inga mätningar registrerades.",
        "en": "No readings were recorded.",
    },
    "draft.target_not_set": {
        "sv": "Målnivån sattes inte i planen ({note}).",
        "en": "The plan set no target ({note}).",
    },
    "draft.metric_target": {
        "sv": "Målet var {target} {unit}.",
        "en": "The target was {target} {unit}.",
    },
    "draft.checkin": {
        "sv": "Vid avstämningen {date} bedömdes läget som {rating}{note}.",
        "en": "At the check-in on {date} it was rated {rating}{note}.",
    },
    "draft.no_checkin": {
        "sv": "Inga avstämningar registrerades.",
        "en": "No check-ins were recorded.",
    },
}


def t(key: str, lang: Lang, **values: object) -> str:
    """The catalog entry ``key`` in ``lang``, with ``values`` filled in."""
    return CATALOG[key][lang].format(**values)


def language_from_env(env: Mapping[str, str]) -> Lang:
    """``STC_LANG``, else the locale variables (Swedish under ``sv_*``), else English."""
    chosen = env.get("STC_LANG", "").strip().lower()
    if chosen in LANGS:
        return chosen
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return "sv" if value.lower().startswith("sv") else "en"
    return "en"


def number(value: int | Decimal, lang: Lang, places: int | None = 1) -> str:
    """A number as a person writes it: decimal comma in Swedish, halves rounded up.

    ``places=None`` writes a decimal exactly, with no trailing zeros (a rule's 10 or 10.5).
    """
    if isinstance(value, int):
        return f"{value:,}".replace(",", " " if lang == "sv" else ",")
    exact = value.normalize() if value != value.to_integral() else value.to_integral()
    text = f"{exact if places is None else round_half_up(value, places):f}"
    return text.replace(".", ",") if lang == "sv" else text


def percent(
    value: Decimal | None, lang: Lang, *, signed: bool = False, places: int | None = 1
) -> str:
    """``8,5 %`` in Swedish, ``8.5%`` in English; an em dash when there is no value."""
    if value is None:
        return "–"
    sign = "+" if signed and value > 0 else ""
    body = sign + number(value, lang, places)
    return f"{body} %" if lang == "sv" else f"{body}%"


def day(value: date) -> str:
    """Dates are ISO in both languages."""
    return value.isoformat()
