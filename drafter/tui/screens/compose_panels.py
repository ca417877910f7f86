"""The compose screen's side panels: checks and similar wording, and using what they offer."""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.widgets import TabbedContent, TextArea

from drafter.draft import edit_item
from drafter.draft.edit import item_text, replace_item
from drafter.draft.merge import merge_text
from drafter.errors import InputError
from drafter.model import Item, Plan
from drafter.tui.live import position_label
from drafter.tui.messages import ChecksDone, SimilarDone
from drafter.tui.screens.compose_state import ComposeState
from drafter.tui.widgets.checks import ChecksPanel
from drafter.tui.widgets.outline import Outline
from drafter.tui.widgets.similar import SimilarPanel, explained


class ComposePanels(ComposeState):
    """The checks panel, the similar panel, their workers, and replace/merge from a hit."""

    # --- showing and focusing the panels ----------------------------------------------------

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

    # --- checks -----------------------------------------------------------------------------

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

    # --- similar wording ----------------------------------------------------------------------

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
        self.similar_worker(matcher, item.text, item.heading, section, self.plan.base or None,
                            panel.same_issuer)

    def action_similar_same_issuer(self) -> None:
        """Switch the similar panel between other regions and this office's earlier years."""
        panel = self.query_one(SimilarPanel)
        if not panel.same_issuer and not (self.plan.meta.issuer or "").strip():
            self.notify("草稿没有填写发文机关，无法查找本单位往年的写法；请按 F2 填写。",
                        severity="warning")
            return
        panel.same_issuer = not panel.same_issuer
        self._show_side("similar-tab", "#similar-list")
        self._run_similar()

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
                       exclude: str | None, same_issuer: bool = False) -> None:
        """Find how other plans (not the draft's base) wrote this item, or with
        ``same_issuer`` how this office wrote it in earlier years (in a thread)."""
        office = self.plan.meta.issuer or ""
        try:
            if same_issuer:
                hits = matcher.earlier_years(text, office, before=self.plan.meta.year, k=8,
                                             heading=heading, section=section)
            else:
                hits = matcher.similar(text, 8, heading=heading, section=section,
                                       exclude_plan=exclude, office=office or None)
        except InputError:
            hits = []  # nothing searchable in the text yet (only punctuation, say)
        self.post_message(SimilarDone(text, hits, explained(text, hits)))

    def on_similar_done(self, message: SimilarDone) -> None:
        """Show similar wording if it is still about the current item."""
        if len(self.cursor) == 2:
            item = self.plan.sections[self.cursor[0]].items[self.cursor[1]]
            if item.text == message.item_text:
                self.query_one(SimilarPanel).show_hits(message.hits, message.texts)

    # --- using a similar item -----------------------------------------------------------------

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
