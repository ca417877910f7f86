"""The compose screen: outline, item editor, and the similar and checks panels beside them."""

from __future__ import annotations

import threading
from time import monotonic
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane, TextArea

from drafter.draft import (
    DraftConflict,
    DraftFile,
    History,
    add_item,
    add_section,
    delete_item,
    delete_section,
    edit_item,
    move_item,
    move_to_section,
    rename_section,
)
from drafter.draft.edit import item_text, replace_item, set_preamble, set_section_intro
from drafter.draft.merge import merge_text
from drafter.errors import DrafterError, InputError
from drafter.model import Item, Plan
from drafter.tui.debounce import Debouncer
from drafter.tui.external import edit_externally
from drafter.tui.live import LiveChecks, position_label
from drafter.tui.messages import ChecksDone, DraftSaved, DraftSaveFailed, SimilarDone
from drafter.tui.screens.base import BaseScreen
from drafter.tui.widgets.checks import ChecksPanel
from drafter.tui.widgets.outline import Outline, Ref
from drafter.tui.widgets.similar import SimilarPanel, explained
from drafter.tui.widgets.status import StatusLine

SAVE_DELAY = 0.3
"""Seconds of quiet typing before the draft is written to disk."""
MAX_UNSAVED = 2.0
"""Continuous typing is still saved at least this often (seconds)."""
CHECKS_DELAY = 0.4
"""Seconds of quiet before the full checks run again."""
SIMILAR_DELAY = 0.8
"""Seconds of quiet before similar wording is looked up again."""


