"""Move diagnostics from English-text ids to codes (issue #13), one module at a time.

    python tools/to_codes.py [--call=say] MAPPING.json FILE...

MAPPING maps each English text given to say() to its code. In FILE, say("text", ...)
becomes Msg("code", ...); in both catalogs, the entry in the "diagnostic" context becomes
the code, its English the en msgstr, its Swedish kept. Run `pybabel compile` afterwards.
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

LOCALE = Path(__file__).resolve().parent.parent / "src" / "stc_plan" / "locale"


def rewrite(path: Path, codes: dict[str, str], call: str = "Msg") -> int:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line.encode("utf-8")))
    data = text.encode("utf-8")
    spans = []
    for node in ast.walk(ast.parse(text)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "say"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and node.args[0].value in codes
        ):
            start = offsets[node.func.lineno - 1] + node.func.col_offset
            arg = node.args[0]
            end = offsets[arg.end_lineno - 1] + arg.end_col_offset  # type: ignore[operator]
            spans.append((start, end, f'{call}("{codes[arg.value]}"'))
    for start, end, new in sorted(spans, reverse=True):
        data = data[:start] + new.encode("utf-8") + data[end:]
    path.write_text(data.decode("utf-8"), encoding="utf-8")
    return len(spans)


def move(codes: dict[str, str]) -> None:
    for lang in ("sv", "en"):
        po = LOCALE / lang / "LC_MESSAGES" / "stc.po"
        with po.open("rb") as f:
            cat = read_po(f)
        for english, code in codes.items():
            old = cat.get(english, context="diagnostic")
            if old is None:
                if cat.get(code) is None:
                    raise SystemExit(f"{lang}: no entry for {english!r}")
                continue
            cat.delete(english, context="diagnostic")
            if cat.get(code) is None:
                cat.add(code, english if lang == "en" else old.string, flags=old.flags)
        header = po.read_text(encoding="utf-8").split("\n\n", 1)[0]
        with po.open("wb") as f:
            write_po(f, cat, width=100, no_location=True, omit_header=True, sort_output=False)
        po.write_text(header + "\n\n" + po.read_text(encoding="utf-8"), encoding="utf-8")


def main() -> None:
    args = sys.argv[1:]
    call = "Msg"
    if args and args[0].startswith("--call="):  # at the edge: say("code", ...) stays a call
        call = args.pop(0).split("=", 1)[1]
    codes = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    for name in args[1:]:
        print(name, rewrite(Path(name), codes, call))
    move(codes)


if __name__ == "__main__":
    main()
