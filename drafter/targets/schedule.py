"""Commitments without a figure: deadlines (年底前完成…, 6月底前出台…), frequencies
(每季度开展一次…) and the year a multi-year target falls due (到2025年…)."""

from __future__ import annotations

import re

from drafter import rx
from drafter.targets import lexicon as lx
from drafter.targets.model import DEADLINE, FREQUENCY, Target
from drafter.targets.numbers import parse_number
from drafter.targets.subjects import clean_subject

#: Verbs that open the action a deadline or a frequency is about (stripped from the subject).
_ACTION_LEAD = rx.compile(r"^(?:完成|出台|制定|印发|开展|召开|组织|举办|进行|实现|建成|启动)")
_SENTENCE_END = rx.compile(r"[。；;！？!?\n]")


def due_year(text: str, pos: int, masks: list[tuple[int, int]]) -> int | None:
    """The year named by 到2025年 / 2025年底前 in the sentence before ``pos``, or None."""
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, pos):
        start = m.end()
    year = None
    for m in lx.DUE_YEAR.finditer(text, start, pos):
        if not any(a <= m.start() < b for a, b in masks):
            year = int(m.group(1) or m.group(2))
    return year


def deadline(text: str, start: int, end: int, masks: list[tuple[int, int]]) -> Target | None:
    """The deadline a clause commits to (``年底前完成全区养老机构消防改造``), or None."""
    for m in lx.DEADLINES.finditer(text, start, end):
        if any(a <= m.start() < b for a, b in masks):
            continue
        month = _month(m)
        if month is None:
            continue
        after = text[m.end():end]
        subject = _subject(after) or _subject(text[start:m.start()])
        if not subject:
            continue
        written = m.group()
        return Target(subject=subject, value=float(month), unit="月", comparator=written,
                      kind=DEADLINE, span=m.span(), quantity=written)
    return None


def _month(m: re.Match[str]) -> int | None:
    """The month a deadline match names (12 for 年底前, 6 for 上半年)."""
    if m.group("month"):
        value = parse_number(m.group("month"))
        return int(value) if value is not None and 1 <= value <= 12 else None
    if m.group("end"):
        return None if m.group("end") == "年内" else 12
    return 6


def frequencies(text: str, start: int, end: int,
                masks: list[tuple[int, int]]) -> list[Target]:
    """The frequencies of a clause: ``每季度开展一次安全检查`` is once a quarter."""
    out: list[Target] = []
    for m in lx.FREQUENCY.finditer(text, start, end):
        if any(a <= m.start() < b for a, b in masks):
            continue
        value = parse_number(m.group("n"))
        if value is None:
            continue
        period = lx.PERIOD_NAMES.get(m.group("period"), m.group("period"))
        mid = m.group("mid")
        bound = "min" if any(w in mid for w in lx.LOWER_BOUNDS) else ""
        subject = (_subject(text[m.end():end]) or _subject(mid)
                   or _subject(text[start:m.start()]))
        if not subject:
            continue
        out.append(Target(subject=subject, value=value, unit=f"次/{period}",
                          comparator="每" + period, kind=FREQUENCY, bound=bound,
                          verb=_verb(mid), span=m.span(), quantity=m.group()))
    return out


def _subject(raw: str) -> str:
    """The action a deadline or frequency is about, trimmed like any subject."""
    text = clean_subject(raw)
    previous = None
    while previous != text:
        previous = text
        text = clean_subject(_ACTION_LEAD.sub("", text))
    return text if len(text) >= 2 else ""


def _verb(mid: str) -> str:
    """The action verb between the period and the count (每季度 开展 一次)."""
    m = _ACTION_LEAD.search(mid.replace("至少", ""))
    return m.group() if m else ""
