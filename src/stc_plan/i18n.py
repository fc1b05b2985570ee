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
    "col.serves": {"sv": "bidragande mål", "en": "contributing goals"},
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
        "sv": "* planen anger inget datum; det är härlett ur planens ord (verksamhetsårets "
        "slut där den inte anger någon tid).",
        "en": "* the plan names no date; it is derived from the plan's words (the end of the "
        "plan year where they give no time).",
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
    "cell.target": {"sv": "målnivå: {target}", "en": "target: {target}"},
    "cell.not_done": {"sv": "ej klart", "en": "not done"},
    "cell.by": {"sv": "senast {date}", "en": "by {date}"},
    "cell.missing": {"sv": "saknas: {items}", "en": "missing: {items}"},
    "cell.checkin": {"sv": "avstämt {date}: {rating}", "en": "checked in {date}: {rating}"},
    "cell.reading": {"sv": "mätt {date}", "en": "measured {date}"},
    "cell.from_baseline": {
        "sv": "; utgångsläge {baseline}, {change}",
        "en": "; baseline {baseline}, {change}",
    },
    "cell.past_target": {"sv": "målvärdet nått, {over}", "en": "target reached, {over}"},
    "cell.done_late": {"sv": "klart {date}, efter tidsgränsen", "en": "done {date}, late"},
    "cell.term": {
        "sv": "{term}: {held} av {quota}, {state}",
        "en": "{term}: {held} of {quota}, {state}",
    },
    "cell.contributing": {
        "sv": "{n} bidragande mål: {counts}",
        "en": "{n} contributing goals: {counts}",
    },
    "cell.contributing_fine": {
        "sv": "{n} bidragande mål, inget efter plan",
        "en": "{n} contributing goals, none needing attention",
    },
    "cell.measured_by_members": {
        "sv": "bedöms efter medlemstalet",
        "en": "judged by the membership",
    },
    "heading.channels": {"sv": "Kanaler", "en": "Channels"},
    "channel.latest": {"sv": "{value} per {date}", "en": "{value} on {date}"},
    "channel.no_reading": {"sv": "ingen mätning", "en": "no reading"},
    "channel.in_plan": {"sv": "{value} i planen", "en": "{value} in the plan"},
    "channel.target_not_set": {"sv": "målvärde ej satt", "en": "target not set"},
    "report.done_late": {
        "sv": "{date} klart, efter tidsgränsen{note}",
        "en": "{date} done, late{note}",
    },
    "draft.done_late": {
        "sv": "Klart {date}, efter tidsgränsen.",
        "en": "Done on {date}, later than planned.",
    },
    "col.channel": {"sv": "kanal", "en": "channel"},
    "col.in_plan": {"sv": "i planen", "en": "in the plan"},
    "col.latest": {"sv": "senast", "en": "latest"},
    "col.read_on": {"sv": "mätt", "en": "measured"},
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
        "sv": "{months} månader kvar av året. Prognos: ökningen sedan {base}, i samma takt "
        "per dag fram till 31 december (takten mätt fram till {date}).",
        "en": "{months} months left in the year. Projection: the growth since {base}, at the "
        "same pace per day until 31 December (the pace measured up to {date}).",
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


# Diagnostics (problems, errors, confirmations) in the gettext way: the English text is the
# key, so the code reads as what it says; SV holds its Swedish. The language is set once
# by the CLI (``use``), like the limits, so the core needs no language argument.
SV: dict[str, str] = {}
_language: Lang = "en"


def use(lang: Lang) -> None:
    """Set the language of diagnostics."""
    global _language
    _language = lang


def current() -> Lang:
    """The language of diagnostics."""
    return _language


def say(english: str, **values: object) -> str:
    """A diagnostic in the language in use: ``english`` is its English text and its key."""
    template = SV.get(english, english) if _language == "sv" else english
    return template.format(**values)


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


