"""The journal and the draft session in the core: replay after a crash, torn lines, live
instances, refused saves kept whole, and the writer's choices."""

from __future__ import annotations

import pytest

from drafter.draft import DraftFile, move_item
from drafter.draft.create import new_draft
from drafter.draft.edit import edit_item, item_text
from drafter.draft.journal import Journal, orphans, plan_from_data, plan_to_data, replay
from drafter.draft.session import DraftSession
from drafter.draft.store import list_drafts


@pytest.fixture()
def session(seed_plans, tmp_path, home):
    """A session on a new 2023 draft made from seed 002."""
    return DraftSession.create(new_draft(seed_plans[2], 2023).with_ids(), tmp_path / "drafts")


def _crash(session: DraftSession) -> None:
    """What kill -9 leaves: the journal file, its lock released by the OS."""
    assert session.journal is not None
    session.journal.close_fd()
    session.journal = None


def test_plan_data_round_trip(seed_plans):
    """The journal's plan form reads back as the same plan, for every seed."""
    for plan in seed_plans:
        assert plan_from_data(plan_to_data(plan.with_ids())) == plan.with_ids()


def test_replay_takes_up_typing(session):
    """Typed texts of two rows, journalled, come back on the next open."""
    plan = session.saved_plan
    one = edit_item(plan, (0, 0), "第一处修改。")
    two = edit_item(one, (1, 0), "第二处修改。")
    session.note_text((0, 0), "第一处修改。")
    session.note_text((1, 0), "第二处修改。")
    session.flush_journal()
    _crash(session)
    opened = DraftSession.open(session.draft.path)
    assert opened.plan == two and opened.notes
    opened.session.close()


def test_torn_last_line_is_ignored(session):
    """A record cut off by the crash is skipped; the ones before it count."""
    session.note_text((0, 0), "完整写入。")
    session.flush_journal()
    path = session.journal.path
    _crash(session)
    with path.open("ab") as fh:
        fh.write(b'{"op":"text","ref":[0,0],"text":"\xe5\x86')
    found = replay(path)
    assert found is not None and found.unsaved
    assert found.plan.sections[0].items[0].heading == "完整写入。"


def test_live_journal_is_not_replayed(session):
    """A second instance opening the draft leaves the first one's journal alone."""
    session.note_text((0, 0), "还在编辑。")
    session.flush_journal()
    assert list(orphans(session.draft.path)) == []
    other = DraftSession.open(session.draft.path)
    assert other.plan == session.saved_plan and not other.notes
    assert session.journal.path.exists()
    other.session.close()


def test_refused_structural_change_is_journalled_whole(session):
    """A move that cannot be saved (conflict) is in the journal as the whole plan."""
    path = session.draft.path
    path.write_text(path.read_text(encoding="utf-8").replace("加强", "增强", 1), encoding="utf-8")
    moved, _ = move_item(session.saved_plan, (0, 0), 1)
    assert not session.save(moved)
    session.journal_refused(moved)
    journal = session.journal.path
    _crash(session)
    assert replay(journal).plan == moved


def test_text_typed_during_a_save_survives_the_restart(session):
    """The journal restarts after a save; text noted while that save ran is kept."""
    plan = edit_item(session.saved_plan, (0, 0), "先保存的。")
    session.note_text((0, 0), "先保存的。")
    assert session.save(plan)
    session.note_text((0, 0), "保存时又打的。")  # typed while the save ran
    session.journal_saved(plan, current=False)
    session.flush_journal()
    journal = session.journal.path
    _crash(session)
    assert replay(journal).plan.sections[0].items[0].heading == "保存时又打的。"


def test_restart_after_a_structural_save_drops_old_refs(session):
    """After a structural change is saved, texts noted for the old outline are not replayed
    onto the new one (they are in the saved plan already)."""
    plan = session.saved_plan
    typed = edit_item(plan, (0, 0), "移动前打的。")
    session.note_text((0, 0), "移动前打的。")
    moved, _ = move_item(typed, (0, 0), 1)
    assert session.save(moved)
    session.journal_saved(moved, current=True)
    session.flush_journal()
    journal = session.journal.path
    _crash(session)
    found = replay(journal)
    assert found.plan == moved and not found.unsaved


def test_choices_after_a_conflict(session):
    """Overwrite writes over the other change; save-as-new keeps both; discard drops the
    recovery file; each says so on disk."""
    path = session.draft.path
    theirs = path.read_text(encoding="utf-8").replace("加强", "增强", 1)
    path.write_text(theirs, encoding="utf-8")
    mine = edit_item(session.saved_plan, (0, 0), "我的版本。")
    assert not session.save(mine) and session.conflict
    kept = session.recovery_path
    assert kept.exists() and "恢复" in session.refused
    new_path = session.save_as_new(mine)
    assert path.read_text(encoding="utf-8") == theirs and not kept.exists()
    assert DraftFile.open(new_path)[1].sections[0].items[0].heading == "我的版本。"
    assert item_text(session.saved_plan.sections[0].items[0]) == "我的版本。"
    session.close()
    assert not [p for p in new_path.parent.iterdir() if p.suffix == ".journal"]


def test_second_crash_does_not_copy_the_recovery_again(session):
    """A crashed conflict session whose text is already in a recovery file: reopening names
    that file instead of writing a second one."""
    path = session.draft.path
    path.write_text(path.read_text(encoding="utf-8").replace("加强", "增强", 1), encoding="utf-8")
    mine = edit_item(session.saved_plan, (0, 0), "冲突中的修改。")
    assert not session.save(mine)
    session.journal_refused(mine)
    _crash(session)
    opened = DraftSession.open(path)
    assert len([d for d in list_drafts(path.parent) if d.recovery]) == 1
    assert session.recovery_path.name in opened.notes[0]
    opened.session.close()


def test_journal_is_private(session):
    """The journal is readable by its owner only (it holds unsaved text)."""
    assert (session.journal.path.stat().st_mode & 0o077) == 0
    assert isinstance(session.journal, Journal)
