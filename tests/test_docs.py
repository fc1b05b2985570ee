"""The README and help texts stay true: the quick start, CI's command, every command's help."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stc_plan.cli import app
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block, "the quick start has a sh code block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_is_two_commands() -> None:
    """Exactly two commands: install and run `stc status`; install and run the tests."""
    first, second = quick_start()
    assert first.endswith("stc status") and "pip install" in first
    assert "'.[test]'" in second and "pytest" in second


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run runs the README's second command, verbatim, in a fresh virtual environment."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert quick_start()[1] in ci.splitlines()
    assert "rm -rf .venv" in ci


def commands() -> list[str]:
    names = [c.name or "" for c in app.registered_commands]
    for group in app.registered_groups:
        assert group.typer_instance is not None
        names.append(group.name or "")
        names += [f"{group.name} {c.name}" for c in group.typer_instance.registered_commands]
    return sorted(names)


@pytest.mark.parametrize("name", commands())
def test_every_command_has_help(invoke: Callable[..., Any], name: str) -> None:
    """`stc NAME --help` works, has a description, and the README mentions the command."""
    result = invoke(*name.split(), "--help")
    assert result.exit_code == 0
    assert f"Usage: stc {name}" in result.stdout
    assert len(result.stdout.splitlines()) > 4
    group, _, sub = name.partition(" ")
    assert f"`stc {group}" in README and (not sub or sub in README)


def test_version(invoke: Callable[..., Any]) -> None:
    """`stc --version` prints the package version."""
    from stc_plan import __version__

    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"stc {__version__}\n"


def test_architecture_names_every_module() -> None:
    """docs/ARCHITECTURE.md has a line for every module of the package."""
    arch = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    package = ROOT / "src" / "stc_plan"
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package).as_posix()
        if path.name == "__main__.py" or not path.read_text(encoding="utf-8").strip():
            continue
        if rel == "__init__.py":
            continue  # the package itself: the version
        assert f"`{rel}`" in arch, f"{rel} is not in docs/ARCHITECTURE.md"


def readme_examples() -> list[str]:
    section = README.split("## Examples", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block
    return [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]


@pytest.mark.parametrize("line", readme_examples())
def test_readme_examples_run(
    invoke: Callable[..., Any], line: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each command in the README's examples runs from the repository root and succeeds."""
    import shlex

    monkeypatch.chdir(ROOT)
    words = shlex.split(line)
    assert words[0] == "stc"
    result = invoke(*words[1:])
    assert result.exit_code == 0, result.stderr


def test_readme_broken_plan_example_is_true(
    invoke: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's example of a broken plan is exactly what `stc check` prints for it."""
    section = README.split("A broken plan is reported in full", 1)[1]
    expected = re.search(r"```text\n(.*?)```", section, re.DOTALL)
    assert expected
    (tmp_path / "plans").mkdir()
    plan = (ROOT / "plans" / "2025.yaml").read_text(encoding="utf-8")
    plan = plan.replace("at_least: 10", "at_lest: 10").replace("target: 129", "target: 130")
    (tmp_path / "plans" / "2025.yaml").write_text(plan, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("check")
    assert result.exit_code == 1
    assert result.stdout == expected.group(1)


def test_ci_workflows_are_valid_and_use_real_commands() -> None:
    """This repository's workflow and the district's copy-paste one load as YAML and run
    stc check with annotations and stc diff into the job summary."""
    import yaml

    own = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text("utf-8"))
    steps = [s.get("run", "") for s in own["jobs"]["test"]["steps"]]
    assert "bash .ci/run" in steps
    assert any("stc check --format github plans/" in s for s in steps)
    doc = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", doc, re.DOTALL)
    flows = [yaml.safe_load(b) for b in blocks[1:]]  # the check's, then the site's
    workflow = next(f for f in flows if "check" in f.get("jobs", {}))
    runs = [s.get("run", "") for s in workflow["jobs"]["check"]["steps"]]
    assert "stc check --format github plans/" in runs
    assert any(
        "stc diff" in r and "--format markdown" in r and "GITHUB_STEP_SUMMARY" in r for r in runs
    )
    precommit = yaml.safe_load(blocks[0])
    assert precommit["repos"][0]["hooks"] == [{"id": "stc-check"}]
