"""Explanations: shared and differing wording as spans, and their rich rendering."""

from __future__ import annotations

import pytest
from rich.text import Text

from drafter.match.engine import Hit
from drafter.match.explain import NEUTRAL, ONLY, SHARED, explain
from drafter.match.render import STYLE_ONLY, STYLE_SHARED, hit_text, hits_view
from drafter.model import Plan


def _child_items(seed_plans: list[Plan]) -> tuple[str, str]:
    """The 儿童福利 items of seeds 000 and 001."""
    first = next(i for _, _, _, i in seed_plans[0].iter_items() if i.heading == "加强儿童福利工作。")
    second = next(i for _, _, _, i in seed_plans[1].iter_items() if i.heading.startswith("提升儿童福利"))
    return first.text, second.text


def test_spans_cover_both_texts(seed_plans: list[Plan]) -> None:
    """The spans of each side join back into exactly that text."""
    query, hit = _child_items(seed_plans)
    found = explain(query, hit)
    assert "".join(s.text for s in found.query) == query
    assert "".join(s.text for s in found.hit) == hit
    assert all(s.kind in (SHARED, ONLY, NEUTRAL) for s in found.hit)


def test_shared_and_only_words(seed_plans: list[Plan]) -> None:
    """Words in both are shared; words of one side only are listed for that side."""
    query, hit = _child_items(seed_plans)
    found = explain(query, hit)
    assert "事实无人抚养儿童" in found.shared
    assert "孤儿" in found.shared
    assert "心理" in found.only_in_hit
    assert "收养评估" in found.only_in_query
    assert not set(found.shared) & set(found.only_in_hit)


@pytest.mark.parametrize(
    ("query", "hit", "added"),
    [
        (
            "加强儿童福利工作。落实孤儿保障政策。",
            "加强儿童福利工作。落实孤儿保障政策，探访关爱服务100%全覆盖。",
            "探访关爱服务100%全覆盖",
        ),
        (
            "深化殡葬改革。",
            "深化殡葬改革，新建公益性公墓3处。",
            "新建公益性公墓3处",
        ),
    ],
)
def test_added_clauses(query: str, hit: str, added: str) -> None:
    """A clause of the hit whose words are new to the query is reported as added."""
    assert added in explain(query, hit).added


def test_added_ignores_lone_boilerplate() -> None:
    """A clause that only adds a boilerplate verb is not worth reporting."""
    assert explain("孤儿保障政策。", "孤儿保障政策，持续推进。").added == ()


def test_rendering_highlights_shared_and_added(seed_plans: list[Plan]) -> None:
    """The rich text of a hit styles shared words and words only the hit has."""
    query, hit_body = _child_items(seed_plans)
    hit = Hit(50.0, hit_body, "提升儿童福利工作质量。", "p", "t", "湘西州民政局", 2023,
              "强化儿童福利和未成年人综合保障", "（二）", "p#5.2")
    text = hit_text(hit, explain(query, hit_body), rank=1)
    styles = {str(span.style) for span in text.spans}
    assert STYLE_SHARED in styles and STYLE_ONLY in styles
    assert text.plain.startswith("1. 50.0 分  湘西州民政局 2023")


def test_no_hits_says_what_to_do() -> None:
    """An empty result explains itself in Chinese."""
    group = hits_view("随便", [])
    assert isinstance(group.renderables[0], Text)
    assert "没有找到" in group.renderables[0].plain
