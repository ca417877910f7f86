"""Near copies folded into one hit, the writer's own earlier years, and the plan filters."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pytest

from drafter.errors import InputError
from drafter.library.catalog import plan_with_id
from drafter.match import persist
from drafter.match.engine import Matcher, same_office
from drafter.model import Plan


def _copy(plan: Plan, issuer: str, year: int, region: str, level: str, nudge: int) -> Plan:
    """Another office's (or year's) plan that copies ``plan`` with its numbers changed."""
    def renumber(text: str) -> str:
        return re.sub(r"\d+", lambda m: str(int(m.group()) + nudge), text)

    sections = tuple(
        replace(s, items=tuple(replace(i, body=renumber(i.body)) for i in s.items))
        for s in plan.sections
    )
    meta = replace(plan.meta, issuer=issuer, year=year, region=region, level=level,
                   title=f"{year}年全旗民政工作要点")
    return plan_with_id(replace(plan, id="", meta=meta, sections=sections), f"{issuer}/{year}")


@pytest.fixture(scope="module")
def plans(seed_plans: list[Plan]) -> list[Plan]:
    """The seeds, 乌审旗's plan again as its 2021 plan, and a neighbour copying it in 2022."""
    seeds = [plan_with_id(p, f"{p.meta.issuer}/{p.meta.year}") for p in seed_plans]
    wushen = next(p for p in seeds if p.meta.issuer == "乌审旗民政局")
    earlier = _copy(wushen, "乌审旗民政局", 2021, "乌审旗", "旗", 1)
    neighbour = _copy(wushen, "鄂托克旗民政局", 2022, "鄂托克旗", "旗", 2)
    return [*seeds, earlier, neighbour]


@pytest.fixture(scope="module")
def matcher(plans: list[Plan]) -> Matcher:
    """A matcher over the seeds and the two copies."""
    return Matcher.from_plans(plans)


def _item(plan: Plan, heading: str) -> str:
    return next(it.text for _, _, _, it in plan.iter_items() if it.heading.startswith(heading))


def test_near_copies_fold_into_one_hit_listing_the_others(
    matcher: Matcher, plans: list[Plan]
) -> None:
    """The 殡葬 item of 乌审旗 2022, searched from 湘西, is one hit that names the two plans
    repeating it (numbers changed) instead of three hits with the same words."""
    text = _item(plans[3], "积极稳妥推进殡葬改革")
    hits = matcher.similar(text, k=5, exclude_plan="湘西州民政局/2023")
    top = hits[0]
    assert top.heading.startswith("积极稳妥推进殡葬改革")
    places = {top.plan, *(p.plan for p in top.also_in)}
    assert places == {"乌审旗民政局/2022", "乌审旗民政局/2021", "鄂托克旗民政局/2022"}
    assert all(h.item_id not in {p.item_id for p in top.also_in} for h in hits)
    unfolded = matcher.similar(text, k=5, exclude_plan="湘西州民政局/2023", fold=False)
    assert {h.plan for h in unfolded[:3]} == places
    data = top.to_dict()
    assert {p["plan"] for p in data["also_in"]} == places - {top.plan}  # type: ignore[union-attr]


def test_own_office_hits_are_marked(matcher: Matcher, plans: list[Plan]) -> None:
    """With the writer's office given, hits from its plans are marked own, others are not."""
    text = _item(plans[3], "加强婚姻登记规范化建设")
    hits = matcher.similar(text, k=10, office="乌审旗民政局", fold=False)
    assert any(h.own for h in hits) and any(not h.own for h in hits)
    assert all(h.own == (h.issuer == "乌审旗民政局") for h in hits)


def test_earlier_years_give_one_item_per_earlier_plan_of_the_office(
    matcher: Matcher, plans: list[Plan]
) -> None:
    """How did we write this before: for a 2023 draft of 乌审旗, the 2022 and 2021 plans'
    own 婚姻登记 items, newest first, and nothing of other offices."""
    text = "加强婚姻登记规范化建设。推进婚姻登记“跨省通办”，深化婚俗改革。"
    hits = matcher.earlier_years(text, "乌审旗民政局", before=2023, section="持续优化专项社会事务管理")
    assert [h.year for h in hits] == [2022, 2021]
    assert all(h.issuer == "乌审旗民政局" and h.own for h in hits)
    assert all(h.heading.startswith("加强婚姻登记规范化建设") for h in hits)
    assert [h.year for h in matcher.earlier_years(text, "乌审旗民政局", before=2022)] == [2021]
    with pytest.raises(InputError, match="本单位"):
        matcher.earlier_years(text, " ")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("乌审旗民政局", "乌审旗民政局", True),
        ("涪陵区民政局", "重庆市涪陵区民政局", True),
        ("乌审旗民政局", "鄂托克旗民政局", False),
        ("民政局", "乌审旗民政局", False),
        ("", "乌审旗民政局", False),
    ],
)
def test_same_office(a: str, b: str, same: bool) -> None:
    """An office is the same with or without its region prefix, never by 民政局 alone."""
    assert same_office(a, b) is same


