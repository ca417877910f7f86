"""Files that belong to a draft and travel with it (its undo history)."""

from __future__ import annotations

from pathlib import Path

HISTORY_SUFFIX = ".undo.json"
"""A draft ``x.toml`` keeps its undo history in ``x.undo.json`` beside it."""


def history_path(draft_path: Path) -> Path:
    """Where the undo history of the draft at ``draft_path`` is kept."""
    return draft_path.with_name(draft_path.stem + HISTORY_SUFFIX)


def companions(draft_path: Path) -> tuple[Path, ...]:
    """The files that are moved, trashed or restored together with a draft."""
    return (history_path(draft_path),)
