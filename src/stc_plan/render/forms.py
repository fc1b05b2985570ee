"""GitHub issue forms, one per kind of fact, with every choice taken from the plan.

A branch chair fills one in on github.com; the repository's workflow turns the issue into
a fact with ``stc record from-issue`` (``inputs/issue.py`` reads the form back). Each form
carries the label ``stc`` and one naming its kind; its fields have fixed ids, and its
first line records a fingerprint of the plan's choices, so ``stc check`` can tell when the
forms are older than the plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, get_args

from stc_plan.i18n import Lang, t
from stc_plan.inputs.issue import FINGERPRINT, fingerprint, label
from stc_plan.model.facts import RATINGS
from stc_plan.model.plan import MetricGoal, MilestoneGoal, Plan
from stc_plan.model.vocab import ActivityKind, Level

LABEL = "stc"  # every form's issues carry it: the workflow acts on these only
KINDS = ("activity", "done", "checkin", "members", "reading")  # the form kinds, in order
CHOICE_LIMIT = 90  # a goal's title is cut to this in a choice; its id comes first


@dataclass(frozen=True)
class Form:
    """One issue form: its file name (in FOLDER) and its YAML text."""

    kind: str
    name: str
    text: str


def goal_choice(goal_id: str, title: str) -> str:
    """A goal as a dropdown choice: ``id: title`` (the id is read back, the title shown)."""
    shown = title if len(title) <= CHOICE_LIMIT else title[: CHOICE_LIMIT - 1].rstrip() + "…"
    return f"{goal_id}: {shown}"


def _field(
    kind: str, fid: str, label: str, *, required: bool = False, **attrs: Any
) -> dict[str, Any]:
    field: dict[str, Any] = {"type": kind, "id": fid, "attributes": {"label": label, **attrs}}
    if kind != "markdown":
        field["validations"] = {"required": required}
    return field


def _form(kind: str, plan: Plan, lang: Lang, body: list[dict[str, Any]]) -> dict[str, Any]:
    intro = _field("markdown", "intro", "", value=t(f"form.{kind}.intro", lang, plan=plan.title))
    del intro["id"], intro["attributes"]["label"]
    return {
        "name": t(f"form.{kind}.name", lang),
        "description": t(f"form.{kind}.description", lang),
        "title": t(f"form.{kind}.title", lang),
        "labels": [LABEL, f"{LABEL}-{kind}"],
        "body": [intro, *body],
    }


def forms(plan: Plan, lang: Lang) -> list[Form]:
    """The issue forms for ``plan`` in ``lang``, one per kind of fact."""
    branches = [b.name for b in plan.branches]
    levels = [t(f"level.{lv}", lang) for lv in get_args(Level)]
    kinds = [t(f"activity1.{k}", lang) for k in get_args(ActivityKind)]
    milestones = [goal_choice(g.id, g.title) for g in plan.goals if isinstance(g, MilestoneGoal)]
    every_goal = [goal_choice(g.id, g.title) for g in plan.goals]
    measured = [goal_choice(g.id, g.title) for g in plan.goals if isinstance(g, MetricGoal)]
    measured += [goal_choice(c.id, c.name) for c in plan.channels]

    def field(kind: str, ftype: str, fid: str, **attrs: Any) -> dict[str, Any]:
        return _field(ftype, fid, label(kind, fid, lang, plan), **attrs)

    def common(kind: str) -> tuple[dict[str, Any], dict[str, Any]]:
        date = field(
            kind,
            "input",
            "date",
            required=True,
            description=t("form.date-help", lang),
            placeholder="2025-03-14",
        )
        return date, field(kind, "textarea", "note", description=t("form.note-help", lang))

    made: dict[str, list[dict[str, Any]]] = {}
    date, note = common("activity")
    made["activity"] = [
        date,
        field("activity", "dropdown", "kind", required=True, options=kinds),
        field("activity", "input", "title", required=True),
        field(
            "activity",
            "dropdown",
            "branches",
            description=t("form.branches-help", lang),
            multiple=True,
            options=[t("form.all-branches", lang), *branches],
        ),
        field(
            "activity",
            "dropdown",
            "levels",
            description=t("form.levels-help", lang),
            multiple=True,
            options=levels,
        ),
        field("activity", "input", "participants"),
        note,
    ]
    date, note = common("done")
    made["done"] = [
        field("done", "dropdown", "goal", required=True, options=milestones),
        date,
        field("done", "input", "link", description=t("form.link-help", lang)),
        note,
    ]
    date, note = common("checkin")
    ratings = [t(f"rating.{r}", lang) for r in RATINGS]
    made["checkin"] = [
        field("checkin", "dropdown", "goal", required=True, options=every_goal),
        field("checkin", "dropdown", "rating", required=True, options=ratings),
        date,
        note,
    ]
    date, note = common("members")
    counts = [
        field("members", "input", f"count-{b.id}", description=t("form.count-help", lang))
        for b in plan.branches
    ]
    made["members"] = [date, *counts, note]
    date, note = common("reading")
    made["reading"] = [
        field("reading", "dropdown", "target", required=True, options=measured),
        field(
            "reading",
            "input",
            "value",
            required=True,
            description=t("form.value-help", lang),
            placeholder="741",
        ),
        date,
        note,
    ]
    if not milestones:
        del made["done"]
    if not measured:
        del made["reading"]
    out = []
    head = f"{FINGERPRINT}{plan.year}: {fingerprint(plan)} (stc forms writes this file)\n"
    for kind, body in made.items():
        text = head + _dump(_form(kind, plan, lang, body))
        out.append(Form(kind, f"stc-{kind}.yml", text))
    return out


def _dump(data: dict[str, Any]) -> str:
    import yaml

    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))


WORKFLOW = "stc-from-issue.yml"  # in .github/workflows/
PLAN_WORKFLOW = "plan.yml"  # the plan check (stc init writes it; docs/ci.md shows it)

_WORKFLOW = """\
# Written by stc forms (run it again after the plan changes; the settings are in files it
# never overwrites: .github/stc-requirements.txt says where stc is installed from, and
# .github/stc-trusted.txt names GitHub logins trusted besides the repository's owners,
# members and collaborators). A filled-in stc issue form becomes a pull request holding its
# fact, and the issue gets a reply: the fact, or what to fix. The issue's text never
# reaches a shell: stc reads the event from its file; only the issue's number is passed on,
# as a variable.
name: stc fact from issue
on:
  issues:
    types: [opened, edited]
