"""Where saves live: the folder new games go to (`wargame.locations`), the saves in a
folder newest first, and a new file name no other game can take."""

from __future__ import annotations

import itertools
import os
import stat
from pathlib import Path

from .. import locations
from ..files import clean_stale
from .format import SUFFIX


def default_save_dir() -> Path:
    """`$WARGAME_SAVE_DIR` when set, else the user's data folder (platformdirs)."""
    return locations.save_dir()


def save_files(folder: str | os.PathLike[str]) -> list[Path]:
    """The save files in `folder`, newest first. Temporary files are skipped (and those
    a killed process left behind are removed), and so are empty files: a save being
    created, or one whose creation failed, never hides the saves before it."""
    base = Path(folder)
    if not base.is_dir():
        return []
    clean_stale(base)
    found = []
    for path in base.glob(f"*{SUFFIX}"):
        if path.name.startswith("."):
            continue
        try:
            info = path.stat()
            if stat.S_ISREG(info.st_mode) and info.st_size > 0:
                found.append((info.st_mtime_ns, path.name, path))
        except OSError:
            continue
    found.sort(reverse=True)
    return [path for _, _, path in found]


def reserve_path(folder: str | os.PathLike[str], stem: str) -> Path:
    """A new file name `stem.json` (or `stem-2.json`...) in `folder`, created empty so
    that two games started at once never share it."""
    base = Path(folder)
    base.mkdir(parents=True, exist_ok=True)
    for n in itertools.count(1):
        path = base / (f"{stem}{SUFFIX}" if n == 1 else f"{stem}-{n}{SUFFIX}")
        try:
            with open(path, "x"):
                return path
        except FileExistsError:
            continue
    raise AssertionError("unreachable")


