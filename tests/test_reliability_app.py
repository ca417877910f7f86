"""The app never loses a writer's text: two instances on one draft, refused saves, leaving with
unsaved text, a closed terminal (SIGHUP), SIGTERM, suspend, kill -9, and F4 on a draft that
changed on disk."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from textual.widgets import Button, TextArea

from drafter.draft import DraftFile
from drafter.draft.create import new_draft
from drafter.draft.session import DraftSession
from drafter.draft.store import list_drafts
from drafter.errors import WriteError
from drafter.library import Library
from drafter.tui.screens.compose import ComposeScreen
from drafter.tui.screens.leave import LeaveDialog
from drafter.tui.screens.prompt import ConfirmDialog
from tests.test_tui_support import BASE_ID, new_app, notes, settle

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def draft_path(home: Path) -> Path:
    """A 2027 draft from the 涪陵 seed in the user's drafts folder."""
    plan = Library.open().get(BASE_ID)
    return DraftFile.create(new_draft(plan, 2027)).path


async def _type(app, pilot, text: str) -> ComposeScreen:
    """Type ``text`` at the start of the first item of the open draft."""
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, ComposeScreen)
    screen.query_one("#editor", TextArea).focus()
    await pilot.press("home")
    await pilot.press(*text)
    await settle(app, pilot)
    return screen


def _first_heading(path: Path) -> str:
    return DraftFile.open(path)[1].sections[0].items[0].heading


def test_two_instances_on_one_draft(draft_path: Path) -> None:
    """B saves first; A's save is refused, A's text goes to a recovery file at once, and
    ctrl+q in A asks before leaving; 另存为新草稿 keeps A's text, B's stays in the draft."""
    async def run() -> None:
        a, b = new_app(open_draft=draft_path, warm_matcher=False), new_app(
            open_draft=draft_path, warm_matcher=False)
        async with a.run_test(size=(120, 40)) as pa, b.run_test(size=(120, 40)) as pb:
            await settle(a, pa)
            await _type(b, pb, "乙的修改")
            assert _first_heading(draft_path).startswith("乙的修改")
            screen = await _type(a, pa, "甲的修改")
            assert screen.conflict
            kept = screen.session.recovery_path
            assert kept is not None and kept.parent == draft_path.parent
            assert _first_heading(kept).startswith("甲的修改")  # durable before any question
            assert any(kept.name in n for n in notes(a))
            await pa.press("ctrl+q")  # ctrl+q: quit
            await pa.pause()
            assert isinstance(a.screen, LeaveDialog), "quit must ask about the unsaved text"
            await pa.press("ctrl+q")  # ctrl+q again: still one question
            await pa.pause()
            assert sum(isinstance(s, LeaveDialog) for s in a.screen_stack) == 1
            await pa.click("#new")  # 另存为新草稿
            await pa.pause()
            assert not a.is_running
        new = [d.path for d in list_drafts(draft_path.parent)
               if d.path != draft_path and not d.recovery]
        assert len(new) == 1 and _first_heading(new[0]).startswith("甲的修改")
        assert _first_heading(draft_path).startswith("乙的修改")
        assert not kept.exists()  # its text now lives in the new draft

    asyncio.run(run())


