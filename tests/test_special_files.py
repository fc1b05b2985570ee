"""Files and streams that are not what they seem: FIFOs, devices, link loops, closed and full
outputs, outputs that are not UTF-8, numbers too large to read, Ctrl-C, a held lock.

Each gets one line on stderr and a documented exit code (1 for a run that failed, 2 for wrong
usage, 130 when interrupted), never a hang, a traceback or "internal error". Commands that
could block for ever run in a subprocess with a timeout: a hang fails the test.
"""

from __future__ import annotations

import errno
import fcntl
import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stc_plan.errors import FileUnreadable
from stc_plan.i18n import render
from stc_plan.parse import limits
from stc_plan.parse.source import read_bytes, reason_for
from tests.conftest import SHIPPED_PLAN

Invoke = Callable[..., Any]
STC = Path(sys.executable).parent / "stc"
LINUX = sys.platform.startswith("linux")


# One fact to record, the same in every test that needs a write.
CHECKIN = ("record", "checkin", "fler-medlemmar", "--rating", "on-track", "--date", "2025-03-01")


def stc(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None, shell: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``stc`` (or ``shell``, a bash line using "$STC") with a timeout."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("STC_PLAN", "STC_LANG")}
    full_env.update(LANG="C.UTF-8", STC="" + str(STC), **(env or {}))
    command = ["bash", "-c", shell] if shell else [str(STC), *args]
    return subprocess.run(
        command, capture_output=True, text=True, env=full_env, cwd=cwd, timeout=60, check=False
    )


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    """A folder with the shipped plan as 2025.yaml."""
    (tmp_path / "2025.yaml").write_bytes(SHIPPED_PLAN.read_bytes())
    return tmp_path


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    """A named pipe nobody writes to: reading it would wait for ever."""
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


@pytest.fixture
def loop(tmp_path: Path) -> Path:
    """A symbolic link that leads back to itself through another."""
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    return tmp_path / "a.yaml"


def one_line(result: subprocess.CompletedProcess[str], code: int, *words: str) -> None:
    """Exit ``code``, nothing on stdout, one line on stderr holding each of ``words``."""
    assert result.returncode == code, result.stderr
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


# --- inputs that are not regular files ------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "/dev/urandom", "/dev/null", "loop"])
def test_plan_that_is_not_a_file(kind: str, fifo: Path, loop: Path) -> None:
    """As a plan, for check and status, and as $STC_PLAN: one line, exit 1, no wait."""
    path = {"fifo": fifo, "loop": loop}.get(kind, Path(kind))
    if not os.path.lexists(path):
        pytest.skip(f"{path} does not exist here")
    why = {
        "fifo": "it is a FIFO (named pipe), not a file",
        "loop": "a symbolic link that leads back to itself",
    }.get(kind, "it is a device, not a file")
    one_line(stc("check", str(path)), 1, f"stc: {path}: cannot read: {why}")
    one_line(stc("status", "--plan", str(path)), 1, why)
    one_line(stc("status", env={"STC_PLAN": str(path)}), 1, why)


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "loop"])
def test_progress_file_that_is_not_a_file(kind: str, plans: Path, fifo: Path, loop: Path) -> None:
    """As --facts for status and record, and beside the plan: one line, exit 1, no wait."""
    path = {"fifo": fifo, "loop": loop}.get(kind, Path(kind))
    plan = str(plans / "2025.yaml")
    one_line(stc("status", "--plan", plan, "--facts", str(path)), 1, "cannot read")
    one_line(
        stc(
            "record",
            "checkin",
            "fler-medlemmar",
            "--rating",
            "on-track",
            "--plan",
            plan,
            "--facts",
            str(path),
        ),
        1,
    )
    beside = plans / "2025.progress.yaml"
    if kind == "fifo":
        os.mkfifo(beside)
    else:
        beside.symlink_to(path)
    one_line(stc("status", "--plan", plan), 1, "cannot read")
    if kind != "/dev/zero":
        assert stat.S_ISFIFO(os.lstat(beside).st_mode) or os.path.islink(beside)


