"""The forms workflow (`stc forms`' `.github/workflows/stc-from-issue.yml`) and the plan check
it asks for (`stc init`'s `.github/workflows/plan.yml`), run as written, without GitHub.

Each run is what a runner does: a fresh clone of a bare remote, the workflow's own `run:`
steps in bash (the `uses:` steps and pip left out), the event in a file, `$RUNNER_TEMP` and
`$GITHUB_OUTPUT` fresh. A stand-in `gh` records what it is asked, keeps whether a pull
request is open, and keeps each comment posted on the issue.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from stc_plan.i18n import t
from stc_plan.render.repo import PLAN_WORKFLOW
from tests.conftest import SHIPPED_PLAN
from tests.test_forms import event

Invoke = Callable[..., Any]
PR_URL = "https://github.example/district/plan/pull/7"
BOT = "41898282+github-actions[bot]@users.noreply.github.com"


def git(*args: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True, env=env
    )
    return done.stdout


@dataclass
class Run:
    """What one run of the workflow left: its outputs, the comment it posted, what it asked
    of gh."""

    outputs: dict[str, str]
    comment: str
    asked: list[str]


class GitHub:
    """A bare remote holding a district's plan, its forms and the plan workflow, and a
    stand-in gh; ``run`` runs the forms workflow for an event as a runner would."""

    def __init__(self, root: Path, invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root = root
        self.remote = root / "remote.git"
        self.state = root / "gh"
        self.state.mkdir()
        self.runs = 0
        git("init", "-q", "--bare", "-b", "main", str(self.remote), cwd=root)
        seed = self.clone("seed", None)  # of an empty remote
        (seed / "plans").mkdir()
        shutil.copy(SHIPPED_PLAN, seed / "plans" / "2025.yaml")
        monkeypatch.chdir(seed)
        assert invoke("forms").exit_code == 0
        (seed / ".github" / "workflows" / "plan.yml").write_text(PLAN_WORKFLOW, encoding="utf-8")
        git("add", "-A", cwd=seed)
        git("commit", "-qm", "plan and forms", cwd=seed)
        git("push", "-q", "origin", "main", cwd=seed)
        monkeypatch.chdir(root)
        self.bin = root / "bin"
        self.bin.mkdir()
        gh = self.bin / "gh"
        gh.write_text(
            "#!/bin/sh\n"
            'printf "%s\\n" "$*" >> "$GH_STATE/calls"\n'
            'case "$1 $2" in\n'
            '  "pr list")\n'
            # Someone pushing meanwhile: after the workflow looked at the branch, before
            # its push.
            '    if [ -f "$GH_STATE/meanwhile" ]; then sh "$GH_STATE/meanwhile" >&2; fi\n'
            '    rm -f "$GH_STATE/meanwhile"\n'
            '    if [ -f "$GH_STATE/open" ]; then cat "$GH_STATE/open"; fi ;;\n'
            f'  "pr create") echo "{PR_URL}" | tee "$GH_STATE/open" ;;\n'
            '  "issue comment") cp "$5" "$GH_STATE/comment.md" ;;\n'
            "esac\n",
            encoding="utf-8",
        )
        gh.chmod(0o755)
        (self.bin / "stc").symlink_to(Path(sys.executable).parent / "stc")
        self.env = {
            "PATH": f"{self.bin}:{os.environ['PATH']}",
            "HOME": str(root),
            "GH_STATE": str(self.state),
            "GH_TOKEN": "x",
            "GH_REPO": "district/plan",
            "GITHUB_REPOSITORY": "district/plan",
            "ISSUE": "42",
            "STC_TRUSTED": "",
            "RECORDED": "success",
            "PR": "success",
            "GIT_CONFIG_NOSYSTEM": "1",
        }

    def clone(self, name: str, branch: str | None = "main") -> Path:
        work = self.root / name
        chosen = ["-b", branch] if branch else []
        git("clone", "-q", *chosen, str(self.remote), str(work), cwd=self.root)
        git("config", "user.email", "granskare@example.org", cwd=work)
        git("config", "user.name", "Granskare", cwd=work)
        return work

    def steps(self, work: Path, job: dict[str, Any], env: dict[str, str]) -> None:
        for step in job["steps"]:
            if "run" not in step or step["run"].startswith("pip install"):
                continue
            given = {k: str(v) for k, v in step.get("env", {}).items() if "${{" not in str(v)}
            done = subprocess.run(
                ["bash", "-e", "-c", step["run"]],
                cwd=work,
                env={**env, **given},
                capture_output=True,
                text=True,
            )
            assert done.returncode == 0, (step.get("name"), done.stdout, done.stderr)

    def run(self, payload: dict[str, Any], *, meanwhile: str = "") -> Run:
        """The workflow for ``payload``: job record, then job check where record pushed.
        ``meanwhile``: a shell line run after the workflow has looked at the branch and
        before it pushes (when it asks gh for the open pull request)."""
        self.runs += 1
        work = self.clone(f"run-{self.runs}")
        if meanwhile:
            (self.state / "meanwhile").write_text(meanwhile + "\n", encoding="utf-8")
        temp = self.root / f"runner-{self.runs}"
        temp.mkdir()
        outputs = temp / "output"
        outputs.touch()
        event_file = temp / "event.json"
        event_file.write_text(json.dumps(payload), encoding="utf-8")
        (self.state / "calls").write_text("", encoding="utf-8")
        (self.state / "comment.md").unlink(missing_ok=True)
        env = {
            **self.env,
            "GITHUB_EVENT_PATH": str(event_file),
            "RUNNER_TEMP": str(temp),
            "GITHUB_OUTPUT": str(outputs),
        }
        flow = yaml.safe_load((work / ".github/workflows/stc-from-issue.yml").read_text())
        self.steps(work, flow["jobs"]["record"], env)
        said = dict(line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines())
        if said.get("pushed") == "true":  # the second job's `if`
            self.steps(temp, flow["jobs"]["start-plan-check"], env)
        asked = (self.state / "calls").read_text(encoding="utf-8").splitlines()
        return Run(said, (self.state / "comment.md").read_text(encoding="utf-8"), asked)

    def log(self, ref: str, fmt: str = "%s") -> list[str]:
        return git("log", f"--format={fmt}", ref, cwd=self.remote).splitlines()

    def show(self, ref: str, path: str) -> str:
        return git("show", f"{ref}:{path}", cwd=self.remote)

    def close_pr(self) -> None:
        (self.state / "open").unlink()


@pytest.fixture
def github(tmp_path: Path, invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> GitHub:
    return GitHub(tmp_path, invoke, monkeypatch)


def done_event(note: str, action: str = "opened") -> dict[str, Any]:
    answers = {"goal": "kandidatutbildning: x", "date": "2025-10-01", "note": note}
    return event("done", answers, action=action)


FACTS = "plans/2025.progress.yaml"


def test_a_form_becomes_a_pull_request_and_the_plan_check_is_asked_for(
    github: GitHub,
) -> None:
    """The fact lands on stc/issue-42 as one commit of the bot's, a pull request closing #42
    is opened, the reply holds the fact and its address, and the plan check is started on
    the branch with workflow_dispatch (GitHub starts nothing else for the bot's push)."""
    run = github.run(done_event("Sista träffen"))
    assert run.outputs == {"pushed": "true"}
    assert github.log("stc/issue-42") == ["Fact from issue #42", "plan and forms"]
    assert github.log("stc/issue-42", "%ae %ce")[0] == f"{BOT} {BOT}"
    assert "Sista träffen" in github.show("stc/issue-42", FACTS)
    assert run.asked == [
        'pr list --head stc/issue-42 --state open --json url --jq .[0].url // ""',
        "pr create --head stc/issue-42 --title Fact from issue #42 --body Closes #42",
        f"issue comment 42 --body-file {github.root}/runner-1/reply.md",
        "workflow run plan.yml --ref stc/issue-42",
    ]
    assert run.comment.startswith("Uppgiften är kontrollerad och lagd i plans/2025.progress.yaml")
    assert run.comment.rstrip().endswith(PR_URL)


def test_the_plan_check_asked_for_passes_and_shows_on_the_pull_request(github: GitHub) -> None:
    """plan.yml as stc init writes it takes workflow_dispatch; its steps, run on the bot's
    branch, pass and say what the change means; then its result is posted as a commit status
    on the branch's tip, which (unlike a dispatched run) a pull request lists."""
    github.run(done_event("Sista träffen"))
    flow = yaml.safe_load(PLAN_WORKFLOW)
    assert "workflow_dispatch" in flow[True]  # YAML 1.1 reads the key `on` as true
    work = github.clone("dispatched", "stc/issue-42")
    summary = github.root / "summary.md"
    env = {**github.env, "BASE": "main", "GITHUB_STEP_SUMMARY": str(summary)}
    github.steps(work, flow["jobs"]["check"], env)
    assert "kandidatutbildning" in summary.read_text(encoding="utf-8")
    tip = github.log("stc/issue-42", "%H")[0]
    (github.state / "calls").write_text("", encoding="utf-8")
    run = "https://github.example/district/plan/actions/runs/1"
    github.steps(
        work,
        flow["jobs"]["report"],
        {**github.env, "RESULT": "success", "GITHUB_SHA": tip, "RUN": run},
    )
    assert (github.state / "calls").read_text(encoding="utf-8").splitlines() == [
        f"api repos/district/plan/statuses/{tip} -f state=success -f context=check "
        f"-f target_url={run} -f description=stc check: success"
    ]


def test_an_edit_replaces_the_bots_own_commit(github: GitHub) -> None:
    """Editing the issue records the edited form: the bot's commit is replaced (still one
    commit on the branch), no second pull request, the check asked for again."""
    github.run(done_event("Sista träffen"))
    run = github.run(done_event("Sista träffen, med intyg", action="edited"))
    assert run.outputs == {"pushed": "true"}
    assert github.log("stc/issue-42") == ["Fact from issue #42", "plan and forms"]
    assert "Sista träffen, med intyg" in github.show("stc/issue-42", FACTS)
    assert not any(a.startswith("pr create") for a in run.asked)
    assert "workflow run plan.yml --ref stc/issue-42" in run.asked
    assert run.comment.rstrip().endswith(PR_URL)


def reviewer_commit(github: GitHub, name: str) -> str:
    """A reviewer's commit on stc/issue-42, pushed: a note added to the fact."""
    work = github.clone(name, "stc/issue-42")
    facts = work / FACTS
    facts.write_text(
        facts.read_text(encoding="utf-8").replace("Sista träffen", "Sista träffen (granskad)"),
        encoding="utf-8",
    )
    git("commit", "-qam", "Granskad", cwd=work)
    git("push", "-q", "origin", "stc/issue-42", cwd=work)
    return git("rev-parse", "HEAD", cwd=work).strip()


def test_a_reviewers_commit_is_never_dropped(github: GitHub) -> None:
    """A reviewer adds a commit to the pull request's branch; the issue is edited: the branch
    is left as it is, nothing is pushed or started, and the reply (in Swedish) says the pull
    request was changed by hand and what to do instead."""
    github.run(done_event("Sista träffen"))
    mine = reviewer_commit(github, "reviewer")
    run = github.run(done_event("Något helt annat", action="edited"))
    assert run.outputs == {"pushed": "false"}
    assert github.log("stc/issue-42", "%H")[0] == mine
    assert github.log("stc/issue-42") == ["Granskad", "Fact from issue #42", "plan and forms"]
    assert "Något helt annat" not in github.show("stc/issue-42", FACTS)
    assert run.comment == f"{t('reply.changed-by-hand', 'sv')}\n\n{PR_URL}\n"
    assert run.comment.startswith("Ändringen i ärendet är inte inlagd: pull requesten nedan")
    assert "Gör ändringen direkt i pull requesten" in run.comment
    assert not any(a.startswith(("pr create", "workflow run")) for a in run.asked)


def test_closing_the_pull_request_starts_over(github: GitHub) -> None:
    """What the reply advises: with the pull request closed, an edit replaces the branch
    (the reviewer gave it up) and opens a new pull request."""
    github.run(done_event("Sista träffen"))
    reviewer_commit(github, "reviewer")
    github.close_pr()
    run = github.run(done_event("Sista träffen, igen", action="edited"))
    assert run.outputs == {"pushed": "true"}
    assert github.log("stc/issue-42") == ["Fact from issue #42", "plan and forms"]
    assert "Sista träffen, igen" in github.show("stc/issue-42", FACTS)
    assert any(a.startswith("pr create") for a in run.asked)
    assert "workflow run plan.yml --ref stc/issue-42" in run.asked


def test_a_reviewers_push_meanwhile_is_not_overwritten(github: GitHub) -> None:
    """A reviewer pushes between the workflow's look at the branch and its push: the push
    is refused (--force-with-lease), the reviewer's commit stays, and the reply says so."""
    github.run(done_event("Sista träffen"))
    other = github.clone("reviewer", "stc/issue-42")
    (other / "plans" / "README.md").write_text("granskad\n", encoding="utf-8")
    git("add", "-A", cwd=other)
    git("commit", "-qm", "Granskad under tiden", cwd=other)
    mine = git("rev-parse", "HEAD", cwd=other).strip()
    run = github.run(
        done_event("Något annat", action="edited"),
        meanwhile=f"git -C '{other}' push -q origin stc/issue-42",
    )
    assert run.outputs == {"pushed": "false"}
    assert github.log("stc/issue-42", "%H")[0] == mine
    assert run.comment == f"{t('reply.changed-by-hand', 'sv')}\n\n{PR_URL}\n"
    assert not any(a.startswith("workflow run") for a in run.asked)


def test_each_job_asks_only_for_what_it_needs(invoke: Invoke, tmp_path: Path) -> None:
    """Nothing at the workflow's level; the recording job may write contents, pull requests
    and issues; the job that starts the plan check may only start workflows, and it starts
    the plan workflow stc init writes."""
    from stc_plan.render.forms import workflow

    flow = yaml.safe_load(workflow("sv"))
    assert flow["permissions"] == {}
    assert flow["jobs"]["record"]["permissions"] == {
        "contents": "write",
        "pull-requests": "write",
        "issues": "write",
    }
    start = flow["jobs"]["start-plan-check"]
    assert start["permissions"] == {"actions": "write"}
    assert "steps.pr.outputs.pushed" in flow["jobs"]["record"]["outputs"]["pushed"]
    assert start["if"] == "needs.record.outputs.pushed == 'true'"
    name = start["steps"][0]["env"]["PLAN_WORKFLOW"]
    args = ["--district", "D", "--year", "2026", "--branch", "Norr=1"]
    assert invoke("init", str(tmp_path / "p"), *args).exit_code == 0
    assert (tmp_path / "p" / ".github" / "workflows" / name).is_file()
    plan = yaml.safe_load((tmp_path / "p" / ".github" / "workflows" / name).read_text())
    assert "workflow_dispatch" in plan[True]
    assert plan["jobs"]["report"]["permissions"] == {"statuses": "write"}
