"""``stc init``'s write: a new plan repository's files (``render/repo.py``) into a folder,
none of them over an existing file unless asked, and nothing at all if one would be."""

from __future__ import annotations

from pathlib import Path

from stc_plan.errors import StcError
from stc_plan.messages import Msg


class InitRefused(StcError):
    """A file ``stc init`` would write exists (and ``force`` was not given); nothing written."""


def write_repo(folder: Path, files: dict[str, str], *, force: bool = False) -> list[Path]:
    """Write ``files`` (path from the top folder → text) into ``folder``; raises InitRefused
    (nothing written) where one exists and ``force`` is not given. Returns the paths."""
    from stc_plan.write.atomic import make_folder, read_or_none, real_target, replace_atomically

    paths = {folder / name: text for name, text in files.items()}
    existing = [p for p in paths if p.exists()]
    if existing and not force:
        raise InitRefused(Msg("write.exists", file=existing[0]))
    for path, text in paths.items():
        make_folder(path.parent)
        target = real_target(path)
        replace_atomically(target, text.encode("utf-8"), expected=read_or_none(target))
    return list(paths)
