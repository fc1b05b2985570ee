"""Hostile and broken input: whatever the file, every command either works or prints
one-line file:line:col errors and exits 1. Never a traceback, never a hang.

Property tests (hypothesis) feed generated YAML, random mutations of the shipped plan and
facts, truncations and random bytes to the loader and the commands; every input that ever
broke something is kept in tests/hostile/ and replayed here.
"""

from __future__ import annotations

import copy
import os
import random
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from stc_plan.cli import app
from stc_plan.inputs.plan import check_plan_bytes, load_plan
from stc_plan.inputs.progress import check_progress_bytes
from tests.conftest import EXAMPLE, MINIMAL_PLAN, ROOT, SHIPPED_PLAN

CORPUS = sorted(p for p in (ROOT / "tests" / "hostile").iterdir() if p.is_file())
REGISTER_CORPUS = sorted((ROOT / "tests" / "hostile" / "register").iterdir())
PLAN = load_plan(SHIPPED_PLAN)
FAST = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def assert_clean_plan(raw: bytes) -> None:
    """The core returns a result for any bytes: a plan, or problems with positions."""
    checked = check_plan_bytes(raw, "x.yaml")
    if checked.value is None:
        assert checked.errors, "an invalid plan must say why"
        for p in checked.errors:
            assert p.line >= 1 and p.col >= 1 and "\n" not in p.message


def assert_clean_facts(raw: bytes) -> None:
    checked = check_progress_bytes(raw, "x.progress.yaml", PLAN)
    if checked.value is None:
        assert checked.errors
        for p in checked.errors:
            assert p.line >= 1 and "\n" not in p.message


def run_commands(tmp_path: Path, plan: bytes, facts: bytes | None = None) -> None:
    """check, status and report on these files: exit 0 or 1 (2 only for usage), no
    traceback, stdout empty on failure."""
    (tmp_path / "p.yaml").write_bytes(plan)
    args = ["--plan", str(tmp_path / "p.yaml")]
    if facts is not None:
        (tmp_path / "f.yaml").write_bytes(facts)
        args += ["--facts", str(tmp_path / "f.yaml")]
    runner = CliRunner()
    for command in (
        ["check", *args],
        ["status", "-f", "json", *args],
        ["status", "-f", "table", *args],  # through rich, as on a terminal
        ["report", "--quarter", "2025-Q1", *args],
        ["members", "-f", "csv", *args],
    ):
        result = runner.invoke(app, command)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            command,
            result.exception,
        )
        assert result.exit_code in (0, 1), (command, result.exit_code, result.stderr[-500:])
        assert "Traceback" not in result.stderr
        if result.exit_code == 1 and command[0] != "check":
            assert result.stdout == ""
        for line in result.stderr.splitlines():  # no control character reaches a terminal
            assert not any(unicodedata.category(c) == "Cc" for c in line), line


# --- generated YAML -----------------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.dates().map(str),
    st.sampled_from(
        [
            "no",
            "yes",
            "on",
            "off",
            "010",
            "1:20",
            ".nan",
            ".inf",
            "~",
            "2025-02-30",
            "9" * 40,
            "!!python/object:os.system",
            "<script>",
            "*alias",
            "&anchor",
            "- item",
            "key: value",
            "\t",
            "%",
            "::error::",
        ]
    ),
)
documents = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=30,
)


@FAST
@given(documents)
def test_generated_yaml_documents(doc: Any) -> None:
    """Any YAML document as a plan, or as facts: problems, never an exception."""
    raw = yaml.safe_dump(doc, allow_unicode=True).encode("utf-8")
    assert_clean_plan(raw)
    assert_clean_facts(raw)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(doc=documents)
def test_generated_yaml_through_the_commands(doc: Any, tmp_path_factory: Any) -> None:
    """Generated documents as the plan, and as the facts of the shipped plan, through
    stc check, status, report and members."""
    raw = yaml.safe_dump(doc, allow_unicode=True).encode("utf-8")
    folder = tmp_path_factory.mktemp("gen")
    run_commands(folder, raw)
    run_commands(folder, SHIPPED_PLAN.read_bytes(), raw)


@FAST
@given(st.binary(max_size=400))
def test_random_bytes(raw: bytes) -> None:
    """Random bytes: a decoding, syntax or schema problem, never an exception."""
    assert_clean_plan(raw)
    assert_clean_facts(raw)


# --- mutations of the real files ------------------------------------------------------


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


def _mutate(data: Any, path: tuple[Any, ...], how: int, value: Any) -> Any:
    data = copy.deepcopy(data)
    if not path:
        return value
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if how == 0:  # delete
        del parent[last]
    elif how == 1:  # replace the value with something of another type
        parent[last] = value
    elif how == 2 and isinstance(parent, dict):  # rename the key
        parent[f"{last}x"] = parent.pop(last)
    else:  # duplicate into a list
        parent[last] = [parent[last], parent[last]]
    return data


def _mutation_test(source: Path, check: Any) -> Any:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    paths = _paths(data)

    @FAST
    @given(
        st.lists(
            st.tuples(st.sampled_from(paths), st.integers(0, 3), scalars), min_size=1, max_size=4
        )
    )
    def run(mutations: list[tuple[tuple[Any, ...], int, Any]]) -> None:
        mutated = data
        for path, how, value in mutations:
            try:
                mutated = _mutate(mutated, path, how, value)
            except (KeyError, IndexError, TypeError):
                continue  # the path went away with an earlier mutation
        check(yaml.safe_dump(mutated, allow_unicode=True).encode("utf-8"))

    return run


test_mutated_plan = _mutation_test(SHIPPED_PLAN, assert_clean_plan)
test_mutated_facts = _mutation_test(EXAMPLE, assert_clean_facts)


