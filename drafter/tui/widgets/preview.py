"""Rich text of plans, sections and items for previews."""

from __future__ import annotations

from rich.text import Text

from drafter.model import Item, Plan, Section


def item_preview(item: Item, source: str = "") -> Text:
    """An item with its heading in bold, sub-items on their own lines, then where it is from."""
    text = Text()
    text.append(item.label)
    text.append(item.heading, style="bold")
    text.append(item.body)
    for sub in item.subitems:
        text.append(f"\n{sub.label}{sub.text}")
    if source:
        text.append(f"\n\n{source}", style="dim")
    return text


def section_preview(section: Section) -> Text:
    """A section's title, intro and item headings."""
    text = Text(f"{section.label}{section.title}\n", style="bold")
    for para in section.intro:
        text.append(f"{para}\n")
    for item in section.items:
        text.append(f"{item.label}{item.heading or item.body[:40]}\n")
    return text


def plan_preview(plan: Plan) -> Text:
    """A plan's title, metadata and outline."""
    meta = plan.meta
    text = Text(f"{meta.title}\n", style="bold")
    facts = [meta.issuer, meta.doc_number, meta.date]
    text.append(" · ".join(f for f in facts if f) + "\n\n", style="dim")
    for section in plan.sections:
        text.append(f"{section.label}{section.title}（{len(section.items)} 条）\n")
    return text
