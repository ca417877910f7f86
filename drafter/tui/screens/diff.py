"""The diff screen: the draft against its base (or any plan), item-aligned and word-level."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Header, Static

from drafter.model import Plan
from drafter.tui.messages import Progress
from drafter.tui.screens.base import BaseScreen
from drafter.tui.widgets.diff_view import pair_text, section_text, summary_text
from drafter.tui.widgets.footer import KeyFooter
from drafter.tui.widgets.status import StatusLine


@dataclass
class ComparisonWritten(Message):
    """A 修订稿 or 花脸稿 was written."""

    path: Path
    """The file written."""
    replaced: bool = False
    """Whether it replaced this draft's earlier file of the same kind."""


class DiffScreen(BaseScreen):
    """Shows what changed against last year; n/p jump between changes."""

    CSS_PATH = "diff.tcss"
    NAMESPACE = "对比"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_change", "下一处修改", id="diff.next"),
        Binding("p", "previous_change", "上一处修改", id="diff.previous"),
        Binding("b", "choose_base", "换一份对比底稿", id="diff.choose_base"),
        Binding("x", "export_tracked", "导出修订稿", id="diff.export_tracked"),
        Binding("X", "export_redline", "导出花脸稿", id="diff.export_redline"),
        Binding("o", "open_folder", "打开导出文件夹", id="diff.open_folder"),
        Binding("escape", "back", "返回", id="diff.back"),
    ]

    def __init__(self, draft: Plan, base: Plan | None, draft_path: Path | None = None) -> None:
        super().__init__()
        self.draft = draft
        self.base = base
        self.draft_path = draft_path
        """The draft's file: exported comparisons are named after it and go beside it."""
        self.diff: Any = None
        self.changes: list[Static] = []
        self.current = -1
        """Index into ``changes`` of the change in view."""
        self.written: Path | None = None
        """The last 修订稿 or 花脸稿 written from this screen."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="summary")
        yield VerticalScroll(id="pairs")
        yield StatusLine()
        yield KeyFooter()

    def on_mount(self) -> None:
        """Compute the diff and show it."""
        self.sub_title = "年度对比"
        if self.base is None:
            self.query_one("#summary", Static).update("这份草稿没有底稿。按 b 选择一份要点进行对比。")
            return
        self.show_diff()

    def show_diff(self) -> None:
        """Diff the draft against ``base`` and list every aligned item."""
        from drafter.diff import diff_plans

        assert self.base is not None
        self.diff = diff_plans(self.base, self.draft)
        self.query_one("#summary", Static).update(summary_text(self.diff))
        pane = self.query_one("#pairs", VerticalScroll)
        pane.remove_children()
        rows: list[Static] = []
        self.changes = []
        for section, pairs in self.diff.blocks():
            rows.append(Static(section_text(section), classes="section"))
            for pair in pairs:
                row = Static(pair_text(pair), classes=f"pair {pair.status}")
                rows.append(row)
                if pair.status != "same":
                    self.changes.append(row)
        pane.mount_all(rows)
        self.current = -1

    def action_next_change(self) -> None:
        """Scroll to the next change."""
        self._go(+1)

    def action_previous_change(self) -> None:
        """Scroll to the previous change."""
        self._go(-1)

    def _go(self, step: int) -> None:
        """Move the highlight to another change."""
        if not self.changes:
            self.notify("没有修改之处。")
            return
        if 0 <= self.current < len(self.changes):
            self.changes[self.current].remove_class("current")
        self.current = (self.current + step) % len(self.changes)
        row = self.changes[self.current]
        row.add_class("current")
        self.query_one("#pairs", VerticalScroll).scroll_to_widget(row, animate=False, top=True)
        self.sub_title = f"第 {self.current + 1}/{len(self.changes)} 处修改"

    def action_choose_base(self) -> None:
        """Compare with another plan from the library."""
        from drafter.tui.screens.pick_plan import PickPlanDialog

        def chosen(plan_id: str | None) -> None:
            if plan_id:
                self.base = self.drafter.get_plan(plan_id)
                self.show_diff()

        self.app.push_screen(PickPlanDialog(), chosen)

    def action_export_tracked(self) -> None:
        """Write a .docx with real tracked changes (Word/WPS can accept or reject each)."""
        self._export("修订稿")

    def action_export_redline(self) -> None:
        """Write the printable 花脸稿 (deletions struck through in red, insertions underlined)."""
        self._export("花脸稿")

    def _export(self, kind: str) -> None:
        """Ask where the comparison of ``kind`` (修订稿 or 花脸稿) goes, beside the last export."""
        from drafter.draft.destinations import comparison_default
        from drafter.tui.screens.prompt import PromptDialog

        if self.diff is None:
            self.notify("没有可导出的对比。")
            return
        default = comparison_default(self.draft, self.draft_path, kind)

        def chosen(answer: str | None) -> None:
            from drafter.draft.destinations import prepare
            from drafter.errors import DrafterError

            if not answer:
                return
            try:
                out = prepare(answer)
            except DrafterError as exc:
                self.notify(exc.message, severity="error", timeout=8)
                return
            self.redline_worker(self.diff, out, kind, out.exists())

        self.app.push_screen(PromptDialog(f"{kind}保存到（文件夹不存在时自动创建）：",
                                          value=str(default)), chosen)

    @work(thread=True, exclusive=True, group="redline", exit_on_error=False)
    def redline_worker(self, diff: Any, out: Path, kind: str = "修订稿",
                       replaced: bool = False) -> None:
        """Write the tracked-changes or redline file (in a thread)."""
        from drafter.diff.docx_redline import write_redline
        from drafter.diff.docx_tracked import write_tracked

        self.app.post_message(Progress(f"正在导出{kind}…"))
        if kind == "花脸稿":
            write_redline(diff, out)
        else:
            write_tracked(diff, out)
        self.post_message(ComparisonWritten(out, replaced))

    def on_comparison_written(self, message: ComparisonWritten) -> None:
        """Say where the file went (the whole path, and o to open its folder)."""
        import contextlib

        from drafter.draft.destinations import remember_export
        from drafter.errors import DrafterError

        self.written = message.path
        with contextlib.suppress(DrafterError):  # only the next default depends on it
            remember_export(message.path)
        note = "（替换了同名文件）" if message.replaced else ""
        self.drafter.status = f"已保存：{message.path}（按 o 打开所在文件夹）"
        self.notify(f"已保存：{message.path}{note}", title="导出完成", timeout=10)

    def action_open_folder(self) -> None:
        """Open the folder of the last comparison written."""
        from drafter.tui.opener import open_folder

        if self.written is None:
            self.notify("还没有导出修订稿或花脸稿（按 x 或 X 导出）。")
            return
        open_folder(self, self.written.parent)

    def action_back(self) -> None:
        """Return to the draft."""
        self.dismiss()
