"""The words that make a quantity a commitment: comparators, modal words, standard subjects.

This is grammar rather than office data: it changes with the language of the genre, not with a
region's policy, so it lives beside the code that reads it.
"""

from __future__ import annotations

from drafter import rx

#: Lower bounds written before the number.
LOWER_BOUNDS = ("不低于", "不少于", "至少", "不小于")
#: Upper bounds written before the number.
UPPER_BOUNDS = ("不超过", "不高于", "控制在")
#: Levels to reach (达到 60%, 提高到 900元).
LEVELS = ("提高到", "提高至", "提升到", "提升至", "增加到", "增加至", "增至", "达到", "实现",
          "稳定在", "保持在")
#: This year's deliverables; the verb is part of the target's identity (新增 ≠ 改建).
FLOWS = ("新增", "新建", "新培育", "建成", "争创", "改扩建", "改建", "改造", "打造", "培育", "开展",
         "完成", "培训", "建设", "创建", "举办", "设立", "安排", "投入", "筹集", "招募",
         "发放", "评定", "认定", "覆盖")
#: Changes by an amount rather than to a level (提高2个百分点, 增长5%).
DELTAS = ("提高", "提升", "增长", "增加", "下降", "降低", "减少")
#: A running total.
STOCKS = ("累计",)
#: Words in a subject that make a level a running total (养老机构总数达到150家).
STOCK_SUBJECT_WORDS = ("总数", "总量", "累计")
#: Words right before a count of people or households that make it a deliverable
#: (为3万户特殊困难老年人安装智能水表, 向500名困难群众发放…).
BENEFICIARY_BEFORE = ("为", "向", "帮助", "帮扶", "惠及")
#: The units a count after 为/向 can have: people, households, families, homes.
BENEFICIARY_UNITS = ("户", "人", "名", "人次", "家", "个")
#: Words that must not be read as the flow verb they contain (覆盖率 is a rate, 全覆盖 a coverage).
VERB_GUARDS = {"覆盖": r"(?<!全)覆盖(?![率面全])"}
#: Words after the unit that bound the value: 18个以上, 100人左右.
POST_BOUNDS = {"及以上": "min", "以上": "min", "以下": "max", "以内": "max", "左右": "about"}

#: Groups of flow verbs that name the same kind of deliverable when matching across years.
FLOW_GROUPS = {
    "新增": "建", "新建": "建", "建成": "建", "争创": "建", "建设": "建", "创建": "建", "设立": "建",
    "打造": "建",
    "改建": "改", "改扩建": "改", "改造": "改",
    "培育": "培育", "新培育": "培育",
    "开展": "办", "举办": "办",
    "安排": "资金", "投入": "资金", "筹集": "资金",
}

#: Qualifiers that tell two look-alike subjects apart: a subject naming one side of a group and
#: another naming another side are different commitments (城市低保 ≠ 农村低保, 低保标准 ≠ 特困供养
#: 标准, 乡村长者照护之家 ≠ 社区长者照护之家), however alike the rest of their words. Each word is
#: a regular expression (最低保障 is no 低保).
CONTRASTS = (
    (("城市", "城镇", "城区", "社区", "街道"), ("农村", "乡村", "牧区", "村级", "乡镇", "苏木镇")),
    (("(?<!最)低保",), ("特困",), ("孤儿", "事实无人抚养"), ("生活补贴",), ("护理补贴",), ("高龄津贴",),
     ("临时救助",)),
    (("散居",), ("集中",)),
    (("居家",), ("机构",)),
)

#: Modal words and the modality they give a target.
MODALITIES = (("力争", "aspiration"), ("争创", "aspiration"), ("争取", "aspiration"),
              ("努力", "aspiration"), ("确保", "commitment"), ("拟", "proposed"))

#: Words in a subject that mark a living standard raised every year.
STANDARD_WORDS = ("低保", "特困", "孤儿", "事实无人抚养", "两项补贴", "生活补贴", "护理补贴",
                  "高龄津贴", "供养标准", "保障标准", "救助标准")

#: Words that distribute one comparator over a list (各 is handled with care: 各项 is not it).
DISTRIBUTORS = ("分别", "均", "各")

