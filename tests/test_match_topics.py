"""Topics found in the seeds' own section titles and headings."""

from __future__ import annotations

import pytest

from drafter.library.catalog import plan_with_id
from drafter.match.topics import Topic, find_topic, items_for, topics
from drafter.model import Plan


@pytest.fixture(scope="module")
def found(seed_plans: list[Plan]) -> list[Topic]:
    """The topics of the five seeds."""
    return topics(plan_with_id(p, f"seed-{p.source.file[:3]}") for p in seed_plans)


@pytest.mark.parametrize(
    ("query", "marker", "plans"),
    [
        ("儿童福利", "儿童", 3),
        ("养老服务", "养老", 5),
        ("社会组织", "社会组织", 5),
        ("殡葬改革", "殡葬", 4),
        ("社会救助", "救助", 4),
        ("婚姻登记", "婚", 4),
    ],
)
def test_task_areas_become_topics(found: list[Topic], query: str, marker: str, plans: int) -> None:
    """Each task area is one topic spanning several plans; nearly all its items name the
    area in their heading or section title (the rest come in through merged terms)."""
    topic = find_topic(found, query)
    assert topic is not None
    assert topic.plans >= plans
    named = sum(marker in i.section + i.heading for i in topic.items)
    assert named >= 0.8 * len(topic.items)


def test_merged_terms_form_one_topic(found: list[Topic]) -> None:
    """儿童福利 and 未成年人保护 name the same items and merge into one topic."""
    assert find_topic(found, "未成年人保护") is find_topic(found, "儿童福利")


def test_items_follow_their_section(found: list[Topic]) -> None:
    """An item with a vague heading (强化党建引领) is filed under its section's topic."""
    topic = find_topic(found, "社会组织")
    assert topic is not None
    assert any(i.heading == "强化党建引领。" for i in topic.items)


def test_items_for_a_year(found: list[Topic]) -> None:
    """items_for(year=…) keeps the items of plans of that year only."""
    topic = find_topic(found, "殡葬")
    assert topic is not None
    in_2022 = items_for(topic, year=2022)
    assert in_2022 and {i.year for i in in_2022} == {2022}
    assert len(in_2022) < len(topic.items)


def test_boilerplate_is_never_a_topic(found: list[Topic]) -> None:
    """Words found in every kind of item (加强, 工作, 推进, 建设) do not become topics."""
    names = {t for topic in found for t in topic.terms}
    assert not names & {"加强", "工作", "推进", "建设", "发展", "机制"}


def test_unknown_topic_is_none(found: list[Topic]) -> None:
    """A name that matches no topic gives None (the CLI turns it into a message)."""
    assert find_topic(found, "航天发射") is None


def test_no_plans_no_topics() -> None:
    """An empty library has no topics."""
    assert topics([]) == []
