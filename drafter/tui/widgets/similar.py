"""The similar panel: how other regions and years wrote the current item, explained."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

STYLE_STALE = "bold red"
"""The flag on a hit with wording out of date for the draft's year."""


@dataclass(frozen=True)
class Shown:
    """One hit as the panel lists it."""

    text: Text
    """The hit rendered with its explanation (and a stale flag)."""
    added: tuple[str, ...]
    """The phrases listed under 新增表述: what ctrl+g merges."""
    stale: tuple[str, ...]
    """Out-of-date wording in the hit for the draft's year."""


def explained(query: str, hits: list[Any], year: int | None = None) -> list[Shown]:
    """Each hit's source, its text with shared and new wording marked, what it adds, and
    the stale wording it carries for ``year``.

    Runs jieba, so it is called in the worker, not on the UI thread.
    """
    from drafter.checks.stale import check_text
    from drafter.match.explain import explain
    from drafter.match.render import hit_text

    shown = []
    for rank, hit in enumerate(hits, 1):
        explanation = explain(query, hit.text)
        text = hit_text(hit, explanation, rank)
        stale = tuple(dict.fromkeys(
            f.evidence for f in (check_text(hit.text, year) if year else []) if f.evidence))
        if stale:
            text.append("\n")
            text.append(f"过时提法（{year} 年）：{'、'.join(f'“{s}”' for s in stale)}",
                        style=STYLE_STALE)
        shown.append(Shown(text, explanation.added, stale))
    return shown


class SimilarPanel(Vertical):
    """Lists similar items; the screen's replace and merge actions use the highlighted one."""

    same_issuer = False
    """True while the panel shows this office's earlier years instead of other regions."""

    def compose(self) -> ComposeResult:
        yield Static("选择一个条目查看其他地区、年份的写法。", id="similar-hint")
        yield OptionList(id="similar-list")

    def show_hits(self, hits: list[Any], shown: list[Shown]) -> None:
        """List the hits, rendered with their explanations."""
        self.hits = hits
        self.shown = shown
        listing = self.query_one("#similar-list", OptionList)
        listing.set_options(Option(s.text, id=str(i)) for i, s in enumerate(shown))
        hint = self.query_one("#similar-hint", Static)
        if hits:
            hint.update(f"{self._mode()}  ctrl+r 整条替换  ctrl+g 合并新增表述  f9 {self._other()}")
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
        self.shown = []
        self.query_one("#similar-list", OptionList).clear_options()
        self.query_one("#similar-hint", Static).update(text)

    def selected_index(self) -> int | None:
        """The position of the highlighted hit, if any."""
        hits = getattr(self, "hits", [])
        index = self.query_one("#similar-list", OptionList).highlighted
        if not hits or index is None or index >= len(hits):
            return None
        return index

    def selected_hit(self) -> Any | None:
        """The highlighted hit, if any."""
        index = self.selected_index()
        return None if index is None else self.hits[index]

    def selected_shown(self) -> Shown | None:
        """How the highlighted hit is shown (its 新增表述 and stale wording)."""
        index = self.selected_index()
        return None if index is None else self.shown[index]
