"""Ranking on the real seeds: items about the same task first, boilerplate low."""

from __future__ import annotations

import pytest

from drafter.library.catalog import plan_with_id
from drafter.match.engine import Matcher, make_query
from drafter.model import Plan


@pytest.fixture(scope="module")
def library_plans(seed_plans: list[Plan]) -> list[Plan]:
    """The seeds under ids seed-000 … seed-004."""
    return [plan_with_id(p, f"seed-{p.source.file[:3]}") for p in seed_plans]


@pytest.fixture(scope="module")
def matcher(library_plans: list[Plan]) -> Matcher:
    """A matcher over the five seeds."""
    return Matcher.from_plans(library_plans)


def _item_id(plans: list[Plan], seed: str, heading_start: str) -> str:
    """The id of the seed item whose heading starts with ``heading_start``."""
    for plan in plans:
        if plan.id == f"seed-{seed}":
            for _, _, _, item in plan.iter_items():
                if item.heading.startswith(heading_start):
                    return item.id
    raise AssertionError(f"{seed}: no item headed {heading_start}")


@pytest.mark.parametrize(
    ("seed", "heading", "marker", "top"),
    [
        ("000", "加强儿童福利工作", "儿童", 4),
        ("001", "提升儿童福利工作质量", "儿童", 3),
        ("004", "落实事实无人抚养儿童保障政策", "儿童", 2),
        ("003", "积极稳妥推进殡葬改革", "殡葬", 3),
        ("000", "优化婚姻登记服务", "婚", 3),
        ("002", "推动慈善事业发展", "慈善", 3),
        ("001", "强化党建引领", "社会组织", 3),
    ],
)
def test_same_task_of_other_plans_comes_first(
    matcher: Matcher, library_plans: list[Plan], seed: str, heading: str, marker: str, top: int
) -> None:
    """An item's first hits are other plans' items on the same task (marker in the hit's
    heading or section title), and never items of its own plan."""
    item_id = _item_id(library_plans, seed, heading)
    hits = matcher.similar_to(item_id, k=top)
    assert len(hits) == top
    assert all(h.plan != f"seed-{seed}" for h in hits)
    assert all(marker in h.heading + h.section for h in hits), [h.heading for h in hits]


def test_child_welfare_hits_come_from_other_regions(
    matcher: Matcher, library_plans: list[Plan]
) -> None:
    """The 儿童福利 item of seed 000 finds the 儿童福利 items of 湘西州 and 武汉经开区 first."""
    hits = matcher.similar_to(_item_id(library_plans, "000", "加强儿童福利工作"), k=4)
    assert {h.plan for h in hits} == {"seed-001", "seed-004"}
    assert hits[0].heading == "提升儿童福利工作质量。"


def test_boilerplate_only_overlap_ranks_low(matcher: Matcher) -> None:
    """A query made only of boilerplate scores well below a query naming a task (its best
    hit about half as high or less), and an item sharing only boilerplate with a task query
    does not reach its top hits."""
    boiler = matcher.similar("坚持加强推进工作机制，进一步健全完善工作体系，切实提升工作水平。", k=1)
    task = matcher.similar("推进殡葬改革，加强公益性公墓建设，推行节地生态安葬。", k=5)
    assert boiler[0].score < 0.55 * task[0].score
    assert all("殡葬" in h.text or "墓" in h.text for h in task)


def test_scores_are_sorted_and_bounded(matcher: Matcher) -> None:
    """Hits come best first with scores on 0..100; an identical text scores highest."""
    text = "持续优化婚登服务。深化婚俗改革，推进婚姻登记“跨省通办”。"
    hits = matcher.similar(text, k=10)
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 100 for s in scores)
    assert "婚" in hits[0].heading


def test_filters(matcher: Matcher) -> None:
    """year, issuer and exclude_plan restrict the plans searched."""
    text = "加强儿童福利工作，提高孤儿基本生活保障标准。"
    assert {h.year for h in matcher.similar(text, k=5, year=2022)} == {2022}
    assert {h.plan for h in matcher.similar(text, k=5, issuer="湘西")} == {"seed-001"}
    excluded = matcher.similar(text, k=50, exclude_plan=["seed-000", "seed-001"])
    assert excluded and not {h.plan for h in excluded} & {"seed-000", "seed-001"}


def test_section_context_finds_items_with_vague_headings(matcher: Matcher) -> None:
    """Given its section title, a vague heading (强化党建引领) finds 社会组织 items."""
    text = "强化党建引领。推进社会组织党的组织和党的工作有效覆盖。"
    with_context = matcher.similar(text, k=3, section="引导社会组织健康有序发展",
                                   exclude_plan="seed-001")
    assert all("社会组织" in h.section + h.heading for h in with_context)


def test_empty_query_is_an_input_error() -> None:
    """A blank query is refused with a Chinese message."""
    from drafter.errors import InputError

    with pytest.raises(InputError, match="检索文字为空"):
        make_query("   ")


def test_words_the_library_lacks_find_nothing(matcher: Matcher) -> None:
    """A query none of whose words occur in the library returns no hits, not random ones."""
    assert matcher.similar("qqq zzz。。。") == []
