"""Arrows point one way: each package imports only packages below it in the order
docs/ARCHITECTURE.md gives, at module level and inside functions alike."""

from __future__ import annotations

import ast
import re

from tests.conftest import ROOT

PACKAGE = ROOT / "src" / "stc_plan"


def _order_line() -> str:
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    return next(x for x in text.splitlines() if x.startswith("`model`"))


def order() -> list[str]:
    """The layer order as docs/ARCHITECTURE.md writes it: `a` → `b` → ..."""
    return re.findall(r"`(\w+)`", _order_line())


def rank() -> dict[str, int]:
    line = _order_line()
    ranks = {}
    for level, group in enumerate(line.split("→")):
        for name in re.findall(r"`(\w+)`", group):
            ranks[name] = level  # names in one group (render, write) share a level
    return ranks


def layer_of(module: str) -> str:
    """stc_plan.inputs.read -> inputs; stc_plan.errors -> errors."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def imports() -> list[tuple[str, str, int]]:
    """(importing layer, imported layer, line) for every import of stc_plan in the package."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).with_suffix("")
        here = rel.parts[0]
        if here in ("__init__", "__main__"):
            continue  # the entry point: it starts the CLI
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module == "stc_plan":  # from stc_plan import errors, __version__
                    targets = [f"stc_plan.{a.name}" for a in node.names]
                elif node.module.startswith("stc_plan."):
                    targets = [node.module]
                else:
                    continue
                for target in targets:
                    found.append((f"{rel.as_posix()}", layer_of(target), node.lineno))
            elif isinstance(node, ast.Import):
                for a in node.names:
                    if a.name.startswith("stc_plan."):
                        found.append((f"{rel.as_posix()}", layer_of(a.name), node.lineno))
    return found


def test_every_package_has_a_place_in_the_order() -> None:
    ranks = rank()
    packages = {
        p.stem if p.is_file() else p.name
        for p in PACKAGE.iterdir()
        if p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists())
    }
    packages -= {"__init__", "__main__"}
    assert packages <= set(ranks), packages - set(ranks)


def test_no_import_points_up() -> None:
    ranks = rank()
    wrong = []
    for module, target, line in imports():
        here = module.split("/")[0]
        if target in ("__version__", ""):
            continue
        if target not in ranks:
            wrong.append(f"{module}:{line} imports {target}, which has no place in the order")
        elif here != target and ranks[target] >= ranks[here]:
            wrong.append(f"{module}:{line}: {here} imports {target}, which is not below it")
    assert wrong == []


def test_the_order_is_read_from_the_docs() -> None:
    """Guards the parser: the order names the packages the picture shows."""
    names = order()
    assert names[0] == "model" and names[-1] == "cli"
    assert {"parse", "inputs", "validate", "evaluate", "render", "write"} <= set(names)
