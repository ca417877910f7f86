"""The smaller traps: Chinese for ctrl+c and --version, keys in the outline, F1 naming every
key, undo that finds the change and survives a restart."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import Static, TextArea

from drafter.cli import main
from drafter.draft.companions import history_path
from drafter.tui.screens.help import HelpScreen
from drafter.tui.widgets.outline import Outline
from tests.test_tui_support import compose as _compose
from tests.test_tui_support import new_app, notes, settle


def test_version_help_is_chinese(capsys) -> None:
    """`drafter --help` describes --version in Chinese."""
    with pytest.raises(SystemExit):
        main(["--help"])
    line = next(x for x in capsys.readouterr().out.splitlines() if x.strip().startswith("--version"))
    assert "显示版本号" in line and "show program" not in line


def test_ctrl_c_says_how_to_quit_in_chinese(home: Path) -> None:
    """ctrl+c on the outline: a Chinese note naming Ctrl+Q, no English."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await _compose(pilot, app)
            await pilot.press("ctrl+c")  # ctrl+c: the reflex to quit
            await pilot.pause()
            said = " ".join(notes(app)) + " ".join(n.title for n in app._notifications)
            assert "Ctrl+Q" in said and "退出" in said and "quit" not in said.lower()

    asyncio.run(run())


def test_outline_keys_lead_into_the_editor(home: Path) -> None:
    """At 120×40: Enter on an outline row puts the caret in the editor; typing with the
    outline focused moves to the editor and the text lands at the end of the row's text;
    x on an item says how to delete it instead of offering to delete its section."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _compose(pilot, app)
            outline = screen.query_one(Outline)
            editor = screen.query_one("#editor", TextArea)
            assert outline.has_focus
            await pilot.press("enter")  # Enter: into the editor
            await pilot.pause()
            assert editor.has_focus
            outline.focus()
            before = editor.text
            await pilot.press("q", "1")  # typing while the outline has the focus
            await pilot.pause()
            assert editor.has_focus and editor.text == before + "q1"
            outline.focus()
            sections = len(screen.plan.sections)
            await pilot.press("x")  # x on an item
            await pilot.pause()
            assert app.screen is screen and len(screen.plan.sections) == sections
            assert any("请按 d" in n for n in notes(app))

    asyncio.run(run())


def test_help_lists_every_key_of_an_action(home: Path) -> None:
    """F1 on the compose screen names both keys of 删除条目 (Ctrl+Delete and d)."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await _compose(pilot, app)
            await pilot.press("f1")  # F1: help
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            table = app.screen._keys_table()
            keys = list(table.columns[0].cells)
            actions = list(table.columns[1].cells)
            row = keys[actions.index("删除条目")]
            assert "Ctrl+Delete" in row and " d" in f" {row}"

    asyncio.run(run())


def test_undo_puts_the_caret_at_the_change_and_survives_a_restart(home: Path) -> None:
    """At 80×24: text inserted mid-item, then ctrl+z: the caret is where the text went, not
    at the item's start. After quitting and reopening the draft, ctrl+z still undoes."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _compose(pilot, app)
            editor = screen.query_one("#editor", TextArea)
            editor.focus()
            original = editor.text
            editor.move_cursor((0, 6))
            editor.insert("（新增）")
            await settle(app, pilot)
            editor.move_cursor((0, 0))
            await pilot.press("ctrl+z")  # ctrl+z: undo the insert
            await pilot.pause()
            assert editor.text == original
            assert editor.cursor_location == (0, 6)
            await pilot.press("ctrl+y")  # ctrl+y: redo it
            await pilot.pause()
            assert "（新增）" in editor.text and editor.cursor_location == (0, 6)
            path = screen.draft_file.path
            await app.action_quit()
        assert history_path(path).is_file()

        again = new_app(warm_matcher=False, open_draft=path)
        async with again.run_test(size=(80, 24)) as pilot:
            await settle(again, pilot)
            screen = again.screen
            editor = screen.query_one("#editor", TextArea)
            assert "（新增）" in editor.text
            assert screen.history.can_undo
            await pilot.press("ctrl+z")  # ctrl+z after the restart
            await pilot.pause()
            assert editor.text == original
            label = str(screen.query_one("#editor-title", Static).render())
            assert label  # the editor still shows its row

    asyncio.run(run())
