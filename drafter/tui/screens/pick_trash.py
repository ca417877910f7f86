"""Choose what to bring back: a removed plan or draft, or a hidden built-in plan."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from drafter.library import trash
from drafter.tui.screens.base import BaseModal

TRASH, HIDDEN = "trash:", "hidden:"
"""Prefixes of the dialog's result: a trash entry's name, or a hidden plan's id."""


class PickTrashDialog(BaseModal[str | None]):
    """Lists the trash and the hidden built-ins; dismisses with ``trash:…`` or ``hidden:…``."""

    CSS_PATH = "pick_plan.tcss"
    NAMESPACE = "对话框"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "取消", id="dialog.cancel")]

    def __init__(self, entries: list[trash.TrashEntry], hidden: list[str]) -> None:
        super().__init__()
        self.values = [TRASH + e.name for e in entries] + [HIDDEN + h for h in hidden]
        self.rows = [
            Text.assemble(f"{trash.KIND_NAMES.get(e.kind, '')} {e.title}",
                          (f"  删除于 {e.removed_at}", "dim"))
            for e in entries
        ] + [Text.assemble(f"内置要点 {h}", ("  已隐藏", "dim")) for h in hidden]

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Label("恢复哪一项？（回车恢复，Esc 取消）")
            yield OptionList(*(Option(row, id=str(i)) for i, row in enumerate(self.rows)),
                             id="plans")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Close with the chosen entry."""
        self.dismiss(self.values[int(event.option.id or 0)])

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