permissions: {}
concurrency:
  group: stc-issue-${{ github.event.issue.number }}
jobs:
  record:
    # An open stc form, when it is opened or its text is edited (not its title or labels).
    if: >-
      github.event.issue.state == 'open'
      && contains(github.event.issue.labels.*.name, 'stc')
      && (github.event.action == 'opened' || github.event.changes.body)
    runs-on: ubuntu-latest
    permissions:
      contents: write
      pull-requests: write
      issues: write
    outputs:
      pushed: ${{ steps.pr.outputs.pushed }}
    env:
      TZ: Europe/Stockholm  # "today" is the district's day, not the runner's
    steps:
__SETUP__
      - name: Record the fact from the form
        id: record
        run: >-
          stc record from-issue "$GITHUB_EVENT_PATH" --comment "$RUNNER_TEMP/reply.md"
          --trusted-file .github/stc-trusted.txt
      - name: Check the plan and its facts, as the plan workflow does
        run: stc check --format github
      - name: Open or update the pull request
        id: pr
        env:
          GH_TOKEN: ${{ github.token }}
          ISSUE: ${{ github.event.issue.number }}
          CHANGED: __CHANGED__
        run: |
          branch="stc/issue-$ISSUE"
          subject="Fact from issue #$ISSUE"
          bot="41898282+github-actions[bot]@users.noreply.github.com"
          git config user.name "github-actions[bot]"
          git config user.email "$bot"
          auth="$(printf 'x-access-token:%s' "$GH_TOKEN" | base64 -w0)"
          remote() { git -c "http.extraheader=AUTHORIZATION: basic $auth" "$@"; }
          # The branch as it is now, if it exists. It is replaced only when its tip is this
          # workflow's own commit, or nobody reviews it any more (its pull request was
          # closed, to start over), and only if it has not moved since (--force-with-lease):
          # a reviewer's commits on it are never dropped.
          tip=""
          if remote fetch -q --depth=1 origin "+refs/heads/$branch:refs/stc/tip" 2>/dev/null; then
            tip="$(git rev-parse refs/stc/tip)"
          fi
          pr="$(gh pr list --head "$branch" --state open --json url --jq '.[0].url // ""')"
          by_hand() {
            printf '%s\\n\\n%s\\n' "$CHANGED" "$pr" > "$RUNNER_TEMP/reply.md"
            echo "::notice::$branch was changed by hand; it is left as it is"
            echo "pushed=false" >> "$GITHUB_OUTPUT"
          }
          if [ -n "$tip" ] && [ -n "$pr" ] \\
            && [ "$(git log -1 --format='%ae %ce %s' "$tip")" != "$bot $bot $subject" ]; then
            by_hand
            exit 0
          fi
          git switch -c "$branch"
          git add -A
          git commit -m "$subject"
          if ! remote push --force-with-lease="refs/heads/$branch:$tip" origin "HEAD:$branch"
          then
            now="$(remote ls-remote origin "refs/heads/$branch" | cut -f1)"
            if [ "$now" != "$tip" ] && [ -n "$pr" ]; then by_hand; exit 0; fi
            exit 1
          fi
          echo "pushed=true" >> "$GITHUB_OUTPUT"
          if [ -z "$pr" ]; then
            pr="$(gh pr create --head "$branch" --title "$subject" --body "Closes #$ISSUE")"
          fi
          printf '\\n%s\\n' "$pr" >> "$RUNNER_TEMP/reply.md"
      - name: Reply on the issue
        if: always() && steps.record.outcome != 'skipped'
        env:
          GH_TOKEN: ${{ github.token }}
          ISSUE: ${{ github.event.issue.number }}
          RECORDED: ${{ steps.record.outcome }}
          PR: ${{ steps.pr.outcome }}
          NO_PR: __NO_PR__
          NO_REPLY: __NO_REPLY__
        run: |
          reply="$RUNNER_TEMP/reply.md"
          if [ ! -f "$reply" ]; then printf '%s\\n' "$NO_REPLY" > "$reply"; fi
          if [ "$RECORDED" = success ] && [ "$PR" != success ]; then
            printf '%s\\n' "$NO_PR" > "$reply"
          fi
          gh issue comment "$ISSUE" --body-file "$reply"
  start-plan-check:
    # GitHub starts no workflow for what the workflow's own token pushed or opened, except
    # one asked for by workflow_dispatch: so the plan check is asked for, on the branch.
    # The plan workflow (stc init's .github/workflows/plan.yml, docs/ci.md) takes
    # workflow_dispatch and shows its result on the pull request as a commit status.
    needs: record
    if: needs.record.outputs.pushed == 'true'
    runs-on: ubuntu-latest
    permissions:
      actions: write
    steps:
      - name: Run the plan check on the pull request's branch
        env:
          GH_TOKEN: ${{ github.token }}
          GH_REPO: ${{ github.repository }}
          ISSUE: ${{ github.event.issue.number }}
          PLAN_WORKFLOW: __PLAN_WORKFLOW__
        run: |
          if ! gh workflow run "$PLAN_WORKFLOW" --ref "stc/issue-$ISSUE"; then
            echo "::warning::the plan check could not be started: is there a" \\
              ".github/workflows/$PLAN_WORKFLOW with workflow_dispatch among its triggers?"
          fi
