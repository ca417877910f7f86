"""Leaving a draft whose text could not be saved: keep it as a new draft, overwrite, or discard.

Nothing is decided for the writer: Esc and 取消 stay in the draft; discarding is a button of
its own, never the default.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

from drafter.tui.screens.base import BaseModal

Choice = Literal["new", "overwrite", "discard"]


class LeaveDialog(BaseModal["Choice | None"]):
    """Asks what happens to unsaved text; dismisses with a choice, or None to stay."""

    CSS_PATH = "leave.tcss"
    NAMESPACE = "对话框"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "stay", "取消", id="dialog.cancel")]

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Label("草稿中有尚未保存到草稿文件的内容。", id="title")
            yield Label(self.reason, id="reason")
            yield Label("离开前请选择如何处理：", id="question")
            with Horizontal(id="buttons"):
                yield Button("另存为新草稿", variant="primary", id="new")
                yield Button("覆盖磁盘上的草稿", variant="warning", id="overwrite")
                yield Button("放弃这些修改", variant="error", id="discard")
                yield Button("取消", id="stay")

    def on_mount(self) -> None:
        """另存为新草稿 has the focus: Enter keeps everything."""
        self.query_one("#new", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Each button is one choice; 取消 stays in the draft."""
        event.stop()
        choice = event.button.id
        self.dismiss(None if choice == "stay" else choice)  # type: ignore[arg-type]

    def action_stay(self) -> None:
        """Stay in the draft."""
        self.dismiss(None)
