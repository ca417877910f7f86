"""Undo and redo over whole drafts."""

from __future__ import annotations

from dataclasses import replace

from drafter.draft import History, delete_item, edit_item, move_item, new_draft


def _draft(seed_plans):
    return new_draft(replace(seed_plans[1], id="seed/001").with_ids(), 2027)


def test_undo_redo_walks_the_steps(seed_plans):
    """Each push is one step; undo goes back, redo forward; a new push drops redo."""
    start = _draft(seed_plans)
    deleted = delete_item(start, (0, 0))
    moved, _ = move_item(deleted, (1, 0), +1)
    h = History.start(start).push(deleted, "删除条目").push(moved, "下移条目")
    assert h.undo().plan == deleted
    assert h.undo().undo().plan == start
    assert not h.undo().undo().can_undo
    assert h.undo().redo().plan == moved
    branched = h.undo().push(start, "撤回删除")
    assert not branched.can_redo


def test_typing_in_one_item_is_one_step(seed_plans):
    """Keystrokes with the same key merge; the undo goes back to before the typing."""
    start = _draft(seed_plans)
    h = History.start(start)
    for text in ("加", "加强", "加强政治建设。"):
        h = h.push(edit_item(start, (0, 0), text), "编辑文字", key="edit:0.0")
    assert len(h.past) == 1
    assert h.plan.sections[0].items[0].heading == "加强政治建设。"
    assert h.undo().plan == start


def test_no_op_change_is_not_a_step(seed_plans):
    """Pushing the same plan again adds nothing to undo."""
    start = _draft(seed_plans)
    h = History.start(start)
    assert h.push(start, "无变化") is h


def test_steps_remember_where_the_change_happened(seed_plans):
    """A move records its old and new position; undo returns to the old, redo to the new."""
    start = _draft(seed_plans)
    moved, new = move_item(start, (0, 1), +1)
    h = History.start(start).push(moved, "下移条目", before=(0, 1), after=new)
    assert new == (0, 2)
    assert h.undo_cursor == (0, 1)
    undone = h.undo()
    assert undone.plan == start and undone.redo_cursor == (0, 2)
    assert undone.redo().plan == moved


def test_typing_keeps_the_first_position(seed_plans):
    """Keystrokes merged into one step keep the position of the first keystroke."""
    start = _draft(seed_plans)
    h = History.start(start)
    h = h.push(edit_item(start, (0, 0), "加"), "编辑文字", key="edit:0.0", before=(0, 0),
               after=(0, 0))
    h = h.push(edit_item(start, (0, 0), "加强"), "编辑文字", key="edit:0.0", before=None,
               after=(0, 0))
    assert len(h.past) == 1 and h.undo_cursor == (0, 0)