# Swedish diagnostics, keyed by their English text (see ``say``). tests/test_i18n.py fails
# if a text passed to ``say`` has no entry here.
SV.update(
    {
        # what a problem is about
        "goal": "mål",
        "overarching goal": "övergripande mål",
        "section": "avsnitt",
        "branch": "avdelning",
        "sibling group": "syskongrupp",
        "channel": "kanal",
        "membership row": "medlemsrad",
        "member count of": "medlemstal",
        "activity": "aktivitet",
        "done of goal": "klarmarkering av mål",
        "reading of": "mätning av",
        "check-in of goal": "avstämning av mål",
        # the schema
        "missing key '{key}'; add it": "nyckeln '{key}' saknas; lägg till den",
        "unknown key '{key}'": "okänd nyckel '{key}'",
        "missing key 'kind'; use one of: {kinds}": "nyckeln 'kind' saknas; använd en av: {kinds}",
        "unknown kind '{kind}'": "okänd typ '{kind}'",
        " or ": " eller ",
        "expected {wanted}, got {got}": "väntade {wanted}, fick {got}",
        "the number {n}": "talet {n}",
        "one of {options}": "en av {options}",
        "a whole number": "ett heltal",
        "a number": "ett tal",
        "text": "text",
        "true or false": "true eller false",
        "a date (YYYY-MM-DD)": "ett datum (ÅÅÅÅ-MM-DD)",
        "a list": "en lista",
        "a mapping": "en mappning (nycklar och värden)",
        "nothing": "inget",
        "must be at least {n}, got {got}": "måste vara minst {n}, fick {got}",
        "must be at most {n}, got {got}": "får vara högst {n}, fick {got}",
        "must not be empty": "får inte vara tomt",
        "needs at least {n} items": "behöver minst {n} poster",
        "is longer than {n} characters": "är längre än {n} tecken",
        "contains a control character (such as an escape sequence); remove it": "innehåller ett styrtecken (till exempel en escape-sekvens); ta bort det",
        "contains a line break; keep it on one line (in YAML, >- rather than > or |)": "innehåller en radbrytning; håll det på en rad (i YAML: >- i stället för > eller |)",
        "contains an invisible direction control (U+{code:04X}), which makes text read differently from what it holds; remove it": "innehåller ett osynligt riktningstecken (U+{code:04X}) som får texten att läsas annorlunda än den är; ta bort det",
        "a section number looks like '3.1', got {got}": "ett avsnittsnummer ser ut som '3.1', fick {got}",
        "an id is lowercase letters, digits and single hyphens (like 'ny-i-c'), got {got}": "ett id är gemena bokstäver, siffror och enkla bindestreck (som 'ny-i-c'), fick {got}",
        "got {got}": "fick {got}",
        "nothing (an empty value)": "inget (ett tomt värde)",
        "the date {date}": "datumet {date}",
        "text '{text}'": "texten '{text}'",
        "; did you mean '{name}'?": "; menade du '{name}'?",
        "; expected one of: {options}": "; väntade en av: {options}",
    }
)

