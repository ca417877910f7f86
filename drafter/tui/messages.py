"""Messages that workers post to report progress and results (workers never touch widgets)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from drafter.model import Plan


@dataclass
class Progress(Message):
    """A step of slow work; a newer one replaces the older on screen."""

    text: str
    """What is happening, in Chinese."""
    done: int = 0
    """Units finished."""
    total: int = 0
    """Units in all (0 when unknown)."""


@dataclass
class LibraryLoaded(Message):
    """The library has been opened."""

    library: Any
    """The :class:`drafter.library.Library`."""


@dataclass
class MatcherReady(Message):
    """The similarity engine is warmed up and indexed."""

    matcher: Any
    """The :class:`drafter.match.engine.Matcher`, or None when matching is unavailable."""
    library: Any = None
    """The library it indexes (a result for a library since replaced is dropped)."""


@dataclass
class SearchDone(Message):
    """Results of a library search."""

    query: str
    """What was searched for."""
    hits: list[Any]
    """:class:`drafter.tui.search.SearchHit` values, best first."""


@dataclass
class SimilarDone(Message):
    """Similar wording for one item of the draft."""

    item_text: str
    """The text that was matched (stale results for older text are ignored)."""
    hits: list[Any]
    """:class:`drafter.match.engine.Hit` values, best first."""
    texts: list[Any]
    """Each hit as the panel shows it (:class:`drafter.tui.widgets.similar.Shown`), in order."""


@dataclass
class ChecksDone(Message):
    """A full check run over the draft."""

    plan: Plan
    """The draft the report is about."""
    report: Any
    """The :class:`drafter.checks.CheckReport`."""


@dataclass
class ImportDone(Message):
    """Files were imported into the user's library."""

    report: Any
    """The :class:`drafter.library.ImportReport`."""
    library: Any = None
    """The freshly opened library the files went into (replaces the app's)."""


@dataclass
class ExportDone(Message):
    """An export finished."""

    path: Path
    """The file written."""


@dataclass
class DraftSaved(Message):
    """An autosave finished."""

    plan: Plan
    """The state of the draft now on disk."""


@dataclass
class DraftSaveFailed(Message):
    """An autosave was refused or failed."""

    error: Exception
    """The :class:`drafter.errors.DrafterError` (a DraftConflict when someone else wrote)."""
