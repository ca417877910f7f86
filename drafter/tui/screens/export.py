"""The export dialog: profile, notice on/off, notice metadata, output path; progress; result."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, Select, Static
from textual.worker import Worker

from drafter.errors import DrafterError, ExistsError
from drafter.export.notice import NoticeInfo
from drafter.model import Plan
from drafter.tui.messages import ExportDone
from drafter.tui.notify import worker_error_text
from drafter.tui.opener import open_folder
from drafter.tui.screens.base import BaseModal
from drafter.tui.widgets.tick import TickBox

NOTICE_FIELDS = (
    ("issuer", "发文机关"),
    ("doc_number", "发文字号"),
    ("date", "成文日期"),
    ("addressees", "主送机关"),
    ("copies_to", "抄送（版记）"),
    ("printer", "印发机关（版记）"),
)
"""Notice fields the dialog lets the writer fill in; each is kept in the draft's metadata."""

FIELD_HINTS = {"date": "2027-01-05 或 2027年1月5日", "doc_number": "如 X民发〔2027〕1号",
               "copies_to": "如 区委办公室，区政府办公室"}
"""Examples shown in empty notice fields."""

PROFILE_NAMES = {"gbt9704": "GB/T 9704 红头", "plain": "白头（不加红头）"}
"""Short display names of the shipped export styles (others show their description)."""

EXISTS_TEXT = "文件已存在，勾选“覆盖已有文件”或换一个文件名。"
"""What the dialog says when the output file is already there."""


def profile_title(name: str) -> str:
    """How an export style is offered: its short name, else its description, else its id."""
    from drafter.export.profile import load_profile

    if name in PROFILE_NAMES:
        return PROFILE_NAMES[name]
    try:
        description = load_profile(name).description
    except DrafterError:
        return name
    short = description.split("：")[0].split("，")[0].strip()
    return f"{short}（{name}）" if short else name


@dataclass(frozen=True)
class ExportOutcome:
    """What the dialog leaves behind: the file written, and the fields to keep in the draft."""

    path: Path | None
    """The file written (None when nothing was exported)."""
    meta: dict[str, str | None]
    """Metadata fields as the writer left them (发文字号, 主送, 抄送…, and the export path)."""


