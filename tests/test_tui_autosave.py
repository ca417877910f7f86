"""Autosave survives a killed terminal: run the app in a child process, SIGKILL it, reopen."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from textual.widgets import TextArea

from drafter.draft import DraftFile, list_drafts
from drafter.model import Plan
from drafter.tui.screens.compose import ComposeScreen
from tests.test_tui_support import new_app, settle

ROOT = Path(__file__).resolve().parent.parent

TYPED = "加强政治建设"
"""What the child types at the start of the first item (one key press per character)."""

CHILD = textwrap.dedent(
    """
    import asyncio, sys
    from textual.widgets import TextArea
    from tests.test_tui_support import new_app, open_new_draft

    async def main():
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await open_new_draft(app, pilot)
            screen = app.screen
            screen.query_one("#editor", TextArea).focus()
            await pilot.press("home")
            for ch in sys.argv[1]:
                await pilot.press(ch)
            while screen.pending_save:  # the debounced autosave has not fired yet
                await pilot.pause(0.05)
            print("SAVED", screen.draft_file.path, flush=True)
            await pilot.press(*"未保存")  # typed after the last save, then killed
            await asyncio.sleep(3600)

    asyncio.run(main())
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_app_leaves_the_last_saved_draft(home: Path, tmp_path: Path) -> None:
    """After SIGKILL mid-edit the draft on disk is whole and holds the typed text."""
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    env = {**os.environ, "DRAFTER_HOME": str(home), "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, str(script), TYPED], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline() if child.stdout else ""
        assert line.startswith("SAVED "), child.stderr.read() if child.stderr else line
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    path = Path(line.split(" ", 1)[1].strip())
    assert child.returncode == -signal.SIGKILL
    _, plan = DraftFile.open(path)
    first = plan.sections[0].items[0]
    assert first.heading.startswith(TYPED + "深入学习贯彻")
    assert plan.meta.year == 2027 and plan.base == "重庆市涪陵区民政局/2022"
    assert not list(path.parent.glob(".*.tmp")), "no half-written temp file is left"
    assert [d.path for d in list_drafts(path.parent)] == [path]
    # The journal may also hold 未保存 (typed after the save): reopening takes it up.
    reopened = asyncio.run(_reopen(path))
    assert reopened.sections[1:] == plan.sections[1:]
    heading = reopened.sections[0].items[0].heading
    assert heading in {TYPED + "未保存"[:n] + first.heading[len(TYPED):] for n in range(4)}


async def _reopen(path: Path) -> Plan:
    """Open the draft again in the app, as the writer would after the crash."""
    app = new_app(open_draft=path, warm_matcher=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ComposeScreen)
        assert screen.query_one("#editor", TextArea).text.startswith(TYPED)
        return screen.plan
