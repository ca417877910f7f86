"""The compose screen's saving part: autosave while typing, save at once, conflicts."""

from __future__ import annotations

from time import monotonic

from textual import work

from drafter.draft import DraftConflict, DraftFile, History
from drafter.errors import DrafterError
from drafter.model import Plan
from drafter.tui.messages import DraftSaved, DraftSaveFailed
from drafter.tui.screens.compose_state import ComposeState

SAVE_DELAY = 0.3
"""Seconds of quiet typing before the draft is written to disk."""
MAX_UNSAVED = 2.0
"""Continuous typing is still saved at least this often (seconds)."""


class ComposeSaving(ComposeState):
    """Every change reaches the disk; someone else's change to the file is never overwritten."""

    def _schedule_save(self) -> None:
        """Save soon after typing pauses, and at least every MAX_UNSAVED seconds."""
        now = monotonic()
        if self._dirty_since is None:
            self._dirty_since = now
        if now - self._dirty_since >= MAX_UNSAVED:
            self.save_in_background()
        else:
            self._schedule("save", SAVE_DELAY, self.save_in_background)

    def save_in_background(self) -> None:
        """Autosave while the writer types: serialising the draft stays off the UI thread."""
        self.jobs.cancel("save")
        if self.pending_save and not self.conflict:
            self.save_worker(self.plan)

    @work(thread=True, group="autosave", exit_on_error=False)
    def save_worker(self, plan: Plan) -> None:
        """Write one state of the draft (in a thread; saves take turns under a lock)."""
        with self._save_lock:
            if plan is not self.plan:
                return  # a newer state is on its way to disk
            try:
                self.draft_file.save(plan)
            except DrafterError as exc:
                self.post_message(DraftSaveFailed(exc))
                return
        self.post_message(DraftSaved(plan))

    def save_now(self) -> None:
        """Write the draft to disk at once if it changed (never over someone else's change)."""
        self.jobs.cancel("save")
        if not self.pending_save or self.conflict:
            return
        plan = self.plan
        with self._save_lock:
            try:
                self.draft_file.save(plan)
            except DrafterError as exc:
                self.on_draft_save_failed(DraftSaveFailed(exc))
                return
        self.on_draft_saved(DraftSaved(plan))

    def on_draft_saved(self, message: DraftSaved) -> None:
        """Remember what is on disk."""
        self.saved_plan = message.plan
        # While the writer keeps typing, the next forced save comes MAX_UNSAVED from now.
        self._dirty_since = monotonic() if self.pending_save else None

    def on_draft_save_failed(self, message: DraftSaveFailed) -> None:
        """Stop autosaving after a conflict and say what to do; report other failures."""
        error = message.error
        if isinstance(error, DraftConflict):
            self.conflict = True
            self.notify(f"{error}（命令面板：草稿: 另存为新草稿）", severity="error", timeout=20)
        else:
            self.notify(str(error), severity="error")

    def on_unmount(self) -> None:
        """Nothing typed is lost when the screen closes."""
        self.save_now()

    def action_save_as_copy(self) -> None:
        """After a conflict: keep the writer's version as a new draft file."""
        try:
            self.draft_file = DraftFile.create(self.plan, self.draft_file.path.parent)
        except DrafterError as exc:
            self.notify(exc.message, severity="error")
            return
        self.saved_plan = self.plan
        self.conflict = False
        self.notify(f"已另存为 {self.draft_file.path.name}。")

    def action_reload_from_disk(self) -> None:
        """After a conflict: take the version on disk (the writer's unsaved changes are lost)."""
        try:
            plan = self.draft_file.reload()
        except DrafterError as exc:
            self.notify(exc.message, severity="error")
            return
        self.history = History.start(plan)
        self.saved_plan = plan
        self.conflict = False
        self.live.year = plan.meta.year
        self._after_change()
        self.notify("已重新载入磁盘上的草稿。")
