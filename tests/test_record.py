"""`stc record`: every kind of fact, comments kept, bad input refused with nothing written,
and writes that survive failures and concurrency."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from stc_plan.inputs.plan import load_plan
from stc_plan.inputs.progress import check_progress_file
from stc_plan.write import atomic
from stc_plan.write.facts import FactRejected, add_fact
from tests.conftest import EXAMPLE, SHIPPED_PLAN

Invoke = Callable[..., Any]


def facts_file(repo: Path) -> Path:
    return repo / "plans" / "2025.progress.yaml"


def test_each_kind_of_fact(invoke: Invoke, repo: Path) -> None:
    """Counts, an activity, a milestone done, a reading and a check-in land in the file."""
    for args in (
        ["members", "2025-03-31", "bromma-kungsholmen=121", "Norra innerstaden=165"],
        [
            "activity",
            "2025-03-12",
            "--kind",
            "member-activity",
            "--title",
            "Frukost",
            "--branch",
            "norra-innerstaden",
            "--level",
            "municipal",
            "--participants",
            "20",
        ],
        ["done", "aterlosning-varen", "--date", "2025-05-17", "--note", "Ringkväll"],
        ["reading", "facebook-medlemsgrupp", "741", "--date", "2025-06-30"],
        ["reading", "engagemang-sociala-medier", "1840.5", "--date", "2025-06-30"],
        [
            "checkin",
            "medlemsresan",
            "--rating",
            "at-risk",
            "--date",
            "2025-06-01",
            "--note",
            "Få samtal i maj",
        ],
    ):
        result = invoke("record", *args)
        assert result.exit_code == 0, result.stderr
        assert result.stdout.startswith("recorded ")
    checked = check_progress_file(facts_file(repo), load_plan(SHIPPED_PLAN))
    assert checked.errors == []
    progress = checked.value
    assert progress is not None
    assert progress.members[0].counts == {"bromma-kungsholmen": 121, "norra-innerstaden": 165}
    assert progress.activities[0].branches == ["norra-innerstaden"]
    assert progress.done[0].goal == "aterlosning-varen"
    assert [str(r.value) for r in progress.readings] == ["741", "1840.5"]
    assert progress.checkins[0].rating == "at-risk"
    status = invoke("status", "--as-of", "2025-06-30", "-f", "json")
    assert '"done_on": "2025-05-17"' in status.stdout


def test_comments_and_order_are_kept(invoke: Invoke, repo: Path) -> None:
    """Adding a fact to a hand-written file changes nothing but the lines it adds."""
    shutil.copy(EXAMPLE, facts_file(repo))
    before = facts_file(repo).read_text(encoding="utf-8").splitlines()
    result = invoke(
        "record", "checkin", "lokalen-oppen", "--rating", "on-track", "--date", "2025-09-30"
    )
    assert result.exit_code == 0, result.stderr
    after = facts_file(repo).read_text(encoding="utf-8").splitlines()
    assert after[: len(before)] == before
    assert after[len(before) :] == [
        "  - goal: lokalen-oppen",
        "    date: 2025-09-30",
        "    rating: on-track",
    ]


def test_counts_for_the_same_date_are_merged(invoke: Invoke, repo: Path) -> None:
    """Branches counted one at a time go into one entry; a conflicting count is refused."""
    assert invoke("record", "members", "2025-03-31", "bromma-kungsholmen=121").exit_code == 0
    assert invoke("record", "members", "2025-03-31", "yttre-vasterort=72").exit_code == 0
    clash = invoke("record", "members", "2025-03-31", "yttre-vasterort=73")
    assert clash.exit_code == 1
    assert "yttre-vasterort is already recorded as 72 on 2025-03-31" in clash.stderr
    progress = check_progress_file(facts_file(repo), load_plan(SHIPPED_PLAN)).value
    assert progress is not None and len(progress.members) == 1
    assert progress.members[0].counts == {"bromma-kungsholmen": 121, "yttre-vasterort": 72}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["members", "2025-03-31", "syskon=111"],
            "Syskon is held at its baseline by the plan; counts are recorded per branch only",
        ),
        (
            ["members", "2025-03-31", "bromma=1"],
            "no branch 'bromma' in the plan; did you mean 'bromma-kungsholmen'?",
        ),
        (
            ["members", "2026-01-31", "bromma-kungsholmen=1"],
            "2026-01-31 is outside the plan year 2025",
        ),
        (["members", "2025-10-31", "bromma-kungsholmen=-4"], "must be at least 0"),
        (
            ["activity", "2025-03-01", "--kind", "member-activty", "--title", "X"],
            "did you mean 'member-activity'?",
        ),
        (
            ["activity", "2025-03-01", "--kind", "ny-i-c", "--title", "X", "--branch", "mars"],
            "no branch 'mars' in the plan",
        ),
        (["done", "medlemsresan", "--date", "2025-03-01"], "'medlemsresan' is not a milestone"),
        (["done", "nope", "--date", "2025-03-01"], "no goal 'nope' in the plan"),
        (
            ["checkin", "medlemsresn", "--rating", "on-track", "--date", "2025-03-01"],
            "did you mean 'medlemsresan'?",
        ),
        (["reading", "ny-i-c", "3", "--date", "2025-03-01"], "no metric goal 'ny-i-c'"),
        (["done", "aterlosning-varen", "--date", "2099-01-01"], "is in the future"),
    ],
)
def test_bad_facts_are_refused_and_nothing_is_written(
    invoke: Invoke, repo: Path, args: list[str], message: str
) -> None:
    """Each bad fact: exit 1, one line naming the problem, the file byte for byte as before."""
    shutil.copy(EXAMPLE, facts_file(repo))
    before = facts_file(repo).read_bytes()
    result = invoke("record", *args)
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("stc: not recorded: ")
    assert message in result.stderr
    assert facts_file(repo).read_bytes() == before


def test_wrong_usage_exits_2(invoke: Invoke, repo: Path) -> None:
    """Malformed arguments are usage errors: nothing is read or written."""
    assert invoke("record", "members", "2025-03-31", "bromma").exit_code == 2
    assert invoke("record", "members", "2025-03-31", "bromma=x").exit_code == 2
    assert invoke("record", "checkin", "x", "--rating", "meh").exit_code == 2
    assert invoke("record", "reading", "x", "lots").exit_code == 2
    assert invoke("record", "members", "31/3", "bromma=1").exit_code == 2
    assert not facts_file(repo).exists()


def test_a_broken_file_is_not_written_to(invoke: Invoke, repo: Path) -> None:
    """If the progress file already has errors, record lists them and leaves it alone."""
    facts_file(repo).write_text("version: 1\nyear: 2025\nmembers: nope\n", encoding="utf-8")
    result = invoke("record", "members", "2025-03-31", "bromma-kungsholmen=1")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "plans/2025.progress.yaml:3:10: members: expected a list, got text 'nope'",
        "stc: plans/2025.progress.yaml is not valid; fix the lines above (stc check lists them)",
    ]
    assert facts_file(repo).read_text(encoding="utf-8").endswith("members: nope\n")


def test_failed_write_keeps_the_original(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk at the rename: a clear error, the old file whole, no temporary left."""
    shutil.copy(EXAMPLE, facts_file(repo))
    before = facts_file(repo).read_bytes()

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", full)
    with pytest.raises(atomic.WriteFailed, match="the disk is full; the file is unchanged"):
        add_fact(
            facts_file(repo),
            load_plan(SHIPPED_PLAN),
            "checkins",
            {"goal": "medlemsresan", "date": "2025-06-01", "rating": "on-track"},
        )
    assert facts_file(repo).read_bytes() == before
    assert sorted(p.name for p in (repo / "plans").iterdir()) == ["2025.progress.yaml", "2025.yaml"]


