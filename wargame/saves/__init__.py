"""Saved games: a versioned JSON format that replays exactly.

A save holds everything needed to play a game again, move by move: the seed, who sat in
each seat, the decks and scenario themselves (embedded, so the save still replays after
`decks/` changes), every action applied (`Advance` included) with who gave it and why,
and the digest of the state at the end of every turn. Loading a save replays it through
the engine and checks every digest, so a save that loads is a save that replays.

One module a job:

- `model`: the values (`Seat`, `RecordedAction`, `Note`, `Checkpoint`, `Final`,
  `Parent`, `SaveData`) and `SaveError`, the one error for a save that cannot be used;
- `format`: the document, its bytes (`encode`) and the migrations from older formats;
- `reading`: a file from someone else to checked `SaveData`, executing nothing, every
  value checked against explicit bounds (`read`, `decode`, `check_section`);
- `replaying`: the actions played again and every digest compared (`replay`, `verify`);
- `folder`: where saves live, the newest first, and new file names.

Writing goes through `wargame.files.write_atomic` (a temporary file, fsynced, renamed,
the folder fsynced), so a crash or a full disk never leaves a half-written save or loses
the previous one. See "Save format" in docs/design.md.
"""

from __future__ import annotations

from ..files import STALE_SECONDS, clean_stale, write_atomic
from .folder import default_save_dir, reserve_path, save_files
from .format import (
    FORMAT,
    FORMAT_VERSION,
    MIGRATIONS,
    SUFFIX,
    Migration,
    encode,
    migrate,
    save_document,
)
from .model import (
    BOT_LEVELS,
    UMPIRE,
    AutosaveError,
    Checkpoint,
    Divergence,
    Final,
    Note,
    Parent,
    RecordedAction,
    SaveData,
    SaveError,
    Seat,
    checkpoint,
    final_of,
    turn_ended,
    turn_label,
)
from .reading import (
    HEADER,
    MAX_ACTIONS,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_INT,
    MAX_INT_DIGITS,
    MAX_NODES,
    MAX_NOTE,
    MAX_NOTES,
    MAX_REASON,
    MAX_SECTIONS,
    MAX_STRING,
    MAX_TRACKS,
    SectionError,
    check_section,
    decode,
    limits,
    nesting_depth,
    parse,
    read,
    sections_before,
)
from .replaying import Verified, load, replay, verify

__all__ = [
    "BOT_LEVELS",
    "FORMAT",
    "FORMAT_VERSION",
    "HEADER",
    "MAX_ACTIONS",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_INT",
    "MAX_INT_DIGITS",
    "MAX_NODES",
    "MAX_NOTE",
    "MAX_NOTES",
    "MAX_REASON",
    "MAX_SECTIONS",
    "MAX_STRING",
    "MAX_TRACKS",
    "MIGRATIONS",
    "STALE_SECONDS",
    "SUFFIX",
    "UMPIRE",
    "AutosaveError",
    "Checkpoint",
    "Divergence",
    "Final",
    "Migration",
    "Note",
    "Parent",
    "RecordedAction",
    "SaveData",
    "SaveError",
    "Seat",
    "SectionError",
    "Verified",
    "check_section",
    "checkpoint",
    "clean_stale",
    "decode",
    "default_save_dir",
    "encode",
    "final_of",
    "limits",
    "load",
    "migrate",
    "nesting_depth",
    "parse",
    "read",
    "replay",
    "reserve_path",
    "save_document",
    "save_files",
    "sections_before",
    "turn_ended",
    "turn_label",
    "verify",
    "write_atomic",
]