@pytest.mark.parametrize("choice", ["overwrite", "discard", "stay"])
def test_escape_after_a_conflict_asks(draft_path: Path, choice: str) -> None:
    """Esc with refused text: 覆盖 writes it over the other change, 放弃 drops it explicitly,
    取消 (or Esc again) stays in the draft with nothing lost."""
    async def run() -> None:
        app = new_app(open_draft=draft_path, warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            theirs = draft_path.read_text(encoding="utf-8").replace("加强", "增强", 1)
            draft_path.write_text(theirs, encoding="utf-8")
            screen = await _type(app, pilot, "我的修改")
            assert screen.conflict
            kept = screen.session.recovery_path
            await pilot.press("escape")  # Esc in the editor: to the outline
            await pilot.press("escape")  # Esc in the outline: back to the library
            await pilot.pause()
            assert isinstance(app.screen, LeaveDialog)
            if choice == "stay":
                await pilot.press("escape")  # Esc in the dialog: stay
            else:
                app.screen.query_one(f"#{choice}", Button).press()
            await pilot.pause()
            await settle(app, pilot)
            on_disk = draft_path.read_text(encoding="utf-8")
            if choice == "overwrite":
                assert _first_heading(draft_path).startswith("我的修改")
                assert not isinstance(app.screen, ComposeScreen)
            elif choice == "discard":
                assert on_disk == theirs and not kept.exists()
                assert not isinstance(app.screen, ComposeScreen)
            else:
                assert app.screen is screen and kept.exists() and on_disk == theirs
                assert _first_heading(kept).startswith("我的修改")

    asyncio.run(run())


def test_full_disk_keeps_the_text_and_asks(draft_path: Path, monkeypatch) -> None:
    """A save that fails for lack of space keeps the text in a recovery file and Esc asks."""
    real_save = DraftFile.save

    def full(self, plan, *, force=False):
        if self.path == draft_path and not force:
            raise WriteError(f"无法写入 {self.path}：磁盘空间不足。")
        return real_save(self, plan, force=force)

    async def run() -> None:
        app = new_app(open_draft=draft_path, warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            monkeypatch.setattr(DraftFile, "save", full)
            screen = await _type(app, pilot, "空间不足时")
            kept = screen.session.recovery_path
            assert kept is not None and _first_heading(kept).startswith("空间不足时")
            assert any("磁盘空间不足" in n for n in notes(app))
            await pilot.press("escape")  # Esc in the editor: to the outline
            await pilot.press("escape")  # Esc in the outline: leave, so it asks
            await pilot.pause()
            assert isinstance(app.screen, LeaveDialog)

    asyncio.run(run())


def test_f4_warns_when_the_file_changed_on_disk(draft_path: Path) -> None:
    """A colleague's same-size edit with the old time (cp -p): F4 warns before exporting."""
    async def run() -> None:
        app = new_app(open_draft=draft_path, warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            st = draft_path.stat()
            draft_path.write_text(draft_path.read_text(encoding="utf-8").replace("加强", "增强", 1),
                                  encoding="utf-8")
            os.utime(draft_path, ns=(st.st_atime_ns, st.st_mtime_ns))
            await pilot.press("f4")  # F4: export
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            assert "已被其他程序修改" in app.screen.question
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ComposeScreen)

    asyncio.run(run())


def test_suspend_flushes(draft_path: Path, monkeypatch) -> None:
    """Suspending the app (ctrl+z in a terminal) writes what was typed first."""
    from drafter.tui.screens import compose_saving

    monkeypatch.setattr(compose_saving, "SAVE_DELAY", 3600)
    monkeypatch.setattr(compose_saving, "JOURNAL_DELAY", 3600)

    async def run() -> None:
        app = new_app(open_draft=draft_path, warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            screen = app.screen
            screen.query_one("#editor", TextArea).focus()
            await pilot.press("home", *"挂起之前")
            await pilot.pause()
            assert not _first_heading(draft_path).startswith("挂起之前")
            await pilot.pause()
            app.app_suspend_signal.publish(app)  # what App.suspend() sends before it stops
            assert _first_heading(draft_path).startswith("挂起之前")

    asyncio.run(run())


# --- a real process, stopped from outside ------------------------------------------------

CHILD = textwrap.dedent(
    """
    import asyncio, sys
    from pathlib import Path
    from textual.widgets import TextArea
    from drafter.tui.screens import compose_saving
    from tests.test_tui_support import new_app, settle

    # No autosave and no timed journal writes: only what the test is about can save.
    compose_saving.SAVE_DELAY = compose_saving.MAX_UNSAVED = 3600
    compose_saving.JOURNAL_DELAY = float(sys.argv[3])

    async def main():
        app = new_app(open_draft=Path(sys.argv[1]), warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            app.screen.query_one("#editor", TextArea).focus()
            await pilot.press("home", *sys.argv[2])
            print("TYPED", flush=True)
            while app.is_running:
                await asyncio.sleep(0.05)
        print("EXITED", flush=True)

    asyncio.run(main())
    """
)


def _child(tmp_path: Path, draft_path: Path, text: str, journal_delay: float) -> subprocess.Popen:
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, str(script), str(draft_path), text,
                              str(journal_delay)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    line = child.stdout.readline() if child.stdout else ""
    if not line.startswith("TYPED"):
        child.kill()
        raise AssertionError(child.stderr.read() if child.stderr else line)
    return child


@pytest.mark.skipif(sys.platform == "win32", reason="SIGHUP and SIGTERM are POSIX")
@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM])
def test_closing_the_terminal_saves_what_was_typed(draft_path: Path, tmp_path: Path, sig) -> None:
    """SIGHUP (terminal closed, tmux kill-session) or SIGTERM right after typing: the app saves
    the draft before it ends, though no autosave was due."""
    child = _child(tmp_path, draft_path, "关终端前", journal_delay=3600)
    try:
        child.send_signal(sig)
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert "Traceback" not in err, err
    assert "EXITED" in out
    assert _first_heading(draft_path).startswith("关终端前")
    assert not list(draft_path.parent.glob(".*.journal")), "a clean stop leaves no journal"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_kill_9_loses_at_most_the_last_burst(draft_path: Path, tmp_path: Path) -> None:
    """kill -9 0.3 s after a burst of typing: the journal has it, and opening the draft again
    takes it up (and says so)."""
    from drafter.tui.screens.compose_saving import JOURNAL_DELAY

    child = _child(tmp_path, draft_path, "被杀之前", journal_delay=JOURNAL_DELAY)
    time.sleep(0.3)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert not _first_heading(draft_path).startswith("被杀之前")  # no autosave ran
    opened = DraftSession.open(draft_path)
    assert opened.plan.sections[0].items[0].heading.startswith("被杀之前")
    assert opened.notes and "恢复" in opened.notes[0]
    opened.session.save(opened.plan)
    opened.session.close()
    assert _first_heading(draft_path).startswith("被杀之前")
    assert not list(draft_path.parent.glob(".*.journal"))


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_replay_after_someone_changed_the_draft_goes_to_a_recovery_file(
        draft_path: Path, tmp_path: Path) -> None:
    """The crashed process's edits were made to a version a colleague has since replaced:
    they are kept in a recovery file and the colleague's draft is not touched."""
    child = _child(tmp_path, draft_path, "崩溃前", journal_delay=0.01)
    time.sleep(0.3)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    theirs = draft_path.read_text(encoding="utf-8").replace("加强", "增强", 1)
    draft_path.write_text(theirs, encoding="utf-8")
    opened = DraftSession.open(draft_path)
    assert opened.plan == DraftFile.open(draft_path)[1]
    assert draft_path.read_text(encoding="utf-8") == theirs
    recovered = [d for d in list_drafts(draft_path.parent) if d.recovery]
    assert len(recovered) == 1 and _first_heading(recovered[0].path).startswith("崩溃前")
    assert recovered[0].path.name in opened.notes[0]
    opened.session.close()


def test_reopening_in_the_app_shows_the_recovery(draft_path: Path, tmp_path: Path) -> None:
    """After kill -9 the app opens the draft with the recovered text and a notification."""
    child = _child(tmp_path, draft_path, "恢复我", journal_delay=0.01)
    time.sleep(0.3)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)

    async def run() -> None:
        app = new_app(open_draft=draft_path, warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, ComposeScreen)
            assert screen.query_one("#editor", TextArea).text.startswith("恢复我")
            assert any("恢复" in n for n in notes(app))
        assert _first_heading(draft_path).startswith("恢复我")  # saved since

    asyncio.run(run())


