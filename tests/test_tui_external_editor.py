"""ctrl+e: a usable editor when $EDITOR is unset, named on screen with how to change it."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import TextArea

from drafter.errors import DrafterError
from drafter.tui import external
from drafter.tui.external import choose_editor
from tests.test_tui_support import compose as _compose
from tests.test_tui_support import new_app, notes


@pytest.mark.parametrize(("env", "present", "command", "chosen_by"), [
    ({"VISUAL": "code -w", "EDITOR": "vim"}, {"nano"}, "code -w", "VISUAL"),
    ({"EDITOR": "gedit"}, {"nano"}, "gedit", "EDITOR"),
    ({}, {"nano", "editor", "vi"}, "nano", ""),
    ({"EDITOR": "  "}, {"editor", "vi"}, "editor", ""),
])
def test_choose_editor(env, present, command, chosen_by) -> None:
    """$VISUAL, then $EDITOR, then nano, then editor; never vi by default."""
    editor = choose_editor(env, lambda name: f"/usr/bin/{name}" if name in present else None)
    assert (editor.command, editor.chosen_by) == (command, chosen_by)


def test_no_editor_at_all_says_how_to_set_one() -> None:
    """Nothing set and nothing installed: one sentence naming EDITOR."""
    with pytest.raises(DrafterError, match="EDITOR"):
        choose_editor({}, lambda name: None)


def test_ctrl_e_without_editor_set_uses_nano_and_says_so(home: Path, monkeypatch) -> None:
    """At 120×40, $EDITOR unset: ctrl+e starts nano (not vi), the status line names it and
    says how to set EDITOR, and the edited text lands in the item."""
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setattr(external.shutil, "which",
                        lambda name: "/usr/bin/nano" if name == "nano" else None)
    monkeypatch.setattr(App, "suspend", lambda self: contextlib.nullcontext())
    started: list[list[str]] = []

    def fake_editor(argv: list[str]) -> int:
        started.append(argv)
        path = Path(argv[-1])
        path.write_text(path.read_text("utf-8").rstrip("\n") + "外部补充。\n", "utf-8")
        return 0

    monkeypatch.setattr(external.subprocess, "call", fake_editor)

    async def run() -> None:
        app = new_app(warm_matcher=False)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _compose(pilot, app)
            screen.query_one("#editor", TextArea).focus()
            await pilot.press("ctrl+e")  # ctrl+e: open in the external editor
            await pilot.pause()
            assert started and started[0][0] == "nano"
            assert "nano" in app.status and "EDITOR" in app.status
            assert screen.query_one("#editor", TextArea).text.endswith("外部补充。")
            assert any("EDITOR" in n for n in notes(app))

    asyncio.run(run())
