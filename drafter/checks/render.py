"""The check report for people, as lines of text; the data stays in CheckReport.

Plain lines (:mod:`drafter.textout`: columns aligned by terminal cells, severities coloured
on a terminal). The same report for programs is :mod:`drafter.checks.report_json`."""

from __future__ import annotations

from collections.abc import Sequence

from drafter.checks.model import ERROR, INFO, SEVERITY_NAMES, WARNING, CheckReport, Finding
from drafter.checks.targets import run_text, written
from drafter.targets.history import Run
from drafter.targets.ledger import POSSIBLE, STATUS_NAMES, LedgerEntry
from drafter.targets.model import KIND_NAMES, Target
from drafter.textout import PLAIN, Paint, table

_STYLES = {ERROR: "error", WARNING: "warning", INFO: "info"}
"""The style of each severity."""


def render_report(report: CheckReport, *, show_info: bool = True, paint: Paint = PLAIN) -> str:
    """The whole report as text: summary, targets, ledger, history, findings (``paint``
    styles it for a terminal)."""
    parts = [_summary(report, paint)]
    if report.targets:
        parts.append(targets_table(report.targets))
    if report.ledger:
        parts.append(ledger_table(report.ledger))
    if report.history:
        parts.append(history_table(report.history))
    shown = [f for f in report.findings if show_info or f.severity != INFO]
    if shown:
        parts.append(findings_list(shown, paint))
    return "\n\n".join(parts)


def _summary(report: CheckReport, paint: Paint) -> str:
    """Two lines: title, year and base; the count of targets and of each severity."""
    first = paint(report.title or "（无标题）", "bold")
    first += f"  按{report.year}年度检查" if report.year else "  未确定计划年度"
    if report.base_title:
        first += f"  对比：{report.base_title}"
    counts = "  ".join(paint(f"{SEVERITY_NAMES[s]} {report.count(s)} 条", _STYLES[s])
                       for s in (ERROR, WARNING, INFO))
    return f"{first}\n指标 {len(report.targets)} 项；{counts}"


def targets_table(targets: Sequence[Target]) -> str:
    """The plan's targets: where, subject, commitment, kind."""
    return table("量化指标", ("位置", "指标", "要求", "类别"), [
        (t.where, t.subject, written(t), KIND_NAMES.get(t.kind, t.kind)) for t in targets
    ])


def ledger_table(entries: Sequence[LedgerEntry]) -> str:
    """Last year's targets against this year's, pair by pair, with how sure each pair is."""
    return table("指标对比（上年 → 本年）", ("变化", "指标", "上年", "本年", "把握", "依据"), [
        (STATUS_NAMES[e.status], pair_subject(e),
         written(e.base) if e.base else "—", written(e.draft) if e.draft else "—",
         f"{e.score:.0f}%" if e.base and e.draft else "",
         "、".join(e.why) if e.base and e.draft else "")
        for e in entries
    ])


def history_table(runs: Sequence[Run]) -> str:
    """Each target's run over the years, newest wording first."""
    rows = []
    for run in runs:
        note = run.note or ("" if run.in_draft else "本年未列出")
        if run.due_year and not run.note:
            note = "，".join(p for p in (note, f"以{run.due_year}年为期") if p)
        rows.append((run.subject, run_text(run), note))
    return table("指标沿革（逐年）", ("指标", "历年", "说明"), rows)


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


def findings_list(findings: Sequence[Finding], paint: Paint = PLAIN) -> str:
    """Findings one per paragraph: severity, place, message; evidence and suggestion below."""
    lines = ["检查结果"]
    for f in findings:
        line = paint(f"[{SEVERITY_NAMES[f.severity]}] ", _STYLES[f.severity])
        if f.where:
            line += paint(f.where + "：", "bold")
        line += f.message
        if f.evidence and f.evidence not in f.message:
            line += "\n    " + paint(f"原文：{_short(f.evidence)}", "dim")
        if f.suggestion:
            line += "\n    " + paint(f"建议：{f.suggestion}", "green")
        lines.append(line)
    return "\n".join(lines)


def _short(text: str, limit: int = 80) -> str:
    """Evidence cut to a readable length."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
