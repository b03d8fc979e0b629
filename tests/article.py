"""Where the content tests find the article (docs/design.md, "Content: the decks and
scenarios"). The article is the team's, kept beside the checkout, not in it:

1. `$WARGAME_ARTICLE`, when it is set (and then nothing else: a wrong setting is an
   error, not a reason to look elsewhere);
2. `shared/article.md` in the repository's parent folder or any folder above it
   (`../shared/article.md` for the team's checkout);
3. the same walk from the repository this one was cloned from, when its origin is a
   folder on this machine (`git clone . /tmp/check`, as CI does).

No machine's path is written here. When nothing is found the tests fail, saying where
they looked and how to set `WARGAME_ARTICLE`."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path("shared") / "article.md"


def candidates(root: Path = ROOT, env: dict[str, str] | None = None) -> list[Path]:
    """Every place the article is looked for, in order."""
    env = dict(os.environ) if env is None else env
    setting = env.get("WARGAME_ARTICLE")
    if setting:
        return [Path(setting).expanduser()]
    places: list[Path] = []
    seen: set[Path] = set()
    for repo in [root, *origins(root)]:
        for folder in repo.resolve().parents:
            if folder not in seen:
                seen.add(folder)
                places.append(folder / SHARED)
    return places


def origins(root: Path, hops: int = 3) -> list[Path]:
    """The local repositories `root` was cloned from (its origin, the origin's origin…),
    nearest first; none when the origin is a URL or git is not at hand."""
    found: list[Path] = []
    repo = root
    for _ in range(hops):
        try:
            url = subprocess.run(["git", "-C", str(repo), "config", "--get",
                                  "remote.origin.url"], capture_output=True, text=True,
                                 timeout=30).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            break
        url = url.removeprefix("file://")
        if not url or not Path(url).is_dir():
            break
        repo = Path(url).resolve()
        if repo == root.resolve() or repo in found:
            break
        found.append(repo)
    return found


def find_article(root: Path = ROOT, env: dict[str, str] | None = None) -> Path | None:
    """The article's path, or None when it is in none of `candidates`."""
    return next((p for p in candidates(root, env) if p.is_file()), None)


def missing_message(root: Path = ROOT, env: dict[str, str] | None = None) -> str:
    looked = "\n".join(f"  {p}" for p in candidates(root, env))
    return ("The article (shared/article.md) was not found. Looked at:\n" + looked
            + "\nSet WARGAME_ARTICLE to its path, e.g. "
              "WARGAME_ARTICLE=/path/to/shared/article.md python -m pytest")
