"""Offsets in a text as the TextArea's (row, column) locations."""

from __future__ import annotations


def location(text: str, offset: int) -> tuple[int, int]:
    """The (row, column) of character ``offset`` of ``text``."""
    before = text[:offset]
    return before.count("\n"), offset - (before.rfind("\n") + 1)


def first_difference(old: str, new: str) -> int:
    """Where ``new`` starts to differ from ``old`` (the end of the shorter when one is the
    other's start)."""
    for i, (a, b) in enumerate(zip(old, new, strict=False)):
        if a != b:
            return i
    return min(len(old), len(new))
