"""Chinese names a reader sees for statuses, and the marks used where colour is not seen."""

from __future__ import annotations

from drafter.diff.model import ItemPair, SectionPair

STATUS_NAMES = {
    "same": "未变",
    "changed": "修改",
    "moved": "移动",
    "added": "新增",
    "removed": "删除",
    "split": "拆分",
    "merged": "合并",
}

#: Marks around deleted and inserted text, readable in black and white.
DEL_OPEN, DEL_CLOSE = "[-", "-]"
INS_OPEN, INS_CLOSE = "{+", "+}"
NUMBER_ARROW = "→"


def position(section: int, item: int) -> str:
    """A reader's reference to an item: ``第3部分第2项``."""
    return f"第{section}部分第{item}项"


def pair_tag(pair: ItemPair) -> str:
    """The tag shown before an item, e.g. ``移动·修改，原第3部分第4项``."""
    name = STATUS_NAMES[pair.status]
    if pair.status == "moved":
        assert pair.base is not None
        extra = "·修改" if pair.text_changed else ""
        return f"{name}{extra}，原{position(pair.base.section, pair.base.item)}"
    if pair.status == "split":
        return f"{name}为{len(pair.draft_parts)}项"
    if pair.status == "merged":
        refs = "、".join(position(b.section, b.item) for b in pair.base_parts)
        return f"{name}原{refs}"
    return name


def section_tag(pair: SectionPair) -> str:
    """The tag shown after a section title when it is not unchanged."""
    if pair.status == "moved" and pair.base is not None:
        return f"{STATUS_NAMES['moved']}，原第{pair.base.section}部分"
    if pair.status == "changed":
        return "标题修改" if pair.title_changed else "引言修改"
    return STATUS_NAMES[pair.status]
