"""Writes that cannot lose data: a lock, a check that nobody changed the file meanwhile, and
an atomic replace (temporary file, fsync, rename), so a crash leaves the old file whole."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from stc_plan.errors import StcError
from stc_plan.i18n import say


class WriteFailed(StcError):
    """A file could not be written; the original is unchanged."""


class FileChanged(StcError):
    """The file changed on disk after it was read; writing would overwrite someone's change."""


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` while writing in it.

    The lock is on the folder itself (flock on a directory descriptor), so no lock file is
    left in a user's repository. Two ``stc record`` runs in one folder take turns.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows has no flock; writes stay atomic
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        raise WriteFailed(
            say("{folder}: cannot open the folder: {reason}", folder=folder, reason=exc.strerror)
        ) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def read_or_none(path: Path) -> bytes | None:
    """The file's bytes, or None when it does not exist yet."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def replace_atomically(path: Path, data: bytes, *, expected: bytes | None) -> None:
    """Write ``data`` to ``path`` atomically, if its content is still ``expected``.

    ``expected`` is what was read (None: the file did not exist). The caller holds the lock.
    """
    try:
        if path.exists() and not path.stat().st_mode & 0o222:
            raise WriteFailed(
                say(
                    "{path} is read-only; nothing was written (make it writable if it should "
                    "change)",
                    path=path,
                )
            )
    except OSError:
        pass
    if read_or_none(path) != expected:
        raise FileChanged(
            say(
                "{path} changed on disk while stc was writing it; nothing was written: run the "
                "command again",
                path=path,
            )
        )
    folder = path.parent
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
            say(
                "{path}: cannot write: {reason}; the file is unchanged",
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


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return say("the disk is full")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return say("permission denied")
    return exc.strerror or str(exc)
