"""A full disk, a folder that cannot be written, a process killed while writing: a clear
message, the game goes on where it can, no empty file ever replaces or hides a good save,
and the temporary files a killed process left are cleaned. Issue 15, "What was found" 6
and the hosted save's permissions of 10."""

from __future__ import annotations

import asyncio
import errno
import os
import stat
import time

import pytest
from tui_pilot import screen_text, settle, wait_for

from wargame import saves
from wargame.engine import ROLES
from wargame.saves import SaveError, Seat
from wargame.session import Session

BOTS_BUT_OPPOSITION = {r: Seat(r, "bot", "easy") for r in ROLES} | {
    "opposition": Seat("opposition")}


@pytest.fixture(autouse=True)
def _config_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("WARGAME_CONFIG_DIR", str(tmp_path / "config"))


def no_room(monkeypatch, error=errno.ENOSPC, text="No space left on device"):
    def full(*args, **kwargs):
        raise OSError(error, text)

    monkeypatch.setattr(saves, "write_atomic", full)


def test_a_game_that_cannot_start_on_a_full_disk_leaves_no_empty_save(ruleset, tmp_path,
                                                                       monkeypatch):
    good = Session.new(ruleset, 1, BOTS_BUT_OPPOSITION, save_dir=tmp_path)
    good.run()
    no_room(monkeypatch)
    with pytest.raises(SaveError, match="No space left on device"):
        Session.new(ruleset, 2, BOTS_BUT_OPPOSITION, save_dir=tmp_path)
    with pytest.raises(SaveError, match="No space left on device"):
        good.branch(1, save_dir=tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [good.path.name]
    assert Session.latest(tmp_path) == good.path


def test_an_empty_file_never_hides_the_good_save_before_it(ruleset, tmp_path):
    good = Session.new(ruleset, 1, BOTS_BUT_OPPOSITION, save_dir=tmp_path)
    time.sleep(0.01)
    (tmp_path / "zz-left-by-an-old-version.json").write_bytes(b"")
    assert Session.latest(tmp_path) == good.path
    assert saves.save_files(tmp_path) == [good.path]


def test_resume_on_a_read_only_folder_plays_on_with_one_clear_message(ruleset, tmp_path,
                                                                      monkeypatch):
    from wargame.tui.app import Resume, SpringboardApp
    from wargame.tui.settings import Settings

    session = Session.new(ruleset, 5, BOTS_BUT_OPPOSITION, save_dir=tmp_path, turns=2)
    session.run()
    session.apply(session.view("opposition").legal_orders()[0])
    assert session.state.phase != "orders"  # saved where the month resolves by itself
    before = session.path.read_bytes()
    no_room(monkeypatch, errno.EROFS, "Read-only file system")
    told = []

    async def scenario():
        app = SpringboardApp(Resume(session.path), save_dir=tmp_path,
                             settings=Settings(path=tmp_path / "s.json", hints=False))
        real_notify = app.notify

        def notify(message, **options):
            told.append((options.get("title"), message))
            real_notify(message, **options)

        app.notify = notify
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await wait_for(pilot, lambda a: type(a.screen).__name__ in (
                "ResolutionScreen", "BoardScreen"))
            assert app.session is not None and app.session.state.turn == 2
            assert "Traceback" not in screen_text(app)
    asyncio.run(scenario())
    failures = [m for t, m in told if t == "Autosave failed"]
    assert len(failures) == 1, told  # once, not once for every step of the month
    assert "Read-only file system" in failures[0] and "The game goes on" in failures[0]
    assert session.path.read_bytes() == before


def test_temporary_files_left_by_a_killed_process_are_cleaned(ruleset, tmp_path):
    good = Session.new(ruleset, 1, BOTS_BUT_OPPOSITION, save_dir=tmp_path)
    stale = tmp_path / f".{good.path.name}.k1ll3d_x.tmp"
    fresh = tmp_path / f".{good.path.name}.wr1t1ng.tmp"
    report = tmp_path / ".report-ab12cd34.tmp"
    other = tmp_path / ".someone-elses.tmp"
    for path in (stale, fresh, report, other):
        path.write_bytes(b"half a save")
    old = time.time() - 3600
    for path in (stale, report, other):
        os.utime(path, (old, old))
    assert Session.latest(tmp_path) == good.path
    assert not stale.exists() and not report.exists()
    assert fresh.exists(), "a file being written now is left alone"
    assert other.exists(), "only the game's own temporary files are removed"
    os.utime(fresh, (old, old))
    good.save()  # writing a save cleans what was left of its own earlier writes
    assert not fresh.exists()


def test_the_hosted_save_is_as_private_as_the_database(ruleset, tmp_path):
    from wargame.hosting import HostedSession, create

    path = create(ruleset, 3, {r: Seat(r) for r in ROLES}, turns=1, games_dir=tmp_path)
    save = path.with_suffix(".json")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(save.stat().st_mode) == 0o600
    os.chmod(save, 0o644)  # as 0.1 wrote it
    with HostedSession.join(path, "putin") as putin:
        putin.advance()
        putin.apply(putin.view("putin").legal_orders()[0])
    assert stat.S_IMODE(save.stat().st_mode) == 0o600


# -- one way to write (issue 17) ---------------------------------------------------------


def test_every_file_the_game_writes_goes_through_write_atomic():
    from pathlib import Path

    root = Path(saves.__file__).resolve().parent.parent
    for path in root.rglob("*.py"):
        if path.name == "files.py" and path.parent == root:
            continue
        text = path.read_text()
        for word in ("os.replace(", "mkstemp(", "os.fsync(", "NamedTemporaryFile(",
                     ".write_text(", ".write_bytes("):
            assert word not in text, f"{path.relative_to(root)} writes a file itself ({word})"


def test_a_new_file_is_never_written_over_an_existing_one(tmp_path):
    from wargame.files import write_atomic

    target = tmp_path / "game1.sqlite"
    target.write_bytes(b"the first game")
    with pytest.raises(FileExistsError):
        write_atomic(target, b"another game", replace=False)
    assert target.read_bytes() == b"the first game"
    assert [p.name for p in tmp_path.iterdir()] == ["game1.sqlite"]
    assert write_atomic(tmp_path / "game2.sqlite", b"x", 0o600, replace=False).read_bytes() \
        == b"x"
    assert stat.S_IMODE((tmp_path / "game2.sqlite").stat().st_mode) == 0o600


def test_the_settings_are_written_safely_and_clean_what_a_killed_write_left(tmp_path,
                                                                           monkeypatch):
    from wargame.tui.settings import Settings

    settings = Settings.load(tmp_path)
    settings.save()
    left = tmp_path / f".{settings.path.name}.k1ll3d_x.tmp"
    left.write_bytes(b"{")
    old = time.time() - 3600
    os.utime(left, (old, old))
    settings.mark_seen("board")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]
    before = settings.path.read_bytes()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    settings.mark_seen("charts")  # the game goes on; the old file stays, no temporary file
    assert settings.path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]
