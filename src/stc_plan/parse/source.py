"""The ground floor's door: a file's bytes, read safely, or a reason a person understands.

Only regular files are read, never more than a size limit, whatever the file says of itself.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from stc_plan.errors import FileUnreadable
from stc_plan.messages import Msg


def read_bytes(path: Path, *, limit: str = "max_bytes", suffix: str = ".yaml") -> bytes:
    """The file's bytes, or FileUnreadable with a reason a person understands (a folder
    asks for a file ending in ``suffix``: the kind the command reads).

    Only a regular file is read: a FIFO would block for ever and a device such as /dev/zero
    never ends, so anything else is refused before it is opened for reading. It is opened
    without blocking and checked again on the open descriptor (the path could be swapped in
    between), and at most the size limit plus one byte is read, whatever the size it reports.
    """
    import stat

    from stc_plan.parse import limits

    cap: int = getattr(limits.current(), limit)  # which limit: a plan's or an export's
    try:
        _check_kind(path, os.stat(path).st_mode, suffix)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise FileUnreadable(path, reason_for(exc, suffix)) from None
    try:
        info = os.fstat(fd)
        _check_kind(path, info.st_mode, suffix)
        if stat.S_ISREG(info.st_mode) and info.st_size > cap:
            raise _too_big(path, info.st_size, cap, limit)
        chunks: list[bytes] = []
        total = 0
        while total <= cap:
            chunk = os.read(fd, min(1 << 20, cap + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > cap:  # the file grew, or its size was not what stat said
            raise _too_big(path, None, cap, limit)
        return b"".join(chunks)
    except OSError as exc:
        raise FileUnreadable(path, reason_for(exc, suffix)) from None
    finally:
        os.close(fd)


def present(path: Path) -> bool:
    """Whether something is at ``path``: a file, or a link loop or a FIFO to be refused when
    read (``Path.exists()`` says False for a loop, and the file would pass as missing)."""
    try:
        os.stat(path)
    except FileNotFoundError:
        return False
    except OSError:
        return True
    return True


def _check_kind(path: Path, mode: int, suffix: str) -> None:
    import stat

    if stat.S_ISDIR(mode):
        raise FileUnreadable(path, Msg("file.is-folder", suffix=suffix))
    if not stat.S_ISREG(mode):
        kind = (
            Msg("file.kind.fifo")
            if stat.S_ISFIFO(mode)
            else Msg("file.kind.device")
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else Msg("file.kind.socket")
            if stat.S_ISSOCK(mode)
            else Msg("file.kind.other")
        )
        raise FileUnreadable(path, Msg("file.not-regular", kind=kind))


def _too_big(path: Path, size: int | None, limit: int, name: str) -> FileUnreadable:
    """Over the size limit: ``size`` as stat gave it, or None when found by reading."""
    from stc_plan.parse import limits

    var = limits.ENV[name]
    if size is None:
        return FileUnreadable(
            path,
            Msg(
                "file.grew-too-big",
                limit=_size(limit),
                var=var,
            ),
        )
    return FileUnreadable(
        path,
        Msg(
            "file.too-big",
            size=_size(size),
            limit=_size(limit),
            var=var,
        ),
    )


def reason_for(exc: OSError, suffix: str = ".yaml") -> Msg | str:
    """An OSError as a reason a person can act on (``suffix``: the kind of file asked for)."""
    if exc.errno == errno.ENOENT:
        return Msg("file.missing")
    if exc.errno == errno.EISDIR:
        return Msg("file.is-folder", suffix=suffix)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return Msg("file.permission-denied")
    if exc.errno == errno.ELOOP:
        return Msg("file.link-loop")
    if exc.errno == errno.ENOTDIR:
        return Msg("file.path-through-file")
    if exc.errno == errno.ENAMETOOLONG:
        return Msg("file.name-too-long")
    return exc.strerror or str(exc)


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1048576:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} kB"
    return f"{n} bytes"
