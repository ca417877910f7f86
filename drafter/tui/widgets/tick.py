"""A checkbox that shows whether it is ticked by its mark, not only by its colour."""

from __future__ import annotations

from textual.widgets import Checkbox

TICKED = "✓"
"""The mark inside a ticked box (an unticked box is empty)."""


class TickBox(Checkbox):
    """Textual's Checkbox shows X on and off alike; this one shows ✓ only when ticked."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # read by ToggleButton
        """The mark drawn inside the box."""
        return TICKED if self.value else " "
