"""Word-level changes: jieba tokens, character refinement, figures as number changes."""

from __future__ import annotations

import pytest
from test_diff_edits import seed_plan

from drafter.diff.words import tokens, word_diff

# A sentence of seed 001 (湘西州 2023), the standards it raises.
LOW = "提高城乡低保标准，其中城市低保标准不低于650元/月，农村低保标准不低于5000元/年。"


def _edits(base: str, draft: str) -> list[tuple[str, str, str]]:
    return [(c.op, c.base, c.draft) for c in word_diff(base, draft) if c.op != "equal"]


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        (LOW.replace("650元/月", "680元/月"), [("replace", "650元/月", "680元/月")]),
        (LOW.replace("5000元/年", "5400元/年"), [("replace", "5000元/年", "5400元/年")]),
        (LOW.replace("其中", ""), [("delete", "其中", "")]),
        (LOW.replace("提高城乡", "稳步提高城乡"), [("insert", "", "稳步")]),
        (LOW.replace("不低于650", "达到650"), [("replace", "不低于", "达到")]),
        (LOW, []),
    ],
)
def test_word_changes_on_a_seed_sentence(draft: str, expected: list[tuple[str, str, str]]) -> None:
    """Each edit of the sentence is reported as exactly that edit, in whole words."""
    assert _edits(LOW, draft) == expected


@pytest.mark.parametrize(
    ("base", "draft", "values", "label"),
    [
        ("城市低保标准不低于650元/月", "城市低保标准不低于680元/月", (650, 680), "650→680元/月"),
        ("改造3万户", "改造5万户", (30000, 50000), "3→5万户"),
        ("护理型床位占比55%", "护理型床位占比60%", (55, 60), "55→60%"),
        ("新建乡镇养老服务中心5个", "新建乡镇养老服务中心7个", (5, 7), "5→7个"),
    ],
)
def test_changed_figures_are_number_changes(
    base: str, draft: str, values: tuple[int, int], label: str
) -> None:
    """A changed figure carries both values (multipliers applied) and reads old→new unit."""
    numbers = [c.number for c in word_diff(base, draft) if c.number]
    assert len(numbers) == 1
    assert (numbers[0].base_value, numbers[0].draft_value) == values
    assert numbers[0].label == label


def test_a_changed_year_is_wording_not_a_number_change() -> None:
    """2022年 → 2023年 is a replacement of words, not a target figure."""
    changes = word_diff("做好2022年元旦春节期间走访慰问", "做好2023年元旦春节期间走访慰问")
    assert [c.number for c in changes if c.op != "equal"] == [None]


def test_punctuation_width_is_no_change() -> None:
    """ASCII and full-width commas and brackets read the same (web copies mix them)."""
    assert _edits("各乡镇(街道)民政办,机关各科室", "各乡镇（街道）民政办，机关各科室") == []


def test_long_items_keep_common_words() -> None:
    """With autojunk off, 的/和/工作 in a long item are not junk: one inserted word stays one
    insertion, not a rewrite of the whole item."""
    item = max((it for _, _, _, it in seed_plan(0).iter_items()), key=lambda it: len(it.text))
    assert len(tokens(item.text)) > 200
    cut = item.text.index("。") + 1
    draft = item.text[:cut] + "切实" + item.text[cut:]
    assert _edits(item.text, draft) == [("insert", "", "切实")]


def test_coarse_word_changes_are_refined_to_characters() -> None:
    """jieba cuts 服务水平 as one word but 服务|能力 as two; the change is still just 能力→水平,
    not the whole of 服务能力 → 服务水平."""
    assert tokens("服务水平") == ["服务水平"]
    edits = _edits("推动基层民政服务能力提升", "推动基层民政服务水平提升")
    assert edits == [("replace", "能力", "水平")]


@pytest.mark.parametrize("index", range(5))
def test_changes_rebuild_both_texts(index: int) -> None:
    """Joining the base sides gives last year's text, the draft sides the draft's, for items
    of one seed diffed against another's (heavy rewording)."""
    mine = [it.text for _, _, _, it in seed_plan(index).iter_items()]
    other = [it.text for _, _, _, it in seed_plan((index + 1) % 5).iter_items()]
    for a, b in zip(mine, other, strict=False):
        changes = word_diff(a, b)
        assert "".join(c.base for c in changes) == a
        assert "".join(c.draft for c in changes) == b
