"""The key bar at the foot of each screen, rebuilt only when the keys it shows change."""

from __future__ import annotations

from typing import Any

from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's footer rebuilds all its keys each time the screen announces its bindings,
    and a screen coming up announces them several times (resume, focus, idle callbacks),
    as does every move of the focus; each rebuild mounts and styles every key afresh (about
    50 ms for the library screen's keys, holding up whatever else is loading). This one
    rebuilds only when what it would show differs from what it shows."""

    _shown: tuple[Any, ...] | None = None

    def _keys(self) -> tuple[Any, ...]:
        """Everything the footer's keys are made from: the shown bindings and the palette's."""
        palette = self.app.COMMAND_PALETTE_BINDING
        return tuple(
            (key, b.key, b.action, b.description, b.group, enabled, tooltip,
             self.app.get_key_display(b))
            for key, (_node, b, enabled, tooltip) in self.screen.active_bindings.items()
            if b.show or key == palette
        )

    async def recompose(self) -> None:
        """Rebuild the keys when they changed since the last rebuild."""
        if not self.is_attached or self._pruning:  # queued before its screen went away
            return
        keys = self._keys()
        if keys == self._shown:
            return
        self._shown = keys
        await super().recompose()
