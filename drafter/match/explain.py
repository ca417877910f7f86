"""What a hit shares with the query and what it adds, as spans of both texts.

Words are compared as a bag, not in order: plans reorder sentences freely, and "they also
wrote 探访关爱" is what a writer wants to see. Content words (and numbers, which carry the
targets) are marked shared or only-in-one-text; small words between two marked words take
their neighbours' mark so highlights read as phrases. ``added`` lists the hit's clauses that
are mostly new to the query: the wording worth borrowing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter import rx
from drafter.match.terms import is_term, rules
from drafter.match.tokenize import spans as word_spans

SHARED = "shared"
"""A span whose words both texts use."""
ONLY = "only"
"""A span whose words only this text uses."""
NEUTRAL = "neutral"
"""Punctuation and small words that decide nothing."""

_NUMBER = rx.compile(r"\d")
_CLAUSE = rx.compile(r"[，。；：！？,;:!?\n]+")
_ADDED_SHARE = 0.6
"""A clause counts as added when at least this share of its words is new to the query…"""
_ADDED_WORDS = 2
"""… and at least this many new words that are not boilerplate (推进, 提高 … alone say little)."""


@dataclass(frozen=True)
class Span:
    """A stretch of one text with one mark."""

    start: int
    """Offset of the first character."""
    end: int
    """Offset after the last character."""
    text: str
    """The characters themselves."""
    kind: str
    """``shared``, ``only`` or ``neutral``."""


@dataclass(frozen=True)
class Explanation:
    """How a hit's wording relates to the query's."""

    query: tuple[Span, ...]
    """The query text cut into marked spans (``only``: the hit lacks these words)."""
    hit: tuple[Span, ...]
    """The hit text cut into marked spans (``only``: the query lacks these words)."""
    shared: tuple[str, ...]
    """Words both use, in the hit's order, without repeats."""
    only_in_hit: tuple[str, ...]
    """Words only the hit uses, in its order, without repeats."""
    only_in_query: tuple[str, ...]
    """Words only the query uses, in its order, without repeats."""
    added: tuple[str, ...]
    """Clauses of the hit that are mostly new to the query (e.g. ``探访关爱服务100%全覆盖``)."""


def _comparable(word: str) -> bool:
    """Words whose presence matters: content terms and numbers."""
    return bool(_NUMBER.search(word)) or is_term(word, rules())


def _vocabulary(text: str) -> set[str]:
    """The comparable words of a text."""
    return {w for _, _, w in word_spans(text) if _comparable(w)}


def mark(text: str, other: set[str]) -> tuple[Span, ...]:
    """Cut ``text`` into spans marked against the words of the other text."""
    tokens = word_spans(text)
    kinds = [
        (SHARED if w in other else ONLY) if _comparable(w) else NEUTRAL for _, _, w in tokens
    ]
    for i, kind in enumerate(kinds):
        if kind != NEUTRAL or not tokens[i][2].strip() or not re.search(r"\w", tokens[i][2]):
            continue
        before = next((kinds[j] for j in range(i - 1, -1, -1) if kinds[j] != NEUTRAL), None)
        after = next((kinds[j] for j in range(i + 1, len(kinds)) if kinds[j] != NEUTRAL), None)
        if before is not None and before == after:
            kinds[i] = before
    out: list[Span] = []
    pos = 0
    for (start, end, _), kind in zip(tokens, kinds, strict=True):
        if out and out[-1].kind == kind:
            prev = out[-1]
            out[-1] = Span(prev.start, end, text[prev.start : end], kind)
        else:
            if start > pos and out:  # spaces between words join the previous span
                prev = out[-1]
                out[-1] = Span(prev.start, start, text[prev.start : start], prev.kind)
            out.append(Span(start, end, text[start:end], kind))
        pos = end
    if out and out[-1].end < len(text):
        prev = out[-1]
        out[-1] = Span(prev.start, len(text), text[prev.start :], prev.kind)
    if out and out[0].start > 0:
        first = out[0]
        out[0] = Span(0, first.end, text[: first.end], first.kind)
    return tuple(out)


def _ordered(words: list[str]) -> tuple[str, ...]:
    """Words without repeats, first occurrence first."""
    return tuple(dict.fromkeys(words))


def explain(query: str, hit_text: str) -> Explanation:
    """Shared and differing wording of a query and a hit, as data."""
    q_words = _vocabulary(query)
    h_words = _vocabulary(hit_text)
    hit_order = [w for _, _, w in word_spans(hit_text) if _comparable(w)]
    query_order = [w for _, _, w in word_spans(query) if _comparable(w)]
    added = []
    for clause in _CLAUSE.split(hit_text):
        clause = clause.strip(" “”\"'")
        words = [w for _, _, w in word_spans(clause) if _comparable(w)]
        new = sum(w not in q_words and w not in rules().boilerplate for w in words)
        if new >= _ADDED_WORDS and new >= _ADDED_SHARE * len(words):
            added.append(clause)
    return Explanation(
        query=mark(query, h_words),
        hit=mark(hit_text, q_words),
        shared=_ordered([w for w in hit_order if w in q_words]),
        only_in_hit=_ordered([w for w in hit_order if w not in q_words]),
        only_in_query=_ordered([w for w in query_order if w not in h_words]),
        added=_ordered(added),
    )
