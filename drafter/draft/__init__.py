"""Drafts: next year's plan built from a library plan or a skeleton, edited and autosaved.

Pure core (no textual): every edit returns a new :class:`drafter.model.Plan`; the history keeps
whole values for undo and redo; the store writes them atomically and refuses to overwrite a
draft someone else changed on disk.
"""

from drafter.draft.create import draft_id_for, new_draft
from drafter.draft.edit import (
    Pos,
    add_item,
    add_section,
    delete_item,
    delete_section,
    edit_item,
    move_item,
    move_to_section,
    rename_section,
    renumber,
    set_meta,
)
from drafter.draft.history import History
from drafter.draft.skeleton import Skeleton, from_skeleton, list_skeletons, load_skeleton
from drafter.draft.store import DraftConflict, DraftFile, list_drafts

__all__ = [
    "DraftConflict",
    "DraftFile",
    "History",
    "Pos",
    "Skeleton",
    "add_item",
    "add_section",
    "delete_item",
    "delete_section",
    "draft_id_for",
    "edit_item",
    "from_skeleton",
    "list_drafts",
    "list_skeletons",
    "load_skeleton",
    "move_item",
    "move_to_section",
    "new_draft",
    "rename_section",
    "renumber",
    "set_meta",
]
