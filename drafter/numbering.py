"""Chinese numerals and the labels of each numbering level (一、 （一） 一是 1. （1）)."""

from __future__ import annotations

from drafter.model import ARABIC, PAREN, PAREN_CONTINUOUS, SHI, ItemStyle

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千"


def cn_to_int(text: str) -> int | None:
    """Value of a Chinese numeral below ten thousand (``三十四`` → 34), or None."""
    if not text or any(c not in _DIGITS and c not in _UNITS for c in text):
        return None
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
    if digit is not None:
        total += digit
    return total


def int_to_cn(n: int) -> str:
    """Chinese numeral for 1..9999 as used in labels (34 → 三十四, 10 → 十)."""
    if n <= 0:
        raise ValueError("Chinese ordinals start at 1")
    chars = "零一二三四五六七八九"
    out: list[str] = []
    for value, unit in ((1000, "千"), (100, "百"), (10, "十")):
        q, n = divmod(n, value)
        if q:
            out.append(("" if (unit == "十" and q == 1 and not out) else chars[q]) + unit)
        elif out and n and out[-1] != "零":
            out.append("零")
    if n:
        out.append(chars[n])
    return "".join(out)


def section_label(n: int) -> str:
    """Label of section n: 一、"""
    return f"{int_to_cn(n)}、"


def item_label(style: ItemStyle, n: int) -> str:
    """Label of item n in the given style."""
    if style in (PAREN, PAREN_CONTINUOUS):
        return f"（{int_to_cn(n)}）"
    if style == SHI:
        return f"{int_to_cn(n)}是"
    if style == ARABIC:
        return f"{n}."
    raise ValueError(f"unknown item style {style!r}")
