"""Alignment of two plans: the diff reports exactly the known edits and nothing else."""

from __future__ import annotations

from dataclasses import replace

import pytest
from test_diff_edits import NEW_ITEM, SEED_IDS, SEEDS, edited, seed_plan

from drafter.diff import diff_plans
from drafter.diff.model import ItemPair, PlanDiff

ALL = [pytest.param(i, id=name) for i, name in enumerate(SEED_IDS)]


def _diff(index: int) -> tuple[PlanDiff, object]:
    plan = seed_plan(index)
    draft, edits = edited(plan)
    return diff_plans(plan, draft), edits


def _by_base(diff: PlanDiff, section: int, item: int) -> ItemPair:
    """The pair holding the base item at 0-based (section, item)."""
    for p in diff.pairs:
        if any(b.section == section + 1 and b.item == item + 1 for b in p.bases):
            return p
    raise AssertionError(f"no pair for base item {section}.{item}")


@pytest.mark.parametrize("index", ALL)
def test_summary_counts_exactly_the_edits(index: int) -> None:
    """One moved, two changed (figure, heading), one removed, one added, one split; rest same."""
    diff, _ = _diff(index)
    n = seed_plan(index).item_count()
    s = diff.summary
    assert (s.moved, s.changed, s.removed, s.added, s.split, s.merged) == (1, 2, 1, 1, 1, 0)
    assert s.same == n - 5
    assert s.sections_changed == 0
    assert s.numbers == 1


@pytest.mark.parametrize("index", ALL)
def test_moved_item_is_recognised_across_sections(index: int) -> None:
    """The moved item is paired with itself in its new section, wording unchanged."""
    diff, e = _diff(index)
    pair = _by_base(diff, *e.moved)
    assert pair.status == "moved"
    assert pair.draft is not None and pair.draft.section == e.moved_to + 1
    assert not pair.text_changed and pair.similarity == 1.0


@pytest.mark.parametrize("index", ALL)
def test_changed_figure_is_a_number_change(index: int) -> None:
    """The changed figure is reported as one number change with both values."""
    diff, e = _diff(index)
    pair = _by_base(diff, *e.number)
    assert pair.status == "changed"
    assert [(n.base, n.draft) for n in pair.numbers] == [(e.number_from, e.number_to)]
    edits = [c for c in pair.changes if c.op != "equal"]
    assert [(c.op, c.base, c.draft) for c in edits] == [("replace", e.number_from, e.number_to)]


@pytest.mark.parametrize("index", ALL)
def test_reworded_heading_shows_only_the_new_words(index: int) -> None:
    """The reworded heading is one replacement of the two changed characters."""
    diff, e = _diff(index)
    pair = _by_base(diff, *e.heading)
    assert pair.status == "changed"
    edits = [(c.base, c.draft) for c in pair.changes if c.op != "equal"]
    assert len(edits) == 1
    base_part, draft_part = edits[0]
    assert e.heading_from in base_part and e.heading_to in draft_part
    assert len(draft_part) <= 4


@pytest.mark.parametrize("index", ALL)
def test_deleted_and_added_items(index: int) -> None:
    """The deleted item is removed, the new item added, and nothing else either way."""
    diff, e = _diff(index)
    removed = [p for p in diff.pairs if p.status == "removed"]
    added = [p for p in diff.pairs if p.status == "added"]
    assert [(p.base.section, p.base.item) for p in removed] == [
        (e.deleted[0] + 1, e.deleted[1] + 1)
    ]
    assert len(added) == 1 and added[0].draft.section == e.added_to + 1
    assert added[0].draft.text.startswith("推进民政数据共享。")


@pytest.mark.parametrize("index", ALL)
def test_split_item_is_said_to_be_split(index: int) -> None:
    """The split item pairs with both its parts, not as a change plus an addition."""
    diff, e = _diff(index)
    pair = _by_base(diff, *e.split)
    assert pair.status == "split"
    assert tuple(p.text for p in pair.draft_parts) == e.split_parts
    assert not pair.text_changed


@pytest.mark.parametrize("index", ALL)
def test_merging_two_items_is_said_to_be_a_merge(index: int) -> None:
    """Diffing the other way round, the split becomes a merge of two items into one."""
    plan = seed_plan(index)
    draft, e = edited(plan)
    diff = diff_plans(draft, plan)
    merged = [p for p in diff.pairs if p.status == "merged"]
    assert len(merged) == 1
    assert tuple(b.text for b in merged[0].base_parts) == e.split_parts
    s = diff.summary
    assert (s.moved, s.changed, s.removed, s.added, s.split, s.merged) == (1, 2, 1, 1, 0, 1)


