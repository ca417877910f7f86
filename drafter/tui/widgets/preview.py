"""Rich text of plans, sections, items and drafts for previews; the results list."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.widgets import OptionList

if TYPE_CHECKING:
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


def saved_at(mtime_ns: int) -> str:
    """A file time as a writer reads it: ``11月22日 14:05`` (with the year when not this year)."""
    when = dt.datetime.fromtimestamp(mtime_ns / 1e9)
    if when.year == dt.date.today().year:
        return f"{when.month}月{when.day}日 {when:%H:%M}"
    return f"{when.year}年{when.month}月{when.day}日 {when:%H:%M}"


def draft_preview(title: str, base: str, year: int | None, items: int, mtime_ns: int,
                  file_name: str) -> Text:
    """A draft's title, base plan, year, size and when it was last saved."""
    text = Text(f"{title or '未命名草稿'}\n", style="bold")
    facts = [
        ("计划年度", f"{year}年" if year else "未填"),
        ("底稿", base or "空白骨架"),
        ("条目", f"{items} 条"),
        ("上次保存", saved_at(mtime_ns)),
        ("文件", file_name),
    ]
    for name, value in facts:
        text.append(f"{name}：", style="dim")
        text.append(f"{value}\n")
    text.append("\n按回车或 o 继续编辑。", style="dim")
    return text


class ResultList(OptionList):
    """A list of search results: a click only highlights (to preview); Enter chooses."""

    async def _on_click(self, event: events.Click) -> None:
        """Highlight the clicked result without choosing it."""
        event.prevent_default()
        clicked = event.style.meta.get("option")
        if clicked is not None and not self.get_option_at_index(clicked).disabled:
            self.highlighted = clicked
        self.focus()