def test_every_truncation_of_a_plan() -> None:
    """The minimal plan cut at every byte: each prefix reads cleanly."""
    raw = MINIMAL_PLAN.read_bytes()
    for end in range(len(raw) + 1):
        assert_clean_plan(raw[:end])


@FAST
@given(st.integers(0, 1_000_000))
def test_truncations_of_the_shipped_plan_and_facts(seed: int) -> None:
    """The shipped plan and the example facts cut anywhere, even inside a character."""
    plan, facts = SHIPPED_PLAN.read_bytes(), EXAMPLE.read_bytes()
    assert_clean_plan(plan[: seed % (len(plan) + 1)])
    assert_clean_facts(facts[: seed % (len(facts) + 1)])


def test_commands_on_mutated_files(tmp_path: Path) -> None:
    """check, status, report and members on broken plans and facts: exit 1, one-line
    messages, nothing on stdout."""
    rng = random.Random(2025)
    plan_data = yaml.safe_load(SHIPPED_PLAN.read_text(encoding="utf-8"))
    fact_data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    plan_paths, fact_paths = _paths(plan_data), _paths(fact_data)
    for _ in range(12):
        broken_plan = _mutate(plan_data, rng.choice(plan_paths[1:]), rng.randrange(2), "x")
        run_commands(tmp_path, yaml.safe_dump(broken_plan, allow_unicode=True).encode())
        broken = _mutate(fact_data, rng.choice(fact_paths[1:]), rng.randrange(2), -1)
        run_commands(
            tmp_path, SHIPPED_PLAN.read_bytes(), yaml.safe_dump(broken, allow_unicode=True).encode()
        )


# --- the corpus: every case that ever broke something -----------------------------------


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_corpus(path: Path, tmp_path: Path) -> None:
    """Each kept case reads cleanly in the core and in every command."""
    raw = path.read_bytes()
    assert_clean_plan(raw)
    assert_clean_facts(raw)
    run_commands(tmp_path, raw)
    run_commands(tmp_path, SHIPPED_PLAN.read_bytes(), raw)


@pytest.mark.parametrize("path", REGISTER_CORPUS, ids=lambda p: p.name)
def test_register_corpus(path: Path, tmp_path: Path) -> None:
    """Each kept member-register export is counted or refused in one line, naming no one.

    The made-up members are "PersonNNN Svensson", personNNN@example.se, 19800101-NNNN.
    """
    (tmp_path / "2025.yaml").write_bytes(SHIPPED_PLAN.read_bytes())
    result = CliRunner().invoke(
        app,
        [
            "members",
            "import",
            str(path),
            "--date",
            "2025-03-01",
            "--plan",
            str(tmp_path / "2025.yaml"),
        ],
    )
    assert result.exit_code in (0, 1), result.stderr
    said = result.stdout + result.stderr
    assert "Traceback" not in said and "internal error" not in said
    for leak in ("Person", "Svensson", "@example", "19800101", "Gatan", "Kretsberg"):
        assert leak not in said, (leak, said)
    facts = tmp_path / "2025.progress.yaml"
    if result.exit_code == 1:
        assert result.stderr.startswith("stc: not recorded: ") and result.stderr.count("\n") == 1
        assert not facts.exists()
    else:
        written = facts.read_text(encoding="utf-8")
        assert "bromma-kungsholmen: 5" in written and "Person" not in written


# --- writes that cannot lose data -------------------------------------------------------


def test_killed_writer_leaves_old_or_new_file(tmp_path: Path) -> None:
    """SIGKILL at many moments during `stc record`: the file is always valid, and is the
    old file or the old file plus the new fact."""
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "2025.yaml").write_bytes(SHIPPED_PLAN.read_bytes())
    facts = plans / "2025.progress.yaml"
    facts.write_bytes(EXAMPLE.read_bytes())
    env = {**os.environ, "LANG": "C.UTF-8"}
    delays = [0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.8, 1.0, 1.5]
    recorded = 0
    for i, delay in enumerate(delays):
        before = facts.read_bytes()
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "stc_plan",
                "record",
                "checkin",
                "medlemsresan",
                "--rating",
                "on-track",
                "--date",
                "2025-10-01",
                "--note",
                f"kill {i}",
            ],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        after = facts.read_bytes()
        checked = check_progress_bytes(after, str(facts), PLAN)
        assert checked.errors == [], checked.errors
        assert after == before or (
            after.startswith(before[: before.rfind(b"\n") + 1]) and f"kill {i}".encode() in after
        )
        recorded += after != before
        leftovers = [p.name for p in plans.iterdir() if p.name.endswith(".tmp")]
        # A temporary file may outlive a killed writer; it is never the data file.
        for name in leftovers:
            (plans / name).unlink()
    assert recorded >= 1  # the slowest kills came after a complete write


@pytest.mark.parametrize(
    "char", ["\u200b", "\u200e", "\u200f", "\u061c", "\u2060", "\ufeff", "\ufff9"]
)
def test_invisible_characters_are_refused_in_one_line(
    invoke: Any, tmp_path: Path, char: str
) -> None:
    """A character that shows as nothing makes two texts look alike: refused, named by its
    code point, nothing recorded; the joiner emoji need (a flag, a family) is text."""
    facts = tmp_path / "f.yaml"
    args = [
        "record",
        "activity",
        "--plan",
        str(SHIPPED_PLAN),
        "--facts",
        str(facts),
        "--kind",
        "workshop",
        "2025-03-02",
        "--lang",
        "en",
        "--title",
    ]
    result = invoke(*args, f"Möte{char}x")
    assert result.exit_code == 1
    assert f"contains an invisible character (U+{ord(char):04X})" in result.stderr
    assert not facts.exists()
    assert invoke(*args, "Pride 🏳️\u200d🌈").exit_code == 0
