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


def seed_pair(seed_plans, n: int, *edits: tuple[str, str]):
    """Seed ``n`` written back as text (base) and the same with ``edits`` made (draft)."""
    from bench.ledger_cases import parse_text
    from bench.synth import plan_text

    text = plan_text(seed_plans[n])
    draft = text
    for old, new in edits:
        assert old in draft, old
        draft = draft.replace(old, new, 1)
    return parse_text(text, "seed/base"), parse_text(draft, "seed/draft")


def entry_for(entries, subject: str):
    """The one entry whose draft (or base) subject is ``subject``."""
    found = [e for e in entries if e.target.subject == subject]
    assert len(found) == 1, [(e.status, e.target.subject) for e in entries if e.status != "kept"]
    return found[0]


# (seed, edits, subject, status, base subject): every status on real seed text.
STATUSES = [
    (2, [("新增760张养老床位", "新增760张养老床位")], "养老床位", "kept", "养老床位"),
    (2, [("新增760张养老床位", "新增800张养老床位")], "养老床位", "raised", "养老床位"),
    (2, [("完成500户居家环境适老化改造", "完成0.03万户居家环境适老化改造")],
     "居家环境适老化改造", "lowered", "居家环境适老化改造"),
    (2, [("改建180张认知障碍照护床位", "新增180张认知障碍照护床位")], "认知障碍照护床位",
     "verb_changed", "认知障碍照护床位"),
    (4, [("新建2个“互联网+居家养老”服务网点", "新增2个“互联网+居家养老”服务站点")],
     "互联网+居家养老服务站点", "reworded", "互联网+居家养老服务网点"),
    (3, [("全年培训养老护理人员不少于100人次", ""),
         ("加强社会工作专业人才队伍建设，", "加强社会工作专业人才队伍建设，培训居家照护人员不少于120人次，")],
     "居家照护人员", "possible", "养老护理人员"),
    (0, [("开展儿童关爱活动100场", "开展困境儿童关爱活动120场")], "困境儿童关爱活动", "raised",
     "儿童关爱活动"),
]


@pytest.mark.parametrize(("n", "edits", "subject", "status", "base_subject"), STATUSES)
def test_every_status_on_seed_text(seed_plans, n, edits, subject, status, base_subject):
    """Kept, raised, lowered (万户 ↔ 户), changed verb, reworded and possible pairs."""
    entries = compare(*seed_pair(seed_plans, n, *edits))
    e = entry_for(entries, subject)
    assert e.status == status
    assert e.base is not None and e.base.subject == base_subject
    assert e.why and 0 < e.confidence <= 1


