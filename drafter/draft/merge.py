"""Merge wording from a similar item: add the sentences the draft's item does not say yet."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

SAME_SENTENCE = 70.0
"""Similarity (0–100) above which a sentence counts as already present."""

_SENTENCE = re.compile(r"[^。；！？]+[。；！？]?")


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
