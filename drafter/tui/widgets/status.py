"""The one-line background status shown at the bottom of each screen."""

from __future__ import annotations

from textual.widgets import Static


class StatusLine(Static):
    """Mirrors the app's ``status`` (library loading, matcher warm-up, imports)."""

    def on_mount(self) -> None:
        """Follow the app's status."""
        self.add_class("status")
        self.watch(self.app, "status", self._show)

    def _show(self, text: str) -> None:
        """Display the latest status on one line (too long a line ends in "…")."""
        self.update(" ".join(text.split()))
