"""The player's preferences: theme, first-game hints. A small JSON file in the user's
config folder (platformdirs), or in `$WARGAME_CONFIG_DIR` (tests point it at a temporary
folder). A missing or damaged file means the defaults; a write never leaves a half-written
file behind (`wargame.files.write_atomic`)."""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wargame import locations
from wargame.files import write_atomic
from wargame.untrusted import JsonLimits, Untrusted, parse_json, read_file

CONFIG_ENV = "WARGAME_CONFIG_DIR"
FILE_NAME = "settings.json"
MAX_BYTES = 64 * 1024
DARK_THEME = "springboard-dark"
LIGHT_THEME = "springboard-light"
TERMINAL_THEMES = ("ansi-dark", "ansi-light")
"""Textual's themes that use the terminal's own palette."""


def config_dir() -> Path:
    """`$WARGAME_CONFIG_DIR` when set, else the user's config folder
    (`wargame.locations`)."""
    return locations.config_dir()


@dataclass
class Settings:
    theme: str = DARK_THEME
    hints: bool = True
    """Show the first-game hints."""
    seen_hints: list[str] = field(default_factory=list)
    """Hints already shown (each is shown once, until the tutorial is restarted)."""
    path: Path | None = field(default=None, compare=False)

    @classmethod
    def load(cls, folder: Path | None = None) -> Settings:
        """The settings in `folder` (the config folder); the defaults for a file that is
        missing, damaged, or not one this game wrote (read as any file from elsewhere:
        a regular file, small, bounded JSON; see `wargame.untrusted`)."""
        path = (folder or config_dir()) / FILE_NAME
        settings = cls(path=path)
        try:
            data: Any = parse_json(read_file(path, MAX_BYTES, "settings file"),
                                   JsonLimits(max_bytes=MAX_BYTES, max_depth=4,
                                              max_values=500, max_string=200,
                                              what="settings file"))
        except (OSError, Untrusted):
            return settings
        if not isinstance(data, dict):
            return settings
        if isinstance(data.get("theme"), str) and len(data["theme"]) < 60:
            settings.theme = data["theme"]
        if isinstance(data.get("hints"), bool):
            settings.hints = data["hints"]
        seen = data.get("seen_hints")
        if isinstance(seen, list):
            settings.seen_hints = [s for s in seen[:100] if isinstance(s, str) and len(s) < 60]
        return settings

    def to_data(self) -> dict[str, Any]:
        return {"theme": self.theme, "hints": self.hints, "seen_hints": list(self.seen_hints)}

    def save(self) -> None:
        """Write the settings; a failure (read-only home, full disk) is not worth a crash:
        the game goes on with the settings in memory."""
        if self.path is None:
            return
        with contextlib.suppress(OSError):
            write_atomic(self.path, json.dumps(self.to_data(), indent=2).encode("utf-8"))

    def wants_hint(self, key: str) -> bool:
        return self.hints and key not in self.seen_hints

    def mark_seen(self, key: str) -> None:
        if key not in self.seen_hints:
            self.seen_hints.append(key)
            self.save()

    def restart_tutorial(self) -> None:
        self.hints = True
        self.seen_hints.clear()
        self.save()
