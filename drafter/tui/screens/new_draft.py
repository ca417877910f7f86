"""The new-draft dialog: draft year Y from plan P, or an empty draft from a skeleton."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select

from drafter.draft import from_skeleton, list_skeletons, load_skeleton, new_draft
from drafter.errors import DrafterError
from drafter.model import Plan
from drafter.tui.screens.base import BaseModal

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
        library = self.app.library
        summaries = sorted(library.summaries(), key=lambda s: (-(s.year or 0), s.id))
        options: list[tuple[str, str]] = [
            (f"{s.year or '????'} {s.issuer or s.region or ''} {s.title}", s.id) for s in summaries
        ]
        options += [(f"空白骨架：{k.title}", SKELETON + k.name) for k in list_skeletons()]
        chosen = self.plan_id or (options[0][1] if options else Select.BLANK)
        with Vertical(id="box"):
            yield Label("新建草稿", id="title")
            yield Label("底稿（复制它的结构和条目，记录每条来源）：")
            yield Select(options, value=chosen, allow_blank=False, id="base")
            yield Label("计划年度：")
            yield Input(str(self._default_year(chosen)), type="integer", max_length=4, id="year")
            with Horizontal(id="buttons"):
                yield Button("新建", variant="primary", id="ok")
                yield Button("取消", id="cancel")

    def _default_year(self, value: object) -> int:
        """The year after the base plan's year (or next calendar year)."""
        if isinstance(value, str) and not value.startswith(SKELETON):
            year = self.app.library.get(value).meta.year
            if year:
                return year + 1
        return dt.date.today().year + 1

    @on(Select.Changed, "#base")
    def _base_changed(self, event: Select.Changed) -> None:
        """Suggest the year after the chosen plan's."""
        self.query_one("#year", Input).value = str(self._default_year(event.value))

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
            self.dismiss(self._build(str(base), year))
        except DrafterError as exc:
            self.notify(exc.message, severity="error")

    def _build(self, base: str, year: int) -> Plan:
        """The draft for the chosen base and year."""
        if base.startswith(SKELETON):
            return from_skeleton(load_skeleton(base.removeprefix(SKELETON)), year)
        plan: Any = self.app.library.get(base)
        return new_draft(plan, year)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without a draft."""
        self.dismiss(None)
