"""Writes that cannot lose data: a lock, a check that nobody changed the file meanwhile, and
an atomic replace (temporary file, fsync, rename), so a crash leaves the old file whole."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from stc_plan.errors import StcError, one_line
from stc_plan.messages import Msg


class WriteFailed(StcError):
    """A file could not be written; the original is unchanged."""


class FileChanged(StcError):
    """The file changed on disk after it was read; writing would overwrite someone's change."""


class LockTimeout(StcError):
    """Another process held the folder's lock for longer than stc waits; nothing was written."""


TELL_AFTER = 1.0  # seconds of waiting before saying who holds the lock


@contextlib.contextmanager
def locked(folder: Path, *, on_wait: Callable[[Msg | str], None] | None = None) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` while writing in it.

    The lock is on the folder itself (flock on a directory descriptor), so no lock file is
    left in a user's repository. Two ``stc record`` runs in one folder take turns. After a
    second of waiting ``on_wait`` is told who holds the lock; after STC_LOCK_WAIT seconds
    (default 30) the wait ends in LockTimeout.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows has no flock; writes stay atomic
        yield
        return
    from stc_plan.parse import limits

    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        raise WriteFailed(Msg("write.folder", folder=folder, reason=exc.strerror)) from None
    try:
        wait = limits.current().lock_wait
        start = time.monotonic()
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                pass
            waited = time.monotonic() - start
            # Told before giving up, even if the machine stalled past both moments at once.
            if not told and waited >= min(TELL_AFTER, wait) and on_wait is not None:
                on_wait(
                    Msg(
                        "write.waiting",
                        holder=_holder(fd),
                        folder=folder,
                        n=wait,
                    )
                )
                told = True
            if waited >= wait:
                raise LockTimeout(
                    Msg(
                        "write.lock-timeout",
                        folder=folder,
                        holder=_holder(fd),
                        n=wait,
                        var=limits.ENV["lock_wait"],
                    )
                )
            time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _holder(fd: int) -> Msg | str:
    """Who holds the lock on the folder open at ``fd``: "process 123 (stc)" where Linux says.

    Only the process id and its program name are shown, never its arguments (a note given
    on the command line could name a person).
    """
    inode = os.fstat(fd).st_ino
    try:
        with open("/proc/locks", encoding="ascii", errors="replace") as locks:
            for line in locks:
                fields = line.split()
                # "1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF"
                if len(fields) >= 6 and fields[1] == "FLOCK" and fields[3] == "WRITE":
                    pid, where = fields[4], fields[5]
                    if where.rsplit(":", 1)[-1] == str(inode) and pid != str(os.getpid()):
                        return Msg("write.process", pid=pid, name=_program(pid))
    except OSError:
        pass
    return Msg("write.another-program")


def _program(pid: str) -> str:
    try:
        with open(f"/proc/{pid}/comm", encoding="utf-8", errors="replace") as comm:
            return one_line(comm.read().strip()) or "?"
    except OSError:
        return "?"


def read_or_none(path: Path) -> bytes | None:
    """The file's bytes, or None when it does not exist yet.

    Read as every input is (``load.read.read_bytes``): a FIFO or a device is refused, never
    waited on or read without end.
    """
    from stc_plan.parse.source import read_bytes

    try:
        os.stat(path)
    except FileNotFoundError:
        return None
    except OSError:
        pass  # read_bytes says why in words
    return read_bytes(path)


def real_target(path: Path) -> Path:
    """Where a write to ``path`` lands: through symbolic links, to a regular file or a new one.

    A link is written through to its target (and the lock taken where the target lives), so
    a linked progress file stays linked. A device, a FIFO, a socket or a folder is refused,
    never replaced: writing goes by renaming a new file over the old one, which would turn
    /dev/null into a regular file when run as root.
    """
    import stat

    # Only a link in the last part matters: the kernel follows the folders' links itself.
    real = Path(os.path.realpath(path)) if os.path.islink(path) else path
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return real  # a new file
    except OSError as exc:
        from stc_plan.parse.source import reason_for

        raise WriteFailed(
            Msg(
                "write.failed",
                path=path,
                reason=reason_for(exc),
            )
        ) from None
    if stat.S_ISDIR(mode):
        raise WriteFailed(Msg("write.is-folder", file=path))
    if not stat.S_ISREG(mode):
        raise WriteFailed(
            Msg(
                "write.not-regular",
                file=path,
            )
        )
    return real


def _remove_stale_temporaries(path: Path) -> None:
    """Delete temporary files of ours that a killed write left beside ``path``.

    The caller holds the folder's lock, and every writer holds it from before its temporary
    file exists until after the rename: any such file found now belongs to a dead writer.
    Only names exactly of our pattern are touched, so `git add -A` never finds one for long.
    """
    import re

    pattern = re.compile(re.escape(f".{path.name}.") + r"[a-z0-9_]{8}\.tmp")
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def make_folder(folder: Path) -> None:
    """``folder`` and its parents, made where missing; WriteFailed where one cannot be (a
    file stands in the way, no permission), never an OSError's traceback."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteFailed(Msg("write.folder", folder=folder, reason=exc.strerror)) from None


def replace_atomically(path: Path, data: bytes, *, expected: bytes | None) -> None:
    """Write ``data`` to ``path`` atomically, if its content is still ``expected``.

    ``expected`` is what was read (None: the file did not exist). The caller holds the lock.
    """
    try:
        if path.exists() and not path.stat().st_mode & 0o222:
            raise WriteFailed(
                Msg(
                    "write.read-only",
                    path=path,
                )
            )
    except OSError:
        pass
    if read_or_none(path) != expected:
        raise FileChanged(
            Msg(
                "write.changed-on-disk",
                path=path,
            )
        )
    folder = path.parent
    _remove_stale_temporaries(path)
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()  # a new file gets the usual permissions, not mkstemp's 0600
    tmp_name = None
    try:
        with tempfile.NamedTemporaryFile(
            dir=folder, prefix=f".{path.name}.", suffix=".tmp", delete=False
        ) as tmp:
            tmp_name = tmp.name
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
        tmp_name = None
        _fsync_folder(folder)
    except OSError as exc:
        raise WriteFailed(
            Msg(
                "write.failed",
                path=path,
                reason=_reason(exc),
            )
        ) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _fsync_folder(folder: Path) -> None:
    # The rename is durable only once the folder's entry is on disk too.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _reason(exc: OSError) -> Msg | str:
    if exc.errno == errno.ENOSPC:
        return Msg("write.disk-full")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return Msg("file.permission-denied")
    return exc.strerror or str(exc)