@pytest.mark.parametrize("kind", ["fifo", "/dev/urandom", "loop"])
def test_register_export_that_is_not_a_file(kind: str, plans: Path, fifo: Path, loop: Path) -> None:
    """`stc members import` refuses it in one line and records nothing."""
    path = {"fifo": fifo, "loop": loop}.get(kind, Path(kind))
    result = stc(
        "members", "import", str(path), "--date", "2025-03-01", "--plan", str(plans / "2025.yaml")
    )
    one_line(result, 1, "cannot read")
    assert not (plans / "2025.progress.yaml").exists()


def test_the_byte_cap_does_not_trust_the_size_stat_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/proc files say they are empty; reading stops at the limit all the same."""
    maps = Path("/proc/self/maps")
    if not LINUX or not maps.exists() or maps.stat().st_size != 0:
        pytest.skip("needs Linux's /proc, whose files report a size of 0")
    monkeypatch.setattr(limits, "_current", limits.Limits(max_bytes=64))
    with pytest.raises(FileUnreadable, match="holds more than the limit of 64 bytes"):
        read_bytes(maps)
    small = tmp_path / "x.yaml"
    small.write_bytes(b"a" * 64)
    assert read_bytes(small) == b"a" * 64
    small.write_bytes(b"a" * 65)
    with pytest.raises(FileUnreadable, match="it is 65 bytes, more than the limit"):
        read_bytes(small)


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.EACCES, "permission denied"),
        (errno.EPERM, "permission denied"),
        (errno.ELOOP, "leads back to itself"),
        (errno.ENOTDIR, "a part of the path is a file"),
        (errno.ENAMETOOLONG, "the name is too long"),
        (errno.ENOENT, "no such file"),
    ],
)
def test_reasons_for_unreadable_files(code: int, words: str) -> None:
    """Each operating-system error a read can meet has words a person can act on."""
    assert words in render(reason_for(OSError(code, os.strerror(code))), "en")


def test_unreadable_file_is_one_line(plans: Path) -> None:
    """Permission denied (not testable as root, who may read anything)."""
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their permissions")
    plan = plans / "2025.yaml"
    plan.chmod(0)
    try:
        one_line(stc("check", str(plan)), 1, "cannot read: permission denied")
    finally:
        plan.chmod(0o644)


# --- where output goes ----------------------------------------------------------------------


def report(plans: Path, *out: str) -> subprocess.CompletedProcess[str]:
    return stc("report", "--plan", str(plans / "2025.yaml"), "--quarter", "2025-Q1", *out)


def test_output_to_stdout_with_dash(plans: Path) -> None:
    """-o - writes to standard output, for report and new."""
    result = report(plans, "-o", "-")
    assert result.returncode == 0 and result.stdout.startswith("# ")
    assert not (plans / "-").exists()
    drafted = stc("new", "2026", "--from", str(plans / "2025.yaml"), "-o", "-")
    assert drafted.returncode == 0, drafted.stderr
    assert "year: 2026" in drafted.stdout and not (plans / "2026.yaml").exists()


@pytest.mark.parametrize("kind", ["fifo", "link-to-device", "device-node", "folder"])
def test_output_that_is_not_a_regular_file_is_refused(plans: Path, kind: str) -> None:
    """A FIFO, a device (even as root), a link to one, a folder: refused, never replaced."""
    target = plans / "out"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "link-to-device":
        target.symlink_to("/dev/null")
    elif kind == "folder":
        target.mkdir()
    else:
        if os.geteuid() != 0:
            pytest.skip("making a device node needs root")
        os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a second /dev/null
    before = os.lstat(target)
    for result in (
        report(plans, "-o", str(target)),
        stc("new", "2026", "--from", str(plans / "2025.yaml"), "-o", str(target), "--force"),
    ):
        assert result.returncode == 1, result.stderr
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert ("is not a regular file" in result.stderr) or ("is a folder" in result.stderr)
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert [p.name for p in plans.iterdir() if p.name.startswith(".")] == []


def test_output_through_a_link_writes_its_target(plans: Path) -> None:
    """-o on a symbolic link to a file replaces the file, and the link stays a link."""
    (plans / "real.md").write_text("old\n", encoding="utf-8")
    (plans / "link.md").symlink_to("real.md")
    assert report(plans, "-o", str(plans / "link.md")).returncode == 0
    assert os.path.islink(plans / "link.md")
    assert (plans / "real.md").read_text(encoding="utf-8").startswith("# ")


def test_closed_stdout(plans: Path) -> None:
    """`stc status >&-`: one line, exit 1."""
    result = stc(shell=f'"$STC" status --plan {plans / "2025.yaml"} >&-')
    assert result.returncode == 1
    assert result.stderr == "stc: standard output is closed; nothing can be shown\n"


@pytest.mark.parametrize("args", [["status"], ["members", "-f", "csv"], ["check", "-v"]])
def test_full_stdout(plans: Path, args: list[str]) -> None:
    """`> /dev/full`: one line naming the cause, exit 1, no message from Python at exit."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    plan = str(plans / "2025.yaml")
    where = [plan] if args[0] == "check" else ["--plan", plan]
    line = " ".join([*args, *where])
    result = stc(shell=f'"$STC" {line} > /dev/full')
    assert result.returncode == 1
    assert result.stderr == "stc: cannot write the output: No space left on device\n"


