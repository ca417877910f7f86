"""Target extraction: comparators, unit forms, lists, modal words, and the real seeds."""

from __future__ import annotations

import pytest

from drafter.targets import Target, extract_from_text, extract_targets


def only(text: str) -> Target:
    """The single target of a phrase (fails when there is not exactly one)."""
    found = extract_from_text(text)
    assert len(found) == 1, [(t.subject, t.quantity) for t in found]
    return found[0]


# (phrase, subject, value, unit, comparator, kind, bound); phrases are from the seeds unless
# marked otherwise.
COMPARATORS = [
    ("力争养老机构平均入住率不低于70%", "养老机构平均入住率", 70, "%", "不低于", "coverage", "min"),
    ("全年培训养老护理人员不少于100人次", "养老护理人员", 100, "人次", "不少于", "flow", "min"),
    ("努力实现每个苏木镇至少有1个枢纽型社区社会组织目标", "枢纽型社区社会组织", 1, "个", "至少",
     "level", "min"),
    ("建成18个以上养老助餐点", "养老助餐点", 18, "个", "建成", "flow", "min"),
    ("护理型床位占养老机构床位总数达到60%以上", "护理型床位占养老机构床位总数", 60, "%", "达到",
     "coverage", "min"),
    ("散居孤儿基本生活最低保障标准提高到1100元/月", "散居孤儿基本生活最低保障标准", 1100, "元/月",
     "提高到", "standard", ""),
    ("城市低保对象提高至每人每月830元", "城市低保对象", 830, "元/人·月", "提高至", "standard", ""),
    ("新增760张养老床位", "养老床位", 760, "张", "新增", "flow", ""),
    ("一是新建乡镇养老服务中心5个", "乡镇养老服务中心", 5, "个", "新建", "flow", ""),
    ("改建180张认知障碍照护床位", "认知障碍照护床位", 180, "张", "改建", "flow", ""),
    ("标准化改造农村敬老院3家", "农村敬老院", 3, "家", "改造", "flow", ""),
    ("十是打造4个村社区基层治理创新示范点", "村社区基层治理创新示范点", 4, "个", "打造", "flow", ""),
    ("新培育1000个“活力楼组”", "活力楼组", 1000, "个", "新培育", "flow", ""),
    ("六是开展儿童关爱活动100场", "儿童关爱活动", 100, "场", "开展", "flow", ""),
    ("完成1095户困难老年人居家适老化改造", "困难老年人居家适老化改造", 1095, "户", "完成", "flow", ""),
    ("旗本级安排资金80万元", "资金", 80, "万元", "安排", "flow", ""),
    # Not in the seeds: a running total, a level held, an upper bound.
    ("累计建成社区养老服务站120个", "社区养老服务站", 120, "个", "累计", "stock", ""),
    ("特困人员供养标准稳定在1700元/人·月左右", "特困人员供养标准", 1700, "元/人·月", "稳定在",
     "standard", "about"),
    ("救助管理经费不超过300万元", "救助管理经费", 300, "万元", "不超过", "level", "max"),
    ("农村牧区养老服务中心覆盖率达到50%", "农村牧区养老服务中心覆盖率", 50, "%", "达到", "coverage",
     ""),
    ("实现到年底养老机构护理型床位占比不低于55％的目标", "养老机构护理型床位占比", 55, "%", "不低于",
     "coverage", "min"),
]


@pytest.mark.parametrize(("text", "subject", "value", "unit", "comparator", "kind", "bound"),
                         COMPARATORS)
def test_comparators(text, subject, value, unit, comparator, kind, bound):
    """Each comparator yields its subject, value, unit, kind and bound."""
    t = only(text)
    assert (t.subject, t.value, t.unit, t.comparator, t.kind, t.bound) == (
        subject, value, unit, comparator, kind, bound)


