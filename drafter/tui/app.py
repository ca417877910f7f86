"""The drafting app: opens the library at once and warms up matching in the background."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from drafter.errors import DrafterError
from drafter.paths import drafts_dir, user_library
from drafter.tui.commands import ActionsProvider
from drafter.tui.keys import load_keymap
from drafter.tui.messages import LibraryLoaded, MatcherReady, Progress
from drafter.tui.notify import worker_error_text

MATCHER_DELAY = 0.2
"""Seconds between the library appearing and the similarity warm-up starting."""


class DrafterApp(App[None]):
    """民政工作要点起草助手."""

    TITLE = "民政工作要点起草助手"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {ActionsProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "帮助", id="app.help"),
        Binding("ctrl+q", "quit", "退出", id="app.quit", priority=True),
        Binding("ctrl+p", "command_palette", "命令面板", id="app.palette", show=False,
                priority=True),
    ]

    library: var[Any] = var(None, always_update=True)
    """The open :class:`drafter.library.Library` (None while it loads)."""
    matcher: var[Any] = var(None)
    """The warmed-up :class:`drafter.match.engine.Matcher` (None until ready)."""
    status: var[str] = var("正在载入资料库…")
    """One line of background progress, shown by each screen."""

    def __init__(
        self,
        *,
        library_dir: Path | None = None,
        workspace: Path | None = None,
        open_draft: Path | None = None,
        keymap: dict[str, str] | None = None,
        warm_matcher: bool = True,
    ) -> None:
        super().__init__()
        self.library_dir = Path(library_dir) if library_dir else user_library()
        """The user's own library folder (the built-in one is always included)."""
        self.drafts_folder = Path(workspace) if workspace else drafts_dir()
        """Where drafts are autosaved."""
        self.open_draft = open_draft
        """A draft file to open straight away, if any."""
        self.warm_matcher = warm_matcher
        """Whether to build the similarity index after the library loads."""
        self.keys: dict[str, str] = {}
        """Binding id → keys in effect (shown by the help screen)."""
        self._keys_override = keymap
        self._matcher_timer: Timer | None = None

    def on_mount(self) -> None:
        """Show the library screen at once; load everything slow in the background."""
        from drafter.tui.screens.library import LibraryScreen

        try:
            self.keys = self._keys_override if self._keys_override is not None else load_keymap()
            self.set_keymap(self.keys)
        except DrafterError as exc:
            self.notify(exc.message, title="快捷键设置有误，已使用默认设置", severity="warning")
        self.push_screen(LibraryScreen())
        self.load_library()

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def load_library(self) -> None:
        """Open the built-in and user libraries (in a thread)."""
        from drafter.library import Library

        self.post_message(LibraryLoaded(Library.open(self.library_dir)))

    @work(thread=True, exclusive=True, group="matcher", exit_on_error=False)
    def load_matcher(self, library: Any) -> None:
        """Warm up jieba and load (or build) the similarity index (in a thread)."""
        self.post_message(Progress("正在准备分词与相似检索…"))
        from drafter.match.engine import Matcher
        from drafter.match.tokenize import warm_up

        warm_up().join()
        self.post_message(MatcherReady(Matcher.for_library(library)))

    def flush(self) -> None:
        """Start the similarity warm-up now if it is still waiting for its turn."""
        timer, self._matcher_timer = self._matcher_timer, None
        if timer is not None:
            timer.stop()
            self.load_matcher(self.library)

    def reload_library(self) -> None:
        """Open the library again after an import."""
        self.matcher = None
        self.load_library()

    def on_library_loaded(self, message: LibraryLoaded) -> None:
        """Publish the library to every screen."""
        self.library = message.library
        count = len(message.library.summaries())
        self.status = f"资料库共 {count} 份要点。"
        if self.warm_matcher:
            # Let the library screen paint first: jieba's warm-up holds the GIL for a while.
            self._matcher_timer = self.set_timer(MATCHER_DELAY, self.flush)
        if self.open_draft is not None:
            path, self.open_draft = self.open_draft, None
            self.open_draft_file(path)

    def on_matcher_ready(self, message: MatcherReady) -> None:
        """Publish the similarity engine."""
        self.matcher = message.matcher
        count = len(self.library.summaries()) if self.library else 0
        self.status = f"资料库共 {count} 份要点；相似检索已就绪。"

    def on_progress(self, message: Progress) -> None:
        """Show the latest background step."""
        total = f"（{message.done}/{message.total}）" if message.total else ""
        self.status = f"{message.text}{total}"

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Turn a failed app-level worker into a short Chinese notification."""
        if event.state == WorkerState.ERROR:
            self.status = "后台任务失败。"
            self.notify(worker_error_text(event.worker.error), severity="error", timeout=8)

    def open_draft_file(self, path: Path) -> None:
        """Open a saved draft in the compose screen."""
        from drafter.draft import DraftFile
        from drafter.tui.screens.compose import ComposeScreen

        try:
            draft_file, plan = DraftFile.open(path)
        except DrafterError as exc:
            self.notify(exc.message, severity="error")
            return
        self.push_screen(ComposeScreen(plan, draft_file))

    def start_draft(self, plan: Any) -> None:
        """Save a new draft and open it in the compose screen."""
        from drafter.draft import DraftFile
        from drafter.tui.screens.compose import ComposeScreen

        try:
            draft_file = DraftFile.create(plan, self.drafts_folder)
        except DrafterError as exc:
            self.notify(exc.message, severity="error")
            return
        self.push_screen(ComposeScreen(plan, draft_file))

    def action_command_palette(self) -> None:
        """Open the command palette with a Chinese prompt."""
        from textual.command import CommandPalette

        if not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder="搜索操作，如：上移、导出、对比…",
                                            id="--command-palette"))

    async def action_quit(self) -> None:
        """Save every open draft, then quit."""
        for screen in self.screen_stack:
            save = getattr(screen, "save_now", None)
            if save is not None:
                save()
        self.exit()

    def action_help(self) -> None:
        """Show the keys of the current screen."""
        from drafter.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))


def make_app(
    *,
    library_dir: Path | None = None,
    workspace: Path | None = None,
    open_draft: Path | None = None,
    keymap: dict[str, str] | None = None,
    warm_matcher: bool = True,
) -> DrafterApp:
    """The app as the command line and the tests start it."""
    return DrafterApp(
        library_dir=library_dir,
        workspace=workspace,
        open_draft=open_draft,
        keymap=keymap,
        warm_matcher=warm_matcher,
    )
