"""Find an item in the library to add to the draft: search as you type, preview, Enter adds."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from drafter.model import Item
from drafter.tui.messages import SearchDone
from drafter.tui.screens.base import BaseModal
from drafter.tui.search import SearchHit, search_library
from drafter.tui.widgets.preview import item_preview


class PickItemDialog(BaseModal[Item | None]):
    """Dismisses with the chosen library item (None when cancelled)."""

    CSS_PATH = "pick_item.tcss"
    NAMESPACE = "添加条目"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "取消", id="dialog.cancel")]

    def __init__(self, exclude_plan: str | None = None) -> None:
        super().__init__()
        self.exclude_plan = exclude_plan
        self.hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Label("从资料库添加条目：输入关键词，↓ 选择，回车添加到光标之后。")
            yield Input(placeholder="例如：居家社区养老", id="query")
            yield OptionList(id="hits")
            with VerticalScroll(id="item-preview"):
                yield Static(id="preview-text")

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        """Search as the writer types."""
        if event.value.strip():
            self.search(event.value.strip())

    @on(Input.Submitted, "#query")
    def _to_list(self) -> None:
        """Enter in the box moves to the results."""
        self.query_one("#hits").focus()

    @work(thread=True, exclusive=True, group="pick", exit_on_error=False)
    def search(self, query: str) -> None:
        """Find items (in a thread)."""
        hits = search_library(self.app.library, self.app.matcher, query,
                              exclude_plan=self.exclude_plan)
        self.post_message(SearchDone(query, hits))

    def on_search_done(self, message: SearchDone) -> None:
        """List the latest results."""
        if message.query != self.query_one("#query", Input).value.strip():
            return
        self.hits = message.hits
        listing = self.query_one("#hits", OptionList)
        listing.set_options(
            Option(Text(f"[{h.issuer or h.title} {h.year or ''}] {h.heading or h.text[:40]}"),
                   id=str(i))
            for i, h in enumerate(self.hits)
        )
        if self.hits:
            listing.highlighted = 0

    @on(OptionList.OptionHighlighted, "#hits")
    def _preview(self, event: OptionList.OptionHighlighted) -> None:
        """Show the highlighted item in full."""
        item = self._item(int(event.option.id or 0))
        if item is not None:
            hit = self.hits[int(event.option.id or 0)]
            self.query_one("#preview-text", Static).update(
                item_preview(item, f"{hit.title} · {hit.item_id}"))

    @on(OptionList.OptionSelected, "#hits")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        """Close with the chosen item."""
        self.dismiss(self._item(int(event.option.id or 0)))

    def _item(self, index: int) -> Item | None:
        """The library item of a hit."""
        hit = self.hits[index]
        plan = self.app.library.get(hit.plan_id)
        pos = plan.find_item(hit.item_id)
        return plan.sections[pos[0]].items[pos[1]] if pos else None

    def action_cancel(self) -> None:
        """Close without adding."""
        self.dismiss(None)
