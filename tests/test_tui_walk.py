"""The writer's walk at both sizes: new draft, edit with F7/F6 pressed inside the editor,
merge a similar phrase, export into a new folder with 文号/主送/抄送, quit, reopen — every
field and the undo history are still there."""

from __future__ import annotations

import asyncio
import zipfile
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, TextArea

from drafter.tui.screens.compose import ComposeScreen
from drafter.tui.screens.export import ExportDialog
from drafter.tui.widgets.similar import SimilarPanel
from tests.test_tui_support import compose as _compose
from tests.test_tui_support import new_app, settle

FIELDS = {"doc_number": "涪民政发〔2027〕1号", "addressees": "各乡镇人民政府，各街道办事处",
          "copies_to": "区委办公室，区政府办公室"}
TYPED = "统筹做好新写的一句。"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_walk_keeps_fields_and_undo_across_a_restart(home: Path, tmp_path: Path,
                                                     size: tuple[int, int]) -> None:
    out = tmp_path / "新文件夹" / "导出" / "2027要点.docx"

    async def run() -> Path:
        app = new_app()
        async with app.run_test(size=size) as pilot:
            screen = await _compose(pilot, app)
            ref = next((si, ii) for si, s in enumerate(screen.plan.sections)
                       for ii, it in enumerate(s.items) if "防范化解" in it.heading)
            outline = screen.query_one("#outline", OptionList)
            outline.highlighted = outline.get_option_index(f"{ref[0]}.{ref[1]}")
            await pilot.pause()
            await pilot.press("enter")  # Enter: into the editor of that item
            editor = screen.query_one("#editor", TextArea)
            assert editor.has_focus
            editor.move_cursor(editor.document.end)
            editor.insert(TYPED)
            await pilot.press("f7")  # F7 inside the editor: the checks
            await pilot.pause()
            assert screen.focused is screen.query_one("#findings")
            editor.focus()
            await pilot.press("f6", "f6")  # F6 twice inside the editor: hide, show the side
            await pilot.pause()
            assert editor.text.endswith(TYPED) and editor.selected_text == ""
            await settle(app, pilot)

            await pilot.press("f8")  # F8: similar wording
            await settle(app, pilot)
            panel = screen.query_one(SimilarPanel)
            pick = next(i for i, s in enumerate(panel.shown) if s.added and not s.stale)
            panel.query_one("#similar-list", OptionList).highlighted = pick
            before = screen.plan.sections[ref[0]].items[ref[1]].text
            await pilot.press("ctrl+g")  # ctrl+g: merge the listed phrases
            await pilot.pause()
            merged = screen.plan.sections[ref[0]].items[ref[1]].text
            assert merged.startswith(before) and len(merged) > len(before)

            await pilot.press("f4")  # F4: export
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            dialog.query_one("#notice").value = True  # 带印发通知
            await pilot.pause()
            for name, value in FIELDS.items():
                dialog.query_one(f"#n-{name}", Input).value = value
            dialog.query_one("#out", Input).value = str(out)
            dialog.action_export()  # 导出
            await settle(app, pilot)
            assert dialog.result == out.resolve()
            dialog.action_close()  # 关闭
            await pilot.pause()
            path = screen.draft_file.path
            await pilot.press("ctrl+q")  # ctrl+q: quit
            await pilot.pause()
        return path

    path = asyncio.run(run())
    with zipfile.ZipFile(out) as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    assert "涪民政发〔2027〕1号" in xml and "区委办公室" in xml

    async def reopen() -> None:
        app = new_app(warm_matcher=False, open_draft=path)
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, ComposeScreen)
            meta = screen.plan.meta
            for name, value in FIELDS.items():
                assert getattr(meta, name) == value
            assert meta.export_path == str(out.resolve())
            labels = [s.label for s in screen.history.past] + [screen.history.present.label]
            assert "合并新增表述" in labels and "编辑文字" in labels
            await pilot.press("f4")  # F4: the fields and the path are offered again
            await pilot.pause()
            again = app.screen
            assert again.query_one("#out", Input).value == str(out.resolve())
            for name, value in FIELDS.items():
                assert again.query_one(f"#n-{name}", Input).value == value
            await pilot.press("escape")  # Esc: close the dialog
            await pilot.pause()
            while screen.history.present.label != "合并新增表述":
                await pilot.press("ctrl+z")  # ctrl+z: back through the kept history
                await pilot.pause()
            await pilot.press("ctrl+z")  # ctrl+z: undo the merge itself
            await pilot.pause()
            item = screen.plan.sections
            assert any(it.text.endswith(TYPED) for s in item for it in s.items)

    asyncio.run(reopen())