class ComposeScreen(BaseScreen):
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
        Binding("ctrl+g", "merge_similar", "合并相似表述的新句子",
                id="compose.merge_similar", priority=True, show=False),
        Binding("s", "add_section", "新增部分", id="compose.add_section", show=False),
        Binding("r", "rename_section", "重命名部分", id="compose.rename_section", show=False),
        Binding("x", "delete_section", "删除部分", id="compose.delete_section", show=False),
        Binding("f2", "metadata", "元数据", id="compose.metadata"),
        Binding("f3", "diff", "对比", id="compose.diff"),
        Binding("f4", "export", "导出", id="compose.export"),
        Binding("f6", "toggle_side", "显示/隐藏侧栏", id="compose.toggle_side", show=False),
        Binding("f7", "focus_checks", "查看检查结果", id="compose.focus_checks", show=False),
        Binding("f8", "focus_similar", "查看相似表述", id="compose.focus_similar", show=False),
        Binding("escape", "back", "返回资料库", id="compose.back", show=False),
    ]

    PALETTE_ONLY = (
        ("另存为新草稿", "save_as_copy"),
        ("放弃本次修改，重新载入磁盘上的草稿", "reload_from_disk"),
    )

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
        yield Footer()

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

    # --- the editor -----------------------------------------------------------------------

    def _text_at(self, ref: Ref) -> tuple[str, str]:
        """Editor text and title for an outline row."""
        plan = self.plan
        if not ref:
            return "\n".join(plan.preamble), "开头段落（每段一行）"
        section = plan.sections[ref[0]]
        if len(ref) == 1:
            return "\n".join(section.intro), f"{section.label}{section.title} · 部分导语（每段一行）"
        item = section.items[ref[1]]
        origin = f"  来自 {item.origin}" if item.origin else "  本稿新写"
        return item_text(item), f"{section.label}{item.label}{origin}"

    def _load_editor(self) -> None:
        """Put the current row's text into the editor."""
        text, title = self._text_at(self.cursor)
        self._loaded_text = text
        self.query_one("#editor-title", Static).update(Text(title))
        editor = self.query_one("#editor", TextArea)
        if editor.text != text:
            editor.load_text(text)

    @on(TextArea.Changed, "#editor")
    def _editor_changed(self, event: TextArea.Changed) -> None:
        """Apply what the writer typed to the draft."""
        self.text_edited(event.text_area.text)

    def text_edited(self, text: str) -> None:
        """Record new text for the current row: one undo step per row while typing."""
        if text == self._loaded_text:
            return
        self._loaded_text = text
        ref = self.cursor
        if len(ref) == 2:
            plan = edit_item(self.plan, ref, text)
        elif len(ref) == 1:
            plan = set_section_intro(self.plan, ref[0], text)
        else:
            plan = set_preamble(self.plan, text)
        key = "edit:" + ".".join(map(str, ref))
        self.history = self.history.push(plan, "编辑文字", key=key, before=ref, after=ref)
        self.query_one(Outline).relabel(plan, ref)
        self.live.recheck(plan, ref)
        self._show_findings()
        self._schedule_save()
        self._schedule("checks", CHECKS_DELAY, self._run_checks)
        self._schedule("similar", SIMILAR_DELAY, self._run_similar)

    @on(Outline.Picked)
    def _row_picked(self, event: Outline.Picked) -> None:
        """Edit the row the writer moved to."""
        if event.ref != self.cursor:
            self.cursor = event.ref
            self._load_editor()
            self._schedule("similar", 0.2, self._run_similar)

    @on(ChecksPanel.Jump)
    def _jump(self, event: ChecksPanel.Jump) -> None:
        """Go to the item a finding is about."""
        ref = self.live.ref_of(self.plan, event.finding)
        if ref is None:
            self.notify("这条提示不对应具体条目。")
            return
        self.cursor = ref
        self.query_one(Outline).show(self.plan, ref)
        self._load_editor()
        self.query_one("#editor", TextArea).focus()

    # --- changes --------------------------------------------------------------------------

    def commit(self, plan: Plan, label: str, cursor: Ref | None = None) -> None:
        """Make ``plan`` the draft as one undo step, show it and save it at once.

        ``cursor`` is the row to select afterwards (default: the current one). The step
        remembers the current row too: undo returns there, redo to ``cursor``.
        """
        after = _clamp(plan, self.cursor if cursor is None else cursor)
        self.history = self.history.push(plan, label, before=self.cursor, after=after)
        self._after_change(after)

    def _after_change(self, cursor: Ref | None = None) -> None:
        """Refresh everything after a structural change, undo or redo."""
        self.cursor = _clamp(self.plan, self.cursor if cursor is None else cursor)
        self.query_one(Outline).show(self.plan, self.cursor)
        self._load_editor()
        self._clear_similar_if_blank()
        self.live.forget_typing()
        self.save_now()
        self._schedule("checks", 0.05, self._run_checks)
        self._schedule("similar", 0.2, self._run_similar)

    def _item_ref(self) -> tuple[int, int] | None:
        """The current item's position, or None (with a hint) when a section is selected."""
        if len(self.cursor) == 2:
            return self.cursor[0], self.cursor[1]
        self.notify("请先在大纲中选择一个条目。")
        return None

    def action_undo(self) -> None:
        """Undo the last change."""
        if not self.history.can_undo:
            self.notify("没有可撤销的操作。")
            return
        label = self.history.present.label
        cursor = self.history.undo_cursor
        self.history = self.history.undo()
        self._after_change(cursor)
        self.notify(f"已撤销：{label}")

    def action_redo(self) -> None:
        """Redo the last undone change."""
        if not self.history.can_redo:
            self.notify("没有可重做的操作。")
            return
        cursor = self.history.redo_cursor
        self.history = self.history.redo()
        self._after_change(cursor)
        self.notify(f"已重做：{self.history.present.label}")

    def action_move(self, delta: int) -> None:
        """Move the current item up or down (across section edges)."""
        pos = self._item_ref()
        if pos is None:
            return
        plan, new = move_item(self.plan, pos, delta)
        if new == pos:
            self.notify("已经到头了。")
            return
        self.commit(plan, "上移条目" if delta < 0 else "下移条目", new)

    def action_move_to_section(self) -> None:
        """Move the current item to the end of a section the writer picks."""
        from drafter.tui.screens.pick_section import PickSectionDialog

        pos = self._item_ref()
        if pos is None:
            return

        def chosen(index: int | None) -> None:
            if index is not None:
                plan, new = move_to_section(self.plan, pos, index)
                self.commit(plan, "移动条目到其他部分", new)

        self.app.push_screen(PickSectionDialog(self.plan, pos[0]), chosen)

    def _insert_at(self) -> tuple[int, int] | None:
        """Where a new item goes: after the current item, or at the end of the section."""
        if len(self.cursor) == 2:
            return self.cursor[0], self.cursor[1] + 1
        if len(self.cursor) == 1:
            return self.cursor[0], len(self.plan.sections[self.cursor[0]].items)
        if self.plan.sections:
            return 0, 0
        self.notify("草稿还没有部分，请先在大纲上按 s 新增部分。")
        return None

    def action_add_from_library(self) -> None:
        """Search the library and insert the chosen item after the cursor."""
        from drafter.tui.screens.pick_item import PickItemDialog

        at = self._insert_at()
        if at is None:
            return
        if self.drafter.library is None:
            self.notify("资料库还在载入，请稍候。")
            return

        def chosen(item: Item | None) -> None:
            if item is not None:
                self.commit(add_item(self.plan, at[0], at[1], item), "从资料库添加条目", at)
                self.notify(f"已添加来自 {item.id} 的条目。")

        self.app.push_screen(PickItemDialog(exclude_plan=None), chosen)

    def action_new_item(self) -> None:
        """Insert an empty item after the cursor and start typing in it."""
        at = self._insert_at()
        if at is not None:
            self.commit(add_item(self.plan, at[0], at[1], Item(label="", heading="")),
                        "新增条目", at)
            self.query_one("#editor", TextArea).focus()

    def action_delete_item(self) -> None:
        """Delete the current item (ctrl+z brings it back)."""
        pos = self._item_ref()
        if pos is not None:
            self.commit(delete_item(self.plan, pos), "删除条目", pos)
            self.notify("已删除条目，按 ctrl+z 撤销。")

    def action_add_section(self) -> None:
        """Ask for a title and add a section after the current one."""
        from drafter.tui.screens.prompt import PromptDialog

        at = self.cursor[0] + 1 if self.cursor else 0

        def chosen(title: str | None) -> None:
            if title:
                self.commit(add_section(self.plan, at, title), "新增部分", (at,))

        self.app.push_screen(PromptDialog("新部分的标题（不含“一、”）："), chosen)

    def action_rename_section(self) -> None:
        """Ask for a new title of the current section."""
        from drafter.tui.screens.prompt import PromptDialog

        if not self.cursor:
            self.notify("请先在大纲中选择一个部分。")
            return
        si = self.cursor[0]

        def chosen(title: str | None) -> None:
            if title:
                self.commit(rename_section(self.plan, si, title), "重命名部分")

        current = self.plan.sections[si].title
        self.app.push_screen(PromptDialog("部分的新标题：", value=current), chosen)

    def action_delete_section(self) -> None:
        """Delete the current section; one with items is only deleted after 确定."""
        from drafter.tui.screens.prompt import ConfirmDialog

        if not self.cursor:
            self.notify("请先在大纲中选择一个部分。")
            return
        si = self.cursor[0]
        section = self.plan.sections[si]
        if not section.items:
            self._delete_section(si)
            return

        def chosen(ok: bool | None) -> None:
            if ok and si < len(self.plan.sections) and self.plan.sections[si] == section:
                self._delete_section(si)

        name = f"{section.label}{section.title}"
        self.app.push_screen(
            ConfirmDialog(f"删除“{name}”及其 {len(section.items)} 条？", ok="删除"), chosen)

    def _delete_section(self, si: int) -> None:
        """Delete section ``si`` as one undo step."""
        self.commit(delete_section(self.plan, si), "删除部分", (max(si - 1, 0),))
        self.notify("已删除部分，按 ctrl+z 撤销。")

    def action_metadata(self) -> None:
        """Edit the title, issuer, year, document number, date and addressees."""
        from drafter.tui.screens.metadata import MetadataDialog

        def chosen(plan: Plan | None) -> None:
            if plan is not None and plan != self.plan:
                self.commit(plan, "修改元数据")
                self.live.year = plan.meta.year
                self.sub_title = plan.meta.title

        self.app.push_screen(MetadataDialog(self.plan), chosen)

    def action_replace_with_similar(self) -> None:
        """Replace the current item with the highlighted similar item.

        When that text has wording out of date for the draft's year, the writer is asked first.
        """
        from drafter.tui.screens.prompt import ConfirmDialog

        pos = self._item_ref()
        source = self._similar_item()
        if pos is None or source is None:
            return
        stale = self._stale_in(source)
        if not stale:
            self.commit(replace_item(self.plan, pos, source), "用相似表述替换")
            return
        before = self.plan

        def chosen(ok: bool | None) -> None:
            if ok and self.plan is before:
                self.commit(replace_item(self.plan, pos, source), "用相似表述替换")
                self.notify("已替换；请改掉过时的提法，或按 ctrl+z 撤销。", severity="warning")

        words = "、".join(dict.fromkeys(f"“{f.evidence}”" for f in stale if f.evidence))
        self.app.push_screen(ConfirmDialog(
            f"这条表述对 {self.plan.meta.year} 年来说有 {len(stale)} 处过时提法"
            f"{'：' + words if words else ''}。仍然替换？", ok="替换"), chosen)

    def _stale_in(self, item: Item) -> list[Any]:
        """Stale-wording findings of a library item's text for the draft's year."""
        from drafter.checks.stale import check_text

        year = self.plan.meta.year
        return check_text(item.text, year) if year is not None else []

    def action_merge_similar(self) -> None:
        """Add the sentences of the highlighted similar item that the current one lacks."""
        pos = self._item_ref()
        source = self._similar_item()
        if pos is None or source is None:
            return
        current = item_text(self.plan.sections[pos[0]].items[pos[1]])
        merged = merge_text(current, item_text(source))
        if merged == current:
            self.notify("相似条目中没有新的表述。")
            return
        self.commit(edit_item(self.plan, pos, merged), "合并相似表述")

    def _similar_item(self) -> Item | None:
        """The library item of the highlighted similar hit."""
        hit = self.query_one(SimilarPanel).selected_hit()
        if hit is None:
            self.notify("相似表述面板中没有可用的条目（F8 查看）。")
            return None
        plan = self.drafter.get_plan(hit.plan)
        pos = plan.find_item(hit.item_id)
        return plan.sections[pos[0]].items[pos[1]] if pos else None

    def action_open_editor(self) -> None:
        """Edit the current text in $VISUAL / $EDITOR (for long text or IME trouble)."""
        text, _ = self._text_at(self.cursor)
        try:
            edited = edit_externally(self.app, text)
        except DrafterError as exc:
            self.notify(exc.message, severity="warning")
            return
        self.query_one("#editor", TextArea).load_text(edited)
        self.text_edited(edited)

    def action_diff(self) -> None:
        """Show the draft against its base plan."""
        from drafter.tui.screens.diff import DiffScreen

        self.save_now()
        self.app.push_screen(DiffScreen(self.plan, self.base, self.draft_file.path))

    def action_export(self) -> None:
        """Open the export dialog."""
        from drafter.tui.screens.export import ExportDialog

        self.save_now()
        self.app.push_screen(ExportDialog(self.plan, self.draft_file.path))

    def action_toggle_side(self) -> None:
        """Show or hide the side panels (useful at 80 columns)."""
        side = self.query_one("#side")
        side.display = not side.display

    def action_focus_checks(self) -> None:
        """Show the checks panel and put the cursor in its findings."""
        self._show_side("checks-tab", "#findings")

    def action_focus_similar(self) -> None:
        """Show the similar panel and put the cursor in its list."""
        self._show_side("similar-tab", "#similar-list")

    def _show_side(self, tab: str, widget: str) -> None:
        """Reveal a side tab and focus a widget in it."""
        side = self.query_one("#side", TabbedContent)
        side.display = True
        side.active = tab
        self.query_one(widget).focus()

    def action_back(self) -> None:
        """Save and return to the library."""
        self.save_now()
        self.dismiss()

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

    # --- autosave ---------------------------------------------------------------------------

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

    # --- background work ------------------------------------------------------------------

    def _schedule(self, name: str, delay: float, job: Any) -> None:
        """Run ``job`` once after ``delay`` seconds of quiet (see :class:`Debouncer`)."""
        self.jobs.schedule(name, delay, job)

    def flush(self) -> None:
        """Run every debounced job now (save, checks, similar) instead of waiting."""
        self.jobs.flush()

    def _run_checks(self) -> None:
        """Start a full check run on the current draft."""
        self.check_worker(self.plan, self.base)

    @work(thread=True, exclusive=True, group="checks", exit_on_error=False)
    def check_worker(self, plan: Plan, base: Plan | None) -> None:
        """Run every check on the draft (in a thread)."""
        from drafter.checks import run_checks

        self.post_message(ChecksDone(plan, run_checks(plan, year=plan.meta.year, base=base)))

    def on_checks_done(self, message: ChecksDone) -> None:
        """Show a finished report."""
        self.live.set_report(message.plan, message.report)
        self._show_findings()

    def _show_findings(self) -> None:
        """Refresh the checks panel from the report plus the live re-checks."""
        findings = self.live.findings(self.plan)
        where = {i: position_label(self.plan, self.live.ref_of(self.plan, f))
                 for i, f in enumerate(findings)}
        self.query_one(ChecksPanel).show(self.live.report, findings, where)

    def _run_similar(self) -> None:
        """Look up similar wording for the current item."""
        panel = self.query_one(SimilarPanel)
        matcher = self.drafter.matcher
        if len(self.cursor) != 2:
            panel.show_waiting("选择一个条目查看其他地区、年份的写法。")
            return
        if matcher is None:
            panel.show_waiting("相似检索准备中…")
            return
        if self._clear_similar_if_blank():
            return
        item = self.plan.sections[self.cursor[0]].items[self.cursor[1]]
        section = self.plan.sections[self.cursor[0]].title
        self.similar_worker(matcher, item.text, item.heading, section, self.plan.base or None)

    def _clear_similar_if_blank(self) -> bool:
        """Empty the similar panel when the current item has no text yet (True if so)."""
        if len(self.cursor) != 2:
            return False
        item = self.plan.sections[self.cursor[0]].items[self.cursor[1]]
        if item.text.strip():
            return False
        self.query_one(SimilarPanel).show_waiting("在编辑区写下这一条，这里会列出其他地区、年份的写法。")
        return True

    @work(thread=True, exclusive=True, group="similar", exit_on_error=False)
    def similar_worker(self, matcher: Any, text: str, heading: str, section: str,
                       exclude: str | None) -> None:
        """Find how other plans (not the draft's base) wrote this item (in a thread)."""
        try:
            hits = matcher.similar(text, 8, heading=heading, section=section,
                                   exclude_plan=exclude)
        except InputError:
            hits = []  # nothing searchable in the text yet (only punctuation, say)
        self.post_message(SimilarDone(text, hits, explained(text, hits)))

    def on_similar_done(self, message: SimilarDone) -> None:
        """Show similar wording if it is still about the current item."""
        if len(self.cursor) == 2:
            item = self.plan.sections[self.cursor[0]].items[self.cursor[1]]
            if item.text == message.item_text:
                self.query_one(SimilarPanel).show_hits(message.hits, message.texts)


def _clamp(plan: Plan, ref: Ref) -> Ref:
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


