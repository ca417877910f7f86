"""The add-from-library dialog, the palette's and help's wording, and the status line."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Input, OptionList, Static

from drafter.tui.keys import key_display
from drafter.tui.screens.compose import ComposeScreen
from drafter.tui.screens.help import HelpScreen
from drafter.tui.screens.pick_item import PickItemDialog
from drafter.tui.widgets.status import StatusLine
from tests.test_tui_support import new_app, open_new_draft, settle


async def _pick_dialog(app, pilot, query: str) -> PickItemDialog:
    """Open a 2027 draft, press ctrl+l and type ``query``."""
    await open_new_draft(app, pilot)
    assert isinstance(app.screen, ComposeScreen)
    await pilot.press("ctrl+l")  # ctrl+l: add from library
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, PickItemDialog)
    dialog.query_one("#query", Input).value = query
    await settle(app, pilot)
    return dialog


def test_pick_item_down_then_enter_adds(home: Path) -> None:
    """ctrl+l, type, ↓ moves into the results, Enter adds the highlighted item after the cursor."""
    async def run() -> None:
        app = new_app()
        async with app.run_test(size=(120, 40)) as pilot:
            dialog = await _pick_dialog(app, pilot, "农村牧区养老服务")
            compose = app.screen_stack[-2]
            count = compose.plan.item_count()
            listing = dialog.query_one("#hits", OptionList)
            assert str(dialog.query_one("#count", Static).render()) == \
                f"找到 {listing.option_count} 条"
            texts = ["".join(h.text.split()) for h in dialog.hits]
            assert len(texts) == len(set(texts))
            await pilot.press("down")  # ↓: from the box into the results
            assert dialog.focused is listing and listing.highlighted == 0
            chosen = dialog.hits[0]
            await pilot.press("enter")  # Enter: add it
            await settle(app, pilot)
            assert app.screen is compose
            assert compose.plan.item_count() == count + 1
            assert any(i.origin == chosen.item_id for _, _, _, i in compose.plan.iter_items())

    asyncio.run(run())


def test_pick_item_click_only_previews(home: Path) -> None:
    """A click on a result highlights and previews it; the dialog stays open; the button adds."""
    async def run() -> None:
        app = new_app()
        async with app.run_test(size=(120, 40)) as pilot:
            dialog = await _pick_dialog(app, pilot, "养老服务")
            compose = app.screen_stack[-2]
            count = compose.plan.item_count()
            listing = dialog.query_one("#hits", OptionList)
            assert listing.option_count >= 3
            await pilot.click("#hits", offset=(4, 3))  # click: the third result
            await pilot.pause()
            assert app.screen is dialog
            assert listing.highlighted == 2
            preview = str(dialog.query_one("#preview-text", Static).render())
            assert dialog.hits[2].text[:8] in preview
            await pilot.click("#add")  # 添加到草稿
            await settle(app, pilot)
            assert app.screen is compose and compose.plan.item_count() == count + 1

    asyncio.run(run())


def test_pick_item_says_when_nothing_found(home: Path) -> None:
    """A query without results says 没有找到相关条目 and leaves the add button off."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            dialog = await _pick_dialog(app, pilot, "量子纠缠超导体")
            assert "没有找到相关条目" in str(dialog.query_one("#count", Static).render())
            assert dialog.query_one("#add").disabled

    asyncio.run(run())


def test_palette_has_no_english(home: Path) -> None:
    """ctrl+p lists only Chinese titles: Textual's own commands are translated or left out."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            await pilot.press("ctrl+p")  # ctrl+p: command palette
            await settle(app, pilot)
            assert isinstance(app.screen, CommandPalette)
            listing = app.screen.query_one(CommandList)
            titles = [str(listing.get_option_at_index(i).prompt)
                      for i in range(listing.option_count)]
            assert "通用: 切换主题" in "\n".join(titles)
            assert not [t for t in titles if re.search(r"\b(Keys|Quit|Theme|Maximize|Screenshot)\b", t)]
            assert sum("退出" in t for t in titles) == 1

    asyncio.run(run())


@pytest.mark.parametrize("keys, shown", [
    ("slash", "/"),
    ("escape", "Esc"),
    ("ctrl+delete", "Ctrl+Delete"),
    ("f1", "F1"),
    ("ctrl+up", "Ctrl+↑"),
    ("ctrl+z,f9", "Ctrl+Z / F9"),
    ("n", "n"),
    ("X", "Shift+X"),
    ("alt+shift+tab", "Alt+Shift+Tab"),
])
def test_key_display(keys: str, shown: str) -> None:
    """Key names are shown as printed on the keyboard."""
    assert key_display(keys) == shown


def test_help_shows_readable_keys(home: Path) -> None:
    """F1 on the library screen lists / and Esc, not slash and escape."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            await pilot.press("f1")  # F1: help
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            table = app.screen._keys_table()
            keys = list(table.columns[0].cells)
            assert "/" in keys and "F1" in keys and "Ctrl+Q" in keys
            assert not {"slash", "escape", "f1"} & set(keys)

    asyncio.run(run())


def test_status_is_reset_on_screen_change_and_ellipsized(home: Path) -> None:
    """A message from one screen does not follow to the next; a long one ends in …"""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(60, 30)) as pilot:
            await settle(app, pilot)
            resting = app.status
            app.status = "已保存：" + "很长的路径/" * 20 + "草稿.docx"
            await pilot.pause()
            line = app.screen.query_one(StatusLine)
            rendered = line.render_line(0).text.rstrip()
            assert rendered.endswith("…")
            await pilot.press("f1")  # F1: another screen
            await pilot.pause()
            assert app.status == resting

    asyncio.run(run())
