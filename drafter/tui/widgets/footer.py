"""The key bar at the foot of each screen: one widget drawing every key on one line.

Textual's Footer mounts a widget per key (15–30 on our screens) and mounts them all again
whenever the focus moves between widgets with different keys; on the library screen that
is about 50 ms, queued just ahead of the first paint. This bar looks and acts the same
(keys in the footer colours, disabled keys dimmed, the palette key on the right behind a
rule, hover, tooltips, a click presses the key) but only repaints one line when the keys
change.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget


class Key(NamedTuple):
    """One key as the bar shows it, with the cells it takes (``start`` to ``end``)."""

    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str
    start: int
    end: int
    palette: bool = False


_RULE = "▏"
"""Drawn before the palette key, as Footer's ``border-left: vkey``."""


class KeyFooter(Widget, can_focus=False):
    """The shown keys of the screen's active bindings, one per action, in binding order;
    the command palette's key at the right end."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-footer--key", "key-footer--description", "key-footer--item", "key-footer--hover",
        "key-footer--rule"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-footer--item { background: $footer-item-background; }
        & > .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-footer--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        & > .key-footer--rule { color: $foreground 20%; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._keys: tuple[Key, ...] | None = None
        self._width = -1
        self._hover: Key | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        """Lay the keys out again, and repaint only when what is shown changed."""
        if not self.is_attached:
            return
        before = self._keys
        self._keys = None
        if self.keys != before:
            self._hover = None
            self.refresh()

    @property
    def keys(self) -> tuple[Key, ...]:
        """The keys shown now, left to right (the palette key last), with their cells."""
        if self._keys is None or self._width != self.size.width:
            self._width = self.size.width
            self._keys = self._layout()
        return self._keys

    def _layout(self) -> tuple[Key, ...]:
        app = self.app
        palette_key = app.COMMAND_PALETTE_BINDING
        seen: set[str] = set()
        left: list[Key] = []
        palette: Key | None = None
        x = 0
        for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items():
            if key == palette_key and app.ENABLE_COMMAND_PALETTE:
                display = app.get_key_display(binding)
                # "▏^p 命令面板 ": the rule and the end space take the key's two paddings
                width = _item_width(display, binding.description)
                start = max(self._width - width, 0)
                palette = Key(binding.key, display, binding.description, enabled,
                              binding.tooltip or binding.description, start, start + width,
                              palette=True)
                continue
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            display = app.get_key_display(binding)
            width = _item_width(display, binding.description)
            left.append(Key(binding.key, display, binding.description, enabled, tooltip,
                            x, x + width))
            x += width
        if palette is not None:
            left = [k for k in left if k.end <= palette.start]
            return (*left, palette)
        return tuple(k for k in left if k.end <= max(self._width, 0))

    def render(self) -> Text:
        line = Text(no_wrap=True, overflow="crop", end="")
        base = self.rich_style
        key_style = base + self.get_component_rich_style("key-footer--key")
        item_style = base + self.get_component_rich_style("key-footer--item")
        described = base + self.get_component_rich_style("key-footer--description")
        hover = self.get_component_rich_style("key-footer--hover")
        at = 0
        for key in self.keys:
            if key.start > at:
                line.append(" " * (key.start - at), base)
            dim = Style(dim=True) if not key.enabled else Style()
            over = hover if key is self._hover else Style()
            if key.palette:  # drawn compact, as Footer draws it: "▏^p 命令面板 "
                line.append(_RULE, item_style + self.get_component_rich_style("key-footer--rule"))
                line.append(key.display, key_style + over + dim)
                if key.description:
                    line.append(f" {key.description}", described + over + dim)
                line.append(" ", item_style + over)
            else:
                line.append(f" {key.display} ", key_style + over + dim)
                if key.description:
                    line.append(f"{key.description} ", described + over + dim)
            at = key.end
        return line

    def key_at(self, x: int) -> Key | None:
        """The key drawn at cell ``x`` of the bar, if any."""
        return next((k for k in self.keys if k.start <= x < k.end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self.key_at(event.x)
        if key is not self._hover:
            self._hover = key
            self.tooltip = (key.tooltip or None) if key else None
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self.key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()


def _item_width(display: str, description: str) -> int:
    """Cells of one key: `` K `` then ``description `` (Footer's paddings)."""
    return cell_len(display) + 2 + (cell_len(description) + 1 if description else 0)