SV.update(
    {
        # the plan's rules
        "'{item}' is used more than once; give each its own": "'{item}' används mer än en gång; ge var och en sitt eget",
        "id '{id}' is also an overarching goal's id; rename one": "id '{id}' är också ett övergripande måls id; byt namn på ett av dem",
        "id '{id}' is also a branch's id; rename one": "id '{id}' är också en avdelnings id; byt namn på ett av dem",
        "no section '{id}' in sections; use one of: {ids}": "inget avsnitt '{id}' i sections; använd ett av: {ids}",
        "no overarching goal '{id}'; use one of: {ids}": "inget övergripande mål '{id}'; använd ett av: {ids}",
        "'{item}' is listed twice": "'{item}' står två gånger",
        "checkpoints go with per: year; per: {per} is judged per {per} already": "checkpoints hör till per: year; per: {per} bedöms redan per {per}",
        "{date} is outside the plan year {year}; a deadline lies between {first} and {last}": "{date} ligger utanför planens år {year}; en deadline ligger mellan {first} och {last}",
        "{date} must lie between {start} and the deadline {deadline}": "{date} måste ligga mellan {start} och deadline {deadline}",
        "{date} must lie in {before} or {year}": "{date} måste ligga under {before} eller {year}",
        "{date} must lie in the year before the plan ({before}) or on {first}: growth is measured from there": "{date} måste ligga året före planen ({before}) eller på {first}: ökningen mäts därifrån",
        "{date} is outside the plan year {year}": "{date} ligger utanför planens år {year}",
        "checkpoints must be in date order, one per date": "checkpoints ska stå i datumordning, en per datum",
        "{value} is more than the goal's {target} for the year": "{value} är mer än målets {target} för året",
        "not-set needs a target_note saying why and who will set it": "not-set behöver en target_note som säger varför och vem som sätter målet",
        "not yet set ({note})": "ännu inte satt ({note})",
        "above": "över",
        "below": "under",
        "{target} is not {side} the baseline {baseline} (direction: {direction})": "{target} ligger inte {side} utgångsläget {baseline} (direction: {direction})",
        "no branch or sibling group '{id}'; use one of: {ids}": "ingen avdelning eller syskongrupp '{id}'; använd en av: {ids}",
        "'{id}' has two rows; keep one": "'{id}' har två rader; behåll en",
        "the district cannot set a sibling organisation's target: use rule: hold": "distriktet kan inte sätta en syskonorganisations mål: använd rule: hold",
        "rule hold keeps the baseline {baseline}": "regeln hold behåller utgångsläget {baseline}",
        "{baseline} + {percent} % = {exact}, which rounds (halves up) to {expected}": "{baseline} + {percent} % = {exact}, vilket avrundas (halvor uppåt) till {expected}",
        "{target} does not follow the rule: {why}; write {expected} or change the rule": "{target} följer inte regeln: {why}; skriv {expected} eller ändra regeln",
        "'{id}' has no row; add its baseline and target": "'{id}' saknar rad; lägg till utgångsläge och mål",
        "{stated} is not the sum of the rows, {sum}; write {sum}": "{stated} är inte summan av raderna, {sum}; skriv {sum}",
        "{stated} is not the sum of the rule's targets, {sum}; write {sum}": "{stated} är inte summan av regelns mål, {sum}; skriv {sum}",
        "the campaign {start} – {end} must lie in {year}, start before it ends, and end by election day {day}": "valrörelsen {start} – {end} måste ligga under {year}, börja innan den slutar och sluta senast på valdagen {day}",
        "counts within the campaign, but the plan sets no election.campaign": "räknar inom valrörelsen, men planen anger ingen election.campaign",
        "the plan names its source: add seed_line, the line of the source this goal's words are from": "planen anger sin källa: lägg till seed_line, raden i källan där målets ord står",
    }
)

SV.update(
    {
        # the facts' rules
        "{date} is outside the plan year {year}; facts are dated in it": "{date} ligger utanför planens år {year}; uppgifter dateras inom det",
        "{year} is not the plan's year, {plan_year}": "{year} är inte planens år, {plan_year}",
        "a count for this date is already recorded; keep one": "ett medlemstal för detta datum finns redan; behåll ett",
        "{name} is held at its baseline by the plan; counts are recorded per branch only": "{name} hålls på sin nivå enligt planen; medlemstal registreras bara per avdelning",
        "no branch '{id}' in the plan": "ingen avdelning '{id}' i planen",
        "no goal '{id}' in the plan": "inget mål '{id}' i planen",
        "'{id}' is not a milestone (it is {kind}); only milestones are marked done: record activities, readings or check-ins instead": "'{id}' är ingen milstolpe (typen är {kind}); bara milstolpar markeras klara: registrera aktiviteter, mätningar eller avstämningar i stället",
        "is already marked done; keep one": "är redan markerat klart; behåll en",
        "name either a goal or a channel": "ange antingen ett mål eller en kanal",
        "no metric goal '{id}'; metric goals: {ids}": "inget mått-mål '{id}'; mått-målen är: {ids}",
        "no channel '{id}'": "ingen kanal '{id}'",
    }
)

