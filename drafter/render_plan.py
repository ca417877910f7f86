"""A plan as lines of text for the terminal (used by ``show`` and ``parse``): a paragraph a
line, styled only on a terminal (:mod:`drafter.textout`)."""

from __future__ import annotations

from drafter.model import Plan
from drafter.textout import PLAIN, Paint


def render_plan(plan: Plan, *, outline: bool = False, paint: Paint = PLAIN) -> str:
    """The plan: title, metadata, preamble, sections, items, warnings; ``outline`` keeps the
    titles and headings only."""
    m = plan.meta
    title = paint(m.title or "（无标题）", "bold")
    if plan.partial:
        title += paint("（不完整：只有标题和导语）", "warning")
    lines = [title]
    facts = [
        ("编号", plan.id), ("年份", str(m.year or "")), ("发文机关", m.issuer or ""),
        ("文号", m.doc_number or ""), ("成文日期", m.date or ""), ("主送", m.addressees or ""),
    ]
    lines.append(paint("  ".join(f"{k}：{v}" for k, v in facts if v), "dim"))
    if not outline:
        lines.extend(plan.preamble)
    for section in plan.sections:
        lines.append(paint(f"{section.label}{section.title}", "heading"))
        if not outline:
            lines.extend(section.intro)
        for item in section.items:
            if outline:
                lines.append(item.label + paint(item.heading or item.body[:40], "bold"))
                continue
            lines.append(item.label + paint(item.heading, "bold") + item.body)
            lines.extend(sub.label + sub.text for sub in item.subitems)
    for w in plan.warnings:
        where = f"（第 {w.line} 行）" if w.line else ""
        lines.append(paint(f"提示{where}：{w.message}", "warning"))
    return "\n".join(lines)
