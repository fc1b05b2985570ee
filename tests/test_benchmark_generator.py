"""The benchmark's synthetic plans are valid, so the benchmark measures real work (no
timing here: speed is measured by benchmarks/run.py, by hand)."""

from __future__ import annotations

import sys
from pathlib import Path

from stc_plan.validate.files import check_paths
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate


def test_generated_plan_and_facts_pass_check(tmp_path: Path) -> None:
    """At scale 2: the plan and its progress file pass stc check, with the stated sizes."""
    plan, facts = generate(2, tmp_path)
    results = check_paths([plan], strict=False)
    assert [(Path(r.name).name, r.valid) for r in results] == [
        ("2025.yaml", True),
        ("2025.progress.yaml", True),
    ]
    assert results[0].summary.startswith("100 goals")
    assert facts.read_text(encoding="utf-8").count("kind: ") >= 2000