@pytest.mark.parametrize(
    "env",
    [
        {"PYTHONIOENCODING": "latin-1"},
        {"PYTHONIOENCODING": "ascii"},
        {"LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"},
    ],
)
@pytest.mark.parametrize("command", ["status", "members"])
def test_output_that_is_not_utf8(plans: Path, env: dict[str, str], command: str) -> None:
    """ASCII stand-ins for symbols the encoding lacks, never an encoding error."""
    (plans / "2025.progress.yaml").write_text(
        "version: 1\nyear: 2025\nmembers:\n  - date: 2025-03-01\n"
        "    counts: {bromma-kungsholmen: 120, norra-innerstaden: 150}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            str(STC),
            command,
            *(["--all"] if command == "status" else []),  # the tables name every branch
            "--plan",
            str(plans / "2025.yaml"),
            "--as-of",
            "2025-06-01",
        ],
        capture_output=True,
        env={**os.environ, "STC_LANG": "sv", **env},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    encoding = env.get("PYTHONIOENCODING", "ascii")
    text = result.stdout.decode(encoding)  # decodes: nothing outside the encoding
    assert "..." in text or "-" in text
    assert "…" not in text and "–" not in text and "█" not in text
    if encoding == "latin-1":
        assert "Södermalm" in text  # what the encoding holds is kept
    else:
        assert "Sodermalm" in text


@given(st.text(max_size=40))
def test_standins_always_fit(text: str) -> None:
    """Whatever the text, its stand-in form encodes in ASCII and in Latin-1."""
    from stc_plan.render.standins import fit

    fit(text, "ascii").encode("ascii")
    fit(text, "latin-1").encode("latin-1")
    assert fit(text, "utf-8") == text


# --- numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("1e99999", "is not a number"),
        ("1e999999", "is not a number"),
        ("1e5", "is not a number"),
        ("1_000", "is not a number"),
        ("Infinity", "is not a number"),
        ("NaN", "is not a number"),
        ("9" * 5000, "has more than 18 digits (STC_MAX_DIGITS)"),
        ("0." + "1" * 5000, "has more than 18 digits"),
    ],
)
def test_reading_that_is_not_a_plain_number(
    invoke: Invoke, plans: Path, value: str, words: str
) -> None:
    """Wrong usage in one short line, the value cut; nothing written."""
    result = invoke(
        "record",
        "reading",
        "pug-motioner",
        value,
        "--date",
        "2025-03-01",
        "--plan",
        str(plans / "2025.yaml"),
    )
    assert result.exit_code == 2
    assert words in result.stderr and len(result.stderr) < 200
    assert not (plans / "2025.progress.yaml").exists()


