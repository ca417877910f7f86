"""The words that make a quantity a commitment: comparators, modal words, standard subjects.

This is grammar rather than office data: it changes with the language of the genre, not with a
region's policy, so it lives beside the code that reads it.
"""

from __future__ import annotations

import re

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
         "发放", "评定", "认定")
#: A running total.
STOCKS = ("累计",)
#: Words after the unit that bound the value: 18个以上, 100人左右.
POST_BOUNDS = {"及以上": "min", "以上": "min", "以下": "max", "以内": "max", "左右": "about"}

#: Groups of flow verbs that name the same kind of deliverable when matching across years.
FLOW_GROUPS = {
    "新建": "建", "建成": "建", "争创": "建", "建设": "建", "创建": "建", "设立": "建",
    "改建": "改", "改扩建": "改", "改造": "改",
    "培育": "培育", "新培育": "培育",
    "开展": "办", "举办": "办",
    "安排": "资金", "投入": "资金", "筹集": "资金",
}

#: Modal words and the modality they give a target.
MODALITIES = (("力争", "aspiration"), ("争创", "aspiration"), ("争取", "aspiration"),
              ("努力", "aspiration"), ("确保", "commitment"), ("拟", "proposed"))

#: Words in a subject that mark a living standard raised every year.
STANDARD_WORDS = ("低保", "特困", "孤儿", "事实无人抚养", "两项补贴", "生活补贴", "护理补贴",
                  "高龄津贴", "供养标准", "保障标准", "救助标准")

#: Words that distribute one comparator over a list (各 is handled with care: 各项 is not it).
DISTRIBUTORS = ("分别", "均", "各")

_VERBS = "|".join(sorted(
    {*LEVELS, *FLOWS, "推进", "推动", "深化", "协同推进", "持续", "继续", "全面", "进一步",
     "逐步", "积极", "重点", "加快", "扎实", "确保", "力争", "争创", "争取", "努力", "拟",
     "其中", "并", "要", "做到", "有序推进", "大力", "探索", "协同", "标准化"},
    key=len, reverse=True))
_TIMES = r"\d+(?:-\d+)?年|今年|年内|全年|年底前|年底|到年底|年末|到20\d\d年底?|20\d\d年底?前?|\d{1,2}月底?前"
#: Leading words stripped from a subject: verbs, modal words, time phrases.
SUBJECT_LEAD = re.compile(rf"^(?:[、，,\s]|[一二三四五六七八九十]+是|{_VERBS}|{_TIMES}|在|将|对|使|把|为|我区|我县|我旗|全区范围内)+")
#: Trailing words stripped from a subject.
SUBJECT_TAIL = re.compile(r"(?:的目标任务|的目标|目标任务|目标|的|力争|确保|争取|努力|[、，,\s])+$")

#: Text right after a quantity that makes it a label, not a target (十件民生实事).
NOT_TARGET_AFTER = re.compile(r"^(?:民生实事|件?实事|大行动|大工程|项重点任务|方面|全会|中全会|届|月|小时|工作日)")
#: Text right before a quantity that makes it an ordinal or a code (第五届, GB/T42195).
NOT_TARGET_BEFORE = re.compile(r"(?:第|前|[两二]个|[A-Za-z/_\d.．·•])$")
