"""stc's benchmark: start-up, a peer, scale, hostile input and a large member register.

Run by hand (never in CI: these machines are shared and noisy), from the repository root
with stc installed:

    .venv/bin/python benchmarks/run.py            # the full run (a few minutes)
    .venv/bin/python benchmarks/run.py --quick    # fewer repetitions, no 100x

Every figure is a median of several runs after a warm-up, printed with its ratio to a
baseline measured in the same run, and each target is marked met or missed.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
BIN = Path(sys.executable).parent
STC = str(BIN / "stc")


# Measured as on a user's machine: Python may cache compiled modules (some sandboxes turn
# that off with PYTHONDONTWRITEBYTECODE, which would add compiling to every start).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


# What any tool on stc's stack imports before it can validate: the floor of the issue
# defines no model, and pydantic loads its machinery only when the first one is defined.
STACK_IMPORT = """import typer, yaml
from pydantic import BaseModel
class Plan(BaseModel):
    year: int
"""


def run_once(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time in seconds and peak memory in MB of one run of ``cmd``."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, _, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    return elapsed, usage.ru_maxrss // 1024


def measure(cmd: list[str], cwd: Path, runs: int) -> tuple[float, int]:
    """Median time and peak memory over ``runs`` runs after one warm-up."""
    run_once(cmd, cwd)
    results = [run_once(cmd, cwd) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def startup(runs: int) -> list[str]:
    facts = ["--plan", "plans/2025.yaml", "--facts", "examples/2025.progress.yaml"]
    floor, _ = measure(
        [sys.executable, "-c", "import typer, rich, pydantic, yaml, tabulate"], ROOT, runs
    )
    rows = [f"{'floor: import typer, rich, pydantic, yaml, tabulate':58} {floor:7.3f} s   1.00x"]
    out = []
    timed = {}
    for name, cmd, target in (
        ("stc --help", [STC, "--help"], 1.0),
        ("stc check", [STC, "check", *facts], 1.0),
        ("stc status", [STC, "status", *facts], 1.2),
    ):
        t, _ = measure(cmd, ROOT, runs)
        timed[name] = t
        label = name if name == "stc --help" else f"{name} (shipped plan and example facts)"
        ratio = t / floor
        rows.append(
            f"{label:58} {t:7.3f} s {ratio:6.2f}x  target < {target}x: {verdict(ratio < target)}"
        )
        out.append(f"{label}: {ratio:.2f}x the floor")
    # The floor's `import pydantic` is lazy: it loads little until a model is defined. These
    # references show what Typer + pydantic + PyYAML cost before any of stc's own work.
    rows.append("\nreferences (no target): what the stack costs before any of stc's own work")
    stack, _ = measure([sys.executable, "-c", STACK_IMPORT], ROOT, runs)
    reference, _ = measure(
        [sys.executable, str(ROOT / "benchmarks" / "reference_cli.py"), "check"], ROOT, runs
    )
    for label, t in (
        ("import typer, yaml; define one pydantic model", stack),
        ("one-option Typer command validating one model", reference),
    ):
        rows.append(f"{label:58} {t:7.3f} s {t / floor:6.2f}x")
    for name in ("stc check", "stc status"):
        rows.append(
            f"{name + ' over the one-option Typer command':58} "
            f"{timed[name] - reference:+7.3f} s {timed[name] / reference:6.2f}x"
        )
    print("\n== start-up ==")
    print("\n".join(rows))
    return out


def peer(runs: int) -> list[str]:
    jsonschema = shutil.which("check-jsonschema", path=str(BIN))
    print("\n== against a peer: the same plan file ==")
    if jsonschema is None:
        print("check-jsonschema is not installed (pip install -e '.[test]'); skipped")
        return []
    theirs, _ = measure(
        [jsonschema, "--schemafile", "schema/plan.schema.json", "plans/2025.yaml"], ROOT, runs
    )
    ours, _ = measure([STC, "check", "plans/2025.yaml"], ROOT, runs)
    print(f"{'check-jsonschema --schemafile schema/plan.schema.json':58} {theirs:7.3f} s   1.00x")
    print(
        f"{'stc check (schema, every rule, positions)':58} {ours:7.3f} s {ours / theirs:6.2f}x"
        f"  target < 1x: {verdict(ours < theirs)}"
    )
    return [f"stc check vs check-jsonschema: {ours / theirs:.2f}x"]


def scale(runs: int, scales: list[int]) -> list[str]:
    from generate import generate

    print("\n== scale: synthetic national parties (benchmarks/generate.py) ==")
    print(f"{'':26}" + "".join(f"{f'{s}x':>22}" for s in scales))
    times: dict[str, dict[int, float]] = {}
    mems: dict[str, dict[int, int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for s in scales:
            folder = Path(tmp) / f"s{s}"
            folder.mkdir()
            generate(s, folder)
            reps = runs if s < 100 else max(1, runs // 2)
            for name, cmd in (
                ("stc check", [STC, "check", "2025.yaml"]),
                ("stc status", [STC, "status", "--plan", "2025.yaml", "--as-of", "2025-09-30"]),
                ("stc report", [STC, "report", "--plan", "2025.yaml", "--quarter", "2025-Q3"]),
                (
                    "stc site",
                    [STC, "site", "--plan", "2025.yaml", "--as-of", "2025-09-30", "-o", "public"],
                ),
                (  # the heaviest day: every report of the year and the year's draft
                    "stc site, year end",
                    [STC, "site", "--plan", "2025.yaml", "--as-of", "2026-01-15", "-o", "end"],
                ),
            ):
                t, m = measure(cmd, folder, reps)
                times.setdefault(name, {})[s] = t
                mems.setdefault(name, {})[s] = m
    out = []
    for name in times:
        cells = "".join(f"{times[name][s]:9.2f} s {mems[name][s]:6d} MB " for s in scales)
        print(f"{name:26}{cells}")
    if 10 in scales and 100 in scales:
        print()
        for name in times:
            ratio = times[name][100] / times[name][10]
            print(
                f"{name}: 10x -> 100x costs {ratio:.1f}x the time (target <= 11x: "
                f"{verdict(ratio <= 11)}); peak {mems[name][100]} MB (target < 1024: "
                f"{verdict(mems[name][100] < 1024)})"
            )
            out.append(
                f"{name} at 100x: {times[name][100]:.1f} s, {mems[name][100]} MB, "
                f"{ratio:.1f}x the 10x time"
            )
        for name, limit in (("stc check", 3.0), ("stc status", 5.0), ("stc site", 10.0)):
            t = times[name][100]
            print(f"{name} at 100x: {t:.2f} s (target < {limit} s: {verdict(t < limit)})")
    return out


def hostile(runs: int) -> list[str]:
    print("\n== hostile input: refused quickly (target < 2 s, < 200 MB) ==")
    out = []
    for name in (
        "billion-laughs.yaml",
        "deep-flow-nesting.yaml",
        "deep-block-nesting.yaml",
        "huge-integer.yaml",
        "long-line.yaml",
    ):
        t, m = measure([STC, "check", f"tests/hostile/{name}"], ROOT, runs)
        print(f"{name:30} {t:6.3f} s {m:5d} MB  {verdict(t < 2 and m < 200)}")
        out.append(f"{name}: {t:.2f} s, {m} MB")
    return out


def register(runs: int) -> list[str]:
    """`stc members import` of an export at the size the default limits promise to fit:
    200,000 members with 20 columns, ;-separated with quoted cells (about 75 MB)."""
    print("\n== member register: 200,000 members x 20 columns (target < 10 s, < 1 GB) ==")
    branches = ["Bromma-Kungsholmen", "Norra innerstaden", "Södermalm-Enskede"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(ROOT / "plans" / "2025.yaml", folder / "2025.yaml")
        header = ["Namn", "E-post", "Personnummer", *(f"Fält{i}" for i in range(16)), "Valkrets"]
        with (folder / "export.csv").open("w", encoding="utf-8", newline="") as out:
            out.write(";".join(header) + "\r\n")
            for i in range(200_000):
                cells = [f"Person{i} Svensson", f"p{i}@example.se", f"19800101-{i % 10_000:04d}"]
                cells += [f'"Värde {j}; {i}"' for j in range(16)]
                out.write(";".join([*cells, branches[i % 3]]) + "\r\n")
        cmd = [STC, "members", "import", "export.csv", "--date", "2025-03-31"]
        cmd += ["--plan", "2025.yaml", "--facts", "facts.yaml"]

        def once() -> tuple[float, int]:
            (folder / "facts.yaml").unlink(missing_ok=True)
            return run_once(cmd, folder)

        once()
        results = [once() for _ in range(runs)]
    t, m = statistics.median(r[0] for r in results), max(r[1] for r in results)
    print(f"{'import':30} {t:6.3f} s {m:5d} MB  {verdict(t < 10 and m < 1024)}")
    return [f"register import: {t:.2f} s, {m} MB"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, no 100x")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    scales = [1, 10] if args.quick else [1, 10, 100]
    print(
        f"stc benchmark, {date.today()}, Python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} cores"
    )
    startup(runs)
    peer(runs)
    scale(max(2, runs // 2), scales)
    hostile(max(2, runs // 2))
    register(2)


if __name__ == "__main__":
    main()
