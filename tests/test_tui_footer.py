"""The key bar: the focused widget's keys on one line, repainted only when they change;
a click presses a key, a disabled key is dimmed and rings, keys that do not fit are left out
whole and the palette key keeps the right end."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import ClassVar
from unittest.mock import patch

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.widgets import Input

from drafter.tui.screens.help import HelpScreen
from drafter.tui.screens.library import LibraryScreen
from drafter.tui.widgets.footer import KeyFooter
from tests.test_tui_support import new_app, open_new_draft, settle


def _described(footer: KeyFooter) -> list[str]:
    return [k.description for k in footer.keys]


def _line(footer: KeyFooter) -> str:
    return footer.render().plain


def test_footer_repaints_only_when_its_keys_change(home: Path) -> None:
    """The library screen announcing the same bindings again leaves the bar alone; focusing
    the search box (whose keys hide 删除/隐藏) repaints it without that key, and going back
    to the tree brings the key back."""

    async def run() -> None:
        app = new_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, LibraryScreen)
            footer = screen.query_one(KeyFooter)
            assert "删除/隐藏" in _described(footer)
            assert "del 删除/隐藏" in _line(footer)
            with patch.object(footer, "refresh", wraps=footer.refresh) as repaint:
                for _ in range(3):
                    screen.refresh_bindings()
                await settle(app, pilot)
                assert repaint.call_count == 0
                screen.query_one("#search", Input).focus()
                await settle(app, pilot)
                assert repaint.call_count >= 1
            assert "删除/隐藏" not in _described(footer)
            assert "删除/隐藏" not in _line(footer)
            screen.query_one("#plans").focus()
            await settle(app, pilot)
            assert "删除/隐藏" in _described(footer)

    asyncio.run(run())


def test_clicking_a_key_presses_it(home: Path) -> None:
    """A click on 帮助 opens the help screen; a click on the palette key opens the palette;
    a click on the empty middle of the bar does nothing."""

    async def run() -> None:
        app = new_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            footer = app.screen.query_one(KeyFooter)
            blank = max(k.end for k in footer.keys if not k.palette)
            await pilot.click(KeyFooter, offset=(blank + 1, 0))
            await pilot.pause()
            assert isinstance(app.screen, LibraryScreen)
            help_key = next(k for k in footer.keys if k.description == "帮助")
            await pilot.click(KeyFooter, offset=(help_key.start + 1, 0))
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape")
            await pilot.pause()
            palette = footer.keys[-1]
            assert palette.palette and palette.description == "命令面板"
            await pilot.click(KeyFooter, offset=(palette.end - 2, 0))
            await pilot.pause()
            assert isinstance(app.screen, CommandPalette)

    asyncio.run(run())


def test_narrow_bar_leaves_out_whole_keys_and_keeps_the_palette_right(home: Path) -> None:
    """At 80 columns the compose screen's keys do not all fit: those shown end before the
    palette key, which ends at the right edge; none is cut in half."""

    async def run() -> None:
        app = new_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await open_new_draft(app, pilot)
            footer = app.screen.query_one(KeyFooter)
            keys = footer.keys
            palette = keys[-1]
            assert palette.palette and palette.end == footer.size.width == 80
            assert all(k.end <= palette.start for k in keys[:-1])
            assert "撤销" in _described(footer) and "导出" not in _described(footer)
            line = _line(footer)
            assert line.endswith("▏^p 命令面板 ")
            for key in keys[:-1]:
                assert f" {key.display} {key.description} " in line
            await pilot.resize_terminal(160, 24)
            await pilot.pause()
            assert "导出" in _described(footer)
            assert footer.keys[-1].end == 160

    asyncio.run(run())


class _Disabled(App[None]):
    """A key the app shows but cannot run now (check_action returns None)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("s", "save", "保存"), Binding("x", "run", "运行")]
    ran: list[str]

    def compose(self) -> ComposeResult:
        self.ran = []
        yield KeyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "save" else True

    def action_save(self) -> None:
        self.ran.append("save")

    def action_run(self) -> None:
        self.ran.append("run")


def test_disabled_key_is_dimmed_and_rings() -> None:
    """The disabled key is drawn dim and a click on it rings instead of running it; the
    enabled one runs; hovering a key gives the bar that key's tooltip."""

    async def run() -> None:
        app = _Disabled()
        bells = 0

        def bell() -> None:
            nonlocal bells
            bells += 1

        app.bell = bell  # type: ignore[method-assign]
        async with app.run_test(size=(60, 5)) as pilot:
            await pilot.pause()
            footer = app.query_one(KeyFooter)
            save, run_key = footer.keys[0], footer.keys[1]
            assert (save.description, save.enabled) == ("保存", False)
            assert run_key.enabled
            text = footer.render()
            dims = [text.plain[s.start:s.end] for s in text.spans if s.style.dim]  # type: ignore[union-attr]
            assert "".join(dims).strip() == "s 保存"
            await pilot.click(KeyFooter, offset=(save.start + 1, 0))
            await pilot.click(KeyFooter, offset=(run_key.start + 1, 0))
            await pilot.pause()
            assert app.ran == ["run"] and bells == 1
            await pilot.hover(KeyFooter, offset=(run_key.start + 1, 0))
            await pilot.pause()
            assert footer.tooltip is None  # the binding has no tooltip of its own
            await pilot.hover(KeyFooter, offset=(footer.keys[-1].start + 2, 0))
            await pilot.pause()
            assert footer.tooltip  # the palette key's

    asyncio.run(run())
