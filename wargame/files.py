"""Writing files so that a crash, a full disk or a killed process never leaves half of
one: `write_atomic` is the one way the game writes a file (saves, hosted games, the
player's settings, reports and every command's `--output`).

The bytes go to a temporary file in the same folder (`.name.XXXXXXXX.tmp`), which is
flushed and fsynced, then renamed over the target with `os.replace` (or linked to a name
that must not exist yet), and the folder is fsynced so that the rename itself survives a
power cut. On any failure the temporary file is removed and the old file is left byte
for byte. See "Writing safely" in docs/design.md.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from pathlib import Path

__all__ = ["STALE_SECONDS", "clean_stale", "write_atomic"]

STALE_SECONDS = 600
"""A temporary file of the game this old was left by a process that was killed: writing
one takes milliseconds."""
_TEMPORARY = re.compile(r"^\.(?:.+\.[A-Za-z0-9_]{6,}|report-[A-Za-z0-9_]+|"
                        r"new-game\.[A-Za-z0-9_]+|settings-[A-Za-z0-9_]+)\.tmp$")
"""The game's own temporary files: `write_atomic`'s, and the names older versions used
for reports, new hosted games and settings."""


def write_atomic(path: str | os.PathLike[str], data: bytes, mode: int = 0o644, *,
                 replace: bool = True) -> Path:
    """Write `data` to `path` so that the file is always either the old one or the new
    one: a temporary file in the same folder, flushed, fsynced, renamed over the old,
    then the folder fsynced. On any failure the temporary file is removed and the old
    file is left as it was. The file gets `mode` (0o600: only this user may read it).
    With `replace=False` an existing file is never replaced: FileExistsError instead
    (two processes choosing the same name get one file each or that error). Temporary
    files of the same target left by a process killed while writing are removed."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, mode)
        if replace:
            os.replace(tmp, target)
        else:
            os.link(tmp, target)  # a link, unlike a rename, fails on an existing name
            os.unlink(tmp)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(target.parent)
    clean_stale(target.parent, f".{target.name}.")
    return target


def clean_stale(folder: str | os.PathLike[str], prefix: str = ".") -> int:
    """Remove the game's own temporary files in `folder` (names starting with `prefix`)
    older than STALE_SECONDS; returns how many. Never fails: a file that cannot be
    removed stays."""
    removed = 0
    now = time.time()
    try:
        names = [n for n in os.listdir(folder) if n.startswith(prefix) and _TEMPORARY.match(n)]
    except OSError:
        return 0
    for name in names:
        path = os.path.join(folder, name)
        with contextlib.suppress(OSError):
            info = os.lstat(path)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_SECONDS:
                os.unlink(path)
                removed += 1
    return removed


def _sync_folder(folder: Path) -> None:
    # Make the rename itself durable; not every platform can open a folder.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
