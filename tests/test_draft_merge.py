"""Merging a similar item's wording: only the sentences the draft lacks are added."""

from __future__ import annotations

from drafter.draft.merge import merge_text, new_sentences, sentences


def test_sentences_keep_their_punctuation():
    """Sentences end at 。；！？ and keep the mark."""
    assert sentences("加强儿童福利工作。落实孤儿保障；提高标准") == [
        "加强儿童福利工作。", "落实孤儿保障；", "提高标准"]


def test_merge_adds_only_new_sentences(seed_plans):
    """Merging a real item with another region's adds its unseen sentences and nothing twice."""
    mine = seed_plans[0].sections[3].items[1].text  # 涪陵: 加强儿童福利工作。
    other = seed_plans[3].sections[3].items[0].text
    merged = merge_text(mine, other)
    assert merged.startswith(mine)
    added = new_sentences(mine, other)
    assert added and all(s in merged for s in added)
    assert merge_text(merged, other) == merged


def test_merge_with_itself_changes_nothing(seed_plans):
    """An item merged with its own text is unchanged."""
    text = seed_plans[1].sections[0].items[0].text
    assert merge_text(text, text) == text
