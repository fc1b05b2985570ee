"""The benchmark's inputs are real: synthetic plans are valid, references run (no timing
here: speed is measured by benchmarks/run.py, by hand)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from stc_plan.i18n import render
from stc_plan.inputs.files import check_paths
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate
from run import STACK_IMPORT


def test_generated_plan_and_facts_pass_check(tmp_path: Path) -> None:
    """At scale 2: the plan and its progress file pass stc check, with the stated sizes."""
    plan, facts = generate(2, tmp_path)
    results = check_paths([plan], strict=False)
    assert [(Path(r.name).name, r.valid) for r in results] == [
        ("2025.yaml", True),
        ("2025.progress.yaml", True),
    ]
    assert render(results[0].summary, "en").startswith("100 goals")
    assert facts.read_text(encoding="utf-8").count("kind: ") >= 2000


def test_start_up_references_run() -> None:
    """The references the start-up figures are read against do what they say they do."""
    stack = subprocess.run([sys.executable, "-c", STACK_IMPORT], capture_output=True, text=True)
    assert stack.returncode == 0, stack.stderr
    reference = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "reference_cli.py"),
            "check",
            "--plan",
            "a/b.yaml",
        ],
        capture_output=True,
        text=True,
    )
    assert (reference.returncode, reference.stdout) == (0, "b.yaml\n"), reference.stderr
