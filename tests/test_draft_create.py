"""Starting next year's draft from a real plan: year moved forward, provenance recorded."""

from __future__ import annotations

from dataclasses import replace

import pytest

from drafter.draft import new_draft
from drafter.draft.create import shift_year
from drafter.errors import InputError
from drafter.model import Plan


def _with_ids(plan: Plan, n: int) -> Plan:
    """A seed as the library holds it: an id and item ids."""
    return replace(plan, id=f"seed/{n:03d}").with_ids()


@pytest.mark.parametrize(
    ("seed", "title", "opening"),
    [
        (0, "2027年全区民政工作要点", "做好2027年全区民政工作"),
        (1, "2027年全州民政工作要点", "2027年是"),
        (2, "2027年宝山民政工作要点", "2027年是"),
        (3, "2027年全旗民政工作要点", "2027年全旗民政工作要以"),
        (4, "2027年全区民政工作要点", "2027年，全区民政工作的总体要求是"),
    ],
)
def test_year_moves_forward_in_title_and_preamble(seed_plans, seed, title, opening):
    """The plan's own year becomes 2027 in the title and the preamble's plan-year wording."""
    draft = new_draft(_with_ids(seed_plans[seed], seed), 2027)
    assert draft.meta.title == title
    assert draft.meta.year == 2027
    assert draft.preamble[0].startswith(opening)


def test_structure_and_provenance_kept(seed_plans):
    """Sections and items are copied in order; each item's origin is the seed item's id."""
    base = _with_ids(seed_plans[0], 0)
    draft = new_draft(base, 2027)
    assert [len(s.items) for s in draft.sections] == [len(s.items) for s in base.sections]
    for (_, _, _, old), (_, _, _, new) in zip(base.iter_items(), draft.iter_items(), strict=True):
        assert new.origin == old.id
        assert new.text == old.text
        assert new.label == old.label
    assert draft.base == "seed/000"
    assert draft.id.endswith("/2027")
    assert draft.sections[1].items[0].id == f"{draft.id}#2.1"


def test_document_number_and_date_cleared(seed_plans):
    """Last year's 发文字号 and date do not carry over into the new draft."""
    base = _with_ids(seed_plans[0], 0)
    assert base.meta.doc_number
    draft = new_draft(base, 2027)
    assert draft.meta.doc_number is None and draft.meta.date is None
    assert draft.meta.issuer == base.meta.issuer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022年是党的二十大召开之年", "2027年是党的二十大召开之年"),
        ("做好2022年全区民政工作，必须", "做好2027年全区民政工作，必须"),
        ("2022年，全区民政工作的总体要求是", "2027年，全区民政工作的总体要求是"),
        ("2021年底前完成", "2021年底前完成"),
        ("截至2022年底，全区共有", "截至2022年底，全区共有"),
        ("涪民政发〔2022〕40号", "涪民政发〔2022〕40号"),
        ("办好2022年公益伙伴月", "办好2022年公益伙伴月"),
    ],
)
def test_only_the_plan_year_wording_moves(text, expected):
    """Other years (deadlines, statistics, 文号, events) stay for the checks to judge."""
    assert shift_year(text, 2022, 2027) == expected


@pytest.mark.parametrize("year", [1999, 2101])
def test_unreasonable_year_refused(seed_plans, year):
    """A plan year outside 2000–2100 is refused in Chinese."""
    with pytest.raises(InputError, match="计划年度"):
        new_draft(seed_plans[0], year)


def test_broken_numbering_repaired(seed_plans):
    """Seed 004 prints （二十） twice where （二十四） was meant; the draft numbers it right."""
    base = _with_ids(seed_plans[4], 4)
    labels = [it.label for _, _, _, it in base.iter_items()]
    assert labels.count("（二十）") == 2
    drafted = [it.label for _, _, _, it in new_draft(base, 2027).iter_items()]
    assert drafted.count("（二十）") == 1 and "（二十四）" in drafted


def test_minsheng_list_keeps_its_own_numbering(seed_plans):
    """Seed 000's 民生实事 section runs 一是、二是 inside a （一）-numbered plan; it stays so."""
    draft = new_draft(_with_ids(seed_plans[0], 0), 2027)
    assert draft.sections[-1].items[0].label == "一是"
    assert draft.sections[-2].items[-1].label == "（三十三）"
