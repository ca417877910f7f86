"""The similar panel: how other regions and years wrote the current item, explained."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


def explained(query: str, hits: list[Any]) -> list[Text]:
    """Each hit's source, its text with shared and new wording marked, and what it adds.

    Runs jieba, so it is called in the worker, not on the UI thread.
    """
    from drafter.match.explain import explain
    from drafter.match.render import hit_text

    return [hit_text(hit, explain(query, hit.text), rank) for rank, hit in enumerate(hits, 1)]


class SimilarPanel(Vertical):
    """Lists similar items; the screen's replace and merge actions use the highlighted one."""

    same_issuer = False
    """True while the panel shows this office's earlier years instead of other regions."""

    def compose(self) -> ComposeResult:
        yield Static("选择一个条目查看其他地区、年份的写法。", id="similar-hint")
        yield OptionList(id="similar-list")

    def show_hits(self, hits: list[Any], texts: list[Text]) -> None:
        """List the hits, rendered with their explanations."""
        self.hits = hits
        listing = self.query_one("#similar-list", OptionList)
        listing.set_options(Option(t, id=str(i)) for i, t in enumerate(texts))
        hint = self.query_one("#similar-hint", Static)
        if hits:
            hint.update(f"{self._mode()}  ctrl+r 整条替换  ctrl+g 合并新表述  f9 {self._other()}")
            listing.highlighted = 0
        elif self.same_issuer:
            hint.update("本单位以前年度的要点中没有找到这一条的写法。f9 查看其他地区")
        else:
            hint.update("没有找到相似表述。f9 查看本单位往年")

    def _mode(self) -> str:
        return "本单位往年写法：" if self.same_issuer else "其他地区、年份的写法："

    def _other(self) -> str:
        return "查看其他地区" if self.same_issuer else "查看本单位往年"

    def show_waiting(self, text: str) -> None:
        """Say why there are no hits yet."""
        self.hits = []
        self.query_one("#similar-list", OptionList).clear_options()
        self.query_one("#similar-hint", Static).update(text)

    def selected_hit(self) -> Any | None:
        """The highlighted hit, if any."""
        hits = getattr(self, "hits", [])
        index = self.query_one("#similar-list", OptionList).highlighted
        if not hits or index is None:
            return None
        return hits[index]
