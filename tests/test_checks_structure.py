"""Form checks: numbering, empty sections, duplicates, punctuation, dates and document numbers."""

from __future__ import annotations

from dataclasses import replace

import pytest

from drafter.checks.structure import (
    check_duplicates,
    check_empty_sections,
    check_formats,
    check_numbering,
    check_punctuation,
    label_number,
)
from drafter.model import Item, Meta, Plan, Section


@pytest.mark.parametrize(
    ("label", "parsed"),
    [("（十三）", ("paren", 13)), ("(三)", ("paren", 3)), ("三是", ("shi", 3)),
     ("12.", ("arabic", 12)), ("（2）", ("paren-arabic", 2)), ("", None), ("其他", None)],
)
def test_label_number(label, parsed):
    """Labels in every style read as style and number."""
    assert label_number(label) == parsed


def test_seed_004_numbering(seed_plans):
    """Seed 004's broken numbering is reported: 十三) and bare 三十一 repaired, （二十） twice."""
    findings = check_numbering(seed_plans[4])
    messages = {(f.item, f.message) for f in findings}
    assert ("（二十）", "编号“（二十）”不连续，按顺序应为“（二十四）”。") in messages
    assert any("十三)" in m for _i, m in messages)
    assert any("三十一" in m and item == "（三十一）" for item, m in messages)
    assert len(findings) == 3
    assert all(f.section for f in findings)


@pytest.mark.parametrize("n", range(4))
def test_clean_seeds_have_no_numbering_findings(seed_plans, n):
    """Seeds 000–003 are numbered correctly (continuous, restarting, 一是 and a 民生实事 list)."""
    assert check_numbering(seed_plans[n]) == []


def sample_plan(*sections: Section) -> Plan:
    """A small plan with the given sections."""
    return Plan(meta=Meta(title="2025年全区民政工作要点", year=2025), sections=sections)


def test_mixed_styles_and_gaps():
    """Mixing （一） and 一是 in one section, and skipping a number, are reported."""
    plan = sample_plan(Section("一、", "社会救助", items=(
        Item("（一）", "健全救助体系。"), Item("（三）", "加强临时救助。"), Item("一是", "做好核对。"))))
    codes = [f.message for f in check_numbering(plan)]
    assert any("应为“（二）”" in m for m in codes)
    assert any("混用" in m for m in codes)


def test_section_numbering_gap():
    """Section numbers that skip are reported."""
    plan = sample_plan(Section("一、", "党建"), Section("三、", "救助"))
    assert [f.evidence for f in check_numbering(plan)] == ["三、"]


def test_empty_section(seed_plans):
    """A section without items or paragraphs is reported; seed 003's paragraph-only section is not."""
    assert check_empty_sections(seed_plans[3]) == []
    plan = sample_plan(Section("一、", "党建", items=(Item("（一）", "加强党建。"),)),
                       Section("二、", "社会救助"))
    (f,) = check_empty_sections(plan)
    assert (f.code, f.section) == ("empty-section", "社会救助")


def test_duplicate_item(seed_plans):
    """An item pasted twice is a duplicate; seed 001's two items sharing a sentence are noted."""
    plan = seed_plans[2]
    sections = list(plan.sections)
    first = sections[0]
    sections[0] = replace(first, items=(*first.items, first.items[0]))
    findings = check_duplicates(replace(plan, sections=tuple(sections)))
    assert [f.code for f in findings if f.code == "duplicate-item"] == ["duplicate-item"]
    shared = check_duplicates(seed_plans[1])
    assert [f.code for f in shared] == ["duplicate-sentence"]
    assert "一体化平台" in shared[0].evidence and shared[0].item == "（六）"


def test_punctuation(seed_plans):
    """ASCII brackets around Chinese text are reported once per paragraph with a count."""
    findings = check_punctuation(seed_plans[1])
    assert findings and all(f.code == "punctuation" for f in findings)
    plan = sample_plan(Section("一、", "救助", items=(Item("（一）", "加强救助,做好保障;落实政策。"),)))
    (f,) = check_punctuation(plan)
    assert "2处" in f.message


def test_decimals_are_not_punctuation():
    """Dots and commas between digits (3.0, 6.19, 1,000) are not flagged."""
    plan = sample_plan(Section("一、", "救助", items=(Item("（一）", "推进3.0系统，开展6.19活动。"),)))
    assert check_punctuation(plan) == []


def test_seed_004_formats(seed_plans):
    """Seed 004's mangled date and document number are reported."""
    found = {(f.code, f.evidence) for f in check_formats(seed_plans[4])}
    assert ("date-format", "202041日") in found
    assert ("doc-number", "〔202095") in found


@pytest.mark.parametrize(
    ("text", "code"),
    [("依据民发[2023]5号文件", "doc-number"), ("于2023.3.5召开", "date-format")],
)
def test_format_forms(text, code):
    """Square brackets in a document number and dotted dates are reported."""
    plan = sample_plan(Section("一、", "救助", items=(Item("（一）", text),)))
    assert [f.code for f in check_formats(plan)] == [code]


def test_meta_doc_number():
    """A document number in the metadata without 〔〕 is reported."""
    plan = replace(sample_plan(), meta=Meta(title="t", year=2025, doc_number="涪民政发(2025)3号"))
    assert [f.code for f in check_formats(plan)] == ["doc-number"]
