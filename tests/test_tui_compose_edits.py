"""Compose-screen edits: confirmed section deletes, undo/redo that find the change again,
stale wording when replacing, a blank new item, and the checks panel's wording."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

from textual.widgets import OptionList, Static, TextArea

from drafter.checks.stale import check_text
from drafter.draft import new_draft
from drafter.tui.screens.prompt import ConfirmDialog
from drafter.tui.widgets.checks import counts_text, finding_text, grouped
from drafter.tui.widgets.similar import SimilarPanel
from tests.test_tui_support import compose as _compose
from tests.test_tui_support import new_app, settle
from tests.test_tui_support import notes as _notes


def test_deleting_a_section_with_items_asks_first(home: Path) -> None:
    """x on a section with items asks 删除“…”及其 N 条？; 取消 keeps it, 删除 removes it,
    ctrl+z brings it back with the cursor on it."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _compose(pilot, app)
            start = screen.plan
            first = start.sections[0]
            await pilot.press("up")  # up: from the first item to its section
            await pilot.pause()
            assert screen.cursor == (0,)
            await pilot.press("x")  # x: delete the section
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, ConfirmDialog)
            assert dialog.question == f"删除“{first.label}{first.title}”及其 {len(first.items)} 条？"
            await pilot.press("enter")  # Enter: 取消 has the focus
            await pilot.pause()
            assert app.screen is screen and screen.plan == start
            await pilot.press("x")  # x: ask again
            await pilot.pause()
            await pilot.click("#ok")  # 删除
            await pilot.pause()
            assert app.screen is screen
            assert len(screen.plan.sections) == len(start.sections) - 1
            await pilot.press("ctrl+z")  # ctrl+z: the section comes back
            await pilot.pause()
            assert screen.plan == start and screen.cursor == (0,)

    asyncio.run(run())


def test_undo_and_redo_follow_a_moved_item(home: Path) -> None:
    """After moving an item and walking away, ctrl+z selects the item back where it was;
    ctrl+y selects it where it moved to."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _compose(pilot, app)
            moved = screen.plan.sections[0].items[0].text
            await pilot.press("ctrl+down")  # ctrl+down: （一） becomes （二）
            await pilot.pause()
            assert screen.cursor == (0, 1)
            await pilot.press("down", "down")  # down ×2: somewhere else
            await pilot.pause()
            assert screen.cursor == (0, 3)
            await pilot.press("ctrl+z")  # ctrl+z: undo the move
            await pilot.pause()
            assert screen.cursor == (0, 0)
            assert screen.plan.sections[0].items[0].text == moved
            assert screen.query_one("#editor", TextArea).text.startswith(moved[:10])
            await pilot.press("down", "down")  # down ×2: away again
            await pilot.press("ctrl+y")  # ctrl+y: redo the move
            await pilot.pause()
            assert screen.cursor == (0, 1)
            assert screen.plan.sections[0].items[1].text == moved

    asyncio.run(run())


def test_undoing_a_delete_selects_the_restored_item(home: Path) -> None:
    """d deletes the item; after moving away, ctrl+z brings it back selected in the editor."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _compose(pilot, app)
            await pilot.press("down", "down")  # down ×2: to （三）
            await pilot.pause()
            deleted = screen.plan.sections[0].items[2]
            await pilot.press("d")  # d: delete it
            await pilot.pause()
            assert deleted.text not in [it.text for it in screen.plan.sections[0].items]
            await pilot.press("up", "up")  # up ×2: to （一）
            await pilot.pause()
            await pilot.press("ctrl+z")  # ctrl+z: undo the delete
            await pilot.pause()
            assert screen.cursor == (0, 2)
            assert screen.plan.sections[0].items[2].text == deleted.text
            editor = screen.query_one("#editor", TextArea).text
            assert editor.startswith(deleted.heading or deleted.body[:10])

    asyncio.run(run())


