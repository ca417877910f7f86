"""The whole drafting workflow, driven through the app with Pilot on the built-in library."""

from __future__ import annotations

import asyncio
from pathlib import Path

import docx
from docx.oxml.ns import qn
from textual.widgets import Input, OptionList, TextArea

from drafter.draft import DraftFile
from drafter.paths import user_documents_dir
from drafter.tui.screens.compose import ComposeScreen
from drafter.tui.screens.diff import DiffScreen
from drafter.tui.screens.export import ExportDialog
from tests.test_tui_support import BASE_ID, new_app, open_new_draft, settle

STALE_ITEM = (0, 0)
"""（一） of the 涪陵 seed: it still names 十九届六中全会 as the guiding spirit."""
REWRITTEN = (
    "深入学习贯彻习近平新时代中国特色社会主义思想和党的二十大及二十届历次全会精神。"
    "学深悟透习近平新时代中国特色社会主义思想，牢牢把握民政工作的政治属性。"
)


def _stale_codes(screen: ComposeScreen, item_id: str) -> list[str]:
    """Codes of the stale-wording findings the checks panel shows for one item."""
    return [f.code for f in screen.live.findings(screen.plan)
            if f.item_id == item_id and f.code.startswith("stale")]


def test_whole_workflow(home: Path, tmp_path: Path) -> None:
    """Start a 2027 draft, add an item from another region, edit, move, undo, diff, export."""
    asyncio.run(_workflow(tmp_path))


async def _workflow(tmp_path: Path) -> None:
    """The steps of :func:`test_whole_workflow`."""
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_new_draft(app, pilot)
        screen = app.screen
        assert isinstance(screen, ComposeScreen)
        plan = screen.plan
        assert plan.meta.year == 2027 and plan.meta.title.startswith("2027年")
        assert plan.base == BASE_ID
        first = plan.sections[0].items[0]
        assert first.origin == f"{BASE_ID}#1.1"
        assert _stale_codes(screen, first.id), "the 十九届六中全会 wording should be flagged"

        # Add an item from another region: ctrl+l, search, Enter on the first hit.
        count = plan.item_count()
        await pilot.press("ctrl+l")  # ctrl+l: add from library
        await pilot.pause()
        app.screen.query_one("#query", Input).value = "农村牧区养老服务"
        await settle(app, pilot)
        app.screen.query_one("#hits", OptionList).focus()
        await pilot.press("enter")  # Enter: add the highlighted hit after the cursor
        await settle(app, pilot)
        added = screen.plan.sections[0].items[1]
        assert screen.plan.item_count() == count + 1
        assert added.origin.startswith("乌审旗民政局/2022#")
        assert "农村牧区" in added.text

        # Edit the stale item: its finding disappears at once.
        await pilot.press("up")  # up: back to （一） in the outline
        await pilot.pause()
        assert screen.cursor == STALE_ITEM
        editor = screen.query_one("#editor", TextArea)
        editor.focus()
        editor.replace(REWRITTEN, editor.document.start, editor.document.end)
        await pilot.pause()
        item_id = screen.plan.sections[0].items[0].id
        assert screen.plan.sections[0].items[0].heading.startswith("深入学习贯彻")
        assert _stale_codes(screen, item_id) == []
        await settle(app, pilot)
        assert _stale_codes(screen, item_id) == []

        # Move it down, then undo the move.
        edited = screen.plan
        await pilot.press("ctrl+down")  # ctrl+down: move the item down
        await pilot.pause()
        assert screen.cursor == (0, 1)
        assert screen.plan.sections[0].items[1].heading == edited.sections[0].items[0].heading
        await pilot.press("ctrl+z")  # ctrl+z: undo the move
        await pilot.pause()
        assert screen.plan == edited

        # The diff against the base shows the edit and the added item.
        await pilot.press("f3")  # F3: diff
        await settle(app, pilot)
        diff_screen = app.screen
        assert isinstance(diff_screen, DiffScreen)
        assert diff_screen.diff.summary.added >= 1
        assert diff_screen.diff.summary.changed >= 1
        await pilot.press("n")  # n: next change
        assert diff_screen.current == 0
        await pilot.press("x")  # x: export the tracked-changes .docx (asks where)
        await pilot.pause()
        await pilot.press("enter")  # Enter: the offered file in the documents folder
        await settle(app, pilot)
        tracked = next(user_documents_dir().glob("*修订稿.docx"))
        body = docx.Document(str(tracked)).element.body
        inserted = "".join(t.text or "" for t in body.iter(qn("w:ins")) for t in t.iter(qn("w:t")))
        deleted = "".join(t.text or "" for t in body.iter(qn("w:del")) for t in t.iter(qn("w:delText")))
        assert "农村牧区" in inserted and "十九届六中全会" in deleted
        await pilot.press("X")  # X: export the printable 花脸稿 too
        await pilot.pause()
        await pilot.press("enter")  # Enter: the offered file
        await settle(app, pilot)
        redline = next(user_documents_dir().glob("*花脸稿.docx"))
        marked = "\n".join(p.text for p in docx.Document(str(redline)).paragraphs)
        assert "农村牧区" in marked and "十九届六中全会" in marked
        await pilot.press("escape")  # Esc: back to the draft
        await pilot.pause()

        # Export a .docx and read it back.
        out = tmp_path / "2027要点.docx"
        await pilot.press("f4")  # F4: export dialog
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#out", Input).value = str(out)
        await pilot.click("#export")  # 导出
        await settle(app, pilot)
        assert dialog.result == out
        text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
        assert "2027年全区民政工作要点" in text
        assert "党的二十大及二十届历次全会精神" in text
        assert "农村牧区" in text
        await pilot.click("#close")  # 关闭
        await pilot.pause()

        # Back in the library, the draft is listed under 我的草稿.
        await pilot.press("escape")  # Esc: from the editor to the outline
        await pilot.press("escape")  # Esc: save and return to the library
        await pilot.pause()
        assert type(app.screen).__name__ == "LibraryScreen"
        mine = app.screen.query_one("#plans").root.children[0]
        assert str(mine.label) == "我的草稿（1）"

    # Everything was autosaved: the draft on disk is the last state.
    saved = DraftFile.open(screen.draft_file.path)[1]
    assert saved == screen.plan