def test_possible_pair_is_not_merged(seed_plans):
    """A pair below the threshold is a warning that asks; it says what it would be."""
    from drafter.checks import run_checks

    base, draft = seed_pair(seed_plans, 3, *STATUSES[5][1])
    report = run_checks(draft, base=base)
    e = entry_for(report.ledger, "居家照护人员")
    assert (e.status, e.proposed) == ("possible", "raised")
    assert e.confidence < 0.65
    found = [f for f in report.findings if f.code == "target-possible"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert "养老护理人员" in found[0].message and found[0].pair is e.base


def test_dropped_and_new_on_seed_text(seed_plans):
    """A finished deliverable is dropped; a new one with a look-alike rural/urban subject is new."""
    entries = compare(*seed_pair(seed_plans, 2, ("新增2家综合型乡村长者照护之家", "新增3家社区长者照护之家")))
    assert entry_for(entries, "综合型乡村长者照护之家").status == "dropped"
    assert entry_for(entries, "社区长者照护之家").status == "new"


def test_real_cases_pair(seed_plans):
    """The three real pairs: changed verb, reworded deliverable, households before the subject."""
    from bench.ledger_cases import CASES, load_case

    case = load_case(CASES / "001_real_cases.toml")
    entries = compare(case.base, case.draft)
    assert entry_for(entries, "认知障碍照护床位").status == "verb_changed"
    e = entry_for(entries, "家门口养老服务站")
    assert (e.status, e.base.subject) == ("reworded", "家门口服务站")
    e = entry_for(entries, "特殊困难老年人家庭安装智能水表")
    assert (e.status, e.base.value, e.draft.value) == ("lowered", 30_000, 20_000)


def test_lowered_standard_stays_an_error_when_reworded(seed_plans):
    """散居孤儿 standard reworded and written lower: still an error, naming last year's wording."""
    from drafter.checks import run_checks

    base, draft = seed_pair(seed_plans, 1, ("散居孤儿基本生活最低保障标准提高到1100元/月",
                                            "散居孤儿基本生活保障标准提高到1050元/月"))
    report = run_checks(draft, base=base)
    found = [f for f in report.findings if f.code == "target-lowered"]
    assert len(found) == 1 and found[0].severity == "error"
    assert "上年为“散居孤儿基本生活最低保障标准”" in found[0].message
    assert found[0].pair is not None and found[0].pair.value == 1100


def test_verb_change_is_not_compared(seed_plans):
    """新增 → 改建 shows both years side by side, with no raised/lowered verdict."""
    from drafter.checks import run_checks

    base, draft = seed_pair(seed_plans, 2, ("新增760张养老床位", "改建700张养老床位"))
    found = [f for f in run_checks(draft, base=base).findings if f.code == "target-verb_changed"]
    assert len(found) == 1
    assert "上年新增760张" in found[0].message and "改建700张" in found[0].message


def test_sure_pair_wins_over_two_doubtful_ones(seed_plans):
    """乌审旗 2022 against 湘西 2023: 城市低保标准 pairs with 城市低保标准, not with 散居孤儿 or
    特困 look-alikes that would add up to more."""
    entries = compare(seed_plans[3], seed_plans[1])
    paired = {(e.base.subject, e.draft.subject) for e in entries if e.base and e.draft}
    assert ("城市低保标准", "城市低保标准") in paired
    assert not {p for p in paired if p[0] != p[1] and "标准" in p[0]}


@pytest.mark.parametrize(
    ("a", "b", "apart"),
    [
        ("城市低保标准", "农村低保标准", True),
        ("综合型乡村长者照护之家", "社区长者照护之家", True),
        ("城市低保标准", "城市特困供养标准", True),
        ("集中养育基本生活最低保障标准", "集中养育孤儿基本生活保障标准", False),  # 最低保障 ≠ 低保
        ("家门口服务站", "家门口养老服务站", False),
    ],
)
def test_contrasts(a, b, apart):
    """Opposite qualifiers keep look-alike subjects apart; 最低保障 is no 低保."""
    from drafter.targets.pairing import contrasted

    assert contrasted(a, b) is apart


def test_frequencies_compare_per_year():
    """每季度一次 → 每月一次 is raised (4 → 12 a year); 每年两次 → 每半年一次 is kept."""
    quarterly = extract_from_text("每季度开展一次养老机构安全检查")
    monthly = extract_from_text("每月开展一次养老机构安全检查")
    assert compare_targets(quarterly, monthly)[0].status == "raised"
    twice = extract_from_text("每年开展两次养老机构安全检查")
    half = extract_from_text("每半年开展一次养老机构安全检查")
    assert compare_targets(twice, half)[0].status == "kept"


def test_deadline_moved_later_on_seed_text(seed_plans):
    """Seed 003's 7月底前 written as 9月底前: the deadline is paired and said to be later."""
    from drafter.checks import run_checks

    base, draft = seed_pair(seed_plans, 3, ("7月底前完成婚姻档案电子化录入工作",
                                            "9月底前完成婚姻档案电子化录入工作"))
    found = [f for f in run_checks(draft, base=base).findings
             if f.code == "target-raised" and "婚姻档案" in f.message]
    assert len(found) == 1 and "由上年7月底前推迟到9月底前" in found[0].message
