"""Edits of a draft on real seed plans: each returns a new, renumbered plan."""

from __future__ import annotations

from dataclasses import replace

import pytest

from drafter.draft import (
    add_item,
    add_section,
    delete_item,
    delete_section,
    edit_item,
    move_item,
    move_to_section,
    new_draft,
    rename_section,
    renumber,
    set_meta,
)
from drafter.draft.edit import item_text, parse_item_text, replace_item, set_preamble
from drafter.errors import InputError
from drafter.model import Plan


def _draft(seed_plans: list[Plan], n: int) -> Plan:
    """A 2027 draft from seed ``n``."""
    return new_draft(replace(seed_plans[n], id=f"seed/{n:03d}").with_ids(), 2027)


def _labels(plan: Plan) -> list[list[str]]:
    """Item labels per section."""
    return [[it.label for it in s.items] for s in plan.sections]


@pytest.mark.parametrize(
    ("seed", "first", "second_section_first"),
    [
        (0, "（一）", "（四）"),  # continuous: section 一 keeps 3 items, so 二 opens with （四）
        (1, "（一）", "（一）"),  # restarting in every section
        (2, "一是", "一是"),  # 一是 二是
    ],
)
def test_renumber_keeps_the_plan_style(seed_plans, seed, first, second_section_first):
    """After deleting the first item, numbering closes the gap in the plan's own style."""
    draft = _draft(seed_plans, seed)
    after = delete_item(draft, (0, 0))
    assert after.sections[0].items[0].label == first
    assert after.sections[1].items[0].label == second_section_first
    assert after.sections[0].items[0].text == draft.sections[0].items[1].text


def test_continuous_numbering_runs_through_sections(seed_plans):
    """Seed 000 numbers （一）…（四十三） across the plan; a move keeps the run unbroken."""
    draft = _draft(seed_plans, 0)
    moved, pos = move_item(draft, (0, 3), +1)
    assert pos == (1, 0)
    labels = [label for section in _labels(moved) for label in section]
    assert labels[:6] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"]
    assert moved.sections[1].items[0].text == draft.sections[0].items[3].text


def test_move_up_and_down_within_a_section(seed_plans):
    """Moving swaps neighbours, keeps provenance and reports the new position."""
    draft = _draft(seed_plans, 1)
    down, pos = move_item(draft, (2, 0), +1)
    assert pos == (2, 1)
    assert down.sections[2].items[1].origin == draft.sections[2].items[0].origin
    up, back = move_item(down, pos, -1)
    assert back == (2, 0)
    assert up == draft


def test_move_stops_at_the_ends(seed_plans):
    """The very first item cannot move up; the plan is returned unchanged."""
    draft = _draft(seed_plans, 1)
    same, pos = move_item(draft, (0, 0), -1)
    assert same is draft and pos == (0, 0)


def test_move_to_section_appends(seed_plans):
    """An item moved to another section goes to its end."""
    draft = _draft(seed_plans, 1)
    moved, pos = move_to_section(draft, (0, 0), 3)
    assert pos == (3, len(draft.sections[3].items))
    assert moved.sections[3].items[-1].text == draft.sections[0].items[0].text
    assert len(moved.sections[0].items) == len(draft.sections[0].items) - 1


def test_add_item_records_where_it_came_from(seed_plans):
    """An item taken from another plan keeps that item's id as its origin."""
    draft = _draft(seed_plans, 0)
    other = replace(seed_plans[3], id="seed/003").with_ids()
    source = other.sections[3].items[2]
    added = add_item(draft, 2, 1, source)
    assert added.sections[2].items[1].origin == "seed/003#4.3"
    assert added.sections[2].items[1].text == source.text
    assert added.item_count() == draft.item_count() + 1


def test_edit_item_splits_heading_and_body(seed_plans):
    """Editor text: the first line is the heading, the rest the body; provenance kept."""
    draft = _draft(seed_plans, 0)
    edited = edit_item(draft, (0, 0), "加强政治建设。\n学习贯彻党的二十大精神。")
    item = edited.sections[0].items[0]
    assert (item.heading, item.body) == ("加强政治建设。", "学习贯彻党的二十大精神。")
    assert item.origin == draft.sections[0].items[0].origin


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_editor_text_roundtrip(seed_plans, seed):
    """Showing an item in the editor and reading it back changes nothing."""
    for _, _, _, item in seed_plans[seed].iter_items():
        heading, body, subitems = parse_item_text(item_text(item))
        if item.heading:
            assert heading + body == item.heading + item.body
        assert [s.text for s in subitems] == [s.text for s in item.subitems]


def test_sections_add_rename_delete(seed_plans):
    """A new section is numbered in place; renaming and deleting renumber the rest."""
    draft = _draft(seed_plans, 1)
    added = add_section(draft, 1, "  全力办好民生实事  ")
    assert added.sections[1].label == "二、" and added.sections[1].title == "全力办好民生实事"
    assert added.sections[2].label == "三、"
    renamed = rename_section(added, 1, "办好民生实事")
    assert renamed.sections[1].title == "办好民生实事"
    assert delete_section(renamed, 1) == draft


def test_empty_section_title_refused(seed_plans):
    """A section needs a title."""
    with pytest.raises(InputError, match="标题"):
        add_section(_draft(seed_plans, 1), 0, "   ")


def test_replace_item_changes_provenance(seed_plans):
    """Replacing an item with a similar one takes its text and its origin."""
    draft = _draft(seed_plans, 0)
    other = replace(seed_plans[2], id="seed/002").with_ids()
    replaced = replace_item(draft, (1, 0), other.sections[1].items[0])
    assert replaced.sections[1].items[0].origin == "seed/002#2.1"
    assert replaced.sections[1].items[0].label == draft.sections[1].items[0].label


def test_metadata_and_preamble(seed_plans):
    """Metadata and the preamble are edited as whole values; unknown fields are refused."""
    draft = _draft(seed_plans, 0)
    changed = set_meta(draft, doc_number="涪民政发〔2027〕1号", date="2027-01-05")
    assert changed.meta.doc_number == "涪民政发〔2027〕1号"
    assert set_preamble(changed, "第一段。\n\n第二段。").preamble == ("第一段。", "第二段。")
    with pytest.raises(InputError, match="字段"):
        set_meta(draft, colour="red")


def test_renumber_is_idempotent(seed_plans):
    """Renumbering a draft twice gives the same plan."""
    draft = _draft(seed_plans, 4)
    assert renumber(renumber(draft)) == draft
