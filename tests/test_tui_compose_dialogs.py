"""The export, metadata and diff dialogs of the compose screen: what they write and refuse."""

from __future__ import annotations

import asyncio
import zipfile
from pathlib import Path

import pytest
from textual.widgets import Button, Checkbox, Input, Select, Static

from drafter.tui.screens.diff import DiffScreen
from drafter.tui.screens.export import EXISTS_TEXT, ExportDialog
from drafter.tui.screens.metadata import MetadataDialog
from tests.test_tui_support import compose as _compose
from tests.test_tui_support import new_app, settle
from tests.test_tui_support import notes as _notes


def _text(widget: Static) -> str:
    """The plain text a Static shows."""
    return str(widget.render())


async def _export_dialog(pilot, app) -> ExportDialog:
    """Open the export dialog from a fresh draft."""
    await _compose(pilot, app)
    await pilot.press("f4")  # F4: export
    await pilot.pause()
    assert isinstance(app.screen, ExportDialog)
    return app.screen


def _document_xml(path: Path) -> str:
    """The main part of a .docx as text."""
    with zipfile.ZipFile(path) as docx:
        return docx.read("word/document.xml").decode("utf-8")


@pytest.mark.parametrize(("tick", "expected"), [("click", True), ("space", True), ("", False)])
def test_export_with_notice_writes_the_notice(home: Path, tmp_path: Path, tick: str,
                                              expected: bool) -> None:
    """Ticking 带印发通知 puts the 发文字号 and 主送机关 typed in the dialog into the .docx."""
    out = tmp_path / "要点.docx"

    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            dialog = await _export_dialog(pilot, app)
            dialog.query_one("#out", Input).value = str(out)
            if tick == "click":
                await pilot.click("#notice")  # tick 带印发通知 with the mouse
            elif tick == "space":
                dialog.query_one("#notice", Checkbox).focus()
                await pilot.press("space")  # space: tick 带印发通知 from the keyboard
            await pilot.pause()
            assert dialog.query_one("#notice", Checkbox).value is expected
            dialog.query_one("#n-doc_number", Input).value = "涪民政发[2027]3号"
            dialog.query_one("#n-addressees", Input).value = "各乡镇人民政府，各街道办事处"
            await pilot.click("#export")  # 导出
            await settle(app, pilot)
            assert dialog.result == out

    asyncio.run(run())
    xml = _document_xml(out)
    assert ("涪民政发〔2027〕3号" in xml) is expected
    assert ("各乡镇人民政府，各街道办事处：" in xml) is expected
    # The notice title: broken into lines between words (an explicit break before 《).
    assert ("关于印发</w:t>" in xml and "》的通知" in xml) is expected


def test_export_defaults_and_profile_names(home: Path) -> None:
    """覆盖已有文件 starts unticked and the styles are offered by name, not by file id."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            dialog = await _export_dialog(pilot, app)
            assert dialog.query_one("#force", Checkbox).value is False
            profile = dialog.query_one("#profile", Select)
            assert profile.value == "gbt9704"
            titles = [str(prompt) for prompt, _ in profile._options]
            assert "GB/T 9704 红头" in titles and not any(t == "gbt9704" for t in titles)

    asyncio.run(run())


def test_existing_file_is_reported_in_the_dialog(home: Path, tmp_path: Path) -> None:
    """Exporting onto an existing file says so in the dialog, without the CLI's --force."""
    out = tmp_path / "要点.docx"
    out.write_bytes(b"earlier")

    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            dialog = await _export_dialog(pilot, app)
            dialog.query_one("#out", Input).value = str(out)
            await pilot.click("#export")  # 导出 onto the existing file
            await settle(app, pilot)
            shown = _text(dialog.query_one("#result", Static))
            assert EXISTS_TEXT in shown and "上方" not in shown
            assert not any("--force" in n for n in _notes(app))
            assert out.read_bytes() == b"earlier"
            await pilot.click("#force")  # tick 覆盖已有文件
            await pilot.click("#export")  # 导出 again
            await settle(app, pilot)
            assert dialog.result == out and out.read_bytes().startswith(b"PK")

    asyncio.run(run())


