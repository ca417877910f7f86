"""The app imports its screens, never the other way round: screens reach it through DrafterHost."""

from __future__ import annotations

import ast
from pathlib import Path

import drafter.tui

TUI = Path(drafter.tui.__file__).parent


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at any level (TYPE_CHECKING blocks included)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_screens_and_widgets_never_import_the_app():
    """No screen or widget module imports drafter.tui.app, so there is no import circle."""
    files = sorted((TUI / "screens").glob("*.py")) + sorted((TUI / "widgets").glob("*.py"))
    assert any(f.name == "compose.py" for f in files)
    offenders = [f.name for f in files if "drafter.tui.app" in _imports(f)]
    assert offenders == []


def test_the_app_satisfies_the_host_protocol():
    """Everything DrafterHost promises the screens, DrafterApp provides."""
    from drafter.tui.app import DrafterApp
    from drafter.tui.host import DrafterHost

    promised = {n for n in vars(DrafterHost) if not n.startswith("_")}
    promised |= set(DrafterHost.__annotations__)
    app = DrafterApp()
    missing = sorted(n for n in promised if not hasattr(app, n))
    assert missing == []


def test_compose_parts_stay_small():
    """The compose screen is split by concern: no part of it grows past 300 lines."""
    parts = sorted((TUI / "screens").glob("compose*.py"))
    assert len(parts) >= 4
    assert all(len(p.read_text(encoding="utf-8").splitlines()) <= 300 for p in parts)
