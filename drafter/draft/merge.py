"""Merge wording from a similar item: add the sentences the draft's item does not say yet."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from drafter import rx

SAME_SENTENCE = 70.0
"""Similarity (0–100) above which a sentence counts as already present."""

_SENTENCE = rx.compile(r"[^。；！？]+[。；！？]?")


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, each with its closing punctuation."""
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def new_sentences(current: str, other: str) -> list[str]:
    """Sentences of ``other`` that ``current`` does not already say (fuzzily)."""
    mine = sentences(current)
    return [s for s in sentences(other)
            if not any(fuzz.ratio(s, m) >= SAME_SENTENCE for m in mine)]


def merge_text(current: str, other: str) -> str:
    """``current`` followed by the sentences of ``other`` it lacks (unchanged if none)."""
    extra = new_sentences(current, other)
    if not extra:
        return current
    joined = "".join(extra)
    if current and not current.endswith(("。", "；", "！", "？", "\n")):
        joined = "。" + joined
    return current + joined


_PLACE = rx.compile(r".+?(?:特别行政区|自治区|自治州|自治县|省|市|州|盟|区|县|旗)")
_PLACE_SUFFIX = ("特别行政区", "自治区", "自治州", "自治县", "省", "市", "州", "盟", "区", "县", "旗")


def place_names(*names: str | None) -> set[str]:
    """The place names an issuer or region is made of, full and short.

    ``重庆市涪陵区民政局`` → 重庆市涪陵区, 重庆市, 重庆, 涪陵区, 涪陵 (short forms of two
    characters or more only).
    """
    found: set[str] = set()
    for name in names:
        if not name:
            continue
        name = re.sub(r"[（(].*?[）)]", lambda m: " " + m.group(0)[1:-1] + " ", name)
        for word in name.replace("民政局", " ").split():
            found.add(word)
            for part in _PLACE.findall(word):
                found.add(part)
                for suffix in _PLACE_SUFFIX:
                    short = part.removesuffix(suffix)
                    if short != part and len(short) >= 2:
                        found.add(short)
                        break
    return {n for n in found if len(n) >= 2}


def borrowable(phrases: list[str], current: str, foreign: set[str]) -> list[str]:
    """The phrases worth adding: not said already, and naming none of ``foreign`` places."""
    mine = sentences(current) or [current]
    out = []
    for phrase in phrases:
        if any(place in phrase for place in foreign):
            continue
        if any(phrase in m or fuzz.partial_ratio(phrase, m) >= SAME_SENTENCE + 20 for m in mine):
            continue
        out.append(phrase)
    return out


def merge_phrases(current: str, phrases: list[str]) -> str:
    """``current`` with ``phrases`` added as one closing sentence (unchanged if none)."""
    if not phrases:
        return current
    addition = "，".join(p.strip("，。；、 ") for p in phrases) + "。"
    if current and not current.endswith(("。", "；", "！", "？", "\n")):
        current += "。"
    return current + addition