def test_worker_failure_is_shown_in_the_dialog(home: Path, tmp_path: Path) -> None:
    """A failed export names the reason inside the dialog, where the writer is looking."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            dialog = await _export_dialog(pilot, app)
            dialog.query_one("#out", Input).value = str(tmp_path / "无此文件夹" / "a.docx")
            await pilot.click("#export")  # 导出
            await settle(app, pilot)
            assert "文件夹不存在" in _text(dialog.query_one("#result", Static))

    asyncio.run(run())


def test_format_change_with_empty_output_box(home: Path) -> None:
    """Changing the format with an empty 保存到 box keeps it empty; 导出 then asks for a name."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            dialog = await _export_dialog(pilot, app)
            box = dialog.query_one("#out", Input)
            box.value = ""
            dialog.query_one("#format", Select).value = "md"
            await pilot.pause()
            assert box.value == "" and app.is_running
            box.value = "要点.docx"
            dialog.query_one("#format", Select).value = "txt"
            await pilot.pause()
            assert box.value == "要点.txt"
            box.value = ""
            await pilot.click("#export")  # 导出 with no file name
            await settle(app, pilot)
            assert "请填写保存位置" in _text(dialog.query_one("#result", Static))

    asyncio.run(run())


@pytest.mark.parametrize(("field", "typed", "refusal"), [
    ("date", "2027-13-40", "不是有效日期"),
    ("date", "明年一月", "不是有效日期"),
    ("year", "20277", "四位数字"),
    ("year", "1899", "不合理"),
])
def test_metadata_refuses_bad_values(home: Path, field: str, typed: str, refusal: str) -> None:
    """A bad 成文日期 or 计划年度 is refused inside the dialog; the draft is not changed."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _compose(pilot, app)
            before = screen.plan
            await pilot.press("f2")  # F2: metadata
            await pilot.pause()
            dialog = app.screen
            dialog.query_one(f"#meta-{field}", Input).value = typed
            await pilot.click("#ok")  # 保存
            await pilot.pause()
            assert app.screen is dialog
            assert refusal in _text(dialog.query_one("#error", Static))
            assert screen.plan == before

    asyncio.run(run())


def test_metadata_accepts_a_chinese_date_at_80x24(home: Path) -> None:
    """At 80×24 the 保存 button is on screen; 2027年1月5日 is stored as 2027-01-05."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _compose(pilot, app)
            await pilot.press("f2")  # F2: metadata
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, MetadataDialog)
            ok = dialog.query_one("#ok", Button)
            assert ok.region.height > 0 and ok.region.bottom <= 24
            dialog.query_one("#meta-date", Input).value = "2027年1月5日"
            await pilot.click("#ok")  # 保存
            await pilot.pause()
            assert app.screen is screen
            assert screen.plan.meta.date == "2027-01-05"

    asyncio.run(run())


def test_diff_exports_are_named_after_the_draft_file(home: Path) -> None:
    """x and X write <draft file>-修订稿/花脸稿.docx beside the draft; two drafts never share
    a file; the summary shows the changed title like the command line does."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        written: list[Path] = []
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(2):
                screen = await _compose(pilot, app)
                await pilot.press("f3")  # F3: diff
                await settle(app, pilot)
                diff = app.screen
                assert isinstance(diff, DiffScreen)
                assert "标题：" in _text(diff.query_one("#summary", Static))
                await pilot.press("x")  # x: 修订稿
                await settle(app, pilot)
                await pilot.press("X")  # X: 花脸稿
                await settle(app, pilot)
                stem = screen.draft_file.path.stem
                folder = screen.draft_file.path.parent
                for kind in ("修订稿", "花脸稿"):
                    out = folder / f"{stem}-{kind}.docx"
                    assert out.is_file()
                    assert any(str(out) in n for n in _notes(app))
                    written.append(out)
                await pilot.press("escape")  # Esc: back to the draft
                await pilot.press("escape")  # Esc: back to the library
                await pilot.pause()
        assert len(set(written)) == 4

    asyncio.run(run())
