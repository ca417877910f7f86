"""Numbers and units as plans write them."""

from __future__ import annotations

import pytest

from drafter.targets.numbers import apply_multiplier, format_value, parse_number
from drafter.targets.units import normalize_unit, unit_family, unit_scale


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("650", 650.0),
        ("7.1", 7.1),
        ("1,095", 1095.0),
        ("十", 10.0),
        ("三十四", 34.0),
        ("两", 2.0),
        ("一百二十", 120.0),
        ("二〇二二", 2022.0),
        ("", None),
        ("abc", None),
    ],
)
def test_parse_number(text, value):
    """Arabic and Chinese numerals both read as their value; junk reads as None."""
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("value", "multiplier", "result"),
    [(3.0, "万", 30_000.0), (1.5, "亿", 150_000_000.0), (80.0, None, 80.0)],
)
def test_multipliers(value, multiplier, result):
    """万 and 亿 scale the number; no multiplier leaves it alone."""
    assert apply_multiplier(value, multiplier) == result


@pytest.mark.parametrize(
    ("unit", "prefix", "normal"),
    [
        ("元/月", "", "元/月"),
        ("元/年", "", "元/年"),
        ("元/人·月", "", "元/人·月"),
        ("元/人•月", "", "元/人·月"),
        ("元/人・月", "", "元/人·月"),
        ("元/人月", "", "元/人·月"),
        ("元/人/年", "", "元/人·年"),
        ("元 / 人·年", "", "元/人·年"),
        ("元", "每人每月", "元/人·月"),
        ("元", "每年", "元/年"),
        ("％", "", "%"),
        ("%", "", "%"),
        ("m²", "", "㎡"),
        ("平方米", "", "㎡"),
        ("㎡", "", "㎡"),
        ("万元", "", "万元"),
        ("人次", "", "人次"),
    ],
)
def test_normalize_unit(unit, prefix, normal):
    """Every way of writing a unit comes out in one spelling."""
    assert normalize_unit(unit, prefix) == normal


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("元/月", "元/人·月", True), ("元/月", "元/年", False), ("万元", "元", True),
     ("个", "家", False), ("%", "%", True)],
)
def test_unit_family(a, b, same):
    """Money per month compares with money per person-month; counts of different things don't."""
    assert (unit_family(a) == unit_family(b)) is same


def test_unit_scale_and_format():
    """万元 scales by ten thousand; values print without a trailing .0."""
    assert unit_scale("万元") == 10_000.0
    assert unit_scale("元") == 1.0
    assert format_value(650.0) == "650"
    assert format_value(7.1) == "7.1"
