"""Units of a target: counts, money (per period), percentages and areas, in one spelling each."""

from __future__ import annotations

import re

#: Counting words that make a number a committed quantity (longest first where they overlap).
COUNT_UNITS = ("人次", "个", "家", "张", "户", "人", "名", "场", "次", "所", "处", "项", "支",
               "件", "座", "间", "套", "期", "床")
#: The dot in 元/人·月 is written in many ways, or left out.
_DOT = r"\s*[·•・.‧∙]?\s*"
#: Money per period: 元/月, 元/人·月, 元/人/年, 元每人每月 …
MONEY_PER_PERIOD = rf"(?:万元|元)\s*[/／]\s*(?:人{_DOT}|人\s*[/／]\s*)?(?:月|年)"
AREA = r"万平方米|平方米|㎡|m²|m2|M²"
PERCENT = r"%|％|‰"
#: Percentage points (提高2个百分点): a change of a rate, never a rate itself.
POINTS = r"个百分点|百分点"
MONEY = r"亿元|万元|元"

#: Every unit, as one alternation for the quantity pattern (order matters: longest first).
UNIT_PATTERN = "|".join(
    (MONEY_PER_PERIOD, AREA, PERCENT, POINTS, MONEY, *COUNT_UNITS)
)

#: Prefix forms of money per period: 每人每月120元.
PERIOD_PREFIX_PATTERN = r"每人每月|每人每年|每人每天|每月|每年"

#: Units that say "money per period": the kind of a living-standard target.
PER_PERIOD_UNITS = frozenset({"元/月", "元/年", "元/人·月", "元/人·年", "元/人·天",
                              "万元/月", "万元/年"})


def normalize_unit(unit: str, prefix: str = "") -> str:
    """One spelling per unit: ``元/人•月`` → ``元/人·月``, ``％`` → ``%``, ``m²`` → ``㎡``.

    ``prefix`` is a leading period such as ``每人每月`` (每人每月120元 → 元/人·月).
    """
    unit = re.sub(r"\s+", "", unit).replace("／", "/")
    if prefix:
        return _prefix_unit(prefix, unit)
    if unit in ("%", "％"):
        return "%"
    if unit in ("㎡", "m²", "m2", "M²", "平方米"):
        return "㎡"
    if unit == "万平方米":
        return "万㎡"
    if unit == "个百分点":
        return "百分点"
    m = re.fullmatch(r"(万元|元)/(人)?[·•・.‧∙/]?(月|年)", unit)
    if m:
        money, person, period = m.groups()
        return f"{money}/{'人·' if person else ''}{period}"
    return unit


def _prefix_unit(prefix: str, unit: str) -> str:
    """每人每月 + 元 → 元/人·月; 每年 + 元 → 元/年."""
    period = "月" if "月" in prefix else ("年" if "年" in prefix else "天")
    person = "人·" if prefix.startswith("每人") else ""
    return f"{unit}/{person}{period}"


#: Frequencies per year (次/季度 is 4 a year), so that 每季度一次 and 每月一次 compare.
PER_YEAR = {"次/年": 1.0, "次/半年": 2.0, "次/两年": 0.5, "次/季度": 4.0, "次/月": 12.0,
            "次/旬": 36.0, "次/周": 52.0}


def unit_family(unit: str) -> str:
    """Units that compare with each other: 元/月 and 元/人·月 are one family; 万元 is 元;
    每季度 and 每月 frequencies are 次/年."""
    if unit in PER_YEAR:
        return "次/年"
    if unit in PER_PERIOD_UNITS:
        period = unit[-1]
        return f"元/{period}"
    if unit in ("万元", "亿元"):
        return "元"
    if unit == "万㎡":
        return "㎡"
    return unit


def unit_scale(unit: str) -> float:
    """Factor that brings a unit to its family's base (万元 → 10000 元)."""
    if unit in PER_YEAR:
        return PER_YEAR[unit]
    if unit.startswith("万"):
        return 10_000.0
    if unit.startswith("亿"):
        return 100_000_000.0
    return 1.0


def is_money_per_period(unit: str) -> bool:
    """True for 元/月, 元/人·年 and the like."""
    return unit in PER_PERIOD_UNITS
