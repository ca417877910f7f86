"""Snapshots of every screen and dialog at a fixed size (regenerate with --snapshot-update)."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, Static

from tests.test_tui_support import new_app, open_new_draft, settle

SIZE = (120, 40)


def steady(pilot: Pilot) -> None:
    """Stop cursors blinking so the picture does not depend on timing."""
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False  # type: ignore[attr-defined]


def snap(snap_compare, steps, size=SIZE) -> bool:
    """Compare the app after ``steps`` (with cursors held still) with the stored snapshot."""
    async def run_before(pilot: Pilot) -> None:
        await steps(pilot)
        steady(pilot)
        await pilot.pause()

    return snap_compare(new_app(), terminal_size=size, run_before=run_before)


async def _library(pilot: Pilot) -> None:
    """Wait for the library and the similarity engine."""
    await settle(pilot.app, pilot)  # type: ignore[arg-type]


async def _compose(pilot: Pilot) -> None:
    """Open a 2027 draft from the 涪陵 seed and wait for its checks."""
    await open_new_draft(pilot.app, pilot)  # type: ignore[arg-type]
    await pilot.pause(0.1)
    await settle(pilot.app, pilot)  # type: ignore[arg-type]


def test_library_screen(home, snap_compare):
    """The library: drafts, then plans by region and year."""
    assert snap(snap_compare, _library)


def test_library_expanded_and_preview(home, snap_compare):
    """A plan expanded to its sections, with the preview of the highlighted node."""
    async def steps(pilot: Pilot) -> None:
        await _library(pilot)
        await pilot.press("down", "down")  # down down: to the 宝山 2022 plan
        await pilot.press("space")  # space: expand it
        await pilot.press("down")  # down: its first section
        await pilot.pause()

    assert snap(snap_compare, steps)


def test_library_search(home, snap_compare):
    """Search as you type lists items across the library."""
    async def steps(pilot: Pilot) -> None:
        await _library(pilot)
        await pilot.press("slash")  # /: focus the search box
        pilot.app.screen.query_one("#search", Input).value = "儿童福利"
        await settle(pilot.app, pilot)  # type: ignore[arg-type]

    assert snap(snap_compare, steps)


def test_new_draft_dialog(home, snap_compare, monkeypatch):
    """The new-draft dialog: base plan or skeleton, and the year (planning year held at 2027)."""
    from drafter.tui.screens import new_draft

    monkeypatch.setattr(new_draft, "planning_year", lambda today: 2027)
    monkeypatch.setattr(new_draft, "today", lambda: __import__("datetime").date(2026, 12, 1))

    async def steps(pilot: Pilot) -> None:
        await _library(pilot)
        await pilot.press("n")  # n: new draft
        await pilot.pause()

    assert snap(snap_compare, steps)


def test_compose_screen(home, snap_compare):
    """The compose screen: outline, editor, checks panel."""
    assert snap(snap_compare, _compose)


def test_compose_screen_80x24(home, snap_compare):
    """The compose screen still works at 80×24."""
    assert snap(snap_compare, _compose, (80, 24))


def test_compose_similar_panel(home, snap_compare):
    """The similar panel for the current item, with highlights."""
    async def steps(pilot: Pilot) -> None:
        await _compose(pilot)
        await pilot.press("down", "down", "down")  # down ×3: to （四） 加强民政干部人才队伍建设
        await pilot.press("f8")  # F8: similar panel
        await settle(pilot.app, pilot)  # type: ignore[arg-type]

    assert snap(snap_compare, steps)


def test_pick_item_dialog(home, snap_compare):
    """Adding an item from the library: search and preview."""
    async def steps(pilot: Pilot) -> None:
        await _compose(pilot)
        await pilot.press("ctrl+l")  # ctrl+l: add from library
        await pilot.pause()
        pilot.app.screen.query_one("#query", Input).value = "农村牧区养老服务"
        await settle(pilot.app, pilot)  # type: ignore[arg-type]

    assert snap(snap_compare, steps)


def test_pick_section_dialog(home, snap_compare):
    """Moving an item to another section."""
    async def steps(pilot: Pilot) -> None:
        await _compose(pilot)
        await pilot.press("ctrl+t")  # ctrl+t: move to section
        await pilot.pause()

    assert snap(snap_compare, steps)


def test_add_section_prompt(home, snap_compare):
    """Adding a section asks for its title."""
    async def steps(pilot: Pilot) -> None:
        await _compose(pilot)
        await pilot.press("s")  # s (outline focused): add section
        await pilot.pause()

    assert snap(snap_compare, steps)


def test_metadata_dialog(home, snap_compare):
    """The metadata editor."""
    async def steps(pilot: Pilot) -> None:
        await _compose(pilot)
        await pilot.press("f2")  # F2: metadata
        await pilot.pause()

    assert snap(snap_compare, steps)


def test_diff_screen(home, snap_compare):
    """The diff against the base, at the first change."""
    async def steps(pilot: Pilot) -> None:
        await _compose(pilot)
        await pilot.press("ctrl+delete")  # ctrl+delete: delete （一） so there is a change
        pilot.app.clear_notifications()  # its toast would come and go with timing
        await pilot.press("f3")  # F3: diff
        await pilot.pause()
        await pilot.press("n")  # n: first change
        await pilot.pause()

    assert snap(snap_compare, steps)


def test_export_dialog(home, snap_compare):
    """The export dialog with the notice fields shown."""
    async def steps(pilot: Pilot) -> None:
        await _compose(pilot)
        await pilot.press("f4")  # F4: export
        await pilot.pause()
        pilot.app.screen.query_one("#out", Input).value = "2027年要点.docx"
        await pilot.click("#notice")  # tick 带印发通知
        await pilot.pause()

    assert snap(snap_compare, steps)


def test_help_screen(home, snap_compare):
    """F1 lists the keys of the screen below."""
    async def steps(pilot: Pilot) -> None:
        await _compose(pilot)
        await pilot.press("f1")  # F1: help
        await pilot.pause()
        pilot.app.screen.query_one("#keys-path", Static).update("<用户配置目录>/keys.toml")

    assert snap(snap_compare, steps)


def test_command_palette(home, snap_compare):
    """ctrl+p finds the screen's actions by their namespaced titles."""
    async def steps(pilot: Pilot) -> None:
        await _compose(pilot)
        await pilot.press("ctrl+p")  # ctrl+p: command palette
        await pilot.pause()
        await pilot.press(*"草稿")  # type 草稿: the compose screen's own actions
        await settle(pilot.app, pilot)  # type: ignore[arg-type]

    assert snap(snap_compare, steps)