def test_full_coverage_without_number():
    """全覆盖 written without a number is a coverage of 100%."""
    t = only("年内实现街镇未保工作站全覆盖。")
    assert (t.subject, t.value, t.unit, t.comparator, t.kind) == (
        "街镇未保工作站", 100, "%", "全覆盖", "coverage")


@pytest.mark.parametrize(
    ("text", "value", "high", "unit"),
    [
        ("城市低保标准不低于650元/月", 650, None, "元/月"),
        ("农村低保标准不低于 5000元/年", 5000, None, "元/年"),
        ("城市低保标准提高到900元/人•月", 900, None, "元/人·月"),
        ("城市低保标准提高到900元/人・月", 900, None, "元/人·月"),
        ("城市低保标准提高到900元/人月", 900, None, "元/人·月"),
        ("护理补贴标准不低于每人每月120元", 120, None, "元/人·月"),
        ("护理补贴标准不低于每月120元", 120, None, "元/月"),
        ("护理型床位占比不低于55％", 55, None, "%"),
        ("老年人家庭覆盖率达到百分之九十", 90, None, "%"),
        ("七是完成3600m²区儿童福利院大楼主体建设", 3600, None, "㎡"),
        ("完成3600平方米区儿童福利院大楼主体建设", 3600, None, "㎡"),
        ("新增3万户家庭签约服务", 30_000, None, "户"),
        ("开展专题培训十场", 10, None, "场"),
        ("争创市级和谐社区1-2个", 1, 2, "个"),
        ("打造2～3家品牌社会组织", 2, 3, "家"),
    ],
)
def test_unit_forms(text, value, high, unit):
    """Per-period money, prefix forms, %, ㎡, 万, Chinese numerals and ranges all parse."""
    t = only(text)
    assert (t.value, t.high, t.unit) == (value, high, unit)


@pytest.mark.parametrize(
    "text",
    [
        "紧紧围绕涪陵民政事业发展“1361”总体思路",
        "聚焦打好打赢发展“六仗”",
        "深化“五社联动”",
        "坚定捍卫“两个确立”，增强“四个意识”",
        "完成民政领域十件民生实事",
        "提高残疾人“两项补贴”标准",
        "指导吉首市3A婚姻登记机关创建",
        "组织参加第四届全省养老护理员职业技能竞赛",
        "深入学习贯彻第十四次全国民政会议精神",
        "全面实施《关于进一步加强事实无人抚养儿童保障工作的实施意见》(鄂民政发〔2019〕17号)",
        "贯彻落实《鄂尔多斯市对标先进建设最优营商环境行动方案（500条）》",
        "开展2022年全国社会工作职业资格考试",
        "滞留超过3个月未落户安置",
        "开展爱国卫生运动十项行动",
        "在4个镇创建认知障碍友好社区",
        "做到安排照料服务人、签订委托照料服务协议两个100%",
        "开展65岁以上老年人能力评估",
    ],
)
def test_not_targets(text):
    """Slogans, labels, titles, document numbers, ordinals, years and scopes are not targets."""
    assert extract_from_text(text) == []


def test_fenbie_distributes_in_order():
    """分别 pairs a 城乡 subject with its values: 城市 first, then 农村."""
    found = extract_from_text("2022年拟将城乡低保标准分别提高到900元/人·月和7800元/人·年")
    assert [(t.subject, t.value, t.unit) for t in found] == [
        ("城市低保标准", 900, "元/人·月"), ("农村低保标准", 7800, "元/人·年")]
    assert {t.modality for t in found} == {"proposed"}


def test_jun_distributes_over_list():
    """均 repeats the value for each listed subject, sharing the head noun."""
    found = extract_from_text("困难残疾人生活补贴和重度残疾人护理补贴标准均不低于每人每月120元")
    assert [(t.subject, t.value) for t in found] == [
        ("困难残疾人生活补贴标准", 120), ("重度残疾人护理补贴标准", 120)]


