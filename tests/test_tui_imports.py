"""The shape of `wargame/tui` (docs/design.md, "The game in the terminal"): no import
cycle, counting relative imports and imports inside functions; no screen that names the
app; imports at the top of a module, but for the few that keep the title screen fast;
no `getattr` on the app; no module over 700 lines."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TUI = ROOT / "wargame" / "tui"
MAX_LINES = 700

DEFERRED = {
    # (module, what it imports inside a function): why it may wait
    ("wargame.tui.app", "wargame.tui.game"):
        "the engine and the game's screens load when a game is first needed",
    ("wargame.tui.app", "wargame.tui.commands"):
        "the palette's provider loads when the palette first opens",
    ("wargame.tui.screens.title", "wargame.saves"):
        "the look for saved games runs in a worker after the first paint",
    ("wargame.tui.screens.title", "wargame.session"):
        "the look for saved games runs in a worker after the first paint",
}
"""The only imports of the project's modules inside a function (benchmarks/startup.py:
the title screen imports no engine code)."""


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"))


def imports(path: Path, name: str, *, types: bool = False,
            ) -> list[tuple[str, list[str], bool]]:
    """Every import of the module at `path` (named `name`): (the module it names, the
    names it takes, whether it is inside a function). Imports under `if TYPE_CHECKING:`
    never run, and count only when `types` is true."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[tuple[str, list[str], bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking(child) and not types:
                for other in child.orelse:
                    visit(other, in_function)
                continue
            inner = in_function or isinstance(child, (ast.FunctionDef,
                                                      ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                found.extend((a.name, [], in_function) for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")
                    base = base[: len(base) - (child.level - 1)]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                found.append((target, [a.name for a in child.names], in_function))
            visit(child, inner)

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return found


def import_graph(package_dir: Path, *, types: bool = False) -> dict[str, set[str]]:
    """Module -> the modules of the same package it imports (relative or absolute, at
    the top or inside a function), with the packages a module import runs first."""
    root = package_dir.parent
    while (root / "__init__.py").exists():  # names from the top package: wargame.tui.app
        root = root.parent
    modules = {module_name(p, root): p for p in sorted(package_dir.rglob("*.py"))}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        own = {".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 1)}
        for target, names, _ in imports(path, name, types=types):
            hits = [f"{target}.{n}" for n in names if f"{target}.{n}" in modules]
            hits.append(target)
            for hit in hits:
                if hit not in modules:
                    continue
                parts = hit.split(".")
                for i in range(1, len(parts) + 1):  # a package runs before its modules
                    step = ".".join(parts[:i])
                    if step in modules and step != name and step not in own:
                        graph[name].add(step)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of `graph` (its modules in order, the first repeated), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt):], nxt]
            if nxt not in state:
                found = walk(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = walk(node)
            if found:
                return found
    return None


def tui_modules() -> dict[str, Path]:
    return {module_name(p, ROOT): p for p in sorted(TUI.rglob("*.py"))}


def test_the_tui_has_no_import_cycle():
    cycle = find_cycle(import_graph(TUI))
    assert cycle is None, "an import cycle in wargame/tui: " + " -> ".join(cycle or [])


def test_the_cycle_check_sees_relative_imports_inside_functions(tmp_path):
    """The old shape: the screens' package imported the app inside a function, and the
    app imported a screen inside another."""
    pkg = tmp_path / "shell"
    (pkg / "screens").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "app.py").write_text("def f():\n    from .screens.board import Board\n")
    (pkg / "screens" / "__init__.py").write_text(
        "def size():\n    from ..app import MIN\n")
    (pkg / "screens" / "board.py").write_text("from . import size\n")
    cycle = find_cycle(import_graph(pkg))
    assert cycle is not None and "shell.app" in cycle and "shell.screens" in cycle
    (pkg / "screens" / "__init__.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..app import MIN\n")
    assert find_cycle(import_graph(pkg)) is None  # a type's name never runs
    assert find_cycle(import_graph(pkg, types=True)) is not None


def test_no_screen_names_the_app():
    """Screens see the app through `host.Host` and tell it things with messages."""
    for name, path in tui_modules().items():
        if not name.startswith("wargame.tui.screens"):
            continue
        for target, names, _ in imports(path, name, types=True):
            taken = {target, *(f"{target}.{n}" for n in names)}
            assert not taken & {"wargame.tui.app", "wargame.tui.game"}, (
                f"{name} imports {target}")


def test_imports_are_at_the_top_but_for_the_title_screens_speed():
    for name, path in tui_modules().items():
        for target, names, in_function in imports(path, name):
            if not in_function or not target.startswith("wargame"):
                continue
            took = [t for t in (target, *(f"{target}.{n}" for n in names))
                    if (name, t) in DEFERRED]
            assert took, f"{name} imports {target} inside a function"


def test_no_screen_reaches_into_the_app_by_name():
    pattern = re.compile(r"getattr\(\s*(self\.app|app|screen\.app|self\.game)\b")
    for name, path in tui_modules().items():
        text = path.read_text(encoding="utf-8")
        assert not pattern.search(text), f"{name} uses getattr on the app"


def test_no_module_of_the_tui_is_over_700_lines():
    for name, path in tui_modules().items():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= MAX_LINES, f"{name} has {lines} lines (at most {MAX_LINES})"
