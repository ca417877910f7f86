"""The labelled evaluation: every item labelled once, the split by group, nP@5 itself."""

from __future__ import annotations

import pytest

from bench.match_eval import Labels, Queries, load_labels, npat5, queries_of


@pytest.fixture(scope="module")
def labels() -> Labels:
    """The labels of bench/match_labels.toml, resolved against the plans."""
    return load_labels()


def test_every_item_of_every_labelled_plan_has_exactly_one_label(labels: Labels) -> None:
    """No label is ambiguous or dangling, no item is left out, every topic is declared."""
    assert labels.problems == []
    items = [it.id for p in labels.plans for _, _, _, it in p.iter_items() if it.text.strip()]
    assert len(items) == len(labels.topics) >= 180
    assert set(items) == set(labels.topics)


def test_the_five_seeds_are_labelled_each_in_its_own_group(labels: Labels) -> None:
    """The seeds are the labelled plans; each seed is a group of its own."""
    assert len(labels.plans) >= 5
    assert {"000", "001", "002", "003", "004"} <= set(labels.groups())


def test_a_held_out_group_is_never_on_both_sides(labels: Labels) -> None:
    """Leaving a group out puts all of its plans in the test part and none in tuning, and its
    queries never search a plan of their own group."""
    for group in labels.groups():
        tuning, held = labels.split(group)
        assert held and all(labels.group[p.id] == group for p in held)
        assert all(labels.group[p.id] != group for p in tuning)
        qs = queries_of(labels, held, labels.plans)
        for searched in qs.searched:
            assert all(labels.group[pid] != group for pid in searched)


def test_npat5_normalises_by_the_relevant_items_when_fewer_than_five(labels: Labels) -> None:
    """Two relevant items both in the top 5 score 1.0; one of them 0.5; five relevant items
    with three found score 0.6; hits outside the query's topics count as wrong."""
    ids = sorted(labels.topics)
    query = next(i for i in ids if "殡葬管理" in labels.topics[i])
    same = [i for i in ids if i != query and labels.topics[i] & labels.topics[query]]
    other = [i for i in ids if not labels.topics[i] & labels.topics[query]]
    qs = Queries((query,), ((),), (2,))
    assert npat5(labels, qs, [[same[0], other[0], same[1]]]) == 1.0
    assert npat5(labels, qs, [[other[0], same[0], other[1]]]) == 0.5
    five = Queries((query,), ((),), (5,))
    assert npat5(labels, five, [[same[0], other[0], same[1], other[1], same[2]]]) == 0.6
