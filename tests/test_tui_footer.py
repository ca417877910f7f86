"""The key bar: rebuilt when the keys it shows change, and only then."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Input
from textual.widgets._footer import FooterKey

from drafter.tui.screens.library import LibraryScreen
from drafter.tui.widgets.footer import KeyFooter
from tests.test_tui_support import new_app, settle


def _keys(footer: KeyFooter) -> list[FooterKey]:
    return list(footer.query(FooterKey))


def test_footer_is_rebuilt_only_when_its_keys_change(home: Path) -> None:
    """The library screen announcing the same bindings again leaves the footer's key widgets
    as they are; focusing the search box (whose keys hide 删除/隐藏) rebuilds it, and going
    back to the tree brings the key back."""

    async def run() -> None:
        app = new_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, LibraryScreen)
            footer = screen.query_one(KeyFooter)
            before = _keys(footer)
            assert "删除/隐藏" in [k.description for k in before]
            for _ in range(3):
                screen.refresh_bindings()
            await settle(app, pilot)
            assert _keys(footer) == before  # the very same widgets: nothing rebuilt
            screen.query_one("#search", Input).focus()
            await settle(app, pilot)
            assert "删除/隐藏" not in [k.description for k in _keys(footer)]
            screen.query_one("#plans").focus()
            await settle(app, pilot)
            assert "删除/隐藏" in [k.description for k in _keys(footer)]

    asyncio.run(run())