@pytest.mark.parametrize("index", ALL)
def test_a_plan_against_itself_is_all_same(index: int) -> None:
    """No edits, no changes: every item and section is the same."""
    plan = seed_plan(index)
    diff = diff_plans(plan, plan)
    assert {p.status for p in diff.pairs} == {"same"}
    assert {s.status for s in diff.sections} == {"same"}
    assert len(diff.pairs) == plan.item_count()


@pytest.mark.parametrize("index", ALL)
def test_renumbering_alone_is_no_change(index: int) -> None:
    """Labels are not content: relabelling every item changes nothing."""
    plan = seed_plan(index)
    sections = tuple(
        replace(s, items=tuple(replace(it, label=f"（{k}）") for k, it in enumerate(s.items)))
        for s in plan.sections
    )
    diff = diff_plans(plan, replace(plan, sections=sections))
    assert diff.summary.same == plan.item_count()


@pytest.mark.parametrize("index", ALL)
def test_reading_order_follows_the_draft(index: int) -> None:
    """Pairs come in draft order, with the removed item just after its former neighbour."""
    diff, e = _diff(index)
    drafted = [(d.section, d.item) for p in diff.pairs for d in p.drafts[:1]]
    assert drafted == sorted(drafted)
    k = next(i for i, p in enumerate(diff.pairs) if p.status == "removed")
    if e.deleted[1] > 0:
        before = diff.pairs[k - 1]
        assert any(b.section == e.deleted[0] + 1 and b.item == e.deleted[1] for b in before.bases)


@pytest.mark.parametrize(
    ("old", "new", "status"),
    [
        ("健全社会救助体系", "健全分层分类社会救助体系", "changed"),
        ("健全社会救助体系", "健全社会救助体系", "same"),
    ],
)
def test_section_title_rewording(old: str, new: str, status: str) -> None:
    """A reworded section title keeps the section paired and marks it changed."""
    plan = seed_plan(1)
    k = next(i for i, s in enumerate(plan.sections) if s.title == old)
    sections = list(plan.sections)
    sections[k] = replace(sections[k], title=new)
    diff = diff_plans(plan, replace(plan, sections=tuple(sections)))
    pair = next(s for s in diff.sections if s.base and s.base.title == old)
    assert pair.status == status
    assert pair.draft is not None and pair.draft.title == new
    assert diff.summary.same == plan.item_count()


def test_seeds_are_present() -> None:
    """The five seeds are there (every test above depends on them)."""
    assert len(SEEDS) == 5


@pytest.mark.parametrize("index", ALL)
def test_an_item_replaced_in_place_is_removed_plus_added(index: int) -> None:
    """A new task written where an old one stood is not a rewording of it."""
    plan = seed_plan(index)
    k = next(i for i, s in enumerate(plan.sections) if len(s.items) >= 3)
    items = list(plan.sections[k].items)
    items[1] = replace(NEW_ITEM, label=items[1].label)
    sections = list(plan.sections)
    sections[k] = replace(sections[k], items=tuple(items))
    diff = diff_plans(plan, replace(plan, sections=tuple(sections)))
    s = diff.summary
    assert (s.removed, s.added, s.changed, s.moved) == (1, 1, 0, 0)
    assert s.same == plan.item_count() - 1


@pytest.mark.parametrize("index", ALL)
def test_swapping_two_items_in_a_section_moves_one(index: int) -> None:
    """Two neighbours swapped: one of them moved (the smallest explanation), nothing else."""
    plan = seed_plan(index)
    k = next(i for i, s in enumerate(plan.sections) if len(s.items) >= 2)
    items = list(plan.sections[k].items)
    items[0], items[1] = items[1], items[0]
    sections = list(plan.sections)
    sections[k] = replace(sections[k], items=tuple(items))
    s = diff_plans(plan, replace(plan, sections=tuple(sections))).summary
    assert (s.moved, s.changed, s.added, s.removed, s.same) == (1, 0, 0, 0, plan.item_count() - 1)


@pytest.mark.parametrize("index", ALL)
def test_split_with_a_new_heading_is_still_a_split(index: int) -> None:
    """The writer gives the second part a heading of its own: still one split, now reworded."""
    plan = seed_plan(index)
    draft, e = edited(plan)
    si = e.split[0]
    items = list(draft.sections[si].items)
    second = next(i for i, it in enumerate(items) if it.text == e.split_parts[1])
    items[second] = replace(items[second], heading="强化重点领域风险防范。" + items[second].heading)
    sections = list(draft.sections)
    sections[si] = replace(sections[si], items=tuple(items))
    diff = diff_plans(plan, replace(draft, sections=tuple(sections)))
    pair = next(p for p in diff.pairs if p.status == "split")
    assert pair.text_changed
    assert [(c.op, c.draft) for c in pair.changes if c.op != "equal"] == [
        ("insert", "强化重点领域风险防范。")
    ]
    assert diff.summary.split == 1 and diff.summary.added == 1
