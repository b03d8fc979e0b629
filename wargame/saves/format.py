"""The save format: the document a game is written as (`save_document`), its bytes
(`encode`: the same game, the same bytes), and the migrations that bring a file of an
older format up to this one (`migrate`). See "Save format" in docs/design.md."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .. import __version__
from ..engine import ROLES, Ruleset, edition
from .model import Checkpoint, Final, Note, Parent, RecordedAction, SaveError, Seat

FORMAT = "wargame-save"
FORMAT_VERSION = 2
"""1: wargame 0.1 (rules edition 1, not named in the file); 2: names its rules edition."""
SUFFIX = ".json"


def save_document(*, game_id: str, seed: int, turns: int, seats: Mapping[str, Seat],
                  ruleset: Ruleset, record: Sequence[RecordedAction],
                  checkpoints: Sequence[Checkpoint], final: Final,
                  notes: Sequence[Note] = (), parent: Parent | None = None,
                  sections: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The plain data of a save, in the current format, fields in file order."""
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "game_version": __version__,
        "game": game_id,
        "scenario": ruleset.scenario.id,
        "edition": {"number": ruleset.edition, "draft": edition(ruleset.edition).draft},
        "seed": seed,
        "turns": turns,
        "players": {role: seats[role].to_data() for role in ROLES},
        "parent": parent.to_data() if parent else None,
        "ruleset": {"digest": ruleset.digest, "data": ruleset.data},
        "actions": [r.to_data() for r in record],
        "digests": [c.to_data() for c in checkpoints],
        "final": final.to_data(),
        "notes": [n.to_data() for n in notes],
        "sections": dict(sections or {}),
    }


_ONE_PER_LINE = ("actions", "digests", "notes")


def encode(document: Mapping[str, Any]) -> bytes:
    """UTF-8 JSON: one header field per line, one action, digest or note per line, the
    embedded decks on one line. Same document, same bytes."""

    def dumps(value: Any, compact: bool = False) -> str:
        return json.dumps(value, ensure_ascii=False, allow_nan=False,
                          separators=(",", ":") if compact else (", ", ": "))

    lines = []
    for key, value in document.items():
        if key in _ONE_PER_LINE and isinstance(value, list) and value:
            items = ",\n".join(f"  {dumps(item)}" for item in value)
            lines.append(f" {dumps(key)}: [\n{items}\n ]")
        else:
            lines.append(f" {dumps(key)}: {dumps(value, compact=key == 'ruleset')}")
    return ("{\n" + ",\n".join(lines) + "\n}\n").encode("utf-8")



# -- migration --------------------------------------------------------------------------

Migration = Callable[[dict[str, Any]], dict[str, Any]]

def _name_the_edition(data: dict[str, Any]) -> dict[str, Any]:
    """Format 1 (wargame 0.1) to 2: every game of 0.1 was played under rules edition 1."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        out[key] = value
        if key == "scenario":
            out["edition"] = {"number": 1, "draft": None}
    out.setdefault("edition", {"number": 1, "draft": None})
    out["version"] = 2
    return out


MIGRATIONS: dict[int, Migration] = {1: _name_the_edition}
"""`MIGRATIONS[n]` upgrades the plain data of a version-n save to version n + 1 (and
sets `version`). Add one whenever FORMAT_VERSION goes up; the example saves in `saves/`
are the golden files that every version must still load and verify."""


def migrate(data: dict[str, Any], path: str) -> dict[str, Any]:
    """Upgrade plain save data to the current format, one version at a time."""
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise SaveError(path, "the format version must be a whole number", "version")
    if version > FORMAT_VERSION:
        raise SaveError(path, f"written by a newer version of the game (save format "
                        f"{version}; this game reads formats up to {FORMAT_VERSION}): "
                        "update the game to open it")
    if version < 1:
        raise SaveError(path, f"unknown save format version {version}", "version")
    while version < FORMAT_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise SaveError(path, f"save format {version} can no longer be upgraded by "
                            "this version of the game")
        try:
            data = step(data)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            raise SaveError(path, f"cannot upgrade from save format {version}: "
                            f"{type(exc).__name__}: {exc}") from None
        if not isinstance(data, dict) or data.get("version") != version + 1:
            raise SaveError(path, f"the upgrade from save format {version} went wrong")
        version += 1
    return data


