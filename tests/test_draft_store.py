"""Draft files: atomic autosave, reopening, and refusing to overwrite someone else's change."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest

from drafter.draft import DraftConflict, DraftFile, edit_item, list_drafts, new_draft
from drafter.paths import drafts_dir


def _draft(seed_plans, n=0):
    return new_draft(replace(seed_plans[n], id=f"seed/{n:03d}").with_ids(), 2027)


def test_create_save_reopen(home, seed_plans):
    """A new draft lands in the user's drafts folder and reads back equal."""
    plan = _draft(seed_plans)
    draft = DraftFile.create(plan)
    assert draft.path.parent == drafts_dir()
    assert draft.path.name == "重庆市涪陵区民政局-2027.toml"
    edited = edit_item(plan, (0, 0), "加强政治建设。")
    draft.save(edited)
    _, reopened = DraftFile.open(draft.path)
    assert reopened == edited
    assert not list(draft.path.parent.glob(".*.tmp")), "no temp file is left behind"


def test_workspace_and_unique_names(tmp_path, seed_plans):
    """Drafts can live in a chosen workspace; a second draft of the same year gets -2."""
    plan = _draft(seed_plans)
    first = DraftFile.create(plan, tmp_path / "ws")
    second = DraftFile.create(plan, tmp_path / "ws")
    assert first.path.parent == tmp_path / "ws"
    assert second.path.name == "重庆市涪陵区民政局-2027-2.toml"
    listed = list_drafts(tmp_path / "ws")
    assert {d.path for d in listed} == {first.path, second.path}
    assert all(d.title == "2027年全区民政工作要点" and d.base == "seed/000" for d in listed)


def test_change_on_disk_is_not_overwritten(tmp_path, seed_plans):
    """When another program rewrote the file, save refuses in Chinese and keeps their text."""
    plan = _draft(seed_plans)
    draft = DraftFile.create(plan, tmp_path)
    theirs = draft.path.read_text(encoding="utf-8").replace("2027年全区", "2027年全区（他人修改）")
    draft.path.write_text(theirs, encoding="utf-8")
    os.utime(draft.path, ns=(1, 1))  # a different mtime, as a real edit would leave
    assert draft.changed_on_disk()
    with pytest.raises(DraftConflict, match="已被其他程序修改"):
        draft.save(edit_item(plan, (0, 0), "加强政治建设。"))
    assert draft.path.read_text(encoding="utf-8") == theirs
    assert draft.reload().meta.title == "2027年全区（他人修改）民政工作要点"
    draft.save(plan)  # after reloading, saving is allowed again


def test_touch_without_change_is_not_a_conflict(tmp_path, seed_plans):
    """A new mtime with the same bytes (a backup tool touching the file) is not a conflict."""
    plan = _draft(seed_plans)
    draft = DraftFile.create(plan, tmp_path)
    os.utime(draft.path, ns=(5, 5))
    assert not draft.changed_on_disk()
    draft.save(plan)


def test_deleted_file_is_a_conflict(tmp_path, seed_plans):
    """A draft deleted by someone else is not silently recreated."""
    plan = _draft(seed_plans)
    draft = DraftFile.create(plan, tmp_path)
    draft.path.unlink()
    with pytest.raises(DraftConflict):
        draft.save(plan)
    draft.save(plan, force=True)
    assert draft.path.exists()
