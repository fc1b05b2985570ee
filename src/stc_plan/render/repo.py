"""A new district's plan repository as files (``stc init``): a plan skeleton that passes
``stc check`` (the district, its branches with their baselines, the growth rule, the
sections, one example goal of each kind, every place to fill in marked "FYLL I"), an empty
progress file, the schema, the pre-commit hook, the CI workflows (check and diff, the
website, the weekly digest, forms), a ``.gitignore`` that keeps register exports out, and a
README in Swedish for the board. Pure: path → text; ``write/init.py`` writes them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from stc_plan.errors import StcError
from stc_plan.messages import Msg


class SkeletonInvalid(StcError):
    """The skeleton failed ``stc check``: a bug here, never the user's; nothing was written."""


@dataclass(frozen=True)
class Branch:
    """A branch as ``stc init`` is told it: its name and its members at the year's start."""

    name: str
    baseline: int

    @property
    def id(self) -> str:
        """The branch's id: its name in lower case, without accents, words joined by "-"."""
        plain = unicodedata.normalize("NFKD", self.name)
        plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
        return "-".join(re.findall(r"[a-z0-9]+", plain)) or "avdelning"


def _target(baseline: int, percent: int) -> int:
    return int((Decimal(baseline) * (100 + percent) / 100).to_integral_value(ROUND_HALF_UP))


def _q(text: str) -> str:
    """A YAML scalar in double quotes, whatever the text holds."""
    import json

    return json.dumps(text, ensure_ascii=False)


def plan_text(district: str, year: int, branches: list[Branch], growth: int = 10) -> str:
    """The plan skeleton: valid, every place to fill in marked FYLL I."""
    rows = "".join(
        f"    - unit: {b.id}\n      baseline: {b.baseline}\n"
        f"      target: {_target(b.baseline, growth)}\n"
        for b in branches
    )
    units = "".join(f"  - id: {b.id}\n    name: {_q(b.name)}\n" for b in branches)
    total = sum(b.baseline for b in branches)
    total_target = sum(_target(b.baseline, growth) for b in branches)
    return f"""# yaml-language-server: $schema=plan.schema.json
# Verksamhetsplan {year} för {district}. FYLL I: ersätt exemplen med planens egna mål, med
# planens egna ord. Kontrollera med `stc check`; se läget med `stc status`.
version: 1
year: {year}
organisation: {_q(district)}
title: "Verksamhetsplan {year}"
sections:
  - id: "1"
    title: "Övergripande mål {year}"
  - id: "2"
    title: "Ökat engagemang"  # FYLL I: planens avsnitt
overarching:
  - id: fler-medlemmar
    title: "Antalet medlemmar ska öka med {growth} % jämfört med {year - 1}."  # FYLL I
branches:
{units}membership:
  serves: [fler-medlemmar]
  baseline_date: {year - 1}-12-31
  growth_percent: {growth}
  rows:
{rows}  total:
    baseline: {total}
    target: {total_target}
goals:
  # FYLL I: ett exempel av varje slag; ersätt dem med planens mål.
  - id: medlemsaktiviteter
    section: "2"
    kind: count
    title: "Minst 10 medlemsaktiviteter under året."
    serves: [fler-medlemmar]
    activity: member-activity
    at_least: 10
  - id: utbildningsplan
    section: "2"
    kind: milestone
    title: "Ta fram en utbildningsplan senast den 30 juni."
    serves: [fler-medlemmar]
    deadline: {year}-06-30
  - id: foljare
    section: "2"
    kind: metric
    title: "Fler följare i sociala medier."
    serves: [fler-medlemmar]
    unit: följare
    direction: up
    target: not-set
    target_note: "FYLL I: målvärdet sätts i kommunikationsstrategin."
  - id: medlemsresan
    section: "2"
    kind: ongoing
    title: "Utveckla medlemsresan för nya medlemmar."
    serves: [fler-medlemmar]
"""


