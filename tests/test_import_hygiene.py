"""One direction of dependency: the engine is pure (no Textual, no file I/O, no global
randomness); decks and saves use the engine; bots use those; the TUI and CLI sit on top."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "wargame" / "engine"

FORBIDDEN_IN_ENGINE_IMPORTS = {"textual", "rich", "random", "time", "datetime", "os",
                               "pathlib", "io", "pickle", "shelve", "subprocess", "socket",
                               "tomllib", "wargame.decks", "wargame.saves", "wargame.bots",
                               "wargame.tui", "wargame.cli"}
FORBIDDEN_CALLS = {"open", "eval", "exec", "hash", "compile", "__import__", "input"}


def engine_modules():
    return sorted(ENGINE.glob("*.py"))


def test_the_engine_imports_nothing_impure():
    for path in engine_modules():
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            for name in names:
                top = {name, name.split(".")[0], ".".join(name.split(".")[:2])}
                assert not top & FORBIDDEN_IN_ENGINE_IMPORTS, f"{path.name} imports {name}"


def test_the_engine_calls_no_io_eval_or_hash():
    for path in engine_modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in FORBIDDEN_CALLS, f"{path.name} calls {node.func.id}"


def test_importing_the_engine_loads_no_textual():
    code = ("import sys, wargame.engine, wargame.decks; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('textual', 'rich')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={"PYTHONPATH": str(ROOT)})
    assert out.stdout.strip() == "[]"


def test_no_module_uses_pickle_eval_or_yaml():
    for path in (ROOT / "wargame").rglob("*.py"):
        text = path.read_text()
        for word in ("import pickle", "yaml.load(", "eval(", "exec(", "marshal.loads"):
            assert word not in text, f"{path.relative_to(ROOT)} uses {word}"
