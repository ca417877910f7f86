"""The metadata editor: title, year, issuer, document number, date, addressees."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label

from drafter.draft import set_meta
from drafter.draft.create import check_year
from drafter.errors import DrafterError, InputError
from drafter.model import Plan
from drafter.tui.screens.base import BaseModal

FIELDS = (
    ("title", "标题"),
    ("year", "计划年度"),
    ("issuer", "发文机关"),
    ("doc_number", "发文字号"),
    ("date", "成文日期（YYYY-MM-DD）"),
    ("addressees", "主送机关"),
    ("signature", "落款"),
    ("notes", "附注"),
)
"""Metadata fields the dialog edits, with their Chinese names."""


class MetadataDialog(BaseModal[Plan | None]):
    """Dismisses with the plan carrying the edited metadata (None when cancelled)."""

    CSS_PATH = "metadata.tcss"
    NAMESPACE = "元数据"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "取消", id="dialog.cancel")]

    def __init__(self, plan: Plan) -> None:
        super().__init__()
        self.plan = plan

    def compose(self) -> ComposeResult:
        meta = self.plan.meta
        with VerticalScroll(id="box"):
            yield Label("草稿元数据", id="title")
            for name, label in FIELDS:
                value = getattr(meta, name)
                yield Label(label)
                yield Input("" if value is None else str(value), id=f"meta-{name}")
            with Horizontal(id="buttons"):
                yield Button("保存", variant="primary", id="ok")
                yield Button("取消", id="cancel")

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def _save(self) -> None:
        """Close with the changed metadata, refusing a bad year."""
        values = {name: self.query_one(f"#meta-{name}", Input).value.strip()
                  for name, _ in FIELDS}
        try:
            year = _year(values.pop("year"))
            if not values["title"]:
                raise InputError("标题不能为空。")
            changes: dict[str, object] = {k: (v or None) for k, v in values.items()}
            changes["title"] = values["title"]
            changes["year"] = year
            self.dismiss(set_meta(self.plan, **changes))
        except DrafterError as exc:
            self.notify(exc.message, severity="error")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without changes."""
        self.dismiss(None)


def _year(text: str) -> int | None:
    """The plan year typed, or a Chinese error."""
    if not text:
        return None
    if not text.isdigit():
        raise InputError(f"计划年度“{text}”应为四位数字。")
    check_year(int(text))
    return int(text)
