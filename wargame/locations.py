"""Where the game's files live: every folder the game reads from or writes to is chosen
here, and nowhere else (like Posting's `locations.py`).

Each folder has an environment variable that overrides it (the test suite points them
at temporary folders); without one, the user's data or config folder of the platform
(`platformdirs`):

| folder | override | default |
| --- | --- | --- |
| saves | `$WARGAME_SAVE_DIR` | `<user data>/saves` |
| hosted games | `$WARGAME_GAMES_DIR` | `<user data>/games` |
| classes (`wargame class`) | (the hosted games') | `<games>/classes/<name>`, created when needed |
| screenshots (the palette's) | (the saves') | `<saves>/screenshots`, created when needed |
| settings | `$WARGAME_CONFIG_DIR` | `<user config>` |
| the shipped decks | (none) | `wargame/_decks` when installed, `decks/` in a checkout |
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "wargame"
SAVE_DIR_ENV = "WARGAME_SAVE_DIR"
GAMES_DIR_ENV = "WARGAME_GAMES_DIR"
CONFIG_DIR_ENV = "WARGAME_CONFIG_DIR"

__all__ = ["classes_dir", "config_dir", "data_dir", "games_dir", "review_cache",
           "save_dir", "screenshot_dir", "shipped_decks_dir"]


def _override(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value) if value else None


def data_dir() -> Path:
    """The user's data folder for the game (platformdirs): saves and hosted games."""
    import platformdirs  # slow to import; only the commands that write need it

    return Path(platformdirs.user_data_dir(APP))


def save_dir() -> Path:
    """Where new games are saved: `$WARGAME_SAVE_DIR` when set, else `saves/` in the
    user's data folder."""
    return _override(SAVE_DIR_ENV) or data_dir() / "saves"


def screenshot_dir(saves: Path | None = None) -> Path:
    """Where the palette's Screenshot writes: `screenshots/` in the save folder (`saves`,
    else `save_dir()`), which the game creates; Textual's default, the Downloads
    folder, is missing from a fresh home."""
    return (saves if saves is not None else save_dir()) / "screenshots"


def review_cache(save: Path) -> Path:
    """Where the review of `save` is cached: beside it, `.NAME.review.json` (hidden, so
    no list of saves takes it for one, and never the save itself)."""
    return save.parent / f".{save.name}.review.json"


def games_dir() -> Path:
    """Where hosted games live: `$WARGAME_GAMES_DIR` when set, else `games/` in the
    user's data folder."""
    return _override(GAMES_DIR_ENV) or data_dir() / "games"


def classes_dir(games: Path | None = None) -> Path:
    """Where classes live (`wargame class`): `classes/` in the hosted games' folder
    (`games`, else `games_dir()`), one folder a class; its tables are hosted games of
    that folder."""
    return (games if games is not None else games_dir()) / "classes"


def config_dir() -> Path:
    """Where the player's settings live: `$WARGAME_CONFIG_DIR` when set, else the user's
    config folder."""
    override = _override(CONFIG_DIR_ENV)
    if override is not None:
        return override
    import platformdirs

    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def shipped_decks_dir() -> Path:
    """The decks that come with the game: inside the installed package (`_decks`), or the
    `decks/` folder of a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_decks", here.parent / "decks"):
        if (candidate / "scenarios").is_dir():
            return candidate
    raise FileNotFoundError("the game's decks are missing: reinstall the game")
