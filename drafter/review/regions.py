"""Where each stretch of a reviewed document's old text belongs: title, preamble, a section
heading, a section's intro, an item, or outside the plan (notice, signature).

The reviewed text is parsed as a plan by drafter's own parser; each part of that plan is then
found again in the old text, in order, so that any offset can be named.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from drafter import rx
from drafter.model import Plan

Key = tuple[object, ...]
"""``("title",)``, ``("preamble",)``, ``("section", si)``, ``("intro", si)``,
``("item", si, ii)`` or ``("outside",)``; indexes are 0-based into the reviewed plan."""

_SPACE = rx.compile(r"\s+")


@dataclass(frozen=True)
class Region:
    """A stretch of old text that one part of the reviewed plan covers."""

    start: int
    """Offset where the region starts (its line start, or its label)."""
    content: int
    """Offset where its own words start (after a label such as （三）)."""
    key: Key
    """Which part of the reviewed plan it is."""


class Regions:
    """The regions of a reviewed document, in order, with lookups by offset."""

    def __init__(self, regions: list[Region], length: int) -> None:
        self.regions = regions
        self.starts = [r.start for r in regions]
        self.length = length

    def at(self, offset: int) -> int:
        """Index of the region holding ``offset``."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def end(self, index: int) -> int:
        """Where region ``index`` ends (the next region's start, or the text's end)."""
        return self.starts[index + 1] if index + 1 < len(self.starts) else self.length


def find_regions(text: str, plan: Plan) -> Regions:
    """Locate every part of ``plan`` (parsed from ``text``) in ``text``, in reading order."""
    regions = [Region(0, 0, ("outside",))]
    cursor = 0
    if plan.meta.title:
        at = _find(text, plan.meta.title, cursor)
        if at is not None:
            line = _line_start(text, at)
            regions.append(Region(line, at, ("title",)))
            cursor = _line_end(text, at)
            regions.append(Region(cursor, cursor, ("preamble",)))
    for si, section in enumerate(plan.sections):
        needle = section.label + section.title if section.label else section.title
        at = _find(text, needle, cursor) if needle else None
        if at is not None:
            line = _line_start(text, at)
            regions.append(Region(line, at + len(section.label), ("section", si)))
            cursor = _line_end(text, at)
            regions.append(Region(cursor, cursor, ("intro", si)))
        for ii, item in enumerate(section.items):
            head = (item.heading or item.text)[:16]
            at = _find(text, item.label + head, cursor) if item.label else None
            content = at + len(item.label) if at is not None else None
            if at is None:
                content = at = _find(text, head, cursor)
            if at is None or content is None:
                continue
            line = _line_start(text, at)
            start = line if not text[line:at].strip() else at
            regions.append(Region(start, content, ("item", si, ii)))
            cursor = content + 1
    closing = _closing_start(text, plan, cursor)
    if closing is not None:
        regions.append(Region(closing, closing, ("outside",)))
    regions.sort(key=lambda r: r.start)
    # Two regions at one offset (an empty intro before the first item): the later one wins.
    deduped: list[Region] = []
    for r in regions:
        if deduped and deduped[-1].start == r.start:
            deduped[-1] = r
        else:
            deduped.append(r)
    return Regions(deduped, len(text))


def _find(text: str, needle: str, start: int) -> int | None:
    """Where ``needle`` occurs from ``start``, ignoring whitespace differences."""
    needle = needle.strip()
    if not needle:
        return None
    at = text.find(needle, start)
    if at >= 0:
        return at
    short = _SPACE.sub("", needle)[:8]
    if len(short) >= 4:
        at = text.find(short, start)
        if at >= 0:
            return at
    return None


def _line_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end + 1


def _closing_start(text: str, plan: Plan, cursor: int) -> int | None:
    """Where the closing block (signature, date) starts after the last item, if found."""
    for needle in (*plan.closing, plan.meta.signature or ""):
        if needle:
            at = _find(text, needle, cursor)
            if at is not None:
                return _line_start(text, at)
    return None
