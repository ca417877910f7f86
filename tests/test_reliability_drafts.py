"""Drafts on disk: changes others make are always seen, damaged drafts are listed, refused
text is kept in a recovery file."""

from __future__ import annotations

import os
import shutil
import threading
from dataclasses import replace

import pytest

from drafter.draft import DraftConflict, DraftFile
from drafter.draft.create import new_draft
from drafter.draft.edit import edit_item
from drafter.draft.store import list_drafts


@pytest.fixture()
def draft(seed_plans, tmp_path, home):
    """A draft of 2023 made from seed 003 in a fresh drafts folder."""
    return DraftFile.create(new_draft(seed_plans[3], 2023), tmp_path / "drafts")


def _same_size_edit(text: str) -> str:
    """The draft's text with one character swapped for another of the same UTF-8 length."""
    i = text.index("加强")
    return text[:i] + "增强" + text[i + 2 :]


def test_same_size_edit_with_kept_time_is_seen(draft, tmp_path):
    """`cp -p` of a same-size different file keeps size and time; the hash still tells."""
    _, plan = DraftFile.open(draft.path)
    colleague = tmp_path / "同事.toml"
    colleague.write_text(_same_size_edit(draft.path.read_text(encoding="utf-8")), encoding="utf-8")
    st = draft.path.stat()
    assert colleague.stat().st_size == st.st_size
    os.utime(colleague, ns=(st.st_atime_ns, st.st_mtime_ns))
    shutil.copy2(colleague, draft.path)  # cp -p
    assert draft.path.stat().st_mtime_ns == st.st_mtime_ns
    assert draft.changed_on_disk()
    with pytest.raises(DraftConflict):
        draft.save(edit_item(plan, (0, 0), "我的修改。"))
    assert draft.path.read_bytes() == colleague.read_bytes()


def test_change_during_a_save_is_not_overwritten(draft, monkeypatch):
    """A change that lands while drafter writes (after its check) is caught before the rename."""
    import drafter.atomic as atomic

    _, plan = DraftFile.open(draft.path)
    real = atomic.os.fstat

    def fstat_then_colleague_writes(fd):
        result = real(fd)
        draft.path.write_text(draft.path.read_text(encoding="utf-8") + "\n# 同事\n",
                              encoding="utf-8")
        monkeypatch.setattr(atomic.os, "fstat", real)
        return result

    monkeypatch.setattr(atomic.os, "fstat", fstat_then_colleague_writes)
    with pytest.raises(DraftConflict):
        draft.save(edit_item(plan, (0, 0), "我的修改。"))
    assert draft.path.read_text(encoding="utf-8").endswith("# 同事\n")
    assert not [p for p in draft.path.parent.iterdir() if p.name.endswith(".tmp")]


def test_recovery_file_keeps_refused_text(draft):
    """After a refused save the writer's text is in a recovery file beside the draft, which
    opens as a draft and is listed as a recovery."""
    _, plan = DraftFile.open(draft.path)
    draft.path.write_text(_same_size_edit(draft.path.read_text(encoding="utf-8")), encoding="utf-8")
    mine = edit_item(plan, (0, 0), "只在我这里的修改。")
    with pytest.raises(DraftConflict):
        draft.save(mine)
    kept = draft.save_recovery(mine)
    assert kept.parent == draft.path.parent and "恢复" in kept.name
    assert DraftFile.open(kept)[1].sections[0].items[0].heading == "只在我这里的修改。"
    again = draft.save_recovery(edit_item(mine, (0, 0), "又改了一次。"))
    assert again == kept  # one recovery file per handle, newest text
    listed = {d.path: d for d in list_drafts(draft.path.parent)}
    assert listed[kept].recovery and not listed[draft.path].recovery


def test_damaged_draft_is_listed(draft):
    """A corrupt draft file shows in 我的草稿 as damaged, with the reason, instead of vanishing."""
    bad = draft.path.with_name("坏了.toml")
    bad.write_text("format = 1\n[meta\n", encoding="utf-8")
    deep = draft.path.with_name("深.toml")
    deep.write_text("format = 1\nx = " + "[" * 600 + "]" * 600, encoding="utf-8")
    listed = {d.path.name: d for d in list_drafts(draft.path.parent)}
    assert listed[draft.path.name].damaged == ""
    assert "TOML" in listed["坏了.toml"].damaged
    assert "嵌套" in listed["深.toml"].damaged


def test_fifo_in_place_of_a_draft(draft):
    """A FIFO where the draft was is reported, not waited on."""
    from drafter.errors import InputError

    if not hasattr(os, "mkfifo"):
        pytest.skip("named pipes exist only on Unix")
    draft.path.unlink()
    os.mkfifo(draft.path)
    outcome: list[object] = []

    def open_it() -> None:
        try:
            DraftFile.open(draft.path)
        except InputError as exc:
            outcome.append(exc.message)
        outcome.append(draft.changed_on_disk())

    worker = threading.Thread(target=open_it, daemon=True)
    worker.start()
    worker.join(timeout=20)
    blocked = worker.is_alive()
    if blocked:  # give the stuck open a writer, so that the test run can end
        os.close(os.open(draft.path, os.O_WRONLY | os.O_NONBLOCK))
    assert not blocked, "opening a FIFO as a draft blocked"
    assert len(outcome) == 2 and "命名管道" in str(outcome[0]) and outcome[1] is True


def test_save_when_unchanged_still_works(draft):
    """The hash check does not refuse drafter's own file."""
    _, plan = DraftFile.open(draft.path)
    for n in range(3):
        plan = edit_item(plan, (0, 0), f"第 {n} 次修改。")
        draft.save(plan)
    assert DraftFile.open(draft.path)[1] == replace(plan)