def test_reading_with_a_decimal_comma(invoke: Invoke, plans: Path) -> None:
    """3,5 is read as Swedish writes it."""
    result = invoke(
        "record",
        "reading",
        "pug-motioner",
        "3,5",
        "--date",
        "2025-03-01",
        "--plan",
        str(plans / "2025.yaml"),
    )
    assert result.exit_code == 0, result.stderr
    assert "value: 3.5" in (plans / "2025.progress.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("count", "words"),
    [
        ("9" * 5000, "has more than 18 digits"),
        ("1e3", "'1e3' is not a number"),
        ("1_000", "'1_000' is not a number"),
        ("١٢", "'١٢' is not a number"),
        ("12,5", "'12,5' is not a whole number"),
    ],
)
def test_member_count_that_is_not_plain_digits(
    invoke: Invoke, plans: Path, count: str, words: str
) -> None:
    """BRANCH=COUNT takes ASCII digits only (spaces between thousands), and a whole number."""
    result = invoke(
        "record", "members", "2025-03-01", f"syskon={count}", "--plan", str(plans / "2025.yaml")
    )
    assert result.exit_code == 2
    assert words in result.stderr and len(result.stderr) < 200
    assert result.stderr.startswith("stc: syskon=")


def test_limit_variable_with_thousands_of_digits(plans: Path) -> None:
    """STC_MAX_BYTES=999...: wrong usage, the value cut."""
    result = stc("check", str(plans / "2025.yaml"), env={"STC_MAX_BYTES": "9" * 5000})
    one_line(result, 2, "STC_MAX_BYTES must be a positive whole number")
    assert len(result.stderr) < 200


@pytest.mark.parametrize(
    "value", ["1e99999", "1e999999", "9" * 5000, "1" + "0" * 40 + ".5", "0x10", ".inf"]
)
def test_number_in_a_progress_file(plans: Path, value: str) -> None:
    """In the file, such a number is a problem at its line and column."""
    facts = plans / "2025.progress.yaml"
    facts.write_text(
        "version: 1\nyear: 2025\nreadings:\n  - goal: pug-motioner\n    date: 2025-03-01\n"
        f"    value: {value}\n",
        encoding="utf-8",
    )
    result = stc("check", str(plans / "2025.yaml"))
    assert result.returncode == 1
    assert result.stdout.startswith(f"{facts}:6:12: ") and result.stdout.count("\n") == 1


