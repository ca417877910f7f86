"""Compose actions through keys, the palette and dialogs; configurable keys; safety nets."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from textual.widgets import Input, OptionList, TextArea

from drafter.tui.screens.export import ExportDialog
from drafter.tui.screens.help import HelpScreen
from drafter.tui.widgets.similar import SimilarPanel
from tests.test_tui_support import compose as _compose
from tests.test_tui_support import new_app, settle
from tests.test_tui_support import notes as _notes


def test_sections_add_rename_delete_undo(home: Path) -> None:
    """s, r and x on the outline add, rename and delete a section; ctrl+z undoes each."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _compose(pilot, app)
            start = screen.plan
            await pilot.press("s")  # s: add a section after the current one
            await pilot.pause()
            app.screen.query_one(Input).value = "全力办好民生实事"
            await pilot.press("enter")  # Enter: confirm the title
            await pilot.pause()
            assert screen.plan.sections[1].title == "全力办好民生实事"
            assert screen.plan.sections[1].label == "二、"
            assert screen.cursor == (1,)
            await pilot.press("r")  # r: rename it
            await pilot.pause()
            app.screen.query_one(Input).value = "办好民生实事"
            await pilot.press("enter")  # Enter: confirm
            await pilot.pause()
            assert screen.plan.sections[1].title == "办好民生实事"
            await pilot.press("x")  # x: delete the section
            await pilot.pause()
            assert screen.plan == start
            await pilot.press("ctrl+z")  # ctrl+z: the deleted section comes back
            await pilot.pause()
            assert screen.plan.sections[1].title == "办好民生实事"
            await pilot.press("ctrl+z")  # ctrl+z: and its first title
            await pilot.pause()
            assert screen.plan.sections[1].title == "全力办好民生实事"
            await pilot.press("ctrl+y")  # ctrl+y: redo the rename
            await pilot.pause()
            assert screen.plan.sections[1].title == "办好民生实事"

    asyncio.run(run())


def test_palette_runs_namespaced_actions(home: Path) -> None:
    """ctrl+p, type 下移, Enter: the palette runs the same action as ctrl+down."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _compose(pilot, app)
            first = screen.plan.sections[0].items[0].text
            await pilot.press("ctrl+p")  # ctrl+p: command palette
            await pilot.pause()
            await pilot.press(*"下移")  # type 下移
            await settle(app, pilot)
            await pilot.press("enter")  # Enter: 草稿: 下移条目
            await settle(app, pilot)
            assert screen.plan.sections[0].items[1].text == first
            assert screen.cursor == (0, 1)

    asyncio.run(run())


def test_user_key_override(home: Path) -> None:
    """A user's keys.toml rebinds an action; the old key no longer runs it."""
    config = home / "config"
    config.mkdir(parents=True)
    (config / "keys.toml").write_text('[keys]\n"compose.move_down" = "alt+j"\n', encoding="utf-8")

    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _compose(pilot, app)
            await pilot.press("ctrl+down")  # ctrl+down: no longer bound to the move
            await pilot.pause()
            assert screen.cursor == (0, 0)
            await pilot.press("alt+j")  # alt+j: the user's move-down key
            await pilot.pause()
            assert screen.cursor == (0, 1)
            await pilot.press("f1")  # F1: help lists the user's key
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            assert app.keys["compose.move_down"] == "alt+j"

    asyncio.run(run())


def test_change_on_disk_detected_in_the_app(home: Path) -> None:
    """When someone else rewrites the draft file, autosave stops and says so in Chinese."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _compose(pilot, app)
            path = screen.draft_file.path
            theirs = path.read_text(encoding="utf-8") + "\n# 他人的修改\n"
            path.write_text(theirs, encoding="utf-8")
            os.utime(path, ns=(1, 1))
            await pilot.press("ctrl+down")  # ctrl+down: a change that autosaves at once
            await pilot.pause()
            assert screen.conflict
            assert any("已被其他程序修改" in n for n in _notes(app))
            assert path.read_text(encoding="utf-8") == theirs
            await pilot.press("ctrl+p")  # ctrl+p: command palette
            await pilot.press(*"另存为")  # type 另存为
            await settle(app, pilot)
            await pilot.press("enter")  # Enter: 草稿: 另存为新草稿
            await settle(app, pilot)
            assert screen.draft_file.path != path and not screen.conflict
            assert screen.draft_file.path.exists()

    asyncio.run(run())


def test_worker_error_becomes_a_notification(home: Path, tmp_path: Path, monkeypatch) -> None:
    """An export that fails in the worker (the disk refuses the file): one sentence."""
    import drafter.export

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(drafter.export, "export_plan", refuse)

    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await _compose(pilot, app)
            await pilot.press("f4")  # F4: export
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            dialog.query_one("#out", Input).value = str(tmp_path / "a.docx")
            await pilot.click("#export")  # 导出
            await settle(app, pilot)
            assert any("文件操作失败" in n for n in _notes(app))
            assert dialog.result is None and app.is_running

    asyncio.run(run())


def test_external_editor_unavailable_headless(home: Path) -> None:
    """ctrl+e without a terminal to hand over says so and leaves the item alone."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _compose(pilot, app)
            before = screen.plan
            screen.query_one("#editor", TextArea).focus()
            await pilot.press("ctrl+e")  # ctrl+e: open in $EDITOR
            await pilot.pause()
            assert screen.plan == before
            assert any("外部编辑器" in n for n in _notes(app))

    asyncio.run(run())


