"""Keys where the writer is: every app key works with the editor focused, Esc steps back."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.binding import Binding
from textual.widgets import TabbedContent, TextArea

from drafter.tui.app import DrafterApp
from drafter.tui.screens.compose import ComposeScreen
from drafter.tui.widgets.outline import Outline
from tests.test_tui_support import compose as _compose
from tests.test_tui_support import new_app


def _keys(bindings: list) -> set[str]:
    return {k.strip() for b in bindings for k in b.key.split(",")}


def test_no_screen_key_is_swallowed_by_the_editor():
    """Each compose or app key the TextArea also binds (f6, f7, ctrl+z…) is a priority key,
    so it runs the drafter action and not the editor's own."""
    taken = _keys(TextArea.BINDINGS)
    swallowed = [
        b.key for b in [*ComposeScreen.BINDINGS, *DrafterApp.BINDINGS]
        if isinstance(b, Binding) and _keys([b]) & taken and not b.priority
    ]
    assert swallowed == []


def test_f7_and_f6_in_the_editor_work_and_keep_the_text(home: Path) -> None:
    """At 120×40 with the caret in the editor: F7 moves to the checks findings without
    selecting the item; typing on does not overwrite it; F6 hides and shows the side panel."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _compose(pilot, app)
            editor = screen.query_one("#editor", TextArea)
            editor.focus()
            await pilot.pause()
            before = screen.plan
            await pilot.press("f7")  # F7: the checks panel
            await pilot.pause()
            assert screen.focused is screen.query_one("#findings")
            assert editor.selected_text == ""
            editor.focus()
            await pilot.press("f6")  # F6: hide the side panel
            await pilot.pause()
            side = screen.query_one("#side", TabbedContent)
            assert not side.display
            assert editor.selected_text == ""
            await pilot.press("f6")  # F6: show it again
            await pilot.pause()
            assert side.display
            assert screen.plan == before  # nothing was typed over

    asyncio.run(run())


def test_escape_in_the_editor_returns_to_the_outline_first(home: Path) -> None:
    """Esc in the editor puts the cursor in the outline (the draft stays open); a second Esc
    returns to the library."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _compose(pilot, app)
            screen.query_one("#editor", TextArea).focus()
            await pilot.pause()
            await pilot.press("escape")  # Esc: out of the editor
            await pilot.pause()
            assert app.screen is screen
            assert screen.focused is screen.query_one(Outline)
            await pilot.press("escape")  # Esc: back to the library
            await pilot.pause()
            assert not isinstance(app.screen, ComposeScreen)

    asyncio.run(run())
