"""The compose screen's editing part: the item editor, structure changes, undo and redo."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.widgets import Static, TextArea

from drafter.draft import (
    add_item,
    add_section,
    delete_item,
    delete_section,
    edit_item,
    move_item,
    move_to_section,
    rename_section,
)
from drafter.draft.edit import item_text, set_preamble, set_section_intro
from drafter.errors import DrafterError
from drafter.model import Item, Plan
from drafter.tui.external import edit_externally
from drafter.tui.screens.compose_state import ComposeState
from drafter.tui.widgets.outline import Outline, Ref

CHECKS_DELAY = 0.4
"""Seconds of quiet before the full checks run again."""
SIMILAR_DELAY = 0.8
"""Seconds of quiet before similar wording is looked up again."""


class ComposeEditing(ComposeState):
    """Typing in the editor, moving through the outline, and every change to the structure."""

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

    # --- undo and redo --------------------------------------------------------------------

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

    # --- items ----------------------------------------------------------------------------

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

    # --- sections -------------------------------------------------------------------------

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

    # --- metadata -------------------------------------------------------------------------

    def action_metadata(self) -> None:
        """Edit the title, issuer, year, document number, date and addressees."""
        from drafter.tui.screens.metadata import MetadataDialog

        def chosen(plan: Plan | None) -> None:
            if plan is not None and plan != self.plan:
                self.commit(plan, "修改元数据")
                self.live.year = plan.meta.year
                self.sub_title = plan.meta.title

        self.app.push_screen(MetadataDialog(self.plan), chosen)