GITIGNORE = """\
# Medlemsregister och andra exporter med personuppgifter: aldrig i git (stc läser dem och
# sparar bara antal per avdelning).
*.csv
*.xlsx
*.xls
# Det byggda webbplatsen och tillfälliga filer.
public/
*.tmp
.venv/
"""

PRECOMMIT = """\
repos:
  - repo: {repo}
    rev: main  # `pre-commit autoupdate --freeze` låser den till en version
    hooks: [{{id: stc-check}}]
"""

PLAN_WORKFLOW = """\
name: plan
on:
  pull_request:
  push:
    branches: [main]
  # stc-from-issue.yml asks for this check on the branch of each pull request it opens:
  # GitHub starts no pull_request run for those (they are opened with the workflow's own
  # token), but does start a workflow_dispatch.
  workflow_dispatch:
permissions:
  contents: read
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
          persist-credentials: false
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: pip install -r .github/stc-requirements.txt
      - name: Check the plan (errors are annotated on their lines)
        run: stc check --format github plans/
      - name: What the change means
        if: always() && github.event_name != 'push'
        env:
          BASE: ${{ github.base_ref || github.event.repository.default_branch }}
        run: stc diff "origin/$BASE..HEAD" --format markdown >> "$GITHUB_STEP_SUMMARY"
  report:
    # A run asked for by workflow_dispatch is not among a pull request's checks; a commit
    # status on its commit is, so the pull request shows the check's result all the same.
    needs: check
    if: always() && github.event_name == 'workflow_dispatch'
    runs-on: ubuntu-latest
    permissions:
      statuses: write
    steps:
      - name: Show the result on the pull request
        env:
          GH_TOKEN: ${{ github.token }}
          RESULT: ${{ needs.check.result }}
          RUN: ${{ github.server_url }}/${{ github.repository }}/actions/runs/${{ github.run_id }}
        run: |
          state=failure
          if [ "$RESULT" = success ]; then state=success; fi
          gh api "repos/$GITHUB_REPOSITORY/statuses/$GITHUB_SHA" -f state="$state" \\
            -f context=check -f target_url="$RUN" -f description="stc check: $RESULT"
"""

DIGEST_WORKFLOW = """\
name: digest
on:
  schedule:
    - cron: "0 7 * * 1"
  workflow_dispatch:
permissions:
  contents: read
jobs:
  digest:
    runs-on: ubuntu-latest
    env:
      TZ: Europe/Stockholm
    steps:
__SETUP__
      - name: Post last week's digest (set the secret SLACK_WEBHOOK_URL)
        env:
          SLACK_WEBHOOK_URL: ${{ secrets.SLACK_WEBHOOK_URL }}
        run: stc digest --since 7d --post
"""

SITE_WORKFLOW = """\
name: site
on:
  push:
    branches: [main]
  pull_request:
    paths: ["plans/**"]
permissions:
  contents: read
concurrency:
  group: pages-${{{{ github.ref }}}}
  cancel-in-progress: true
jobs:
  build:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      pages: read  # the published site's address, to fetch its calendar
    env:
      TZ: Europe/Stockholm
    steps:
__SETUP__
      - name: Fetch the calendar as subscribers have it (what changed since gets a higher SEQUENCE)
        env:
          GH_TOKEN: ${{{{ github.token }}}}
        run: |
          if url=$(gh api "repos/$GITHUB_REPOSITORY/pages" --jq .html_url) &&
            curl -fsSL --max-time 60 -o "$RUNNER_TEMP/plan.ics" "${{url%/}}/plan.ics"; then
            echo "Fetched the published calendar."
          else
            rm -f "$RUNNER_TEMP/plan.ics"
            echo "No calendar published yet: its events start at SEQUENCE 0."
          fi
      - name: Build the website
        run: stc site --plan plans/{year}.yaml -o public --previous-calendar "$RUNNER_TEMP/plan.ics"
      - name: Keep it for Pages
        if: github.event_name == 'push'
        uses: actions/upload-pages-artifact@v3
        with:
          path: public
      - name: Keep it to look at on the pull request
        if: github.event_name == 'pull_request'
        uses: actions/upload-artifact@v4
        with:
          name: site
          path: public
  deploy:
    if: github.event_name == 'push'
    needs: build
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"""