"""

# The steps every workflow stc writes starts with: the repository without its credentials
# (nothing later can push with them), Python, and stc from the district's settings file.
SETUP_STEPS = """\
      - uses: actions/checkout@v4
        with:
          persist-credentials: false
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: pip install -r .github/stc-requirements.txt"""

INSTALL_SPEC = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/@+=#~%-]*")  # one pip argument, no shell
REQUIREMENTS = ".github/stc-requirements.txt"  # where the workflow installs stc from
TRUSTED_FILE = ".github/stc-trusted.txt"  # logins trusted besides owners and members


def workflow(lang: Lang) -> str:
    """The workflow that turns a form into a pull request (its replies in ``lang``)."""
    import json

    return (
        _WORKFLOW.replace("__SETUP__", SETUP_STEPS)
        .replace("__PLAN_WORKFLOW__", PLAN_WORKFLOW)
        .replace("__NO_PR__", json.dumps(t("reply.no-pr", lang), ensure_ascii=False))
        .replace("__NO_REPLY__", json.dumps(t("reply.no-reply", lang), ensure_ascii=False))
        .replace("__CHANGED__", json.dumps(t("reply.changed-by-hand", lang), ensure_ascii=False))
    )


def settings(install: str, lang: Lang) -> dict[str, str]:
    """The workflow's settings files, written only where they do not exist yet."""
    assert INSTALL_SPEC.fullmatch(install), install
    return {
        REQUIREMENTS: f"# {t('forms.requirements', lang)}\n{install}\n",
        TRUSTED_FILE: f"# {t('forms.trusted', lang)}\n",
    }
