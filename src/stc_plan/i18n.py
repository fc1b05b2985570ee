"""Every word stc shows, in Swedish and English, and numbers in each language's style.

The words are gettext catalogs, ``locale/{sv,en}/LC_MESSAGES/stc.po`` (compiled to ``.mo``,
read with the standard library's gettext, once, on first use). The language is chosen by the
CLI (``--lang``, else ``STC_LANG``, else the locale) and passed in: nothing here reads the
environment except ``language_from_env``, which the CLI calls.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from functools import cache
from gettext import GNUTranslations
from importlib.resources import files
from typing import Literal

from stc_plan.messages import Msg
from stc_plan.model.growth import round_half_up

Lang = Literal["sv", "en"]
LANGS: tuple[Lang, ...] = ("sv", "en")


def render(message: Msg | str, lang: Lang) -> str:
    """A message in ``lang``: its code's words with its values filled in (a value that is a
    message is rendered too, a sequence is listed). A plain string is passed through, for
    the diagnostics not yet moved to codes."""
    if isinstance(message, str):
        return message
    if message.code == "list.semi":  # "a; b; c"
        return "; ".join(str(_shown(v, lang)) for v in message.params["items"])
    if message.code == "list.or":  # "a, b or c"
        items = [str(_shown(v, lang)) for v in message.params["items"]]
        if len(items) < 2:
            return "".join(items)
        return t("list.or", lang, first=", ".join(items[:-1]), last=items[-1])
    values = {k: _shown(v, lang) for k, v in message.values}
    catalog = _catalog(lang)
    n = message.params.get("n")
    if isinstance(n, int) and (message.code, 0) in catalog._catalog:  # type: ignore[attr-defined]
        return catalog.ngettext(message.code, message.code + ".plural", n).format(**values)
    return catalog.gettext(message.code).format(**values)


def _shown(value: object, lang: Lang) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        return value  # a format spec in the words may shape it ({code:04X})
    if isinstance(value, Msg):
        return render(value, lang)
    if isinstance(value, tuple):
        return ", ".join(str(_shown(v, lang)) for v in value)
    if isinstance(value, Decimal):
        return number(value, lang, places=None)
    return str(value)


def t(key: str, lang: Lang, **values: object) -> str:
    """The catalog entry ``key`` in ``lang``, with ``values`` filled in."""
    return _catalog(lang).gettext(key).format(**values)


def tn(key: str, n: int, lang: Lang, **values: object) -> str:
    """The entry ``key`` for a count of ``n`` (its plural form where ``n`` calls for one)."""
    return _catalog(lang).ngettext(key, key + ".plural", n).format(n=n, **values)


def help_text(text: str, lang: Lang) -> str:
    """A command's or option's --help text (its English is its id, context "help")."""
    return _catalog(lang).pgettext("help", text)


def has(key: str, lang: Lang) -> bool:
    """Whether the catalog has an entry ``key``."""
    return _catalog(lang).gettext(key) != key


@cache
def _catalog(lang: Lang) -> GNUTranslations:
    """The compiled catalog of ``lang``, read once, on first use."""
    with (files("stc_plan") / "locale" / lang / "LC_MESSAGES" / "stc.mo").open("rb") as f:
        return GNUTranslations(f)


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
