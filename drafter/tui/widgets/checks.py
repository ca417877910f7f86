"""The checks panel: the target ledger against the base plan and the findings, each a jump."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
"""How each severity is coloured."""


def finding_text(finding: Any, where: str) -> Text:
    """One finding: where it is, what is wrong, what to write instead."""
    style = SEVERITY_STYLE.get(str(getattr(finding, "severity", "")), "")
    text = Text.assemble((f"{where} ", "bold"), (finding.message, style))
    suggestion = getattr(finding, "suggestion", None)
    if suggestion:
        text.append(f"\n  建议：{suggestion}", style="dim")
    return text


def ledger_text(report: Any) -> Text:
    """A few lines summing up the targets and their ledger against the base plan."""
    from drafter.targets.ledger import STATUS_NAMES

    if report is None:
        return Text("正在检查…")
    text = Text(f"量化指标 {len(report.targets)} 项", style="bold")
    if report.ledger:
        counts: dict[str, int] = {}
        for entry in report.ledger:
            counts[entry.status] = counts.get(entry.status, 0) + 1
        parts = [f"{STATUS_NAMES.get(s, s)} {n}" for s, n in counts.items()]
        text.append(f"；对照{report.base_title or '底稿'}：" + "，".join(parts))
    errors = sum(1 for f in report.findings if f.severity == "error")
    text.append(f"\n提示 {len(report.findings)} 条（错误 {errors}）。回车跳到条目。",
                style="dim")
    return text


class ChecksPanel(Vertical):
    """Shows the latest check report; Enter on a finding asks the screen to jump to it."""

    @dataclass
    class Jump(Message):
        """The writer chose a finding: go to its item."""

        finding: Any
        """The :class:`drafter.checks.Finding`."""

    def compose(self) -> ComposeResult:
        yield Static("正在检查…", id="ledger")
        yield OptionList(id="findings")

    def show(self, report: Any, findings: list[Any], where: dict[int, str]) -> None:
        """Show the ledger summary and the findings (``where``: index → position label).

        Nothing is redrawn when neither changed (the common case while typing).
        """
        shown = (id(report), tuple((f.code, f.item_id, f.evidence, where.get(i))
                                   for i, f in enumerate(findings)))
        if shown == getattr(self, "_shown", None):
            return
        self._shown = shown
        self.findings = findings
        self.query_one("#ledger", Static).update(ledger_text(report))
        listing = self.query_one("#findings", OptionList)
        highlighted = listing.highlighted
        listing.set_options(
            Option(finding_text(f, where.get(i, "")), id=str(i)) for i, f in enumerate(findings)
        )
        if findings and highlighted is not None:
            listing.highlighted = min(highlighted, len(findings) - 1)

    @on(OptionList.OptionSelected, "#findings")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        """Report the chosen finding."""
        event.stop()
        self.post_message(self.Jump(self.findings[int(event.option.id or 0)]))
