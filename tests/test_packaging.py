"""The two commands of the README work, and the decks travel inside the wheel."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_version_from_the_console_script_and_python_m(tmp_path):
    from wargame import __version__

    out = subprocess.run([sys.executable, "-m", "wargame", "--version"], cwd=tmp_path,
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"wargame {__version__}"
    script = shutil.which("wargame")
    if script:  # installed by the README's command
        out = subprocess.run([script, "--version"], cwd=tmp_path, capture_output=True,
                             text=True, check=True)
        assert out.stdout.strip() == f"wargame {__version__}"


def test_readme_opens_with_the_two_command_quick_start():
    text = (ROOT / "README.md").read_text()
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = [line for line in quick.splitlines() if line.startswith("python")]
    assert len(commands) == 2
    assert "wargame" in commands[0]
    assert "[test]" in commands[1] and "pytest" in commands[1]
    steps = [step.strip() for step in commands[1].split("&&")]
    assert steps[1:] == ["lint-imports", "ruff check", "pyright", "python -m pytest"]
    ci = (ROOT / ".ci" / "run").read_text()
    assert commands[1] in ci


@pytest.mark.slow
def test_the_wheel_carries_the_decks_and_runs_from_another_folder(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w",
         str(tmp_path / "dist"), str(ROOT)], capture_output=True, text=True)
    if built.returncode != 0 and "hatchling" in built.stderr:
        built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w",
                                str(tmp_path / "dist"), str(ROOT)],
                               capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("wargame-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        assert "wargame/_decks/putin.toml" in names
        assert "wargame/_decks/scenarios/october-2022.toml" in names
        assert "wargame/templates/report.html.j2" in names  # the report's HTML
        assert "wargame/epilogue.toml" in names  # the debrief's article, game and history
        zf.extractall(tmp_path / "site")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = subprocess.run([sys.executable, "-m", "wargame", "decks", "check"], cwd=elsewhere,
                         env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin",
                              "COLUMNS": "120"},
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert str(tmp_path / "site" / "wargame" / "_decks") in out.stdout.replace("\n", "")
