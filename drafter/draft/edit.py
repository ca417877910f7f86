"""Edits of a draft: each takes a Plan and returns a new one, renumbered in the plan's style.

Positions are 0-based ``(section index, item index)`` pairs, as :meth:`Plan.find_item` returns.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from drafter import rx
from drafter.errors import InputError
from drafter.model import ARABIC, PAREN, PAREN_CONTINUOUS, SHI, Item, Meta, Plan, Section, SubItem
from drafter.numbering import item_label, section_label

Pos = tuple[int, int]

_ARABIC_LABEL = rx.compile(r"^\d+[.．、]?$")
# 1. 2、 （3）: a number with its mark, not a figure such as 3.5万 or 1.2倍.
_SUBITEM = rx.compile(r"^\s*(\d+(?:[.．](?![\d.．])|、)|[（(]\d+[)）])\s*(.*)$")
_SENTENCE_END = "。！？"
_META_FIELDS = {f for f in Meta.__dataclass_fields__}


def renumber(plan: Plan) -> Plan:
    """Section labels 一、二、… and item labels in the plan's style; ids from positions."""
    sections: list[Section] = []
    running = 0
    numbered = 0
    for section in plan.sections:
        label = section.label
        if label:
            numbered += 1
            label = section_label(numbered)
        style = section_style(section, plan.item_style)
        items = []
        for ii, item in enumerate(section.items, 1):
            n = ii
            if style == PAREN_CONTINUOUS:
                running += 1
                n = running
            items.append(replace(item, label=item_label(style, n)))
        sections.append(replace(section, label=label, items=tuple(items)))
    return replace(plan, sections=tuple(sections)).with_ids()


def section_style(section: Section, plan_style: str) -> str:
    """How a section numbers its items: the plan's style unless its labels say otherwise.

    A 民生实事 list inside a （一）-numbered plan often runs 一是、二是 (seed 000); such a
    section keeps its own style and does not advance a plan-wide running count.
    """
    first = next((it.label for it in section.items if it.label), "")
    if first.endswith("是"):
        return SHI
    if _ARABIC_LABEL.match(first):
        return ARABIC
    if first and plan_style in (SHI, ARABIC):
        return PAREN
    return plan_style


def item_text(item: Item) -> str:
    """The text the editor shows: heading, body and each sub-item on its own line."""
    lines = [item.heading, item.body, *(s.label + s.text for s in item.subitems)]
    return "\n".join(line for line in lines if line)


