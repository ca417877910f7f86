"""The target ledger on an edited copy of a real seed: kept, raised, lowered, dropped, new."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.checks import run_checks
from drafter.ingest import read_plan
from drafter.targets.extract import extract_from_text
from drafter.targets.ledger import compare, compare_targets, similarity

# Edits that turn seed 001 (2023) into next year's draft.
EDITS = [
    ("城市低保标准不低于650元/月", "城市低保标准不低于700元/月"),           # raised standard
    ("散居孤儿基本生活最低保障标准提高到1100元/月",
     "散居孤儿基本生活最低保障标准提高到1000元/月"),                      # lowered standard
    ("完成1095户困难老年人居家适老化改造。", ""),                          # dropped flow
    ("建成18个以上养老助餐点。", "建成20个以上老年助餐点。新建社区儿童之家30个。"),  # renamed + new
    ("推进养老机构新增200张护理型床位", "推进养老机构新增150张护理型床位"),      # lowered flow
    ("2023年全州民政工作要点", "2024年全州民政工作要点"),
]


@pytest.fixture()
def edited(seed_paths, tmp_path) -> Path:
    """Seed 001 with the edits applied, written to a temp file."""
    text = seed_paths[1].read_text(encoding="utf-8")
    for old, new in EDITS:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "draft.txt"
    path.write_text(text, encoding="utf-8")
    return path


def by_subject(entries):
    """Ledger entries keyed by the draft's (or base's) subject."""
    return {e.target.subject: e for e in entries}


def test_ledger_statuses(seed_plans, edited):
    """Each edit shows up with the right status against the original seed."""
    entries = by_subject(compare(seed_plans[1], read_plan(edited)))
    expected = {
        "城市低保标准": "raised",
        "农村低保标准": "kept",
        "散居孤儿基本生活最低保障标准": "lowered",
        "困难老年人居家适老化改造": "dropped",
        "老年助餐点": "raised",
        "社区儿童之家": "new",
        "护理型床位": "lowered",
    }
    assert {s: entries[s].status for s in expected} == expected
    assert entries["老年助餐点"].base.subject == "养老助餐点"
    assert entries["城市低保标准"].change == 50


def severity_of(report, code: str, subject: str) -> str:
    """The severity of the one finding with this code about this subject."""
    found = [f.severity for f in report.findings if f.code == code and f"“{subject}”" in f.message]
    assert len(found) == 1, (code, subject, found)
    return found[0]


def test_ledger_findings_severity(home, seed_plans, edited):
    """A lowered standard is an error, a kept standard a warning, a dropped flow only info."""
    report = run_checks(read_plan(edited), base=seed_plans[1])
    assert severity_of(report, "target-lowered", "散居孤儿基本生活最低保障标准") == "error"
    assert severity_of(report, "target-lowered", "护理型床位") == "warning"
    assert severity_of(report, "target-kept", "农村低保标准") == "warning"
    assert severity_of(report, "target-raised", "城市低保标准") == "info"
    assert severity_of(report, "target-dropped", "困难老年人居家适老化改造") == "info"
    assert severity_of(report, "target-new", "社区儿童之家") == "info"
    assert report.has_errors and report.year == 2024


def test_same_plan_is_all_kept(seed_plans):
    """A plan against itself keeps every target."""
    entries = compare(seed_plans[2], seed_plans[2])
    assert entries and {e.status for e in entries} == {"kept"}


@pytest.mark.parametrize(
    ("a", "b", "match"),
    [
        ("新建乡镇养老服务中心5个", "新建乡镇养老服务中心6个", True),
        ("新增200张护理型床位", "改建200张护理型床位", True),
        ("新建社区养老服务站4个", "建成社区养老服务站4个", True),
        ("城市低保标准不低于650元/月", "城市低保标准提高到700元/人·月", True),
        ("城市低保标准不低于650元/月", "农村低保标准不低于5000元/年", False),
        ("新建乡镇养老服务中心5个", "开展儿童关爱活动100场", False),
    ],
)
def test_similarity(a, b, match):
    """Same unit and similar subject match (a changed verb too); another unit never does."""
    score = similarity(extract_from_text(a)[0], extract_from_text(b)[0])
    assert (score >= 60) is match


def test_ranges_compare_both_ends():
    """1-2个 → 2-3个 is raised; 2-3个 → 1-2个 is lowered."""
    low = extract_from_text("争创市级和谐社区1-2个")
    high = extract_from_text("争创市级和谐社区2-3个")
    assert compare_targets(low, high)[0].status == "raised"
    assert compare_targets(high, low)[0].status == "lowered"
