"""The command palette: every action of the current screen, with namespaced Chinese titles."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen


def screen_commands(screen: Screen) -> Iterator[tuple[str, str, str]]:
    """(title, action, help) for each bound action of the screen and the app."""
    seen: set[str] = set()
    namespace = getattr(screen, "NAMESPACE", "")
    for description, action in getattr(screen, "PALETTE_ONLY", ()):
        seen.add(action)
        yield f"{namespace}: {description}", action, ""
    sources = [(namespace, screen), ("通用", screen.app)]
    for prefix, owner in sources:
        for binding in owner.BINDINGS:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            if binding.action in seen or binding.action.startswith("app.command"):
                continue
            seen.add(binding.action)
            title = f"{prefix}: {binding.description}" if prefix else binding.description
            yield title, binding.action, binding.tooltip or ""


class ActionsProvider(Provider):
    """Offers the current screen's actions (the same ones its keys run)."""

    def _commands(self) -> list[tuple[str, str, str]]:
        """Commands of the screen under the palette."""
        return list(screen_commands(self.screen))

    async def discover(self) -> Hits:
        """All commands, before anything is typed."""
        for title, action, help_text in self._commands():
            yield DiscoveryHit(title, partial(self._run, action), help=help_text or None)

    async def search(self, query: str) -> Hits:
        """Commands whose title matches what was typed."""
        matcher = self.matcher(query)
        for title, action, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, action),
                          text=title, help=help_text or None)

    async def _run(self, action: str) -> None:
        """Run an action on the screen (or the app for app-level ones)."""
        target = self.screen
        name = action.partition("(")[0]
        if hasattr(target, f"action_{name}"):
            await target.run_action(action)
        else:
            await self.app.run_action(action)
