"""The checks panel: the target ledger against the base plan and the findings, each a jump."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from drafter.checks.model import ERROR, INFO, WARNING

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
    from drafter.checks.render import ledger_counts

    if report is None:
        return Text("正在检查…")
    text = Text(f"量化指标 {len(report.targets)} 项", style="bold")
    if report.ledger:
        text.append(f"；对照{report.base_title or '底稿'}：" + ledger_counts(report.ledger))
    shown = list(report.findings) if findings is None else findings
    text.append(f"\n{counts_text(shown)}", style="dim")
    return text


FOLDED_CODES = frozenset({"target-kept"})
"""Findings folded into one line until the writer opens it (targets kept as last year)."""
FOLD_ID = "fold"
"""Option id of the folded line."""
FILTER_NAMES = {"": "全部", ERROR: "错误", WARNING: "提醒", INFO: "提示"}
"""What each filter key shows."""
HEADER_STYLE = {ERROR: "bold white on red", WARNING: "bold black on yellow", INFO: "bold cyan"}
"""Group headings: the word carries the meaning, the colour only helps."""


class ChecksPanel(Vertical):
    """Shows the latest check report grouped by severity; Enter on a finding asks the screen
    to jump to it, Enter on the folded line opens it; 1/2/3/0 filter by severity."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "only('error')", "只看错误", show=False),
        Binding("2", "only('warning')", "只看提醒", show=False),
        Binding("3", "only('info')", "只看提示", show=False),
        Binding("0", "only('')", "显示全部", show=False),
    ]

    @dataclass
    class Jump(Message):
        """The writer chose a finding: go to its item."""

        finding: Any
        """The :class:`drafter.checks.Finding`."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.findings: list[Any] = []
        self.where: dict[int, str] = {}
        self.severity = ""
        """The severity shown ('' for all)."""
        self.unfolded = False
        """Whether the kept targets are listed one by one."""
        self._report: Any = None

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
            self._report = report
            self._update_ledger()
        if shown == getattr(self, "_shown", None):
            return
        self._shown = shown
        self._report = report
        self.findings = findings
        self.where = where
        self._refresh_rows()

    def _refresh_rows(self) -> None:
        """List the findings under their severity, the kept targets folded."""
        self._update_ledger()
        listing = self.query_one("#findings", OptionList)
        highlighted = listing.highlighted
        listing.set_options(self._options())
        if listing.option_count and highlighted is not None:
            index = min(highlighted, listing.option_count - 1)
            if listing.get_option_at_index(index).disabled:
                index = min(index + 1, listing.option_count - 1)
            listing.highlighted = index

    def _update_ledger(self) -> None:
        """The ledger summary with the filter keys under it."""
        text = ledger_text(self._report, self.findings)
        text.append(f"\n1 错误  2 提醒  3 提示  0 全部（当前：{FILTER_NAMES[self.severity]}）",
                    style="dim")
        self.query_one("#ledger", Static).update(text)

    def _options(self) -> list[Option]:
        """Heading, findings and the folded line for each severity shown."""
        from drafter.checks.model import SEVERITY_NAMES

        options: list[Option] = []
        rows = grouped(self.findings)
        for severity in (ERROR, WARNING, INFO):
            if self.severity and severity != self.severity:
                continue
            mine = [(i, n) for i, n in rows if self.findings[i].severity == severity]
            if not mine:
                continue
            folded = [(i, n) for i, n in mine if self.findings[i].code in FOLDED_CODES]
            count = sum(n for _, n in mine)
            options.append(Option(Text(f" {SEVERITY_NAMES[severity]} {count} 条 ",
                                       style=HEADER_STYLE[severity]),
                                  id=f"head-{severity}", disabled=True))
            for i, n in mine:
                if (i, n) in folded and not self.unfolded:
                    continue
                options.append(Option(finding_text(self.findings[i], self.where.get(i, ""), n),
                                      id=str(i)))
            if folded and not self.unfolded:
                options.append(Option(Text(f"与上年相同的指标 {len(folded)} 项（回车展开）",
                                           style="dim"), id=FOLD_ID))
        return options

    def action_only(self, severity: str) -> None:
        """Show one severity only ('' for all)."""
        self.severity = severity
        self._refresh_rows()

    @on(OptionList.OptionSelected, "#findings")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        """Report the chosen finding, or open the folded line."""
        event.stop()
        if event.option.id == FOLD_ID:
            self.unfolded = True
            self._refresh_rows()
            return
        if event.option.id and event.option.id.isdigit():
            self.post_message(self.Jump(self.findings[int(event.option.id)]))
