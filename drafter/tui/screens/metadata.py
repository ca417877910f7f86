"""The metadata editor: title, year, issuer, document number, date, addressees."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from drafter.draft import set_meta
from drafter.draft.create import check_year
from drafter.errors import DrafterError, InputError
from drafter.model import Plan
from drafter.parse.metadata import normalize_date
from drafter.tui.screens.base import BaseModal

FIELDS = (
    ("title", "标题"),
    ("year", "计划年度"),
    ("issuer", "发文机关"),
    ("doc_number", "发文字号"),
    ("date", "成文日期"),
    ("addressees", "主送机关"),
    ("signature", "落款"),
    ("notes", "附注"),
    ("copies_to", "抄送"),
    ("printer", "印发机关"),
)
"""Metadata fields the dialog edits, with their Chinese names."""

PLACEHOLDERS = {"year": "如 2027", "date": "2027-01-05 或 2027年1月5日",
                "doc_number": "如 X民发〔2027〕1号"}
"""Examples shown in empty fields."""


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
        with Vertical(id="box"):
            yield Label("草稿元数据", id="title")
            with VerticalScroll(id="fields"):
                for name, label in FIELDS:
                    value = getattr(meta, name)
                    with Horizontal(classes="field"):
                        yield Label(label)
                        yield Input("" if value is None else str(value), id=f"meta-{name}",
                                    placeholder=PLACEHOLDERS.get(name, ""), compact=True)
            yield Static(id="error")
            with Horizontal(id="buttons"):
                yield Button("保存", variant="primary", id="ok", compact=True)
                yield Button("取消", id="cancel", compact=True)

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
            values["date"] = _date(values["date"])
            changes: dict[str, object] = {k: (v or None) for k, v in values.items()}
            changes["title"] = values["title"]
            changes["year"] = year
        except DrafterError as exc:
            self.query_one("#error", Static).update(exc.message)
            self.notify(exc.message, severity="error")
            return
        self.dismiss(set_meta(self.plan, **changes))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without changes."""
        self.dismiss(None)


def _year(text: str) -> int | None:
    """The plan year typed (empty: none), or a Chinese error for anything implausible."""
    if not text:
        return None
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise InputError(f"计划年度“{text}”应为四位数字，例如 2027。")
    check_year(int(text))
    return int(text)


def _date(text: str) -> str:
    """The date typed as YYYY-MM-DD (empty stays empty), or a Chinese error."""
    if not text:
        return ""
    date = normalize_date(text)
    if date is None:
        raise InputError(f"成文日期“{text}”不是有效日期，请写成 2027-01-05 或 2027年1月5日。")
    return date
