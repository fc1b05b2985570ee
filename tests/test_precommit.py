"""The pre-commit hook, run by the real pre-commit against a throwaway repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, SHIPPED_PLAN

PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent))


def test_hook_definition() -> None:
    """.pre-commit-hooks.yaml offers stc-check, running `stc check` on YAML files."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert (hook["id"], hook["entry"], hook["language"]) == ("stc-check", "stc check", "python")
    assert hook["pass_filenames"] is True
    files = re.compile(hook["files"])
    for path in ("plans/2025.yaml", "plans/2025.progress.yaml", "district/plans/2026.yml"):
        assert files.search(path), path
    for path in (".pre-commit-config.yaml", ".github/workflows/plan.yml", "other/config.yaml"):
        assert not files.search(path), path


def _ci_blocks() -> list[str]:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    return re.findall(r"```yaml\n(.*?)```", text, flags=re.S)


def test_the_rev_in_docs_ci_exists() -> None:
    """The `rev` docs/ci.md tells districts to use names something this repository has."""
    config = yaml.safe_load(_ci_blocks()[0])
    rev = config["repos"][0]["rev"]
    if not (ROOT / ".git").exists():
        pytest.skip("needs stc as a git repository")
    found = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    if found.returncode != 0:  # a clone may know main only as origin/main
        found = subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", f"origin/{rev}^{{commit}}"],
            cwd=ROOT,
            capture_output=True,
            check=False,
        )
    assert found.returncode == 0, f"docs/ci.md names rev {rev!r}, which this repository lacks"


@pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is in the test extra")
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs stc as a git repository")
def test_try_repo_blocks_a_broken_plan_and_passes_a_good_one(tmp_path: Path) -> None:
    """`pre-commit try-repo` installs stc from this repository and runs the hook."""
    assert PRE_COMMIT is not None
    repo = tmp_path / "district"
    (repo / "plans").mkdir(parents=True)
    shutil.copy(SHIPPED_PLAN, repo / "plans" / "2025.yaml")
    # The setup docs/ci.md prescribes: its pre-commit config and its workflow, which are YAML
    # but no plans, so the hook must leave them alone.
    pre_commit_config, workflow = _ci_blocks()[:2]  # the site's workflow follows
    (repo / ".pre-commit-config.yaml").write_text(pre_commit_config, encoding="utf-8")
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "plan.yml").write_text(workflow, encoding="utf-8")
    shutil.copy(ROOT / "examples" / "2025.progress.yaml", repo / "plans" / "2025.progress.yaml")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)

    def try_repo() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [PRE_COMMIT, "try-repo", str(ROOT), "stc-check", "--all-files"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )

    good = try_repo()
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
    plan = repo / "plans" / "2025.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("at_least: 10", "at_least: ten"), encoding="utf-8"
    )
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    bad = try_repo()
    assert bad.returncode == 1
    assert "Failed" in bad.stdout
    assert (
        "plans/2025.yaml:222:15: goal 'medlemsaktiviteter': at_least: expected a whole "
        "number, got text 'ten'"
    ) in bad.stdout
