"""Numbers as plans write them: Arabic or Chinese numerals, 万/亿 multipliers, ranges."""

from __future__ import annotations

from drafter.numbering import cn_to_int

#: One number: Arabic (with decimals) or a run of Chinese numerals.
NUMBER_PATTERN = r"\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+"
#: Separators between the two ends of a range (1-2个, 2～3家, 3至5个).
RANGE_SEPARATORS = "-－—–~～至到"
#: Multipliers written after the number (3万户, 80万元).
MULTIPLIERS = {"万": 10_000.0, "亿": 100_000_000.0}


def parse_number(text: str) -> float | None:
    """Value of one number as written (``7.1`` → 7.1, ``三十四`` → 34.0), or None."""
    text = text.strip().replace(",", "")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        pass
    # 二〇二二 is read digit by digit; 三十四 by its units.
    value = _cn_digits(text) if len(text) > 1 and not set(text) & set("十百千") else cn_to_int(text)
    return None if value is None else float(value)


def _cn_digits(text: str) -> int | None:
    """Chinese digits read one by one (二〇二二 → 2022), or None."""
    digits = "〇一二三四五六七八九"
    alt = {"零": "〇", "两": "二"}
    out = ""
    for ch in text:
        ch = alt.get(ch, ch)
        if ch not in digits:
            return None
        out += str(digits.index(ch))
    return int(out) if out else None


def apply_multiplier(value: float, multiplier: str | None) -> float:
    """The value scaled by 万 or 亿 (or unchanged)."""
    return value * MULTIPLIERS.get(multiplier or "", 1.0)


def is_chinese_numeral(text: str) -> bool:
    """True when the number is written in Chinese numerals rather than digits."""
    return bool(text) and not any(ch.isdigit() for ch in text)


def format_value(value: float) -> str:
    """A value for display: no trailing ``.0`` (650.0 → 650, 7.1 → 7.1)."""
    if value == int(value):
        return str(int(value))
    return f"{value:g}"
