"""Figures that no longer agree: growth rates left at last year's, totals whose parts do not add up."""

from __future__ import annotations

from drafter.checks import run_checks
from tests.test_targets_ledger import seed_pair

LOW = ("2022年拟将城乡低保标准分别提高到900元/人·月和7800元/人·年",
       "2023年拟将城乡低保标准分别提高到950元/人·月和7800元/人·年")


def findings(report, code: str):
    """The findings with ``code``."""
    return [f for f in report.findings if f.code == code]


def test_rate_recomputed_against_last_year(seed_plans):
    """900 → 950元/人·月 with 增幅达到7.1% unchanged: the rate should read 5.6%."""
    base, draft = seed_pair(seed_plans, 3, LOW)
    found = findings(run_checks(draft, base=base), "target-rate")
    assert len(found) == 1
    assert "增幅应为5.6%" in found[0].message and "7.1%" in found[0].message
    assert "900元/人·月" in found[0].message


def test_rate_updated_with_the_figure_is_fine(seed_plans):
    """When the writer updates the rate too, nothing is said."""
    base, draft = seed_pair(seed_plans, 3, LOW, ("增幅达到7.1%和8.3%", "增幅达到5.6%和8.3%"))
    assert findings(run_checks(draft, base=base), "target-rate") == []


def test_parts_that_stopped_adding_up(seed_plans):
    """Last year 6 = 4 + 2; this year the total is 7 and the parts still 4 + 2."""
    item = ("新建（改扩建）社区养老服务站4个",
            "新建（改扩建）社区养老服务站6个，其中嵌入式服务站4个、农村牧区服务站2个")
    _, base = seed_pair(seed_plans, 3, item)
    _, draft = seed_pair(seed_plans, 3, (item[0], item[1].replace("6个", "7个", 1)))
    found = findings(run_checks(draft, base=base), "target-total")
    assert len(found) == 1 and "合计6个" in found[0].message
    assert findings(run_checks(base, base=base), "target-total") == []


def test_parts_larger_than_total_without_base(seed_plans):
    """Parts that exceed their total are flagged even without last year's plan."""
    _, draft = seed_pair(seed_plans, 3, (
        "新建（改扩建）社区养老服务站4个",
        "新建（改扩建）社区养老服务站4个，其中嵌入式服务站3个、农村牧区服务站2个"))
    found = findings(run_checks(draft), "target-total")
    assert len(found) == 1 and "合计5个" in found[0].message
