"""The website's files written as a whole: into a new folder beside the target, then swapped
in by renames, so the target is the previous build or the new one, never a mix. A folder
that is not an stc build (no marker file) is replaced only when forced."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from stc_plan.errors import StcError
from stc_plan.messages import Msg
from stc_plan.write.atomic import WriteFailed, _reason, locked, make_folder


class NotASite(StcError):
    """The output folder holds files that are not an earlier build of the site."""


def write_site(
    target: Path,
    files: dict[str, bytes],
    *,
    marker: str,
    force: bool = False,
    on_wait: Callable[[Msg | str], None] | None = None,
) -> None:
    """Replace the folder ``target`` by ``files`` (relative paths with ``/``).

    The new build is written in full to ``.NAME.new`` beside it first; only then is the old
    folder renamed away (``.NAME.old``) and the new one renamed into place. A build that
    fails part-way leaves ``target`` as it was; one interrupted between the two renames is
    put right by the next run (the old folder is renamed back before anything else).
    """
    target = Path(os.path.abspath(target))
    parent = target.parent
    make_folder(parent)
    new = parent / f".{target.name}.new"
    old = parent / f".{target.name}.old"
    with locked(parent, on_wait=on_wait):
        if not target.exists() and old.is_dir() and (old / marker).is_file():
            os.rename(old, target)  # a swap was cut short: the old build back first
        if target.exists() and not force and not _is_build(target, marker):
            raise NotASite(Msg("site.not-a-build", path=target))
        try:
            _clear(new)
            for name, data in files.items():
                path = new.joinpath(*name.split("/"))
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
            _clear(old)
            if target.exists():
                os.rename(target, old)
            os.rename(new, target)
        except OSError as exc:
            with contextlib.suppress(OSError):
                _clear(new)
            raise WriteFailed(Msg("write.failed", path=target, reason=_reason(exc))) from None
        with contextlib.suppress(OSError):
            _clear(old)


def _is_build(folder: Path, marker: str) -> bool:
    """An earlier build (its marker), or an empty folder."""
    if not folder.is_dir():
        return False
    return (folder / marker).is_file() or not any(folder.iterdir())


def _clear(folder: Path) -> None:
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.exists():
        shutil.rmtree(folder)
