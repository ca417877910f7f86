"""A tree whose labels end in "…" where the panel is too narrow (Tree itself just cuts)."""

from __future__ import annotations

from typing import Any

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widgets import Tree
from textual.widgets.tree import TreeNode


class FittedTree(Tree[Any]):
    """Labels are shortened to the visible width with an ellipsis; no sideways scrolling."""

    def render_label(self, node: TreeNode[Any], base_style: Style, style: Style) -> Text:
        """The label, shortened with "…" to what the panel can show at its depth."""
        text = super().render_label(node, base_style, style)
        depth = 0
        parent = node.parent
        while parent is not None:
            depth += 1
            parent = parent.parent
        guides = max(0, depth - (0 if self.show_root else 1)) * self.guide_depth
        room = self.scrollable_content_region.width - guides - 1
        if room > 2 and text.cell_len > room:
            text.truncate(room, overflow="ellipsis")
        return text

    def on_resize(self, event: events.Resize) -> None:
        """Shorten the labels again for the new width."""
        self._invalidate()
