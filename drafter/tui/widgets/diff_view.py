"""Rich text for a plan diff: word-level marks inside each aligned item."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rich.text import Text

from drafter.diff.labels import pair_tag, section_tag
from drafter.diff.model import Change, ItemPair, PlanDiff, SectionPair

STATUS_STYLE = {"added": "green", "removed": "red", "moved": "magenta", "changed": "yellow",
                "split": "cyan", "merged": "cyan", "same": "dim"}
"""Colour of each status tag."""


def changes_text(changes: Sequence[Change]) -> Text:
    """Deletions struck through in red, insertions underlined in green."""
    text = Text()
    for c in changes:
        if c.op == "equal":
            text.append(c.draft)
            continue
        if c.base:
            text.append(c.base, style="strike red")
        if c.draft:
            text.append(c.draft, style="underline bold green")
    return text


def pair_text(pair: ItemPair) -> Text:
    """One aligned item: its tag, the draft label, and the marked text."""
    ref = pair.draft or pair.base
    label = ref.label if ref else ""
    text = Text.assemble((f"【{pair_tag(pair)}】", STATUS_STYLE.get(pair.status, "")), label)
    if pair.status == "same" and ref is not None:
        text.append(ref.heading or ref.text[:30], style="dim")
        return text
    if pair.changes:
        text.append_text(changes_text(pair.changes))
    elif ref is not None:
        style = "strike red" if pair.status == "removed" else (
            "green" if pair.status == "added" else "")
        text.append(ref.text, style=style)
    return text


def section_text(pair: SectionPair) -> Text:
    """A section heading with its tag when it changed."""
    ref = pair.draft or pair.base
    text = Text(f"{ref.label}{ref.title}" if ref else "", style="bold")
    if pair.status != "same":
        text.append(f"  【{section_tag(pair)}】", style=STATUS_STYLE.get(pair.status, ""))
    return text


def summary_text(diff: PlanDiff) -> Text:
    """The counts a reviewer reads first."""
    s = diff.summary
    parts = [("修改", s.changed), ("移动", s.moved), ("新增", s.added), ("删除", s.removed),
             ("拆分", s.split), ("合并", s.merged), ("未变", s.same), ("数字变化", s.numbers)]
    text = Text(f"{diff.draft_title}  对比  {diff.base_title}\n", style="bold")
    text.append("  ".join(f"{name} {n}" for name, n in parts if n or name == "未变"))
    for name, changes in (("标题", diff.title_changes), ("开头段落", diff.preamble_changes)):
        if any(c.op != "equal" for c in changes):
            text.append(f"\n{name}：", style="bold")
            text.append_text(changes_text(_elided(changes)))
    return text


def _elided(changes: Sequence[Change], keep: int = 12) -> list[Change]:
    """Long unchanged stretches cut to their ends, so a summary line stays short."""
    out: list[Change] = []
    for c in changes:
        if c.op == "equal" and len(c.draft) > 2 * keep:
            c = replace(c, draft=f"{c.draft[:keep]}…{c.draft[-keep:]}")
        out.append(c)
    return out
