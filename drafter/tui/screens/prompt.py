"""Small questions: one line of text (section titles, import paths), or yes and no."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from drafter.tui.screens.base import BaseModal


class PromptDialog(BaseModal[str | None]):
    """Asks for one line of text; dismisses with it, or None when cancelled."""

    CSS_PATH = "prompt.tcss"
    NAMESPACE = "对话框"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "取消", id="dialog.cancel")]

    def __init__(self, question: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Label(self.question)
            yield Input(self.value, placeholder=self.placeholder, id="answer")
            with Horizontal(id="buttons"):
                yield Button("确定", variant="primary", id="ok")
                yield Button("取消", id="cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter confirms."""
        event.stop()
        self._finish()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """确定 confirms, 取消 cancels."""
        if event.button.id == "ok":
            self._finish()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)

    def _finish(self) -> None:
        """Close with the answer (an empty answer counts as cancelled)."""
        value = self.query_one("#answer", Input).value.strip()
        self.dismiss(value or None)


class ConfirmDialog(BaseModal[bool]):
    """Asks a yes/no question; dismisses with True for 确定 and False for 取消 or escape."""

    CSS_PATH = "prompt.tcss"
    NAMESPACE = "对话框"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "取消", id="dialog.cancel")]

    def __init__(self, question: str, ok: str = "确定") -> None:
        super().__init__()
        self.question = question
        self.ok = ok

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Label(self.question, id="question")
            with Horizontal(id="buttons"):
                yield Button(self.ok, variant="error", id="ok")
                yield Button("取消", id="cancel")

    def on_mount(self) -> None:
        """取消 has the focus, so a stray Enter does not delete anything."""
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """确定 confirms, 取消 cancels."""
        event.stop()
        self.dismiss(event.button.id == "ok")

    def action_cancel(self) -> None:
        """Close without confirming."""
        self.dismiss(False)
