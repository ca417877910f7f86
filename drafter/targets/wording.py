"""A target's figure as people read it: ``650元/月``, ``新增3000张``, ``6月底前``, ``1/3``."""

from __future__ import annotations

from drafter.targets.model import DEADLINE, FREQUENCY, Target
from drafter.targets.numbers import format_value
from drafter.targets.units import COUNT_UNITS


def describe(t: Target) -> str:
    """A target's value for people: ``650元/月``, ``1–2个``, ``100%``, ``6月底前``, ``1/3``."""
    if t.kind == DEADLINE:
        return t.quantity
    if t.kind == FREQUENCY:
        return f"{t.comparator}{format_value(t.value)}次"
    if ("/" in t.quantity and t.unit == "%") or "分之" in t.quantity:
        return t.quantity
    unit = t.unit
    low, high = t.value, t.high
    if unit in COUNT_UNITS and low >= 10_000 and (high is None or high >= 10_000):
        # 3万户 reads as the plans write it, not as 30000户.
        low, high, unit = low / 10_000, None if high is None else high / 10_000, "万" + unit
    value = format_value(round(low, 4))
    if high is not None and high != low:
        value += "–" + format_value(round(high, 4))
    suffix = next((w for w in ("及以上", "以上", "以下", "以内", "左右") if t.quantity.endswith(w)), "")
    return value + unit + suffix


def written(t: Target) -> str:
    """A target's commitment as a reader says it: ``新增3000张``, ``不低于650元/月``."""
    if t.kind in (DEADLINE, FREQUENCY) or t.comparator in ("全覆盖", ""):
        return describe(t)
    return f"{t.comparator}{describe(t)}"
