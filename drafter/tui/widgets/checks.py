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


EVIDENCE_LIMIT = 40
"""Characters of the original wording shown under a finding."""


def finding_text(finding: Any, where: str, times: int = 1) -> Text:
    """One finding: where it is, what is wrong, the words that raised it, what to write instead.

    ``times`` > 1 says the same finding occurs that often in the item.
    """
    style = SEVERITY_STYLE.get(str(getattr(finding, "severity", "")), "")
    text = Text.assemble((f"{where} ", "bold"), (finding.message, style))
    if times > 1:
        text.append(f"（共 {times} 处）", style="bold")
    evidence = getattr(finding, "evidence", "") or ""
    if evidence and evidence not in finding.message:
        short = evidence if len(evidence) <= EVIDENCE_LIMIT else evidence[:EVIDENCE_LIMIT - 1] + "…"
        text.append(f"\n  原文：{short}", style="dim")
    suggestion = getattr(finding, "suggestion", None)
    if suggestion:
        text.append(f"\n  建议：{suggestion}", style="dim")
    return text


def _looks(finding: Any) -> tuple[object, ...]:
    """What :func:`finding_text` shows of a finding (two equal ones are drawn alike)."""
    return (finding.severity, finding.message, getattr(finding, "evidence", ""),
            getattr(finding, "suggestion", None))


def grouped(findings: list[Any]) -> list[tuple[int, int]]:
    """(index of the first, count) for each run of identical findings of one item.

    Findings are identical when code, item, message, evidence and suggestion agree; the first
    keeps its place in the list.
    """
    first: dict[tuple, int] = {}
    counts: dict[int, int] = {}
    for i, f in enumerate(findings):
        key = (f.code, f.section, f.item, f.item_id, f.message, f.evidence, f.suggestion)
        at = first.setdefault(key, i)
        counts[at] = counts.get(at, 0) + 1
    return list(counts.items())


def counts_text(findings: list[Any]) -> str:
    """How many problems of each severity: ``问题 33 条：错误 4，提醒 20，提示 9``."""
    from drafter.checks.model import ERROR, INFO, SEVERITY_NAMES, WARNING

    if not findings:
        return "没有发现问题。"
    per = [f"{SEVERITY_NAMES[s]} {sum(1 for f in findings if f.severity == s)}"
           for s in (ERROR, WARNING, INFO)]
    return f"问题 {len(findings)} 条：{'，'.join(per)}（回车跳转）"


def ledger_text(report: Any, findings: list[Any] | None = None) -> Text:
    """A few lines summing up the targets, their ledger against the base plan and the
    problems found (``findings``: those shown, default the report's)."""
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
    shown = list(report.findings) if findings is None else findings
    text.append(f"\n{counts_text(shown)}", style="dim")
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

        Nothing is redrawn when neither changed (the common case while typing), and the list
        is rebuilt only when its rows did: a new report with the same findings (every re-check
        while typing) redraws the summary alone, since the list measures every row it holds.
        """
        rows = grouped(findings)
        shown = tuple((i, n, where.get(i, ""), _looks(findings[i])) for i, n in rows)
        summary = (id(report), len(findings), tuple(f.severity for f in findings))
        self.findings = findings
        if summary != getattr(self, "_summary", None):
            self._summary = summary
            self.query_one("#ledger", Static).update(ledger_text(report, findings))
        if shown == getattr(self, "_shown", None):
            return
        self._shown = shown
        listing = self.query_one("#findings", OptionList)
        highlighted = listing.highlighted
        listing.set_options(
            Option(finding_text(findings[i], place, n), id=str(i)) for i, n, place, _ in shown
        )
        if rows and highlighted is not None:
            listing.highlighted = min(highlighted, len(rows) - 1)

    @on(OptionList.OptionSelected, "#findings")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        """Report the chosen finding."""
        event.stop()
        self.post_message(self.Jump(self.findings[int(event.option.id or 0)]))
