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


def _modules_after(args: list[str], home) -> set[str]:
    """The modules loaded by ``drafter ARGS`` in a fresh interpreter (its output discarded)."""
    code = (
        "import contextlib, io, sys\n"
        "from drafter.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main({args!r})\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    env = {**__import__("os").environ, "DRAFTER_HOME": str(home)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, env=env)
    return set(result.stdout.split())


HEAVY = ("docx", "rich.progress", "drafter.export", "jieba", "tomlkit", "numpy", "textual")


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


def test_list_loads_only_what_it_needs(tmp_path):
    """`drafter list` (text and JSON) imports no Word, progress bar, export, jieba or numpy,
    and neither the file readers nor the target extraction that other commands use."""
    for args in (["list"], ["list", "--format", "json"]):
        modules = _modules_after(args, tmp_path)
        assert "drafter.library.catalog" in modules
        assert _heavy(modules) == [], args
        assert "drafter.ingest.reading" not in modules and "drafter.targets" not in modules, args


def test_check_loads_no_terminal_rendering(tmp_path):
    """`drafter check`, as text or JSON, loads neither rich's console nor the file readers; reading a
    plan from the library does not load the hashing either."""
    args = ["check", "乌审旗 2022", "--year", "2023"]
    for command in (args, [*args, "--format", "json"]):
        modules = _modules_after(command, tmp_path)
        assert "drafter.checks.run" in modules
        assert not {"rich.console", "rich.table", "rich.text"} & modules, command
        assert "drafter.ingest.reading" not in modules, command
    assert "hashlib" not in _modules_after(["show", "乌审旗 2022"], tmp_path)


def test_show_parse_check_load_only_what_they_need(tmp_path, seed_paths):
    """show, parse, check (no base) and list load neither Word nor the export nor jieba,
    and print plain text without rich's console."""
    for args in (["show", "乌审旗 2022"], ["parse", str(seed_paths[0])],
                 ["check", "乌审旗 2022", "--year", "2023"], ["list"]):
        modules = _modules_after(args, tmp_path)
        assert _heavy(modules) == [], args
        assert not {"rich.console", "rich.table", "rich.text"} & modules, args


def test_reading_a_text_file_loads_no_other_reader(tmp_path, seed_paths):
    """`drafter parse` of a .txt loads the text reader only: not the PDF/OFD layout code, the
    Word, web page or LibreOffice readers (the file's kind is told before any is loaded)."""
    modules = _modules_after(["parse", str(seed_paths[0])], tmp_path)
    assert "drafter.ingest.text" in modules
    others = ("pdf", "ofd", "layout", "docx", "html", "office")
    assert [m for m in others if f"drafter.ingest.{m}" in modules] == []


def test_help_of_every_command_still_builds(capsys):
    """Options are added only for the chosen command: each command's --help still lists them."""
    import pytest

    from drafter.cli import COMMANDS, main

    for name in COMMANDS:
        with pytest.raises(SystemExit) as exit_info:
            main([name, "--help"])
        assert exit_info.value.code == 0
        assert "--" in capsys.readouterr().out
