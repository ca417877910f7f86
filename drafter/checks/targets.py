"""Findings from the target ledger: what moved against last year's plan, and how much it matters.

A lowered living standard is an error; an unchanged one is a warning (last year's figure left
in place?); last year's flows that are gone are listed for the writer to confirm; a pair the
ledger is unsure of is a warning that asks, never a silent merge. Every finding about a paired
target carries the other year's target and the pair's confidence.
"""

from __future__ import annotations

from dataclasses import replace

from drafter.checks.model import ERROR, INFO, WARNING, Finding
from drafter.targets.consistency import Mismatch, rate_mismatches, total_mismatches
from drafter.targets.history import DUE_MISSING, Run
from drafter.targets.ledger import (
    DROPPED,
    KEPT,
    LOWERED,
    NEW,
    POSSIBLE,
    RAISED,
    REWORDED,
    STATUS_NAMES,
    VERB_CHANGED,
    LedgerEntry,
)
from drafter.targets.model import DEADLINE, FLOW, STANDARD, Target
from drafter.targets.numbers import format_value
from drafter.targets.wording import describe, written


def ledger_findings(entries: list[LedgerEntry] | tuple[LedgerEntry, ...]) -> list[Finding]:
    """One finding per ledger entry, with its severity, the paired target and the confidence."""
    return [replace(_finding(e), pair=e.other, confidence=e.confidence) for e in entries]


def _renamed(e: LedgerEntry) -> str:
    """``（上年为“家门口服务站”）`` when the subject was reworded, else ''."""
    assert e.base is not None and e.draft is not None
    if e.base.subject == e.draft.subject:
        return ""
    return f"（上年为“{e.base.subject}”）"


def _finding(e: LedgerEntry) -> Finding:
    """The finding for one ledger entry."""
    t = e.target
    name = t.subject or t.quantity
    code = f"target-{e.status}"
    if e.status == NEW:
        return _at(t, code, INFO, f"新增指标：“{name}”{describe(t)}。", "")
    if e.status == DROPPED:
        if t.kind == FLOW:
            return _at(t, code, INFO,
                       f"上年任务“{name}”{describe(t)}本年未列出：已完成、延续还是不再安排？",
                       "如需延续，请写入本年计划。", base=True)
        return _at(t, code, WARNING, f"上年指标“{name}”{describe(t)}本年未列出。",
                   "核实是否有意删去。", base=True)
    assert e.base is not None and e.draft is not None
    before, after = describe(e.base), describe(e.draft)
    renamed = _renamed(e)
    if e.status == POSSIBLE:
        shared = f"，相同的词：{'、'.join(e.why)}" if e.why else ""
        would = STATUS_NAMES.get(e.proposed, e.proposed)
        return _at(t, code, WARNING,
                   f"“{name}”{written(e.draft)}可能对应上年“{e.base.subject}”{written(e.base)}"
                   f"（把握{e.score:.0f}%{shared}）；若是同一指标，则为“{would}”。",
                   "请确认两者是否同一项指标；不是则分别按新增和未延续处理。")
    if e.status == VERB_CHANGED:
        return _at(t, code, INFO,
                   f"“{name}”{renamed}上年{written(e.base)}，本年改为{written(e.draft)}："
                   "任务口径不同，数字不作升降比较。",
                   "确认改变任务口径是有意的。")
    if e.status in (KEPT, REWORDED):
        if t.kind == STANDARD:
            return _at(t, code, WARNING,
                       f"“{name}”{renamed}仍为{after}，与上年相同：是否沿用了上年数字？",
                       "按本年调标文件更新标准。")
        if e.status == REWORDED:
            return _at(t, code, INFO,
                       f"“{name}”{written(e.draft)}，即上年“{e.base.subject}”{written(e.base)}，"
                       "数字未变、表述有改动。", "")
        return _at(t, code, INFO, f"“{name}”{after}，与上年相同。", "")
    if t.kind == DEADLINE:
        moved = "推迟" if e.status == RAISED else "提前"
        return _at(t, code, INFO, f"“{name}”的时限由上年{before}{moved}到{after}。", "")
    if e.status == RAISED:
        return _at(t, code, INFO, f"“{name}”{renamed}由上年{before}提高到{after}。", "")
    assert e.status == LOWERED
    if t.kind == STANDARD or e.base.kind == STANDARD:
        return _at(t, code, ERROR, f"“{name}”{renamed}由上年{before}降到{after}：保障标准不应降低。",
                   "核对调标文件；低保、特困、孤儿、两项补贴等标准只升不降。")
    return _at(t, code, WARNING, f"“{name}”{renamed}由上年{before}降到{after}，请确认。",
               "如属有意调整，可在说明中注明原因。")


def consistency_findings(entries: list[LedgerEntry] | tuple[LedgerEntry, ...],
                         targets: list[Target] | tuple[Target, ...]) -> list[Finding]:
    """Growth rates left at last year's and totals whose parts no longer add up."""
    found = [*rate_mismatches(entries, targets), *total_mismatches(entries, targets)]
    return [_mismatch(m) for m in sorted(found, key=lambda m: targets.index(m.target))]


def history_findings(runs: list[Run] | tuple[Run, ...]) -> list[Finding]:
    """Multi-year targets whose year has come while the draft no longer lists them."""
    out = []
    for run in runs:
        if run.note == DUE_MISSING:
            t = run.steps[-1].target
            out.append(_at(t, "target-due", WARNING,
                           f"{run.steps[-1].year or '往'}年计划提出的“{t.subject}”{written(t)}"
                           f"以{run.due_year}年为期，今年到期，本年计划未列出。",
                           "写明完成情况或本年安排。", base=True))
    return out


def run_text(run: Run) -> str:
    """A run for people: ``2024 新增3000张 → 2025 新增3000张 → 2026 改建2000张``."""
    return " → ".join(f"{s.year or '?'} {written(s.target)}" for s in run.steps)


def _mismatch(m: Mismatch) -> Finding:
    """The finding for two figures of one item that no longer agree."""
    t = m.target
    if m.kind == "rate":
        figure = m.related[0]
        return _at(t, "target-rate", WARNING,
                   f"“{figure.subject}”由上年{describe(m.base) if m.base else ''}调整为{describe(figure)}，"
                   f"增幅应为{format_value(m.expected)}%，句中仍写{describe(t)}。",
                   f"把增幅改为{format_value(m.expected)}%，或核对标准数字。")
    names = "、".join(p.subject for p in m.related)
    return _at(t, "target-total", WARNING,
               f"“{t.subject}”为{describe(t)}，其中{names}合计{format_value(round(m.expected, 2))}"
               f"{t.unit}，分项与总数对不上。",
               "核对总数和各分项数字。")


def _at(t: Target, code: str, severity: str, message: str, suggestion: str,
        base: bool = False) -> Finding:
    """A finding placed where the target is (in last year's plan for a dropped one)."""
    return Finding(code=code, severity=severity, message=message,
                   section=("上年：" + t.section) if base and t.section else t.section,
                   item=t.item, item_id=t.item_id, evidence=t.text,
                   suggestion=suggestion, span=None if base else t.span)


__all__ = ["DROPPED", "KEPT", "LOWERED", "NEW", "POSSIBLE", "RAISED", "REWORDED", "VERB_CHANGED",
           "consistency_findings", "describe", "history_findings", "ledger_findings", "run_text",
           "written"]
