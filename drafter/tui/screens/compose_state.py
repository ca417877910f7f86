"""What the compose screen's parts share: the draft, its undo history and the cursor."""

from __future__ import annotations

import threading
from typing import Any

from drafter.draft import DraftFile, History
from drafter.model import Plan
from drafter.tui.debounce import Debouncer
from drafter.tui.live import LiveChecks
from drafter.tui.screens.base import BaseScreen
from drafter.tui.widgets.outline import Outline, Ref


class ComposeState(BaseScreen):
    """The draft being edited; the editing, panel and saving parts build on it."""

    def __init__(self, plan: Plan, draft_file: DraftFile) -> None:
        super().__init__()
        self.history = History.start(plan)
        """The draft and its undo/redo steps."""
        self.draft_file = draft_file
        """Where the draft is autosaved."""
        self.saved_plan = plan
        """The draft as last written to disk."""
        self.conflict = False
        """Someone else changed the file: autosave stops until the writer decides."""
        self.cursor: Ref = (0, 0) if plan.sections and plan.sections[0].items else ()
        """The outline row being edited."""
        self.base: Plan | None = None
        """The plan the draft was started from, when the library has it."""
        self.live = LiveChecks(plan.meta.year)
        """The check report and per-item re-checks made while typing."""
        self._loaded_text = ""
        self._dirty_since: float | None = None
        self._save_lock = threading.Lock()
        self.jobs = Debouncer(self)
        """Autosave, checks and similar lookups, each run once typing pauses."""

    @property
    def plan(self) -> Plan:
        """The current draft."""
        return self.history.plan

    @property
    def pending_save(self) -> bool:
        """Whether the draft has changes not yet on disk."""
        return self.plan is not self.saved_plan

    # --- one change, as every part makes it ------------------------------------------------

    def commit(self, plan: Plan, label: str, cursor: Ref | None = None) -> None:
        """Make ``plan`` the draft as one undo step, show it and save it at once.

        ``cursor`` is the row to select afterwards (default: the current one). The step
        remembers the current row too: undo returns there, redo to ``cursor``.
        """
        after = clamp(plan, self.cursor if cursor is None else cursor)
        self.history = self.history.push(plan, label, before=self.cursor, after=after)
        self._after_change(after)

    def _after_change(self, cursor: Ref | None = None) -> None:
        """Refresh everything after a structural change, undo or redo."""
        self.cursor = clamp(self.plan, self.cursor if cursor is None else cursor)
        self.query_one(Outline).show(self.plan, self.cursor)
        self._load_editor()
        self._clear_similar_if_blank()
        self.live.forget_typing()
        self.save_now()
        self._schedule("checks", 0.05, self._run_checks)
        self._schedule("similar", 0.2, self._run_similar)

    # --- what each part provides (see compose_editing, compose_panels, compose_saving) -----

    def _load_editor(self) -> None:
        """Put the current row's text into the editor (the editing part)."""
        raise NotImplementedError

    def save_now(self) -> None:
        """Write the draft to disk at once if it changed (the saving part)."""
        raise NotImplementedError

    def _schedule_save(self) -> None:
        """Save soon after typing pauses (the saving part)."""
        raise NotImplementedError

    def _show_findings(self) -> None:
        """Refresh the checks panel (the panels part)."""
        raise NotImplementedError

    def _run_checks(self) -> None:
        """Start a full check run (the panels part)."""
        raise NotImplementedError

    def _run_similar(self) -> None:
        """Look up similar wording for the current item (the panels part)."""
        raise NotImplementedError

    def _clear_similar_if_blank(self) -> bool:
        """Empty the similar panel for an item with no text (the panels part)."""
        raise NotImplementedError

    # --- background work ------------------------------------------------------------------

    def _schedule(self, name: str, delay: float, job: Any) -> None:
        """Run ``job`` once after ``delay`` seconds of quiet (see :class:`Debouncer`)."""
        self.jobs.schedule(name, delay, job)

    def flush(self) -> None:
        """Run every debounced job now (save, checks, similar) instead of waiting."""
        self.jobs.flush()

    def _item_ref(self) -> tuple[int, int] | None:
        """The current item's position, or None (with a hint) when a section is selected."""
        if len(self.cursor) == 2:
            return self.cursor[0], self.cursor[1]
        self.notify("请先在大纲中选择一个条目。")
        return None


def clamp(plan: Plan, ref: Ref) -> Ref:
    """The nearest existing outline row to ``ref``."""
    if not ref or not plan.sections:
        return ()
    si = min(ref[0], len(plan.sections) - 1)
    if len(ref) == 1:
        return (si,)
    items = plan.sections[si].items
    if not items:
        return (si,)
    return si, min(ref[1], len(items) - 1)
