"""Choose a plan from the library (the other side of a diff)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from drafter.library.labels import plan_labels
from drafter.tui.screens.base import BaseModal


class PickPlanDialog(BaseModal[str | None]):
    """Lists the library's plans; dismisses with the chosen id (None when cancelled)."""

    CSS_PATH = "pick_plan.tcss"
    NAMESPACE = "对话框"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "取消", id="dialog.cancel")]

    def compose(self) -> ComposeResult:
        summaries = sorted(self.drafter.library.summaries(), key=lambda s: (-(s.year or 0), s.id))
        self.ids = [s.id for s in summaries]
        with Vertical(id="box"):
            yield Label("与哪一份要点对比？")
            yield OptionList(*(Option(Text(label), id=str(i))
                               for i, label in enumerate(plan_labels(summaries))),
                             id="plans")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Close with the chosen plan."""
        self.dismiss(self.ids[int(event.option.id or 0)])

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
