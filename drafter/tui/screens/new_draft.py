"""The new-draft dialog: draft year Y from plan P, or an empty draft from a skeleton."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from drafter.draft import from_skeleton, list_drafts, list_skeletons, load_skeleton, new_draft
from drafter.errors import DrafterError
from drafter.library.labels import plan_labels
from drafter.model import Plan
from drafter.tui.screens.base import BaseModal
from drafter.tui.screens.prompt import ConfirmDialog

SKELETON = "skeleton:"
"""Prefix of skeleton entries in the base list."""


class NewDraftDialog(BaseModal[Plan | None]):
    """Choose a base and a year; dismisses with the new draft (not yet saved)."""

    CSS_PATH = "new_draft.tcss"
    NAMESPACE = "新建草稿"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "取消", id="dialog.cancel")]

    def __init__(self, plan_id: str | None = None) -> None:
        super().__init__()
        self.plan_id = plan_id

    def compose(self) -> ComposeResult:
        library = self.drafter.library
        summaries = sorted(library.summaries(), key=lambda s: (-(s.year or 0), s.id))
        options: list[tuple[str, str]] = [
            (label, s.id) for label, s in zip(plan_labels(summaries), summaries, strict=True)
        ]
        options += [(f"空白骨架：{k.title}", SKELETON + k.name) for k in list_skeletons()]
        ids = {value for _, value in options}
        chosen = self.plan_id if self.plan_id in ids else (options[0][1] if options else Select.BLANK)
        with Vertical(id="box"):
            yield Label("新建草稿", id="title")
            yield Label("底稿（复制它的结构和条目，记录每条来源）：")
            yield Select(options, value=chosen, allow_blank=False, id="base")
            yield Label("计划年度：")
            yield Input(str(self._default_year(chosen)), type="integer", max_length=4, id="year")
            yield Static(self._year_hint(chosen), id="year-hint")
            with Horizontal(id="buttons"):
                yield Button("新建", variant="primary", id="ok")
                yield Button("取消", id="cancel")

    def _default_year(self, value: object) -> int:
        """The year being planned, and never earlier than the year after the base plan's."""
        planning = planning_year(today())
        if isinstance(value, str) and not value.startswith(SKELETON):
            try:
                year = self.drafter.library.summary(value).year
            except DrafterError:
                year = None
            if year:
                return max(year + 1, planning)
        return planning

    def _year_hint(self, value: object) -> str:
        """Why the offered year is the one offered."""
        now = today()
        offered = self._default_year(value)
        planning = planning_year(now)
        if offered == now.year + 1:
            why = "明年" + ("（九月起按明年计划）" if planning == offered else "")
        elif offered == now.year:
            why = "今年"
        else:
            why = "底稿的下一年"
        base_year = None
        if isinstance(value, str) and not value.startswith(SKELETON):
            try:
                base_year = self.drafter.library.summary(value).year
            except DrafterError:
                base_year = None
        base = f"；底稿是 {base_year} 年的，草稿会把其中的年份改为 {offered}" if base_year else ""
        return f"建议 {offered} 年：{why}{base}。可以改。"

    @on(Select.Changed, "#base")
    def _base_changed(self, event: Select.Changed) -> None:
        """Suggest the year after the chosen plan's, and say why."""
        self.query_one("#year", Input).value = str(self._default_year(event.value))
        self.query_one("#year-hint", Static).update(self._year_hint(event.value))

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted, "#year")
    def _create(self) -> None:
        """Build the draft and close."""
        base = self.query_one("#base", Select).value
        try:
            year = int(self.query_one("#year", Input).value)
        except ValueError:
            self.notify("请输入四位数的计划年度，如 2027。", severity="error")
            return
        try:
            plan = self._build(str(base), year)
        except DrafterError as exc:
            self.notify(exc.message, severity="error")
            return
        same = [d for d in list_drafts(self.drafter.drafts_folder)
                if d.year == year and d.base == plan.base]
        if not same:
            self.dismiss(plan)
            return

        def chosen(yes: bool | None) -> None:
            if yes:
                self.dismiss(plan)

        names = "、".join(d.path.name for d in same[:3])
        self.app.push_screen(ConfirmDialog(
            f"已有以同一底稿起草的 {year} 年草稿（{names}）。仍要另建一份吗？"
            "（要接着写原稿，请取消后在“我的草稿”中打开）", ok="另建一份"), chosen)

    def _build(self, base: str, year: int) -> Plan:
        """The draft for the chosen base and year."""
        if base.startswith(SKELETON):
            return from_skeleton(load_skeleton(base.removeprefix(SKELETON)), year)
        plan: Any = self.drafter.get_plan(base)
        return new_draft(plan, year)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without a draft."""
        self.dismiss(None)


def today() -> dt.date:
    """Today's date (one place, so the dialog can be shown for a fixed day)."""
    return dt.date.today()


def planning_year(today: dt.date) -> int:
    """The year a plan written today is for: next year from September on, else this year."""
    return today.year + 1 if today.month >= 9 else today.year
