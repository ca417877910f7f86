"""What screens may ask of the running app: a typed accessor instead of importing the app."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from drafter.model import Plan


class DrafterHost(Protocol):
    """The app as its screens see it (the library, the matcher, drafts and status)."""

    library: Any
    """The open :class:`drafter.library.Library` (None while it loads)."""
    matcher: Any
    """The warmed-up :class:`drafter.match.engine.Matcher` (None until ready)."""
    status: str
    """One line of background progress, shown by each screen."""
    library_dir: Path
    """The user's own library folder."""
    drafts_folder: Path
    """Where drafts are autosaved."""

    def get_plan(self, plan_id: str) -> Plan:
        """A library plan, parsed once and kept while its file is unchanged."""
        ...

    def open_draft_file(self, path: Path) -> None:
        """Open a saved draft in the compose screen."""
        ...

    def start_draft(self, plan: Plan) -> None:
        """Save a new draft and open it in the compose screen."""
        ...

    def rest_status(self) -> None:
        """Go back to the standing status line."""
        ...

    def swap_library(self, library: Any) -> None:
        """Use a library a worker finished preparing."""
        ...

    def reload_library(self) -> None:
        """Open the library again from disk."""
        ...