def test_filters_by_year_range_level_and_region(matcher: Matcher) -> None:
    """Year range, level (省/市/县区) and region restrict the plans searched."""
    text = "推进殡葬改革，加强公益性公墓建设，推行节地生态安葬。"
    ranged = matcher.similar(text, k=20, year_from=2021, year_to=2022)
    assert ranged and {h.year for h in ranged} <= {2021, 2022}
    county = matcher.similar(text, k=20, level="县区")
    assert county and {h.level for h in county} <= {"区", "县", "旗"}
    city = matcher.similar(text, k=20, level="市")
    assert city and {h.plan for h in city} == {"湘西州民政局/2023"}
    assert {h.plan for h in matcher.similar(text, k=20, region="乌审", fold=False)} == {
        "乌审旗民政局/2022", "乌审旗民政局/2021"
    }
    with pytest.raises(InputError, match="级别"):
        matcher.similar(text, level="乡")


def test_saved_index_is_memory_mapped(matcher: Matcher, tmp_path, monkeypatch) -> None:
    """The saved index opens with its big arrays mapped from the file and its per-row columns
    read, and answers as the matcher it was saved from; its texts can then be read into
    memory, from the file as it was opened even when the cache has been rewritten since."""
    path = tmp_path / "index.npz"
    persist.save(matcher, path)
    monkeypatch.setattr(persist, "_READ_BELOW", 0)  # the seeds' arrays are all small
    loaded = persist.load(path)
    assert loaded is not None
    fterms = loaded.text.segments[0].fterms
    assert isinstance(fterms.base, np.memmap) and not fterms.flags.writeable
    assert not isinstance(loaded.text.form_of.base, np.memmap)
    assert not isinstance(loaded.catalog.item_section.base, np.memmap)
    assert isinstance(loaded.catalog.blob.base, np.memmap)
    mapped = [(h.item_id, h.text) for h in loaded.similar("推进殡葬改革", k=20)]
    persist.save(Matcher.from_plans([]), path)  # another program rewrites the cache meanwhile
    loaded.catalog.keep_texts()
    assert not isinstance(loaded.catalog.blob.base, np.memmap)
    assert [(h.item_id, h.text) for h in loaded.similar("推进殡葬改革", k=20)] == mapped
    query = "深化婚俗改革，推进婚姻登记跨省通办"
    assert [(h.item_id, h.score, len(h.also_in)) for h in loaded.similar(query)] == [
        (h.item_id, h.score, len(h.also_in)) for h in matcher.similar(query)
    ]


def test_texts_larger_than_the_limit_stay_mapped(matcher: Matcher, tmp_path, monkeypatch) -> None:
    """A national library's texts are not copied into memory: they stay in the file, and the
    hits and the openings scored read them from there all the same."""
    path = tmp_path / "index.npz"
    persist.save(matcher, path)
    monkeypatch.setattr(persist, "_READ_BELOW", 0)
    loaded = persist.load(path)
    assert loaded is not None
    size = len(loaded.catalog.blob)
    loaded.catalog.keep_texts(limit=size - 1)
    assert isinstance(loaded.catalog.blob.base, np.memmap)
    # The texts are read from the file, not through the mapping (whose pages would stay in
    # the program's memory): a mapping of blanks in its place changes nothing.
    blanks = tmp_path / "blanks"
    blanks.write_bytes(bytes(size))
    loaded.catalog.blob = np.memmap(blanks, dtype=np.uint8, mode="r").view(np.ndarray)
    query = "推进殡葬改革"
    assert [(h.item_id, h.text, h.score) for h in loaded.similar(query, k=20)] == [
        (h.item_id, h.text, h.score) for h in matcher.similar(query, k=20)
    ]
    loaded.catalog.keep_texts(limit=size)
    assert not isinstance(loaded.catalog.blob.base, np.memmap)
