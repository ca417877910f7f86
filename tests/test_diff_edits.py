"""A seed plan edited in known ways, shared by the diff tests, and checks that the edits hold.

``edited(plan)`` returns the draft and a record of what was done: one item moved to another
section (and so renumbered), one figure changed, one item heading reworded, one item deleted,
one item added, one item split in two. Items are relabelled as a writer's word processor would.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import pytest

from drafter.diff.words import NUMBER_RE
from drafter.ingest import read_plan
from drafter.model import PAREN_CONTINUOUS, Item, Plan
from drafter.numbering import item_label

SEEDS = sorted((Path(__file__).parent / "fixtures" / "seeds").glob("*.txt"))
SEED_IDS = [p.name[:3] for p in SEEDS]

NEW_ITEM = Item(
    label="",
    heading="推进民政数据共享。",
    body="依托一体化政务服务平台，推动婚姻登记、殡葬服务与户籍数据实时核验，减少群众跑腿次数。",
)


@dataclass(frozen=True)
class Edits:
    """What ``edited`` did, by original position (0-based section, item)."""

    moved: tuple[int, int]
    """The item moved; it went to the end of section ``moved_to``."""
    moved_to: int
    """The section the moved item went to."""
    number: tuple[int, int]
    """The item whose first figure with a unit changed."""
    number_from: str
    """The figure as it was, e.g. ``650元/月``."""
    number_to: str
    """The figure as it is now."""
    heading: tuple[int, int]
    """The item whose heading was reworded (first two characters replaced)."""
    heading_from: str
    """The two characters replaced."""
    heading_to: str
    """The two characters put in their place."""
    deleted: tuple[int, int]
    """The item deleted."""
    added_to: int
    """The section the new item was appended to."""
    split: tuple[int, int]
    """The item split into two neighbouring items."""
    split_parts: tuple[str, str]
    """The texts of the two parts."""


@cache
def seed_plan(index: int) -> Plan:
    """Seed ``index`` parsed, with the plan id ``base`` and item ids set."""
    return replace(read_plan(SEEDS[index]), id="base").with_ids()


def edited(plan: Plan) -> tuple[Plan, Edits]:
    """The plan with six known edits applied, relabelled, with the plan id ``draft``."""
    sections = [list(s.items) for s in plan.sections]
    multi = [i for i, items in enumerate(sections) if len(items) >= 2]
    used: set[tuple[int, int]] = set()

    moved = (multi[0], len(sections[multi[0]]) - 1)
    used.add(moved)
    number, number_from, number_to = _pick_figure(sections, used)
    used.add(number)
    heading = next(
        (multi[1], i)
        for i, it in enumerate(sections[multi[1]])
        if (multi[1], i) not in used and len(it.heading) >= 6
    )
    used.add(heading)
    deleted = next(
        (multi[2], i) for i in range(len(sections[multi[2]])) if (multi[2], i) not in used
    )
    used.add(deleted)
    split = max(
        (
            (si, ii)
            for si, items in enumerate(sections)
            for ii, it in enumerate(items)
            if (si, ii) not in used and not it.subitems and it.body.count("。") >= 3
        ),
        key=lambda pos: len(sections[pos[0]][pos[1]].text),
    )
    part1, part2 = _split(sections[split[0]][split[1]])

    old = sections[heading[0]][heading[1]]
    h_from, h_to = old.heading[:2], ("着力" if old.heading[:2] != "着力" else "切实")
    sections[heading[0]][heading[1]] = replace(old, heading=h_to + old.heading[2:])
    old = sections[number[0]][number[1]]
    sections[number[0]][number[1]] = replace(
        old,
        heading=old.heading.replace(number_from, number_to, 1)
        if number_from in old.heading
        else old.heading,
        body=old.body
        if number_from in old.heading
        else old.body.replace(number_from, number_to, 1),
    )
    sections[split[0]][split[1] : split[1] + 1] = [part1, part2]
    moved_item = sections[moved[0]][moved[1]]
    sections[deleted[0]][deleted[1]] = None  # type: ignore[call-overload]
    sections[moved[0]][moved[1]] = None  # type: ignore[call-overload]
    moved_to, added_to = multi[-1], multi[3]
    sections[moved_to].append(moved_item)
    sections[added_to].append(NEW_ITEM)
    draft = _relabel(plan, [[it for it in items if it is not None] for items in sections])
    edits = Edits(
        moved,
        moved_to,
        number,
        number_from,
        number_to,
        heading,
        h_from,
        h_to,
        deleted,
        added_to,
        split,
        (part1.text, part2.text),
    )
    return draft, edits


def _pick_figure(
    sections: list[list[Item]], used: set[tuple[int, int]]
) -> tuple[tuple[int, int], str, str]:
    """The first item with a figure and unit, the figure, and the figure raised by 30."""
    for si, items in enumerate(sections):
        for ii, it in enumerate(items):
            if (si, ii) in used or it.subitems:
                continue
            for m in NUMBER_RE.finditer(it.heading + it.body):
                if m.group("unit") and "." not in m.group("num"):
                    raised = str(int(m.group("num")) + 30) + m.group(0)[len(m.group("num")) :]
                    return (si, ii), m.group(0), raised
    raise AssertionError("seed without a figure")


def _split(item: Item) -> tuple[Item, Item]:
    """Split an item at the sentence end nearest its middle; part two leads with a heading."""
    text = item.body
    ends = [i + 1 for i, ch in enumerate(text) if ch == "。"][:-1]
    cut = min(ends, key=lambda i: abs(i - len(text) // 2))
    rest = text[cut:]
    first_end = rest.index("。") + 1
    return (
        replace(item, body=text[:cut]),
        Item(label="", heading=rest[:first_end], body=rest[first_end:]),
    )


def _relabel(plan: Plan, sections: list[list[Item]]) -> Plan:
    """The plan with new item lists, items numbered afresh in the plan's style."""
    n = 0
    new_sections = []
    for section, items in zip(plan.sections, sections, strict=True):
        relabelled = []
        for k, it in enumerate(items, 1):
            n += 1
            label = item_label(plan.item_style, n if plan.item_style == PAREN_CONTINUOUS else k)
            relabelled.append(replace(it, label=label, id=""))
        new_sections.append(replace(section, items=tuple(relabelled)))
    return replace(plan, id="draft", sections=tuple(new_sections)).with_ids()


@pytest.mark.parametrize("index", range(len(SEEDS)), ids=SEED_IDS)
def test_edits_change_the_item_count_by_one(index: int) -> None:
    """Six edits: -1 deleted, +1 added, +1 from a split: the draft has one item more."""
    plan = seed_plan(index)
    draft, _ = edited(plan)
    assert draft.item_count() == plan.item_count() + 1


@pytest.mark.parametrize("index", range(len(SEEDS)), ids=SEED_IDS)
def test_edits_touch_six_distinct_items(index: int) -> None:
    """The moved, figure, heading, deleted and split items are different items."""
    _, e = edited(seed_plan(index))
    positions = {e.moved, e.number, e.heading, e.deleted, e.split}
    assert len(positions) == 5
    assert e.moved_to != e.moved[0]


@pytest.mark.parametrize("index", range(len(SEEDS)), ids=SEED_IDS)
def test_split_parts_rejoin_to_the_original_text(index: int) -> None:
    """The two parts of the split item together are exactly the original text."""
    plan = seed_plan(index)
    _, e = edited(plan)
    original = plan.sections[e.split[0]].items[e.split[1]].text
    assert "".join(e.split_parts) == original
