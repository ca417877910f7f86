"""What every screen shares: a namespace for palette titles, the typed app, worker errors."""

from __future__ import annotations

from typing import ClassVar, TypeVar, cast

from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

from drafter.tui.host import DrafterHost
from drafter.tui.notify import worker_error_text

ResultT = TypeVar("ResultT")


class WorkerErrors:
    """Turns a failed worker of this screen into one short Chinese notification."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Notify instead of crashing when a worker fails."""
        if event.state == WorkerState.ERROR:
            self.notify(worker_error_text(event.worker.error), severity="error",  # type: ignore[attr-defined]
                        timeout=8)
            self.worker_failed(event.worker)

    def worker_failed(self, worker: Worker) -> None:
        """Hook for a screen to reset its state after a failure."""


class BaseScreen(WorkerErrors, Screen):
    """A full screen of the app."""

    NAMESPACE: ClassVar[str] = ""
    """Prefix of this screen's command palette titles."""
    PALETTE_ONLY: ClassVar[tuple[tuple[str, str], ...]] = ()
    """(description, action) offered in the command palette without a key."""

    @property
    def drafter(self) -> DrafterHost:
        """The running app, typed (library, matcher, drafts folder…)."""
        return cast(DrafterHost, self.app)


class BaseModal(WorkerErrors, ModalScreen[ResultT]):
    """A dialog over another screen."""

    NAMESPACE: ClassVar[str] = ""
    """Prefix of this dialog's command palette titles."""

    @property
    def drafter(self) -> DrafterHost:
        """The running app, typed (library, matcher, drafts folder…)."""
        return cast(DrafterHost, self.app)
