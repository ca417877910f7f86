"""Findings from the target ledger: what moved against last year's plan, and how much it matters.

A lowered living standard is an error; an unchanged one is a warning (last year's figure left
in place?); last year's flows that are gone are listed for the writer to confirm.
"""

from __future__ import annotations

from drafter.checks.model import ERROR, INFO, WARNING, Finding
from drafter.targets.ledger import DROPPED, KEPT, LOWERED, NEW, RAISED, LedgerEntry
from drafter.targets.model import FLOW, STANDARD, Target
from drafter.targets.numbers import format_value


def describe(t: Target) -> str:
    """A target's value for people: ``650元/月``, ``1–2个``, ``100%``."""
    value = format_value(t.value)
    if t.high is not None and t.high != t.value:
        value += "–" + format_value(t.high)
    suffix = next((w for w in ("及以上", "以上", "以下", "以内", "左右") if t.quantity.endswith(w)), "")
    return value + t.unit + suffix


def ledger_findings(entries: list[LedgerEntry] | tuple[LedgerEntry, ...]) -> list[Finding]:
    """One finding per ledger entry, with its severity."""
    return [_finding(e) for e in entries]


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
    if e.status == KEPT:
        if t.kind == STANDARD:
            return _at(t, code, WARNING, f"“{name}”仍为{after}，与上年相同：是否沿用了上年数字？",
                       "按本年调标文件更新标准。")
        return _at(t, code, INFO, f"“{name}”{after}，与上年相同。", "")
    if e.status == RAISED:
        return _at(t, code, INFO, f"“{name}”由上年{before}提高到{after}。", "")
    assert e.status == LOWERED
    if t.kind == STANDARD or e.base.kind == STANDARD:
        return _at(t, code, ERROR, f"“{name}”由上年{before}降到{after}：保障标准不应降低。",
                   "核对调标文件；低保、特困、孤儿、两项补贴等标准只升不降。")
    return _at(t, code, WARNING, f"“{name}”由上年{before}降到{after}，请确认。",
               "如属有意调整，可在说明中注明原因。")


def _at(t: Target, code: str, severity: str, message: str, suggestion: str,
        base: bool = False) -> Finding:
    """A finding placed where the target is (in last year's plan for a dropped one)."""
    return Finding(code=code, severity=severity, message=message,
                   section=("上年：" + t.section) if base and t.section else t.section,
                   item=t.item, item_id=t.item_id, evidence=t.text,
                   suggestion=suggestion, span=None if base else t.span)


__all__ = ["DROPPED", "KEPT", "LOWERED", "NEW", "RAISED", "describe", "ledger_findings"]