def test_file_changed_meanwhile_is_not_overwritten(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone saves the file while stc works: stc refuses rather than overwrite them."""
    shutil.copy(EXAMPLE, facts_file(repo))
    real = atomic.replace_atomically

    def meanwhile(path: Path, data: bytes, *, expected: bytes | None) -> None:
        path.write_text(path.read_text(encoding="utf-8") + "# edited meanwhile\n", encoding="utf-8")
        real(path, data, expected=expected)

    monkeypatch.setattr("stc_plan.write.facts.replace_atomically", meanwhile)
    with pytest.raises(atomic.FileChanged, match="changed on disk"):
        add_fact(
            facts_file(repo),
            load_plan(SHIPPED_PLAN),
            "checkins",
            {"goal": "medlemsresan", "date": "2025-06-01", "rating": "on-track"},
        )
    assert facts_file(repo).read_text(encoding="utf-8").endswith("# edited meanwhile\n")


def test_missing_folder_is_a_clear_error(invoke: Invoke, repo: Path) -> None:
    """--facts in a folder that does not exist: one line, exit 1."""
    result = invoke(
        "record",
        "checkin",
        "medlemsresan",
        "--rating",
        "on-track",
        "--date",
        "2025-05-02",  # a date in the plan year, whatever today is
        "--facts",
        "nowhere/2025.progress.yaml",
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("stc: nowhere: cannot open the folder")


def test_rejected_fact_core(tmp_path: Path) -> None:
    """The core raises FactRejected with every problem of the fact, and writes nothing."""
    plan = load_plan(SHIPPED_PLAN)
    with pytest.raises(FactRejected) as caught:
        add_fact(
            tmp_path / "2025.progress.yaml",
            plan,
            "members",
            {"date": date(2025, 3, 1), "counts": {"x": 1, "syskon": 3}},
        )
    from stc_plan.i18n import render

    messages = [render(m, "en") for m in caught.value.messages]  # the core's are data
    assert len(messages) == 2
    assert "no branch 'x' in the plan" in messages[0]
    assert "Syskon is held at its baseline" in messages[1]
    assert list(tmp_path.iterdir()) == []


def test_twenty_concurrent_writers_lose_nothing(repo: Path) -> None:
    """Twenty `stc record` processes at once: all twenty facts are in the file."""
    env = {**os.environ, "LANG": "C.UTF-8"}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "stc_plan",
                "record",
                "activity",
                "2025-04-01",
                "--kind",
                "member-activity",
                "--title",
                f"Aktivitet {i}",
            ],
            cwd=repo,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for i in range(20)
    ]
    codes = [p.wait(timeout=120) for p in procs]
    assert codes == [0] * 20, [p.stderr.read() for p in procs if p.stderr]
    progress = check_progress_file(facts_file(repo), load_plan(SHIPPED_PLAN)).value
    assert progress is not None
    assert sorted(a.title for a in progress.activities) == sorted(
        f"Aktivitet {i}" for i in range(20)
    )


def test_read_only_file_is_left_alone(invoke: Invoke, repo: Path) -> None:
    """A progress file without write permission is not replaced: one line, exit 1."""
    shutil.copy(EXAMPLE, facts_file(repo))
    facts_file(repo).chmod(0o444)
    before = facts_file(repo).read_bytes()
    result = invoke(
        "record", "checkin", "medlemsresan", "--rating", "on-track", "--date", "2025-10-01"
    )
    assert result.exit_code == 1
    assert "is read-only; nothing was written" in result.stderr
    assert facts_file(repo).read_bytes() == before


@pytest.mark.parametrize("title", ["a\u0085b", "a\u2028b", "a\x1b[31mb"])
def test_text_yaml_would_fold_is_refused_before_writing(
    invoke: Invoke, repo: Path, title: str
) -> None:
    """NEL, a line separator or an escape in a title: refused, nothing written (YAML would
    fold some of them away, recording other words than were given)."""
    result = invoke(
        "record",
        "activity",
        "2025-03-12",
        "--kind",
        "member-activity",
        "--title",
        title,
        "--branch",
        "norra-innerstaden",
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("stc: not recorded: title: contains ")
    assert not facts_file(repo).exists()


@pytest.mark.parametrize("title", ["y", "N", "no", "010", "1:20", "1e3", "0o10", "-.5", "null"])
def test_text_any_yaml_reader_would_misread_is_quoted(
    invoke: Invoke, repo: Path, title: str
) -> None:
    """YAML 1.1 and 1.2 readers alike read the recorded title back as the same text."""
    import yaml

    args = ["--kind", "member-activity", "--branch", "norra-innerstaden"]
    assert invoke("record", "activity", "2025-03-12", "--title", title, *args).exit_code == 0
    read = yaml.safe_load(facts_file(repo).read_text(encoding="utf-8"))
    assert read["activities"][-1]["title"] == title
    assert f"title: '{title}'" in facts_file(repo).read_text(encoding="utf-8")