README = """\
# Verksamhetsplan för {district}

Här finns distriktets verksamhetsplan ({plan}) och det som har hänt under året
({progress}). Verktyget **stc** håller ordning på dem: det kontrollerar planen, visar läget
och skriver rapporter till styrelsen.

## Se läget

- På webbplatsen (GitHub Pages) som byggs om vid varje ändring: det som behöver er nu står
  först.
- I en terminal: `stc status` (det som behöver er nu, sedan varje mål på en rad),
  `stc status MÅL` (ett måls hela historia), `stc due` (det som förfaller snart).
- Styrelsens kvartalsrapport: `stc report --quarter {year}-Q1`.

## Rapportera det som hänt

- Utan terminal: öppna ett nytt ärende (Issues → New issue) och välj formuläret för det som
  hänt: en aktivitet, en klar milstolpe, en avstämning, medlemstal eller en mätning. En
  pull request med uppgiften öppnas och någon i kansliet granskar den. Skrev du fel:
  redigera ärendet, så byts uppgiften ut (har någon redan ändrat pull requesten för hand
  får du svar om vad du gör i stället). Skriv tal som 1500, 1 500 eller 3,5, inte 1,500.
- Med terminal: `stc record activity 2025-03-14 --kind member-activity --title "…"` och
  liknande (`stc record --help`).

## När CI säger nej

Kontrollen (`stc check`) skriver fil, rad och vad som är fel. Rätta raden och spara igen.
Fråga kansliet om det är oklart.

## Vem du frågar

FYLL I: namn och kontaktuppgifter till kansliet.
"""


def files(
    district: str, year: int, branches: list[Branch], *, install: str, lang: str = "sv"
) -> dict[str, str]:
    """Every file of a new plan repository: path (from its top folder) → text."""
    from stc_plan.inputs.plan import check_plan_bytes
    from stc_plan.model.facts import progress_header
    from stc_plan.model.schema import schema_json
    from stc_plan.render.forms import PLAN_WORKFLOW as PLAN_FILE
    from stc_plan.render.forms import SETUP_STEPS, forms, settings, workflow

    plan = plan_text(district, year, branches)
    checked = check_plan_bytes(plan.encode("utf-8"), "plan")
    if checked.value is None:  # a bug in the skeleton, never the user's
        reasons = Msg("list.semi", items=tuple(p.text for p in checked.errors[:3]))
        raise SkeletonInvalid(Msg("write.draft-invalid", reasons=reasons))
    repo = install.split("+", 1)[-1].split("@")[0].removesuffix(".git")
    out = {
        f"plans/{year}.yaml": plan,
        f"plans/{year}.progress.yaml": progress_header(checked.value.title, checked.value.year),
        "plans/plan.schema.json": schema_json(),
        ".gitignore": GITIGNORE,
        ".pre-commit-config.yaml": PRECOMMIT.format(repo=repo),
        f".github/workflows/{PLAN_FILE}": PLAN_WORKFLOW,
        ".github/workflows/digest.yml": DIGEST_WORKFLOW.replace("__SETUP__", SETUP_STEPS),
        ".github/workflows/site.yml": SITE_WORKFLOW.format(year=year).replace(
            "__SETUP__", SETUP_STEPS
        ),
        ".github/workflows/stc-from-issue.yml": workflow(lang),  # type: ignore[arg-type]
        "README.md": README.format(
            district=district,
            plan=f"`plans/{year}.yaml`",
            progress=f"`plans/{year}.progress.yaml`",
            year=year,
        ),
    }
    out.update(settings(install, lang))  # type: ignore[arg-type]
    out.update({f".github/ISSUE_TEMPLATE/{f.name}": f.text for f in forms(checked.value, lang)})  # type: ignore[arg-type]
    return out
