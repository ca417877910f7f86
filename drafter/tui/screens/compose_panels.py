"""The compose screen's side panels: checks and similar wording, and using what they offer."""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.widgets import TabbedContent, TextArea
from textual.widgets.text_area import Selection

from drafter.draft import edit_item
from drafter.draft.edit import item_text, replace_item
from drafter.draft.merge import borrowable, merge_phrases, place_names
from drafter.errors import InputError
from drafter.model import Item, Plan
from drafter.tui.live import position_label
from drafter.tui.messages import ChecksDone, SimilarDone
from drafter.tui.screens.compose_state import ComposeState
from drafter.tui.textpos import location
from drafter.tui.widgets.checks import ChecksPanel
from drafter.tui.widgets.outline import Outline
from drafter.tui.widgets.similar import SimilarPanel, explained


def phrase_range(text: str, finding: Any) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Where in the editor's ``text`` a finding's flagged words are, as (row, column) pairs:
    its evidence where the text has it, else its span."""
    evidence = getattr(finding, "evidence", "") or ""
    start = text.find(evidence) if evidence else -1
    if start >= 0:
        end = start + len(evidence)
    else:
        span = getattr(finding, "span", None)
        if not span or not 0 <= span[0] < span[1] <= len(text):
            return None
        start, end = span
    return location(text, start), location(text, end)


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
        editor = self.query_one("#editor", TextArea)
        editor.focus()
        found = phrase_range(editor.text, event.finding)
        if found is not None:
            editor.selection = Selection(*found)
            editor.scroll_cursor_visible(center=True)

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
                            panel.same_issuer, self.plan.meta.year)

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
                       exclude: str | None, same_issuer: bool = False,
                       year: int | None = None) -> None:
        """Find how other plans (not the draft's base) wrote this item, or with
        ``same_issuer`` how this office wrote it in earlier years (in a thread); flag the
        wording out of date for ``year``."""
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
        self.post_message(SimilarDone(text, hits, explained(text, hits, year)))

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
        """Add the phrases listed under 新增表述 of the highlighted similar item.

        Phrases that name the other plan's places, that the item already says, or that are
        out of date for the draft's year are left out (and the writer is told).
        """
        pos = self._item_ref()
        source = self._similar_item()
        shown = self.query_one(SimilarPanel).selected_shown()
        if pos is None or source is None or shown is None:
            return
        current = item_text(self.plan.sections[pos[0]].items[pos[1]])
        hit = self.query_one(SimilarPanel).selected_hit()
        if hit is None:
            return
        theirs = self.drafter.get_plan(hit.plan).meta
        ours = self.plan.meta
        foreign = place_names(theirs.issuer, theirs.region) - place_names(ours.issuer, ours.region)
        phrases = borrowable(list(shown.added), current, foreign)
        fresh = [p for p in phrases if not any(s in p for s in shown.stale)]
        if not fresh:
            self.notify("这条相似表述中没有可合并的新增表述（已有的、含其他地区地名的、"
                        "过时的提法不会合并）。")
            return
        self.commit(edit_item(self.plan, pos, merge_phrases(current, fresh)), "合并新增表述")
        left = len(phrases) - len(fresh)
        note = f"；{left} 处含过时提法未合并" if left else ""
        self.notify(f"已合并 {len(fresh)} 处新增表述{note}，按 ctrl+z 撤销。")

    def _similar_item(self) -> Item | None:
        """The library item of the highlighted similar hit."""
        hit = self.query_one(SimilarPanel).selected_hit()
        if hit is None:
            self.notify("相似表述面板中没有可用的条目（F8 查看）。")
            return None
        plan = self.drafter.get_plan(hit.plan)
        pos = plan.find_item(hit.item_id)
        return plan.sections[pos[0]].items[pos[1]] if pos else None