def test_list_keeps_each_subject():
    """A list after one verb gives each quantity its own subject."""
    found = extract_from_text("新增综合为老服务中心6家、社区老年助餐服务场所23家")
    assert [(t.subject, t.value, t.verb) for t in found] == [
        ("综合为老服务中心", 6, "新增"), ("社区老年助餐服务场所", 23, "新增")]


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("力争全区覆盖率达到100%", "aspiration"),
        ("争创市级和谐社区1-2个", "aspiration"),
        ("确保年底前社区覆盖率达到100%", "commitment"),
        ("新增760张养老床位", ""),
    ],
)
def test_modality(text, modality):
    """力争/争创 mark aspirations, 确保 a commitment; plain targets have none."""
    assert only(text).modality == modality


def test_span_points_at_the_commitment():
    """The span covers the comparator through the unit in the given text."""
    text = "深化公办养老机构改革，力争养老机构平均入住率不低于70%。"
    t = only(text)
    assert text[t.span[0]:t.span[1]] == "不低于70%"
    assert t.text == "力争养老机构平均入住率不低于70%"


# (seed, subject, value, unit, comparator) from the definition of done.
SEED_TARGETS = [
    (0, "养老机构平均入住率", 70, "%", "不低于"),
    (0, "乡镇养老服务中心", 5, "个", "新建"),
    (1, "城市低保标准", 650, "元/月", "不低于"),
    (1, "困难老年人居家适老化改造", 1095, "户", "完成"),
    (2, "养老床位", 760, "张", "新增"),
    (3, "养老机构护理型床位占比", 55, "%", "不低于"),
    (4, "城市低保对象", 830, "元/人·月", "提高至"),
]


@pytest.mark.parametrize(("n", "subject", "value", "unit", "comparator"), SEED_TARGETS)
def test_seed_targets(seed_plans, n, subject, value, unit, comparator):
    """The quantities each seed commits to are found with their units and places."""
    found = [t for t in extract_targets(seed_plans[n])
             if (t.subject, t.value, t.unit, t.comparator) == (subject, value, unit, comparator)]
    assert len(found) == 1
    assert found[0].section and found[0].item


@pytest.mark.parametrize("n", range(5))
def test_seeds_have_no_slogan_targets(seed_plans, n):
    """No target of a real seed is a slogan, label, ordinal, year or document number."""
    for t in extract_targets(seed_plans[n]):
        assert t.subject or t.comparator
        assert not (1990 <= t.value <= 2035 and t.unit not in ("个", "元", "万元")), t
        for label in ("1361", "六仗", "五社联动", "两个确立", "十件", "3A", "两项补贴"):
            assert label not in t.quantity, t


def test_seed_002_minsheng_count(seed_plans):
    """Seed 002's list of 为民办实事 deliverables yields one target per quantity."""
    subjects = [t.subject for t in extract_targets(seed_plans[2])]
    for expected in ("养老床位", "认知障碍照护床位", "综合为老服务中心", "社区老年助餐服务场所",
                     "居家环境适老化改造", "活力楼组", "活力楼群"):
        assert subjects.count(expected) == 1, expected


