"""The pre-commit hook, run by the real pre-commit against a throwaway repository."""

from __future__ import annotations

import os
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


@pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is in the test extra")
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs stc as a git repository")
def test_try_repo_blocks_a_broken_plan_and_passes_a_good_one(tmp_path: Path) -> None:
    """`pre-commit try-repo` installs stc from this repository and runs the hook."""
    assert PRE_COMMIT is not None
    repo = tmp_path / "district"
    (repo / "plans").mkdir(parents=True)
    shutil.copy(SHIPPED_PLAN, repo / "plans" / "2025.yaml")
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