def parse_item_text(text: str) -> tuple[str, str, tuple[SubItem, ...]]:
    """Heading, body and sub-items from editor text (the inverse of :func:`item_text`).

    With several lines the first is the heading; with one line the heading is the first
    sentence up to 。. Lines starting with 1. or （1） are sub-items (not 3.5万…). Paragraphs
    stay paragraphs: lines of the body are kept apart by line breaks, as the parser keeps
    them, and a heading without a full stop stays on a line of its own.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    subitems: list[SubItem] = []
    plain: list[str] = []
    for line in lines:
        match = _SUBITEM.match(line)
        if match and plain:
            subitems.append(SubItem(label=match.group(1), text=match.group(2)))
        elif subitems:
            last = subitems[-1]
            subitems[-1] = replace(last, text=f"{last.text}\n{line}")
        else:
            plain.append(line)
    if len(plain) > 1:
        heading, body = plain[0], "\n".join(plain[1:])
        if not heading.endswith(tuple(_SENTENCE_END)):
            body = "\n" + body
    elif plain:
        head, stop, rest = plain[0].partition("。")
        heading, body = (head + stop, rest) if stop else ("", plain[0])
    else:
        heading, body = "", ""
    return heading, body, tuple(subitems)


def edit_item(plan: Plan, pos: Pos, text: str) -> Plan:
    """The plan with the item at ``pos`` rewritten from editor text (provenance kept)."""
    section, item = _item_at(plan, pos)
    heading, body, subitems = parse_item_text(text)
    new_item = replace(item, heading=heading, body=body, subitems=subitems)
    # Positions do not change, so labels and ids stay: no renumbering while typing.
    new_section = replace(section, items=_replaced(section.items, pos[1], new_item))
    return replace(plan, sections=_replaced(plan.sections, pos[0], new_section))


def add_item(plan: Plan, section_index: int, index: int, item: Item) -> Plan:
    """The plan with a copy of ``item`` inserted at ``index`` of a section.

    The copy records where it came from: ``origin`` is the item's library id (or its own origin
    when it has no id).
    """
    section = _section_at(plan, section_index)
    index = max(0, min(index, len(section.items)))
    copy = replace(item, origin=item.id or item.origin, id="")
    items = (*section.items[:index], copy, *section.items[index:])
    return _with_items(plan, section_index, items)


def delete_item(plan: Plan, pos: Pos) -> Plan:
    """The plan without the item at ``pos``."""
    section, _ = _item_at(plan, pos)
    items = (*section.items[: pos[1]], *section.items[pos[1] + 1 :])
    return _with_items(plan, pos[0], items)


def move_item(plan: Plan, pos: Pos, delta: int) -> tuple[Plan, Pos]:
    """Move an item one place up (-1) or down (+1); past a section's edge it crosses over.

    Returns the new plan and the item's new position (unchanged at the plan's very ends).
    """
    section, item = _item_at(plan, pos)
    si, ii = pos
    target = ii + delta
    if 0 <= target < len(section.items):
        items = list(section.items)
        items[ii], items[target] = items[target], items[ii]
        return _with_items(plan, si, tuple(items)), (si, target)
    neighbour = si + (1 if delta > 0 else -1)
    if not 0 <= neighbour < len(plan.sections):
        return plan, pos
    at = 0 if delta > 0 else len(plan.sections[neighbour].items)
    moved = delete_item(plan, pos)
    moved = _insert_raw(moved, neighbour, at, item)
    return moved, (neighbour, at)


def move_to_section(plan: Plan, pos: Pos, section_index: int) -> tuple[Plan, Pos]:
    """Move an item to the end of another section; returns the plan and its new position."""
    _, item = _item_at(plan, pos)
    _section_at(plan, section_index)
    if section_index == pos[0]:
        return plan, pos
    moved = delete_item(plan, pos)
    at = len(moved.sections[section_index].items)
    return _insert_raw(moved, section_index, at, item), (section_index, at)


def add_section(plan: Plan, index: int, title: str) -> Plan:
    """The plan with a new, empty section titled ``title`` inserted at ``index``."""
    title = _clean_title(title)
    index = max(0, min(index, len(plan.sections)))
    section = Section(label="一、", title=title)
    return renumber(replace(plan, sections=(*plan.sections[:index], section,
                                            *plan.sections[index:])))


def rename_section(plan: Plan, index: int, title: str) -> Plan:
    """The plan with section ``index`` retitled."""
    section = _section_at(plan, index)
    sections = _replaced(plan.sections, index, replace(section, title=_clean_title(title)))
    return renumber(replace(plan, sections=sections))


def delete_section(plan: Plan, index: int) -> Plan:
    """The plan without section ``index`` and its items."""
    _section_at(plan, index)
    return renumber(replace(plan, sections=(*plan.sections[:index],
                                            *plan.sections[index + 1 :])))


def set_meta(plan: Plan, **changes: Any) -> Plan:
    """The plan with some metadata fields changed (``title``, ``year``, ``issuer``, …)."""
    unknown = set(changes) - _META_FIELDS
    if unknown:
        raise InputError(f"元数据中没有这些字段：{'、'.join(sorted(unknown))}。")
    return replace(plan, meta=replace(plan.meta, **changes))


def _insert_raw(plan: Plan, section_index: int, index: int, item: Item) -> Plan:
    """Insert an item as it is (a move keeps its provenance untouched)."""
    section = plan.sections[section_index]
    items = (*section.items[:index], item, *section.items[index:])
    return _with_items(plan, section_index, items)


def _with_items(plan: Plan, section_index: int, items: tuple[Item, ...]) -> Plan:
    """The plan with one section's items replaced, renumbered."""
    section = replace(plan.sections[section_index], items=tuple(items))
    return renumber(replace(plan, sections=_replaced(plan.sections, section_index, section)))


def _section_at(plan: Plan, index: int) -> Section:
    """Section ``index`` or a Chinese error naming it."""
    if not 0 <= index < len(plan.sections):
        raise InputError(f"草稿中没有第 {index + 1} 部分。")
    return plan.sections[index]


def _item_at(plan: Plan, pos: Pos) -> tuple[Section, Item]:
    """The section and item at ``pos`` or a Chinese error naming the position."""
    section = _section_at(plan, pos[0])
    if not 0 <= pos[1] < len(section.items):
        raise InputError(f"草稿第 {pos[0] + 1} 部分中没有第 {pos[1] + 1} 条。")
    return section, section.items[pos[1]]


def _replaced(values: tuple, index: int, value: object) -> tuple:
    """A tuple with one element swapped."""
    return (*values[:index], value, *values[index + 1 :])


def _clean_title(title: str) -> str:
    """A section title without surrounding space; an empty one is refused."""
    title = title.strip()
    if not title:
        raise InputError("部分标题不能为空。")
    return title


def set_preamble(plan: Plan, text: str) -> Plan:
    """The plan with its preamble replaced by the paragraphs (lines) of ``text``."""
    return replace(plan, preamble=_paragraphs(text))


def set_section_intro(plan: Plan, index: int, text: str) -> Plan:
    """The plan with section ``index``'s intro paragraphs replaced by the lines of ``text``."""
    section = _section_at(plan, index)
    sections = _replaced(plan.sections, index, replace(section, intro=_paragraphs(text)))
    return replace(plan, sections=sections)


def replace_item(plan: Plan, pos: Pos, source: Item) -> Plan:
    """The item at ``pos`` rewritten with ``source``'s text; provenance becomes ``source``."""
    _, item = _item_at(plan, pos)
    new_item = replace(item, heading=source.heading, body=source.body,
                       subitems=source.subitems, origin=source.id or source.origin)
    return _with_items(plan, pos[0], _replaced(plan.sections[pos[0]].items, pos[1], new_item))


def _paragraphs(text: str) -> tuple[str, ...]:
    """Non-empty lines of ``text``, stripped."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())