# Forms the real plans of other bureaus use (the cases and the primer's §3).
# (phrase, subject, value, unit, comparator, kind)
MORE_FORMS = [
    ("为3万户特殊困难老年人安装智能水表", "特殊困难老年人安装智能水表", 30_000, "户", "为", "flow"),
    ("为2万户特殊困难老年人家庭安装智能水表", "特殊困难老年人家庭安装智能水表", 20_000, "户", "为",
     "flow"),
    ("为30个未成年人家庭提供专业知识辅导", "未成年人家庭提供专业知识辅导", 30, "个", "为", "flow"),
    ("向500名困境儿童发放助学金", "困境儿童发放助学金", 500, "名", "向", "flow"),
    ("覆盖5000户低保家庭", "低保家庭", 5000, "户", "覆盖", "flow"),
    ("养老机构总数达到150家", "养老机构总数", 150, "家", "达到", "stock"),
    ("护理型床位占比提高2个百分点", "护理型床位占比", 2, "百分点", "提高", "coverage"),
    ("养老护理员持证率比上年提高5个百分点", "养老护理员持证率", 5, "百分点", "提高", "coverage"),
    ("社会组织总数达到1200家", "社会组织总数", 1200, "家", "达到", "stock"),
    ("每千名老年人拥有养老床位40张", "养老床位", 40, "张/千名老年人", "", "coverage"),
    ("1/3养老机构开展等级评定", "养老机构开展等级评定", 33.33, "%", "", "coverage"),
    ("三分之一的街道建成社区嵌入式养老服务综合体", "街道建成社区嵌入式养老服务综合体", 33.33, "%",
     "", "coverage"),
    ("年底前完成全区养老机构消防设施改造", "全区养老机构消防设施改造", 12, "月", "年底前", "deadline"),
    ("7月底前完成婚姻档案电子化录入工作", "婚姻档案电子化录入工作", 7, "月", "7月底前", "deadline"),
    ("每季度开展一次养老机构安全检查", "养老机构安全检查", 1, "次/季度", "每季度", "frequency"),
    ("每年至少开展2次督查", "督查", 2, "次/年", "每年", "frequency"),
]


@pytest.mark.parametrize(("text", "subject", "value", "unit", "comparator", "kind"), MORE_FORMS)
def test_more_forms(text, subject, value, unit, comparator, kind):
    """为N户 before the subject, 覆盖, 总数, 百分点, ratios, fractions, deadlines, frequencies."""
    t = only(text)
    assert (t.subject, t.value, t.unit, t.comparator, t.kind) == (
        subject, value, unit, comparator, kind)


@pytest.mark.parametrize(
    "text",
    [
        "紧扣1197工作思路，落实民政30条",
        "深入实施三个一工程",
        "打造三个一工程",
        "构建3+1+1服务体系",
        "围绕1个核心指标、4项重点指标、10大重点任务",
        "完成10项重点任务",
        "作为3个试点之一",
        "202012月前暂不做动态退出",
    ],
)
def test_slogans_and_plan_parts_are_not_targets(text):
    """Slogan numbers and counts of the plan's own parts are never targets."""
    assert extract_from_text(text) == []


def test_fugai_rate_is_not_the_verb():
    """覆盖率 is the subject of a rate, not the flow verb 覆盖."""
    t = only("力争覆盖率达到95%左右")
    assert (t.subject, t.kind, t.bound, t.modality) == ("覆盖率", "coverage", "about", "aspiration")


def test_due_year_from_the_sentence():
    """到2025年 at the head of a sentence gives its targets a due year; the next sentence none."""
    found = extract_from_text("到2025年，养老机构护理型床位占比达到60%。社区覆盖率达到95%。")
    assert [(t.subject, t.due_year) for t in found] == [
        ("养老机构护理型床位占比", 2025), ("社区覆盖率", None)]
    found = extract_from_text("截至2025年底，全区养老床位总数达到5000张。")
    assert [t.due_year for t in found] == [None]  # a statistic, not a deadline


def test_parts_after_qizhong():
    """Parts written after 其中 are targets of their own, each with its subject."""
    found = extract_from_text("新增养老床位800张，其中护理型床位500张、认知障碍照护床位300张。")
    assert [(t.subject, t.value) for t in found] == [
        ("养老床位", 800), ("护理型床位", 500), ("认知障碍照护床位", 300)]


def test_deadline_only_without_a_figure():
    """A clause with a figure keeps its figure; the deadline is not a second target."""
    t = only("确保年底前社区覆盖率达到100%")
    assert (t.kind, t.value) == ("coverage", 100)


def test_seed_003_deadlines(seed_plans):
    """Seed 003's 7月底前 and 年底前 commitments are found as deadlines."""
    deadlines = [(t.subject, t.comparator) for t in extract_targets(seed_plans[3])
                 if t.kind == "deadline"]
    assert deadlines == [("婚姻档案电子化录入工作", "7月底前"), ("婚姻登记省内通办", "年底前")]
