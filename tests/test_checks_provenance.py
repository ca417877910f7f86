"""Items borrowed from another region keep no trace of that region's names."""

from __future__ import annotations

import pytest

from drafter.checks.provenance import check_foreign_regions, region_names
from drafter.draft import add_item, edit_item, new_draft
from drafter.library import Library


@pytest.mark.parametrize("issuer,names", [
    ("乌审旗民政局", {"乌审旗", "乌审"}),
    ("武汉经开区（汉南区）民政局", {"武汉经开区", "汉南区", "汉南"}),
    ("上海市宝山区民政局", {"宝山区", "宝山"}),
])
def test_region_names(issuer, names):
    """An office's area is named in full and in its short form."""
    assert names <= region_names(issuer)


def _draft_with_borrowed_item(home):
    library = Library.open()
    draft = new_draft(library.get("重庆市涪陵区民政局/2022"), 2027)
    wushen = library.get("乌审旗民政局/2022")
    borrowed = next(i for _, _, _, i in wushen.iter_items() if "乌审旗" in i.text or "全旗" in i.text)
    return add_item(draft, 2, 0, borrowed)


def test_borrowed_item_naming_its_region_is_flagged(home):
    """A 乌审旗 item pulled into a 涪陵 draft that still says 乌审旗/全旗 gets a warning."""
    draft = _draft_with_borrowed_item(home)
    findings = list(check_foreign_regions(draft))
    assert len(findings) == 1
    finding = findings[0]
    assert finding.code == "foreign-region" and finding.severity == "warning"
    assert "乌审旗民政局" in finding.message
    assert finding.evidence


def test_flag_clears_once_rewritten(home):
    """After the writer replaces the other region's names, the warning goes away."""
    draft = _draft_with_borrowed_item(home)
    item = draft.sections[2].items[0]
    text = item.text.replace("乌审旗", "我区").replace("全旗", "全区").replace("旗级", "区级")
    text = text.replace("乌审", "涪陵")
    edited = edit_item(draft, (2, 0), text)
    assert list(check_foreign_regions(edited)) == []


def test_own_items_are_not_flagged(home, seed_plans):
    """A draft's own items (copied from its own base plan) name its own region freely."""
    library = Library.open()
    draft = new_draft(library.get("乌审旗民政局/2022"), 2023)
    assert list(check_foreign_regions(draft)) == []


def test_run_checks_reports_foreign_region(home):
    """The full check (CLI and app) includes the borrowed-region warning."""
    from drafter.checks import run_checks

    report = run_checks(_draft_with_borrowed_item(home), year=2027)
    assert [f.code for f in report.findings].count("foreign-region") == 1