def test_damaged_drafts_are_listed_and_the_app_starts(draft_path: Path) -> None:
    """A corrupt draft and a deeply nested one in 我的草稿: the app starts, lists both as
    damaged and explains when one is opened."""
    (draft_path.parent / "坏了.toml").write_text("format = 1\n[meta\n", encoding="utf-8")
    (draft_path.parent / "深.toml").write_text("x = " + "[" * 600 + "]" * 600, encoding="utf-8")

    async def run() -> None:
        from textual.widgets import Tree

        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            tree = app.screen.query_one("#plans", Tree)
            mine = tree.root.children[0]
            labels = {str(node.data[1].name): str(node.label) for node in mine.children}
            assert "已损坏" in labels["坏了.toml"] and "已损坏" in labels["深.toml"]
            assert "已损坏" not in labels[draft_path.name]
            app.open_draft_file(draft_path.parent / "深.toml")
            await pilot.pause()
            assert not isinstance(app.screen, ComposeScreen)
            assert any("嵌套" in n for n in notes(app))

    asyncio.run(run())


def test_folder_import_in_the_app_names_each_bad_file(home: Path, tmp_path: Path,
                                                      seed_plans) -> None:
    """`i` on a folder with two bad files and good ones: the good ones are imported and the
    notification names each bad file."""
    from tests.reliability_support import unsigned_plan_texts

    folder = tmp_path / "往年"
    folder.mkdir()
    (folder / "坏一.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "坏二.docx").write_bytes(b"")
    for n, text in enumerate(unsigned_plan_texts(seed_plans, 2)):
        (folder / f"好{n}.txt").write_text(text, encoding="utf-8")

    async def run() -> None:
        app = new_app(warm_matcher=False, library_dir=tmp_path / "lib")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            await pilot.press("i")  # i: import
            await pilot.pause()
            app.screen.query_one("Input").value = str(folder)
            await pilot.press("enter")
            await settle(app, pilot)
            text = "\n".join(notes(app))
            assert "新增 2 份" in text and "坏一.docx 导入失败" in text and "坏二.docx 导入失败" in text

    asyncio.run(run())


def test_leave_dialog_snapshot(home: Path, snap_compare) -> None:
    """The question on leaving with unsaved text, after another program changed the draft."""
    from tests.test_tui_snapshots import snap, steady
    from tests.test_tui_support import open_new_draft

    async def steps(pilot) -> None:
        app = pilot.app
        await open_new_draft(app, pilot)
        screen = app.screen
        path = screen.draft_file.path
        path.write_text(path.read_text(encoding="utf-8").replace("加强", "增强", 1),
                        encoding="utf-8")
        screen.query_one("#editor", TextArea).focus()
        await pilot.press("home", *"我的修改")  # type at the start of the first item
        await settle(app, pilot)
        await pilot.press("escape")  # Esc in the editor: to the outline
        await pilot.press("escape")  # Esc in the outline: leave; the save was refused, so it asks
        await pilot.pause()
        steady(pilot)

    assert snap(snap_compare, steps)
