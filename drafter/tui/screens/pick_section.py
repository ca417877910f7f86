"""Choose the section an item moves to."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from drafter.model import Plan
from drafter.tui.screens.base import BaseModal


class PickSectionDialog(BaseModal[int | None]):
    """Lists the draft's sections; dismisses with the chosen index (None when cancelled)."""

    CSS_PATH = "pick_section.tcss"
    NAMESPACE = "对话框"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "取消", id="dialog.cancel")]

    def __init__(self, plan: Plan, current: int) -> None:
        super().__init__()
        self.plan = plan
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Label("把条目移到哪一部分（移到末尾）？")
            yield OptionList(
                *(Option(Text(f"{s.label}{s.title}"), id=str(i), disabled=i == self.current)
                  for i, s in enumerate(self.plan.sections)),
                id="sections",
            )

    def on_mount(self) -> None:
        """Start on the section after the current one."""
        listing = self.query_one(OptionList)
        listing.highlighted = min(self.current + 1, len(self.plan.sections) - 1)
        listing.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Close with the chosen section."""
        self.dismiss(int(event.option.id or 0))

    def action_cancel(self) -> None:
        """Close without moving."""
        self.dismiss(None)
