"""Drafts: next year's plan built from a library plan or a skeleton, edited and autosaved.

Pure core (no textual): every edit returns a new :class:`drafter.model.Plan`; the history keeps
whole values for undo and redo; the store writes them atomically and refuses to overwrite a
draft someone else changed on disk. Names load on first use, so one module of the package
does not load the whole draft core.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.lazy import attributes

if TYPE_CHECKING:
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

_WHERE = {
    "draft_id_for": "create",
    "new_draft": "create",
    "Pos": "edit",
    "add_item": "edit",
    "add_section": "edit",
    "delete_item": "edit",
    "delete_section": "edit",
    "edit_item": "edit",
    "move_item": "edit",
    "move_to_section": "edit",
    "rename_section": "edit",
    "renumber": "edit",
    "set_meta": "edit",
    "History": "history",
    "Skeleton": "skeleton",
    "from_skeleton": "skeleton",
    "list_skeletons": "skeleton",
    "load_skeleton": "skeleton",
    "DraftConflict": "store",
    "DraftFile": "store",
    "list_drafts": "store",
}

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

__getattr__ = attributes(__name__, _WHERE)
