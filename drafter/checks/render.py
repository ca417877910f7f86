"""The check report for people (rich tables and text); the data stays in CheckReport.

The same report for programs is :mod:`drafter.checks.report_json`, which needs no rich."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from drafter.checks.model import ERROR, INFO, SEVERITY_NAMES, WARNING, CheckReport, Finding
from drafter.checks.targets import run_text, written
from drafter.targets.history import Run
from drafter.targets.ledger import POSSIBLE, STATUS_NAMES, LedgerEntry
from drafter.targets.model import KIND_NAMES, Target

_STYLES = {ERROR: "bold red", WARNING: "yellow", INFO: "cyan"}


def render_report(report: CheckReport, *, show_info: bool = True) -> RenderableType:
    """The whole report as one rich renderable: summary, targets, ledger, findings."""
    parts: list[RenderableType] = [_summary(report)]
    if report.targets:
        parts.append(targets_table(report.targets))
    if report.ledger:
        parts.append(ledger_table(report.ledger))
    if report.history:
        parts.append(history_table(report.history))
    shown = [f for f in report.findings if show_info or f.severity != INFO]
    if shown:
        parts.append(findings_list(shown))
    return Group(*parts)


def _summary(report: CheckReport) -> Text:
    """One line: title, year and the count of each severity."""
    text = Text()
    text.append(report.title or "（无标题）", style="bold")
    text.append(f"  按{report.year}年度检查" if report.year else "  未确定计划年度")
    if report.base_title:
        text.append(f"  对比：{report.base_title}")
    text.append(f"\n指标 {len(report.targets)} 项；")
    for severity in (ERROR, WARNING, INFO):
        text.append(f"{SEVERITY_NAMES[severity]} {report.count(severity)} 条",
                    style=_STYLES[severity])
        text.append("  ")
    return text


def targets_table(targets: tuple[Target, ...] | list[Target]) -> Table:
    """The plan's targets: where, subject, commitment, kind."""
    table = Table(title="量化指标", title_justify="left", show_lines=False, expand=True)
    table.add_column("位置", overflow="fold")
    table.add_column("指标", overflow="fold")
    table.add_column("要求", no_wrap=True)
    table.add_column("类别", no_wrap=True)
    for t in targets:
        table.add_row(t.where, t.subject, written(t),
                      KIND_NAMES.get(t.kind, t.kind))
    return table


def ledger_table(entries: tuple[LedgerEntry, ...] | list[LedgerEntry]) -> Table:
    """Last year's targets against this year's, pair by pair, with how sure each pair is."""
    table = Table(title="指标对比（上年 → 本年）", title_justify="left", expand=True)
    table.add_column("变化", no_wrap=True)
    table.add_column("指标", overflow="fold")
    table.add_column("上年", no_wrap=True)
    table.add_column("本年", no_wrap=True)
    table.add_column("把握", no_wrap=True, justify="right")
    table.add_column("依据", overflow="fold")
    for e in entries:
        table.add_row(STATUS_NAMES[e.status], pair_subject(e),
                      written(e.base) if e.base else "—", written(e.draft) if e.draft else "—",
                      f"{e.score:.0f}%" if e.base and e.draft else "",
                      "、".join(e.why) if e.base and e.draft else "")
    return table


def history_table(runs: tuple[Run, ...] | list[Run]) -> Table:
    """Each target's run over the years, newest wording first."""
    table = Table(title="指标沿革（逐年）", title_justify="left", expand=True)
    table.add_column("指标", overflow="fold")
    table.add_column("历年", overflow="fold")
    table.add_column("说明", overflow="fold")
    for run in runs:
        note = run.note or ("" if run.in_draft else "本年未列出")
        if run.due_year and not run.note:
            note = "，".join(p for p in (note, f"以{run.due_year}年为期") if p)
        table.add_row(run.subject, run_text(run), note)
    return table




def ledger_counts(entries: tuple[LedgerEntry, ...] | list[LedgerEntry]) -> str:
    """How many entries of each status, in the order they first appear: ``持平 12，提高 3``;
    possible pairs are marked as waiting for the writer."""
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry.status] = counts.get(entry.status, 0) + 1
    parts = [f"{STATUS_NAMES.get(s, s)} {n}" + ("（待确认）" if s == POSSIBLE else "")
             for s, n in counts.items()]
    return "，".join(parts)


def pair_subject(e: LedgerEntry) -> str:
    """The subject of an entry; ``上年 → 本年`` when the wording changed."""
    if e.base and e.draft and e.base.subject != e.draft.subject:
        return f"{e.base.subject} → {e.draft.subject}"
    return e.target.subject


def findings_list(findings: list[Finding]) -> Group:
    """Findings one per paragraph: severity, place, message; evidence and suggestion below."""
    lines: list[RenderableType] = [Text("检查结果", style="italic")]
    for f in findings:
        line = Text()
        line.append(f"[{SEVERITY_NAMES[f.severity]}] ", style=_STYLES[f.severity])
        if f.where:
            line.append(f.where + "：", style="bold")
        line.append(f.message)
        if f.evidence and f.evidence not in f.message:
            line.append(f"\n    原文：{_short(f.evidence)}", style="dim")
        if f.suggestion:
            line.append(f"\n    建议：{f.suggestion}", style="green")
        lines.append(line)
    return Group(*lines)


def _short(text: str, limit: int = 80) -> str:
    """Evidence cut to a readable length."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
