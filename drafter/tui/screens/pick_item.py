"""Find an item in the library to add to the draft: search as you type, ↓ to the results,
preview, Enter (or the button) adds; a click only previews."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from drafter.model import Item
from drafter.tui.messages import SearchDone
from drafter.tui.screens.base import BaseModal
from drafter.tui.search import SearchHit, hit_source, search_library
from drafter.tui.widgets.preview import ResultList, item_preview


class PickItemDialog(BaseModal[Item | None]):
    """Dismisses with the chosen library item (None when cancelled)."""

    CSS_PATH = "pick_item.tcss"
    NAMESPACE = "添加条目"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "取消", id="dialog.cancel"),
        Binding("down", "to_results", "", show=False),  # ↓ from the search box
    ]

    def __init__(self, exclude_plan: str | None = None) -> None:
        super().__init__()
        self.exclude_plan = exclude_plan
        self.hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Label("从资料库添加条目：输入关键词，↓ 选择，回车添加到光标之后。")
            yield Input(placeholder="例如：居家社区养老", id="query")
            yield Static("", id="count")
            yield ResultList(id="hits")
            with VerticalScroll(id="item-preview"):
                yield Static(id="preview-text")
            with Horizontal(id="buttons"):
                yield Button("添加到草稿", variant="primary", id="add", disabled=True)
                yield Button("取消", id="cancel")

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        """Search as the writer types."""
        if event.value.strip():
            self.search(event.value.strip())
        else:
            self._show_hits([])
            self.query_one("#count", Static).update("")

    @on(Input.Submitted, "#query")
    def _to_list(self) -> None:
        """Enter in the box moves to the results."""
        self.action_to_results()

    def action_to_results(self) -> None:
        """↓ (or Enter) in the search box moves into the results."""
        listing = self.query_one("#hits", OptionList)
        if self.focused is self.query_one("#query", Input) and listing.option_count:
            listing.focus()
            if listing.highlighted is None:
                listing.highlighted = 0

    @work(thread=True, exclusive=True, group="pick", exit_on_error=False)
    def search(self, query: str) -> None:
        """Find items (in a thread)."""
        hits = search_library(self.drafter.library, self.drafter.matcher, query,
                              exclude_plan=self.exclude_plan)
        self.post_message(SearchDone(query, hits))

    def on_search_done(self, message: SearchDone) -> None:
        """List the latest results."""
        if message.query != self.query_one("#query", Input).value.strip():
            return
        self._show_hits(message.hits)
        self.query_one("#count", Static).update(
            f"找到 {len(message.hits)} 条" if message.hits else "没有找到相关条目，换个说法试试。")

    def _show_hits(self, hits: list[SearchHit]) -> None:
        """List the hits, the first one highlighted."""
        self.hits = hits
        listing = self.query_one("#hits", OptionList)
        listing.set_options(
            Option(Text(f"[{h.issuer or h.title} {h.year or ''}] {h.heading or h.text[:40]}"),
                   id=str(i))
            for i, h in enumerate(self.hits)
        )
        self.query_one("#add", Button).disabled = not hits
        if self.hits:
            listing.highlighted = 0
        else:
            self.query_one("#preview-text", Static).update("")

    @on(OptionList.OptionHighlighted, "#hits")
    def _preview(self, event: OptionList.OptionHighlighted) -> None:
        """Show the highlighted item in full."""
        item = self._item(int(event.option.id or 0))
        if item is not None:
            hit = self.hits[int(event.option.id or 0)]
            self.query_one("#preview-text", Static).update(item_preview(item, hit_source(hit)))

    @on(OptionList.OptionSelected, "#hits")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        """Enter on a result: close with its item."""
        self.dismiss(self._item(int(event.option.id or 0)))

    @on(Button.Pressed, "#add")
    def _add_pressed(self) -> None:
        """The button adds the highlighted result."""
        index = self.query_one("#hits", OptionList).highlighted
        if index is not None and index < len(self.hits):
            self.dismiss(self._item(index))

    def _item(self, index: int) -> Item | None:
        """The library item of a hit."""
        hit = self.hits[index]
        plan = self.drafter.get_plan(hit.plan_id)
        pos = plan.find_item(hit.item_id)
        return plan.sections[pos[0]].items[pos[1]] if pos else None

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without adding."""
        self.dismiss(None)
