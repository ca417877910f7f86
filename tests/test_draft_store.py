"""Draft files: atomic autosave, reopening, and refusing to overwrite someone else's change."""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace

import pytest

from drafter import atomic
from drafter.draft import DraftConflict, DraftFile, edit_item, list_drafts, new_draft
from drafter.draft.store import DraftDeleted
from drafter.errors import DrafterError
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
    """A draft deleted by someone else is not silently recreated: its own Chinese message
    (deleted, not modified) offering to save it again; force writes it back."""
    plan = _draft(seed_plans)
    draft = DraftFile.create(plan, tmp_path)
    draft.path.unlink()
    assert draft.changed_on_disk()
    with pytest.raises(DraftDeleted) as info:
        draft.save(plan)
    assert isinstance(info.value, DraftConflict)  # autosave stops as for any conflict
    assert "已被删除" in info.value.message and "已被其他程序修改" not in info.value.message
    assert draft.path.name in info.value.message and "另存为" in info.value.message
    assert not draft.path.exists()
    draft.save(plan, force=True)
    assert draft.path.exists() and not draft.changed_on_disk()


def _rewrite(path, old: str, new: str, mtime_ns: int) -> str:
    """Another program's edit of the draft's title, leaving ``mtime_ns`` as its mtime."""
    theirs = path.read_text(encoding="utf-8").replace(old, new)
    path.write_text(theirs, encoding="utf-8")
    os.utime(path, ns=(mtime_ns, mtime_ns))
    return theirs


def test_change_keeping_mtime_is_caught(tmp_path, seed_plans):
    """An edit that leaves the old mtime (a tool restoring it, a coarse clock) but changes the
    size is still a conflict, and their text is kept."""
    plan = _draft(seed_plans)
    draft = DraftFile.create(plan, tmp_path)
    before = draft.path.stat()
    theirs = _rewrite(draft.path, "2027年全区", "2027年全区（他人修改）", before.st_mtime_ns)
    assert draft.path.stat().st_mtime_ns == before.st_mtime_ns
    assert draft.path.stat().st_size != before.st_size
    assert draft.changed_on_disk()
    with pytest.raises(DraftConflict, match="已被其他程序修改"):
        draft.save(edit_item(plan, (0, 0), "加强政治建设。"))
    assert draft.path.read_text(encoding="utf-8") == theirs


def test_write_just_after_ours_is_not_taken_for_ours(tmp_path, seed_plans, monkeypatch):
    """The stamp is the temp file's, taken before the rename: another program writing the
    draft between our rename and our stat is still noticed at the next save."""
    plan = _draft(seed_plans)
    draft = DraftFile.create(plan, tmp_path)
    real_replace = atomic.os.replace
    theirs: list[str] = []

    def replace_then_edit(src, dst):
        real_replace(src, dst)
        stamp = draft.path.stat().st_mtime_ns + 1_000_000
        theirs.append(_rewrite(draft.path, "2027年全区", "2027年全县", stamp))

    monkeypatch.setattr(atomic.os, "replace", replace_then_edit)
    draft.save(edit_item(plan, (0, 0), "加强政治建设。"))
    monkeypatch.setattr(atomic.os, "replace", real_replace)
    assert draft.changed_on_disk()
    with pytest.raises(DraftConflict, match="已被其他程序修改"):
        draft.save(plan)
    assert draft.path.read_text(encoding="utf-8") == theirs[0]


def test_stamp_matches_the_file_written(tmp_path, seed_plans):
    """After a save the stamp holds the written file's mtime, size and hash."""
    plan = _draft(seed_plans)
    draft = DraftFile.create(plan, tmp_path)
    stat = draft.path.stat()
    data = draft.path.read_bytes()
    assert (draft.stamp.mtime_ns, draft.stamp.size) == (stat.st_mtime_ns, stat.st_size)
    assert draft.stamp.sha256 == hashlib.sha256(data).hexdigest()
    assert DraftFile.open(draft.path)[0].stamp == draft.stamp


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (lambda text: text.replace("[meta]", "[meta", 1), "不是有效的 TOML"),
        (lambda text: text.replace("year = 2027", 'year = "二〇二七"', 1), "year"),
    ],
)
def test_broken_draft_names_the_file(tmp_path, seed_plans, damage, words):
    """A draft whose TOML is broken is refused with one Chinese sentence naming the file,
    on open and on reload."""
    draft = DraftFile.create(_draft(seed_plans), tmp_path)
    draft.path.write_text(damage(draft.path.read_text(encoding="utf-8")), encoding="utf-8")
    for attempt in (lambda: DraftFile.open(draft.path), draft.reload):
        with pytest.raises(DrafterError) as info:
            attempt()
        assert f"草稿 {draft.path}" in info.value.message and words in info.value.message