# --- Ctrl-C ---------------------------------------------------------------------------------


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8])
def test_interrupt_at_any_moment(plans: Path, delay: float) -> None:
    """SIGINT during start-up, reading or writing: "stc: interrupted", exit 130, or (before
    Python has a handler at all) death by the signal; never a traceback."""
    proc = subprocess.Popen(
        [str(STC), "status", "--plan", str(plans / "2025.yaml"), "-f", "json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_default_sigint,  # a background shell would have it ignored
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert "Traceback" not in err and "internal error" not in err
    assert proc.returncode in (0, 130, -signal.SIGINT), (proc.returncode, err)
    if proc.returncode != 0:
        assert err in ("stc: interrupted\n", "")


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_interrupt_while_waiting_for_the_lock(plans: Path, held: Callable[[Path], int]) -> None:
    """Ctrl-C in the middle of a run (here: waiting for another writer) is exactly
    "stc: interrupted" and exit 130, and nothing is written."""
    held(plans)
    proc = subprocess.Popen(
        [
            str(STC),
            *CHECKIN,
            "--plan",
            str(plans / "2025.yaml"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_default_sigint,
    )
    assert proc.stderr is not None
    assert proc.stderr.readline().startswith("stc: waiting for ")
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert (proc.returncode, out, err) == (130, "", "stc: interrupted\n")
    assert not (plans / "2025.progress.yaml").exists()


# --- the folder lock ------------------------------------------------------------------------


@pytest.fixture
def held(tmp_path: Path) -> Iterator[Callable[[Path], int]]:
    """Hold a folder's lock from another process: ``held(folder)`` returns its pid."""
    holders: list[subprocess.Popen[str]] = []

    def hold(folder: Path) -> int:
        code = (
            "import fcntl, os, sys, time\n"
            f"fd = os.open({str(folder)!r}, os.O_RDONLY)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\n"
            "print('locked', flush=True)\n"
            "time.sleep(60)\n"
        )
        proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline() == "locked\n"
        holders.append(proc)
        return proc.pid

    yield hold
    for proc in holders:
        proc.kill()
        proc.wait()


def test_lock_says_who_holds_it_then_gives_up(plans: Path, held: Callable[[Path], int]) -> None:
    """After a second: who holds the lock; after STC_LOCK_WAIT seconds: exit 1, unchanged."""
    pid = held(plans)
    result = stc(
        *CHECKIN,
        "--plan",
        str(plans / "2025.yaml"),
        env={"STC_LOCK_WAIT": "2"},
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    holder = f"process {pid} (python" if LINUX else "another program"
    assert len(lines) == 2, lines
    assert lines[0].startswith(f"stc: waiting for {holder}") and "(at most 2 seconds)" in lines[0]
    assert f"is still locked by {holder}" in lines[1] and "nothing was written" in lines[1]
    assert lines[1].endswith("(STC_LOCK_WAIT)")
    assert not (plans / "2025.progress.yaml").exists()


def test_linked_progress_file_is_written_through_and_locked_where_it_lives(
    plans: Path, tmp_path_factory: pytest.TempPathFactory, held: Callable[[Path], int]
) -> None:
    """The link stays a link, its target gets the fact, and the target's folder is locked."""
    elsewhere = tmp_path_factory.mktemp("shared")
    target = elsewhere / "facts.yaml"
    target.write_text("version: 1\nyear: 2025\n", encoding="utf-8")
    link = plans / "2025.progress.yaml"
    link.symlink_to(target)
    args = ["record", "checkin", "fler-medlemmar", "--rating", "on-track", "--date", "2025-03-01"]
    assert stc(*args, "--plan", str(plans / "2025.yaml")).returncode == 0
    assert os.path.islink(link) and "rating: on-track" in target.read_text(encoding="utf-8")
    held(elsewhere)
    blocked = stc(*args, "--plan", str(plans / "2025.yaml"), env={"STC_LOCK_WAIT": "1"})
    assert blocked.returncode == 1 and f"{elsewhere} is still locked" in blocked.stderr


def test_stale_temporary_files_of_ours_are_cleaned_up(invoke: Invoke, plans: Path) -> None:
    """A write killed at the worst moment leaves .NAME.xxxxxxxx.tmp; the next write removes
    it (it holds the lock, so the file's writer is dead), and nothing else."""
    stale = plans / ".2025.progress.yaml.k3j_9x2a.tmp"
    stale.write_text("half", encoding="utf-8")
    other = plans / ".2025.progress.yaml.mine.tmp"
    other.write_text("not ours", encoding="utf-8")
    result = invoke(
        *CHECKIN,
        "--plan",
        str(plans / "2025.yaml"),
    )
    assert result.exit_code == 0, result.stderr
    assert not stale.exists() and other.exists()


def test_lock_core_reports_and_times_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The core: on_wait hears once, then LockTimeout; a free folder locks at once."""
    from stc_plan.write.atomic import LockTimeout, locked

    monkeypatch.setattr(limits, "_current", limits.Limits(lock_wait=2))
    heard: list[Any] = []
    fd = os.open(tmp_path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with (
            pytest.raises(LockTimeout, match="still locked by another program"),
            locked(tmp_path, on_wait=heard.append),
        ):
            pass
    finally:
        os.close(fd)
    assert len(heard) == 1 and heard[0].code == "write.waiting"  # a message, as data
    assert render(heard[0], "en").startswith("waiting for another program")
    with locked(tmp_path, on_wait=heard.append):
        pass
    assert len(heard) == 1
