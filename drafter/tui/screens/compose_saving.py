"""The compose screen's saving part: autosave while typing, a journal of each burst of typing,
recovery files for refused saves, and the question when leaving with unsaved text.

The mechanisms live in :class:`drafter.draft.session.DraftSession`; this part decides when to
call them and what to tell the writer.
"""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic

from textual import work
from textual.timer import Timer

from drafter.draft import History
from drafter.draft.undo_file import save_history
from drafter.errors import DrafterError
from drafter.model import Plan
from drafter.tui.messages import DraftSaved, DraftSaveFailed
from drafter.tui.screens.compose_state import ComposeState

SAVE_DELAY = 0.3
"""Seconds of quiet typing before the draft is written to disk."""
MAX_UNSAVED = 2.0
"""Continuous typing is still saved at least this often (seconds)."""
JOURNAL_DELAY = 0.2
"""The journal gets what was typed at most this long after the first key of a burst."""


class ComposeSaving(ComposeState):
    """Every change reaches the disk; someone else's change to the file is never overwritten."""

    _journal_timer: Timer | None = None
    _told_refusal = ""

    def _schedule_save(self) -> None:
        """Journal the typing soon, save after a pause, and at least every MAX_UNSAVED seconds."""
        self.session.note_text(self.cursor, self._loaded_text)
        if self._journal_timer is None:
            self._journal_timer = self.set_timer(JOURNAL_DELAY, self._flush_journal)
        now = monotonic()
        if self._dirty_since is None:
            self._dirty_since = now
        if now - self._dirty_since >= MAX_UNSAVED:
            self.save_in_background()
        else:
            self._schedule("save", SAVE_DELAY, self.save_in_background)

    def _flush_journal(self) -> None:
        """Append the burst of typing to the journal (a small write and an fsync)."""
        self._journal_timer = None
        self.session.flush_journal()
        self._tell_journal_problem()

    def save_in_background(self) -> None:
        """Autosave while the writer types: serialising the draft stays off the UI thread.

        After a refused save it keeps the recovery file up to date instead.
        """
        self.jobs.cancel("save")
        if self.pending_save:
            self.save_worker(self.plan)

    @work(thread=True, group="autosave", exit_on_error=False)
    def save_worker(self, plan: Plan) -> None:
        """Write one state of the draft (in a thread; saves take turns under a lock)."""
        with self._save_lock:
            if plan is not self.plan:
                return  # a newer state is on its way to disk
            saved = self.session.save(plan)
            if saved:
                self._keep_history(self.history)
        if saved:
            self.post_message(DraftSaved(plan))
        else:
            self.post_message(DraftSaveFailed(DrafterError(self.session.refused)))

    def save_now(self) -> None:
        """Write the draft to disk at once if it changed (never over someone else's change)."""
        self.jobs.cancel("save")
        if not self.pending_save:
            return
        plan = self.plan
        with self._save_lock:
            saved = self.session.save(plan)
            if saved:
                self._keep_history(self.history)
        if saved:
            self.on_draft_saved(DraftSaved(plan))
        else:
            self.on_draft_save_failed(DraftSaveFailed(DrafterError(self.session.refused)))

    def flush_to_disk(self) -> None:
        """Everything typed to disk now (the terminal closes, the app is suspended or stopped)."""
        self.session.flush_journal()
        self.save_now()

    def _keep_history(self, history: History) -> None:
        """Write the undo history beside the draft (when it is the state just saved)."""
        if history.plan is not self.plan:
            return
        try:
            save_history(history, self.draft_file.path)
        except DrafterError as exc:
            # The draft itself is safe on disk; only undo after a restart is at stake.
            self.post_message(DraftSaveFailed(DrafterError(f"撤销记录未能保存：{exc.message}")))

    def on_draft_saved(self, message: DraftSaved) -> None:
        """Remember what is on disk."""
        self.saved_plan = self.session.saved_plan
        self.session.journal_saved(message.plan, current=message.plan is self.plan)
        # While the writer keeps typing, the next forced save comes MAX_UNSAVED from now.
        self._dirty_since = monotonic() if self.pending_save else None
        self._told_refusal = ""

    def on_draft_save_failed(self, message: DraftSaveFailed) -> None:
        """Say once why saving stopped, where the text is kept and what to do."""
        self.session.journal_refused(self.plan)
        self._tell_journal_problem()
        text = str(message.error)
        if text == self._told_refusal:
            return
        self._told_refusal = text
        hint = "（命令面板：草稿: 另存为新草稿）" if self.conflict else ""
        self.notify(f"{text}{hint}", severity="error", timeout=20)

    def _tell_journal_problem(self) -> None:
        problem = self.session.journal_problem
        if problem and problem != self._told_refusal:
            self._told_refusal = problem
            self.notify(problem, severity="warning", timeout=15)

    def on_unmount(self) -> None:
        """Nothing typed is lost when the screen closes."""
        self.save_now()
        self.session.close()

    # --- leaving -----------------------------------------------------------------------------

    def leave(self, then: Callable[[], object]) -> None:
        """Save and run ``then`` (back to the library, quit); with text that could not be
        saved, first ask the writer what to do with it."""
        from drafter.tui.screens.leave import LeaveDialog

        if isinstance(self.app.screen, LeaveDialog):
            return  # already asking (ctrl+q pressed again)
        self.save_now()
        if not self.pending_save:
            then()
            return

        def chosen(choice: str | None) -> None:
            if choice is None:
                return
            try:
                if choice == "new":
                    path = self.session.save_as_new(self.plan)
                    self.app.notify(f"已另存为新草稿 {path.name}。")
                elif choice == "overwrite":
                    self.session.overwrite(self.plan)
                    self.app.notify(f"已覆盖 {self.draft_file.path.name}。")
                else:
                    self.session.discard()
                    self.app.notify("已放弃未保存的修改。")
            except DrafterError as exc:
                self.notify(exc.message, severity="error", timeout=20)
                return
            self.saved_plan = self.plan
            then()

        self.app.push_screen(LeaveDialog(self.session.refused or "保存失败。"), chosen)

    def confirm_disk_state(self, what: str, then: Callable[[], object]) -> None:
        """Run ``then``; first warn when the draft file differs from the text on screen."""
        from drafter.tui.screens.prompt import ConfirmDialog

        self.save_now()
        if not (self.conflict or self.draft_file.changed_on_disk()):
            then()
            return

        def chosen(ok: bool | None) -> None:
            if ok:
                then()

        self.app.push_screen(ConfirmDialog(
            f"草稿文件 {self.draft_file.path.name} 已被其他程序修改，{what}的是屏幕上的版本，"
            "不含对方的修改。仍然继续？", ok=f"仍然{what}"), chosen)

    # --- the writer's choices after a conflict ------------------------------------------

    def action_save_as_copy(self) -> None:
        """After a conflict: keep the writer's version as a new draft file."""
        try:
            path = self.session.save_as_new(self.plan)
        except DrafterError as exc:
            self.notify(exc.message, severity="error")
            return
        self.saved_plan = self.plan
        self._told_refusal = ""
        self.notify(f"已另存为 {path.name}。")

    def action_overwrite_disk(self) -> None:
        """After a conflict: write the writer's version over the file on disk."""
        try:
            self.session.overwrite(self.plan)
        except DrafterError as exc:
            self.notify(exc.message, severity="error")
            return
        self.saved_plan = self.plan
        self._told_refusal = ""
        self.notify(f"已覆盖 {self.draft_file.path.name}。")

    def action_reload_from_disk(self) -> None:
        """After a conflict: take the version on disk (the writer's unsaved changes are lost)."""
        try:
            plan = self.session.reload()
        except DrafterError as exc:
            self.notify(exc.message, severity="error")
            return
        self.history = History.start(plan)
        self.saved_plan = plan
        self._told_refusal = ""
        self.live.year = plan.meta.year
        self._after_change()
        self.notify("已重新载入磁盘上的草稿。")
