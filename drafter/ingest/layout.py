"""Printed pages → paragraphs: shared by the readers of page formats (PDF, OFD).

A reader turns each page into :class:`Line` fragments (text with its box, y growing upwards);
this module puts them in reading order (two columns kept apart), removes running headers,
footers and page numbers, and joins the lines the page layout broke.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from drafter import rx
from drafter.ingest import furniture
from drafter.parse.metadata import is_title, normalize_date


@dataclass
class Line:
    """One printed line (or a fragment of one) with its position on the page."""

    text: str
    """The characters in reading order (no spaces invented between Chinese characters)."""
    x0: float
    """Left edge, in points."""
    x1: float
    """Right edge, in points."""
    top: float
    """Top edge, in points from the bottom of the page (y grows upwards)."""
    bottom: float
    """Bottom edge, likewise."""
    size: float
    """The font size most of its characters have, in points."""
    page: int
    """0-based page number."""
    left: float = 0.0
    """The left edge of the column this line sits in."""
    right: float = 0.0
    """The right edge of the column this line sits in."""


def page_lines(frags: list[Line], width: float) -> list[Line]:
    """The page's lines in reading order: full-width lines and column bands top to bottom."""
    if not frags:
        return []
    gutter = _gutter(frags, width)
    rows = sorted(frags, key=lambda f: (-round(f.top), f.x0))
    if gutter is None:
        lines = _merge_rows(rows)
        _set_edges(lines)
        return lines
    out: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []

    def close_band() -> None:
        for column in (left, right):
            merged = _merge_rows(column)
            _set_edges(merged)
            out.extend(merged)
            column.clear()

    for frag in rows:
        if frag.x1 <= gutter + 0.5:
            left.append(frag)
        elif frag.x0 >= gutter - 0.5:
            right.append(frag)
        else:
            close_band()
            frag.left, frag.right = frag.x0, frag.x1
            out.append(frag)
    close_band()
    return out


def _gutter(frags: list[Line], width: float) -> float | None:
    """The x of the white band between two columns, when the page has two."""
    if len(frags) < 12:
        return None
    best: tuple[int, float, float] | None = None
    x = width * 0.3
    while x <= width * 0.7:
        left = sum(f.x1 <= x for f in frags)
        right = sum(f.x0 >= x for f in frags)
        crossing = len(frags) - left - right
        if left >= 5 and right >= 5 and crossing <= 0.15 * len(frags):
            key = (crossing, abs(x - width / 2), x)
            if best is None or key < best:
                best = key
        x += 2.0
    return best[2] if best else None


def _merge_rows(frags: list[Line]) -> list[Line]:
    """Fragments on one baseline (sorted top-down, left-right) become one line."""
    lines: list[Line] = []
    for frag in sorted(frags, key=lambda f: (-round(f.top), f.x0)):
        if lines:
            last = lines[-1]
            mid, last_mid = (frag.top + frag.bottom) / 2, (last.top + last.bottom) / 2
            if abs(mid - last_mid) < 0.5 * max(frag.size, last.size) and frag.x0 >= last.x1 - 1:
                joiner = " " if frag.x0 - last.x1 > 0.9 * frag.size else ""
                last.text = _join(last.text, frag.text, joiner)
                last.x1 = frag.x1
                last.top, last.bottom = max(last.top, frag.top), min(last.bottom, frag.bottom)
                continue
        lines.append(Line(frag.text, frag.x0, frag.x1, frag.top, frag.bottom, frag.size,
                           frag.page))
    return lines


