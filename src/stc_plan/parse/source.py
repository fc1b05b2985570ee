"""The ground floor's door: a file's bytes, read safely, or a reason a person understands.

Only regular files are read, never more than a size limit, whatever the file says of itself.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from stc_plan.errors import FileUnreadable
from stc_plan.i18n import say


def read_bytes(path: Path, *, limit: str = "max_bytes") -> bytes:
    """The file's bytes, or FileUnreadable with a reason a person understands.

    Only a regular file is read: a FIFO would block for ever and a device such as /dev/zero
    never ends, so anything else is refused before it is opened for reading. It is opened
    without blocking and checked again on the open descriptor (the path could be swapped in
    between), and at most the size limit plus one byte is read, whatever the size it reports.
    """
    import stat

    from stc_plan.parse import limits

    cap: int = getattr(limits.current(), limit)  # which limit: a plan's or an export's
    try:
        _check_kind(path, os.stat(path).st_mode)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise FileUnreadable(path, reason_for(exc)) from None
    try:
        info = os.fstat(fd)
        _check_kind(path, info.st_mode)
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
        raise FileUnreadable(path, reason_for(exc)) from None
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


def _check_kind(path: Path, mode: int) -> None:
    import stat

    if stat.S_ISDIR(mode):
        raise FileUnreadable(path, say("it is a folder; name a .yaml file in it"))
    if not stat.S_ISREG(mode):
        kind = (
            say("a FIFO (named pipe)")
            if stat.S_ISFIFO(mode)
            else say("a device")
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else say("a socket")
            if stat.S_ISSOCK(mode)
            else say("not a regular file")
        )
        raise FileUnreadable(
            path, say("it is {kind}, not a file; name a file saved on disk", kind=kind)
        )


def _too_big(path: Path, size: int | None, limit: int, name: str) -> FileUnreadable:
    """Over the size limit: ``size`` as stat gave it, or None when found by reading."""
    from stc_plan.parse import limits

    var = limits.ENV[name]
    if size is None:
        return FileUnreadable(
            path,
            say(
                "it holds more than the limit of {limit} ({var}); is this the right file?",
                limit=_size(limit),
                var=var,
            ),
        )
    return FileUnreadable(
        path,
        say(
            "it is {size}, more than the limit of {limit} ({var}); is this the right file?",
            size=_size(size),
            limit=_size(limit),
            var=var,
        ),
    )


def reason_for(exc: OSError) -> str:
    """An OSError as a reason a person can act on."""
    if exc.errno == errno.ENOENT:
        return say("no such file; check the path")
    if exc.errno == errno.EISDIR:
        return say("it is a folder; name a .yaml file in it")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return say("permission denied")
    if exc.errno == errno.ELOOP:
        return say("a symbolic link that leads back to itself; point it at a file")
    if exc.errno == errno.ENOTDIR:
        return say("a part of the path is a file, not a folder; check the path")
    if exc.errno == errno.ENAMETOOLONG:
        return say("the name is too long; check the path")
    return exc.strerror or str(exc)


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1048576:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} kB"
    return f"{n} bytes"