_VERBS = "|".join(sorted(
    {*LEVELS, *(f for f in FLOWS if f not in VERB_GUARDS), "推进", "推动", "深化", "协同推进", "持续", "继续", "全面", "进一步",
     "逐步", "积极", "重点", "加快", "扎实", "确保", "力争", "争创", "争取", "努力", "拟",
     "其中", "并", "要", "做到", "有序推进", "大力", "探索", "协同", "标准化"},
    key=lambda w: (-len(w), w)))  # longest first; the same pattern text on every run
_TIMES = r"\d+(?:-\d+)?年|今年|年内|全年|年底前|年底|到年底|年末|到20\d\d年底?|20\d\d年底?前?|\d{1,2}月底?前"
#: Leading words stripped from a subject: verbs, modal words, time phrases.
SUBJECT_LEAD = rx.compile(rf"^(?:[、，,\s]|[一二三四五六七八九十]+是|{_VERBS}|{_TIMES}|在|将|对|使|把|为|我区|我县|我旗|全区范围内)+")
#: Trailing words stripped from a subject.
SUBJECT_TAIL = rx.compile(
    r"(?:的目标任务|的目标|目标任务|目标|的|力争|确保|争取|努力|比上年|较上年|同比|比去年|较去年"
    r"|[、，,\s])+$")

#: Text right after a quantity that makes it a label, not a target (十件民生实事), a count of
#: the plan's own parts (4项重点指标, 10大重点任务) or a slogan (三个一工程, 3+1+1).
NOT_TARGET_AFTER = rx.compile(
    r"^(?:民生实事|件?实事|大行动|大工程|项重点任务|方面|全会|中全会|届|月|小时|工作日"
    r"|[一二三四五六七八九十](?:工程|行动|体系|机制|模式|服务|品牌|[\u4e00-\u9fff]?$)"
    r"|\s*[+＋]"
    r"|(?:核心|重点|主要|关键|具体|量化|约束性|预期性)?(?:指标|任务|工程|行动|举措|措施|方面|领域|板块|目标|专项|条)"
    r"(?:[、，。；;,和及与]|$))")
#: Text right before a quantity that makes it an ordinal or a code (第五届, GB/T42195, 3+1).
NOT_TARGET_BEFORE = rx.compile(r"(?:第|前|[两二]个|[A-Za-z/_\d.．·•+＋])$")
#: Slogan numbers written without quotes: 1197工作思路, 民政30条.
SLOGAN = rx.compile(r"\d{3,4}(?=工作思路|总体思路|发展思路|工作布局|战略)|民政\d+条")

#: A deadline in a clause: 年底前 is December, 6月底前 June, 上半年 June (年内 is no deadline).
DEADLINES = rx.compile(
    r"(?:(?P<year>20\d\d)(?:年(?=[\d一二三四五六七八九十])|(?=年[底末])))?"
    r"(?:(?<!\d)(?P<month>\d{1,2}|[一二三四五六七八九十]{1,3})月(?:底|末|份)?前"
    r"|(?P<end>年底前|年末前|到年底)|(?P<half>上半年))")
#: A multi-year target's year: 到2025年, 2025年底前, 至2025年末 (截至2025年底 is a statistic).
DUE_YEAR = rx.compile(r"(?<![截])(?:到|至)(20\d\d)年|(?<!截至)(?<!截止)(20\d\d)年(?:底|末)前?")
#: A frequency: 每季度开展一次, 每年至少2次, 每月1次.
FREQUENCY = rx.compile(
    r"每(?P<period>半年|季度|季|年|月|周|旬|两年)(?P<mid>[^，。；;,]{0,12}?)"
    r"(?P<n>\d+|[一二两三四五六七八九十])\s*次")
#: Per-period names for frequency units.
PERIOD_NAMES = {"季": "季度"}
#: A ratio's denominator written before the quantity: 每千名老年人拥有养老床位40张.
PER_DENOMINATOR = rx.compile(
    r"每(?P<n>[十百千万]+)(?P<who>[名个户位家]?[\u4e00-\u9fff]{1,6}?)(?:拥有|配备|建有|有)")
#: A fraction before the subject: 1/3养老机构, 三分之一的社区.
FRACTION = rx.compile(
    r"(?<![\d/.])(?P<a>\d+)\s*/\s*(?P<b>\d+)(?![\d/.])(?=[\u4e00-\u9fff])"
    r"|(?P<cb>[一二三四五六七八九十]+)分之(?P<ca>[一二三四五六七八九十]+)")
