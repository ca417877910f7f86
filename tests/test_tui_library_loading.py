"""Library loading, import and the preview cache, driven through the app with Pilot."""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, Tree

from drafter.library import Library
from drafter.paths import builtin_library
from drafter.tui.app import make_app
from drafter.tui.screens.library import LibraryScreen, import_summary, split_paths
from tests.test_tui_support import BASE_ID, new_app, settle

MINI_PLAN = (
    "2024年全区民政工作要点\n\n一、加强党的建设\n（一）加强政治建设。认真学习贯彻党的二十大精神。\n"
    "（二）加强作风建设。持续纠治形式主义。\n二、兜牢民生底线\n（三）完善社会救助。提高低保标准。\n"
)
"""A small plan the importer accepts."""


def _notes(app) -> list[tuple[str, str]]:
    """(title, message) of the notifications shown so far."""
    return [(n.title, n.message) for n in app._notifications]


def test_broken_library_file_is_reported_not_fatal(home: Path, tmp_path: Path) -> None:
    """A broken TOML file and a duplicate id: the app starts, lists the rest, names both files."""
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "坏文件.toml").write_text("id = [这不是 TOML\n", encoding="utf-8")
    builtin = next(builtin_library().rglob("*.toml"))
    shutil.copy(builtin, folder / "副本.toml")

    async def run() -> None:
        app = make_app(library_dir=folder, warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            assert isinstance(app.screen, LibraryScreen)
            assert len(app.library.summaries()) == 5
            messages = [m for _, m in _notes(app)]
            assert any("坏文件.toml" in m for m in messages)
            assert any("副本.toml" in m and "编号" in m for m in messages)
            assert all(m.startswith("已跳过") for m in messages)
            assert "5 份" in app.status

    asyncio.run(run())


def test_catalogue_is_read_in_the_worker(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """summaries() first runs in the loading thread, never on the UI thread."""
    import threading

    threads: list[str] = []
    original = Library.summaries

    def spy(self: Library):  # type: ignore[no-untyped-def]
        if self._summaries is None:
            threads.append(threading.current_thread().name)
        return original(self)

    monkeypatch.setattr(Library, "summaries", spy)

    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            assert app.library is not None

    asyncio.run(run())
    assert threads and threading.main_thread().name not in threads


@pytest.mark.parametrize("typed, expected", [
    ("{a}", ["a"]),                               # a name with a space, unquoted
    ('"{a}"', ["a"]),                             # the same, quoted
    ("{b} {c}", ["b", "c"]),                      # two plain names
    ('"{a}" {b}', ["a", "b"]),                    # quoted with spaces, then plain
    ("{a} {b}", ["a", "b"]),                      # unquoted with spaces, then plain
])
def test_split_paths(tmp_path: Path, typed: str, expected: list[str]) -> None:
    """Paths typed in the import box keep their spaces, quoted or not."""
    names = {"a": tmp_path / "2024年 工作 要点.txt", "b": tmp_path / "b.txt",
             "c": tmp_path / "c.docx"}
    for path in names.values():
        path.write_text("x", encoding="utf-8")
    text = typed.format(**{k: str(v) for k, v in names.items()})
    assert split_paths(text) == [names[k] for k in expected]


def test_import_summary_texts(home: Path, tmp_path: Path, seed_paths: list[Path]) -> None:
    """All failed says 导入失败; a skip names the plan it duplicates; no doubled 。."""
    library = Library.open(tmp_path / "lib")
    bad = tmp_path / "空文件.txt"
    bad.write_text("", encoding="utf-8")
    title, text, severity = import_summary(library.import_paths([bad]))
    assert title == "导入失败" and text.startswith("导入失败：空文件.txt") and severity == "error"
    assert "。。" not in text
    title, text, _ = import_summary(library.import_paths([seed_paths[4]]))
    assert title == "没有导入新文件"
    assert "与资料库中的“" in text and "内容相同" in text and "。。" not in text
    title, text, _ = import_summary(library.import_paths([tmp_path / "没有这个文件.txt"]))
    assert title == "导入失败" and "。。" not in text


def test_failed_import_says_so(home: Path, tmp_path: Path) -> None:
    """i, a file that cannot be read, Enter: the notification says 导入失败, not 导入完成."""
    bad = tmp_path / "空 文件.txt"
    bad.write_text("", encoding="utf-8")

    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            library = app.library
            await pilot.press("i")  # i: import files
            await pilot.pause()
            app.screen.query_one(Input).value = str(bad)
            await pilot.press("enter")  # Enter: start the import
            await settle(app, pilot)
            titles = [t for t, _ in _notes(app)]
            assert "导入失败" in titles and "导入完成" not in titles
            assert app.library is library  # nothing imported: the library stays
            assert "正在导入" not in app.status

    asyncio.run(run())


def test_import_swaps_in_a_fresh_library(home: Path, tmp_path: Path) -> None:
    """An import fills a library of its own; the app's library is replaced, not mutated."""
    source = tmp_path / "2024年 某区 民政工作要点.txt"
    source.write_text(MINI_PLAN, encoding="utf-8")

    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            old = app.library
            before = len(old.summaries())
            await pilot.press("i")  # i: import files
            await pilot.pause()
            app.screen.query_one(Input).value = str(source)  # unquoted, with spaces
            await pilot.press("enter")  # Enter: start the import
            await settle(app, pilot)
            assert app.library is not old
            assert len(old.summaries()) == before
            assert len(app.library.summaries()) == before + 1
            (new_id,) = set(app.library.ids()) - set(old.ids())
            new = app.library.summary(new_id)
            tree = app.screen.query_one("#plans", Tree)
            groups = [str(n.label) for n in tree.root.children]
            assert (new.region or new.issuer or "其他") in groups
            assert ("导入完成", "新增 1 份。") in _notes(app)
            assert app.status == f"资料库共 {before + 1} 份要点。"

    asyncio.run(run())


def test_preview_plans_are_cached(home: Path, tmp_path: Path) -> None:
    """get_plan parses a plan once, and again only after its file changed."""
    source = tmp_path / "要点.txt"
    source.write_text(MINI_PLAN, encoding="utf-8")
    report = Library.open().import_paths([source])
    plan_id = report.outcomes[0].plan_id

    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            first = app.get_plan(plan_id)
            assert app.get_plan(plan_id) is first
            assert app.get_plan(BASE_ID) is not first
            path = app.library.summary(plan_id).path
            stat = path.stat()
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
            again = app.get_plan(plan_id)
            assert again is not first and again == first

    asyncio.run(run())
