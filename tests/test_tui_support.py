"""Shared steps for the TUI tests (no tests here): start the app, open a 2027 draft."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, Select

from drafter.tui.app import DrafterApp, make_app
from drafter.tui.screens.compose import ComposeScreen
from drafter.tui.screens.prompt import ConfirmDialog

BASE_ID = "重庆市涪陵区民政局/2022"
"""The seed the drafts start from (continuous （一）…（四十三） numbering)."""


async def settle(app: DrafterApp, pilot: Pilot) -> None:
    """Run debounced jobs now, wait for every worker, and let the screen catch up."""
    await pilot.pause()
    for _ in range(3):  # the library, then the matcher it starts, then the screen's jobs
        for node in (app, *app.screen_stack):
            flush = getattr(node, "flush", None)
            if flush is not None:
                flush()
        await app.workers.wait_for_complete()
        await pilot.pause()


async def open_new_draft(app: DrafterApp, pilot: Pilot, base: str = BASE_ID,
                         year: str = "2027") -> None:
    """From the library screen: n, choose the base and the year, press 新建 (and 另建一份
    when such a draft exists already)."""
    await settle(app, pilot)
    await pilot.press("n")  # n: new draft dialog
    await pilot.pause()
    dialog = app.screen
    dialog.query_one("#base", Select).value = base
    await pilot.pause()
    dialog.query_one("#year", Input).value = year
    await pilot.click("#ok")  # 新建
    await settle(app, pilot)
    if isinstance(app.screen, ConfirmDialog):  # a draft of that base and year exists already
        await pilot.click("#ok")  # 另建一份
        await settle(app, pilot)


def new_app(**kwargs: object) -> DrafterApp:
    """The app as the command line starts it (built-in library, drafts under DRAFTER_HOME)."""
    return make_app(**kwargs)  # type: ignore[arg-type]


def notes(app: DrafterApp) -> list[str]:
    """Texts of the notifications shown so far."""
    return [n.message for n in app._notifications]


async def compose(pilot: Pilot, app: DrafterApp) -> ComposeScreen:
    """Open a 2027 draft from the 涪陵 seed and return its compose screen."""
    await open_new_draft(app, pilot)
    assert isinstance(app.screen, ComposeScreen)
    return app.screen
