"""Without libyaml: PyYAML's pure-Python parser reads every file as libyaml does.

stc parses with libyaml (PyYAML's C parser) where PyYAML was built with it, and falls back
to the pure-Python parser otherwise. Either way the data, the positions and every limit of
the hostile-input rules must be the same.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from stc_plan.inputs.plan import check_plan_bytes, load_plan
from stc_plan.inputs.progress import check_progress_bytes
from stc_plan.inputs.read import Checked
from stc_plan.parse import yamlpos
from tests.conftest import EXAMPLE, ROOT, SHIPPED_PLAN

FILES = sorted(
    [
        SHIPPED_PLAN,
        EXAMPLE,
        *(ROOT / "tests" / "plans" / "valid").glob("*.yaml"),
        *(ROOT / "tests" / "plans" / "invalid").glob("*.yaml"),
        *(ROOT / "tests" / "hostile").glob("*.yaml"),
    ]
)
PLAN = load_plan(SHIPPED_PLAN)

needs_libyaml = pytest.mark.skipif(
    not yaml.__with_libyaml__, reason="PyYAML was built without libyaml: nothing to compare"
)


def read_with(loader: type, path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Checked[Any]]:
    """What stc makes of a file, as a plan and as facts, with the given parser."""
    monkeypatch.setattr(yamlpos, "_Loader", loader)  # raises if stc no longer has it
    raw = path.read_bytes()
    return [check_plan_bytes(raw, path.name), check_progress_bytes(raw, path.name, PLAN)]


@needs_libyaml
@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_same_result_with_either_parser(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Same values, same problems at the same line and column, from either parser."""
    fast = read_with(yaml.CSafeLoader, path, monkeypatch)
    pure = read_with(yaml.SafeLoader, path, monkeypatch)
    for f, p in zip(fast, pure, strict=True):
        if any(e.message.startswith("YAML syntax error") for e in f.errors):
            # A syntax error is worded, and sometimes placed, by each parser in its own way
            # (libyaml: a tab at 2:1 "violates indentation"; PyYAML: the tab at 1:9 "cannot
            # start any token"). Both must refuse the file with one such error.
            assert p.value is None and len(p.problems) == 1
            assert p.problems[0].message.startswith("YAML syntax error")
        else:
            assert (p.value, p.problems) == (f.value, f.problems)


def test_fallback_is_used_when_libyaml_is_missing() -> None:
    """With PyYAML's C extension unimportable, stc still reads, checks and refuses."""
    script = (
        "import sys\n"
        "sys.modules['yaml._yaml'] = None\n"  # as if PyYAML had been built without libyaml
        "import yaml\n"
        "assert not yaml.__with_libyaml__\n"
        "from stc_plan.parse import yamlpos\n"
        "assert yamlpos._Loader is yaml.SafeLoader, yamlpos._Loader\n"
        "from stc_plan.cli import main\n"
        "sys.argv = ['stc', *sys.argv[1:]]\n"
        "main()\n"
    )

    def stc(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", script, *args],
            cwd=ROOT,
            # Past the line limit, so the 60,000-character flow nesting meets the parser.
            env={**os.environ, "STC_MAX_LINE": "1000000"},
            capture_output=True,
            text=True,
            timeout=120,
        )

    ok = stc("check", "--facts", str(EXAMPLE), str(SHIPPED_PLAN))
    assert ok.returncode == 0, ok.stderr
    assert "Traceback" not in ok.stderr

    for name, says in (
        ("deep-block-nesting.yaml", "levels deep"),
        ("deep-flow-nesting.yaml", "levels deep"),
        ("billion-laughs.yaml", "alias"),
    ):
        refused = stc("check", str(ROOT / "tests" / "hostile" / name))
        assert refused.returncode == 1, refused.stderr
        lines = refused.stdout.strip().splitlines()  # stc check's findings are its output
        assert len(lines) == 1 and name in lines[0] and says in lines[0], refused.stdout
        assert "Traceback" not in refused.stderr
