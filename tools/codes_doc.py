"""Write docs/codes.md from the English catalog: every diagnostic code and its words.

python tools/codes_doc.py
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PREFIXES = (
    "yaml.",
    "file.",
    "limit.",
    "number.",
    "schema.",
    "text.",
    "plan.",
    "facts.",
    "inputs.",
    "git.",
    "register.",
    "write.",
    "record.",
    "period.",
    "cli.",
    "usage.",
)
FRAGMENTS = ("expect.", "value.", "hint.", "subject.", "word.", "severity.")

HEAD = """# Diagnostic codes

Every problem and error stc reports is data: a stable code, its values, a position and a
severity. `stc check --format json` gives each problem's `code` beside its `message`, so CI
tools can filter on codes; the words are chosen at the edge, in the user's language, from
the catalogs in `src/stc_plan/locale/`. Codes are stable: a change of words is a change of
the catalogs, never of a code.

Regenerate this page with `python tools/codes_doc.py` after adding a code.
"""


def rows(prefixes: tuple[str, ...]) -> list[str]:
    with (ROOT / "src/stc_plan/locale/en/LC_MESSAGES/stc.po").open("rb") as f:
        catalog = read_po(f)
    found = sorted(
        (m.id, m.string)
        for m in catalog
        if isinstance(m.id, str) and not m.context and m.id.startswith(prefixes)
    )
    bar = "\\|"
    return [f"| `{code}` | {text.replace('|', bar)} |" for code, text in found]


def page() -> str:
    return (
        HEAD
        + "\n## Problems and errors\n\n| code | English |\n|---|---|\n"
        + "\n".join(rows(PREFIXES))
        + "\n\n## Parts of messages\n\nWords that messages above are built from (what was "
        "expected, what was found, a hint, what a problem is about).\n\n"
        + "| code | English |\n|---|---|\n"
        + "\n".join(rows(FRAGMENTS))
        + "\n"
    )


if __name__ == "__main__":
    (ROOT / "docs" / "codes.md").write_text(page(), encoding="utf-8")
