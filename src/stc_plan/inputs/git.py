"""Read a file as it was at a git revision (``git show REV:./PATH``), for ``stc diff``."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from stc_plan.errors import StcError
from stc_plan.messages import Msg


class GitError(StcError):
    """git could not give the file: no repository, no such revision, or no such path there."""


class NotAtRevision(GitError):
    """The path did not exist at that revision (a file added since)."""


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=60)
    except FileNotFoundError:
        raise GitError(Msg("git.not-installed")) from None


def is_revision(text: str, cwd: Path) -> bool:
    """Whether ``text`` names a commit in the repository at ``cwd``."""
    run = _git(["rev-parse", "--verify", "--quiet", f"{text}^{{commit}}"], cwd)
    return run.returncode == 0


def require_repository(cwd: Path) -> None:
    """GitError unless ``cwd`` is inside a git work tree."""
    inside = _git(["rev-parse", "--is-inside-work-tree"], cwd)
    if inside.returncode != 0:
        raise GitError(
            Msg(
                "git.no-repository",
                folder=cwd.resolve(),
            )
        )


def show(revision: str, path: Path, cwd: Path) -> bytes:
    """The bytes of ``path`` (relative to ``cwd``) at ``revision``."""
    require_repository(cwd)
    if not is_revision(revision, cwd):
        raise GitError(
            Msg(
                "git.no-revision",
                rev=revision,
            )
        )
    rel = path.as_posix() if not path.is_absolute() else _relative(path, cwd)
    run = _git(["show", f"{revision}:./{rel}"], cwd)
    if run.returncode != 0:
        raise NotAtRevision(Msg("git.not-at-revision", path=rel, rev=revision))
    return run.stdout


def _relative(path: Path, cwd: Path) -> str:
    try:
        # realpath, not resolve(): a symlink loop must not raise RuntimeError here.
        real, top = Path(os.path.realpath(path)), Path(os.path.realpath(cwd))
        return real.relative_to(top).as_posix()
    except ValueError:
        raise GitError(Msg("git.outside", path=path, folder=cwd)) from None