class ExportDialog(BaseModal[ExportOutcome]):
    """Exports the draft; dismisses with an :class:`ExportOutcome`."""

    CSS_PATH = "export.tcss"
    NAMESPACE = "导出"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "关闭", id="dialog.cancel"),
        Binding("ctrl+o", "open_folder", "打开所在文件夹", id="dialog.open_folder"),
    ]

    def __init__(self, plan: Plan, draft_path: Path) -> None:
        super().__init__()
        self.plan = plan
        self.draft_path = draft_path
        self.result: Path | None = None

    def compose(self) -> ComposeResult:
        from drafter.draft.destinations import export_default
        from drafter.export import FORMATS
        from drafter.export.profile import available_profiles

        meta = self.plan.meta
        default_out = export_default(self.plan, self.draft_path)
        profiles = available_profiles()
        with VerticalScroll(id="box"):
            yield Label("导出草稿", id="title")
            with Horizontal(classes="row"):
                yield Label("格式")
                yield Select([(f, f) for f in FORMATS], value="docx", allow_blank=False,
                             id="format")
                yield Label("版式")
                yield Select([(profile_title(p), p) for p in profiles], allow_blank=False,
                             id="profile",
                             value="gbt9704" if "gbt9704" in profiles else profiles[0])
            yield TickBox("带印发通知（发文机关、文号、主送、抄送、印发机关）", value=False,
                          id="notice")
            for name, label in NOTICE_FIELDS:
                with Horizontal(classes="notice-field"):
                    yield Label(label)
                    yield Input(getattr(meta, name) or "", id=f"n-{name}", compact=True,
                                placeholder=FIELD_HINTS.get(name, ""))
            yield Label("保存到（文件夹不存在时自动创建）")
            yield Input(str(default_out), id="out")
            yield TickBox("覆盖已有文件", value=False, id="force")
            yield ProgressBar(total=1, show_eta=False, id="progress")
            yield Static(id="result")
            with Horizontal(id="buttons"):
                yield Button("导出", variant="primary", id="export")
                yield Button("打开所在文件夹 ^o", id="open-folder", disabled=True)
                yield Button("关闭", id="close")

    def on_mount(self) -> None:
        """Notice fields only matter with the notice on."""
        self._toggle_notice(False)

    @on(Checkbox.Changed, "#notice")
    def _notice_changed(self, event: Checkbox.Changed) -> None:
        """Show the notice fields when the notice is wanted."""
        self._toggle_notice(event.value)

    def _toggle_notice(self, on: bool) -> None:
        """Show or hide the notice fields."""
        for widget in self.query(".notice-field"):
            widget.display = on

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        """Keep the output file's suffix in step with the format."""
        box = self.query_one("#out", Input)
        path = Path(box.value.strip())
        if path.name:  # an empty box stays empty (it has no name to give a suffix)
            box.value = str(path.with_suffix(f".{event.value}"))

    @on(Button.Pressed, "#export")
    def action_export(self) -> None:
        """Start the export (the file's folder is created when missing)."""
        from drafter.draft.destinations import prepare
        from drafter.export.notice import format_date

        fmt = str(self.query_one("#format", Select).value)
        try:
            out = prepare(self.query_one("#out", Input).value, f".{fmt}")
        except DrafterError as exc:
            self._fail(exc.message)
            return
        self.query_one("#out", Input).value = str(out)
        force = self.query_one("#force", Checkbox).value
        if out.is_file() and not force:
            self._fail(EXISTS_TEXT)
            return
        notice = None
        if self.query_one("#notice", Checkbox).value:
            try:
                notice = self.notice()
                if notice.date:
                    format_date(notice.date)
            except DrafterError as exc:
                self._fail(exc.message)
                return
        self.query_one("#progress", ProgressBar).update(total=1, progress=0)
        self.query_one("#result", Static).update("正在导出…")
        self.export_worker(out, fmt, str(self.query_one("#profile", Select).value), notice,
                           force)

    def fields(self) -> dict[str, str]:
        """What the notice fields say now."""
        return {n: self.query_one(f"#n-{n}", Input).value.strip() for n, _ in NOTICE_FIELDS}

    def outcome(self) -> ExportOutcome:
        """The file written and the metadata to keep (the date as YYYY-MM-DD when valid)."""
        from drafter.parse.metadata import normalize_date

        meta: dict[str, str | None] = {k: (v or None) for k, v in self.fields().items()}
        if meta["date"]:
            meta["date"] = normalize_date(meta["date"]) or self.plan.meta.date
        if self.result is not None:
            meta["export_path"] = str(self.result)
        return ExportOutcome(self.result, meta)

    def notice(self) -> NoticeInfo:
        """The covering notice: the draft's metadata with what the dialog's fields say."""
        from drafter.export import notice_from_plan

        fields = self.fields()
        if not (fields["issuer"] or self.plan.meta.issuer or self.plan.meta.signature):
            raise DrafterError("带印发通知时请填写发文机关。")
        return notice_from_plan(self.plan, **fields)

    def _fail(self, text: str) -> None:
        """Say in the dialog (and in a notification) why nothing was exported."""
        self.query_one("#result", Static).update(f"导出失败：{text}")
        self.notify(text, severity="error", timeout=8)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def export_worker(self, out: Path, fmt: str, profile: str, notice: NoticeInfo | None,
                      force: bool) -> None:
        """Write the file (in a thread)."""
        from drafter.export import export_plan

        path = export_plan(self.plan, out, fmt=fmt, profile=profile, notice=notice, force=force)
        self.post_message(ExportDone(path))

    def on_export_done(self, message: ExportDone) -> None:
        """Show the whole path of the file, remember its folder, offer to open it."""
        from drafter.draft.destinations import remember_export

        self.result = message.path
        self.query_one("#progress", ProgressBar).update(total=1, progress=1)
        self.query_one("#result", Static).update(
            f"已导出：{message.path}\n按 ctrl+o 打开所在文件夹。")
        self.query_one("#open-folder", Button).disabled = False
        with contextlib.suppress(DrafterError):  # only the next default depends on it
            remember_export(message.path)
        self.notify(f"已导出：{message.path}", title="导出完成", timeout=8)

    def worker_failed(self, worker: Worker) -> None:
        """Say in the dialog why the export failed."""
        error = worker.error
        text = EXISTS_TEXT if isinstance(error, ExistsError) else worker_error_text(error)
        self.query_one("#progress", ProgressBar).update(total=1, progress=0)
        self.query_one("#result", Static).update(f"导出失败：{text}")

    @on(Button.Pressed, "#open-folder")
    def action_open_folder(self) -> None:
        """Open the folder of the exported file in the system's file manager."""
        if self.result is None:
            self.notify("还没有导出文件。")
            return
        open_folder(self, self.result.parent)

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        """Close the dialog, handing back what to keep in the draft."""
        self.dismiss(self.outcome())