SV.update(
    {
        # reading files
        "it is {size}, more than the limit of {limit} ({var}); is this the right file?": "den är {size}, mer än gränsen {limit} ({var}); är det rätt fil?",
        "no such file; check the path": "filen finns inte; kontrollera sökvägen",
        "it is a folder; name a .yaml file in it": "det är en mapp; ange en .yaml-fil i den",
        "permission denied": "åtkomst nekad",
        "a FIFO (named pipe)": "en FIFO (namngiven pipe)",
        "a device": "en enhet",
        "a socket": "en socket",
        "not a regular file": "inte en vanlig fil",
        "it is {kind}, not a file; name a file saved on disk": "det är {kind}, inte en fil; ange en fil som är sparad på disk",
        "it holds more than the limit of {limit} ({var}); is this the right file?": "den innehåller mer än gränsen {limit} ({var}); är det rätt fil?",
        "a symbolic link that leads back to itself; point it at a file": "en symbolisk länk som leder tillbaka till sig själv; låt den peka på en fil",
        "a part of the path is a file, not a folder; check the path": "en del av sökvägen är en fil, inte en mapp; kontrollera sökvägen",
        "the name is too long; check the path": "namnet är för långt; kontrollera sökvägen",
        "the file is empty; ": "filen är tom; ",
        "a plan starts with 'version: 1' and 'year:' (see plans/2025.yaml)": "en plan börjar med 'version: 1' och 'year:' (se plans/2025.yaml)",
        "a progress file starts with 'version: 1' and 'year:'": "en progress-fil börjar med 'version: 1' och 'year:'",
        "a {what} is a mapping of keys (version, year, ...), not a list or a single value": "en {what} är en mappning av nycklar (version, year, ...), inte en lista eller ett enskilt värde",
        "plan": "plan",
        "progress file": "progress-fil",
        "not valid UTF-8 (byte 0x{byte}); save the file as UTF-8 (it looks like Latin-1 or Windows-1252)": "inte giltig UTF-8 (byte 0x{byte}); spara filen som UTF-8 (den ser ut att vara Latin-1 eller Windows-1252)",
        "line {number} is {length} characters long, more than the limit of {limit} ({var}); is this the right file?": "rad {number} är {length} tecken lång, mer än gränsen {limit} ({var}); är det rätt fil?",
        "nested more than {limit} levels deep ({var}); a plan needs only a few levels": "nästlad djupare än {limit} nivåer ({var}); en plan behöver bara några få nivåer",
        "a second YAML document starts here ('---'); a file holds one: remove it": "ett andra YAML-dokument börjar här ('---'); en fil rymmer ett: ta bort det",
        "alias *{name} names no anchor (&{name}) before it; define it first": "aliaset *{name} pekar inte på något ankare (&{name}) före det; definiera det först",
        "YAML syntax error: {what}; fix the indentation or quoting there": "YAML-syntaxfel: {what}; rätta indraget eller citattecknen där",
        "character U+{code} is not allowed in YAML; remove it": "tecknet U+{code} är inte tillåtet i YAML; ta bort det",
        "duplicate key '{key}' (first at line {first}); keep only one": "dubblerad nyckel '{key}' (först på rad {first}); behåll bara en",
        "the document holds more than {limit} values ({var}); refusing to read it": "dokumentet innehåller mer än {limit} värden ({var}); läser det inte",
        "an alias refers to the node that contains it; replace the alias with the values": "ett alias pekar på noden som innehåller det; ersätt aliaset med värdena",
        "aliases expand to more than {limit} values ({var}), an alias bomb; refusing to read it": "alias expanderar till mer än {limit} värden ({var}), en aliasbomb; läser det inte",
        "merge keys (<<) are not supported; write the keys out": "sammanslagningsnycklar (<<) stöds inte; skriv ut nycklarna",
        "number with {n} digits is too large": "ett tal med {n} siffror är för stort",
        "'{value}' is not a real date; write a date that exists as YYYY-MM-DD": "'{value}' är inget riktigt datum; skriv ett datum som finns, som ÅÅÅÅ-MM-DD",
        "YAML tag '{tag}' is not allowed: a plan holds only plain text, numbers, dates, lists and mappings; remove the tag": "YAML-taggen '{tag}' är inte tillåten: en plan innehåller bara text, tal, datum, listor och mappningar; ta bort taggen",
        "a key must be plain text, not a list or mapping": "en nyckel måste vara text, inte en lista eller mappning",
        "{path}: cannot read: {reason}": "{path}: kan inte läsas: {reason}",
        "warning: ": "varning: ",
        "note: ": "notering: ",
        "wrote {file}": "skrev {file}",
        "not recorded: today, {date}, is outside the plan year {year}; give the date it happened with --date YYYY-MM-DD": "inte registrerat: i dag, {date}, ligger utanför planens år {year}; ange när det hände med --date ÅÅÅÅ-MM-DD",
        "{plan} now points editors at it (first line)": "{plan} pekar nu redigerare dit (första raden)",
        "the same activity as number {n} in the list (date, kind and title): recorded twice? Remove one, or tell them apart in the title": "samma aktivitet som nummer {n} i listan (datum, typ och titel): registrerad två gånger? Ta bort den ena, eller skilj dem åt i titeln",
    }
)