def test_blank_new_item_clears_the_similar_panel(home: Path) -> None:
    """ctrl+n on an item with similar hits leaves an empty panel and no error popup."""
    async def run() -> None:
        app = new_app()
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _compose(pilot, app)
            await pilot.press("f8")  # F8: similar panel
            await settle(app, pilot)
            panel = screen.query_one(SimilarPanel)
            assert panel.selected_hit() is not None
            await pilot.press("ctrl+n")  # ctrl+n: a blank item after the current one
            await pilot.pause()
            assert screen.cursor == (0, 1)
            assert panel.selected_hit() is None
            assert screen.query_one("#similar-list", OptionList).option_count == 0
            await settle(app, pilot)
            assert panel.selected_hit() is None
            assert "在编辑区写下这一条" in str(screen.query_one("#similar-hint", Static).render())
            assert not any("检索文字为空" in n for n in _notes(app))

    asyncio.run(run())


def test_replacing_with_stale_wording_asks_first(home: Path) -> None:
    """ctrl+r with a similar item whose wording is out of date for 2027 asks before replacing;
    取消 keeps the item, 替换 replaces it and says how to undo."""
    async def run() -> None:
        app = new_app()
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _compose(pilot, app)
            await pilot.press("f8")  # F8: similar panel
            panel = screen.query_one(SimilarPanel)
            listing = screen.query_one("#similar-list", OptionList)
            stale_at = None
            for _ in range(12):  # walk the outline until a hit has stale wording
                await settle(app, pilot)
                stale_at = next((i for i, h in enumerate(panel.hits)
                                 if check_text(h.text, 2027)), None)
                if stale_at is not None:
                    break
                screen.query_one("#outline").focus()
                await pilot.press("down")  # down: the next item
            assert stale_at is not None
            listing.highlighted = stale_at
            before = screen.plan
            si, ii = screen.cursor
            await pilot.press("ctrl+r")  # ctrl+r: replace with the highlighted hit
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, ConfirmDialog) and "过时提法" in dialog.question
            await pilot.press("escape")  # Esc: keep the item
            await pilot.pause()
            assert screen.plan == before
            await pilot.press("ctrl+r")  # ctrl+r: ask again
            await pilot.pause()
            await pilot.click("#ok")  # 替换
            await pilot.pause()
            assert screen.plan.sections[si].items[ii].origin == panel.hits[stale_at].item_id
            assert any("ctrl+z" in n for n in _notes(app))

    asyncio.run(run())


def test_checks_panel_counts_by_severity(home: Path) -> None:
    """The panel says 问题 N 条：错误 a，提醒 b，提示 c (not 提示 N 条) and shows each finding's
    original wording."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _compose(pilot, app)
            await settle(app, pilot)
            findings = screen.live.findings(screen.plan)
            ledger = str(screen.query_one("#ledger", Static).render())
            assert f"问题 {len(findings)} 条：错误 " in ledger and "，提醒 " in ledger
            assert "（错误" not in ledger
            rows = screen.query_one("#findings", OptionList)
            prompts = [str(rows.get_option_at_index(i).prompt) for i in range(rows.option_count)]
            assert any("原文：" in p for p in prompts)

    asyncio.run(run())


def test_identical_findings_of_one_item_are_grouped(seed_plans) -> None:
    """The same stale term twice in one item is one row saying 共 2 处 (other findings keep
    their rows); counts name all three severities."""
    plan = new_draft(replace(seed_plans[1], id="seed/001").with_ids(), 2027)
    item = plan.sections[0].items[0]
    text = ("巩固拓展脱贫攻坚成果同乡村振兴有效衔接，做好疫情防控。"
            "在2022年基础上巩固拓展脱贫攻坚成果同乡村振兴有效衔接")
    found = check_text(text, 2027, section=plan.sections[0].title, item=item.label,
                       item_id=item.id)
    rows = grouped(found)
    assert len(found) == 4 and rows[0] == (0, 2) and len(rows) == 3
    assert "共 2 处" in str(finding_text(found[0], "一、（一）", rows[0][1]))
    assert counts_text(found).startswith(f"问题 {len(found)} 条：错误 ")
    assert "提醒" in counts_text(found) and "提示" in counts_text(found)