def _set_edges(lines: list[Line]) -> None:
    """Give each line the left and right edge of its column (robust to short lines)."""
    if not lines:
        return
    lefts = sorted(line.x0 for line in lines)
    rights = sorted(line.x1 for line in lines)
    left = lefts[len(lefts) // 10]
    right = rights[-1 - len(rights) // 10]
    for line in lines:
        line.left, line.right = left, right


def remove_running_lines(pages: list[list[Line]]) -> list[Line]:
    """Drop page numbers and the headers and footers that repeat at one place on most pages."""
    edge: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for page in pages:
        for line in _edge_lines(page):
            edge[_shape(line.text)].append((line.page, round(line.top)))
    running: set[tuple[str, float]] = set()
    # A third of the pages: headers that differ on odd and even pages still count.
    needed = max(2, -(-len(pages) // 3))
    for shape, places in edge.items():
        for _, y in places:
            if len({p for p, yy in places if abs(yy - y) <= 3}) >= needed:
                running.add((shape, y))
    kept: list[Line] = []
    for page in pages:
        edges = {id(line) for line in _edge_lines(page)}
        for line in page:
            if id(line) in edges and (
                furniture.is_page_number(line.text)
                or any(s == _shape(line.text) and abs(y - round(line.top)) <= 3 for s, y in running)
            ):
                continue
            kept.append(line)
    return kept


def _edge_lines(page: list[Line]) -> list[Line]:
    """The two top-most and two bottom-most lines: where running headers and footers sit."""
    ordered = sorted(page, key=lambda line: -line.top)
    return ordered[:2] + ordered[-2:] if len(ordered) > 4 else ordered


def _shape(text: str) -> str:
    """A line with its digits masked: 第3页 and 第4页 have one shape."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


_STARTS_BLOCK = rx.compile(r"^(?:[一二三四五六七八九十]{1,3}[、．]|[（(][一二三四五六七八九十]{1,4}[）)])")


def join_lines(lines: list[Line]) -> list[str]:
    """Join lines the layout broke: a line that runs to the column's right edge goes on
    in the next line, unless that one is indented, starts a heading or is in another size."""
    paragraphs: list[str] = []
    previous: Line | None = None
    for line in lines:
        if previous is not None and _continues(previous, line, paragraphs[-1]):
            paragraphs[-1] = _join(paragraphs[-1], line.text, "")
        else:
            paragraphs.append(line.text)
        previous = line
    return paragraphs


def _continues(prev: Line, line: Line, paragraph: str) -> bool:
    """Does ``line`` go on with the paragraph that ``prev`` (its last line) belongs to?"""
    size = max(prev.size, line.size)
    if abs(prev.size - line.size) > 0.15 * size:
        return False
    if prev.right - prev.left < 8 * prev.size:
        return False  # a narrow block (a table cell, a signature): keep its lines apart
    if _STARTS_BLOCK.match(line.text) or (_STARTS_ITEM.match(line.text) and (
        _HEADING.match(paragraph) or prev.text.endswith(("。", "；", "：", ":"))
    )):
        return False  # a heading or an item starts a line of its own
    if is_title(prev.text) or normalize_date(line.text) or normalize_date(prev.text):
        return False  # a title, a signature's date: whole lines by what they say
    # A line may stop short of the edge by a character or two where punctuation may not
    # begin or end a line (“ … ”); after a sentence end, only a full line goes on.
    room = 1.2 if prev.text.endswith(_SENTENCE_END) else 3.2
    if prev.x1 < prev.right - room * prev.size:
        return False
    if line.x0 > line.left + 0.8 * line.size:
        # Indented: a new paragraph, unless both lines are centred (a wrapped title).
        return _centred(prev) and _centred(line)
    return True


def _centred(line: Line) -> bool:
    return abs((line.x0 + line.x1) / 2 - (line.left + line.right) / 2) < line.size


_HEADING = rx.compile(r"^[一二三四五六七八九十]{1,3}[、．][^。]{1,38}$")
_STARTS_ITEM = rx.compile(r"^(?:[一二三四五六七八九十]{1,3}是|\d{1,2}[.．、])")


_SENTENCE_END = ("。", "！", "？", "；", "：", ":", "!", "?", ";")


def _join(left: str, right: str, joiner: str) -> str:
    """Two pieces of one line (``joiner`` = " " when a visible gap parted them) or two lines
    of one paragraph (``joiner`` = ""). Between Chinese characters nothing is ever added;
    across a line break only two Latin words are parted by a space (76|0 stays 760)."""
    a, b = left[-1:], right[:1]
    latin = a.isascii() and a.isalpha() and b.isascii() and b.isalpha()
    if joiner:
        if a.isascii() and a.isalnum() and b.isascii() and b.isalnum():
            return f"{left} {right}"
        return left + right
    return f"{left} {right}" if latin else left + right
