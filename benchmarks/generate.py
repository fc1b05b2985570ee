"""Synthetic plans and facts the size of a whole national party, for the benchmark.

Scale 1 is one national party: about 3 branches, 50 goals, 1,000 activities and 120 member
counts (the volume of ten years of monthly counts, dated within the plan year because a
progress file holds one year). Scale 100: 300 branches, 5,000 goals, 100,000 activities.
Everything is generated and clearly fictional; the plan passes `stc check`.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

KINDS = [
    "member-activity",
    "ny-i-c",
    "recruitment-drive",
    "integrated-campaign",
    "training",
    "renewal-drive",
    "event-project",
    "workshop",
    "other",
]
LEVELS = ["municipal", "regional", "national"]


def generate(scale: int, folder: Path, *, year: int = 2025, seed: int = 1) -> tuple[Path, Path]:
    """Write ``folder/YEAR.yaml`` and its progress file at ``scale``; return both paths."""
    rng = random.Random(seed)
    branches = [f"avdelning-{i:04d}" for i in range(3 * scale)]
    sections = [f"{s}" for s in range(1, 10)] + [
        f"{s}.{t}" for s in range(1, 10) for t in range(1, 6)
    ]
    lines = [
        "# Synthetic benchmark plan (generated; not a real plan).",
        "version: 1",
        f"year: {year}",
        "organisation: Exempelpartiet (syntetiskt)",
        f"title: Verksamhetsplan {year}",
        "sections:",
    ]
    lines += [f'  - id: "{s}"\n    title: Avsnitt {s}' for s in sections]
    lines += ["overarching:"] + [
        f"  - id: overgripande-{i}\n    title: Övergripande mål {i}" for i in range(5)
    ]
    lines += ["branches:"] + [f"  - id: {b}\n    name: Avdelning {b[-4:]}" for b in branches]
    lines += ["siblings:", "  - id: syskon", "    name: Syskon"]
    rows, base_sum, target_sum = [], 0, 0
    for b in branches:
        base = rng.randint(40, 400)
        target = int((base * 11 + 5) // 10) if (base * 11) % 10 >= 5 else base * 11 // 10
        from decimal import ROUND_HALF_UP, Decimal

        target = int((Decimal(base) * Decimal("1.1")).quantize(Decimal(1), ROUND_HALF_UP))
        rows.append(f"    - unit: {b}\n      baseline: {base}\n      target: {target}")
        base_sum += base
        target_sum += target
    rows.append("    - unit: syskon\n      baseline: 100\n      target: 100\n      rule: hold")
    lines += [
        "membership:",
        "  serves: [overgripande-0]",
        f"  baseline_date: {year - 1}-12-31",
        "  growth_percent: 10",
        "  rows:",
        *rows,
        "  total:",
        f"    baseline: {base_sum + 100}",
        f"    target: {target_sum + 100}",
    ]
    lines.append("goals:")
    for i in range(50 * scale):
        section = rng.choice(sections)
        head = (
            f'  - id: mal-{i:05d}\n    section: "{section}"\n'
            f"    title: Syntetiskt mål nummer {i} i avsnitt {section}.\n"
            f"    serves: [overgripande-{i % 5}]"
        )
        kind = i % 4
        if kind == 0:
            per = rng.choice(["year", "term", "branch"])
            lines.append(
                f"{head}\n    kind: count\n    activity: {rng.choice(KINDS)}\n"
                f"    at_least: {rng.randint(1, 20)}\n    per: {per}"
            )
        elif kind == 1:
            deadline = date(year, 1, 1) + timedelta(days=rng.randrange(365))
            lines.append(f"{head}\n    kind: milestone\n    deadline: {deadline}")
        elif kind == 2:
            lines.append(
                f"{head}\n    kind: metric\n    unit: stycken\n    direction: up\n"
                f"    baseline: 0\n    target: {rng.randint(10, 1000)}"
            )
        else:
            lines.append(f"{head}\n    kind: ongoing")
    plan = folder / f"{year}.yaml"
    plan.write_text("\n".join(lines) + "\n", encoding="utf-8")

    facts = [
        "# Synthetic benchmark facts (generated; not real).",
        "version: 1",
        f"year: {year}",
        "members:",
    ]
    counts = {b: 100 for b in branches}
    for n in range(120):
        day = date(year, 1, 1) + timedelta(days=n * 3)
        facts.append(f"  - date: {day}\n    counts:")
        for b in branches:
            counts[b] += rng.randint(-1, 2)
            facts.append(f"      {b}: {counts[b]}")
    facts.append("activities:")
    for n in range(1000 * scale):
        day = date(year, 1, 1) + timedelta(days=rng.randrange(365))
        picked = rng.sample(branches, k=min(2, len(branches)))
        facts.append(
            f"  - date: {day}\n    kind: {rng.choice(KINDS)}\n"
            f"    title: Aktivitet {n}\n    branches: [{', '.join(picked)}]\n"
            f"    levels: [{rng.choice(LEVELS)}]"
        )
    facts.append("done:")
    for i in range(1, 50 * scale, 8):
        facts.append(f"  - goal: mal-{i:05d}\n    date: {year}-03-01")
    facts.append("readings:")
    for i in range(2, 50 * scale, 4):
        facts.append(
            f"  - goal: mal-{i:05d}\n    date: {year}-06-30\n    value: {rng.randint(0, 500)}"
        )
    facts.append("checkins:")
    for i in range(3, 50 * scale, 4):
        facts.append(
            f"  - goal: mal-{i:05d}\n    date: {year}-0{rng.randint(1, 9)}-15\n"
            f"    rating: {rng.choice(['on-track', 'at-risk', 'off-track'])}"
        )
    progress = folder / f"{year}.progress.yaml"
    progress.write_text("\n".join(facts) + "\n", encoding="utf-8")
    return plan, progress


if __name__ == "__main__":
    out = Path(sys.argv[2] if len(sys.argv) > 2 else ".")
    out.mkdir(parents=True, exist_ok=True)
    print(*generate(int(sys.argv[1]), out))