def test_import_from_the_library_screen(home: Path, tmp_path: Path) -> None:
    """i, a path, Enter: the file is imported with progress and appears in the library."""
    source = tmp_path / "2024年某区民政工作要点.txt"
    source.write_text(
        "2024年全区民政工作要点\n\n一、加强党的建设\n（一）加强政治建设。认真学习贯彻党的二十大精神。\n"
        "（二）加强作风建设。持续纠治形式主义。\n二、兜牢民生底线\n（三）完善社会救助。提高低保标准。\n",
        encoding="utf-8",
    )

    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            before = len(app.library.summaries())
            await pilot.press("i")  # i: import files
            await pilot.pause()
            app.screen.query_one(Input).value = str(source)
            await pilot.press("enter")  # Enter: start the import
            await settle(app, pilot)
            assert len(app.library.summaries()) == before + 1
            assert any("新增 1 份" in n for n in _notes(app))

    asyncio.run(run())


def test_finding_jumps_to_its_item(home: Path) -> None:
    """F7, pick a finding, Enter: the outline and the editor move to that item."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _compose(pilot, app)
            await settle(app, pilot)
            findings = screen.live.findings(screen.plan)
            target = next(i for i, f in enumerate(findings) if f.code == "expired-plan")
            await pilot.press("f7")  # F7: the checks panel's findings
            listing = screen.query_one("#findings", OptionList)
            listing.highlighted = listing.get_option_index(str(target))
            await pilot.press("enter")  # Enter: jump to the finding's item
            await pilot.pause()
            pos = screen.plan.find_item(findings[target].item_id)
            assert screen.cursor == pos
            editor = screen.query_one("#editor", TextArea)
            assert editor.has_focus and "专项行动方案" in editor.text

    asyncio.run(run())


def test_similar_merge_and_replace(home: Path) -> None:
    """ctrl+g merges new sentences from the similar item; ctrl+r replaces the whole item."""
    async def run() -> None:
        app = new_app()
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _compose(pilot, app)
            await pilot.press("down", "down", "down")  # down ×3: to （四） 干部人才队伍建设
            await pilot.press("f8")  # F8: similar panel
            await settle(app, pilot)
            await pilot.pause(0.3)
            await settle(app, pilot)
            hit = screen.query_one(SimilarPanel).selected_hit()
            assert hit is not None and hit.plan != screen.plan.base
            si, ii = screen.cursor
            before = screen.plan.sections[si].items[ii]
            await pilot.press("ctrl+g")  # ctrl+g: merge the new sentences
            await pilot.pause()
            merged = screen.plan.sections[si].items[ii]
            assert merged.text.startswith(before.heading) and len(merged.text) > len(before.text)
            await pilot.press("ctrl+z")  # ctrl+z: undo the merge
            await pilot.pause()
            await pilot.press("ctrl+r")  # ctrl+r: replace with the similar item
            await pilot.pause()
            replaced = screen.plan.sections[si].items[ii]
            assert replaced.origin == hit.item_id and replaced.label == before.label

    asyncio.run(run())


def test_metadata_dialog_updates_the_draft(home: Path) -> None:
    """F2, fill the document number and date, 保存: the draft carries them (one undo step)."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _compose(pilot, app)
            await pilot.press("f2")  # F2: metadata
            await pilot.pause()
            dialog = app.screen
            dialog.query_one("#meta-doc_number", Input).value = "涪民政发〔2027〕1号"
            date = dialog.query_one("#meta-date", Input)
            date.value = "2027-01-05"
            date.focus()
            await pilot.press("enter")  # Enter in a field: 保存
            await pilot.pause()
            assert screen.plan.meta.doc_number == "涪民政发〔2027〕1号"
            assert screen.plan.meta.date == "2027-01-05"
            await pilot.press("ctrl+z")  # ctrl+z: undo the metadata change
            await pilot.pause()
            assert screen.plan.meta.doc_number is None

    asyncio.run(run())


def test_bad_user_keys_file_is_reported(home: Path) -> None:
    """A broken keys.toml does not stop the app: the defaults apply and the writer is told."""
    config = home / "config"
    config.mkdir(parents=True)
    (config / "keys.toml").write_text("[keys\n", encoding="utf-8")

    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            assert any("keys.toml" in n for n in _notes(app))
            await pilot.press("n")  # n: the default key still opens the new-draft dialog
            await pilot.pause()
            assert type(app.screen).__name__ == "NewDraftDialog"

    asyncio.run(run())
