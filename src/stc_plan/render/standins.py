"""ASCII stand-ins for the few symbols stc prints, for outputs that cannot encode them.

A terminal or pipe in Latin-1 or plain ASCII (``PYTHONIOENCODING=latin-1``, a C locale)
cannot show an ellipsis, a dash, an arrow or the bars and sparklines. Each symbol has a
stand-in a reader still understands; any other character that does not fit becomes its
letter without accents (``ö`` in ASCII is ``o``), else ``?``.
"""

from __future__ import annotations

import codecs
import unicodedata

STANDINS = {
    "…": "...",
    "–": "-",
    "—": "-",
    "−": "-",
    "→": "->",
    "←": "<-",
    "·": "-",
    "•": "-",
    "─": "-",
    "═": "=",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "\u00a0": " ",
    "\u202f": " ",
    "░": ".",
    "▁": "_",
    "▂": ".",
    "▃": ":",
    "▄": "-",
    "▅": "=",
    "▆": "+",
    "▇": "*",
    "█": "#",
}

ERRORS = "stc-standins"  # the codec error handler's name


def is_unicode(encoding: str | None) -> bool:
    """Whether text in ``encoding`` can hold any character (UTF-8, -16, -32)."""
    if not encoding:
        return False
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def standin(char: str, encoding: str) -> str:
    """What to write for ``char`` where ``encoding`` cannot hold it."""
    for candidate in (
        STANDINS.get(char, ""),
        "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)),
    ):
        if candidate:
            try:
                candidate.encode(encoding)
            except UnicodeEncodeError:
                continue
            return candidate
    return "?"


def fit(text: str, encoding: str | None) -> str:
    """``text`` with every character ``encoding`` cannot hold replaced by its stand-in."""
    if encoding is None or is_unicode(encoding):
        return text
    try:
        text.encode(encoding)
        return text
    except UnicodeEncodeError:
        pass
    except LookupError:
        return text
    out = []
    for char in text:
        try:
            char.encode(encoding)
            out.append(char)
        except UnicodeEncodeError:
            out.append(standin(char, encoding))
    return "".join(out)


def _handler(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(standin(c, exc.encoding) for c in bad), exc.end


def register() -> None:
    """Make ``errors="stc-standins"`` usable on streams (idempotent)."""
    codecs.register_error(ERRORS, _handler)
