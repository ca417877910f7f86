"""Snapshots at 80×24 where wide characters used to be split: toasts over the panels, the
footer with its docked palette key, and the dialogs (regenerate with --snapshot-update)."""

from __future__ import annotations

import datetime as dt

from textual.pilot import Pilot
from textual.widgets import Input, Tree

from tests.test_tui_snapshots import _compose, _library, snap

SMALL = (80, 24)


def test_toast_over_the_panels_80x24(home, snap_compare):
    """x on an item: the long hint toast lies over the editor and side panel, every
    character whole; the footer reads ^p 命令面板."""
    async def steps(pilot: Pilot) -> None:
        await _compose(pilot)
        await pilot.press("x")  # x on an item: the hint toast
        await pilot.pause()

    assert snap(snap_compare, steps, SMALL)


def test_undo_toast_80x24(home, snap_compare):
    """ctrl+down then ctrl+z: 已撤销：下移条目 shown whole."""
    async def steps(pilot: Pilot) -> None:
        await _compose(pilot)
        await pilot.press("ctrl+down")  # ctrl+down: move the item down
        await pilot.press("ctrl+z")  # ctrl+z: undo it, with a toast
        await pilot.pause()

    assert snap(snap_compare, steps, SMALL)


def test_export_dialog_80x24(home, snap_compare):
    """The export dialog with the notice fields (抄送, 印发机关 too) and ticked box."""
    async def steps(pilot: Pilot) -> None:
        await _compose(pilot)
        await pilot.press("f4")  # F4: export
        await pilot.pause()
        pilot.app.screen.query_one("#out", Input).value = "2027年要点.docx"
        pilot.app.screen.query_one("#notice").value = True  # 带印发通知
        await pilot.pause()

    assert snap(snap_compare, steps, SMALL)


def test_metadata_dialog_80x24(home, snap_compare):
    """F2 with every field, 保存 on screen."""
    async def steps(pilot: Pilot) -> None:
        await _compose(pilot)
        await pilot.press("f2")  # F2: metadata
        await pilot.pause()

    assert snap(snap_compare, steps, SMALL)


def test_import_prompt_80x24(home, snap_compare):
    """i: the import question wraps to its end."""
    async def steps(pilot: Pilot) -> None:
        await _library(pilot)
        await pilot.press("i")  # i: import
        await pilot.pause()

    assert snap(snap_compare, steps, SMALL)


def test_new_draft_dialog_80x24(home, snap_compare, monkeypatch):
    """n: the base picker and the year with why it is offered."""
    from drafter.tui.screens import new_draft

    monkeypatch.setattr(new_draft, "today", lambda: dt.date(2026, 12, 1))

    async def steps(pilot: Pilot) -> None:
        await _library(pilot)
        await pilot.press("n")  # n: new draft
        await pilot.pause()

    assert snap(snap_compare, steps, SMALL)


def test_hide_builtin_question_80x24(home, snap_compare):
    """Delete on a built-in plan: the question says it is hidden, not deleted."""
    async def steps(pilot: Pilot) -> None:
        await _library(pilot)
        tree = pilot.app.screen.query_one("#plans", Tree)
        tree.move_cursor(tree.root.children[1].children[0])  # the first plan
        await pilot.press("delete")  # Delete: hide it?
        await pilot.pause()

    assert snap(snap_compare, steps, SMALL)
