"""A plan rendered for the terminal with rich (used by ``show`` and ``parse``)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from drafter.model import Plan


def render_plan(plan: Plan, *, outline: bool = False) -> RenderableType:
    """The plan as rich renderables: metadata, preamble, sections, items, warnings."""
    m = plan.meta
    title = Text(m.title or "（无标题）", style="bold")
    if plan.partial:
        title.append("（不完整：只有标题和导语）", style="yellow")
    parts: list[RenderableType] = [title]
    facts = [
        ("编号", plan.id), ("年份", str(m.year or "")), ("发文机关", m.issuer or ""),
        ("文号", m.doc_number or ""), ("成文日期", m.date or ""), ("主送", m.addressees or ""),
    ]
    parts.append(Text("  ".join(f"{k}：{v}" for k, v in facts if v), style="dim"))
    if not outline:
        parts.extend(Text(p) for p in plan.preamble)
    for section in plan.sections:
        parts.append(Text(f"{section.label}{section.title}", style="bold cyan"))
        if not outline:
            parts.extend(Text(p) for p in section.intro)
        for item in section.items:
            line = Text(item.label)
            if outline:
                line.append(item.heading or item.body[:40], style="bold")
            else:
                line.append(item.heading, style="bold")
                line.append(item.body)
                for sub in item.subitems:
                    line.append("\n" + sub.label + sub.text)
            parts.append(line)
    for w in plan.warnings:
        where = f"（第 {w.line} 行）" if w.line else ""
        parts.append(Text(f"提示{where}：{w.message}", style="yellow"))
    return Group(*parts)
