"""The drafting app: opens the library at once and warms up matching in the background."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App, CSSPathType, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from drafter.errors import DrafterError
from drafter.paths import drafts_dir, user_library
from drafter.tui.commands import ActionsProvider
from drafter.tui.compositor import install
from drafter.tui.keys import key_display, load_keymap
from drafter.tui.linebreak import install as install_line_breaking
from drafter.tui.messages import LibraryLoaded, MatcherReady, Progress
from drafter.tui.notify import worker_error_text
from drafter.tui.safety import install_flush_on_exit

if TYPE_CHECKING:
    from drafter.model import Plan

install_line_breaking()  # Chinese punctuation and figures are wrapped the way writers expect

MATCHER_DELAY = 0.2
"""Seconds between the library appearing and the similarity warm-up starting."""
PLAN_CACHE_SIZE = 16
"""How many parsed library plans the previews keep in memory."""


class DrafterApp(App[None]):
    """民政工作要点起草助手."""

    TITLE = "民政工作要点起草助手"
    # The first screen's CSS is read with the app's: read when the screen came up, it made
    # Textual parse every stylesheet again and restyle the whole app before the first paint.
    CSS_PATH: ClassVar[CSSPathType | None] = ["app.tcss", "screens/library.tcss"]
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
        self._plans: OrderedDict[tuple[str, str, int], Plan] = OrderedDict()
        self._resting_status = ""

    def on_mount(self) -> None:
        """Show the library screen at once; load everything slow in the background."""
        from drafter.tui.screens.library import LibraryScreen

        try:
            self.keys = self._keys_override if self._keys_override is not None else load_keymap()
            self.set_keymap(self.keys)
        except DrafterError as exc:
            self.notify(exc.message, title="快捷键设置有误，已使用默认设置", severity="warning")
        self.screen_change_signal.subscribe(self, self._screen_changed)
        install_flush_on_exit(self)
        self.push_screen(LibraryScreen())
        # After the first paint: reading the catalogue holds the GIL, which would hold it up.
        self.call_after_refresh(self.load_library)

    def _screen_changed(self, _screen: Screen) -> None:
        """A message about the previous screen does not stay on the next one."""
        self.rest_status()

    def rest_status(self) -> None:
        """Go back to the standing status line (library size, matcher state)."""
        if self._resting_status:
            self.status = self._resting_status

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def load_library(self) -> None:
        """Open the built-in and user libraries and read their catalogue (in a thread)."""
        from drafter.library import Library

        library = Library.open(self.library_dir)
        library.summaries()  # reads every changed TOML file: keep it off the UI thread
        self.post_message(LibraryLoaded(library))

    @work(thread=True, exclusive=True, group="matcher", exit_on_error=False)
    def load_matcher(self, library: Any) -> None:
        """Warm up jieba and load (or build) the similarity index (in a thread)."""
        self.post_message(Progress("正在准备分词与相似检索…"))
        from drafter.match.engine import Matcher
        from drafter.match.tokenize import warm_up

        warm_up().join()
        matcher = Matcher.for_library(library)
        self.post_message(MatcherReady(matcher, library))
        matcher.catalog.keep_texts()  # the texts in memory, unless a national library's

    def flush(self) -> None:
        """Start the similarity warm-up now if it is still waiting for its turn."""
        timer, self._matcher_timer = self._matcher_timer, None
        if timer is not None:
            timer.stop()
            self.load_matcher(self.library)

    def reload_library(self) -> None:
        """Open the library again (from disk, in a thread)."""
        self.matcher = None
        self.load_library()

    def swap_library(self, library: Any) -> None:
        """Use a library a worker finished preparing (e.g. after an import)."""
        self.matcher = None
        self._publish(library)

    def on_library_loaded(self, message: LibraryLoaded) -> None:
        """Publish the library to every screen and name the files that were left out."""
        self._publish(message.library)
        for problem in message.library.problems:
            self.notify(problem, title="资料库中有文件未载入", severity="warning", timeout=10)
        if self.open_draft is not None:
            path, self.open_draft = self.open_draft, None
            self.open_draft_file(path)

    def _publish(self, library: Any) -> None:
        """Make ``library`` the app's library and (re)start the similarity warm-up."""
        self.library = library
        self._set_resting(f"资料库共 {len(library.summaries())} 份要点。")
        if self._matcher_timer is not None:
            self._matcher_timer.stop()
            self._matcher_timer = None
        if self.warm_matcher:
            # Let the library screen paint first: jieba's warm-up holds the GIL for a while.
            self._matcher_timer = self.set_timer(MATCHER_DELAY, self.flush)

    def _set_resting(self, text: str) -> None:
        """Show ``text`` now and again whenever the screen changes."""
        self._resting_status = text
        self.status = text

    def on_matcher_ready(self, message: MatcherReady) -> None:
        """Publish the similarity engine (unless the library changed meanwhile)."""
        if message.library is not None and message.library is not self.library:
            return
        self.matcher = message.matcher
        count = len(self.library.summaries()) if self.library else 0
        self._set_resting(f"资料库共 {count} 份要点；相似检索已就绪。")

    def get_plan(self, plan_id: str) -> Plan:
        """A library plan, parsed once and kept while its file is unchanged."""
        path = self.library.summary(plan_id).path
        try:
            mtime = path.stat().st_mtime_ns
        except OSError:
            mtime = -1
        key = (plan_id, str(path), mtime)
        plan = self._plans.get(key)
        if plan is None:
            plan = self.library.get(plan_id)
            self._plans[key] = plan
            while len(self._plans) > PLAN_CACHE_SIZE:
                self._plans.popitem(last=False)
        else:
            self._plans.move_to_end(key)
        return plan

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
        from drafter.draft.session import DraftSession
        from drafter.tui.screens.compose import ComposeScreen

        try:
            opened = DraftSession.open(path)
        except DrafterError as exc:
            self.notify(exc.message, severity="error")
            return
        session = opened.session
        self.push_screen(ComposeScreen(opened.plan, session.draft, session))
        for note in opened.notes:
            self.notify(note, title="草稿恢复", severity="warning", timeout=15)

    def start_draft(self, plan: Any) -> None:
        """Save a new draft and open it in the compose screen."""
        from drafter.draft.session import DraftSession
        from drafter.tui.screens.compose import ComposeScreen

        try:
            session = DraftSession.create(plan, self.drafts_folder)
        except DrafterError as exc:
            self.notify(exc.message, severity="error")
            return
        self.push_screen(ComposeScreen(plan, session.draft, session))

    def action_command_palette(self) -> None:
        """Open the command palette with a Chinese prompt."""
        from textual.command import CommandPalette

        if not CommandPalette.is_open(self):  # type: ignore[arg-type]
            palette = CommandPalette(placeholder="搜索操作，如：上移、导出、对比…",
                                     id="--command-palette")
            install(palette)
            self.push_screen(palette)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own palette commands, in Chinese (quit and help come from the keys)."""
        yield SystemCommand("通用: 切换主题", "更换界面配色", self.action_choose_theme)
        if screen.maximized is not None:
            yield SystemCommand("通用: 还原面板大小", "恢复正常布局", screen.action_minimize)
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand("通用: 最大化当前面板", "让光标所在的面板占满屏幕",
                                screen.action_maximize)

    def action_choose_theme(self) -> None:
        """Pick a colour theme in a palette with a Chinese prompt."""
        from textual.command import CommandPalette
        from textual.theme import ThemeProvider

        palette = CommandPalette(providers=[ThemeProvider], placeholder="搜索主题…")
        install(palette)
        self.push_screen(palette)

    async def action_quit(self) -> None:
        """Save every open draft, then quit; a draft whose text could not be saved asks first."""
        from drafter.tui.safety import quit_after_drafts

        quit_after_drafts(self)

    def action_help_quit(self) -> None:
        """ctrl+c outside a text field: say in Chinese how to quit (Textual's text is English)."""
        keys = self.keys.get("app.quit", "ctrl+q")
        self.notify(f"要退出请按 {key_display(keys)}（草稿会先保存）。", title="要退出吗？")

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
