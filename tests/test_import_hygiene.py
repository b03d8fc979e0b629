"""One direction of dependency: the engine is pure (no Textual, no file I/O, no global
randomness, no module of the game outside itself, imported absolutely or relatively);
decks and saves use the engine; bots use those; the TUI and CLI sit on top. Every layer
is held by the import contracts in pyproject.toml (`lint-imports`, run by .ci/run); these
tests keep the engine's purity within the test suite as well."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "wargame" / "engine"

FORBIDDEN_IN_ENGINE_IMPORTS = {"textual", "rich", "random", "time", "datetime", "os",
                               "pathlib", "io", "pickle", "shelve", "subprocess", "socket",
                               "tomllib", "shutil", "tempfile", "platformdirs", "jinja2"}
"""What the engine may not import, besides any module of the game outside the engine (the
same as the import contract 'The engine is pure' in pyproject.toml, which `lint-imports`
checks in CI)."""
FORBIDDEN_CALLS = {"open", "eval", "exec", "hash", "compile", "__import__", "input"}


def engine_modules():
    return sorted(ENGINE.glob("*.py"))


def imported_names(path: Path, package: str) -> list[str]:
    """Every module the file at `path` (a module of `package`) imports, by its absolute
    name: relative imports resolved (`from ..saves import x` in wargame.engine is
    wargame.saves and wargame.saves.x), imports inside functions and under
    TYPE_CHECKING included."""
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - (node.level - 1)])
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            names.append(module)
            names += [f"{module}.{a.name}" for a in node.names]  # a name may be a module
    return names


def impure(name: str) -> bool:
    parts = name.split(".")
    if parts[0] == "wargame":  # of the game, only the engine itself
        return len(parts) > 1 and parts[1] != "engine"
    return parts[0] in FORBIDDEN_IN_ENGINE_IMPORTS


def test_the_engine_imports_nothing_impure():
    for path in engine_modules():
        for name in imported_names(path, "wargame.engine"):
            assert not impure(name), f"{path.name} imports {name}"


def test_the_check_sees_relative_imports_out_of_the_engine(tmp_path):
    """`from ..saves import x` once passed: only absolute imports were read."""
    path = tmp_path / "machine.py"
    for line, bad in (("from ..saves import x", "wargame.saves"),
                      ("from .. import saves", "wargame.saves"),
                      ("def f():\n    from ..tui import app", "wargame.tui"),
                      ("from . import rules", None),
                      ("from .state import GameState", None),
                      ("import wargame.bots", "wargame.bots"),
                      ("from pathlib import Path", "pathlib")):
        path.write_text(line + "\n")
        found = [n for n in imported_names(path, "wargame.engine") if impure(n)]
        assert (found[0] if found else None) == bad, line


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


def test_no_module_of_the_game_is_over_700_lines():
    """A module that long does several jobs (saves.py once did seven): split it by job."""
    long = {str(p.relative_to(ROOT)): n for p in (ROOT / "wargame").rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 700}
    assert not long, f"modules over 700 lines: {long}"


def test_no_type_checker_is_told_to_look_away():
    """pyright checks all of wargame/ in CI (basic mode); the 34 `# type: ignore` the code
    once carried are gone, each for a real fix, and none comes back."""
    for path in (ROOT / "wargame").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for word in ("type: ignore", "pyright: ignore", "pyright: basic", "pyright: off"):
            assert word not in text, f"{path.relative_to(ROOT)} has '# {word}'"