SV.update(
    {
        # the command line
        "{option} must be one of {options}, not '{value}'": "{option} ska vara en av {options}, inte '{value}'",
        "name the plans either as arguments or with --plan, not both": "ange planerna antingen som argument eller med --plan, inte båda",
        "--facts goes with one plan": "--facts hör till en plan",
        "--lang must be sv or en, not '{value}'": "--lang ska vara sv eller en, inte '{value}'",
        "{option} takes a date as YYYY-MM-DD, not '{value}'": "{option} tar ett datum som ÅÅÅÅ-MM-DD, inte '{value}'",
        "{file} is not valid; fix the lines above (stc check lists them)": "{file} är inte giltig; rätta raderna ovan (stc check listar dem)",
        "interrupted": "avbrutet",
        "standard output is closed; nothing can be shown": "standard ut är stängd; inget kan visas",
        "cannot write the output: {reason}": "kan inte skriva utdata: {reason}",
        "internal error: {error}; rerun with --debug and report it": "internt fel: {error}; kör igen med --debug och rapportera det",
        "give at most two versions: stc diff [OLD] [NEW]": "ange högst två versioner: stc diff [GAMMAL] [NY]",
        "'{value}' is neither a file nor a revision": "'{value}' är varken en fil eller en revision",
        "recorded member counts of {date} in {file}: {counts}": "registrerade medlemstal för {date} i {file}: {counts}",
        "no plan for {year}: {path} does not exist": "ingen plan för {year}: {path} finns inte",
        "the export has no rows for {names}; no count was recorded for them": "exporten har inga rader för {names}; inget medlemstal registrerades för dem",
        "not recorded: ": "inte registrerat: ",
        "'{value}' is not a year; write it as 2026": "'{value}' är inget år; skriv det som 2026",
        "wrote {file}: a draft for {year}; review it before it is adopted": "skrev {file}: ett utkast för {year}; gå igenom det innan det antas",
        "stc new drafts the year after the plan's: {next}, not {value}": "stc new gör utkast för året efter planens: {next}, inte {value}",
        "{file} exists; nothing was written (use --force to overwrite it)": "{file} finns redan; inget skrevs (använd --force för att skriva över den)",
        "no member count recorded for {units}: their old baseline was kept": "inga medlemstal registrerade för {units}: deras gamla utgångsläge står kvar",
        "the draft did not pass stc check, so nothing was written: ": "utkastet klarade inte stc check, så inget skrevs: ",
        "member counts of {date}": "medlemstal för {date}",
        "activity '{title}' of {date}": "aktiviteten '{title}' den {date}",
        "'{goal}' done on {date}": "'{goal}' klart den {date}",
        "check-in on '{goal}' of {date}": "avstämning av '{goal}' den {date}",
        "reading of '{target}' on {date}": "mätning av '{target}' den {date}",
        " (new file)": " (ny fil)",
        "give --branch or --all-branches, not both": "ange --branch eller --all-branches, inte båda",
        "'{value}' is not a number": "'{value}' är inget tal",
        "'{value}' is not a number; write it as 741 or 3.5": "'{value}' är inget tal; skriv det som 741 eller 3,5",
        "'{value}' has more than {n} digits ({var})": "'{value}' har fler än {n} siffror ({var})",
        "recorded {what} in {file}": "registrerade {what} i {file}",
        "'{value}' is not BRANCH=COUNT": "'{value}' är inte AVDELNING=ANTAL",
        "'{value}' is given twice": "'{value}' anges två gånger",
        "'{value}': the count must be a whole number": "'{value}': antalet måste vara ett heltal",
        "wrote {file}": "skrev {file}",
        "{file} is a folder; name a file to write": "{file} är en mapp; ange en fil att skriva",
        "name plans as arguments or with --plan/--facts, not both": "ange planer som argument eller med --plan/--facts, inte båda",
        # periods
        "name one period: --quarter 2025-Q2, --term VT2025 or --year 2025": "ange en period: --quarter 2025-Q2, --term VT2025 eller --year 2025",
        "{period} is outside the plan year {year}": "{period} ligger utanför planens år {year}",
        "'{value}' is not a quarter; write it as {year}-Q1 to Q4": "'{value}' är inget kvartal; skriv det som {year}-Q1 till Q4",
        "'{value}' is not a term; write it as VT{year} or HT{year}": "'{value}' är ingen termin; skriv den som VT{year} eller HT{year}",
        "'{value}' is not a year; write it as {year}": "'{value}' är inget år; skriv det som {year}",
        # finding files, git
        "using {plan}, the newest of {n} plans in plans/; choose another with --plan FILE": "använder {plan}, den nyaste av {n} planer i plans/; välj en annan med --plan FIL",
        "no plan named and no plans/*.yaml in {cwd}; name one with --plan FILE or set STC_PLAN": "ingen plan angiven och ingen plans/*.yaml i {cwd}; ange en med --plan FIL eller sätt STC_PLAN",
        "{folder} is not in a git repository; compare two files instead: stc diff OLD.yaml NEW.yaml": "{folder} ligger inte i ett git-repo; jämför två filer i stället: stc diff GAMMAL.yaml NY.yaml",
        "'{rev}' is not a revision in this repository (try HEAD~1, main or a commit id)": "'{rev}' är ingen revision i detta repo (prova HEAD~1, main eller ett commit-id)",
        "{path} does not exist at {rev}": "{path} finns inte i {rev}",
        "git is not installed; compare two files instead: stc diff OLD.yaml NEW.yaml": "git är inte installerat; jämför två filer i stället: stc diff GAMMAL.yaml NY.yaml",
        "{path} is outside the repository at {folder}": "{path} ligger utanför repot i {folder}",
        "{var} must be a positive whole number, not '{value}'": "{var} måste vara ett positivt heltal, inte '{value}'",
        # the member register
        "{file}: the file is empty; export the member register as CSV": "{file}: filen är tom; exportera medlemsregistret som CSV",
        "{file}: no column names the constituency or branch (its header should be one of: {headers}); the file has {n} columns": "{file}: ingen kolumn anger valkrets eller avdelning (rubriken ska vara en av: {headers}); filen har {n} kolumner",
        "{file}: {errors}; fix the export (branches: {branches})": "{file}: {errors}; rätta exporten (avdelningar: {branches})",
        "{file}: no member rows; export the member register as CSV": "{file}: inga medlemsrader; exportera medlemsregistret som CSV",
        "is empty": "är tom",
        "names no branch of the plan": "anger ingen av planens avdelningar",
        "row {n}: column {column} {what}": "rad {n}: kolumnen {column} {what}",
        "{n} (the branch column)": "{n} (avdelningskolumnen)",
        "{file}: not UTF-8 (byte 0x{byte} on row {row}); it looks like a {what} export: save it as UTF-8, or pass --encoding {encoding}": "{file}: inte UTF-8 (byte 0x{byte} på rad {row}); det ser ut som en {what}-export: spara den som UTF-8 eller ange --encoding {encoding}",
        "Windows-1252": "Windows-1252",
        "DOS (code page 850)": "DOS (teckentabell 850)",
        "semicolon": "semikolon",
        "comma": "kommatecken",
        "tab": "tabb",
        "{file}: not a CSV or .xlsx export (it holds binary data); export the member register as CSV or .xlsx": "{file}: ingen CSV- eller .xlsx-export (filen innehåller binärdata); exportera medlemsregistret som CSV eller .xlsx",
        "{file}: row {row} holds data, not column names; export the register with its header row (the branch column named one of: {headers})": "{file}: rad {row} innehåller data, inte kolumnnamn; exportera registret med rubrikraden (avdelningskolumnen med något av namnen: {headers})",
        "{file}: row {row} has a carriage return (CR) that ends no line; open the export in a spreadsheet and save it as CSV again": "{file}: rad {row} har en vagnretur (CR) som inte avslutar någon rad; öppna exporten i ett kalkylprogram och spara den som CSV igen",
        "{file}: an old Excel file (.xls) or a password-protected one; save it as .xlsx or CSV without a password": "{file}: en gammal Excel-fil (.xls) eller en lösenordsskyddad fil; spara den som .xlsx eller CSV utan lösenord",
        "{file}: UTF-16 without a byte-order mark; save it as UTF-8, or pass --encoding {encoding}": "{file}: UTF-16 utan byteordningsmärke; spara den som UTF-8 eller ange --encoding {encoding}",
        "{file}: a ZIP archive, not an .xlsx export; export the member register as CSV or .xlsx": "{file}: ett ZIP-arkiv, ingen .xlsx-export; exportera medlemsregistret som CSV eller .xlsx",
        "{file}: unpacks to more than {n} bytes ({var}); is this the member register?": "{file}: packas upp till mer än {n} byte ({var}); är det medlemsregistret?",
        "{file}: row {row} has a cell longer than {n} characters ({var}); is this the member register?": "{file}: rad {row} har en cell längre än {n} tecken ({var}); är det medlemsregistret?",
        "{file}: row {row} has {n} cells where the header has {width}; look on that row for a stray quote or a {delimiter} in a cell without quotes": "{file}: rad {row} har {n} celler där rubrikraden har {width}; leta på den raden efter ett lösryckt citattecken eller ett {delimiter} i en cell utan citattecken",
        '{file}: row {row} has a quote (") that is not closed on that row, or text right after a closing one; fix that row in the export': '{file}: rad {row} har ett citattecken (") som inte stängs på den raden, eller text direkt efter ett avslutande; rätta den raden i exporten',
        "{file}: the .xlsx file cannot be read; save it again from Excel": "{file}: .xlsx-filen kan inte läsas; spara den igen från Excel",
        "and {n} more rows": "och {n} rader till",
        "unknown encoding '{encoding}'; try utf-8 or cp1252": "okänd teckenkodning '{encoding}'; prova utf-8 eller cp1252",
        "{file}: row {row} is not {encoding}": "{file}: rad {row} är inte {encoding}",
        # checking files
        "does not exist": "finns inte",
        "is not valid (check it first)": "är inte giltig (kontrollera den först)",
        "its plan {plan} {why}; a progress file is checked against the plan beside it": "dess plan {plan} {why}; en progress-fil kontrolleras mot planen bredvid den",
        "no .yaml files in this folder": "inga .yaml-filer i denna mapp",
        # writing
        "the disk is full": "disken är full",
        "{path} changed on disk while stc was writing it; nothing was written: run the command again": "{path} ändrades på disken medan stc skrev; inget skrevs: kör kommandot igen",
        "{folder}: cannot open the folder: {reason}": "{folder}: kan inte öppna mappen: {reason}",
        "{path} is read-only; nothing was written (make it writable if it should change)": "{path} är skrivskyddad; inget skrevs (gör den skrivbar om den ska ändras)",
        "{path}: cannot write: {reason}; the file is unchanged": "{path}: kan inte skriva: {reason}; filen är oförändrad",
        "{folder} is still locked by {holder} after {n} seconds; nothing was written: run the command again when it is done ({var})": "{folder} är fortfarande låst av {holder} efter {n} sekunder; inget skrevs: kör kommandot igen när den är klar ({var})",
        "waiting for {holder}, which is writing in {folder} (at most {n} seconds)": "väntar på {holder}, som skriver i {folder} (högst {n} sekunder)",
        "process {pid} ({name})": "process {pid} ({name})",
        "another program": "ett annat program",
        "{file} is not a regular file (a device, a FIFO or a terminal); nothing was written: name a file, or - for standard output": "{file} är inte en vanlig fil (en enhet, en FIFO eller en terminal); inget skrevs: ange en fil, eller - för standard ut",
        "{unit} is already recorded as {n} on {date}; correct it in the file": "{unit} är redan registrerad med {n} den {date}; rätta det i filen",
        "{date} is in the future; record what has happened, with its date": "{date} ligger i framtiden; registrera det som har hänt, med sitt datum",
        "{path} has errors already; fix them first (stc check lists them)": "{path} har redan fel; rätta dem först (stc check listar dem)",
    }
)
