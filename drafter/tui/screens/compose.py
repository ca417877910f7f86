"""The compose screen: outline, item editor, and the similar and checks panels beside them.

The screen is assembled from three parts beside this file: ``compose_editing`` (the editor,
structure changes, undo), ``compose_panels`` (checks and similar wording) and
``compose_saving`` (autosave and conflicts); ``compose_state`` holds what they share.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Static, TabbedContent, TabPane, TextArea

from drafter.draft import set_meta
from drafter.errors import DrafterError
from drafter.model import Plan
from drafter.tui.screens.compose_editing import ComposeEditing
from drafter.tui.screens.compose_panels import ComposePanels
from drafter.tui.screens.compose_saving import ComposeSaving
from drafter.tui.widgets.checks import ChecksPanel
from drafter.tui.widgets.footer import KeyFooter
from drafter.tui.widgets.outline import Outline
from drafter.tui.widgets.similar import SimilarPanel
from drafter.tui.widgets.status import StatusLine

if TYPE_CHECKING:
    from drafter.tui.screens.export import ExportOutcome


class ComposeScreen(ComposeEditing, ComposePanels, ComposeSaving):
    """Edit a draft; every change is autosaved and re-checked."""

    CSS_PATH = "compose.tcss"
    NAMESPACE = "草稿"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+z", "undo", "撤销", id="compose.undo", priority=True),
        Binding("ctrl+y", "redo", "重做", id="compose.redo", priority=True, show=False),
        Binding("ctrl+up", "move(-1)", "上移条目", id="compose.move_up", priority=True),
        Binding("ctrl+down", "move(1)", "下移条目", id="compose.move_down", priority=True),
        Binding("ctrl+t", "move_to_section", "移到其他部分", id="compose.move_to_section",
                priority=True, show=False),
        Binding("ctrl+l", "add_from_library", "从资料库添加",
                id="compose.add_from_library", priority=True),
        Binding("ctrl+n", "new_item", "新增空白条目", id="compose.new_item", priority=True,
                show=False),
        Binding("ctrl+delete", "delete_item", "删除条目", id="compose.delete", priority=True,
                show=False),
        Binding("d", "delete_item", "删除条目", id="compose.delete_item", show=False),
        Binding("ctrl+e", "open_editor", "用外部编辑器打开", id="compose.open_editor",
                priority=True, show=False),
        Binding("ctrl+r", "replace_with_similar", "用相似表述替换",
                id="compose.replace_with_similar", priority=True, show=False),
        Binding("ctrl+g", "merge_similar", "合并相似条目的新增表述",
                id="compose.merge_similar", priority=True, show=False),
        Binding("s", "add_section", "新增部分", id="compose.add_section", show=False),
        Binding("r", "rename_section", "重命名部分", id="compose.rename_section", show=False),
        Binding("x", "delete_section", "删除部分", id="compose.delete_section", show=False),
        # Function keys are priority bindings: the TextArea takes f6 and f7 for itself.
        Binding("f2", "metadata", "元数据", id="compose.metadata", priority=True),
        Binding("f3", "diff", "对比", id="compose.diff", priority=True),
        Binding("f4", "export", "导出", id="compose.export", priority=True),
        Binding("f5", "review", "审阅意见", id="compose.review", show=False, priority=True),
        Binding("f6", "toggle_side", "显示/隐藏侧栏", id="compose.toggle_side", show=False,
                priority=True),
        Binding("f7", "focus_checks", "查看检查结果", id="compose.focus_checks", show=False,
                priority=True),
        Binding("f8", "focus_similar", "查看相似表述", id="compose.focus_similar", show=False,
                priority=True),
        Binding("f9", "similar_same_issuer", "本单位往年写法", id="compose.similar_same_issuer",
                show=False, priority=True),
        Binding("escape", "back", "回到大纲 / 返回资料库", id="compose.back", show=False),
    ]

    PALETTE_ONLY = (
        ("另存为新草稿", "save_as_copy"),
        ("用屏幕上的版本覆盖磁盘上的草稿", "overwrite_disk"),
        ("放弃本次修改，重新载入磁盘上的草稿", "reload_from_disk"),
    )

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield Outline(id="outline")
            with Vertical(id="editor-pane"):
                yield Static(id="editor-title")
                yield TextArea(id="editor", soft_wrap=True, show_line_numbers=False)
            with TabbedContent(id="side", initial="checks-tab"):
                with TabPane("检查", id="checks-tab"):
                    yield ChecksPanel(id="checks")
                with TabPane("相似表述", id="similar-tab"):
                    yield SimilarPanel(id="similar")
        yield StatusLine()
        yield KeyFooter()

    def on_mount(self) -> None:
        """Show the draft, check it and look up similar wording."""
        self.base = self._find_base()
        self.sub_title = self.plan.meta.title
        self.query_one(Outline).show(self.plan, self.cursor)
        self._load_editor()
        self.query_one(Outline).focus()
        self._schedule("checks", 0, self._run_checks)
        self.watch(self.app, "matcher", lambda _: self._schedule("similar", 0, self._run_similar))

    def _find_base(self) -> Plan | None:
        """The base plan from the library (None when it is not there)."""
        library = self.drafter.library
        if not self.plan.base or library is None:
            return None
        try:
            return library.get(self.plan.base)
        except DrafterError:
            return None

    # --- dialogs and other screens -----------------------------------------------------------

    def action_metadata(self) -> None:
        """Edit the title, issuer, year, document number, date and addressees."""
        from drafter.tui.screens.metadata import MetadataDialog

        def chosen(plan: Plan | None) -> None:
            if plan is not None and plan != self.plan:
                self.commit(plan, "修改元数据")
                self.live.year = plan.meta.year
                self.sub_title = plan.meta.title

        self.app.push_screen(MetadataDialog(self.plan), chosen)

    def action_diff(self) -> None:
        """Show the draft against its base plan."""
        from drafter.tui.screens.diff import DiffScreen

        self.save_now()
        self.app.push_screen(DiffScreen(self.plan, self.base, self.draft_file.path))

    def action_export(self) -> None:
        """Open the export dialog."""
        from drafter.tui.screens.export import ExportDialog

        self.confirm_disk_state("导出", lambda: self.app.push_screen(
            ExportDialog(self.plan, self.draft_file.path), self._exported))

    def _exported(self, outcome: ExportOutcome | None) -> None:
        """Keep what the export dialog's fields say (and where the file went) in the draft."""
        if outcome is None:
            return
        meta = self.plan.meta
        changes = {k: v for k, v in outcome.meta.items() if getattr(meta, k) != v}
        if changes:
            self.commit(set_meta(self.plan, **changes), "记录导出信息")

    def action_review(self) -> None:
        """Open the review queue (import a reviewed .docx, decide on each change)."""
        from drafter.tui.screens.review import ReviewScreen

        self.save_now()

        def back(ref: tuple[int, ...] | None) -> None:
            if ref:
                self.cursor = ref
            self.query_one(Outline).show(self.plan, self.cursor)
            self._load_editor()

        self.app.push_screen(ReviewScreen(self), back)

    def action_back(self) -> None:
        """Esc: from the editor or a side panel back to the outline; from the outline, save
        and return to the library (asking first about text that could not be saved)."""
        outline = self.query_one(Outline)
        if self.focused is not outline:
            outline.focus()
            return
        self.leave(self.dismiss)
