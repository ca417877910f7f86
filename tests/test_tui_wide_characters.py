"""Chinese characters are never split where a toast or a docked key lies over other widgets."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.test_tui_support import compose as _compose
from tests.test_tui_support import new_app

MESSAGE = "已撤销：用相似表述替换（这一句足够长，跨过下面各栏的边界）"


def _screen_lines(app) -> list[str]:
    """The text of every line on screen, as the compositor puts it together."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_toasts_and_footer_keep_every_character(home: Path, size: tuple[int, int]) -> None:
    """A toast over the editor and side panel reads whole (no 替  （), and the footer's
    docked palette key reads ^p 命令面板 (not ^p   令面板)."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=size, notifications=True) as pilot:
            await _compose(pilot, app)
            app.notify(MESSAGE)
            for _ in range(3):
                await pilot.pause(0.1)
            toast = app.screen.query_one("Toast").region
            strips = app.screen._compositor.render_strips()
            inside = "".join(strips[y].crop(toast.x, toast.right).text
                             for y in range(toast.y, toast.bottom))
            assert MESSAGE in "".join(inside.replace("▌", "").replace("▎", "").split())
            footer = _screen_lines(app)[-1]
            assert "^p 命令面板" in footer

    asyncio.run(run())


def test_import_prompt_wraps_instead_of_being_cut(home: Path) -> None:
    """At 80×24 the import question is shown to its end (it used to stop at 含空格的)."""
    from tests.test_tui_support import settle

    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("i")  # i: import files
            await pilot.pause()
            shown = "".join("".join(_screen_lines(app)).split())
            assert "含空格的路径可加引号）：" in shown

    asyncio.run(run())
