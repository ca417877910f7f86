"""Where files go and what is remembered: export fields kept in the draft, folders created,
the full path shown with a key to open it; checkboxes that show whether they are ticked."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Input, Static

from drafter.tui import opener
from drafter.tui.screens.export import ExportDialog
from drafter.tui.screens.metadata import MetadataDialog
from drafter.tui.widgets.tick import TICKED, TickBox
from tests.test_tui_support import compose as _compose
from tests.test_tui_support import new_app, settle

FIELDS = {
    "doc_number": "涪民政发〔2027〕3号",
    "date": "2027-01-05",
    "addressees": "各乡镇人民政府，各街道办事处",
    "copies_to": "区委办公室，区政府办公室",
    "printer": "重庆市涪陵区民政局办公室",
}


def test_export_fields_are_kept_and_folders_created(home: Path, tmp_path: Path,
                                                    monkeypatch) -> None:
    """At 120×40: export with a notice into a folder that does not exist yet; the file is
    written there, the dialog shows its whole path and ctrl+o opens the folder; F2 then
    shows every notice field, and the next F4 offers the same file and fields again."""
    opened: list[list[str]] = []
    monkeypatch.setattr(opener.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(opener.subprocess, "Popen", lambda argv, **_: opened.append(argv))
    out = tmp_path / "新建文件夹" / "二〇二七" / "要点.docx"

    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _compose(pilot, app)
            await pilot.press("f4")  # F4: export
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            assert ".local" not in dialog.query_one("#out", Input).value  # not the data dir
            await pilot.click("#notice")  # tick 带印发通知
            for name, value in FIELDS.items():
                dialog.query_one(f"#n-{name}", Input).value = value
            dialog.query_one("#out", Input).value = str(out)
            await pilot.click("#export")  # 导出
            await settle(app, pilot)
            assert out.is_file()
            assert str(out) in str(dialog.query_one("#result", Static).render())
            await pilot.press("ctrl+o")  # ctrl+o: open the folder
            assert opened and opened[0][-1] == str(out.parent)
            await pilot.click("#close")  # 关闭
            await pilot.pause()
            assert app.screen is screen
            for name, value in FIELDS.items():
                assert getattr(screen.plan.meta, name) == value
            assert screen.plan.meta.export_path == str(out)
            await pilot.press("f2")  # F2: metadata shows them
            await pilot.pause()
            meta = app.screen
            assert isinstance(meta, MetadataDialog)
            for name in ("doc_number", "addressees", "copies_to", "printer"):
                assert meta.query_one(f"#meta-{name}", Input).value == FIELDS[name]
            await pilot.press("escape")  # Esc: close F2
            await pilot.press("f4")  # F4 again: the same file and fields are offered
            await pilot.pause()
            again = app.screen
            assert again.query_one("#out", Input).value == str(out)
            assert again.query_one("#n-copies_to", Input).value == FIELDS["copies_to"]

    asyncio.run(run())


def test_a_checkbox_shows_a_tick_only_when_ticked(home: Path) -> None:
    """带印发通知 unticked shows an empty box; ticked it shows ✓ (not X either way)."""
    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await _compose(pilot, app)
            await pilot.press("f4")  # F4: export
            await pilot.pause()
            box = app.screen.query_one("#notice", TickBox)
            assert "X" not in box._button.plain and TICKED not in box._button.plain
            await pilot.click("#notice")  # tick it
            await pilot.pause()
            assert TICKED in box._button.plain

    asyncio.run(run())
