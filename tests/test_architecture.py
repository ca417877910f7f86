"""The core never imports textual: only drafter.tui (and the app command) may."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import drafter

SHELLS = ("drafter.tui", "drafter.cli.app")


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(drafter.__path__, "drafter."):
        if info.name.startswith(SHELLS) or info.name == "drafter.__main__":
            continue
        names.append(info.name)
    return names


def test_core_does_not_import_textual():
    """Importing every core module (and the CLI) in a fresh interpreter loads no textual."""
    modules = core_modules()
    assert "drafter.ingest" in modules and "drafter.library.catalog" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_cli_help_lists_commands(capsys):
    """`drafter --help` lists the library commands in Chinese."""
    import pytest

    from drafter.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("import", "list", "show", "parse"):
        assert command in out
    assert "资料库" in out
