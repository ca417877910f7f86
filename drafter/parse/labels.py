"""Recognising the numbering label at the start of a line, at every level."""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter import rx
from drafter.numbering import CN_NUMERAL_CHARS, cn_to_int

_CN = f"[{CN_NUMERAL_CHARS}]"

SECTION = "section"
"""一、"""
PAREN = "paren"
"""（一）"""
SHI = "shi"
"""一是"""
ARABIC = "arabic"
"""1. 1、 1．"""
SUB_PAREN = "sub-paren"
"""（1）"""


@dataclass(frozen=True)
class Label:
    """A label found at the start of a line."""

    kind: str
    """One of SECTION, PAREN, SHI, ARABIC, SUB_PAREN."""
    number: int
    """Its value (一 → 1)."""
    text: str
    """The label as written, normalised to full-width brackets: ``（十三）``."""
    rest: str
    """The line after the label."""
    broken: bool = False
    """True when the label was repaired (missing bracket, bare numeral)."""


_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (PAREN, rx.compile(rf"^[（(]\s*({_CN}{{1,4}})\s*[）)]\s*")),
    (SUB_PAREN, rx.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*")),
    (SECTION, rx.compile(rf"^({_CN}{{1,3}})\s*[、．.]\s*")),
    (SHI, rx.compile(rf"^({_CN}{{1,3}})是(?![否非])")),
    (ARABIC, rx.compile(r"^(\d{1,2})\s*(?:[.．、](?!\d)|\s)\s*")),
)
_BROKEN_PAREN = rx.compile(rf"^({_CN}{{1,4}})[）)]\s*")
_BARE = rx.compile(rf"^({_CN}{{2,4}})(?=[\u4e00-\u9fff])")


def find_label(line: str) -> Label | None:
    """The label at the start of ``line``, if any (not the broken forms)."""
    for kind, pattern in _PATTERNS:
        m = pattern.match(line)
        if m:
            number = int(m.group(1)) if kind in (ARABIC, SUB_PAREN) else cn_to_int(m.group(1))
            if number is None or number <= 0:
                continue
            return Label(kind, number, _render(kind, m.group(1)), line[m.end():])
    return None


def find_broken_paren(line: str, expected: int) -> Label | None:
    """A （N） label written badly: ``十三)`` without its opening bracket, or a bare
    numeral ``三十一科学编制…`` — accepted only when it is the number expected next."""
    m = _BROKEN_PAREN.match(line)
    if m and cn_to_int(m.group(1)) == expected:
        return Label(PAREN, expected, f"（{m.group(1)}）", line[m.end():], broken=True)
    m = _BARE.match(line)
    if m:
        for size in range(len(m.group(1)), 1, -1):
            if cn_to_int(m.group(1)[:size]) == expected:
                return Label(PAREN, expected, f"（{m.group(1)[:size]}）", line[size:], broken=True)
    return None


def _render(kind: str, raw: str) -> str:
    if kind == PAREN:
        return f"（{raw}）"
    if kind == SUB_PAREN:
        return f"（{raw}）"
    if kind == SECTION:
        return f"{raw}、"
    if kind == SHI:
        return f"{raw}是"
    return f"{raw}."
