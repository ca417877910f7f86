"""One writer editing one draft file: saves that never overwrite someone else's change, a
journal of typing, a recovery file for whatever could not be saved, and the choices when
leaving with text that is not in the draft file.

The app keeps one :class:`DraftSession` per open draft and calls it from its screens; nothing
here knows about the screen.
"""

from __future__ import annotations

import contextlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from drafter.draft.journal import Journal, Ref, orphans, replay
from drafter.draft.store import DraftConflict, DraftFile
from drafter.errors import DrafterError
from drafter.model import Plan


@dataclass(frozen=True)
class Opened:
    """A draft opened for editing."""

    session: DraftSession
    """The editing session."""
    plan: Plan
    """The draft to edit: the file's, or the unsaved state a crashed process left."""
    notes: tuple[str, ...] = ()
    """What was recovered, one Chinese sentence each."""


class DraftSession:
    """Saving, journalling and recovery for one draft file (thread-safe saves)."""

    def __init__(self, draft: DraftFile, plan: Plan, *, journal: bool = True) -> None:
        self.draft = draft
        """The draft file being edited (a new one after :meth:`save_as_new`)."""
        self.saved_plan = plan
        """The draft as the file holds it."""
        self.conflict = False
        """The file changed or went away under us: saves stop until the writer decides."""
        self.refused = ""
        """Why the last save did not happen (one Chinese sentence; '' when saving works)."""
        self._why = ""
        self.journal_problem = ""
        """Why the journal stopped (full disk …); '' while it works."""
        self._lock = threading.Lock()
        self.journal: Journal | None = None
        if journal:
            self._start_journal(plan, clean=True)

    @classmethod
    def open(cls, path: Path) -> Opened:
        """Open a draft file, replaying what journals of crashed processes left unsaved.

        Unsaved edits made to the version that is still on disk are taken up (and saved by the
        next autosave); edits made to a version someone has since replaced go to a recovery
        file, so nothing is lost and nothing is overwritten.
        """
        draft, plan = DraftFile.open(path)
        notes: list[str] = []
        adopted: Plan | None = None
        left = list(orphans(draft.path))
        try:
            for journal_path, _fd in reversed(left):  # newest first: it is the one to continue
                found = replay(journal_path)
                if found is None or not found.unsaved or found.plan == plan:
                    continue
                if adopted is None and found.sha == draft.sha256:
                    adopted = found.plan
                    notes.append("已恢复上次意外退出前未保存的输入。")
                    continue
                same = _recovery_holding(draft.path, found.plan)
                if same is not None:
                    notes.append(f"上次意外退出前未保存的输入已在 {same.name} 中。")
                    continue
                try:
                    kept = DraftFile(draft.path).save_recovery(found.plan)
                except DrafterError as exc:
                    notes.append(f"上次意外退出前未保存的输入无法另存：{exc.message}"
                                 f"（仍保留在 {journal_path.name} 中）")
                    continue
                notes.append(f"上次意外退出前未保存的输入与磁盘上的草稿不一致，已另存为 {kept.name}。")
            session = cls(draft, plan)
            if adopted is not None and session.journal is not None:
                session._start_journal(adopted, clean=False)
        finally:
            for _path, fd in left:
                os.close(fd)
        if adopted is None or session.journal is not None:
            for journal_path, _fd in left:
                if not any(journal_path.name in n for n in notes):
                    with contextlib.suppress(OSError):
                        journal_path.unlink()
        return Opened(session, adopted or plan, tuple(notes))

    @classmethod
    def create(cls, plan: Plan, folder: Path | None = None) -> DraftSession:
        """A new draft file for ``plan`` and its session."""
        return cls(DraftFile.create(plan, folder), plan)

    # --- saving ----------------------------------------------------------------------------

    def unsaved(self, plan: Plan) -> bool:
        """Whether ``plan`` holds changes the draft file does not."""
        return plan is not self.saved_plan and plan != self.saved_plan

    def save(self, plan: Plan) -> bool:
        """Write ``plan`` to the draft file; True when written.

        A refused save (someone else's change, a deleted file, a full disk) keeps ``plan`` in
        the recovery file at once and says why in :attr:`refused`. While in conflict, later
        calls only refresh the recovery file: the writer decides with :meth:`overwrite`,
        :meth:`save_as_new` or :meth:`discard`.
        """
        with self._lock:
            if self.conflict:
                self._keep(plan, self._why)
                return False
            try:
                self.draft.save(plan)
            except DraftConflict as exc:
                self.conflict = True
                self._keep(plan, exc.message)
                return False
            except DrafterError as exc:
                self._keep(plan, exc.message)
                return False
            self._saved(plan)
            return True

    def _saved(self, plan: Plan) -> None:
        """After a successful write: remember it."""
        self.saved_plan = plan
        self.refused = ""
        self.conflict = False

    def _keep(self, plan: Plan, why: str) -> None:
        """Put ``plan`` in the recovery file; :attr:`refused` says why and where."""
        self._why = why
        try:
            kept = self.draft.save_recovery(plan)
        except DrafterError as exc:
            self.refused = f"{why}；当前内容也无法另存（{exc.message}），仍保留在编辑日志中，请勿关闭程序。"
            return
        self.refused = f"{why}（当前内容已保存到 {kept.name}）"

    @property
    def recovery_path(self) -> Path | None:
        """The recovery file written for this draft, if any."""
        return self.draft.recovery_path

    # --- the writer's choices after a refused save ---------------------------------------

    def overwrite(self, plan: Plan) -> None:
        """Write ``plan`` over whatever is on disk now (the writer chose to)."""
        with self._lock:
            self.draft.save(plan, force=True)
            self._drop_recovery()
            self._saved(plan)

    def save_as_new(self, plan: Plan) -> Path:
        """Keep ``plan`` as a new draft file beside the old one; the session continues there."""
        with self._lock:
            new = DraftFile.create(plan, self.draft.path.parent)
            self._drop_recovery()
            if self.journal is not None:
                self.journal.remove()
            self.draft = new
            self.saved_plan = plan
            self.conflict = False
            self.refused = ""
            self._start_journal(plan, clean=True)
            return new.path

    def reload(self) -> Plan:
        """Take the version on disk (the writer's unsaved changes go)."""
        with self._lock:
            plan = self.draft.reload()
            self._drop_recovery()
            self.saved_plan = plan
            self.conflict = False
            self.refused = ""
            self._start_journal(plan, clean=True)
            return plan

    def discard(self) -> None:
        """Leave without keeping the unsaved text (asked for explicitly)."""
        with self._lock:
            self._drop_recovery()
            self.conflict = False
            self.refused = ""
            self.close()

    def _drop_recovery(self) -> None:
        path = self.draft.recovery_path
        if path is not None:
            with contextlib.suppress(OSError):
                path.unlink()
            self.draft.recovery_path = None

    # --- the journal ---------------------------------------------------------------------
    #
    # Journal calls come from one thread (the app's); saves may run in a worker thread and
    # report back, and the caller then tells the journal with journal_saved / journal_refused.

    def journal_saved(self, plan: Plan, *, current: bool) -> None:
        """``plan`` reached the draft file: the journal starts again from it.

        ``current``: ``plan`` is the draft as edited now, so every noted text is in it; else
        texts noted since (typed while the save ran, same outline) stay to be written.
        """
        if self.journal is None or plan is not self.saved_plan:
            return  # a newer state was saved meanwhile; its own report restarts the journal
        self._journal(lambda j: j.start(plan, self.draft.sha256, clean=True,
                                        keep_pending=not current))

    def journal_refused(self, plan: Plan) -> None:
        """A save of ``plan`` (the current draft) was refused: the journal holds it whole."""
        if self.journal is None:
            return
        if self.journal.needs_compacting:
            self._journal(lambda j: j.start(plan, self.saved_sha, clean=False))
        else:
            self._journal(lambda j: j.plan(plan))

    @property
    def saved_sha(self) -> str:
        """Hash of the draft file as this session last read or wrote it."""
        return self.draft.sha256

    def note_text(self, ref: Ref, text: str) -> None:
        """The editor text of one row changed (journalled by the next :meth:`flush_journal`)."""
        if self.journal is not None:
            self.journal.text(ref, text)

    def note_plan(self, plan: Plan) -> None:
        """A structural change (journalled at once)."""
        if self.journal is not None:
            self._journal(lambda j: j.plan(plan))

    def flush_journal(self) -> None:
        """Append and fsync the noted texts (cheap; called a few times a second while typing)."""
        if self.journal is not None and self.journal.pending:
            self._journal(lambda j: j.flush())

    def flush(self, plan: Plan) -> bool:
        """Everything to disk now (closing terminal, SIGTERM, suspend): True when the draft file
        holds ``plan``; otherwise the recovery file and the journal do."""
        self.flush_journal()
        if not self.unsaved(plan):
            return True
        return self.save(plan)

    def close(self) -> None:
        """Editing ends: the journal goes when the file holds everything, else it stays for the
        next start to replay."""
        if self.journal is None:
            return
        if self.refused:
            self.journal.close_fd()
        else:
            self.journal.remove()
        self.journal = None

    def _start_journal(self, plan: Plan, *, clean: bool) -> None:
        journal = self.journal or Journal(self.draft.path)
        if journal.draft_path != self.draft.path:
            journal = Journal(self.draft.path)
        self.journal = journal
        self._journal(lambda j: j.start(plan, self.draft.sha256, clean=clean))

    def _journal(self, write) -> None:  # type: ignore[no-untyped-def]
        """Run one journal write; a failing journal is switched off and said so."""
        journal = self.journal
        if journal is None:
            return
        try:
            write(journal)
        except OSError as exc:
            journal.close_fd()
            self.journal = None
            self.journal_problem = f"编辑日志无法写入（{exc.strerror or exc}），意外退出时可能丢失最近的输入。"


def _recovery_holding(draft_path: Path, plan: Plan) -> Path | None:
    """A recovery file of ``draft_path`` that already holds ``plan`` (no second copy)."""
    from drafter.draft.journal import glob_escape
    from drafter.draft.store import RECOVERY_MARK, SUFFIX

    pattern = f"{glob_escape(draft_path.stem)}{RECOVERY_MARK}*{SUFFIX}"
    for path in sorted(draft_path.parent.glob(pattern)):
        try:
            if DraftFile.open(path)[1] == plan:
                return path
        except DrafterError:
            continue
    return None
